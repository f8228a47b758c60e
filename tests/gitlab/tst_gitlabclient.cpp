#include "core/gitlab/gitlabclient.h"
#include "sandbox/emulator/gitlabemulator.h"
#include "sandbox/emulator/sandboxseeder.h"
#include "tests/gitlab/gitlabtesthelpers.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Dockmaster;
using namespace Dockmaster::Test;

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
    std::optional<SandboxSeedResult> m_demo;

    int logged(const QString &method, const QString &pathRegex) const
    {
        return m_emulator->requestCount(method, pathRegex);
    }

    // A small seeded platform under "demo" (real git), made once.
    const SandboxSeedResult &demo()
    {
        if (!m_demo) {
            SandboxSeedOptions options;
            options.rootGroup = QStringLiteral("demo");
            options.appCount = 3;
            m_demo = SandboxSeeder(*m_emulator).seed(options);
            m_emulator->clearRequestLog();
        }
        return *m_demo;
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

    // Application limits (lib/api/helpers/rate_limiter.rb) send no
    // Retry-After: the client backs off and tries again, and when it gives up
    // it says what GitLab said.
    void applicationRateLimitWithoutRetryAfter()
    {
        GitLabClientOptions options = fastOptions();
        options.rateLimitBackoffMs = 20;
        options.maxRateLimitWaits = 3;
        m_client->setOptions(options);
        m_emulator->addFault(EmulatorFault::applicationRateLimited(QStringLiteral("^/api/v4/user$"), 2));
        auto r = waitFor<GitLabUser>([&](auto done) { return m_client->currentUser(this, done); });
        QVERIFY(r);
        QVERIFY2(r->ok(), qPrintable(r->error.message));
        QCOMPARE(logged(QStringLiteral("GET"), QStringLiteral("^/api/v4/user$")), 3);

        m_emulator->addFault(EmulatorFault::applicationRateLimited(QStringLiteral("^/api/v4/user$"), -1));
        r = waitFor<GitLabUser>([&](auto done) { return m_client->currentUser(this, done); });
        QVERIFY(r);
        QCOMPARE(r->error.kind, GitLabError::Kind::RateLimited);
        QCOMPARE(r->error.gitlabMessage,
                 QStringLiteral("This endpoint has been requested too many times. Try again later."));
        QCOMPARE(logged(QStringLiteral("GET"), QStringLiteral("^/api/v4/user$")), 3 + 4);
    }

    // GitLab builds Link URLs from its external_url (another name, scheme,
    // port or path than the one configured here): their path and query are
    // followed on the configured server, and nothing goes to the other host.
    void paginationLinksNamingAnotherServerAreRebased()
    {
        m_emulator->setExternalUrl(QUrl(QStringLiteral("https://gitlab.example.invalid:8443/gitlab")));
        const auto keyset
            = waitFor<QList<GitLabProject>>([&](auto done) { return m_client->projects({}, this, done); });
        const auto offset = waitFor<QList<GitLabProject>>(
            [&](auto done) { return m_client->groupProjects(QStringLiteral("plugins/apps"), {}, this, done); });
        m_emulator->setExternalUrl(QUrl(QStringLiteral("http://gitlab-emulator.invalid")));
        QVERIFY(keyset && offset);
        QVERIFY2(keyset->ok(), qPrintable(keyset->error.message));
        QVERIFY2(offset->ok(), qPrintable(offset->error.message));
        QCOMPARE(keyset->value.size(), AppCount);
        QCOMPARE(offset->value.size(), AppCount);
        QCOMPARE(logged(QStringLiteral("GET"), QStringLiteral("^/api/v4/projects$")), 3);
        QCOMPARE(logged(QStringLiteral("GET"), QStringLiteral("^/api/v4/groups/plugins%2Fapps/projects$")), 3);
        QVERIFY(offset->value.first().httpUrlToRepo.startsWith(QStringLiteral("https://gitlab.example.invalid:8443/")));
        // Pushes go to the configured server instead.
        QCOMPARE(m_client->repositoryUrl(offset->value.first().pathWithNamespace).host(), m_emulator->baseUrl().host());
    }

    // An Omnibus GitLab answers http:// with a redirect to https://; the token
    // never follows it, and the message says which URL to configure.
    void redirectToHttpsIsExplained()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const QByteArray location = "https://127.0.0.1:" + QByteArray::number(server.serverPort()) + "/api/v4/user";
        connect(&server, &QTcpServer::newConnection, &server, [&server, location] {
            while (QTcpSocket *socket = server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [socket, location] {
                    socket->readAll();
                    socket->write("HTTP/1.1 301 Moved Permanently\r\nLocation: " + location
                                  + "\r\nContent-Length: 0\r\n\r\n");
                });
            }
        });
        GitLabClient client;
        QUrl url;
        url.setScheme(QStringLiteral("http"));
        url.setHost(QStringLiteral("127.0.0.1"));
        url.setPort(server.serverPort());
        client.setBaseUrl(url);
        client.setToken(QStringLiteral("x"));
        client.setOptions(fastOptions());
        const auto r = waitFor<GitLabUser>([&](auto done) { return client.currentUser(this, done); });
        QVERIFY(r);
        QVERIFY(!r->ok());
        QVERIFY2(r->error.message.contains(QStringLiteral("redirects to https")), qPrintable(r->error.message));
        QVERIFY2(r->error.message.contains(QStringLiteral("https://127.0.0.1:%1").arg(server.serverPort())),
                 qPrintable(r->error.message));
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
        // The answer is held back far longer than the wait below: only the
        // cancel can end the call in time.
        m_emulator->addFault(EmulatorFault::delay(QStringLiteral("^/api/v4/user$"), 20000, 1));
        std::optional<GitLabResult<GitLabUser>> out;
        QPointer<GitLabCall> call
            = m_client->currentUser(this, [&](GitLabResult<GitLabUser> r) { out = std::move(r); });
        QTest::qWait(50);
        call->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(out.has_value(), 15000);
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

    // Every typed call the app uses, against a seeded demo platform.
    void typedEndpoints()
    {
        const SandboxSeedResult &seed = demo();
        const QString code = QStringLiteral("demo/apps/") + seed.appIds.at(0);
        const QString ops = QStringLiteral("demo/ops/") + seed.appIds.at(0);

        const auto users = waitFor<QList<GitLabUser>>(
            [&](auto done) { return m_client->usersByUsername(QStringLiteral("dev01"), this, done); });
        QVERIFY(users && users->ok());
        QCOMPARE(users->value.size(), 1);

        const auto tags = waitFor<QList<GitLabTag>>([&](auto done) { return m_client->tags(code, 0, this, done); });
        QVERIFY2(tags && tags->ok(), qPrintable(tags->error.message));
        QVERIFY(tags->value.size() >= 2);
        QCOMPARE(tags->value.first().commit.id.size(), 40);

        const auto commit = waitFor<GitLabCommit>(
            [&](auto done) { return m_client->commit(code, tags->value.first().name, this, done); });
        QVERIFY(commit && commit->ok());
        QCOMPARE(commit->value.id, tags->value.first().commit.id);

        const auto branch = waitFor<GitLabBranch>(
            [&](auto done) { return m_client->branch(ops, QStringLiteral("env/test"), this, done); });
        QVERIFY2(branch && branch->ok(), qPrintable(branch->error.message));

        const auto tree = waitFor<QList<GitLabTreeEntry>>(
            [&](auto done) { return m_client->tree(ops, QStringLiteral("env/test"), {}, this, done); });
        QVERIFY(tree && tree->ok());
        QVERIFY(std::any_of(tree->value.cbegin(), tree->value.cend(), [](const GitLabTreeEntry &e) {
            return e.path == QLatin1String("codes") && e.type == QLatin1String("commit");
        }));

        const auto file = waitFor<GitLabFile>([&](auto done) {
            return m_client->file(QStringLiteral("demo/ops/inventory"), QStringLiteral("hosts.json"),
                                  QStringLiteral("main"), this, done);
        });
        QVERIFY2(file && file->ok(), qPrintable(file->error.message));
        QVERIFY(QJsonDocument::fromJson(file->value.content).isObject());
        const auto meta = waitFor<GitLabFileMeta>([&](auto done) {
            return m_client->fileMeta(QStringLiteral("demo/ops/inventory"), QStringLiteral("hosts.json"),
                                      QStringLiteral("main"), this, done);
        });
        QVERIFY2(meta && meta->ok(), qPrintable(meta->error.message));
        QCOMPARE(meta->value.blobId, file->value.blobId);
        QCOMPARE(logged(QStringLiteral("HEAD"),
                        QStringLiteral("^/api/v4/projects/demo%2Fops%2Finventory/repository/"
                                       "files/hosts\\.json$")),
                 1);

        const auto compare = waitFor<GitLabCompare>([&](auto done) {
            return m_client->compare(code, tags->value.last().name, tags->value.first().name, this, done);
        });
        QVERIFY2(compare && compare->ok(), qPrintable(compare->error.message));
        QVERIFY(!compare->value.commits.isEmpty());
        QVERIFY(!compare->value.diffs.isEmpty());

        GitLabClient::PipelineQuery pipelineQuery;
        pipelineQuery.ref = QStringLiteral("env/test");
        const auto pipelines = waitFor<QList<GitLabPipeline>>(
            [&](auto done) { return m_client->pipelines(ops, pipelineQuery, this, done); });
        QVERIFY(pipelines && pipelines->ok());
        QVERIFY(!pipelines->value.isEmpty());
        for (const GitLabPipeline &p : pipelines->value)
            QCOMPARE(p.ref, QStringLiteral("env/test"));
        const qint64 pipelineId = pipelines->value.first().id;
        const auto pipeline
            = waitFor<GitLabPipeline>([&](auto done) { return m_client->pipeline(ops, pipelineId, this, done); });
        QVERIFY(pipeline && pipeline->ok());
        const auto jobs
            = waitFor<QList<GitLabJob>>([&](auto done) { return m_client->pipelineJobs(ops, pipelineId, this, done); });
        QVERIFY(jobs && jobs->ok() && !jobs->value.isEmpty());
        const auto trace = waitFor<QByteArray>(
            [&](auto done) { return m_client->jobTrace(ops, jobs->value.first().id, this, done); });
        QVERIFY(trace && trace->ok());

        const auto deployments
            = waitFor<QList<GitLabDeployment>>([&](auto done) { return m_client->deployments(ops, {}, this, done); });
        QVERIFY(deployments && deployments->ok() && !deployments->value.isEmpty());
        for (qsizetype i = 1; i < deployments->value.size(); ++i)
            QVERIFY(deployments->value.at(i - 1).id > deployments->value.at(i).id); // newest first
        const auto environments
            = waitFor<QList<GitLabEnvironment>>([&](auto done) { return m_client->environments(ops, this, done); });
        QVERIFY(environments && environments->ok());
        QVERIFY(std::any_of(environments->value.cbegin(), environments->value.cend(),
                            [](const GitLabEnvironment &e) { return e.name == QLatin1String("test"); }));

        // Issues: list, read, relabel (idempotent PUT), comment.
        GitLabClient::IssueQuery issueQuery;
        issueQuery.labels = { QStringLiteral("release-request") };
        const auto issues
            = waitFor<QList<GitLabIssue>>([&](auto done) { return m_client->issues(issueQuery, this, done); });
        QVERIFY(issues && issues->ok() && !issues->value.isEmpty());
        const GitLabIssue first = issues->value.first();
        const QString project = QString::number(first.projectId);
        const auto issue
            = waitFor<GitLabIssue>([&](auto done) { return m_client->issue(project, first.iid, this, done); });
        QVERIFY(issue && issue->ok());
        QCOMPARE(issue->value.title, first.title);
        GitLabClient::IssueUpdate update;
        update.addLabels = { QStringLiteral("release::approved") };
        update.removeLabels = { QStringLiteral("release::pending") };
        m_emulator->addFault(EmulatorFault::serverError(QStringLiteral("^/api/v4/projects/\\d+/issues/\\d+$"), 503, 1)
                                 .onMethod(QStringLiteral("PUT")));
        const auto updated = waitFor<GitLabIssue>(
            [&](auto done) { return m_client->updateIssue(project, first.iid, update, this, done); });
        QVERIFY2(updated && updated->ok(), qPrintable(updated->error.message));
        QVERIFY(updated->value.labels.contains(QStringLiteral("release::approved")));
        QVERIFY(!updated->value.labels.contains(QStringLiteral("release::pending")));
        QCOMPARE(logged(QStringLiteral("PUT"), QStringLiteral("^/api/v4/projects/\\d+/issues/\\d+$")), 2);

        const QString body = QStringLiteral("Approved by @root: deploying %1").arg(tags->value.first().commit.id);
        const auto note = waitFor<GitLabNote>(
            [&](auto done) { return m_client->createIssueNote(project, first.iid, body, this, done); });
        QVERIFY2(note && note->ok(), qPrintable(note->error.message));
        QCOMPARE(note->value.body, body);
        const auto notes = waitFor<QList<GitLabNote>>(
            [&](auto done) { return m_client->issueNotes(project, first.iid, 0, this, done); });
        QVERIFY(notes && notes->ok());
        QCOMPARE(std::count_if(notes->value.cbegin(), notes->value.cend(),
                               [&](const GitLabNote &n) { return n.body == body; }),
                 1);
    }

    void ambiguousPostIsCheckedNotRepeated()
    {
        demo();
        GitLabClient::IssueQuery issueQuery;
        issueQuery.labels = { QStringLiteral("release-request") };
        const auto issues
            = waitFor<QList<GitLabIssue>>([&](auto done) { return m_client->issues(issueQuery, this, done); });
        QVERIFY(issues && issues->ok() && !issues->value.isEmpty());
        const QString project = QString::number(issues->value.first().projectId);
        const qint64 iid = issues->value.first().iid;
        const QString notesPath = QStringLiteral("^/api/v4/projects/\\d+/issues/\\d+/notes$");

        // The comment did not land: the client looks, finds nothing, and says so.
        m_emulator->addFault(EmulatorFault::serverError(notesPath, 502, 1).onMethod(QStringLiteral("POST")));
        const QString lost = QStringLiteral("Comment that never arrived");
        const auto failed
            = waitFor<GitLabNote>([&](auto done) { return m_client->createIssueNote(project, iid, lost, this, done); });
        QVERIFY(failed);
        QCOMPARE(failed->error.kind, GitLabError::Kind::MayHaveTakenEffect);
        QCOMPARE(logged(QStringLiteral("POST"), notesPath), 1);
        QCOMPARE(logged(QStringLiteral("GET"), notesPath), 1); // looked, did not repeat

        // The comment is there (an earlier attempt landed): found, reported as done, not posted twice.
        const QString landed = QStringLiteral("Comment that did arrive");
        const auto first = waitFor<GitLabNote>(
            [&](auto done) { return m_client->createIssueNote(project, iid, landed, this, done); });
        QVERIFY(first && first->ok());
        m_emulator->clearRequestLog();
        m_emulator->addFault(EmulatorFault::dropConnection(notesPath, 1).onMethod(QStringLiteral("POST")));
        const auto again = waitFor<GitLabNote>(
            [&](auto done) { return m_client->createIssueNote(project, iid, landed, this, done); });
        QVERIFY2(again && again->ok(), again ? qPrintable(again->error.message) : "no result");
        QCOMPARE(again->value.id, first->value.id);
        QCOMPARE(logged(QStringLiteral("POST"), notesPath), 1);
    }

    void consolesSharingALimitNeverTripIt()
    {
        // Two consoles on one GitLab whose throttle allows 100 requests per
        // 5 s window and says so on every answer (GitLab.com's
        // rate_limiting_headers_for_unthrottled_requests): both pace on
        // RateLimit-Remaining and RateLimit-Reset, so 200 requests between
        // them are all served and GitLab never has to answer 429.
        constexpr int PerWindow = 100;
        constexpr int WindowSeconds = 5;
        constexpr int PerConsole = 100;
        m_emulator->setRateLimit(PerWindow, true, WindowSeconds);
        m_emulator->setRateLimitHeadersOnEveryAnswer(true);
        GitLabClient other;
        other.setBaseUrl(m_emulator->baseUrl());
        other.setToken(m_emulator->adminToken());
        other.setOptions(fastOptions());
        int answered = 0;
        int failed = 0;
        for (GitLabClient *client : { m_client.get(), &other }) {
            for (int i = 0; i < PerConsole; ++i) {
                client->currentUser(this, [&](const GitLabResult<GitLabUser> &r) {
                    ++answered;
                    failed += r.ok() ? 0 : 1;
                });
            }
        }
        const bool done = QTest::qWaitFor([&] { return answered == 2 * PerConsole; }, 120000);
        m_emulator->setRateLimitHeadersOnEveryAnswer(false);
        m_emulator->setRateLimit(1000000, false);
        QVERIFY(done);
        QCOMPARE(failed, 0);
        const QList<EmulatorRequestLogEntry> log = m_emulator->requestLog();
        const auto limited
            = std::count_if(log.cbegin(), log.cend(), [](const EmulatorRequestLogEntry &e) { return e.status == 429; });
        QCOMPARE(int(limited), 0);
        QCOMPARE(int(log.size()), 2 * PerConsole);
    }

    void withoutHeadersA429IsWaitedOut()
    {
        // A self-managed GitLab with its throttle on says nothing until it
        // refuses: the client waits the Retry-After out, holds every other
        // request meanwhile, and nothing is lost.
        m_emulator->setRateLimit(20, true, 2);
        int answered = 0;
        int failed = 0;
        for (int i = 0; i < 50; ++i) {
            m_client->currentUser(this, [&](const GitLabResult<GitLabUser> &r) {
                ++answered;
                failed += r.ok() ? 0 : 1;
            });
        }
        const bool done = QTest::qWaitFor([&] { return answered == 50; }, 60000);
        m_emulator->setRateLimit(1000000, false);
        QVERIFY(done);
        QCOMPARE(failed, 0);
        QVERIFY(m_emulator->requestCount(QStringLiteral("GET"), QStringLiteral("^/api/v4/user$")) >= 50);
    }

    void theProfilesCeilingSpacesRequestsOut()
    {
        // 600 a minute: at least 100 ms between two requests, whatever GitLab says.
        GitLabClientOptions options = fastOptions();
        options.rateLimitPacing.maxRequestsPerMinute = 600;
        m_client->setOptions(options);
        int answered = 0;
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 6; ++i)
            m_client->currentUser(this, [&](const GitLabResult<GitLabUser> &) { ++answered; });
        QVERIFY(QTest::qWaitFor([&] { return answered == 6; }, 30000));
        QVERIFY2(timer.elapsed() >= 500, qPrintable(QString::number(timer.elapsed())));
    }
};

QTEST_GUILESS_MAIN(TestGitLabClient)
#include "tst_gitlabclient.moc"
