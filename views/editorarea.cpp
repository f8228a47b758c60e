#include "views/editorarea.h"

namespace Dockmaster {

void EditorArea::tabInserted(int index)
{
    QTabWidget::tabInserted(index);
    if (m_pagesChanged)
        m_pagesChanged();
}

void EditorArea::tabRemoved(int index)
{
    QTabWidget::tabRemoved(index);
    if (m_pagesChanged)
        m_pagesChanged();
}

} // namespace Dockmaster
