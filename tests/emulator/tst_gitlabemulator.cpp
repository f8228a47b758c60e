#include "sandbox/emulator/gitlabemulator.h"
#include "tests/emulator/emulatortesthelpers.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Dockmaster;
using namespace Dockmaster::Test;

// The emulator's REST surface as a GitLab client sees it: auth, paths,
// pagination, error bodies and fault injection.
class TestGitLabEmulator : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<GitLabEmulator> m_emulator;
    std::unique_ptr<Client> m_client;
    qint64 m_rootGroup = 0;
    qint64 m_opsGroup = 0;

    QByteArray json(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

    // Links name GitLab's external_url, as on a GitLab behind a proxy or
    // reached by another name; a client keeps their path and query only.
    QUrl onServer(const QString &link)
    {
        const QUrl url = QUrl::fromEncoded(link.toUtf8());
        [&] {
            QCOMPARE(url.host(), QStringLiteral("gitlab-emulator.invalid"));
        }();
        QUrl rebased = m_emulator->baseUrl();
        rebased.setPath(url.path(QUrl::FullyEncoded), QUrl::TolerantMode);
        rebased.setQuery(url.query(QUrl::FullyEncoded), QUrl::TolerantMode);
        return rebased;
    }

    Reply commit(qint64 projectId, const QString &branch, const QString &file)
    {
        return m_client->post(
            QStringLiteral("/projects/%1/repository/commits").arg(projectId),
            json({ { QStringLiteral("branch"), branch },
                   { QStringLiteral("commit_message"), QString(QStringLiteral("Add ") + file) },
                   { QStringLiteral("actions"),
                     QJsonArray { QJsonObject { { QStringLiteral("action"), QStringLiteral("create") },
                                                { QStringLiteral("file_path"), file },
                                                { QStringLiteral("content"), QStringLiteral("x\n") } } } } }));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_emulator = std::make_unique<GitLabEmulator>(m_dir.path());
        QVERIFY(m_emulator->start());
        m_client = std::make_unique<Client>(m_emulator->apiUrl(), m_emulator->adminToken());
        m_emulator->addUser(QStringLiteral("dev1"), QStringLiteral("Developer One"), false,
                            QStringLiteral("dev1-token"));

        Reply r = m_client->post(QStringLiteral("/groups"),
                                 json({ { QStringLiteral("name"), QStringLiteral("plugins") },
                                        { QStringLiteral("path"), QStringLiteral("plugins") } }));
        QCOMPARE(r.status, 201);
        m_rootGroup = r.json().object().value(QStringLiteral("id")).toInteger();
        r = m_client->post(QStringLiteral("/groups"),
                           json({ { QStringLiteral("name"), QStringLiteral("ops") },
                                  { QStringLiteral("path"), QStringLiteral("ops") },
                                  { QStringLiteral("parent_id"), m_rootGroup } }));
        QCOMPARE(r.status, 201);
        m_opsGroup = r.json().object().value(QStringLiteral("id")).toInteger();
        QCOMPARE(r.json().object().value(QStringLiteral("full_path")).toString(), QStringLiteral("plugins/ops"));
        for (int i = 0; i < 45; ++i) {
            r = m_client->post(
                QStringLiteral("/projects"),
                json({ { QStringLiteral("name"), QStringLiteral("app%1").arg(i, 7, 10, QLatin1Char('0')) },
                       { QStringLiteral("namespace_id"), m_opsGroup } }));
            QCOMPARE(r.status, 201);
        }
        r = m_client->post(QStringLiteral("/projects"),
                           json({ { QStringLiteral("name"), QStringLiteral("inventory") },
                                  { QStringLiteral("namespace_id"), m_opsGroup } }));
        QCOMPARE(r.status, 201);
    }

    void cleanupTestCase() { m_emulator.reset(); }

    void init()
    {
        m_emulator->clearFaults();
        m_client->setToken(m_emulator->adminToken());
    }

    void unauthorizedWithoutOrWithWrongToken_data()
    {
        QTest::addColumn<QString>("token");
        QTest::newRow("missing") << QString();
        QTest::newRow("wrong") << QStringLiteral("glpat-wrong");
    }

    void unauthorizedWithoutOrWithWrongToken()
    {
        QFETCH(QString, token);
        m_client->setToken(token);
        const Reply r = m_client->get(QStringLiteral("/projects"));
        QCOMPARE(r.status, 401);
        QCOMPARE(r.json().object().value(QStringLiteral("message")).toString(), QStringLiteral("401 Unauthorized"));
    }

    void bearerTokenIsAccepted()
    {
        m_client->setToken({});
        const Reply r = m_client->send("GET", QStringLiteral("/user"), {}, {},
                                       { { "Authorization", "Bearer " + m_emulator->adminToken().toUtf8() } });
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object().value(QStringLiteral("username")).toString(), QStringLiteral("root"));
    }

    void encodedProjectPath()
    {
        Reply r = m_client->get(QStringLiteral("/projects/plugins%2Fops%2Finventory"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object().value(QStringLiteral("path_with_namespace")).toString(),
                 QStringLiteral("plugins/ops/inventory"));
        const qint64 id = r.json().object().value(QStringLiteral("id")).toInteger();
        r = m_client->get(QStringLiteral("/projects/%1").arg(id));
        QCOMPARE(r.status, 200);
        // A decoded slash is a different route, as behind a decoding proxy.
        r = m_client->get(QStringLiteral("/projects/plugins/ops/inventory"));
        QCOMPARE(r.status, 404);
        r = m_client->get(QStringLiteral("/projects/plugins%2Fops%2Fnothing"));
        QCOMPARE(r.status, 404);
        QCOMPARE(r.json().object().value(QStringLiteral("message")).toString(),
                 QStringLiteral("404 Project Not Found"));
    }

    void offsetPaginationHeaders()
    {
        // 46 projects, 20 per page: 3 pages.
        QSet<qint64> seen;
        QString next = QStringLiteral("/groups/%1/projects?include_subgroups=true&per_page=20").arg(m_rootGroup);
        Reply r = m_client->get(next);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("x-total"), QByteArray("46"));
        QCOMPARE(r.header("x-total-pages"), QByteArray("3"));
        QCOMPARE(r.header("x-page"), QByteArray("1"));
        QCOMPARE(r.header("x-per-page"), QByteArray("20"));
        QCOMPARE(r.header("x-next-page"), QByteArray("2"));
        QVERIFY(r.hasHeader("x-prev-page"));
        QCOMPARE(r.header("x-prev-page"), QByteArray());
        int pages = 0;
        for (;;) {
            ++pages;
            for (const QJsonValue &v : r.json().array())
                seen.insert(v.toObject().value(QStringLiteral("id")).toInteger());
            static const QRegularExpression NextLink(QStringLiteral("<([^>]+)>; rel=\"next\""));
            const auto m = NextLink.match(QString::fromUtf8(r.header("link")));
            if (!m.hasMatch())
                break;
            QVERIFY(r.header("link").contains("rel=\"first\""));
            QVERIFY(r.header("link").contains("rel=\"last\""));
            r = m_client->sendUrl("GET", onServer(m.captured(1)));
            QCOMPARE(r.status, 200);
        }
        QCOMPARE(pages, 3);
        QCOMPARE(seen.size(), 46);
        QCOMPARE(r.header("x-page"), QByteArray("3"));
        QCOMPARE(r.header("x-prev-page"), QByteArray("2"));
        QCOMPARE(r.header("x-next-page"), QByteArray());
        QVERIFY(r.header("link").contains("include_subgroups=true"));
        // per_page is capped at 100.
        r = m_client->get(QStringLiteral("/projects?per_page=500"));
        QCOMPARE(r.header("x-per-page"), QByteArray("100"));
    }

    void keysetPagination()
    {
        QUrl url = QUrl::fromEncoded((m_emulator->apiUrl().toString()
                                      + QStringLiteral("/projects?pagination=keyset&per_page=20&order_by=id&sort=asc"))
                                         .toUtf8());
        QList<qint64> ids;
        int pages = 0;
        for (;;) {
            const Reply r = m_client->sendUrl("GET", url);
            QCOMPARE(r.status, 200);
            ++pages;
            QVERIFY(!r.hasHeader("x-total"));
            for (const QJsonValue &v : r.json().array())
                ids.append(v.toObject().value(QStringLiteral("id")).toInteger());
            static const QRegularExpression NextLink(QStringLiteral("^<([^>]+)>; rel=\"next\"$"));
            const auto m = NextLink.match(QString::fromUtf8(r.header("link")));
            if (!m.hasMatch()) {
                QVERIFY(!r.hasHeader("link"));
                break;
            }
            QVERIFY(m.captured(1).contains(QLatin1String("id_after=")));
            url = onServer(m.captured(1));
        }
        QCOMPARE(pages, 3);
        QCOMPARE(ids.size(), 46);
        QVERIFY(std::is_sorted(ids.cbegin(), ids.cend()));
        const Reply bad = m_client->get(QStringLiteral("/projects?pagination=keyset&order_by=name&sort=asc"));
        QCOMPARE(bad.status, 405);
    }

    void rateLimitHeaders()
    {
        // No throttle on (self-managed GitLab's default): no headers.
        m_emulator->setRateLimit(100, false);
        Reply r = m_client->get(QStringLiteral("/projects?per_page=1"));
        QVERIFY(!r.hasHeader("ratelimit-remaining"));
        // A throttle on: GitLab reports it on its 429s only, unless the
        // instance turned on rate_limiting_headers_for_unthrottled_requests.
        m_emulator->setRateLimit(100000, true, 30);
        r = m_client->get(QStringLiteral("/projects?per_page=1"));
        QCOMPARE(r.status, 200);
        QVERIFY(!r.hasHeader("ratelimit-remaining"));
        m_emulator->setRateLimitHeadersOnEveryAnswer(true);
        r = m_client->get(QStringLiteral("/projects?per_page=1"));
        m_emulator->setRateLimitHeadersOnEveryAnswer(false);
        m_emulator->setRateLimit(100000, false);
        QVERIFY(r.hasHeader("ratelimit-remaining"));
        // 100,000 per 30 s, reported per minute as Rack::Attack does.
        QCOMPARE(r.header("ratelimit-limit"), QByteArray("200000"));
        const int observed = r.header("ratelimit-observed").toInt();
        QVERIFY(observed >= 1);
        QCOMPARE(r.header("ratelimit-remaining").toInt(), 100000 - observed);
        const qint64 reset = r.header("ratelimit-reset").toLongLong();
        QVERIFY(reset % 30 == 0);
        QVERIFY(reset > QDateTime::currentSecsSinceEpoch() - 1);
        QVERIFY(reset <= QDateTime::currentSecsSinceEpoch() + 30);
    }

    void injected429WithRetryAfter()
    {
        m_emulator->addFault(EmulatorFault::rateLimited(QStringLiteral("^/api/v4/projects$"), 3, 1));
        Reply r = m_client->get(QStringLiteral("/projects"));
        QCOMPARE(r.status, 429);
        QCOMPARE(r.header("retry-after"), QByteArray("3"));
        QVERIFY(r.hasHeader("ratelimit-resettime"));
        r = m_client->get(QStringLiteral("/projects"));
        QCOMPARE(r.status, 200);
    }

    void enforcedRateLimit()
    {
        m_emulator->setRateLimit(2, true);
        int limited = 0;
        for (int i = 0; i < 5; ++i) {
            const Reply r = m_client->get(QStringLiteral("/version"));
            if (r.status == 429) {
                ++limited;
                QVERIFY(r.header("retry-after").toInt() > 0);
                QCOMPARE(r.header("ratelimit-remaining"), QByteArray("0"));
                QCOMPARE(r.body, QByteArray("Retry later\n"));
            }
        }
        m_emulator->setRateLimit(100000, false);
        QVERIFY(limited >= 1);
        QCOMPARE(m_client->get(QStringLiteral("/version")).status, 200);
    }

    void injectedFaults()
    {
        m_emulator->addFault(EmulatorFault::serverError(QStringLiteral("^/api/v4/projects$"), 502, 2));
        QCOMPARE(m_client->get(QStringLiteral("/projects")).status, 502);
        QCOMPARE(m_client->get(QStringLiteral("/projects")).status, 502);
        QCOMPARE(m_client->get(QStringLiteral("/projects")).status, 200);

        m_emulator->addFault(EmulatorFault::malformedJson(QStringLiteral("^/api/v4/projects$")));
        Reply r = m_client->get(QStringLiteral("/projects"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.json().isNull());

        m_emulator->addFault(EmulatorFault::truncatedBody(QStringLiteral("^/api/v4/projects$")));
        r = m_client->get(QStringLiteral("/projects"));
        QVERIFY(r.error != QNetworkReply::NoError);

        // Qt resends a request once its connection drops without an answer,
        // so a single drop is invisible to it: drop every time.
        const int drop = m_emulator->addFault(EmulatorFault::dropConnection(QStringLiteral("^/api/v4/projects$"), -1));
        m_emulator->clearRequestLog();
        r = m_client->get(QStringLiteral("/projects"));
        QVERIFY(r.error != QNetworkReply::NoError);
        QCOMPARE(r.status, 0);
        m_emulator->removeFault(drop);
        QVERIFY(m_emulator->requestLog().size() >= 1);
        QCOMPARE(m_emulator->requestLog().first().status, 0);

        m_emulator->addFault(EmulatorFault::delay(QStringLiteral("^/api/v4/version$"), 300, 1));
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(m_client->get(QStringLiteral("/version")).status, 200);
        QVERIFY(timer.elapsed() >= 290);
    }

    void requestLogCounts()
    {
        m_emulator->clearRequestLog();
        m_client->get(QStringLiteral("/projects?per_page=5"));
        m_client->get(QStringLiteral("/projects/plugins%2Fops%2Finventory"));
        QCOMPARE(m_emulator->requestCount(QStringLiteral("GET"), QStringLiteral("^/api/v4/projects")), 2);
        const auto log = m_emulator->requestLog();
        QCOMPARE(log.size(), 2);
        QCOMPARE(log.first().query, QStringLiteral("per_page=5"));
        QCOMPARE(log.last().path, QStringLiteral("/api/v4/projects/plugins%2Fops%2Finventory"));
        QCOMPARE(log.last().status, 200);
    }

    void developerSeesOnlyMemberProjects()
    {
        m_client->setToken(QStringLiteral("dev1-token"));
        Reply r = m_client->get(QStringLiteral("/projects"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().array().size(), 0);
        QCOMPARE(m_client->get(QStringLiteral("/projects/plugins%2Fops%2Finventory")).status, 404);
        r = m_client->post(
            QStringLiteral("/groups"),
            json({ { QStringLiteral("name"), QStringLiteral("x") }, { QStringLiteral("path"), QStringLiteral("x") } }));
        QCOMPARE(r.status, 403);
        QCOMPARE(r.json().object().value(QStringLiteral("message")).toString(), QStringLiteral("403 Forbidden"));
    }

    void usersByUsername()
    {
        const Reply r = m_client->get(QStringLiteral("/users?username=dev1"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().array().size(), 1);
        QCOMPARE(r.json().array().first().toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("Developer One"));
    }

    void archiveAndFilter()
    {
        Reply r = m_client->post(QStringLiteral("/projects/plugins%2Fops%2Fapp0000003/archive"), {});
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().object().value(QStringLiteral("archived")).toBool(), true);
        r = m_client->get(QStringLiteral("/projects?archived=true"));
        QCOMPARE(r.json().array().size(), 1);
        r = m_client->get(QStringLiteral("/projects?search=app0000003"));
        QCOMPARE(r.json().array().size(), 1);
        const QString stamp = r.json().array().first().toObject().value(QStringLiteral("updated_at")).toString();
        r = m_client->get(QStringLiteral("/projects?updated_after=")
                          + QString::fromUtf8(QUrl::toPercentEncoding(stamp)));
        QCOMPARE(r.json().array().size(), 0);
    }

    // Projects::ProtectDefaultBranchService: the first commit of the default
    // branch protects it for Maintainers (GitLab's "fully protected" default).
    void defaultBranchIsProtectedWhenCreated()
    {
        Reply r = m_client->post(QStringLiteral("/projects"),
                                 json({ { QStringLiteral("name"), QStringLiteral("protected-main") },
                                        { QStringLiteral("namespace_id"), m_opsGroup } }));
        QCOMPARE(r.status, 201);
        const qint64 id = r.json().object().value(QStringLiteral("id")).toInteger();
        QCOMPARE(m_client->get(QStringLiteral("/projects/%1/protected_branches").arg(id)).json().array().size(), 0);
        QCOMPARE(commit(id, QStringLiteral("main"), QStringLiteral("README.md")).status, 201);
        r = m_client->get(QStringLiteral("/projects/%1/protected_branches").arg(id));
        QCOMPARE(r.json().array().size(), 1);
        const QJsonObject rule = r.json().array().first().toObject();
        QCOMPARE(rule.value(QStringLiteral("name")).toString(), QStringLiteral("main"));
        QCOMPARE(rule.value(QStringLiteral("push_access_levels"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("access_level"))
                     .toInt(),
                 40);
        QVERIFY(!rule.value(QStringLiteral("allow_force_push")).toBool());
        r = m_client->get(QStringLiteral("/projects/%1/repository/branches/main").arg(id));
        QVERIFY(r.json().object().value(QStringLiteral("protected")).toBool());
        QVERIFY(!r.json().object().value(QStringLiteral("developers_can_push")).toBool());

        // A Developer member may not commit to it.
        const EmulatorUser dev = [this] {
            QMutexLocker lock(&m_emulator->store().mutex());
            return *m_emulator->store().userByName(QStringLiteral("dev1"));
        }();
        QCOMPARE(m_client
                     ->post(QStringLiteral("/projects/%1/members").arg(id),
                            json({ { QStringLiteral("user_id"), dev.id }, { QStringLiteral("access_level"), 30 } }))
                     .status,
                 201);
        m_client->setToken(dev.token);
        r = commit(id, QStringLiteral("main"), QStringLiteral("dev.txt"));
        QCOMPARE(r.status, 403);
        QCOMPARE(r.json().object().value(QStringLiteral("message")).toString(),
                 QStringLiteral("You are not allowed to push into this branch"));
        // An unprotected branch is fine.
        QCOMPARE(
            m_client
                ->post(
                    QStringLiteral("/projects/%1/repository/commits").arg(id),
                    json({ { QStringLiteral("branch"), QStringLiteral("feature") },
                           { QStringLiteral("start_branch"), QStringLiteral("main") },
                           { QStringLiteral("commit_message"), QStringLiteral("Feature") },
                           { QStringLiteral("actions"),
                             QJsonArray { QJsonObject { { QStringLiteral("action"), QStringLiteral("create") },
                                                        { QStringLiteral("file_path"), QStringLiteral("f.txt") },
                                                        { QStringLiteral("content"), QStringLiteral("f\n") } } } } }))
                .status,
            201);
        m_client->setToken(m_emulator->adminToken());
    }

    // Event#reset_project_activity: last_activity_at (and updated_at) move at
    // most once an hour; pipelines never move them.
    void lastActivityMovesAtMostHourly()
    {
        Reply r = m_client->post(QStringLiteral("/projects"),
                                 json({ { QStringLiteral("name"), QStringLiteral("activity") },
                                        { QStringLiteral("namespace_id"), m_opsGroup } }));
        const qint64 id = r.json().object().value(QStringLiteral("id")).toInteger();
        const QString created = r.json().object().value(QStringLiteral("last_activity_at")).toString();
        QCOMPARE(commit(id, QStringLiteral("main"), QStringLiteral("a.txt")).status, 201);
        auto activity = [&] {
            return m_client->get(QStringLiteral("/projects/%1").arg(id))
                .json()
                .object()
                .value(QStringLiteral("last_activity_at"))
                .toString();
        };
        QCOMPARE(activity(), created); // created moments ago: within the hour
        m_emulator->advanceClock(3601);
        QCOMPARE(commit(id, QStringLiteral("main"), QStringLiteral("b.txt")).status, 201);
        const QString moved = activity();
        QVERIFY(moved > created);
        QCOMPARE(commit(id, QStringLiteral("main"), QStringLiteral("c.txt")).status, 201);
        QCOMPARE(activity(), moved);
        // The clock moved for everything, Date header included.
        QByteArray header = m_client->get(QStringLiteral("/version")).header("date");
        QVERIFY2(header.endsWith(" GMT"), header.constData()); // IMF-fixdate, as nginx sends it
        header.chop(4);
        const QDateTime date = QDateTime::fromString(QString::fromLatin1(header + " +0000"), Qt::RFC2822Date);
        QVERIFY2(date > QDateTime::currentDateTimeUtc().addSecs(3000), header.constData());
    }

    // lib/api/helpers/rate_limiter.rb: application limits answer 429 with a
    // JSON message and no Retry-After.
    void applicationRateLimitHasNoRetryAfter()
    {
        m_emulator->addFault(EmulatorFault::applicationRateLimited(QStringLiteral("^/api/v4/projects$")));
        const Reply r = m_client->get(QStringLiteral("/projects"));
        QCOMPARE(r.status, 429);
        QVERIFY(!r.hasHeader("retry-after"));
        QCOMPARE(
            r.json().object().value(QStringLiteral("message")).toObject().value(QStringLiteral("error")).toString(),
            QStringLiteral("This endpoint has been requested too many times. Try again later."));
    }

    // Without `visibility`, a project gets the instance's default; internal
    // ones are visible to every signed-in user, issues included.
    void visibilityFollowsTheInstanceDefault()
    {
        m_emulator->setDefaultProjectVisibility(QStringLiteral("internal"));
        Reply r = m_client->post(QStringLiteral("/projects"),
                                 json({ { QStringLiteral("name"), QStringLiteral("open-by-default") },
                                        { QStringLiteral("namespace_id"), m_opsGroup } }));
        m_emulator->setDefaultProjectVisibility(QStringLiteral("private"));
        QCOMPARE(r.json().object().value(QStringLiteral("visibility")).toString(), QStringLiteral("internal"));
        const qint64 id = r.json().object().value(QStringLiteral("id")).toInteger();
        r = m_client->post(QStringLiteral("/projects"),
                           json({ { QStringLiteral("name"), QStringLiteral("asked-private") },
                                  { QStringLiteral("namespace_id"), m_opsGroup },
                                  { QStringLiteral("visibility"), QStringLiteral("private") } }));
        QCOMPARE(r.json().object().value(QStringLiteral("visibility")).toString(), QStringLiteral("private"));
        m_client->setToken(QStringLiteral("dev1-token"));
        QCOMPARE(m_client->get(QStringLiteral("/projects/%1").arg(id)).status, 200);
        m_client->setToken(m_emulator->adminToken());
    }

    // lib/api/helpers/variables_helpers.rb and Ci::Maskable.
    void variablesAsGitLabChecksThem()
    {
        const QString base = QStringLiteral("/projects/plugins%2Fops%2Finventory/variables");
        for (const QString &scope : { QStringLiteral("test"), QStringLiteral("production") })
            QCOMPARE(m_client
                         ->post(base,
                                json({ { QStringLiteral("key"), QStringLiteral("TWICE") },
                                       { QStringLiteral("value"), scope },
                                       { QStringLiteral("environment_scope"), scope } }))
                         .status,
                     201);
        Reply r = m_client->get(base + QStringLiteral("/TWICE"));
        QCOMPARE(r.status, 409);
        QVERIFY(r.json()
                    .object()
                    .value(QStringLiteral("message"))
                    .toString()
                    .contains(QStringLiteral("filter[environment_scope]")));
        r = m_client->get(base + QStringLiteral("/TWICE?filter%5Benvironment_scope%5D=production"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object().value(QStringLiteral("value")).toString(), QStringLiteral("production"));
        // masked + raw: any 8+ characters without whitespace; masked alone: the strict set.
        QCOMPARE(m_client
                     ->post(base,
                            json({ { QStringLiteral("key"), QStringLiteral("RAW") },
                                   { QStringLiteral("value"), QStringLiteral("$ecret%%!") },
                                   { QStringLiteral("masked"), true },
                                   { QStringLiteral("raw"), true } }))
                     .status,
                 201);
        QCOMPARE(m_client
                     ->post(base,
                            json({ { QStringLiteral("key"), QStringLiteral("EXPANDED") },
                                   { QStringLiteral("value"), QStringLiteral("$ecret%%!") },
                                   { QStringLiteral("masked"), true } }))
                     .status,
                 400);
    }
};

QTEST_GUILESS_MAIN(TestGitLabEmulator)
#include "tst_gitlabemulator.moc"
