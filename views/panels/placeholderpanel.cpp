#include "views/panels/placeholderpanel.h"

namespace Dockmaster {

PlaceholderPanel::PlaceholderPanel(const QString &objectName, const QString &accessibleName, const QString &hint,
                                   QWidget *parent)
    : QLabel(hint, parent)
{
    setObjectName(objectName);
    setAccessibleName(accessibleName);
    setAlignment(Qt::AlignCenter);
    setWordWrap(true);
    setMargin(16);
    setEnabled(false); // rendered greyed: it is a hint, not content
}

} // namespace Dockmaster
