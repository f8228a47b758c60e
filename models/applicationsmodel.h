#pragma once

#include "domain/records.h"
#include "mergingtablemodel.h"

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
        COUNT
    };

    using MergingTableModel::MergingTableModel;

    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : COUNT; }
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString statusDisplayName(const QString &status);
    static QString versionText(const EnvironmentState *state);

protected:
    QString keyOf(const AppRecord &app) const override { return app.id; }
};

} // namespace Dockmaster
