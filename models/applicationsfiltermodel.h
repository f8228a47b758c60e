#pragma once

#include "domain/environment.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace Dockmaster {

// Filters the Applications table by free text, environment, host and status.
class ApplicationsFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit ApplicationsFilterModel(QObject *parent = nullptr);

    void setSearchText(const QString &text);
    void setEnvironment(std::optional<Environment> environment); // nullopt: any
    void setHost(const QString &host);                           // empty: any
    void setStatus(const QString &status);                       // empty: any

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QStringList m_searchTerms;
    std::optional<Environment> m_environment;
    QString m_host;
    QString m_status;
};

} // namespace Dockmaster
