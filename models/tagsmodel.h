#pragma once

#include "core/domain/records.h"

#include <QAbstractTableModel>

namespace Dockmaster {

// Tags of one app's code repository, newest first, with which tag is live in
// test and production. Rows are handed to the view in batches through
// canFetchMore()/fetchMore() so an app with thousands of tags opens at once.
class TagsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, LiveColumn, DateColumn, AuthorColumn, ShaColumn, MessageColumn, COUNT };
    static constexpr int BatchSize = 50;

    using QAbstractTableModel::QAbstractTableModel;

    // Replaces the tags (a different app was selected); shows the first batch.
    void setTags(const QString &appId, QList<TagRecord> tags);
    // SHAs the environment branches point at; marks the matching tags.
    void setLiveShas(const QString &testSha, const QString &productionSha);
    QString liveSha(Environment environment) const
    {
        return environment == Environment::Production ? m_productionSha : m_testSha;
    }
    QString appId() const { return m_appId; }
    int totalCount() const { return int(m_tags.size()); }

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : m_visible; }
    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : COUNT; }
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

private:
    QString liveText(const TagRecord &tag) const;

    QString m_appId;
    QList<TagRecord> m_tags;
    int m_visible = 0;
    QString m_testSha;
    QString m_productionSha;
};

} // namespace Dockmaster
