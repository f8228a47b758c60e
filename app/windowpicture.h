#pragma once

#include <QImage>

class QWidget;

namespace Dockmaster {

// `dockmaster --screenshot FILE`: a picture of the window as the user would
// see it, for bug reports and the documentation, taken on any platform
// including the offscreen one (no display, no screen grab permission).
// Dialogs open over the window (e.g. the first-run profile dialog) are drawn
// at their place on top of it.
QImage windowPicture(QWidget *window);

// Saves the picture once start-up has settled, then ends the application
// with 0, or 1 when the file could not be written.
void saveWindowPictureAndQuit(QWidget *window, const QString &filePath);

} // namespace Dockmaster
