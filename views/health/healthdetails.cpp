#include "views/health/healthdetails.h"

#include "views/health/healthtimeline.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace Dockmaster {

HealthDetails::HealthDetails(QWidget *parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_timeline(new HealthTimeline(this))
    , m_downtime(new QLabel(this))
    , m_export(new QPushButton(tr("Export failovers as CSV…"), this))
{
    setObjectName(QStringLiteral("healthDetails"));
    // Container names and labels are third-party text: never rich text.
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setAccessibleName(tr("Live health"));
    m_downtime->setTextFormat(Qt::PlainText);
    m_downtime->setWordWrap(true); // wraps beside the button rather than widening the Applications panel
    m_export->setEnabled(false);
    connect(m_export, &QPushButton::clicked, this, [this] { Q_EMIT exportRequested(m_app.id); });

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_downtime, 1);
    bottom->addWidget(m_export);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_status);
    layout->addWidget(m_timeline);
    layout->addLayout(bottom);
    clear();
}

void HealthDetails::clear()
{
    m_app = AppRecord();
    m_health.clear();
    m_events.clear();
    m_status->setText(tr("Live health: select an application."));
    m_timeline->clear();
    m_downtime->clear();
    m_export->setEnabled(false);
}

void HealthDetails::setApp(const AppRecord &app, const QList<AppHealth> &health)
{
    if (app.id != m_app.id) {
        m_events.clear();
        m_timeline->clear(); // until this app's history is read
    }
    m_app = app;
    m_health = health;
    m_export->setEnabled(!app.id.isEmpty());
    refresh();
}

void HealthDetails::setHistory(const QString &appId, const QList<HealthEvent> &events, const QDateTime &now)
{
    if (appId != m_app.id)
        return; // a stale answer for an app no longer shown
    m_events = events;
    const QDateTime from = now.addDays(-HealthTimeline::Days);
    const QList<DowntimeInterval> intervals = HealthHistory::downtime(events, from, now);
    m_timeline->setIntervals(intervals, from, now);
    int failovers = 0;
    for (const HealthEvent &event : events)
        failovers += event.failover && event.at >= from ? 1 : 0;
    m_downtime->setText(tr("Last 30 days: %n failover(s), total downtime %1", nullptr, failovers)
                            .arg(durationText(HealthHistory::totalSeconds(intervals))));
}

QString HealthDetails::environmentText(const AppHealth &health, const QDateTime &now)
{
    const QLocale locale;
    QString text;
    switch (health.serving) {
    case ServingState::Fallback:
        text = tr("Fallback since %1 (%2): %3")
                   .arg(locale.toString(health.since.toLocalTime(), QLocale::ShortFormat),
                        durationText(health.since.secsTo(now)), health.reason);
        break;
    case ServingState::Serving:
        text = health.since.isValid() ? tr("Serving (%1) since %2")
                                            .arg(containerPhaseDisplayName(health.phase),
                                                 locale.toString(health.since.toLocalTime(), QLocale::ShortFormat))
                                      : tr("Serving (%1)").arg(containerPhaseDisplayName(health.phase));
        break;
    case ServingState::Unknown:
        text = tr("Unknown: %1").arg(health.reason);
        break;
    }
    if (!health.containerName.isEmpty())
        text += QLatin1Char('\n') + tr("Container %1").arg(health.containerName);
    if (health.restartCount > 0)
        text += QLatin1Char('\n') + tr("Restarted %n time(s)", nullptr, health.restartCount);
    return text;
}

QString HealthDetails::driftText(const AppHealth &health, const EnvironmentState *state, const QDateTime &now)
{
    if (health.serving == ServingState::Unknown || health.phase == ContainerPhase::Removed)
        return QString();
    if (health.startedByHand)
        return tr("Drift: this container was started outside the pipeline (no deploy labels); it may not run the "
                  "approved version.");
    if (!health.codeDrift || !state)
        return QString();
    const QString approved = state->liveRef.isEmpty() || state->liveRef == state->liveSha
        ? state->liveSha.left(8)
        : tr("%1 (%2)").arg(state->liveRef, state->liveSha.left(8));
    const QString age
        = state->deployedAt.isValid() ? tr(" %1 ago").arg(durationText(state->deployedAt.secsTo(now))) : QString();
    const QString pipeline = state->pipelineStatus.isEmpty()
        ? tr("has the pipeline run?")
        : (state->pipelineStatus == QLatin1String("success") ? tr("deployed, but the container was not replaced?")
                                                             : tr("pipeline %1?").arg(state->pipelineStatus));
    return tr("Drift: running %1 (config %2), approved %3%4: %5")
        .arg(health.runningCodeSha.left(8), health.runningConfigCommit.left(8), approved, age, pipeline);
}

void HealthDetails::refresh()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QStringList lines;
    for (const AppHealth &health : std::as_const(m_health)) {
        lines.append(environmentDisplayName(health.environment) + QStringLiteral(": ") + environmentText(health, now));
        const QString drift = driftText(health, m_app.environment(health.environment), now);
        if (!drift.isEmpty())
            lines.append(drift);
    }
    m_status->setText(lines.isEmpty() ? tr("Live health: no container host is watched for this application.")
                                      : lines.join(QLatin1Char('\n')));
    if (!m_app.id.isEmpty())
        setHistory(m_app.id, m_events, now);
}

QString HealthDetails::statusText() const
{
    return m_status->text();
}

QString HealthDetails::downtimeText() const
{
    return m_downtime->text();
}

} // namespace Dockmaster
