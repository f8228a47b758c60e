#pragma once

#include "core/domain/records.h"
#include "core/health/healthtypes.h"
#include "core/health/hosthealthwatcher.h"
#include "core/util/latestonly.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QThread>

#include <map>
#include <memory>
#include <optional>

namespace Dockmaster {

class ThreadMailbox;

// Whether each app environment is serving or on its fallback, from one
// HostHealthWatcher per Docker host (all on one worker thread). Turns the
// containers' changes into failover and recovery transitions, with the engine's
// time of the change, and says which apps changed. Unreachable hosts make
// their apps Unknown, never Serving.
class HealthMonitor final : public QObject
{
    Q_OBJECT
public:
    explicit HealthMonitor(QObject *parent = nullptr);
    ~HealthMonitor() override;

    void setOptions(const HostWatchOptions &options) { m_options = options; }
    void setCertificateDir(const QString &dir) { m_certificateDir = dir; }
    // The inventory and the apps to watch; watchers start, stop or restart to match.
    void setInventory(const QList<HostRecord> &hosts, const QList<AppRecord> &apps);
    // Without watchers (tests, the benchmark): only what applyBatch() is given.
    void setWatching(bool watching) { m_watching = watching; }
    // The newest cached event per app environment, so an open failover keeps
    // its start across restarts of the console instead of starting again.
    void setLastEvents(const QList<HealthEvent> &events);

    // What the watchers deliver; public for tests and the benchmark.
    void applyBatch(const HostHealthBatch &batch);

    std::optional<AppHealth> health(const QString &appId, Environment environment) const;
    QList<AppHealth> healthOf(const QString &appId) const;
    // Apps with at least one environment on its fallback (kept up to date, O(1)).
    int appsOnFallback() const { return int(m_fallbackEnvironments.size()); }
    int environmentsServing() const { return m_servingCount; }
    QStringList hostsWatched() const { return m_watchers.keys(); }

    static QString projectOf(const QString &appId, Environment environment);

Q_SIGNALS:
    void healthChanged(const QStringList &appIds);
    void transitions(const QList<Dockmaster::HealthEvent> &events);

private:
    struct HostState {
        bool listed = false;
        bool reachable = false;
        QString reason;
        QHash<QString, ContainerObservation> containers; // by id
        QHash<QString, QSet<QString>> byProject;
    };
    struct Definite { // the last state that was not Unknown
        ServingState state = ServingState::Unknown;
        QDateTime since;
    };
    struct Watched {
        QString appId;
        Environment environment = Environment::Test;
        QString host;
        QString liveSha;
    };

    void startWatcher(const HostRecord &host);
    void stopWatcher(const QString &host);
    void evaluate(const QString &project, QList<HealthEvent> *events, QSet<QString> *changedApps);
    void store(const QString &project, const AppHealth &health);
    void forget(const QString &project);

    HostWatchOptions m_options;
    QString m_certificateDir;
    bool m_watching = true;
    QThread m_thread;
    ThreadMailbox *m_toOwner = nullptr;             // child, on this thread: the watchers' batches
    std::unique_ptr<ThreadMailbox> m_toWatchers;    // lives on m_thread: calls to the watchers
    QHash<QString, HostHealthWatcher *> m_watchers; // by host name; live in m_thread
    QHash<QString, HostRecord> m_watchedHosts;
    // By host: batches of a replaced or removed watcher are dropped.
    std::map<QString, LatestOnly> m_watches;
    QHash<QString, HostState> m_hosts;
    QHash<QString, Watched> m_projects;           // by compose project
    QHash<QString, QStringList> m_projectsOfHost; // host -> projects
    QHash<QString, AppHealth> m_health;           // by compose project
    QHash<QString, HealthEvent> m_lastEvent;      // by compose project
    QHash<QString, Definite> m_definite;          // by compose project
    QHash<QString, int> m_fallbackEnvironments;   // app id -> environments on fallback
    int m_servingCount = 0;
};

} // namespace Dockmaster
