#include "models/searchfiltermodel.h"

#include "models/modelroles.h"

namespace Dockmaster {

SearchFilterModel::SearchFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(Roles::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void SearchFilterModel::setSearchText(const QString &text)
{
    const QStringList terms = text.toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (terms == m_searchTerms)
        return;
    m_searchTerms = terms;
    invalidateFilter();
}

bool SearchFilterModel::acceptsRow(const QModelIndex &) const
{
    return true;
}

bool SearchFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!acceptsRow(index))
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
