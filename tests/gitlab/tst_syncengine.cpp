#include "core/cache/cacheservice.h"
#include "core/gitlab/gitlabclient.h"
#include "core/sync/opsdetailquery.h"
#include "core/sync/syncengine.h"
#include "sandbox/emulator/emulatorstore.h"
#include "sandbox/emulator/gitlabemulator.h"
#include "sandbox/emulator/sandboxseeder.h"
#include "tests/gitlab/gitlabtesthelpers.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Dockmaster;
using namespace Dockmaster::Test;

namespace {

// Everything the panels read, to compare the cache before and after a run.
struct CacheState {
    QList<AppRecord> apps;
    QList<ReleaseRequest> requests;
    QList<TagRecord> tags;
    QList<PipelineRecord> pipelines;
    QList<HostRecord> hosts;
    QString cursor;
    QString generation;
    QString lastSyncAt;

    bool operator==(const CacheState &) const = default;
};

} // namespace

// The sync engine against a seeded emulator with real git repositories.
class TestSyncEngine : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<GitLabEmulator> m_emulator;
    SandboxSeedResult m_seed;
    std::unique_ptr<CacheService> m_cache;
    std::unique_ptr<GitLabClient> m_client;
    std::unique_ptr<SyncEngine> m_engine;
    int m_cacheNumber = 0;

    std::unique_ptr<GitLabClient> makeClient() const
    {
        auto client = std::make_unique<GitLabClient>();
        client->setBaseUrl(m_emulator->baseUrl());
        client->setToken(m_seed.adminToken);
        GitLabClientOptions options;
        options.baseBackoffMs = 20;
        options.maxBackoffMs = 100;
        options.transferTimeoutMs = 10000;
        client->setOptions(options);
        return client;
    }

    std::unique_ptr<SyncEngine> makeEngine(GitLabClient *client) const
    {
        auto engine = std::make_unique<SyncEngine>(client, m_cache.get());
        SyncOptions options;
        options.inventoryMirrorDir = m_dir.filePath(QStringLiteral("mirror-%1.git").arg(m_cacheNumber));
        engine->setOptions(options);
        return engine;
    }

    CacheState state()
    {
        std::optional<CacheState> out;
        const QString sample = m_seed.appIds.value(0);
        m_cache->query<CacheState>(
            this,
            [sample](CacheDatabase &db) {
                CacheState s;
                s.apps = db.loadApps();
                s.requests = db.loadReleaseRequests();
                s.tags = db.loadTags(sample);
                s.pipelines = db.loadPipelines(sample);
                s.hosts = db.loadHosts();
                s.cursor = db.syncValue(SyncKeys::Cursor);
                s.generation = db.syncValue(SyncKeys::Generation);
                s.lastSyncAt = db.syncValue(SyncKeys::LastSyncAt);
                return s;
            },
            [&out](CacheState s) { out = std::move(s); });
        if (!QTest::qWaitFor([&out] { return out.has_value(); }, 10000))
            return {};
        return *out;
    }

    // Runs one sync to its end; returns "finished", "failed: ..." or "cancelled".
    QString runSync(SyncEngine &engine, SyncEngine::Mode mode, SyncStats *stats = nullptr)
    {
        QString outcome;
        QMetaObject::Connection a = connect(&engine, &SyncEngine::finished, this, [&](const SyncStats &s) {
            outcome = QStringLiteral("finished");
            if (stats)
                *stats = s;
        });
        QMetaObject::Connection b = connect(&engine, &SyncEngine::failed, this,
                                            [&](const QString &m) { outcome = QStringLiteral("failed: ") + m; });
        QMetaObject::Connection c
            = connect(&engine, &SyncEngine::cancelled, this, [&] { outcome = QStringLiteral("cancelled"); });
        engine.start(mode);
        (void)QTest::qWaitFor([&] { return !outcome.isEmpty(); }, 60000);
        disconnect(a);
        disconnect(b);
        disconnect(c);
        return outcome;
    }

    void freshCache()
    {
        m_engine.reset();
        m_cache.reset();
        ++m_cacheNumber;
        m_cache = std::make_unique<CacheService>(m_dir.filePath(QStringLiteral("cache-%1.sqlite").arg(m_cacheNumber)));
        QSignalSpy opened(m_cache.get(), &CacheService::opened);
        m_cache->open();
        QVERIFY(opened.wait(10000));
        m_engine = makeEngine(m_client.get());
    }

    int requestsLogged() const { return int(m_emulator->requestLog().size()); }

    // Moves `codes` on an environment branch through the submodules API (a
    // commit, as an admin's rollback on another desktop would be) and waits
    // for its pipeline to finish.
    void moveCodes(qint64 opsProjectId, const QString &branch, const QString &sha)
    {
        GitLabRequest move;
        move.method = QByteArrayLiteral("PUT");
        move.path
            = GitLabClient::projectPath(QString::number(opsProjectId)) + QStringLiteral("/repository/submodules/codes");
        move.body = QJsonDocument(QJsonObject { { QStringLiteral("branch"), branch },
                                                { QStringLiteral("commit_sha"), sha },
                                                { QStringLiteral("commit_message"), QStringLiteral("Roll back") } })
                        .toJson(QJsonDocument::Compact);
        std::optional<GitLabResponse> moved;
        m_client->send(move, this, [&](const GitLabResponse &r) { moved = r; });
        QTRY_VERIFY_WITH_TIMEOUT(moved.has_value(), 10000);
        QVERIFY2(moved->error.isOk(), qPrintable(moved->error.message));
        GitLabClient::PipelineQuery query;
        query.ref = branch;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto pipelines = waitFor<QList<GitLabPipeline>>(
                    [&](auto done) { return m_client->pipelines(QString::number(opsProjectId), query, this, done); });
                return pipelines && pipelines->ok() && !pipelines->value.isEmpty()
                    && pipelines->value.first().status == QLatin1String("success");
            }(),
            20000);
    }

    static AppRecord appIn(const CacheState &s, const QString &id)
    {
        const auto it = std::find_if(s.apps.cbegin(), s.apps.cend(), [&](const AppRecord &a) { return a.id == id; });
        return it == s.apps.cend() ? AppRecord() : *it;
    }

    QDateTime lastActivity(qint64 projectId)
    {
        const auto project = waitFor<GitLabProject>(
            [&](auto done) { return m_client->project(QString::number(projectId), this, done); });
        return project && project->ok() ? project->value.lastActivityAt : QDateTime();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_emulator = std::make_unique<GitLabEmulator>(m_dir.filePath(QStringLiteral("gitlab")));
        QVERIFY(m_emulator->start());
        m_emulator->setRateLimit(1000000, false);
        SandboxSeedOptions options;
        options.appCount = 20;
        m_seed = SandboxSeeder(*m_emulator).seed(options);
        QCOMPARE(m_seed.appIds.size(), 20);
        // The seeded deployments' pipelines finish first: tests compare the
        // cache of one sync with another's.
        QTRY_VERIFY_WITH_TIMEOUT(!m_emulator->hasUnfinishedPipelines(), 120000);
        m_client = makeClient();
    }

    void init()
    {
        m_emulator->clearFaults();
        m_emulator->clearRequestLog();
        freshCache();
    }

    void fullSyncMirrorsGitLab()
    {
        SyncStats stats;
        QSignalSpy progress(m_engine.get(), &SyncEngine::progress);
        QCOMPARE(runSync(*m_engine, SyncEngine::Mode::Auto, &stats), QStringLiteral("finished"));
        QVERIFY(stats.full);
        QCOMPARE(stats.apps, 20);
        QVERIFY(stats.requests > 20);
        QVERIFY(progress.count() >= 3);
        const QList<QVariant> last = progress.last();
        QCOMPARE(last.at(0).toInt(), last.at(1).toInt()); // done == total at the end

        const CacheState s = state();
        QCOMPARE(s.apps.size(), 20);
        QVERIFY(!s.lastSyncAt.isEmpty());
        QCOMPARE(s.generation, QStringLiteral("1"));

        // Compare one app with what GitLab itself says.
        const QString id = m_seed.appIds.at(0);
        const AppRecord &app
            = *std::find_if(s.apps.cbegin(), s.apps.cend(), [&](const AppRecord &a) { return a.id == id; });
        QVERIFY(app.codeProjectId > 0 && app.opsProjectId > 0);
        QVERIFY(!app.owner.isEmpty());
        const EnvironmentState *test = app.environment(Environment::Test);
        QVERIFY(test);
        QVERIFY(!test->host.isEmpty());
        QCOMPARE(test->domain.section(QLatin1Char('.'), 0, 0), id);
        QVERIFY(test->containerPort > 0 && test->fallbackPort > 0);
        const auto tree = waitFor<QList<GitLabTreeEntry>>([&](auto done) {
            return m_client->tree(QString::number(app.opsProjectId), QStringLiteral("env/test"), {}, this, done);
        });
        QVERIFY(tree && tree->ok());
        QString codes;
        for (const GitLabTreeEntry &entry : tree->value) {
            if (entry.path == QLatin1String("codes"))
                codes = entry.id;
        }
        QCOMPARE(test->liveSha, codes);
        QVERIFY2(test->liveRef.startsWith(QLatin1Char('v')), qPrintable(test->liveRef)); // a tag is live
        QVERIFY(!test->pipelineStatus.isEmpty());
        QVERIFY(!s.tags.isEmpty());
        QVERIFY(!s.pipelines.isEmpty());

        // The hosts of the inventory, with where their Docker Engine API is (live logs).
        QVERIFY(!s.hosts.isEmpty());
        const auto testHost
            = std::find_if(s.hosts.cbegin(), s.hosts.cend(), [&](const HostRecord &h) { return h.name == test->host; });
        QVERIFY(testHost != s.hosts.cend());
        QCOMPARE(testHost->environment, QStringLiteral("test"));
        QVERIFY2(testHost->dockerApi.startsWith(QStringLiteral("tcp://") + testHost->address),
                 qPrintable(testHost->dockerApi));

        // Every open release request, with its ref pinned to a SHA.
        GitLabClient::IssueQuery query;
        query.labels = { QStringLiteral("release-request") };
        const auto open = waitFor<QList<GitLabIssue>>([&](auto done) { return m_client->issues(query, this, done); });
        QVERIFY(open && open->ok());
        QCOMPARE(s.requests.size(), open->value.size());
        QVERIFY(!s.requests.isEmpty());
        int resolved = 0;
        for (const ReleaseRequest &request : s.requests) {
            QVERIFY(!request.appId.isEmpty());
            QVERIFY(!request.requestedRef.isEmpty());
            if (request.resolvedSha.size() == 40)
                ++resolved;
        }
        QVERIFY(resolved > 0);
    }

    void incrementalWithNothingChangedIsCheap()
    {
        QCOMPARE(runSync(*m_engine, SyncEngine::Mode::Full), QStringLiteral("finished"));
        const CacheState before = state();
        const int fullRequests = requestsLogged();
        m_emulator->clearRequestLog();
        QTest::qWait(1100); // past the cursor's one-second overlap
        SyncStats stats;
        QCOMPARE(runSync(*m_engine, SyncEngine::Mode::Auto, &stats), QStringLiteral("finished"));
        QVERIFY(!stats.full);
        QCOMPARE(stats.appsChanged, 0);
        const int incremental = requestsLogged();
        qInfo("full sync: %d requests, incremental with nothing changed: %d", fullRequests, incremental);
        // The four listings and one look at the witness (has GitLab gone back in time?).
        QVERIFY2(incremental <= 5, qPrintable(QString::number(incremental)));
        const CacheState after = state();
        QCOMPARE(after.apps, before.apps);
        QCOMPARE(after.requests, before.requests);
    }

    void incrementalPicksUpChanges()
    {
        QCOMPARE(runSync(*m_engine, SyncEngine::Mode::Full), QStringLiteral("finished"));
        const CacheState before = state();
        const QString id = m_seed.appIds.at(2);
        const AppRecord app
            = *std::find_if(before.apps.cbegin(), before.apps.cend(), [&](const AppRecord &a) { return a.id == id; });
        QTest::qWait(1100);

        // A developer opens a release request; an admin moves env/test to the oldest tag.
        const QByteArray issueBody
            = QJsonDocument(QJsonObject { { QStringLiteral("title"), QStringLiteral("Release v1.0.0 to test") },
                                          { QStringLiteral("description"), QStringLiteral("Ref: v1.0.0\n") },
                                          { QStringLiteral("labels"),
                                            QStringLiteral("release-request,env::test,release::pending") } })
                  .toJson(QJsonDocument::Compact);
        GitLabRequest create;
        create.method = QByteArrayLiteral("POST");
        create.path = GitLabClient::projectPath(QString::number(app.codeProjectId)) + QStringLiteral("/issues");
        create.body = issueBody;
        std::optional<GitLabResponse> created;
        m_client->send(create, this, [&](const GitLabResponse &r) { created = r; });
        QTRY_VERIFY_WITH_TIMEOUT(created.has_value(), 10000);
        QVERIFY2(created->error.isOk(), qPrintable(created->error.message));

        const auto tags = waitFor<QList<GitLabTag>>(
            [&](auto done) { return m_client->tags(QString::number(app.codeProjectId), 1, this, done); });
        QVERIFY(tags && tags->ok() && !tags->value.isEmpty());
        const GitLabTag oldest = tags->value.last();
        GitLabRequest move;
        move.method = QByteArrayLiteral("PUT");
        move.path = GitLabClient::projectPath(QString::number(app.opsProjectId))
            + QStringLiteral("/repository/submodules/codes");
        move.body = QJsonDocument(QJsonObject { { QStringLiteral("branch"), QStringLiteral("env/test") },
                                                { QStringLiteral("commit_sha"), oldest.commit.id },
                                                { QStringLiteral("commit_message"), QStringLiteral("Roll back") } })
                        .toJson(QJsonDocument::Compact);
        std::optional<GitLabResponse> moved;
        m_client->send(move, this, [&](const GitLabResponse &r) { moved = r; });
        QTRY_VERIFY_WITH_TIMEOUT(moved.has_value(), 10000);
        QVERIFY2(moved->error.isOk(), qPrintable(moved->error.message));

        m_emulator->clearRequestLog();
        SyncStats stats;
        QCOMPARE(runSync(*m_engine, SyncEngine::Mode::Auto, &stats), QStringLiteral("finished"));
        QVERIFY(!stats.full);
        QVERIFY(requestsLogged() < 30);
        const CacheState after = state();
        const AppRecord updated
            = *std::find_if(after.apps.cbegin(), after.apps.cend(), [&](const AppRecord &a) { return a.id == id; });
        QCOMPARE(updated.environment(Environment::Test)->liveSha, oldest.commit.id);
        QCOMPARE(updated.environment(Environment::Test)->liveRef, oldest.name);
        const qint64 iid = QJsonDocument::fromJson(created->body).object().value(QStringLiteral("iid")).toInteger();
        const auto request = std::find_if(after.requests.cbegin(), after.requests.cend(), [&](const ReleaseRequest &r) {
            return r.projectId == app.codeProjectId && r.iid == iid;
        });
        QVERIFY(request != after.requests.cend());
        QCOMPARE(request->requestedRef, QStringLiteral("v1.0.0"));
        QCOMPARE(request->resolvedSha,
                 tags->value.last().name == QLatin1String("v1.0.0") ? oldest.commit.id : request->resolvedSha);
        QCOMPARE(request->resolvedSha.size(), 40);

        // Closing it removes it on the next incremental run.
        QTest::qWait(1100);
        GitLabClient::IssueUpdate close;
        close.stateEvent = QStringLiteral("close");
        const auto closed = waitFor<GitLabIssue>([&](auto done) {
            return m_client->updateIssue(QString::number(app.codeProjectId), iid, close, this, done);
        });
        QVERIFY(closed && closed->ok());
        QCOMPARE(runSync(*m_engine, SyncEngine::Mode::Auto), QStringLiteral("finished"));
        const CacheState last = state();
        QVERIFY(std::none_of(last.requests.cbegin(), last.requests.cend(), [&](const ReleaseRequest &r) {
            return r.projectId == app.codeProjectId && r.iid == iid;
        }));
    }

    void failuresLeaveTheCacheUntouched_data()
    {
        QTest::addColumn<QString>("fault");
        // (Malformed JSON in one app's detail call skips that app instead:
        // unreadableAppIsSkippedNotFatal.)
        QTest::newRow("malformed JSON in the issue list") << QStringLiteral("malformed-issues");
        QTest::newRow("malformed JSON in the project list") << QStringLiteral("malformed-projects");
        QTest::newRow("persistent 5xx") << QStringLiteral("server-error");
        QTest::newRow("failure inside the transaction") << QStringLiteral("commit-hook");
    }

    void opsDetailsComeInOneGraphQLRequestPerFiftyApps()
    {
        // Issue 25: each app's live versions, newest pipelines and last
        // successful deployments come in one GraphQL request per 50 ops
        // projects instead of four REST requests per app.
        SyncStats stats;
        QCOMPARE(runSync(*m_engine, SyncEngine::Mode::Full, &stats), QStringLiteral("finished"));
        const auto count = [this](const char *method, const char *path) {
            return m_emulator->requestCount(QLatin1String(method), QLatin1String(path));
        };
        QCOMPARE(count("POST", "^/api/graphql$"), 1);
        QCOMPARE(count("GET", "^/api/v4/projects/\\d+/repository/tree$"), 0);
        QCOMPARE(count("GET", "^/api/v4/projects/\\d+/pipelines$"), 0);
        QCOMPARE(count("GET", "^/api/v4/projects/\\d+/deployments$"), 0);
        qInfo().noquote() << "a full sync of 20 apps:" << stats.requests << "requests";
        const CacheState throughGraphQL = state();
        QVERIFY(!throughGraphQL.pipelines.isEmpty());

        // A GitLab that does not answer GraphQL as asked (none there, or
        // an answer of another shape): the same apps, read through REST.
        const QList<EmulatorFault> refusals = { EmulatorFault::serverError(QStringLiteral("^/api/graphql$"), 404, -1),
                                                EmulatorFault::wrongShapeJson(QStringLiteral("^/api/graphql$"), -1) };
        for (const EmulatorFault &refusal : refusals) {
            freshCache();
            m_emulator->clearFaults();
            m_emulator->clearRequestLog();
            m_emulator->addFault(refusal);
            QCOMPARE(runSync(*m_engine, SyncEngine::Mode::Full), QStringLiteral("finished"));
            QVERIFY(count("GET", "^/api/v4/projects/\\d+/repository/tree$") > 0);
            const CacheState throughRest = state();
            QCOMPARE(throughRest.apps, throughGraphQL.apps);
            // A pipeline's page: REST names it on GitLab's external_url,
            // GraphQL gives its path, put on the URL this console uses.
            for (const PipelineRecord &pipeline : throughGraphQL.pipelines)
                QVERIFY2(pipeline.webUrl.endsWith(QStringLiteral("/-/pipelines/%1").arg(pipeline.id)),
                         qPrintable(pipeline.webUrl));
            const auto onPath = [](QList<PipelineRecord> pipelines) {
                for (PipelineRecord &pipeline : pipelines)
                    pipeline.webUrl = QUrl(pipeline.webUrl).path();
                return pipelines;
            };
            QCOMPARE(onPath(throughRest.pipelines), onPath(throughGraphQL.pipelines));
        }
        m_emulator->clearFaults();
    }

    void theOpsDetailQueryStaysWithinAUsersComplexity()
    {
        // GitLab refuses a query over 250 for a signed-in user who is not an
        // instance admin (app/graphql/gitlab_schema.rb); the root group's
        // owner is such a user. The score of the query the sync sends for a
        // full batch, as GitLab's own queryComplexity field reports it.
        static int users = 0;
        const QString token = QStringLiteral("glpat-owner-%1").arg(++users);
        m_emulator->addUser(QStringLiteral("owner%1").arg(users), QStringLiteral("Group Owner"), false, token);
        auto client = makeClient();
        client->setToken(token);
        QList<qint64> ids;
        for (int i = 0; i < OpsDetailQuery::BatchSize; ++i)
            ids.append(1000 + i);
        QString query = OpsDetailQuery::text();
        query.replace(QStringLiteral("{ projects("), QStringLiteral("{ queryComplexity { score limit } projects("));
        const auto answer = waitFor<GitLabGraphQLAnswer>(
            [&](auto done) { return client->graphql(query, OpsDetailQuery::variables(ids), this, done); });
        QVERIFY(answer && answer->ok());
        QVERIFY2(answer->value.errors.isEmpty(), qPrintable(answer->value.errors.join(QLatin1Char('\n'))));
        const QJsonObject complexity = answer->value.data.value(QStringLiteral("queryComplexity")).toObject();
        const int score = complexity.value(QStringLiteral("score")).toInt();
        qInfo("complexity of the ops details of %d apps: %d of %d", int(ids.size()), score,
              complexity.value(QStringLiteral("limit")).toInt());
        QCOMPARE(complexity.value(QStringLiteral("limit")).toInt(), 250);
        QVERIFY(score > 0 && score <= 250);
    }

    void failuresLeaveTheCacheUntouched()
    {
        QFETCH(QString, fault);
        QCOMPARE(runSync(*m_engine, SyncEngine::Mode::Full), QStringLiteral("finished"));
        const CacheState before = state();
        QVERIFY(!before.apps.isEmpty());
        bool hookSawWrites = false;
        if (fault == QLatin1String("malformed-issues"))
            m_emulator->addFault(EmulatorFault::malformedJson(QStringLiteral("^/api/v4/groups/.*/issues$"), 1));
        else if (fault == QLatin1String("malformed-projects"))
            m_emulator->addFault(EmulatorFault::malformedJson(QStringLiteral("^/api/v4/groups/.*/projects$"), 1));
        else if (fault == QLatin1String("server-error"))
            m_emulator->addFault(EmulatorFault::serverError(QStringLiteral("^/api/graphql$"), 503, -1));
        else
            m_engine->setBeforeCommitHookForTesting([&hookSawWrites](CacheDatabase &db) {
                // The run has written everything by now, and it still must not stick.
                hookSawWrites = db.syncValue(SyncKeys::Generation) == QLatin1String("2");
                return false;
            });
        const QString outcome = runSync(*m_engine, SyncEngine::Mode::Full);
        QVERIFY2(outcome.startsWith(QLatin1String("failed")), qPrintable(outcome));
        QCOMPARE(state(), before);
        if (fault == QLatin1String("commit-hook"))
            QVERIFY(hookSawWrites);
        m_engine->setBeforeCommitHookForTesting({});
        // And the next run works normally.
        m_emulator->clearFaults();
        QCOMPARE(runSync(*m_engine, SyncEngine::Mode::Full), QStringLiteral("finished"));
    }

    void cancelMidSyncKeepsOldState()
    {
        QCOMPARE(runSync(*m_engine, SyncEngine::Mode::Full), QStringLiteral("finished"));
        const CacheState before = state();
        m_emulator->addFault(EmulatorFault::delay(QStringLiteral("^/api/v4/projects/\\d+/repository/tags$"), 100, -1));
        QString outcome;
        connect(m_engine.get(), &SyncEngine::cancelled, this, [&] { outcome = QStringLiteral("cancelled"); });
        connect(m_engine.get(), &SyncEngine::finished, this, [&] { outcome = QStringLiteral("finished"); });
        int done = 0;
        connect(m_engine.get(), &SyncEngine::progress, this, [&](int d, int, const QString &) { done = d; });
        m_engine->start(SyncEngine::Mode::Full);
        QTRY_VERIFY_WITH_TIMEOUT(done >= 6, 20000); // listing done, details under way
        m_engine->cancel();
        QCOMPARE(outcome, QStringLiteral("cancelled"));
        QVERIFY(!m_engine->isRunning());
        QTest::qWait(300);
        QCOMPARE(outcome, QStringLiteral("cancelled")); // nothing finished later either
        QCOMPARE(state(), before);
        m_emulator->clearFaults();
    }

    void twoSyncsRacingDoNotCorruptTheCache()
    {
        QCOMPARE(runSync(*m_engine, SyncEngine::Mode::Full), QStringLiteral("finished"));
        const CacheState reference = state();

        // Two engines (two clients) on the same cache, started together, twice over.
        auto otherClient = makeClient();
        auto other = makeEngine(otherClient.get());
        for (int round = 0; round < 2; ++round) {
            QStringList outcomes;
            QList<SyncStats> stats;
            for (SyncEngine *engine : { m_engine.get(), other.get() }) {
                connect(engine, &SyncEngine::finished, this, [&](const SyncStats &s) {
                    outcomes.append(QStringLiteral("finished"));
                    stats.append(s);
                });
                connect(engine, &SyncEngine::failed, this,
                        [&](const QString &m) { outcomes.append(QStringLiteral("failed: ") + m); });
            }
            m_engine->start(SyncEngine::Mode::Full);
            other->start(SyncEngine::Mode::Full);
            QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), 2, 60000);
            QCOMPARE(outcomes, QStringList({ QStringLiteral("finished"), QStringLiteral("finished") }));
            // At most one of them wrote; a run that lost the race wrote nothing.
            QVERIFY(std::count_if(stats.cbegin(), stats.cend(), [](const SyncStats &s) { return !s.superseded; }) >= 1);
            m_engine->disconnect(this);
            other->disconnect(this);
        }
        const CacheState after = state();
        QCOMPARE(after.apps, reference.apps);
        QCOMPARE(after.requests, reference.requests);
        QCOMPARE(after.tags, reference.tags);

        // The same engine asked twice runs twice, one after the other.
        QSignalSpy finished(m_engine.get(), &SyncEngine::finished);
        m_engine->start(SyncEngine::Mode::Incremental);
        m_engine->start(SyncEngine::Mode::Incremental);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 30000);
        QCOMPARE(state().apps, reference.apps);
    }

    void offlineIsReportedAndCacheKept()
    {
        QCOMPARE(runSync(*m_engine, SyncEngine::Mode::Full), QStringLiteral("finished"));
        const CacheState before = state();
        GitLabClient dead;
        QUrl url;
        url.setScheme(QStringLiteral("http"));
        url.setHost(QStringLiteral("127.0.0.1"));
        url.setPort(1); // nothing listens on tcpmux
        dead.setBaseUrl(url);
        dead.setToken(QStringLiteral("x"));
        auto engine = makeEngine(&dead);
        const QString outcome = runSync(*engine, SyncEngine::Mode::Auto);
        QVERIFY2(outcome.startsWith(QLatin1String("failed")), qPrintable(outcome));
        QVERIFY(engine->lastError().isOffline());
        QCOMPARE(state(), before);
    }

    // GitLab writes last_activity_at at most once an hour and never for
    // pipelines (Event::RESET_PROJECT_ACTIVITY_INTERVAL): a second admin's
    // rollback within that hour must still reach this console's next
    // incremental run, and an hour of quiet costs only the listing.
    void changesWithinTheActivityHourAreSeen()
    {
        QCOMPARE(runSync(*m_engine, SyncEngine::Mode::Full), QStringLiteral("finished"));
        const QString id = m_seed.appIds.at(4);
        const CacheState before = state();
        const AppRecord app
            = *std::find_if(before.apps.cbegin(), before.apps.cend(), [&](const AppRecord &a) { return a.id == id; });
        const auto tags = waitFor<QList<GitLabTag>>(
            [&](auto done) { return m_client->tags(QString::number(app.codeProjectId), 1, this, done); });
        QVERIFY(tags && tags->ok() && tags->value.size() >= 2);

        // First move: the project's activity was old, so it moves.
        moveCodes(app.opsProjectId, QStringLiteral("env/test"), tags->value.last().commit.id);
        QTest::qWait(1100); // past the cursor's one-second overlap
        SyncStats stats;
        QCOMPARE(runSync(*m_engine, SyncEngine::Mode::Auto, &stats), QStringLiteral("finished"));
        QVERIFY(!stats.full);
        QCOMPARE(appIn(state(), id).environment(Environment::Test)->liveSha, tags->value.last().commit.id);

        // Second move within the hour: last_activity_at stays where it was.
        const QDateTime activity = lastActivity(app.opsProjectId);
        QTest::qWait(1100);
        moveCodes(app.opsProjectId, QStringLiteral("env/test"), tags->value.first().commit.id);
        QCOMPARE(lastActivity(app.opsProjectId), activity);
        QCOMPARE(runSync(*m_engine, SyncEngine::Mode::Auto, &stats), QStringLiteral("finished"));
        QCOMPARE(appIn(state(), id).environment(Environment::Test)->liveSha, tags->value.first().commit.id);
        QCOMPARE(appIn(state(), id).environment(Environment::Test)->pipelineStatus, QStringLiteral("success"));

        // Quiet: inside the hour the projects active in it get one cheap
        // pipeline probe each (and tags for code projects); an hour later,
        // just the listing.
        m_emulator->advanceClock(2 * 3600);
        m_emulator->clearRequestLog();
        QCOMPARE(runSync(*m_engine, SyncEngine::Mode::Auto, &stats), QStringLiteral("finished"));
        const int withinTheHour = requestsLogged();
        m_emulator->clearRequestLog();
        QCOMPARE(runSync(*m_engine, SyncEngine::Mode::Auto, &stats), QStringLiteral("finished"));
        const int anHourLater = requestsLogged();
        qInfo("incremental with nothing changed: %d requests right after activity, %d an hour later", withinTheHour,
              anHourLater);
        QCOMPARE(anHourLater, 5); // the four listings and the witness
        QCOMPARE(stats.appsChanged, 0);
    }

    // One app whose answers cannot be read (a hostile tag, a broken proxy)
    // is reported and keeps its cached state; every other app syncs.
    void unreadableAppIsSkippedNotFatal()
    {
        QCOMPARE(runSync(*m_engine, SyncEngine::Mode::Full), QStringLiteral("finished"));
        const QString id = m_seed.appIds.at(0); // the app whose tags state() reads
        const CacheState before = state();
        const AppRecord app = appIn(before, id);
        m_emulator->addFault(EmulatorFault::malformedJson(
            QStringLiteral("^/api/v4/projects/%1/repository/tags$").arg(app.codeProjectId), -1));
        SyncStats stats;
        QCOMPARE(runSync(*m_engine, SyncEngine::Mode::Full, &stats), QStringLiteral("finished"));
        m_emulator->clearFaults();
        QCOMPARE(stats.apps, 20);
        QCOMPARE(stats.problems.size(), 1);
        QVERIFY2(stats.problems.first().contains(id), qPrintable(stats.problems.first()));
        const CacheState after = state();
        QCOMPARE(after.tags, before.tags);
        QVERIFY(!after.tags.isEmpty());
        QCOMPARE(appIn(after, id), app);
    }

    // GitLab restored from a backup taken before the last sync: the request
    // filed since is gone from GitLab. An incremental run only asks for what
    // changed after its cursor and would keep it forever; the witness check
    // notices and reads everything again.
    void aServerRestoredFromABackupIsReadAgain()
    {
        QCOMPARE(runSync(*m_engine, SyncEngine::Mode::Full), QStringLiteral("finished"));
        const int requestsBefore = int(state().requests.size());
        QVERIFY(requestsBefore > 0);
        // The backup, as GitLab's backup would hold the database.
        const QString stateFile = m_dir.filePath(QStringLiteral("gitlab/emulator-state.json"));
        m_emulator->saveState();
        QVERIFY(QFile::exists(stateFile));
        const QString backup = m_dir.filePath(QStringLiteral("gitlab-backup.json"));
        QVERIFY(QFile::copy(stateFile, backup));

        // After the backup: a developer files a release request, and this
        // console's next (incremental) sync sees it.
        const ReleaseRequest model = state().requests.constFirst();
        qint64 newIid = 0;
        {
            QMutexLocker lock(&m_emulator->store().mutex());
            newIid = m_emulator->store().refileIssue(model.projectId, model.iid);
        }
        QVERIFY(newIid > 0);
        SyncStats stats;
        QCOMPARE(runSync(*m_engine, SyncEngine::Mode::Auto, &stats), QStringLiteral("finished"));
        QVERIFY(!stats.full);
        QVERIFY(!stats.serverWentBack);
        const auto hasNew = [&](const CacheState &s) {
            return std::any_of(s.requests.cbegin(), s.requests.cend(), [&](const ReleaseRequest &r) {
                return r.projectId == model.projectId && r.iid == newIid;
            });
        };
        QVERIFY(hasNew(state()));

        // GitLab is stopped and its database restored from the backup.
        m_emulator.reset();
        QFile::remove(stateFile);
        QVERIFY(QFile::copy(backup, stateFile));
        m_emulator = std::make_unique<GitLabEmulator>(m_dir.filePath(QStringLiteral("gitlab")));
        QVERIFY(m_emulator->start());
        m_emulator->setRateLimit(1000000, false);

        QCOMPARE(runSync(*m_engine, SyncEngine::Mode::Auto, &stats), QStringLiteral("finished"));
        QVERIFY(stats.serverWentBack);
        QVERIFY(stats.full);
        const CacheState after = state();
        QVERIFY(!hasNew(after)); // only what GitLab has
        QCOMPARE(int(after.requests.size()), requestsBefore);

        // And the next run is incremental again: the new witness holds.
        QCOMPARE(runSync(*m_engine, SyncEngine::Mode::Auto, &stats), QStringLiteral("finished"));
        QVERIFY(!stats.full);
        QVERIFY(!stats.serverWentBack);
    }
};

QTEST_GUILESS_MAIN(TestSyncEngine)
#include "tst_syncengine.moc"
