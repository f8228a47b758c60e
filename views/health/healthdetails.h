#pragma once

#include "core/domain/records.h"
#include "core/health/healthhistory.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace Dockmaster {

class HealthTimeline;

// The live-health part of an app's details: what runs in each environment,
// whether it is serving or on its fallback (since when, why), whether it is
// what was approved, and the last 30 days of failovers with the total downtime.
class HealthDetails final : public QWidget
{
    Q_OBJECT
public:
    explicit HealthDetails(QWidget *parent = nullptr);

    QString appId() const { return m_app.id; }
    void setApp(const AppRecord &app, const QList<AppHealth> &health);
    void setHistory(const QString &appId, const QList<HealthEvent> &events, const QDateTime &now);
    void clear();

    QString statusText() const;   // for tests: the plain text shown
    QString downtimeText() const; // "Total downtime in 30 days: ..."
    HealthTimeline *timeline() const { return m_timeline; }

    // Text for one environment: "Fallback since 09:42 (2 h 13 min): exited with code 137".
    static QString environmentText(const AppHealth &health, const QDateTime &now);
    // Why the running container is not what was approved; empty when it is.
    static QString driftText(const AppHealth &health, const EnvironmentState *state, const QDateTime &now);

Q_SIGNALS:
    void exportRequested(const QString &appId);

private:
    void refresh();

    AppRecord m_app;
    QList<AppHealth> m_health;
    QList<HealthEvent> m_events;
    QLabel *m_status;
    HealthTimeline *m_timeline;
    QLabel *m_downtime;
    QPushButton *m_export;
};

} // namespace Dockmaster
