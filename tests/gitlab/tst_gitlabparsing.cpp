#include "core/gitlab/gitlabclient.h"
#include "core/gitlab/gitlabtypes.h"
#include "core/gitlab/releaserequestparser.h"
#include "core/sync/inventory.h"

#include <QJsonDocument>
#include <QTest>

using namespace Dockmaster;

// Parsing of GitLab answers, release request issues and the inventory:
// everything that comes from outside is read strictly.
class TestGitLabParsing : public QObject
{
    Q_OBJECT

private:
    static QJsonObject object(const char *json) { return QJsonDocument::fromJson(QByteArray(json)).object(); }

private Q_SLOTS:
    void projectPathKeepsEncodedSlash()
    {
        QCOMPARE(GitLabClient::encode(QStringLiteral("plugins/ops/inventory")),
                 QStringLiteral("plugins%2Fops%2Finventory"));
        QCOMPARE(GitLabClient::projectPath(QStringLiteral("plugins/apps/app0000001")),
                 QStringLiteral("/projects/plugins%2Fapps%2Fapp0000001"));
        // What QNetworkAccessManager puts on the wire must still say %2F.
        QUrl url(QStringLiteral("http://127.0.0.1:1"));
        url.setPath(QStringLiteral("/api/v4") + GitLabClient::projectPath(QStringLiteral("a/b")), QUrl::TolerantMode);
        QVERIFY2(url.toEncoded().contains("/projects/a%2Fb"), url.toEncoded().constData());
    }

    void projectParses()
    {
        const auto p = GitLabParse::project(object(R"({"id":7,"name":"App","path":"app0000001",
            "path_with_namespace":"plugins/apps/app0000001","namespace":{"full_path":"plugins/apps"},
            "web_url":"https:\/\/x/plugins/apps/app0000001","archived":false,
            "last_activity_at":"2026-11-25T01:02:03.456Z","description":null})"));
        QVERIFY(p);
        QCOMPARE(p->id, 7);
        QCOMPARE(p->namespacePath, QStringLiteral("plugins/apps"));
        QCOMPARE(p->lastActivityAt, QDateTime(QDate(2026, 11, 25), QTime(1, 2, 3, 456), QTimeZone::UTC));
    }

