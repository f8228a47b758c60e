#include "mainwindow.h"

namespace Dockmaster {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Dockmaster"));
}

} // namespace Dockmaster
