#include "emulator/gitlabemulator.h"
#include "gitlab/gitlabclient.h"
#include "gitlabtesthelpers.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Dockmaster;
using namespace Dockmaster::Testing;

// The GitLab client against the emulator: auth, encoding, pagination, rate
// limits, retries only where they are safe, and errors people understand.
class TestGitLabClient : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<GitLabEmulator> m_emulator;
    std::unique_ptr<GitLabClient> m_client;
    EmulatorGroups m_groups;
    static constexpr int AppCount = 250; // three pages of 100

    int logged(const QString &method, const QString &pathRegex) const
    {
        return m_emulator->requestCount(method, pathRegex);
    }

    GitLabClientOptions fastOptions() const
    {
        GitLabClientOptions options;
        options.baseBackoffMs = 20;
        options.maxBackoffMs = 200;
        options.transferTimeoutMs = 5000;
        return options;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_emulator = std::make_unique<GitLabEmulator>(m_dir.path());
        QVERIFY(m_emulator->start());
        m_groups = addPlatformGroups(*m_emulator, QStringLiteral("plugins"));
        {
            QMutexLocker lock(&m_emulator->store().mutex());
            for (int i = 1; i <= AppCount; ++i)
                m_emulator->store().addProject(appId(i), appId(i), m_groups.apps);
        }
        m_client = std::make_unique<GitLabClient>();
        m_client->setBaseUrl(m_emulator->baseUrl());
        m_client->setToken(m_emulator->adminToken());
    }

    void init()
    {
        m_emulator->clearFaults();
        m_emulator->clearRequestLog();
        m_emulator->setRateLimit(1000000, false);
        m_client->setToken(m_emulator->adminToken());
        m_client->setOptions(fastOptions());
    }

    void currentUserWithToken()
    {
        const auto r = waitFor<GitLabUser>([&](auto done) { return m_client->currentUser(this, done); });
        QVERIFY(r);
        QVERIFY2(r->ok(), qPrintable(r->error.message));
        QCOMPARE(r->value.username, QStringLiteral("root"));
        QCOMPARE(logged(QStringLiteral("GET"), QStringLiteral("^/api/v4/user$")), 1);
    }

    void wrongTokenIsUnauthorizedAndNeverShown()
    {
        const QString secret = QStringLiteral("glpat-secret-that-must-not-leak");
        m_client->setToken(secret);
        const auto r = waitFor<GitLabUser>([&](auto done) { return m_client->currentUser(this, done); });
        QVERIFY(r);
        QCOMPARE(r->error.kind, GitLabError::Kind::Unauthorized);
        QCOMPARE(r->error.httpStatus, 401);
        QVERIFY(r->error.message.contains(QStringLiteral("token")));
        QVERIFY(!r->error.message.contains(secret));
        QVERIFY(!r->error.path.contains(secret));
        // 401 is not transient: asked once.
        QCOMPARE(logged(QStringLiteral("GET"), QStringLiteral("^/api/v4/user$")), 1);
    }

    void projectPathIsSentEncoded()
    {
        const auto r = waitFor<GitLabProject>(
            [&](auto done) { return m_client->project(QStringLiteral("plugins/apps/") + appId(7), this, done); });
        QVERIFY(r);
        QVERIFY2(r->ok(), qPrintable(r->error.message));
        QCOMPARE(r->value.pathWithNamespace, QStringLiteral("plugins/apps/") + appId(7));
        QCOMPARE(r->value.namespacePath, QStringLiteral("plugins/apps"));
        QCOMPARE(logged(QStringLiteral("GET"), QStringLiteral("^/api/v4/projects/plugins%2Fapps%2Fapp0000007$")), 1);
    }

    void notFoundNamesThePath()
    {
        const auto r = waitFor<GitLabProject>(
            [&](auto done) { return m_client->project(QStringLiteral("plugins/apps/nothing-here"), this, done); });
        QVERIFY(r);
        QCOMPARE(r->error.kind, GitLabError::Kind::NotFound);
        QVERIFY2(r->error.message.contains(QStringLiteral("plugins/apps/nothing-here")), qPrintable(r->error.message));
    }

    void offsetPaginationFollowsEveryPage()
    {
        const auto r = waitFor<QList<GitLabProject>>(
            [&](auto done) { return m_client->groupProjects(QStringLiteral("plugins/apps"), {}, this, done); });
        QVERIFY(r);
        QVERIFY2(r->ok(), qPrintable(r->error.message));
        QCOMPARE(r->value.size(), AppCount);
        QCOMPARE(r->value.first().path, appId(1));
        QCOMPARE(r->value.last().path, appId(AppCount));
        QCOMPARE(logged(QStringLiteral("GET"), QStringLiteral("^/api/v4/groups/plugins%2Fapps/projects$")), 3);
        const auto log = m_emulator->requestLog();
        for (const auto &entry : log)
            QVERIFY2(entry.query.contains(QStringLiteral("per_page=100")), qPrintable(entry.query));
    }

    void maxPagesStopsEarly()
    {
        GitLabClient::ProjectQuery query;
        query.maxPages = 1;
        const auto r = waitFor<QList<GitLabProject>>(
            [&](auto done) { return m_client->groupProjects(QStringLiteral("plugins/apps"), query, this, done); });
        QVERIFY(r && r->ok());
        QCOMPARE(r->value.size(), 100);
        QCOMPARE(m_emulator->requestLog().size(), 1);
    }

    void keysetPaginationOnProjects()
    {
        const auto r = waitFor<QList<GitLabProject>>([&](auto done) { return m_client->projects({}, this, done); });
        QVERIFY(r);
        QVERIFY2(r->ok(), qPrintable(r->error.message));
        QCOMPARE(r->value.size(), AppCount);
        for (qsizetype i = 1; i < r->value.size(); ++i)
            QVERIFY(r->value.at(i - 1).id < r->value.at(i).id);
        const auto log = m_emulator->requestLog();
        QCOMPARE(log.size(), 3);
        QVERIFY(log.at(0).query.contains(QStringLiteral("pagination=keyset")));
        QVERIFY(log.at(1).query.contains(QStringLiteral("id_after=")));
    }

    void lastActivityAfterFilters()
    {
        QDateTime later;
        {
            QMutexLocker lock(&m_emulator->store().mutex());
            later = m_emulator->store().now().addSecs(3600);
            m_emulator->store().projectByPath(QStringLiteral("plugins/apps/") + appId(42))->lastActivityAt
                = later.addSecs(1);
        }
        GitLabClient::ProjectQuery query;
        query.lastActivityAfter = later;
        const auto r = waitFor<QList<GitLabProject>>(
            [&](auto done) { return m_client->groupProjects(QStringLiteral("plugins/apps"), query, this, done); });
        QVERIFY(r && r->ok());
        QCOMPARE(r->value.size(), 1);
        QCOMPARE(r->value.first().path, appId(42));
    }

    void rateLimitHonoursRetryAfter()
    {
        m_emulator->addFault(EmulatorFault::rateLimited(QStringLiteral("^/api/v4/user$"), 1, 1));
        QElapsedTimer timer;
        timer.start();
        const auto r = waitFor<GitLabUser>([&](auto done) { return m_client->currentUser(this, done); });
        QVERIFY(r);
        QVERIFY2(r->ok(), qPrintable(r->error.message));
        QVERIFY2(timer.elapsed() >= 1000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(logged(QStringLiteral("GET"), QStringLiteral("^/api/v4/user$")), 2);
    }

    void rateLimitTooLongIsReported()
    {
        GitLabClientOptions options = fastOptions();
        options.maxRetryAfterSeconds = 5;
        m_client->setOptions(options);
        m_emulator->addFault(EmulatorFault::rateLimited(QStringLiteral("^/api/v4/user$"), 3600, 1));
        const auto r = waitFor<GitLabUser>([&](auto done) { return m_client->currentUser(this, done); });
        QVERIFY(r);
        QCOMPARE(r->error.kind, GitLabError::Kind::RateLimited);
        QVERIFY(r->error.message.contains(QStringLiteral("3600")));
        QCOMPARE(logged(QStringLiteral("GET"), QStringLiteral("^/api/v4/user$")), 1);
    }

    void rateLimitedPostIsSentAgain()
    {
        // A 429 is refused before GitLab does anything, so a POST may repeat.
        m_emulator->addFault(
            EmulatorFault::rateLimited(QStringLiteral("^/api/v4/groups$"), 0, 1).onMethod(QStringLiteral("POST")));
        GitLabRequest request;
        request.method = QByteArrayLiteral("POST");
        request.path = QStringLiteral("/groups");
        request.body = QByteArrayLiteral(R"({"name":"rl","path":"rl"})");
        std::optional<GitLabResponse> response;
        m_client->send(request, this, [&](const GitLabResponse &r) { response = r; });
        QTRY_VERIFY_WITH_TIMEOUT(response.has_value(), 10000);
        QVERIFY2(response->error.isOk(), qPrintable(response->error.message));
        QCOMPARE(response->httpStatus, 201);
        QCOMPARE(logged(QStringLiteral("POST"), QStringLiteral("^/api/v4/groups$")), 2);
    }

    void serverErrorRetriedForGet()
    {
        m_emulator->addFault(EmulatorFault::serverError(QStringLiteral("^/api/v4/user$"), 503, 2));
        const auto r = waitFor<GitLabUser>([&](auto done) { return m_client->currentUser(this, done); });
        QVERIFY(r);
        QVERIFY2(r->ok(), qPrintable(r->error.message));
        QCOMPARE(logged(QStringLiteral("GET"), QStringLiteral("^/api/v4/user$")), 3);
    }

    void serverErrorGivesUpAfterMaxAttempts()
    {
        m_emulator->addFault(EmulatorFault::serverError(QStringLiteral("^/api/v4/user$"), 500, -1));
        const auto r = waitFor<GitLabUser>([&](auto done) { return m_client->currentUser(this, done); });
        QVERIFY(r);
        QCOMPARE(r->error.kind, GitLabError::Kind::Server);
        QVERIFY(r->error.message.contains(QStringLiteral("500")));
        QCOMPARE(logged(QStringLiteral("GET"), QStringLiteral("^/api/v4/user$")), fastOptions().maxAttempts);
    }

    void serverErrorNotRetriedForPost()
    {
        m_emulator->addFault(
            EmulatorFault::serverError(QStringLiteral("^/api/v4/groups$"), 502, 1).onMethod(QStringLiteral("POST")));
        GitLabRequest request;
        request.method = QByteArrayLiteral("POST");
        request.path = QStringLiteral("/groups");
        request.body = QByteArrayLiteral(R"({"name":"p5","path":"p5"})");
        std::optional<GitLabResponse> response;
        m_client->send(request, this, [&](const GitLabResponse &r) { response = r; });
        QTRY_VERIFY_WITH_TIMEOUT(response.has_value(), 10000);
        QCOMPARE(response->error.kind, GitLabError::Kind::MayHaveTakenEffect);
        QVERIFY(response->error.message.contains(QStringLiteral("may or may not")));
        QTest::qWait(300); // a blind retry would show up in the log by now
        QCOMPARE(logged(QStringLiteral("POST"), QStringLiteral("^/api/v4/groups$")), 1);
    }

    void droppedConnectionRetriedForGetOnly()
    {
        m_emulator->addFault(EmulatorFault::dropConnection(QStringLiteral("^/api/v4/user$"), 1));
        const auto r = waitFor<GitLabUser>([&](auto done) { return m_client->currentUser(this, done); });
        QVERIFY(r);
        QVERIFY2(r->ok(), qPrintable(r->error.message));
        QCOMPARE(logged(QStringLiteral("GET"), QStringLiteral("^/api/v4/user$")), 2);

        m_emulator->addFault(
            EmulatorFault::dropConnection(QStringLiteral("^/api/v4/groups$"), 1).onMethod(QStringLiteral("POST")));
        GitLabRequest request;
        request.method = QByteArrayLiteral("POST");
        request.path = QStringLiteral("/groups");
        request.body = QByteArrayLiteral(R"({"name":"dc","path":"dc"})");
        std::optional<GitLabResponse> response;
        m_client->send(request, this, [&](const GitLabResponse &rr) { response = rr; });
        QTRY_VERIFY_WITH_TIMEOUT(response.has_value(), 10000);
        QCOMPARE(response->error.kind, GitLabError::Kind::MayHaveTakenEffect);
        QTest::qWait(300);
        QCOMPARE(logged(QStringLiteral("POST"), QStringLiteral("^/api/v4/groups$")), 1);
    }

    void malformedJsonIsAnError()
    {
        m_emulator->addFault(
            EmulatorFault::malformedJson(QStringLiteral("^/api/v4/groups/plugins%2Fapps/projects$"), 1));
        const auto list = waitFor<QList<GitLabProject>>(
            [&](auto done) { return m_client->groupProjects(QStringLiteral("plugins/apps"), {}, this, done); });
        QVERIFY(list);
        QCOMPARE(list->error.kind, GitLabError::Kind::Malformed);
        QVERIFY(list->value.isEmpty()); // nothing half-read

        m_emulator->addFault(EmulatorFault::malformedJson(QStringLiteral("^/api/v4/user$"), 1));
        const auto one = waitFor<GitLabUser>([&](auto done) { return m_client->currentUser(this, done); });
        QVERIFY(one);
        QCOMPARE(one->error.kind, GitLabError::Kind::Malformed);
    }

    void malformedLaterPageDropsTheWholeList()
    {
        // Page 1 is fine, a later page is garbage: the caller gets an error, not 100 rows.
        m_emulator->addFault(EmulatorFault::delay(QStringLiteral("^/api/v4/groups/plugins%2Fapps/projects$"), 200, 1));
        std::optional<GitLabResult<QList<GitLabProject>>> out;
        m_client->groupProjects(QStringLiteral("plugins/apps"), {}, this,
                                [&](GitLabResult<QList<GitLabProject>> r) { out = std::move(r); });
        QTest::qWait(50); // page 1 is being delayed and has consumed the delay fault
        m_emulator->addFault(
            EmulatorFault::malformedJson(QStringLiteral("^/api/v4/groups/plugins%2Fapps/projects$"), -1));
        QTRY_VERIFY_WITH_TIMEOUT(out.has_value(), 10000);
        QCOMPARE(out->error.kind, GitLabError::Kind::Malformed);
        QVERIFY(out->value.isEmpty());
        QCOMPARE(logged(QStringLiteral("GET"), QStringLiteral("^/api/v4/groups/plugins%2Fapps/projects$")), 2);
    }

    void truncatedBodyIsRetriedForGet()
    {
        m_emulator->addFault(EmulatorFault::truncatedBody(QStringLiteral("^/api/v4/user$"), 1));
        const auto r = waitFor<GitLabUser>([&](auto done) { return m_client->currentUser(this, done); });
        QVERIFY(r);
        QVERIFY2(r->ok(), qPrintable(r->error.message));
        QCOMPARE(logged(QStringLiteral("GET"), QStringLiteral("^/api/v4/user$")), 2);

        m_emulator->addFault(EmulatorFault::truncatedBody(QStringLiteral("^/api/v4/user$"), -1));
        const auto bad = waitFor<GitLabUser>([&](auto done) { return m_client->currentUser(this, done); });
        QVERIFY(bad);
        QVERIFY(!bad->ok());
    }

    void timeoutIsReported()
    {
        GitLabClientOptions options = fastOptions();
        options.transferTimeoutMs = 300;
        options.maxAttempts = 2;
        m_client->setOptions(options);
        m_emulator->addFault(EmulatorFault::delay(QStringLiteral("^/api/v4/user$"), 2000, -1));
        QElapsedTimer timer;
        timer.start();
        const auto r = waitFor<GitLabUser>([&](auto done) { return m_client->currentUser(this, done); });
        QVERIFY(r);
        QCOMPARE(r->error.kind, GitLabError::Kind::Timeout);
        QVERIFY(timer.elapsed() < 2000);
        m_emulator->clearFaults();
    }

    void cancelStopsTheCall()
    {
        m_emulator->addFault(EmulatorFault::delay(QStringLiteral("^/api/v4/user$"), 1500, 1));
        std::optional<GitLabResult<GitLabUser>> out;
        QPointer<GitLabCall> call
            = m_client->currentUser(this, [&](GitLabResult<GitLabUser> r) { out = std::move(r); });
        QTest::qWait(50);
        call->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(out.has_value(), 1000);
        QCOMPARE(out->error.kind, GitLabError::Kind::Cancelled);
        QTRY_VERIFY(call.isNull());
    }

    void deadContextGetsNoCallback()
    {
        m_emulator->addFault(EmulatorFault::delay(QStringLiteral("^/api/v4/user$"), 300, 1));
        bool called = false;
        auto context = std::make_unique<QObject>();
        m_client->currentUser(context.get(), [&](GitLabResult<GitLabUser>) { called = true; });
        context.reset();
        QTest::qWait(600);
        QVERIFY(!called);
        QCOMPARE(m_client->callsInFlight(), 0);
    }

    void offlineWhenNothingListens()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        GitLabClient offline;
        QUrl url;
        url.setScheme(QStringLiteral("http"));
        url.setHost(QStringLiteral("127.0.0.1"));
        url.setPort(port);
        offline.setBaseUrl(url);
        offline.setToken(QStringLiteral("x"));
        const auto r = waitFor<GitLabUser>([&](auto done) { return offline.currentUser(this, done); });
        QVERIFY(r);
        QCOMPARE(r->error.kind, GitLabError::Kind::Offline);
        QVERIFY(r->error.isOffline());
        QVERIFY(r->error.message.contains(QStringLiteral("offline")));
    }

    void lowRemainingSlowsDown()
    {
        // With nothing left in the window the client spaces requests out
        // instead of running into 429s.
        m_emulator->setRateLimit(1, false);
        GitLabClientOptions options = fastOptions();
        options.maxLowRemainingPauseMs = 400;
        m_client->setOptions(options);
        const auto first = waitFor<GitLabUser>([&](auto done) { return m_client->currentUser(this, done); });
        QVERIFY(first && first->ok());
        QElapsedTimer timer;
        timer.start();
        const auto second = waitFor<GitLabUser>([&](auto done) { return m_client->currentUser(this, done); });
        QVERIFY(second && second->ok());
        QVERIFY2(timer.elapsed() >= 100, qPrintable(QString::number(timer.elapsed())));
        m_emulator->setRateLimit(1000000, false);
    }
};

QTEST_GUILESS_MAIN(TestGitLabClient)
#include "tst_gitlabclient.moc"
