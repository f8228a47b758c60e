#pragma once

#include "core/domain/records.h"
#include "models/mergingtablemodel.h"

namespace Dockmaster {

// The local audit trail, newest first. Actions are stable keys
// ("release.approve", "deploy.rollback", "config.commit", ...) shown translated.
class AuditLogModel final : public MergingTableModel<AuditEntry>
{
    Q_OBJECT
public:
    enum Column { WhenColumn, ActorColumn, ActionColumn, AppColumn, EnvironmentColumn, DetailColumn, COUNT };

    using MergingTableModel::MergingTableModel;

    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : COUNT; }
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString actionDisplayName(const QString &action);
    static QStringList knownActions();

protected:
    QString keyOf(const AuditEntry &entry) const override;
};

} // namespace Dockmaster
