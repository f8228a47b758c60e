#pragma once

#include <QMainWindow>

namespace Dockmaster {

class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace Dockmaster
