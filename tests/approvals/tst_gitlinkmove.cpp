#include "tests/approvals/approvaltesthelpers.h"

using namespace Dockmaster;
using namespace Dockmaster::Test;

// The libgit2 operation behind every deployment: move the `codes` gitlink
// on an environment branch in one commit, never forced, never twice.
class TestGitlinkMove : public QObject
{
    Q_OBJECT

private:
    ApprovalFixture m_fixture;
    QString m_ops;
    QString m_code;

    QUrl url() const { return ReleaseGitLab::repositoryUrl(m_fixture.emulator->baseUrl(), m_ops); }

    GitResult<GitlinkMoveResult> moveAndWait(GitWorkspace &workspace, const QString &branch, const GitlinkMove &change)
    {
        return waitGit<GitlinkMoveResult>([&](QObject *context, auto done) {
            workspace.moveGitlink(url(), m_fixture.emulator->adminToken(), branch, change, context, done);
        });
    }

    GitlinkMove moveTo(const QString &target, const QString &message, const QString &guard = {}) const
    {
        GitlinkMove move;
        move.target = target;
        move.message = message;
        move.author = { QStringLiteral("root"), QStringLiteral("root@example.test") };
        move.guardLine = guard;
        return move;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_fixture.start(2));
        m_ops = QStringLiteral("plugins/ops/") + m_fixture.seed.appIds.at(1);
        m_code = QStringLiteral("plugins/apps/") + m_fixture.seed.appIds.at(1);
    }

    void cleanupTestCase() { m_fixture.emulator.reset(); }

    void movesThePointerInOneCommitAndCreatesAPipeline()
    {
        QTemporaryDir cache;
        GitWorkspace workspace(cache.path());
        const QString branch = QStringLiteral("env/test");
        const QString head = m_fixture.rev(m_ops, branch);
        const QString before = m_fixture.codesAt(m_ops, branch);
        const QString target = m_fixture.rev(m_code, QStringLiteral("v1.0.0^{commit}"));
        QVERIFY(before != target);
        const QString confBefore = QString::fromLatin1(
            m_fixture.git(m_ops, { QStringLiteral("rev-parse"), branch + QStringLiteral(":conf") }));

        const auto moved
            = moveAndWait(workspace, branch, moveTo(target, QStringLiteral("Deploy v1.0.0\n\nDeploy-Tag: v1.0.0\n")));
        QVERIFY2(moved.ok(), qPrintable(moved.error));
        const GitlinkMoveResult &result = moved.value;
        QVERIFY(!result.rejection);
        QVERIFY(!result.alreadyPresent);
        QCOMPARE(result.parent, head);
        QCOMPARE(result.previousTarget, before);
        QCOMPARE(result.info.authorName, QStringLiteral("root"));
        QCOMPARE(m_fixture.rev(m_ops, branch), result.commit);
        QCOMPARE(m_fixture.rev(m_ops, branch + QStringLiteral("^")), head);
        QCOMPARE(m_fixture.codesAt(m_ops, branch), target);
        // Only the pointer moved.
        QCOMPARE(QString::fromLatin1(
                     m_fixture.git(m_ops, { QStringLiteral("rev-parse"), branch + QStringLiteral(":conf") })),
                 confBefore);
        QCOMPARE(m_fixture.pipelinesForSha(m_ops, branch, result.commit), 1);
        QVERIFY(m_fixture.pipelinesSettle(m_ops, branch));
    }

    void guardLineFoundMeansNoSecondCommit()
    {
        QTemporaryDir cache;
        GitWorkspace workspace(cache.path());
        const QString branch = QStringLiteral("env/test");
        const QString target = m_fixture.rev(m_code, QStringLiteral("v1.1.0^{commit}"));
        const QString guard = QStringLiteral("Release-Request: plugins/apps/x#1");
        const GitlinkMove guarded = moveTo(target, QStringLiteral("Release\n\n") + guard + QLatin1Char('\n'), guard);
        const auto firstMove = moveAndWait(workspace, branch, guarded);
        QVERIFY2(firstMove.ok(), qPrintable(firstMove.error));
        const GitlinkMoveResult first = firstMove.value;
        QVERIFY(!first.alreadyPresent);
        const int count = m_fixture.commitCount(m_ops, branch);

        const auto secondMove = moveAndWait(workspace, branch, guarded);
        QVERIFY2(secondMove.ok(), qPrintable(secondMove.error));
        const GitlinkMoveResult second = secondMove.value;
        QVERIFY(second.alreadyPresent);
        QCOMPARE(second.commit, first.commit);
        QCOMPARE(m_fixture.commitCount(m_ops, branch), count);
        QVERIFY(m_fixture.pipelinesSettle(m_ops, branch));
    }

    void nonFastForwardIsReportedAsRejection()
    {
        QTemporaryDir cacheA;
        QTemporaryDir cacheB;
        GitWorkspace first(cacheA.path());
        GitWorkspace second(cacheB.path());
        QObject context;
        std::optional<GitResult<GitlinkMoveResult>> resultA;
        std::optional<GitResult<GitlinkMoveResult>> resultB;
        const QString branch = QStringLiteral("env/production");
        const QString head = m_fixture.rev(m_ops, branch);
        const QString v0 = m_fixture.rev(m_code, QStringLiteral("v1.0.0^{commit}"));
        // Neither is live now, so whoever wins changes the pointer the loser started from.
        const QString v1 = m_fixture.rev(m_code, QStringLiteral("v1.2.0^{commit}"));
        QVERIFY(m_fixture.codesAt(m_ops, branch) != v0 && m_fixture.codesAt(m_ops, branch) != v1);
        // Both fetch the same head, then their pushes arrive together.
        const int fault = m_fixture.emulator->addFault(
            EmulatorFault::delay(QStringLiteral("git-receive-pack$"), 1200, 2).onMethod(QStringLiteral("POST")));
        first.moveGitlink(url(), m_fixture.emulator->adminToken(), branch, moveTo(v0, QStringLiteral("one")), &context,
                          [&](const GitResult<GitlinkMoveResult> &result) { resultA = result; });
        second.moveGitlink(url(), m_fixture.seed.secondAdminToken, branch, moveTo(v1, QStringLiteral("two")), &context,
                           [&](const GitResult<GitlinkMoveResult> &result) { resultB = result; });
        QTRY_VERIFY_WITH_TIMEOUT(resultA && resultB, 20000);
        m_fixture.emulator->removeFault(fault);
        QVERIFY2(resultA->ok() && resultB->ok(), qPrintable(resultA->error + resultB->error));
        QCOMPARE(int(bool(resultA->value.rejection)) + int(bool(resultB->value.rejection)), 1);
        const GitlinkMoveResult &lost = resultA->value.rejection ? resultA->value : resultB->value;
        const GitlinkMoveResult &winner = resultA->value.rejection ? resultB->value : resultA->value;
        const GitPushRejection rejection = *lost.rejection;
        QCOMPARE(rejection.baseCommit, head);
        QCOMPARE(rejection.remoteHead, winner.commit);
        QCOMPARE(rejection.upstreamCommits.size(), 1);
        QVERIFY(rejection.fileChangedUpstream);
        // The loser's commit never reached the server; nothing was forced.
        QCOMPARE(m_fixture.rev(m_ops, branch), winner.commit);
        QCOMPARE(m_fixture.rev(m_ops, branch + QStringLiteral("^")), head);
        QVERIFY(m_fixture.pipelinesSettle(m_ops, branch));
    }

    void refusesWhatIsNotAPinnedMove_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("branch");
        QTest::newRow("tag name") << QStringLiteral("v1.0.0") << QStringLiteral("codes") << QStringLiteral("env/test");
        QTest::newRow("short sha") << QStringLiteral("0123456789ab") << QStringLiteral("codes")
                                   << QStringLiteral("env/test");
        QTest::newRow("no such submodule")
            << QString(40, QLatin1Char('a')) << QStringLiteral("conf") << QStringLiteral("env/test");
        QTest::newRow("escaping path") << QString(40, QLatin1Char('a')) << QStringLiteral("../codes")
                                       << QStringLiteral("env/test");
        QTest::newRow("branch without codes")
            << QString(40, QLatin1Char('a')) << QStringLiteral("codes") << QStringLiteral("main");
    }

    void refusesWhatIsNotAPinnedMove()
    {
        QFETCH(QString, target);
        QFETCH(QString, path);
        QFETCH(QString, branch);
        QTemporaryDir cache;
        GitWorkspace workspace(cache.path());
        const QString head = m_fixture.rev(m_ops, branch);
        GitlinkMove bad = moveTo(target, QStringLiteral("bad"));
        bad.path = path;
        const auto result = moveAndWait(workspace, branch, bad);
        QVERIFY(!result.ok());
        QVERIFY(!result.error.isEmpty());
        QVERIFY(result.error != QStringLiteral("test timed out"));
        QCOMPARE(m_fixture.rev(m_ops, branch), head);
    }

    void historyListsEachCommitsPointer()
    {
        QTemporaryDir cache;
        GitWorkspace workspace(cache.path());
        const QString branch = QStringLiteral("env/test");
        const auto history = waitGit<QList<GitlinkHistoryEntry>>([&](QObject *context, auto done) {
            workspace.gitlinkHistory(url(), m_fixture.emulator->adminToken(), branch, QStringLiteral("codes"), 200,
                                     context, done);
        });
        QVERIFY2(history.ok(), qPrintable(history.error));
        const QList<GitlinkHistoryEntry> &entries = history.value;
        QCOMPARE(entries.size(), m_fixture.commitCount(m_ops, branch));
        QCOMPARE(entries.constFirst().commit.id, m_fixture.rev(m_ops, branch));
        QCOMPARE(entries.constFirst().target, m_fixture.codesAt(m_ops, branch));
        for (const GitlinkHistoryEntry &entry : entries)
            QCOMPARE(entry.target, m_fixture.codesAt(m_ops, entry.commit.id));
        // The management repository's first commit on main has no submodule.
        QVERIFY(entries.constLast().target.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestGitlinkMove)
#include "tst_gitlinkmove.moc"
