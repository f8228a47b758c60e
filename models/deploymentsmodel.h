#pragma once

#include "core/domain/records.h"
#include "models/mergingtablemodel.h"

namespace Dockmaster {

// Deployment history of one app (both environments), newest first.
class DeploymentsModel final : public MergingTableModel<DeploymentRecord>
{
    Q_OBJECT
public:
    enum Column { EnvironmentColumn, WhenColumn, RefColumn, ShaColumn, UserColumn, StatusColumn, COUNT };

    using MergingTableModel::MergingTableModel;

    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : COUNT; }
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString statusDisplayName(const QString &status);

protected:
    // Descending id order: the key inverts the id so the newest sorts first.
    QString keyOf(const DeploymentRecord &deployment) const override;
};

} // namespace Dockmaster
