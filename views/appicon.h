#pragma once

#include <QIcon>

namespace Dockmaster {

// Dockmaster's icon, drawn at each size rather than shipped as an image so it
// stays sharp everywhere (window, task bar, system tray).
QIcon appIcon();

} // namespace Dockmaster
