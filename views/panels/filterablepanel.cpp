#include "views/panels/filterablepanel.h"

#include "models/searchfiltermodel.h"
#include "views/panels/filterwidgets.h"

#include <QAbstractProxyModel>
#include <QLineEdit>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

namespace Dockmaster {

FilterablePanel::FilterablePanel(const QString &searchPlaceholder, const QString &searchName, const QString &tableName,
                                 QWidget *parent)
    : QWidget(parent)
    , m_search(FilterWidgets::searchField(searchPlaceholder, searchName, this))
    , m_view(FilterWidgets::table(nullptr, tableName, this))
{
}

void FilterablePanel::showFiltered(SearchFilterModel *filter, QAbstractItemModel *source)
{
    filter->setSourceModel(source);
    m_view->setModel(filter);
    connect(m_search, &QLineEdit::textChanged, filter, &SearchFilterModel::setSearchText);
}

QSplitter *FilterablePanel::tableAbove(QWidget *below, int tableStretch, int belowStretch)
{
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(below);
    splitter->setStretchFactor(0, tableStretch);
    splitter->setStretchFactor(1, belowStretch);
    return splitter;
}

QVBoxLayout *FilterablePanel::panelLayout()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    return layout;
}

bool FilterablePanel::showSourceRow(int sourceRow)
{
    auto *filter = qobject_cast<QAbstractProxyModel *>(m_view->model());
    if (!filter || !filter->sourceModel() || sourceRow < 0 || sourceRow >= filter->sourceModel()->rowCount())
        return false;
    const auto shown = [filter, sourceRow] {
        return filter->mapFromSource(filter->sourceModel()->index(sourceRow, 0));
    };
    if (!shown().isValid()) {
        m_search->clear();
        clearChoiceFilters();
    }
    const QModelIndex index = shown();
    if (!index.isValid())
        return false;
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
    return true;
}

void FilterablePanel::focusFilter()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

} // namespace Dockmaster
