// A console meeting GitLab as it is deployed (issue 25): behind GitLab's
// nginx, over TLS, speaking HTTP/2. The emulator answers behind a real nginx
// configured as GitLab's own (tests/support/gitlabfront.h); the console
// trusts the front's authority as an admin's machine trusts the company's CA.
#include "core/cache/cacheservice.h"
#include "core/git/gitlibrary.h"
#include "core/gitlab/gitlabclient.h"
#include "core/sync/syncengine.h"
#include "sandbox/emulator/gitlabemulator.h"
#include "sandbox/emulator/sandboxseeder.h"
#include "tests/gitlab/gitlabtesthelpers.h"
#include "tests/support/gitlabfront.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <git2/common.h>

using namespace Dockmaster;
using namespace Dockmaster::Test;

namespace {

// What the panels read after a sync.
struct CacheState {
    QList<AppRecord> apps;
    QList<ReleaseRequest> requests;
    QList<TagRecord> tags;
    QList<PipelineRecord> pipelines;

    bool operator==(const CacheState &) const = default;
};

// The API's requests in the front's log (libgit2 fetches the inventory over
// HTTP/1.1, as git does against GitLab).
QList<GitLabFront::Request> apiRequests(const QList<GitLabFront::Request> &logged)
{
    QList<GitLabFront::Request> api;
    std::copy_if(logged.cbegin(), logged.cend(), std::back_inserter(api),
                 [](const GitLabFront::Request &r) { return r.target.startsWith("/api/"); });
    return api;
}

} // namespace

class TestGitLabFront : public QObject
{
    Q_OBJECT

    GitLibrary m_git;
    QTemporaryDir m_dir;
    std::unique_ptr<GitLabEmulator> m_emulator;
    SandboxSeedResult m_seed;
    GitLabFront m_front;
    GitLabFront m_busyFront; // closes each connection after 50 requests
    int m_caches = 0;

    std::unique_ptr<GitLabClient> client(const QUrl &baseUrl, int maxConcurrent = 6) const
    {
        auto client = std::make_unique<GitLabClient>();
        client->setBaseUrl(baseUrl);
        client->setToken(m_seed.adminToken);
        GitLabClientOptions options;
        options.transferTimeoutMs = 60000;
        options.maxConcurrent = maxConcurrent;
        client->setOptions(options);
        return client;
    }

