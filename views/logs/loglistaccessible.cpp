#include "views/logs/loglistaccessible.h"

#include "views/logs/loglistview.h"

namespace Dockmaster {

namespace {

// One line in view: its text, where it is, whether it is selected.
class LogLineAccessible final : public QAccessibleInterface
{
public:
    LogLineAccessible(const LogListAccessible *list, int index)
        : m_list(list)
        , m_index(index)
    {
    }

    bool isValid() const override { return m_list->isValid() && m_index < m_list->childCount(); }
    QObject *object() const override { return nullptr; }
    QWindow *window() const override { return m_list->window(); }
    QAccessibleInterface *childAt(int, int) const override { return nullptr; }
    QAccessibleInterface *parent() const override { return const_cast<LogListAccessible *>(m_list); }
    QAccessibleInterface *child(int) const override { return nullptr; }
    int childCount() const override { return 0; }
    int indexOfChild(const QAccessibleInterface *) const override { return -1; }
    QString text(QAccessible::Text t) const override
    {
        return t == QAccessible::Name && isValid() ? m_list->lineText(m_index) : QString();
    }
    void setText(QAccessible::Text, const QString &) override { }
    QRect rect() const override { return isValid() ? m_list->lineRect(m_index) : QRect(); }
    QAccessible::Role role() const override { return QAccessible::ListItem; }
    QAccessible::State state() const override
    {
        QAccessible::State state;
        state.selectable = true;
        state.readOnly = true;
        state.selected = isValid() && m_list->isLineSelected(m_index);
        return state;
    }

private:
    const LogListAccessible *m_list;
    int m_index;
};

} // namespace

LogListAccessible::LogListAccessible(LogListView *view)
    : QAccessibleWidget(view, QAccessible::List)
{
}

LogListAccessible::~LogListAccessible()
{
    for (QAccessible::Id id : std::as_const(m_items)) {
        if (id)
            QAccessible::deleteAccessibleInterface(id);
    }
}

QAccessibleInterface *LogListAccessible::factory(const QString &className, QObject *object)
{
    auto *view = qobject_cast<LogListView *>(object);
    if (view && className == QLatin1String(LogListView::staticMetaObject.className()))
        return new LogListAccessible(view);
    return nullptr;
}

LogListView *LogListAccessible::view() const
{
    return static_cast<LogListView *>(widget());
}

int LogListAccessible::rowOf(int index) const
{
    return view()->topRow() + index;
}

int LogListAccessible::childCount() const
{
    const LogListView *list = view();
    if (!list->model())
        return 0;
    return qBound(0, list->model()->rowCount() - list->topRow(), list->visibleRowCount());
}

QAccessibleInterface *LogListAccessible::child(int index) const
{
    if (index < 0 || index >= childCount())
        return nullptr;
    if (m_items.size() <= index)
        m_items.resize(index + 1, 0);
    if (!m_items.at(index))
        m_items[index] = QAccessible::registerAccessibleInterface(new LogLineAccessible(this, index));
    return QAccessible::accessibleInterface(m_items.at(index));
}

int LogListAccessible::indexOfChild(const QAccessibleInterface *child) const
{
    if (!child)
        return -1;
    return int(m_items.indexOf(QAccessible::uniqueId(const_cast<QAccessibleInterface *>(child))));
}

QAccessibleInterface *LogListAccessible::childAt(int x, int y) const
{
    const QPoint local = view()->viewport()->mapFromGlobal(QPoint(x, y));
    const int row = view()->rowAt(local);
    return row < 0 ? nullptr : child(row - view()->topRow());
}

QString LogListAccessible::lineText(int index) const
{
    return view()->lineText(rowOf(index));
}

QRect LogListAccessible::lineRect(int index) const
{
    const QRect local = view()->rowRect(rowOf(index));
    return QRect(view()->viewport()->mapToGlobal(local.topLeft()), local.size());
}

bool LogListAccessible::isLineSelected(int index) const
{
    const QPair<int, int> rows = view()->selectedRows();
    const int row = rowOf(index);
    return rows.first >= 0 && row >= rows.first && row <= rows.second;
}

} // namespace Dockmaster
