#include "views/health/healthtimeline.h"

#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>

namespace Dockmaster {
namespace {

constexpr int LabelWidth = 90;
constexpr int LaneHeight = 14;
constexpr int LaneGap = 6;

} // namespace

HealthTimeline::HealthTimeline(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Failover timeline, last 30 days"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    clear();
}

void HealthTimeline::setIntervals(const QList<DowntimeInterval> &intervals, const QDateTime &from,
                                  const QDateTime &until)
{
    m_intervals = intervals;
    m_from = from;
    m_until = until;
    m_hasHistory = true;
    update();
}

void HealthTimeline::clear()
{
    m_intervals.clear();
    m_until = QDateTime::currentDateTimeUtc();
    m_from = m_until.addDays(-Days);
    m_hasHistory = false;
    update();
}

QSize HealthTimeline::sizeHint() const
{
    return { 400, 2 * LaneHeight + LaneGap + fontMetrics().height() + 8 };
}

QSize HealthTimeline::minimumSizeHint() const
{
    return { LabelWidth + 100, sizeHint().height() };
}

QRectF HealthTimeline::laneRect(int lane) const
{
    return QRectF(LabelWidth, 2 + lane * (LaneHeight + LaneGap), qMax(10, width() - LabelWidth - 4), LaneHeight);
}

QRectF HealthTimeline::intervalRect(const DowntimeInterval &interval) const
{
    const QRectF lane = laneRect(interval.environment == Environment::Test ? 0 : 1);
    const double span = qMax<qint64>(1, m_from.secsTo(m_until));
    const double left = lane.left() + lane.width() * double(m_from.secsTo(interval.from)) / span;
    const double right = lane.left() + lane.width() * double(m_from.secsTo(interval.to)) / span;
    // A short outage still gets a visible mark.
    return QRectF(left, lane.top(), qMax(2.0, right - left), lane.height());
}

void HealthTimeline::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QPalette &pal = palette();
    int lane = 0;
    for (Environment environment : AllEnvironments) {
        const QRectF rect = laneRect(lane++);
        painter.setPen(pal.color(QPalette::WindowText));
        painter.drawText(QRectF(0, rect.top() - 2, LabelWidth - 6, rect.height() + 4),
                         Qt::AlignRight | Qt::AlignVCenter, environmentDisplayName(environment));
        if (m_hasHistory) {
            painter.fillRect(rect, QColor(0x3a, 0xa5, 0x5d, 90));
        } else {
            painter.setPen(pal.color(QPalette::Mid));
            painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5));
        }
    }
    for (const DowntimeInterval &interval : std::as_const(m_intervals))
        painter.fillRect(intervalRect(interval), QColor(0xd9, 0x48, 0x2b));
    // Day ticks every 5 days and the two ends.
    painter.setPen(pal.color(QPalette::Mid));
    const QRectF bottom = laneRect(1);
    const double y = bottom.bottom() + 2;
    for (int day = 0; day <= Days; day += 5) {
        const double x = bottom.left() + bottom.width() * day / Days;
        painter.drawLine(QPointF(x, laneRect(0).top()), QPointF(x, y));
    }
    painter.setPen(pal.color(QPalette::WindowText));
    const QLocale locale;
    painter.drawText(QRectF(bottom.left(), y, 200, fontMetrics().height()), Qt::AlignLeft,
                     locale.toString(m_from.toLocalTime().date(), QLocale::ShortFormat));
    painter.drawText(QRectF(bottom.right() - 200, y, 200, fontMetrics().height()), Qt::AlignRight, tr("now"));
}

bool HealthTimeline::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        for (const DowntimeInterval &interval : std::as_const(m_intervals)) {
            if (intervalRect(interval).adjusted(-2, 0, 2, 0).contains(help->pos())) {
                const QLocale locale;
                // The reason may quote a container name: plain text only.
                const QString text
                    = tr("%1: on fallback from %2 to %3 (%4)\n%5")
                          .arg(environmentDisplayName(interval.environment),
                               locale.toString(interval.from.toLocalTime(), QLocale::ShortFormat),
                               interval.ongoing ? tr("now")
                                                : locale.toString(interval.to.toLocalTime(), QLocale::ShortFormat),
                               durationText(interval.seconds()), interval.reason);
                // Escaped and marked up, so Qt never reads the text as rich text.
                QToolTip::showText(help->globalPos(),
                                   QStringLiteral("<p style=\"white-space:pre\">%1</p>").arg(text.toHtmlEscaped()),
                                   this);
                return true;
            }
        }
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    return QWidget::event(event);
}

} // namespace Dockmaster
