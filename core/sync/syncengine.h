#pragma once

#include "core/gitlab/gitlaberror.h"
#include "core/sync/syncbatch.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <deque>
#include <functional>
#include <memory>

namespace Dockmaster {

class CacheDatabase;
class CacheService;
class GitLabCall;
class GitLabClient;
class ThreadMailbox;

struct SyncOptions {
    QString rootGroup = QStringLiteral("plugins");
    QString inventoryProject;   // empty: <root>/ops/inventory
    QString inventoryMirrorDir; // local bare git mirror; empty: inventory.git next to the cache file
    QString inventoryRef = QStringLiteral("main");
    int pipelinesPerProject = 20;
    int deploymentsPerProject = 20;
    int tagPages = 1;                        // newest 100 tags per app
    int maxOutstandingCalls = 24;            // calls handed to the client at once
    qint64 fullSyncEverySeconds = 24 * 3600; // Auto mode: a full run catches deleted projects
    // GitLab moves a project's last_activity_at at most once an hour
    // (Event::RESET_PROJECT_ACTIVITY_INTERVAL), so an incremental run lists the
    // projects active since cursor - throttle - clock skew.
    qint64 activityThrottleSeconds = 3600;
    qint64 clockSkewSeconds = 60;
};

struct SyncStats {
    bool full = false;
    bool superseded = false; // another sync stored newer data first; this run wrote nothing
    quint64 requests = 0;    // HTTP requests this run sent
    int apps = 0;            // apps in the cache afterwards
    int appsChanged = 0;
    int appsRemoved = 0;
    int releaseRequests = 0; // open release requests written
    // GitLab's data was older than the cache's (restored from a backup): this
    // run was made a full one, so the cache holds only what GitLab has.
    bool serverWentBack = false;
    // Apps GitLab sent something unreadable for: kept as they were, the rest synced.
    QStringList problems;
    qint64 elapsedMs = 0;
    QDateTime finishedAt;
};

// Keeps the cache in step with GitLab: a full run reads every app of the
// root group (repos, inventory allocation; live SHA per environment, newest
// pipelines and last deployments through one GraphQL request per 50 apps;
// tags) and every open release request; later runs
// list the projects active since cursor - 1 h - skew (GitLab writes
// last_activity_at at most hourly, never for pipelines), probe each listed or
// still-running ops project's pipelines by updated_after, and re-read only
// those with news; release requests by their updated_after. An app GitLab
// sends unreadable data for is skipped and reported (SyncStats::problems).
// Everything a run read is written in one transaction, so a failed or
// cancelled run leaves the previous consistent state. Runs are serialized.
class SyncEngine final : public QObject
{
    Q_OBJECT
public:
    enum class Mode {
        Auto, // full when there is no usable cursor (or the last full run is old), else incremental
        Full,
        Incremental,
    };
    Q_ENUM(Mode)

    SyncEngine(GitLabClient *client, CacheService *cache, QObject *parent = nullptr);
    ~SyncEngine() override;

    void setOptions(const SyncOptions &options) { m_options = options; }
    const SyncOptions &options() const { return m_options; }

    // Starts a run; while one runs, the request is remembered and runs next.
    void start(Mode mode = Mode::Auto);
    // Stops the running run (the cache keeps its previous state) and drops a queued one.
    void cancel();
    bool isRunning() const { return m_run != nullptr; }
    // Why the last run failed (kind Offline: switch the app to offline mode).
    GitLabError lastError() const { return m_lastError; }
    // Set when the last run failed because the local cache refused its write
    // (GitLab answered): full disk, read-only file, lock. None otherwise.
    StoreFailure lastStoreFailure() const { return m_lastStoreFailure; }
    // Locked: the process holding the cache file, when known.
    QString lastStoreHolder() const { return m_lastStoreHolder; }

    // Tests only: runs inside the write transaction after all writes;
    // returning false rolls the whole run back.
    void setBeforeCommitHookForTesting(std::function<bool(CacheDatabase &)> hook) { m_beforeCommit = std::move(hook); }

Q_SIGNALS:
    void started(bool full);
    void progress(int done, int total, const QString &text);
    void finished(const Dockmaster::SyncStats &stats);
    void failed(const QString &message);
    void cancelled();

private:
    struct PreviousState;
    struct Run;

    void begin(Mode mode);
    void checkWitness(); // before an incremental run: did GitLab go back in time?
    void startListing();
    void listingDone();
    void planDetails();
    void addJob(std::function<GitLabCall *()> job);
    void pumpJobs();
    void jobDone();
    void write();
    void abortRun(const GitLabError &error, StoreFailure storeFailure = StoreFailure::None,
                  const QString &storeHolder = {});
    void endRun();
    bool alive(quint64 runId) const;
    template<typename T>
    std::function<void(GitLabResult<T>)> detailHandler(quint64 runId, std::function<void(GitLabResult<T> &)> store,
                                                       const QString &appId = {});
    void addOpsDetailJobs(const QString &appId, qint64 projectId);
    // One GraphQL request for up to OpsDetailQuery::BatchSize apps' ops details (REST if GitLab refuses it).
    void addOpsBatchJob(const QList<std::pair<QString, qint64>> &apps);
    void track(GitLabCall *call);
    void noteServerTime(const QDateTime &time);
    // A listing's answer for the run still going: false when the run is gone,
    // or when the answer failed (that ends the run); else its server time is noted.
    bool listingAnswered(quint64 runId, const GitLabError &error, const QDateTime &serverTime);
    void reportProgress(const QString &text, bool force = false);
    void fetchInventory(const QString &inventoryProject);
    QString mirrorDir() const;

    GitLabClient *m_client;
    CacheService *m_cache;
    ThreadMailbox *m_replies; // child: results of the pool's work come back through it
    SyncOptions m_options;
    std::unique_ptr<Run> m_run;
    quint64 m_nextRunId = 1;
    std::optional<Mode> m_queued;
    GitLabError m_lastError;
    StoreFailure m_lastStoreFailure = StoreFailure::None;
    QString m_lastStoreHolder;
    std::function<bool(CacheDatabase &)> m_beforeCommit;
};

} // namespace Dockmaster

Q_DECLARE_METATYPE(Dockmaster::SyncStats)
