#include "models/auditfiltermodel.h"

#include "models/modelroles.h"

namespace Dockmaster {

void AuditFilterModel::setAction(const QString &action)
{
    if (action == m_action)
        return;
    m_action = action;
    invalidateFilter();
}

bool AuditFilterModel::acceptsRow(const QModelIndex &firstColumn) const
{
    return m_action.isEmpty() || firstColumn.data(Roles::StatusRole).toString() == m_action;
}

} // namespace Dockmaster
