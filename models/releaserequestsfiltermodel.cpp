#include "models/releaserequestsfiltermodel.h"

#include "models/modelroles.h"

namespace Dockmaster {

void ReleaseRequestsFilterModel::setEnvironment(std::optional<Environment> environment)
{
    if (environment == m_environment)
        return;
    m_environment = environment;
    invalidateFilter();
}

bool ReleaseRequestsFilterModel::acceptsRow(const QModelIndex &index) const
{
    return !m_environment || index.data(Roles::EnvironmentRole).toString() == environmentKey(*m_environment);
}

} // namespace Dockmaster