    // A first sync into a new cache through `baseUrl`; the cache's content.
    std::optional<CacheState> syncThrough(const QUrl &baseUrl)
    {
        ++m_caches;
        CacheService cache(m_dir.filePath(QStringLiteral("cache-%1.sqlite").arg(m_caches)));
        QSignalSpy opened(&cache, &CacheService::opened);
        cache.open();
        if (!opened.wait(10000))
            return std::nullopt;
        const auto gitlab = client(baseUrl);
        SyncEngine engine(gitlab.get(), &cache);
        SyncOptions options;
        options.inventoryMirrorDir = m_dir.filePath(QStringLiteral("mirror-%1.git").arg(m_caches));
        engine.setOptions(options);
        QString outcome;
        connect(&engine, &SyncEngine::finished, this, [&] { outcome = QStringLiteral("finished"); });
        connect(&engine, &SyncEngine::failed, this,
                [&](const QString &m) { outcome = QStringLiteral("failed: ") + m; });
        engine.start(SyncEngine::Mode::Full);
        if (!QTest::qWaitFor([&] { return !outcome.isEmpty(); }, 120000) || outcome != QLatin1String("finished")) {
            qWarning("sync through %s: %s", qPrintable(baseUrl.toString()), qPrintable(outcome));
            return std::nullopt;
        }
        std::optional<CacheState> state;
        const QString sample = m_seed.appIds.value(0);
        cache.query<CacheState>(
            this,
            [sample](CacheDatabase &db) {
                return CacheState { db.loadApps(), db.loadReleaseRequests(), db.loadTags(sample),
                                    db.loadPipelines(sample) };
            },
            [&state](CacheState s) { state = std::move(s); });
        (void)QTest::qWaitFor([&] { return state.has_value(); }, 10000);
        return state;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_emulator = std::make_unique<GitLabEmulator>(m_dir.filePath(QStringLiteral("gitlab")));
        QVERIFY(m_emulator->start());
        m_emulator->setRateLimit(1000000, false);
        SandboxSeedOptions options;
        options.appCount = 12;
        m_seed = SandboxSeeder(*m_emulator).seed(options);
        QCOMPARE(m_seed.appIds.size(), 12);
        QTRY_VERIFY_WITH_TIMEOUT(!m_emulator->hasUnfinishedPipelines(), 120000);
        QString error;
        QVERIFY2(m_front.start(m_emulator->baseUrl(), &error), qPrintable(error));
        m_busyFront.setRequestsPerConnection(50);
        QVERIFY2(m_busyFront.start(m_emulator->baseUrl(), &error), qPrintable(error));
        // The console's two TLS stacks: Qt's for the API, libgit2's for git.
        m_front.trustAuthorityInThisProcess();
        m_busyFront.trustAuthorityInThisProcess();
        QVERIFY(git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, qPrintable(m_front.authorityFile()), nullptr) == 0);
    }

    void cleanup() { m_emulator->setLatency(0); }

    // The sync reads the same through GitLab's front as straight from the
    // emulator, and its API calls share one HTTP/2 connection.
    void aSyncThroughGitLabsFrontSpeaksHttp2AndReadsTheSame()
    {
        const std::optional<CacheState> direct = syncThrough(m_emulator->baseUrl());
        QVERIFY(direct.has_value());
        QCOMPARE(direct->apps.size(), 12);
        m_front.clearLog();
        const std::optional<CacheState> fronted = syncThrough(m_front.baseUrl());
        QVERIFY(fronted.has_value());
        // Pipeline pages open where this console reaches GitLab.
        CacheState expected = *direct;
        for (PipelineRecord &pipeline : expected.pipelines) {
            QUrl page = m_front.baseUrl();
            page.setPath(QUrl(pipeline.webUrl).path());
            pipeline.webUrl = page.toString();
        }
        QVERIFY(!expected.pipelines.isEmpty());
        QVERIFY(*fronted == expected);

        const QList<GitLabFront::Request> logged = m_front.requests();
        const QList<GitLabFront::Request> api = apiRequests(logged);
        QVERIFY2(api.size() >= 12, qPrintable(QString::number(api.size())));
        QVERIFY2(api.size() < logged.size(), "the inventory's fetch went through the front too");
        QSet<qint64> connections;
        for (const GitLabFront::Request &request : api) {
            QCOMPARE(request.protocol, QByteArray("HTTP/2.0"));
            QCOMPARE(request.status, 200);
            connections.insert(request.connection);
        }
        QCOMPARE(connections.size(), 1);
    }

    // Over HTTP/2 the profile's "Requests at once" is what GitLab sees: more
    // than HTTP/1.1's six connections when the profile allows it, never more
    // than the profile says.
    void theProfilesRequestsAtOnceHoldOverHttp2_data()
    {
        QTest::addColumn<int>("allowed");
        QTest::newRow("16 at once") << 16;
        QTest::newRow("3 at once") << 3;
    }

    void theProfilesRequestsAtOnceHoldOverHttp2()
    {
        QFETCH(int, allowed);
        m_emulator->setLatency(300);
        const auto gitlab = client(m_front.baseUrl(), allowed);
        m_front.clearLog();
        const int calls = 48;
        int answered = 0;
        for (int i = 0; i < calls; ++i) {
            gitlab->project(QString::number(m_seed.inventoryProjectId), this, [&](GitLabResult<GitLabProject> r) {
                QVERIFY2(r.ok(), qPrintable(r.error.message));
                ++answered;
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(answered, calls, 120000);
        const QList<GitLabFront::Request> api = apiRequests(m_front.requests());
        QCOMPARE(api.size(), calls);
        const int most = GitLabFront::mostAtOnce(api);
        qInfo("%d allowed at once: at most %d were in flight", allowed, most);
        QVERIFY2(most <= allowed, qPrintable(QString::number(most)));
        // At 300 ms an answer, 48 requests leave no doubt about overlap; over
        // HTTP/1.1 no more than 6 could be.
        QVERIFY2(most >= std::min(allowed, 7), qPrintable(QString::number(most)));
    }

    // nginx ends an HTTP/2 connection after so many requests (GOAWAY; 1,000
    // by default, GitLab's nginx included). Qt fails the streams it had begun
    // beyond GOAWAY's last one and strands those it had queued until their
    // transfer timeout; GitLab saw none of them. They go again at once, on a
    // new connection, reads and writes alike, and nothing is done twice.
    void aConnectionEndedByGitLabLosesNoRequest()
    {
        const auto direct = client(m_emulator->baseUrl());
        const auto issues = waitFor<QList<GitLabIssue>>(
            [&](auto done) { return direct->issues(GitLabClient::IssueQuery(), this, done); });
        QVERIFY(issues && issues->ok() && !issues->value.isEmpty());
        const GitLabIssue target = issues->value.constFirst();
        const QString project = QString::number(target.projectId);

        m_emulator->setLatency(50);
        const auto gitlab = client(m_busyFront.baseUrl(), 6);
        m_busyFront.clearLog();
        const int calls = 240; // four of five reads, one of five a comment
        int answered = 0;
        QStringList failures;
        const auto count = [&](const GitLabError &error) {
            if (!error.isOk())
                failures.append(error.message);
            ++answered;
        };
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < calls; ++i) {
            if (i % 5 == 4) {
                GitLabRequest comment;
                comment.method = QByteArrayLiteral("POST");
                comment.path = QStringLiteral("/projects/%1/issues/%2/notes").arg(project).arg(target.iid);
                comment.body = QJsonDocument(QJsonObject { { QStringLiteral("body"),
                                                             QStringLiteral("front comment %1").arg(i) } })
                                   .toJson(QJsonDocument::Compact);
                gitlab->send(comment, this, [&](const GitLabResponse &r) { count(r.error); });
            } else {
                gitlab->project(project, this, [&](GitLabResult<GitLabProject> r) { count(r.error); });
            }
        }
        QTRY_COMPARE_WITH_TIMEOUT(answered, calls, 300000);
        const qint64 elapsed = clock.elapsed();
        m_emulator->setLatency(0);
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));

        const QList<GitLabFront::Request> api = apiRequests(m_busyFront.requests());
        QSet<qint64> connections;
        for (const GitLabFront::Request &request : api)
            connections.insert(request.connection);
        qInfo("%d calls over %lld connections in %lld ms", calls, qint64(connections.size()), elapsed);
        QVERIFY(connections.size() >= calls / 50);
        // At once: 240 calls at 50 ms, 6 at a time, take about 2 s; a stranded
        // request waited out its transfer timeout (60 s here) before.
        QVERIFY2(elapsed < 30000, qPrintable(QString::number(elapsed)));

        // Each comment exactly once.
        const auto notes = waitFor<QList<GitLabNote>>(
            [&](auto done) { return gitlab->issueNotes(project, target.iid, 0, this, done); });
        QVERIFY(notes && notes->ok());
        for (int i = 4; i < calls; i += 5) {
            const QString body = QStringLiteral("front comment %1").arg(i);
            const auto copies = std::count_if(notes->value.cbegin(), notes->value.cend(),
                                              [&](const GitLabNote &note) { return note.body == body; });
            QVERIFY2(copies == 1, qPrintable(body + QStringLiteral(": ") + QString::number(copies)));
        }
    }
};

QTEST_GUILESS_MAIN(TestGitLabFront)
#include "tst_gitlabfront.moc"
