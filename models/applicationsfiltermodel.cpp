#include "applicationsfiltermodel.h"

#include "modelroles.h"

namespace Dockmaster {

ApplicationsFilterModel::ApplicationsFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(Roles::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void ApplicationsFilterModel::setSearchText(const QString &text)
{
    // Every word must match somewhere, in any order: "shop prod" finds the
    // shop app's production domain.
    const QStringList terms = text.toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (terms == m_searchTerms)
        return;
    m_searchTerms = terms;
    invalidateFilter();
}

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

bool ApplicationsFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_status.isEmpty() && index.data(Roles::StatusRole).toString() != m_status)
        return false;
    if (m_environment && !index.data(Roles::EnvironmentRole).toStringList().contains(environmentKey(*m_environment)))
        return false;
    if (!m_host.isEmpty() && !index.data(Roles::HostsRole).toStringList().contains(m_host))
        return false;
    if (m_searchTerms.isEmpty())
        return true;
    const QString haystack = index.data(Roles::SearchTextRole).toString();
    for (const QString &term : m_searchTerms) {
        if (!haystack.contains(term))
            return false;
    }
    return true;
}

} // namespace Dockmaster
