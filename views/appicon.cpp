#include "views/appicon.h"

#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace Dockmaster {
namespace {

QPixmap drawIcon(int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const qreal s = size;
    QLinearGradient background(0, 0, 0, s);
    background.setColorAt(0, QColor(0x2e, 0x86, 0xde));
    background.setColorAt(1, QColor(0x1b, 0x4f, 0x8a));
    QPainterPath tile;
    tile.addRoundedRect(QRectF(0, 0, s, s).adjusted(s * 0.04, s * 0.04, -s * 0.04, -s * 0.04), s * 0.2, s * 0.2);
    painter.fillPath(tile, background);
    // Three stacked containers on a quay line: apps on a host.
    painter.setPen(Qt::NoPen);
    const QColor box(0xf5, 0xf7, 0xfa);
    const qreal w = s * 0.22;
    const qreal h = s * 0.16;
    const qreal base = s * 0.7;
    painter.setBrush(box);
    painter.drawRoundedRect(QRectF(s * 0.2, base - h, w, h), s * 0.03, s * 0.03);
    painter.drawRoundedRect(QRectF(s * 0.2 + w + s * 0.04, base - h, w, h), s * 0.03, s * 0.03);
    painter.setBrush(QColor(0xf3, 0x9c, 0x12));
    painter.drawRoundedRect(QRectF(s * 0.2 + (w + s * 0.04) / 2, base - 2 * h - s * 0.04, w, h), s * 0.03, s * 0.03);
    painter.setBrush(box);
    painter.drawRect(QRectF(s * 0.14, base + s * 0.05, s * 0.72, s * 0.05));
    return pixmap;
}

} // namespace

QIcon appIcon()
{
    // The installed icon (share/icons/hicolor/.../<app id>), so the window,
    // the tray and the application menu show the same picture. Run from the
    // build tree, where no theme has it, the same design drawn here.
    QIcon drawn;
    for (int size : { 16, 22, 32, 48, 64, 128, 256 })
        drawn.addPixmap(drawIcon(size));
    return QIcon::fromTheme(QStringLiteral(DOCKMASTER_APP_ID), drawn);
}

} // namespace Dockmaster
