#pragma once

#include <QAccessibleWidget>

namespace Dockmaster {

class LogListView;

// What a screen reader reads of the log view. The view paints its lines
// itself (no item view underneath), so without this it is one empty box: here
// the lines in view are a list of items named by their text, the way a
// sighted admin sees them; the rest are a scroll away for both.
class LogListAccessible final : public QAccessibleWidget
{
public:
    explicit LogListAccessible(LogListView *view);
    ~LogListAccessible() override;

    // For QAccessible::installFactory(): the interface of every LogListView.
    static QAccessibleInterface *factory(const QString &className, QObject *object);

    int childCount() const override;
    QAccessibleInterface *child(int index) const override;
    int indexOfChild(const QAccessibleInterface *child) const override;
    QAccessibleInterface *childAt(int x, int y) const override;

    // The `index`-th line in view.
    QString lineText(int index) const;
    QRect lineRect(int index) const; // in screen coordinates
    bool isLineSelected(int index) const;

private:
    LogListView *view() const;
    int rowOf(int index) const;

    // The items, one per place in view (not per line: lines scroll past).
    mutable QList<QAccessible::Id> m_items;
};

} // namespace Dockmaster
