#include "app/windowpicture.h"

#include <QApplication>
#include <QPainter>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <cstdio>

namespace Dockmaster {
namespace {

// Long enough for the cache to be read and the first paint to land, on a busy machine too.
constexpr int SettleMs = 4000;

} // namespace

QImage windowPicture(QWidget *window)
{
    QImage image = window->grab().toImage();
    QPainter painter(&image);
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        if (widget == window || !widget->isVisible() || !widget->isWindow())
            continue;
        const QPoint offset = widget->geometry().topLeft() - window->geometry().topLeft();
        painter.drawPixmap(offset, widget->grab());
    }
    return image;
}

void saveWindowPictureAndQuit(QWidget *window, const QString &filePath)
{
    QTimer::singleShot(SettleMs, window, [window = QPointer<QWidget>(window), filePath] {
        const bool saved = window && windowPicture(window).save(filePath);
        std::fprintf(saved ? stdout : stderr, "%s %s\n", saved ? "screenshot:" : "could not write the screenshot",
                     qPrintable(filePath));
        QCoreApplication::exit(saved ? 0 : 1);
    });
}

} // namespace Dockmaster
