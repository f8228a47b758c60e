#pragma once

#include <QSortFilterProxyModel>
#include <QStringList>

namespace Dockmaster {

// Free-text filtering over Roles::SearchTextRole: every word typed must
// appear somewhere in the row, in any order ("shop prod" finds the shop
// app's production domain). Subclasses add typed filters via acceptsRow().
class SearchFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit SearchFilterModel(QObject *parent = nullptr);

    void setSearchText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const final;
    virtual bool acceptsRow(const QModelIndex &firstColumn) const;

private:
    QStringList m_searchTerms;
};

} // namespace Dockmaster
