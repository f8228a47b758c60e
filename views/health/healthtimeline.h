#pragma once

#include "core/health/healthhistory.h"

#include <QWidget>

namespace Dockmaster {

// The last 30 days of one app: a lane per environment, red where it was on
// its fallback. Tooltips give each stretch's times and reason.
class HealthTimeline final : public QWidget
{
    Q_OBJECT
public:
    static constexpr int Days = 30;

    explicit HealthTimeline(QWidget *parent = nullptr);

    // The history of an app: lanes green where it served, red where not.
    void setIntervals(const QList<DowntimeInterval> &intervals, const QDateTime &from, const QDateTime &until);
    // No app, or its history not read yet: empty lanes, never a green "all
    // was well" that nobody observed.
    void clear();
    bool hasHistory() const { return m_hasHistory; }
    const QList<DowntimeInterval> &intervals() const { return m_intervals; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    QRectF laneRect(int lane) const;
    QRectF intervalRect(const DowntimeInterval &interval) const;

    QList<DowntimeInterval> m_intervals;
    QDateTime m_from;
    QDateTime m_until;
    bool m_hasHistory = false;
};

} // namespace Dockmaster
