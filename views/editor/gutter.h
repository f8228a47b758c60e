#pragma once

#include <QWidget>

#include <functional>

namespace Dockmaster {

// The strip on the left of a text view (an editor's line numbers, a diff's
// old and new line numbers); the view sizes it and paints it.
class Gutter final : public QWidget
{
public:
    Gutter(QWidget *view, std::function<int()> width, std::function<void(QPaintEvent *)> paint)
        : QWidget(view)
        , m_width(std::move(width))
        , m_paint(std::move(paint))
    {
    }
    QSize sizeHint() const override { return { m_width(), 0 }; }

protected:
    void paintEvent(QPaintEvent *event) override { m_paint(event); }

private:
    std::function<int()> m_width;
    std::function<void(QPaintEvent *)> m_paint;
};

} // namespace Dockmaster
