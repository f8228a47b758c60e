#include "core/git/gitlibrary.h"
#include "core/git/gitworkspace.h"
#include "tests/editor/workspacerecorder.h"
#include "tests/support/githttpserver.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Dockmaster;
using namespace Dockmaster::Test;

namespace {

const QString Branch = QStringLiteral("env/test");
const QString SitePath = QStringLiteral("nginx/site.conf");
const QString PoolPath = QStringLiteral("php-fpm/pool.conf");

const QByteArray SiteV1 = "server {\n"
                          "    listen 8080;\n"
                          "    server_name app1.test.example.com;\n"
                          "    location / {\n"
                          "        proxy_pass http://app1;\n"
                          "    }\n"
                          "}\n";
const QByteArray PoolV1 = "[app1]\nlisten = 127.0.0.1:9000\npm = static\npm.max_children = 2\n";

const GitAuthor Alice { QStringLiteral("Alice Admin"), QStringLiteral("alice@example.com") };
const GitAuthor Bob { QStringLiteral("Bob Admin"), QStringLiteral("bob@example.com") };

} // namespace

class TestGitWorkspace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
    }

    void init()
    {
        // A fresh repository per test keeps the tests independent.
        ++m_repoCounter;
        m_repo = QStringLiteral("ops%1").arg(m_repoCounter);
        QString error;
        QVERIFY2(m_server.createRepository(m_repo, Branch, { { SitePath, SiteV1 }, { PoolPath, PoolV1 } }, &error),
                 qPrintable(error));
    }

    void clonesAndReadsTheEnvironmentBranch()
    {
        QTemporaryDir cache;
        GitWorkspace workspace(cache.path());
        WorkspaceRecorder recorder(&workspace);
        QSignalSpy busy(&workspace, &GitWorkspace::busyChanged);

        auto opened = recorder.open(m_server.repositoryUrl(m_repo), m_server.token(), Branch);
        EXPECT_KIND(opened, "opened");
        QCOMPARE(opened.value(1).toStringList(), (QStringList { SitePath, PoolPath }));
        QVERIFY(!busy.isEmpty());
        QCOMPARE(busy.constFirst().constFirst().toBool(), true);

        auto read = recorder.readFile(SitePath);
        EXPECT_KIND(read, "fileRead");
        QCOMPARE(read.value(2).toByteArray(), SiteV1);
        QCOMPARE(read.value(1).toString(), opened.value(0).toString());

        // The token never lands on disk.
        const QStringList clones
            = QDir(cache.path() + QStringLiteral("/git")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QCOMPARE(clones.size(), 1);
        QFile gitConfig(cache.path() + QStringLiteral("/git/") + clones.constFirst() + QStringLiteral("/.git/config"));
        QVERIFY(gitConfig.open(QIODevice::ReadOnly));
        QVERIFY(!gitConfig.readAll().contains(m_server.token().toUtf8()));

        // Opening again reuses the clone and fetches.
        GitWorkspace again(cache.path());
        WorkspaceRecorder againRecorder(&again);
        auto reopened = againRecorder.open(m_server.repositoryUrl(m_repo), m_server.token(), Branch);
        EXPECT_KIND(reopened, "opened");
        QCOMPARE(reopened.value(0).toString(), opened.value(0).toString());
    }

    void answersGoOnlyToLiveContexts()
    {
        QTemporaryDir cache;
        GitWorkspace workspace(cache.path());
        QSignalSpy busy(&workspace, &GitWorkspace::busyChanged);
        QObject kept;
        auto gone = std::make_unique<QObject>();
        std::optional<GitResult<QStringList>> keptAnswer;
        bool goneAnswered = false;
        // Nothing is open yet: both fail, which is an answer all the same.
        workspace.listFiles(gone.get(), [&goneAnswered](const GitResult<QStringList> &) { goneAnswered = true; });
        workspace.listFiles(&kept, [&keptAnswer](const GitResult<QStringList> &result) { keptAnswer = result; });
        gone.reset();
        QTRY_VERIFY_WITH_TIMEOUT(keptAnswer.has_value(), 30000);
        QVERIFY(!keptAnswer->ok());
        QVERIFY(!keptAnswer->error.isEmpty());
        QVERIFY(!goneAnswered); // answered in call order, so it would have come first
        QVERIFY(!workspace.isBusy());
        QCOMPARE(busy.size(), 2);
    }

    void commitsAndPushes()
    {
        QTemporaryDir cache;
        GitWorkspace workspace(cache.path());
        WorkspaceRecorder recorder(&workspace);
        auto opened = recorder.open(m_server.repositoryUrl(m_repo), m_server.token(), Branch);
        EXPECT_KIND(opened, "opened");
        const QString base = opened.value(0).toString();

        QByteArray edited = SiteV1;
        edited.replace("listen 8080;", "listen 8081;");
        auto pushed = recorder.commitAndPush(SitePath, edited, QStringLiteral("Move app1 to port 8081"), Alice, base);
        EXPECT_KIND(pushed, "pushed");
        const QString commit = pushed.value(1).toString();

        QCOMPARE(m_server.git(m_repo, { QStringLiteral("rev-parse"), Branch }).trimmed(), commit.toLatin1());
        QCOMPARE(m_server.git(m_repo, { QStringLiteral("show"), Branch + QLatin1Char(':') + SitePath }), edited);
        QCOMPARE(
            m_server
                .git(m_repo,
                     { QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%an <%ae>|%s"), Branch })
                .trimmed(),
            QByteArray("Alice Admin <alice@example.com>|Move app1 to port 8081"));
        // The other file is untouched by the commit.
        QCOMPARE(m_server.git(m_repo, { QStringLiteral("show"), Branch + QLatin1Char(':') + PoolPath }), PoolV1);

        auto unchanged = recorder.commitAndPush(SitePath, edited, QStringLiteral("again"), Alice, commit);
        EXPECT_KIND(unchanged, "failed");
    }

    void rejectedPushKeepsTheEditAndRebasesCleanly()
    {
        QTemporaryDir cacheA;
        QTemporaryDir cacheB;
        GitWorkspace mine(cacheA.path());
        GitWorkspace theirs(cacheB.path());
        WorkspaceRecorder myRecorder(&mine);
        WorkspaceRecorder theirRecorder(&theirs);
        auto openedMine = myRecorder.open(m_server.repositoryUrl(m_repo), m_server.token(), Branch);
        auto openedTheirs = theirRecorder.open(m_server.repositoryUrl(m_repo), m_server.token(), Branch);
        EXPECT_KIND(openedMine, "opened");
        EXPECT_KIND(openedTheirs, "opened");
        const QString base = openedMine.value(0).toString();

        // Bob changes the server name and pushes first.
        QByteArray bobs = SiteV1;
        bobs.replace("server_name app1.test.example.com;", "server_name app1.test.example.com www.app1.test;");
        EXPECT_KIND(theirRecorder.commitAndPush(SitePath, bobs, QStringLiteral("Add www alias"), Bob, base), "pushed");

        // Alice edited the proxy line from the same base: her push is rejected.
        QByteArray alices = SiteV1;
        alices.replace("proxy_pass http://app1;", "proxy_pass http://app1;\n        proxy_read_timeout 5s;");
        auto rejected = myRecorder.commitAndPush(SitePath, alices, QStringLiteral("Shorter read timeout"), Alice, base);
        EXPECT_KIND(rejected, "pushRejected");
        QCOMPARE(rejected.rejection.path, SitePath);
        QCOMPARE(rejected.rejection.baseCommit, base);
        QVERIFY(rejected.rejection.fileChangedUpstream);
        QVERIFY2(rejected.rejection.upstreamDiff.contains(
                     QStringLiteral("+    server_name app1.test.example.com www.app1.test;")),
                 qPrintable(rejected.rejection.upstreamDiff));
        QCOMPARE(rejected.rejection.upstreamCommits.size(), 1);
        QCOMPARE(rejected.rejection.upstreamCommits.constFirst().summary, QStringLiteral("Add www alias"));
        QCOMPARE(rejected.rejection.upstreamCommits.constFirst().authorName, Bob.name);
        // The server still has Bob's version only.
        QCOMPARE(m_server.git(m_repo, { QStringLiteral("show"), Branch + QLatin1Char(':') + SitePath }), bobs);

        auto rebased = myRecorder.rebaseEdit(SitePath, alices, base);
        EXPECT_KIND(rebased, "rebased");
        QVERIFY(!rebased.rebase.conflicts);
        QCOMPARE(rebased.rebase.newBase, rejected.rejection.remoteHead);
        QVERIFY(rebased.rebase.content.contains("www.app1.test;"));
        QVERIFY(rebased.rebase.content.contains("proxy_read_timeout 5s;"));

        auto pushed = myRecorder.commitAndPush(SitePath, rebased.rebase.content, QStringLiteral("Shorter read timeout"),
                                               Alice, rebased.rebase.newBase);
        EXPECT_KIND(pushed, "pushed");
        QCOMPARE(m_server.git(m_repo, { QStringLiteral("show"), Branch + QLatin1Char(':') + SitePath }),
                 rebased.rebase.content);
    }

    void rebaseOfAnUntouchedFileKeepsTheEditVerbatim()
    {
        QTemporaryDir cacheA;
        QTemporaryDir cacheB;
        GitWorkspace mine(cacheA.path());
        GitWorkspace theirs(cacheB.path());
        WorkspaceRecorder myRecorder(&mine);
        WorkspaceRecorder theirRecorder(&theirs);
        const QString base
            = myRecorder.open(m_server.repositoryUrl(m_repo), m_server.token(), Branch).value(0).toString();
        theirRecorder.open(m_server.repositoryUrl(m_repo), m_server.token(), Branch);
        QByteArray pool = PoolV1;
        pool.replace("pm.max_children = 2", "pm.max_children = 4");
        EXPECT_KIND(theirRecorder.commitAndPush(PoolPath, pool, QStringLiteral("More children"), Bob, base), "pushed");

        QByteArray alices = SiteV1 + "# reviewed\n";
        auto rejected = myRecorder.commitAndPush(SitePath, alices, QStringLiteral("Note"), Alice, base);
        EXPECT_KIND(rejected, "pushRejected");
        QVERIFY(!rejected.rejection.fileChangedUpstream);
        QVERIFY(rejected.rejection.upstreamDiff.isEmpty());

        auto rebased = myRecorder.rebaseEdit(SitePath, alices, base);
        EXPECT_KIND(rebased, "rebased");
        QCOMPARE(rebased.rebase.content, alices);
        QVERIFY(!rebased.rebase.conflicts);
        EXPECT_KIND(myRecorder.commitAndPush(SitePath, alices, QStringLiteral("Note"), Alice, rebased.rebase.newBase),
                    "pushed");
        // Both changes are on the server.
        QCOMPARE(m_server.git(m_repo, { QStringLiteral("show"), Branch + QLatin1Char(':') + PoolPath }), pool);
        QCOMPARE(m_server.git(m_repo, { QStringLiteral("show"), Branch + QLatin1Char(':') + SitePath }), alices);
    }

    void conflictingRebaseLeavesMarkersAndDiscardRestoresUpstream()
    {
        QTemporaryDir cacheA;
        QTemporaryDir cacheB;
        GitWorkspace mine(cacheA.path());
        GitWorkspace theirs(cacheB.path());
        WorkspaceRecorder myRecorder(&mine);
        WorkspaceRecorder theirRecorder(&theirs);
        const QString base
            = myRecorder.open(m_server.repositoryUrl(m_repo), m_server.token(), Branch).value(0).toString();
        theirRecorder.open(m_server.repositoryUrl(m_repo), m_server.token(), Branch);
        QByteArray bobs = SiteV1;
        bobs.replace("listen 8080;", "listen 9090;");
        EXPECT_KIND(theirRecorder.commitAndPush(SitePath, bobs, QStringLiteral("9090"), Bob, base), "pushed");
        QByteArray alices = SiteV1;
        alices.replace("listen 8080;", "listen 7070;");
        EXPECT_KIND(myRecorder.commitAndPush(SitePath, alices, QStringLiteral("7070"), Alice, base), "pushRejected");

        auto rebased = myRecorder.rebaseEdit(SitePath, alices, base);
        EXPECT_KIND(rebased, "rebased");
        QVERIFY(rebased.rebase.conflicts);
        const QByteArray merged = rebased.rebase.content;
        QVERIFY2(merged.contains("<<<<<<< mine") && merged.contains(">>>>>>> upstream"), merged.constData());
        QVERIFY(merged.contains("listen 7070;") && merged.contains("listen 9090;"));

        auto discarded = myRecorder.discardEdit(SitePath);
        EXPECT_KIND(discarded, "fileRead");
        QCOMPARE(discarded.value(2).toByteArray(), bobs);
        QCOMPARE(discarded.value(1).toString(), rebased.rebase.newBase);
    }

    void wrongTokenIsAClearAuthenticationError()
    {
        QTemporaryDir cache;
        GitWorkspace workspace(cache.path());
        WorkspaceRecorder recorder(&workspace);
        auto outcome = recorder.open(m_server.repositoryUrl(m_repo), QStringLiteral("glpat-WRONG"), Branch);
        EXPECT_KIND(outcome, "failed");
        QCOMPARE(outcome.failure, GitFailure::Authentication);
        const QString message = outcome.value(0).toString();
        QVERIFY2(message.contains(QStringLiteral("token")), qPrintable(message));
        QVERIFY2(!message.contains(QStringLiteral("followRedirects")), qPrintable(message));
        QVERIFY(!message.contains(QStringLiteral("glpat-WRONG")));
    }

    void missingBranchIsReported()
    {
        QTemporaryDir cache;
        GitWorkspace workspace(cache.path());
        WorkspaceRecorder recorder(&workspace);
        auto outcome
            = recorder.open(m_server.repositoryUrl(m_repo), m_server.token(), QStringLiteral("env/production"));
        EXPECT_KIND(outcome, "failed");
        QVERIFY(outcome.value(0).toString().contains(QStringLiteral("env/production")));
    }

    void historyListsEachChangeWithItsDiffAndOldVersionsCanBeRead()
    {
        QTemporaryDir cache;
        GitWorkspace workspace(cache.path());
        WorkspaceRecorder recorder(&workspace);
        QString head = recorder.open(m_server.repositoryUrl(m_repo), m_server.token(), Branch).value(0).toString();
        QByteArray v2 = SiteV1;
        v2.replace("listen 8080;", "listen 8082;");
        head = recorder.commitAndPush(SitePath, v2, QStringLiteral("Port 8082"), Alice, head).value(1).toString();
        QByteArray pool = PoolV1 + "pm.status_path = /status\n";
        head = recorder.commitAndPush(PoolPath, pool, QStringLiteral("Pool status"), Alice, head).value(1).toString();
        QByteArray v3 = v2;
        v3.replace("listen 8082;", "listen 8083;");
        EXPECT_KIND(recorder.commitAndPush(SitePath, v3, QStringLiteral("Port 8083"), Alice, head), "pushed");

        auto history = recorder.history(SitePath);
        EXPECT_KIND(history, "historyReady");
        QCOMPARE(history.history.size(), 3); // the pool commit did not touch the site
        QCOMPARE(history.history.at(0).commit.summary, QStringLiteral("Port 8083"));
        QCOMPARE(history.history.at(1).commit.summary, QStringLiteral("Port 8082"));
        QCOMPARE(history.history.at(2).commit.summary, QStringLiteral("Initial configs"));
        QVERIFY(history.history.at(0).diff.contains(QStringLiteral("-    listen 8082;\n+    listen 8083;")));
        QVERIFY(history.history.at(2).diff.contains(QStringLiteral("+server {")));

        // Restoring reads an old version.
        auto old = recorder.readFile(SitePath, history.history.at(1).commit.id);
        EXPECT_KIND(old, "fileRead");
        QCOMPARE(old.value(2).toByteArray(), v2);

        auto diff = recorder.diffText(SitePath, SiteV1);
        EXPECT_KIND(diff, "diffReady");
        const QString text = diff.value(1).toString();
        QVERIFY2(text.contains(QStringLiteral("--- a/nginx/site.conf"))
                     && text.contains(QStringLiteral("-    listen 8083;"))
                     && text.contains(QStringLiteral("+    listen 8080;")),
                 qPrintable(text));
        QVERIFY(recorder.diffText(SitePath, v3).value(1).toString().isEmpty());
    }

    void refusesPathsOutsideTheRepository_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("parent") << QStringLiteral("../../etc/passwd");
        QTest::newRow("absolute") << QStringLiteral("/etc/passwd");
        QTest::newRow("git folder") << QStringLiteral(".git/config");
        QTest::newRow("nested git") << QStringLiteral("nginx/../.GIT/config");
        QTest::newRow("empty") << QString();
        QTest::newRow("double slash") << QStringLiteral("nginx//site.conf");
    }

    void refusesPathsOutsideTheRepository()
    {
        QFETCH(QString, path);
        QTemporaryDir cache;
        GitWorkspace workspace(cache.path());
        WorkspaceRecorder recorder(&workspace);
        const QString head
            = recorder.open(m_server.repositoryUrl(m_repo), m_server.token(), Branch).value(0).toString();
        EXPECT_KIND(recorder.readFile(path), "failed");
        EXPECT_KIND(recorder.commitAndPush(path, "x", QStringLiteral("x"), Alice, head), "failed");
        QCOMPARE(m_server.git(m_repo, { QStringLiteral("rev-parse"), Branch }).trimmed(), head.toLatin1());
    }

private:
    // Process-wide, as in main(): keeps libgit2's per-thread state valid until
    // every worker thread has really ended.
    GitLibrary m_gitLibrary;
    GitHttpServer m_server;
    int m_repoCounter = 0;
    QString m_repo;
};

QTEST_GUILESS_MAIN(TestGitWorkspace)
#include "tst_gitworkspace.moc"
