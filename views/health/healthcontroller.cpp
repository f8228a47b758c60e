#include "views/health/healthcontroller.h"

#include "core/audit/auditcsv.h"
#include "core/cache/cacheservice.h"
#include "core/health/healthhistory.h"
#include "core/health/healthmonitor.h"
#include "models/applicationsmodel.h"
#include "views/dialogs.h"
#include "views/health/healthdetails.h"
#include "views/mainwindow.h"
#include "views/panels/applicationspanel.h"

#include <QFutureWatcher>
#include <QLabel>
#include <QSet>
#include <QStatusBar>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

namespace Dockmaster {

HealthController::HealthController(HealthMonitor *monitor, ApplicationsModel *applications, MainWindow *window,
                                   QObject *parent)
    : QObject(parent)
    , m_monitor(monitor)
    , m_applications(applications)
    , m_window(window)
    , m_details(new HealthDetails)
    , m_statusLabel(new QLabel(window))
    , m_tick(new QTimer(this))
    , m_flush(new QTimer(this))
{
    m_flush->setSingleShot(true);
    m_flush->setInterval(100);
    connect(m_flush, &QTimer::timeout, this, &HealthController::flushChanges);
    m_statusLabel->setObjectName(QStringLiteral("fallbackCount"));
    m_statusLabel->setVisible(false);
    window->statusBar()->addPermanentWidget(m_statusLabel);
    window->applicationsPanel()->addDetailsWidget(m_details);

    connect(monitor, &HealthMonitor::healthChanged, this, &HealthController::onHealthChanged);
    connect(monitor, &HealthMonitor::transitions, this, &HealthController::onTransitions);
    connect(window->applicationsPanel(), &ApplicationsPanel::currentAppChanged, this, &HealthController::showApp);
    connect(m_details, &HealthDetails::exportRequested, this, &HealthController::askExport);
    // "Fallback since 09:42 (2 h 13 min)": the durations move on.
    m_tick->setInterval(30 * 1000);
    connect(m_tick, &QTimer::timeout, this, [this] {
        m_applications->refreshHealthColumn();
        showApp(m_details->appId());
    });
    m_tick->start();
}

void HealthController::setCache(CacheService *cache)
{
    m_cache = cache;
    if (!cache)
        return;
    // An open failover keeps its start time across console restarts.
    m_cache->query<QList<HealthEvent>>(
        this, [](CacheDatabase &db) { return db.loadLatestHealthEvents(); },
        [this](const QList<HealthEvent> &events) { m_monitor->setLastEvents(events); });
}

void HealthController::onHealthChanged(const QStringList &appIds)
{
    for (const QString &appId : appIds)
        m_changedApps.insert(appId);
    if (!m_flush->isActive())
        m_flush->start();
}

void HealthController::flushChanges()
{
    const QSet<QString> changed = std::exchange(m_changedApps, {});
    m_applications->setHealth(changed, [this](const QString &appId) { return m_monitor->healthOf(appId); });
    if (changed.contains(m_details->appId()))
        showApp(m_details->appId());
    updateStatusBar();
}

void HealthController::updateStatusBar()
{
    const int count = m_monitor->appsOnFallback();
    m_statusLabel->setText(tr("%n app(s) on fallback", nullptr, count));
    m_statusLabel->setVisible(count > 0);
}

QString HealthController::statusBarText() const
{
    return m_statusLabel->isVisible() ? m_statusLabel->text() : QString();
}

void HealthController::onTransitions(const QList<HealthEvent> &events)
{
    if (m_cache)
        m_cache->post([events](CacheDatabase &db) { db.appendHealthEvents(events); });
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QSet<QString> reload;
    // The status bar shows one line: the last one this batch leaves. Setting
    // it for every event of a storm laid the bar out thousands of times.
    QString statusLine;
    for (const HealthEvent &event : events) {
        reload.insert(event.appId);
        // Old news (replayed after a reconnect, or from before the console started) is history only.
        if (event.at.secsTo(now) > 120)
            continue;
        const QDateTime last = m_lastNotified.value(event.appId);
        if (last.isValid() && last.secsTo(now) < m_notifyIntervalSeconds) {
            statusLine = event.failover
                ? tr("%1 (%2) is on its fallback again: %3")
                      .arg(event.appId, environmentDisplayName(event.environment), event.reason)
                : tr("%1 (%2) recovered again").arg(event.appId, environmentDisplayName(event.environment));
            continue;
        }
        // A host going down takes many apps with it: a few notifications,
        // then one line in the status bar instead of a flood.
        if (m_burstStart.isValid() && m_burstStart.secsTo(now) < 10 && m_burstCount >= 3) {
            ++m_burstSuppressed;
            statusLine
                = tr("%n more failover(s) or recoveries: see the Live health column", nullptr, m_burstSuppressed);
            continue;
        }
        if (!m_burstStart.isValid() || m_burstStart.secsTo(now) >= 10) {
            m_burstStart = now;
            m_burstCount = 0;
            m_burstSuppressed = 0;
        }
        ++m_burstCount;
        m_lastNotified.insert(event.appId, now);
        ++m_notificationsShown;
        if (event.failover)
            m_window->notify(tr("%1 is on its fallback").arg(event.appId),
                             tr("%1: %2").arg(environmentDisplayName(event.environment), event.reason), true);
        else
            m_window->notify(tr("%1 recovered").arg(event.appId),
                             tr("%1: the container serves again.").arg(environmentDisplayName(event.environment)));
    }
    if (!statusLine.isEmpty())
        m_window->statusBar()->showMessage(statusLine, 15000);
    if (reload.contains(m_details->appId()))
        loadHistory(m_details->appId());
}

void HealthController::showApp(const QString &appId)
{
    const int row = appId.isEmpty() ? -1 : m_applications->rowOfKey(appId);
    if (row < 0) {
        m_details->clear();
        return;
    }
    const bool other = appId != m_details->appId();
    m_details->setApp(m_applications->itemAt(row), m_monitor->healthOf(appId));
    if (other)
        loadHistory(appId);
}

void HealthController::loadHistory(const QString &appId)
{
    if (!m_cache)
        return;
    const QDateTime from = QDateTime::currentDateTimeUtc().addDays(-31);
    m_cache->query<QList<HealthEvent>>(
        m_details, [appId, from](CacheDatabase &db) { return db.loadHealthEvents(appId, from); },
        [this, appId](const QList<HealthEvent> &events) {
            m_details->setHistory(appId, events, QDateTime::currentDateTimeUtc());
            Q_EMIT historyShown(appId);
        });
}

void HealthController::askExport(const QString &appId)
{
    Dialogs::chooseSaveFile(m_window, tr("Export failovers of %1").arg(appId), appId + QStringLiteral("-failovers.csv"),
                            tr("CSV files (*.csv)"), this,
                            [this, appId](const QString &path) { exportHistory(appId, path); });
}

void HealthController::exportHistory(const QString &appId, const QString &path)
{
    if (!m_cache) {
        Q_EMIT historyExported(path, tr("The local cache is not open."));
        return;
    }
    m_cache->query<QList<HealthEvent>>(
        this, [appId](CacheDatabase &db) { return db.loadHealthEvents(appId, QDateTime::fromSecsSinceEpoch(0)); },
        [this, path](const QList<HealthEvent> &events) {
            auto *watcher = new QFutureWatcher<QString>(this);
            connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, path] {
                watcher->deleteLater();
                const QString error = watcher->result();
                if (!error.isEmpty())
                    m_window->showError(error);
                else
                    m_window->statusBar()->showMessage(tr("Failovers exported to %1").arg(path), 5000);
                Q_EMIT historyExported(path, error);
            });
            watcher->setFuture(
                QtConcurrent::run([events, path] { return AuditCsv::writeBytes(path, HealthHistory::toCsv(events)); }));
        });
}

} // namespace Dockmaster
