#pragma once

#include "core/domain/records.h"
#include "core/health/healthtypes.h"
#include "models/mergingtablemodel.h"

#include <QHash>
#include <QSet>

#include <functional>

namespace Dockmaster {

// The Applications panel's table: one row per app, from the cache and sync.
class ApplicationsModel final : public MergingTableModel<AppRecord>
{
    Q_OBJECT
public:
    enum Column {
        IdColumn,
        NameColumn,
        OwnerColumn,
        StatusColumn,
        TestVersionColumn,
        ProductionVersionColumn,
        HostColumn,
        DomainsColumn,
        HealthColumn, // serving / on fallback since ... (live health)
        COUNT
    };

    using MergingTableModel::MergingTableModel;

    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : COUNT; }
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Live health of an app's environments (empty: not watched); updates one cell.
    void setHealth(const QString &appId, const QList<AppHealth> &health);
    // Many at once: one dataChanged for the column when many rows changed.
    void setHealth(const QSet<QString> &appIds, const std::function<QList<AppHealth>(const QString &)> &healthOf);
    // The fallback durations grow: repaint the health column.
    void refreshHealthColumn();
    QList<AppHealth> healthOf(const QString &appId) const { return m_health.value(appId); }
    static QString healthText(const QList<AppHealth> &health, const QDateTime &now);

    static QString statusDisplayName(const QString &status);
    static QString versionText(const EnvironmentState *state);

protected:
    QString keyOf(const AppRecord &app) const override { return app.id; }

private:
    QHash<QString, QList<AppHealth>> m_health;
};

} // namespace Dockmaster
