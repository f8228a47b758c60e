#include "models/dns/dnsreconciliationmodel.h"

#include "models/modelroles.h"

#include <QBrush>
#include <QColor>

namespace Dockmaster {

QString DnsReconciliationModel::keyOf(const DnsComparison &item) const
{
    // The expected line of a name sorts before its extras.
    if (item.state == DnsRecordState::Extra)
        return item.name + QStringLiteral("\n1\n") + item.actualAddress;
    return item.name + QStringLiteral("\n0");
}

QVariant DnsReconciliationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DnsComparison &line = itemAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case EnvironmentColumn:
            return line.label;
        case NameColumn:
            return line.name;
        case ExpectedColumn:
            return line.expectedAddress.isEmpty() ? tr("(none)") : line.expectedAddress;
        case ActualColumn:
            return line.actualAddress.isEmpty() ? tr("(none)") : line.actualAddress;
        case StateColumn:
            return dnsRecordStateDisplayName(line.state);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == StateColumn && line.state == DnsRecordState::Drift)
            return tr("%1 points to %2 instead of %3.").arg(line.name, line.actualAddress, line.expectedAddress);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == StateColumn && line.state != DnsRecordState::Ok)
            return QBrush(QColor(0xc0, 0x39, 0x2b));
        return {};
    case Roles::StatusRole:
        return dnsRecordStateKey(line.state);
    case Roles::RecordRole:
        return QVariant::fromValue(line);
    case Roles::SortRole:
        return keyOf(line);
    default:
        return {};
    }
}

QVariant DnsReconciliationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case EnvironmentColumn:
        return tr("Environment");
    case NameColumn:
        return tr("Name");
    case ExpectedColumn:
        return tr("Expected address");
    case ActualColumn:
        return tr("Address at the provider");
    case StateColumn:
        return tr("State");
    default:
        return {};
    }
}

} // namespace Dockmaster
