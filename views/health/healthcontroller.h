#pragma once

#include "core/health/healthtypes.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

class QLabel;
class QTimer;

namespace Dockmaster {

class ApplicationsModel;
class CacheService;
class HealthDetails;
class HealthMonitor;
class MainWindow;

// Brings live health to the window: the Applications panel's health column
// and details, the status bar count, notifications on failover and recovery
// (at most one per app per interval; the status bar when there is no tray),
// and the history kept in the cache.
class HealthController final : public QObject
{
    Q_OBJECT
public:
    HealthController(HealthMonitor *monitor, ApplicationsModel *applications, MainWindow *window,
                     QObject *parent = nullptr);

    void setCache(CacheService *cache);
    void setNotificationInterval(int seconds) { m_notifyIntervalSeconds = seconds; }
    HealthDetails *details() const { return m_details; }
    QString statusBarText() const;
    int notificationsShown() const { return m_notificationsShown; }

    // Writes every cached failover of the app as CSV (off the UI thread).
    void exportHistory(const QString &appId, const QString &path);

Q_SIGNALS:
    void historyExported(const QString &path, const QString &error);
    void historyShown(const QString &appId);

private:
    void onHealthChanged(const QStringList &appIds);
    void flushChanges();
    void onTransitions(const QList<HealthEvent> &events);
    void showApp(const QString &appId);
    void loadHistory(const QString &appId);
    void updateStatusBar();
    void askExport(const QString &appId);

    HealthMonitor *m_monitor;
    ApplicationsModel *m_applications;
    MainWindow *m_window;
    QPointer<CacheService> m_cache;
    HealthDetails *m_details;
    QLabel *m_statusLabel;
    QTimer *m_tick;
    QTimer *m_flush; // model updates are batched: many hosts report at once
    QSet<QString> m_changedApps;
    QHash<QString, QDateTime> m_lastNotified; // by app
    int m_notifyIntervalSeconds = 300;
    int m_notificationsShown = 0;
    QDateTime m_burstStart;
    int m_burstCount = 0;
    int m_burstSuppressed = 0;
};

} // namespace Dockmaster
