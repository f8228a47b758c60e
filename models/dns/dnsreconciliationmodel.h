#pragma once

#include "core/dns/dnsrecord.h"
#include "models/mergingtablemodel.h"

namespace Dockmaster {

// Table of expected-versus-actual DNS lines for one app. Refreshes merge row
// by row, so the selection survives a re-check.
class DnsReconciliationModel final : public MergingTableModel<DnsComparison>
{
    Q_OBJECT
public:
    enum Column { EnvironmentColumn, NameColumn, ExpectedColumn, ActualColumn, StateColumn, COUNT };
    Q_ENUM(Column)

    using MergingTableModel::MergingTableModel;

    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : COUNT; }
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public Q_SLOTS:
    void setComparisons(const QList<Dockmaster::DnsComparison> &comparisons) { setItems(comparisons); }

protected:
    QString keyOf(const DnsComparison &item) const override;
};

} // namespace Dockmaster