    void malformedObjectsAreRejected_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("id is a string") << QByteArray(R"({"id":"7","name":"a","path":"a","path_with_namespace":"a"})");
        QTest::newRow("name missing") << QByteArray(R"({"id":7,"path":"a","path_with_namespace":"a"})");
        QTest::newRow("negative id") << QByteArray(R"({"id":-1,"name":"a","path":"a","path_with_namespace":"a"})");
        QTest::newRow("fractional id") << QByteArray(R"({"id":1.5,"name":"a","path":"a","path_with_namespace":"a"})");
        QTest::newRow("bad date") << QByteArray(
            R"({"id":7,"name":"a","path":"a","path_with_namespace":"a","last_activity_at":"yesterday"})");
        QTest::newRow("archived is a string")
            << QByteArray(R"({"id":7,"name":"a","path":"a","path_with_namespace":"a","archived":"no"})");
    }

    void malformedObjectsAreRejected()
    {
        QFETCH(QByteArray, json);
        QVERIFY(!GitLabParse::project(QJsonDocument::fromJson(json).object()));
    }

    void fileContentIsDecoded()
    {
        const auto f = GitLabParse::file(object(R"({"file_path":"inventory.json","encoding":"base64",
            "content":"eyJhIjoxfQ==","blob_id":"b1","last_commit_id":"c1"})"));
        QVERIFY(f);
        QCOMPARE(f->content, QByteArray(R"({"a":1})"));
        QVERIFY(!GitLabParse::file(object(R"({"file_path":"x","encoding":"base64","content":"!!!"})")));
    }

    void tagAndDeploymentParse()
    {
        const auto tag = GitLabParse::tag(object(R"({"name":"v1.0.0","target":"abc","message":null,
            "commit":{"id":"0123456789abcdef0123456789abcdef01234567","author_name":"Dev",
            "committed_date":"2026-11-01T10:00:00+02:00"}})"));
        QVERIFY(tag);
        QCOMPARE(tag->commit.committedDate, QDateTime(QDate(2026, 11, 1), QTime(8, 0), QTimeZone::UTC));
        QVERIFY(!GitLabParse::tag(object(R"({"name":"v1","commit":null})")));
        const auto deployment = GitLabParse::deployment(object(R"({"id":3,"iid":1,"ref":"env/test","sha":"abc",
            "status":"success","environment":{"name":"test"},"user":{"username":"root"},
            "deployable":{"pipeline":{"id":44}}})"));
        QVERIFY(deployment);
        QCOMPARE(deployment->environment, QStringLiteral("test"));
        QCOMPARE(deployment->pipelineId, 44);
        QCOMPARE(deployment->user, QStringLiteral("root"));

        // A pipeline id beyond any integer (the fuzzer's find): no id, and
        // no out-of-range conversion (UBSan reports one).
        const auto huge = GitLabParse::deployment(object(R"({"id":3,"iid":1,"ref":"env/test","sha":"abc",
            "status":"success","deployable":{"pipeline":{"id":7.7e75}}})"));
        QVERIFY(huge);
        QCOMPARE(huge->pipelineId, 0);
        const auto job = GitLabParse::job(object(R"({"id":5,"name":"deploy","status":"success",
            "pipeline":{"id":-9e300}})"));
        QVERIFY(!job || job->pipelineId == 0);
    }

    void errorMessages_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("mustContain");
        QTest::newRow("401") << 401 << QByteArray(R"({"message":"401 Unauthorized"})")
                             << int(GitLabError::Kind::Unauthorized) << QStringLiteral("token");
        QTest::newRow("403") << 403 << QByteArray(R"({"message":"403 Forbidden"})") << int(GitLabError::Kind::Forbidden)
                             << QStringLiteral("permission");
        QTest::newRow("404 names the path") << 404 << QByteArray(R"({"message":"404 Project Not Found"})")
                                            << int(GitLabError::Kind::NotFound) << QStringLiteral("plugins/ops/app1");
        QTest::newRow("400 passes GitLab's message")
            << 400 << QByteArray(R"({"message":"You are attempting to update a file that has changed"})")
            << int(GitLabError::Kind::Conflict) << QStringLiteral("has changed");
        QTest::newRow("409 field errors") << 409 << QByteArray(R"({"message":{"name":["has already been taken"]}})")
                                          << int(GitLabError::Kind::Conflict) << QStringLiteral("already been taken");
        QTest::newRow("502") << 502 << QByteArray("<html>bad gateway</html>") << int(GitLabError::Kind::Server)
                             << QStringLiteral("502");
        QTest::newRow("403 missing scope")
            << 403
            << QByteArray(R"({"error":"insufficient_scope","error_description":"The request requires higher )"
                          R"(privileges than provided by the access token.","scope":"api"})")
            << int(GitLabError::Kind::Forbidden) << QStringLiteral("api scope");
        QTest::newRow("403 passes GitLab's reason")
            << 403 << QByteArray(R"({"message":"You are not allowed to push into this branch"})")
            << int(GitLabError::Kind::Forbidden) << QStringLiteral("not allowed to push into this branch");
        QTest::newRow("422 message array")
            << 422 << QByteArray(R"({"message":["Name has already been taken"]})") << int(GitLabError::Kind::Conflict)
            << QStringLiteral("Name has already been taken");
    }

    void errorMessages()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(int, kind);
        QFETCH(QString, mustContain);
        const GitLabError error
            = GitLabClient::errorForStatus(status, QStringLiteral("/projects/plugins%2Fops%2Fapp1"), body);
        QCOMPARE(int(error.kind), kind);
        QVERIFY2(error.message.contains(mustContain), qPrintable(error.message));
    }

    // Application rate limits send {"message":{"error":"..."}}: the reason is
    // the text, not "error " plus nothing.
    void objectMessageWithAString()
    {
        const GitLabError error = GitLabClient::errorForStatus(
            429, QStringLiteral("/groups/plugins/projects"),
            QByteArray(R"({"message":{"error":"This endpoint has been requested too many times. Try again later."}})"));
        QCOMPARE(error.kind, GitLabError::Kind::RateLimited);
        QCOMPARE(error.gitlabMessage,
                 QStringLiteral("This endpoint has been requested too many times. Try again later."));
    }

    void releaseRequests_data()
    {
        QTest::addColumn<QStringList>("labels");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("environment"); // empty: none
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("ref");
        const QStringList test { QStringLiteral("release-request"), QStringLiteral("env::test") };
        QTest::newRow("template body") << test << QStringLiteral("Release request") << QStringLiteral("Ref: v1.2.3\n")
                                       << QStringLiteral("test") << QStringLiteral("pending")
                                       << QStringLiteral("v1.2.3");
        QTest::newRow("markdown bullet, bold, backticks")
            << QStringList { QStringLiteral("release-request"), QStringLiteral("env::production"),
                             QStringLiteral("release::approved") }
            << QStringLiteral("x") << QStringLiteral("Please\n- **Tag:** `v2.0.0`\nthanks")
            << QStringLiteral("production") << QStringLiteral("approved") << QStringLiteral("v2.0.0");
        QTest::newRow("commit sha") << test << QStringLiteral("x")
                                    << QStringLiteral("commit: 0123456789abcdef0123456789abcdef01234567")
                                    << QStringLiteral("test") << QStringLiteral("pending")
                                    << QStringLiteral("0123456789abcdef0123456789abcdef01234567");
        QTest::newRow("title fallback") << test << QStringLiteral("Release v3.1 to test") << QString()
                                        << QStringLiteral("test") << QStringLiteral("pending")
                                        << QStringLiteral("v3.1");
        QTest::newRow("no env label") << QStringList { QStringLiteral("release-request") } << QStringLiteral("x")
                                      << QStringLiteral("Ref: v1") << QString() << QStringLiteral("pending")
                                      << QStringLiteral("v1");
        QTest::newRow("two env labels") << QStringList { QStringLiteral("env::test"),
                                                         QStringLiteral("env::production") }
                                        << QStringLiteral("x") << QStringLiteral("Ref: v1") << QString()
                                        << QStringLiteral("pending") << QStringLiteral("v1");
        QTest::newRow("hostile ref: shell") << test << QStringLiteral("x") << QStringLiteral("Ref: v1;rm")
                                            << QStringLiteral("test") << QStringLiteral("pending") << QString();
        QTest::newRow("hostile ref: traversal") << test << QStringLiteral("x") << QStringLiteral("Ref: ../../etc")
                                                << QStringLiteral("test") << QStringLiteral("pending") << QString();
        QTest::newRow("hostile ref: option") << test << QStringLiteral("x") << QStringLiteral("Ref: --upload-pack=x")
                                             << QStringLiteral("test") << QStringLiteral("pending") << QString();
        QTest::newRow("hostile ref: reflog") << test << QStringLiteral("x") << QStringLiteral("Ref: HEAD@{1}")
                                             << QStringLiteral("test") << QStringLiteral("pending") << QString();
        QTest::newRow("unknown state label ignored")
            << QStringList { QStringLiteral("env::test"), QStringLiteral("release::whatever") } << QStringLiteral("x")
            << QStringLiteral("Ref: v1") << QStringLiteral("test") << QStringLiteral("pending") << QStringLiteral("v1");
        QTest::newRow("several state labels (GitLab Free)")
            << QStringList { QStringLiteral("release-request"), QStringLiteral("env::test"),
                             QStringLiteral("release::pending"), QStringLiteral("release::approved") }
            << QStringLiteral("x") << QStringLiteral("Ref: v1") << QStringLiteral("test") << QStringLiteral("invalid")
            << QStringLiteral("v1");
        QTest::newRow("release to production names no ref")
            << test << QStringLiteral("Release to production") << QString() << QStringLiteral("test")
            << QStringLiteral("pending") << QString();
    }

    void releaseRequests()
    {
        QFETCH(QStringList, labels);
        QFETCH(QString, title);
        QFETCH(QString, body);
        QFETCH(QString, environment);
        QFETCH(QString, state);
        QFETCH(QString, ref);
        GitLabIssue issue;
        issue.labels = labels;
        issue.title = title;
        issue.description = body;
        const ReleaseRequestParser::Parsed parsed = ReleaseRequestParser::parse(issue);
        QCOMPARE(parsed.environment ? environmentKey(*parsed.environment) : QString(), environment);
        QCOMPARE(enumKey(ReleaseStates, parsed.state), state);
        QCOMPARE(parsed.requestedRef, ref);
        QCOMPARE(parsed.problem.isEmpty(),
                 !environment.isEmpty() && !ref.isEmpty() && state != QLatin1String("invalid"));
    }

    void appIds()
    {
        QCOMPARE(ReleaseRequestParser::appIdFromPath(QStringLiteral("plugins/apps/app0000042")),
                 QStringLiteral("app0000042"));
        QCOMPARE(ReleaseRequestParser::appIdFromPath(QStringLiteral("plugins/apps/app0000042#3")),
                 QStringLiteral("app0000042"));
        QVERIFY(ReleaseRequestParser::appIdFromPath(QStringLiteral("plugins/ops/inventory")).isEmpty());
        QVERIFY(!ReleaseRequestParser::isAppId(QStringLiteral("app00000421")));
    }

    void inventory()
    {
        QString error;
        const auto inventory = Inventory::parse(R"({"version":1,"hosts":[{"name":"dock-test-1","address":"10.0.0.5",
            "environment":"test"}],"apps":[{"id":"app0000001","name":"Shop","owner":"carol","status":"active",
            "environments":{"test":{"host":"dock-test-1","container_port":21000,"fallback_port":22000,
            "domain":"app0000001.test.example.com"}}}]})",
                                                &error);
        QVERIFY2(inventory, qPrintable(error));
        QCOMPARE(inventory->allocations.size(), 1);
        QCOMPARE(inventory->allocations[0].placements[0].containerPort, 21000);

        QVERIFY(!Inventory::parse(R"({"apps":[{"id":"app1"}]})", &error)); // bad id
        QVERIFY(!Inventory::parse(R"({"apps":[{"id":"app0000001","environments":{"test":{"container_port":70000}}}]})",
                                  &error));                                           // port range
        QVERIFY(!Inventory::parse(R"({"apps":{}})", &error));                         // not a list
        QVERIFY(!Inventory::parse(R"({"apps":[{"id":"app0000001","name":)", &error)); // truncated
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestGitLabParsing)
#include "tst_gitlabparsing.moc"
