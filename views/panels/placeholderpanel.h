#pragma once

#include <QLabel>

namespace Dockmaster {

// A panel that explains what it will show once something is selected.
class PlaceholderPanel final : public QLabel
{
    Q_OBJECT
public:
    PlaceholderPanel(const QString &objectName, const QString &accessibleName, const QString &hint,
                     QWidget *parent = nullptr);
};

} // namespace Dockmaster
