#pragma once

#include <QAbstractItemModel>
#include <QWidget>

class QLineEdit;
class QSplitter;
class QVBoxLayout;
class QTreeView;

namespace Dockmaster {

class SearchFilterModel;

// A panel built around a filterable table: a search field (Ctrl+F in the main
// window focuses the one of whichever panel the user worked in last) over a
// table of the panel's filter proxy. Subclasses add their own filters,
// details and layout around the two.
class FilterablePanel : public QWidget
{
    Q_OBJECT
public:
    QTreeView *view() const { return m_view; }
    void focusFilter();
    // Makes row `sourceRow` of the panel's model the current one and scrolls
    // to it. Filters that hide it are cleared first: the admin asked for this
    // row by name. False when the row does not exist.
    bool showSourceRow(int sourceRow);

protected:
    FilterablePanel(const QString &searchPlaceholder, const QString &searchName, const QString &tableName,
                    QWidget *parent);
    // The table shows `filter` over `source`; the search field feeds the filter.
    void showFiltered(SearchFilterModel *filter, QAbstractItemModel *source);
    // The table above `below` in a vertical splitter, sized tableStretch : belowStretch.
    QSplitter *tableAbove(QWidget *below, int tableStretch, int belowStretch);
    // The panel's own layout, with the margins every panel has.
    QVBoxLayout *panelLayout();
    // Sets the panel's own filters (beyond the search field) to show everything.
    virtual void clearChoiceFilters() { }
    // Calls `slot` whenever rows of `model` come, go, change or are reset.
    template<typename Slot> void whenRowsChange(QAbstractItemModel *model, Slot slot)
    {
        connect(model, &QAbstractItemModel::rowsInserted, this, slot);
        connect(model, &QAbstractItemModel::rowsRemoved, this, slot);
        connect(model, &QAbstractItemModel::dataChanged, this, slot);
        connect(model, &QAbstractItemModel::modelReset, this, slot);
    }

    QLineEdit *const m_search;
    QTreeView *const m_view;
};

} // namespace Dockmaster
