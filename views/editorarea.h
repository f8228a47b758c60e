#pragma once

#include <QTabWidget>

#include <functional>

namespace Dockmaster {

// The window's centre: one tab per open configuration editor. Says when a
// page comes or goes, so the window can give the centre back to the panels
// while nothing is open.
class EditorArea final : public QTabWidget
{
public:
    using QTabWidget::QTabWidget;

    void setPagesChanged(std::function<void()> pagesChanged) { m_pagesChanged = std::move(pagesChanged); }

protected:
    void tabInserted(int index) override;
    void tabRemoved(int index) override;

private:
    std::function<void()> m_pagesChanged;
};

} // namespace Dockmaster
