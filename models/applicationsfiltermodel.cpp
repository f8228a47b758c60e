#include "models/applicationsfiltermodel.h"

#include "models/modelroles.h"

namespace Dockmaster {

void ApplicationsFilterModel::setEnvironment(std::optional<Environment> environment)
{
    if (environment == m_environment)
        return;
    m_environment = environment;
    invalidateFilter();
}

void ApplicationsFilterModel::setHost(const QString &host)
{
    if (host == m_host)
        return;
    m_host = host;
    invalidateFilter();
}

void ApplicationsFilterModel::setStatus(const QString &status)
{
    if (status == m_status)
        return;
    m_status = status;
    invalidateFilter();
}

bool ApplicationsFilterModel::acceptsRow(const QModelIndex &index) const
{
    if (!m_status.isEmpty() && index.data(Roles::StatusRole).toString() != m_status)
        return false;
    if (m_environment && !index.data(Roles::EnvironmentRole).toStringList().contains(environmentKey(*m_environment)))
        return false;
    return m_host.isEmpty() || index.data(Roles::HostsRole).toStringList().contains(m_host);
}

} // namespace Dockmaster
