#include "core/sync/syncengine.h"

#include "core/cache/cacheservice.h"
#include "core/domain/pipelinestatus.h"
#include "core/gitlab/gitlabclient.h"
#include "core/gitlab/releaserequestparser.h"
#include "core/sync/inventoryfetcher.h"
#include "core/sync/opsdetailquery.h"
#include "core/util/logging.h"
#include "core/util/pooljob.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>

#include <atomic>
#include <type_traits>

namespace Dockmaster {
namespace {

int environmentIndex(Environment environment)
{
    return environment == Environment::Production ? 1 : 0;
}

} // namespace

// What the cache knows before a run starts, read on the cache thread.
struct SyncEngine::PreviousState {
    qint64 generation = 0;
    QDateTime cursor;
    QDateTime lastFullSyncAt;
    QString inventoryCommit;
    QString rootGroup;
    SyncWitness witness;
    QHash<QString, qint64> unfinishedOps; // app id -> ops project with a pipeline still running
    QSet<QString> knownOps;               // apps whose ops project the cache already has
};

struct SyncEngine::Run {
    quint64 id = 0;
    bool full = false;
    bool serverWentBack = false; // made full because GitLab's data was older than the cache's
    PreviousState previous;
    SyncBatch batch;
    int listingPending = 0;
    std::deque<std::function<GitLabCall *()>> jobs;
    int outstanding = 0;
    int done = 0;
    int total = 0;
    QList<QPointer<GitLabCall>> calls;
    QElapsedTimer timer;
    quint64 requestsAtStart = 0;
    QDateTime localStart;
    QDateTime serverTime; // GitLab's clock at the first answer
    std::shared_ptr<std::atomic_bool> gitCancelled = std::make_shared<std::atomic_bool>(false);
    bool writing = false;
    int reportedPermille = -1;
    QString text;
    QSet<QString> skipped; // apps with an unreadable answer: left as cached
    QStringList problems;
};

SyncEngine::SyncEngine(GitLabClient *client, CacheService *cache, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_cache(cache)
    , m_replies(new ThreadMailbox(this))
{
    qRegisterMetaType<SyncStats>();
    // A cache that is not open never runs our jobs; do not wait for it forever.
    connect(m_cache, &CacheService::failed, this, [this](const QString &message) {
        if (!m_run || (m_run->listingPending > 0 || m_run->outstanding > 0))
            return;
        GitLabError error;
        error.kind = GitLabError::Kind::Other;
        error.message = message;
        abortRun(error);
    });
}

SyncEngine::~SyncEngine()
{
    if (m_run) {
        m_run->gitCancelled->store(true);
        for (const QPointer<GitLabCall> &call : std::as_const(m_run->calls)) {
            if (call)
                call->cancel();
        }
    }
}

bool SyncEngine::alive(quint64 runId) const
{
    return m_run && m_run->id == runId;
}

void SyncEngine::track(GitLabCall *call)
{
    QList<QPointer<GitLabCall>> &calls = m_run->calls;
    if (calls.size() > 512)
        calls.removeIf([](const QPointer<GitLabCall> &c) { return c.isNull(); });
    calls.append(call);
}

void SyncEngine::noteServerTime(const QDateTime &time)
{
    if (time.isValid() && (!m_run->serverTime.isValid() || time < m_run->serverTime))
        m_run->serverTime = time;
}

void SyncEngine::reportProgress(const QString &text, bool force)
{
    Run &run = *m_run;
    const int permille = run.total > 0 ? int(qint64(run.done) * 1000 / run.total) : 0;
    if (!force && text == run.text && permille - run.reportedPermille < 5)
        return;
    run.text = text;
    run.reportedPermille = permille;
    Q_EMIT progress(run.done, run.total, text);
}

void SyncEngine::start(Mode mode)
{
    if (m_run) {
        // One run at a time; a queued full request wins over an incremental one.
        if (!m_queued || mode == Mode::Full)
            m_queued = mode;
        return;
    }
    begin(mode);
}

void SyncEngine::cancel()
{
    m_queued.reset();
    if (!m_run || m_run->writing)
        return; // the write is one short transaction; let it land
    m_run->gitCancelled->store(true);
    for (const QPointer<GitLabCall> &call : std::as_const(m_run->calls)) {
        if (call)
            call->cancel();
    }
    m_run.reset();
    Q_EMIT cancelled();
}

void SyncEngine::begin(Mode mode)
{
    m_run = std::make_unique<Run>();
    Run &run = *m_run;
    run.id = m_nextRunId++;
    run.timer.start();
    run.requestsAtStart = m_client->requestCount();
    run.localStart = QDateTime::currentDateTimeUtc();
    reportProgress(tr("Reading the local cache…"), true);

    const quint64 runId = run.id;
    m_cache->query<PreviousState>(
        this,
        [](CacheDatabase &db) {
            PreviousState state;
            state.generation = db.syncValue(SyncKeys::Generation).toLongLong();
            state.cursor = QDateTime::fromString(db.syncValue(SyncKeys::Cursor), Qt::ISODateWithMs);
            state.lastFullSyncAt = QDateTime::fromString(db.syncValue(SyncKeys::LastFullSyncAt), Qt::ISODateWithMs);
            state.inventoryCommit = db.syncValue(SyncKeys::InventoryCommit);
            state.rootGroup = db.syncValue(SyncKeys::RootGroup);
            state.witness = SyncWitness::fromString(db.syncValue(SyncKeys::Witness));
            const QList<AppRecord> apps = db.loadApps();
            for (const AppRecord &app : apps) {
                if (!app.opsProjectId)
                    continue;
                state.knownOps.insert(app.id);
                for (const EnvironmentState &environment : app.environments) {
                    if (isUnfinished(environment.pipelineStatus))
                        state.unfinishedOps.insert(app.id, app.opsProjectId);
                }
            }
            return state;
        },
        [this, runId, mode](PreviousState previous) {
            if (!alive(runId))
                return;
            Run &current = *m_run;
            const bool cursorUsable = previous.cursor.isValid() && previous.rootGroup == m_options.rootGroup;
            const bool fullIsDue = !previous.lastFullSyncAt.isValid()
                || previous.lastFullSyncAt.secsTo(QDateTime::currentDateTimeUtc()) > m_options.fullSyncEverySeconds;
            current.full = mode == Mode::Full || !cursorUsable || (mode == Mode::Auto && fullIsDue);
            current.previous = std::move(previous);
            current.batch.full = current.full;
            current.batch.rootGroup = m_options.rootGroup;
            current.batch.expectedGeneration = current.previous.generation;
            if (!current.full && current.previous.witness.isValid()) {
                checkWitness();
                return;
            }
            Q_EMIT started(current.full);
            startListing();
        });
}

void SyncEngine::checkWitness()
{
    const quint64 runId = m_run->id;
    const SyncWitness witness = m_run->previous.witness;
    track(m_client->issue(
        QString::number(witness.projectId), witness.iid, this, [this, runId](GitLabResult<GitLabIssue> result) {
            if (!alive(runId))
                return;
            if (!result.ok() && result.error.kind != GitLabError::Kind::NotFound) {
                abortRun(result.error);
                return;
            }
            Run &run = *m_run;
            const std::optional<GitLabIssue> now = result.ok() ? std::optional(result.value) : std::nullopt;
            if (run.previous.witness.contradictedBy(now)) {
                qCWarning(lcSync).noquote()
                    << "GitLab's data is older than the cache's: request" << run.previous.witness.toString()
                    << (now ? "went back" : "is gone") << "- reading everything again";
                run.full = true;
                run.batch.full = true;
                run.serverWentBack = true;
            }
            Q_EMIT started(run.full);
            startListing();
        }));
}

void SyncEngine::startListing()
{
    Run &run = *m_run;
    const quint64 runId = run.id;
    const QString appsGroup = m_options.rootGroup + QStringLiteral("/apps");
    const QString opsGroup = m_options.rootGroup + QStringLiteral("/ops");
    const QString inventoryProject
        = m_options.inventoryProject.isEmpty() ? opsGroup + QStringLiteral("/inventory") : m_options.inventoryProject;
    run.listingPending = 4;
    run.total = 4;
    reportProgress(tr("Reading apps and release requests from GitLab…"), true);

    GitLabClient::ProjectQuery projectQuery;
    if (!run.full) {
        // A change at time T leaves last_activity_at >= T - 1 h (it is written
        // at most hourly), so everything changed since the cursor is in here.
        projectQuery.lastActivityAfter
            = run.previous.cursor.addSecs(-m_options.activityThrottleSeconds - m_options.clockSkewSeconds);
    }

    auto listProjects = [this, runId, projectQuery](const QString &group, QList<GitLabProject> SyncBatch::*target) {
        track(m_client->groupProjects(
            group, projectQuery, this, [this, runId, group, target](GitLabResult<QList<GitLabProject>> result) {
                if (!listingAnswered(runId, result.error, result.serverTime))
                    return;
                for (const GitLabProject &project : std::as_const(result.value)) {
                    if (project.namespacePath == group && ReleaseRequestParser::isAppId(project.path))
                        (m_run->batch.*target).append(project);
                }
                listingDone();
            }));
    };
    listProjects(appsGroup, &SyncBatch::codeProjects);
    listProjects(opsGroup, &SyncBatch::opsProjects);

    GitLabClient::IssueQuery issueQuery;
    issueQuery.labels = { QStringLiteral("release-request") };
    // Only the apps group: /issues?scope=all would also list every public or
    // internal project's issues on the instance.
    issueQuery.group = appsGroup;
    if (!run.full) {
        // Closed or relabelled requests must leave the cache too.
        issueQuery.state = QStringLiteral("all");
        issueQuery.updatedAfter = run.previous.cursor;
    }
    track(m_client->issues(issueQuery, this, [this, runId](GitLabResult<QList<GitLabIssue>> result) {
        if (!listingAnswered(runId, result.error, result.serverTime))
            return;
        m_run->batch.issues = std::move(result.value);
        listingDone();
    }));

    // A cheap probe first: the inventory is only fetched when its branch moved.
    track(m_client->branch(inventoryProject, m_options.inventoryRef, this,
                           [this, runId, inventoryProject](GitLabResult<GitLabBranch> result) {
                               if (!alive(runId))
                                   return;
                               if (result.error.kind == GitLabError::Kind::NotFound) {
                                   // No inventory (yet): apps come from their repositories alone.
                                   if (m_run->full || !m_run->previous.inventoryCommit.isEmpty())
                                       m_run->batch.inventory = Inventory {};
                                   listingDone();
                                   return;
                               }
                               if (!listingAnswered(runId, result.error, result.serverTime))
                                   return;
                               if (!m_run->full && result.value.commit.id == m_run->previous.inventoryCommit) {
                                   listingDone();
                                   return;
                               }
                               fetchInventory(inventoryProject);
                           }));
}

bool SyncEngine::listingAnswered(quint64 runId, const GitLabError &error, const QDateTime &serverTime)
{
    if (!alive(runId))
        return false;
    if (!error.isOk()) {
        abortRun(error);
        return false;
    }
    noteServerTime(serverTime);
    return true;
}

QString SyncEngine::mirrorDir() const
{
    if (!m_options.inventoryMirrorDir.isEmpty())
        return m_options.inventoryMirrorDir;
    const QString cacheFile = m_cache->filePath();
    if (cacheFile != QLatin1String(":memory:"))
        return QFileInfo(cacheFile).absolutePath() + QStringLiteral("/inventory.git");
    const QByteArray key = QCryptographicHash::hash(m_client->baseUrl().toEncoded(), QCryptographicHash::Sha1).toHex();
    return QDir::tempPath() + QStringLiteral("/dockmaster-inventory-") + QString::fromLatin1(key.left(12));
}

void SyncEngine::fetchInventory(const QString &inventoryProject)
{
    const quint64 runId = m_run->id;
    InventoryFetchRequest request;
    request.repositoryDir = mirrorDir();
    QUrl remote = m_client->baseUrl();
    QString base = remote.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    remote.setPath(base + QLatin1Char('/') + inventoryProject + QStringLiteral(".git"));
    request.remoteUrl = remote;
    request.token = m_client->token();
    request.branch = m_options.inventoryRef;
    request.timeoutMs = m_client->options().transferTimeoutMs;
    auto cancelled = m_run->gitCancelled;

    // libgit2 blocks; it runs on the thread pool, never on the UI thread.
    runInPool<InventoryFetchResult>(
        *m_replies, [request, cancelled] { return Dockmaster::fetchInventory(request, cancelled.get()); },
        [this, runId](InventoryFetchResult result) {
            if (!alive(runId))
                return;
            if (!result.ok) {
                GitLabError error;
                error.kind = result.offline ? GitLabError::Kind::Offline : GitLabError::Kind::Other;
                error.message = result.error;
                abortRun(error);
                return;
            }
            m_run->batch.inventory = std::move(result.inventory);
            m_run->batch.inventoryCommit = result.commit;
            listingDone();
        });
}

void SyncEngine::listingDone()
{
    ++m_run->done;
    if (--m_run->listingPending == 0)
        planDetails();
}

// A detail call's handler: drops results of an outdated run, aborts the run
// on any error but 404 (a missing branch, project or ref is data, not a
// failure), hands the result to `store`, then counts the job as done.
//
// An unreadable answer about one app (hostile or broken data in its
// repositories) does not stop the others: that app keeps its cached state and
// the run reports it.
template<typename T>
std::function<void(GitLabResult<T>)>
SyncEngine::detailHandler(quint64 runId, std::function<void(GitLabResult<T> &)> store, const QString &appId)
{
    return [this, runId, store = std::move(store), appId](GitLabResult<T> result) {
        if (!alive(runId))
            return;
        if (!result.ok() && result.error.kind == GitLabError::Kind::Malformed && !appId.isEmpty()) {
            if (!m_run->skipped.contains(appId)) {
                m_run->skipped.insert(appId);
                m_run->problems.append(tr("%1 was skipped: %2").arg(appId, result.error.message));
            }
            jobDone();
            return;
        }
        if (!result.ok() && result.error.kind != GitLabError::Kind::NotFound) {
            abortRun(result.error);
            return;
        }
        store(result);
        jobDone();
    };
}

void SyncEngine::addOpsDetailJobs(const QString &appId, qint64 projectId)
{
    Run &run = *m_run;
    const quint64 runId = run.id;
    const QString project = QString::number(projectId);
    SyncBatch::OpsDetail detail;
    detail.appId = appId;
    detail.projectId = projectId;
    run.batch.ops.insert(appId, detail);

    for (const Environment environment : AllEnvironments) {
        addJob([this, runId, appId, project, environment] {
            return m_client->tree(project, environmentBranch(environment), {}, this,
                                  detailHandler<QList<GitLabTreeEntry>>(
                                      runId,
                                      [this, appId, environment](GitLabResult<QList<GitLabTreeEntry>> &result) {
                                          SyncBatch::OpsDetail &d = m_run->batch.ops[appId];
                                          const int i = environmentIndex(environment);
                                          d.branchExists[i] = result.ok();
                                          for (const GitLabTreeEntry &entry : std::as_const(result.value)) {
                                              if (entry.path == QLatin1String("codes")
                                                  && entry.type == QLatin1String("commit"))
                                                  d.liveSha[i] = entry.id;
                                          }
                                      },
                                      appId));
        });
    }
    // The newest pipelines and deployments, each list into its field of the app's detail.
    auto addNewestJob = [this, runId, appId, project](auto list, auto query, int SyncOptions::*perPage, auto field) {
        addJob([this, runId, appId, project, list, query, perPage, field]() mutable {
            using Items = std::remove_reference_t<decltype(m_run->batch.ops[appId].*field)>;
            query.perPage = m_options.*perPage;
            query.maxPages = 1;
            return (m_client->*list)(project, query, this,
                                     detailHandler<Items>(
                                         runId,
                                         [this, appId, field](GitLabResult<Items> &result) {
                                             m_run->batch.ops[appId].*field = std::move(result.value);
                                         },
                                         appId));
        });
    };
    addNewestJob(&GitLabClient::pipelines, GitLabClient::PipelineQuery {}, &SyncOptions::pipelinesPerProject,
                 &SyncBatch::OpsDetail::pipelines);
    addNewestJob(&GitLabClient::deployments, GitLabClient::DeploymentQuery {}, &SyncOptions::deploymentsPerProject,
                 &SyncBatch::OpsDetail::deployments);
}

void SyncEngine::addOpsBatchJob(const QList<std::pair<QString, qint64>> &apps)
{
    Run &run = *m_run;
    const quint64 runId = run.id;
    for (const auto &[appId, projectId] : apps) {
        SyncBatch::OpsDetail detail;
        detail.appId = appId;
        detail.projectId = projectId;
        run.batch.ops.insert(appId, detail);
    }
    addJob([this, runId, apps] {
        QList<qint64> ids;
        for (const auto &app : apps)
            ids.append(app.second);
        return m_client->graphql(
            OpsDetailQuery::text(), OpsDetailQuery::variables(ids), this,
            [this, runId, apps](GitLabResult<GitLabGraphQLAnswer> result) {
                if (!alive(runId))
                    return;
                using Kind = GitLabError::Kind;
                const Kind kind = result.error.kind;
                if (!result.ok() && kind != Kind::NotFound && kind != Kind::Conflict && kind != Kind::Malformed
                    && kind != Kind::Forbidden) {
                    abortRun(result.error); // offline, 5xx, 401...: as for any other call
                    return;
                }
                const std::optional<QHash<qint64, SyncBatch::OpsDetail>> details
                    = result.ok() && result.value.errors.isEmpty()
                    ? OpsDetailQuery::parse(result.value.data, m_client->baseUrl())
                    : std::nullopt;
                if (!details) {
                    // A GitLab without these fields (older than 15.5), a query it
                    // refuses, or a partial answer: these apps are read through REST.
                    qCWarning(lcSync).noquote()
                        << "GraphQL did not answer the ops details of" << apps.size()
                        << "apps; reading them through REST:"
                        << (result.ok() ? result.value.errors.join(QStringLiteral("; ")) : result.error.message);
                    for (const auto &[appId, projectId] : apps) {
                        addOpsDetailJobs(appId, projectId);
                        m_run->total += 4;
                    }
                    jobDone();
                    return;
                }
                // A project GitLab left out is gone or unreadable: like a 404, nothing on it.
                for (const auto &[appId, projectId] : apps) {
                    if (const auto found = details->constFind(projectId); found != details->cend()) {
                        SyncBatch::OpsDetail &detail = m_run->batch.ops[appId];
                        detail = *found;
                        detail.appId = appId;
                    }
                }
                jobDone();
            });
    });
}

void SyncEngine::planDetails()
{
    Run &run = *m_run;
    const quint64 runId = run.id;
    SyncBatch &batch = run.batch;

    QHash<QString, qint64> opsToRead;
    for (const GitLabProject &project : std::as_const(batch.opsProjects))
        opsToRead.insert(project.path, project.id);
    if (!run.full) {
        for (auto it = run.previous.unfinishedOps.cbegin(); it != run.previous.unfinishedOps.cend(); ++it) {
            if (!opsToRead.contains(it.key()))
                opsToRead.insert(it.key(), it.value());
        }
    }

    QList<std::pair<QString, qint64>> unread; // read whole, OpsDetailQuery::BatchSize at a time
    for (auto it = opsToRead.cbegin(); it != opsToRead.cend(); ++it) {
        const QString appId = it.key();
        const qint64 projectId = it.value();
        if (run.full || !run.previous.knownOps.contains(appId)) {
            unread.append({ appId, projectId });
            if (unread.size() == OpsDetailQuery::BatchSize) {
                addOpsBatchJob(unread);
                unread.clear();
            }
            continue;
        }
        // Incremental: a project may be listed only because of the hourly
        // throttle's window, so first ask what GitLab does update on every
        // change: the pipelines' updated_at (every push to an environment
        // branch starts one, even a skipped one, and its deployment changes
        // with its job). Only a project with news is read again.
        addJob([this, runId, appId, projectId] {
            GitLabClient::PipelineQuery query;
            query.perPage = 1;
            query.maxPages = 1;
            query.updatedAfter = m_run->previous.cursor.addSecs(-m_options.clockSkewSeconds);
            return m_client->pipelines(QString::number(projectId), query, this,
                                       detailHandler<QList<GitLabPipeline>>(
                                           runId,
                                           [this, appId, projectId](GitLabResult<QList<GitLabPipeline>> &result) {
                                               if (result.value.isEmpty())
                                                   return;
                                               addOpsDetailJobs(appId, projectId);
                                               m_run->total += 4;
                                           },
                                           appId));
        });
    }

    if (!unread.isEmpty())
        addOpsBatchJob(unread);

    for (const GitLabProject &codeProject : std::as_const(batch.codeProjects)) {
        const QString appId = codeProject.path;
        const QString project = QString::number(codeProject.id);
        addJob([this, runId, appId, project] {
            return m_client->tags(project, m_options.tagPages, this,
                                  detailHandler<QList<GitLabTag>>(
                                      runId,
                                      [this, appId](GitLabResult<QList<GitLabTag>> &result) {
                                          m_run->batch.tags.insert(appId, std::move(result.value));
                                      },
                                      appId));
        });
    }

    // Pin every requested ref to the commit it names right now.
    QSet<QString> scheduled;
    for (const GitLabIssue &issue : std::as_const(batch.issues)) {
        if (issue.state != QLatin1String("opened"))
            continue;
        const QString ref = ReleaseRequestParser::parse(issue).requestedRef;
        const QString key = SyncBatch::refKey(issue.projectId, ref);
        if (ref.isEmpty() || scheduled.contains(key))
            continue;
        scheduled.insert(key);
        const QString project = QString::number(issue.projectId);
        addJob([this, runId, key, project, ref] {
            // An unknown ref (404) is the request's problem, not the sync's.
            return m_client->commit(project, ref, this,
                                    detailHandler<GitLabCommit>(runId, [this, key](GitLabResult<GitLabCommit> &result) {
                                        if (result.ok())
                                            m_run->batch.resolvedRefs.insert(key, result.value.id);
                                    }));
        });
    }

    // Requests with approvals recorded: their comments say who approved what.
    for (const GitLabIssue &issue : std::as_const(batch.issues)) {
        if (issue.state != QLatin1String("opened") || ReleaseRequestParser::parse(issue).approvalsGiven <= 0)
            continue;
        const QString key = SyncBatch::refKey(issue.projectId, QString::number(issue.iid));
        const QString project = QString::number(issue.projectId);
        const qint64 iid = issue.iid;
        addJob([this, runId, key, project, iid] {
            return m_client->issueNotes(
                project, iid, 0, this,
                detailHandler<QList<GitLabNote>>(runId, [this, key](GitLabResult<QList<GitLabNote>> &result) {
                    if (result.ok())
                        m_run->batch.approvalNotes.insert(key, std::move(result.value));
                }));
        });
    }

    run.total = run.done + int(run.jobs.size());
    if (run.jobs.empty()) {
        write();
        return;
    }
    reportProgress(tr("Reading versions, pipelines and tags…"), true);
    pumpJobs();
}

void SyncEngine::addJob(std::function<GitLabCall *()> job)
{
    m_run->jobs.push_back(std::move(job));
}

void SyncEngine::pumpJobs()
{
    Run &run = *m_run;
    while (run.outstanding < m_options.maxOutstandingCalls && !run.jobs.empty()) {
        std::function<GitLabCall *()> job = std::move(run.jobs.front());
        run.jobs.pop_front();
        ++run.outstanding;
        track(job());
    }
}

void SyncEngine::jobDone()
{
    Run &run = *m_run;
    --run.outstanding;
    ++run.done;
    reportProgress(run.text);
    if (run.jobs.empty() && run.outstanding == 0) {
        write();
        return;
    }
    pumpJobs();
}

void SyncEngine::write()
{
    Run &run = *m_run;
    run.writing = true;
    reportProgress(tr("Saving to the local cache…"), true);
    // The next run asks for what changed since this run began, by GitLab's
    // clock, with a second of overlap for the Date header's resolution.
    run.batch.cursor = (run.serverTime.isValid() ? run.serverTime : run.localStart).addSecs(-1);
    // A full run saw every open request: what an older witness named may be
    // gone (GitLab went back), so only this run's requests count.
    run.batch.witness = SyncWitness::newest(run.full ? SyncWitness() : run.previous.witness, run.batch.issues);
    // Skipped apps keep what the cache has; their partial reads are dropped.
    for (const QString &appId : std::as_const(run.skipped)) {
        run.batch.ops.remove(appId);
        run.batch.tags.remove(appId);
    }
    run.batch.skipped = run.skipped;
    const QStringList problems = run.problems;
    auto batch = std::make_shared<const SyncBatch>(std::move(run.batch));
    auto hook = m_beforeCommit;
    const quint64 runId = run.id;
    m_cache->query<SyncWriteResult>(
        this, [batch, hook](CacheDatabase &db) { return writeSyncBatch(db, *batch, hook); },
        [this, runId, full = batch->full, wentBack = run.serverWentBack, problems](SyncWriteResult result) {
            if (!alive(runId))
                return;
            if (!result.ok && !result.superseded) {
                GitLabError error;
                error.kind = GitLabError::Kind::Other;
                error.message = result.error;
                abortRun(error, result.storeFailure, result.storeHolder);
                return;
            }
            SyncStats stats;
            stats.full = full;
            stats.superseded = result.superseded;
            stats.serverWentBack = wentBack;
            stats.requests = m_client->requestCount() - m_run->requestsAtStart;
            stats.apps = result.apps;
            stats.appsChanged = result.appsChanged;
            stats.appsRemoved = result.appsRemoved;
            stats.releaseRequests = result.releaseRequests;
            stats.problems = problems;
            stats.elapsedMs = m_run->timer.elapsed();
            stats.finishedAt = QDateTime::currentDateTimeUtc();
            m_lastError = {};
            m_lastStoreFailure = StoreFailure::None;
            m_lastStoreHolder.clear();
            m_run->done = m_run->total;
            reportProgress(tr("Up to date"), true);
            m_run.reset();
            Q_EMIT finished(stats);
            endRun();
        });
}

void SyncEngine::abortRun(const GitLabError &error, StoreFailure storeFailure, const QString &storeHolder)
{
    if (!m_run)
        return;
    m_lastError = error;
    m_lastStoreFailure = storeFailure;
    m_lastStoreHolder = storeHolder;
    m_run->gitCancelled->store(true);
    const QList<QPointer<GitLabCall>> calls = m_run->calls;
    m_run.reset();
    for (const QPointer<GitLabCall> &call : calls) {
        if (call)
            call->cancel();
    }
    Q_EMIT failed(error.message.isEmpty() ? tr("The sync with GitLab failed; the cached data was kept.")
                                          : error.message);
    endRun();
}

void SyncEngine::endRun()
{
    if (m_run || !m_queued)
        return;
    const Mode next = *m_queued;
    m_queued.reset();
    QMetaObject::invokeMethod(
        this,
        [this, next] {
            if (!m_run)
                begin(next);
            else
                start(next);
        },
        Qt::QueuedConnection);
}

} // namespace Dockmaster
