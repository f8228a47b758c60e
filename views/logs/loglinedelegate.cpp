#include "views/logs/loglinedelegate.h"

#include "models/logs/logfilter.h"
#include "models/logs/logmodelroles.h"

#include <QPainter>
#include <QTextLayout>

namespace Dockmaster {
namespace {
// Drawing a megabyte-long line helps nobody and costs a frame.
constexpr qsizetype MaxPaintedChars = 4000;

QColor highlightColor(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() > 128 ? QColor(0xff, 0xe0, 0x66) : QColor(0x80, 0x66, 0x00);
}
} // namespace

QList<std::pair<int, int>> LogLineDelegate::highlights(const QString &message) const
{
    return m_matcher ? m_matcher->highlights(message) : QList<std::pair<int, int>>();
}

int LogLineDelegate::messageHeight(const QString &message, const QFont &font, int width) const
{
    const QFontMetrics metrics(font);
    if (!m_wrap || width <= 0)
        return metrics.height();
    QTextLayout layout(message.left(MaxPaintedChars), font);
    QTextOption textOption;
    textOption.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(textOption);
    layout.beginLayout();
    int lines = 0;
    while (true) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(width);
        ++lines;
    }
    layout.endLayout();
    return qMax(1, lines) * metrics.height();
}

void LogLineDelegate::paintMessage(QPainter *painter, const QRect &rect, const QString &message,
                                   const QPalette &palette, const QColor &foreground, bool selected) const
{
    const QString text = message.left(MaxPaintedChars);
    const QList<std::pair<int, int>> ranges = highlights(text);
    const QPen pen(selected ? palette.color(QPalette::HighlightedText)
                            : (foreground.isValid() ? foreground : palette.color(QPalette::Text)));
    if (!m_wrap) {
        // One line: measure the matches and draw the text once, which is far
        // cheaper than a QTextLayout per row at sixty frames a second.
        const QFontMetrics metrics(painter->font());
        for (const auto &[start, length] : ranges) {
            const int x = metrics.horizontalAdvance(text.left(start));
            const int width = metrics.horizontalAdvance(text.mid(start, length));
            painter->fillRect(QRect(rect.left() + x, rect.top(), width, metrics.height()), highlightColor(palette));
        }
        painter->setPen(pen);
        painter->drawText(QPoint(rect.left(), rect.top() + metrics.ascent()), text);
        return;
    }
    QTextLayout layout(text, painter->font());
    QTextOption textOption;
    textOption.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(textOption);
    QList<QTextLayout::FormatRange> formats;
    for (const auto &[start, length] : ranges) {
        QTextLayout::FormatRange range;
        range.start = start;
        range.length = length;
        range.format.setBackground(highlightColor(palette));
        formats.append(range);
    }
    layout.setFormats(formats);
    layout.beginLayout();
    qreal y = 0;
    const int lineHeight = QFontMetrics(painter->font()).height();
    while (true) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(rect.width());
        line.setPosition(QPointF(0, y));
        y += lineHeight;
        if (y > rect.height() + lineHeight)
            break;
    }
    layout.endLayout();
    painter->save();
    painter->setClipRect(rect);
    painter->setPen(pen);
    layout.draw(painter, rect.topLeft());
    painter->restore();
}

void LogLineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (index.data(LogRoles::MessageRole).isNull()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const bool selected = option.state & QStyle::State_Selected;
    if (selected)
        painter->fillRect(option.rect, option.palette.highlight());
    paintMessage(painter, option.rect, index.data(LogRoles::MessageRole).toString(), option.palette,
                 index.data(Qt::ForegroundRole).value<QColor>(), selected);
}

QSize LogLineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QString message = index.data(LogRoles::MessageRole).toString();
    return QSize(option.rect.width(), messageHeight(message, option.font, option.rect.width()));
}

} // namespace Dockmaster
