// Issue 23: a console that keeps running finishes what another console left
// when that one died mid-way, without being restarted: an approval killed
// once its request is labelled release::approved, and a tag deploy killed
// once its commit is pushed. The running console is a whole Dockmaster
// (Shell) of a second admin; the dead one is a child process SIGKILLed at
// the step. Checked on the emulator (one commit, its pipeline's result
// recorded once, the request deployed and closed) and in the running
// console's journal.
//
// Its take-over timing is shortened (taken over 3 s after the last touch,
// looked for every second); every wait is on a condition with a generous
// limit.

#include "core/approvals/releasetrailers.h"
#include "tests/approvals/approvaltesthelpers.h"
#include "tests/reliability/consoleprofile.h"
#include "tests/reliability/killedchild.h"
#include "views/shell/releasecontroller.h"

#include <QRegularExpression>
#include <QStandardPaths>

using namespace Dockmaster;
using namespace Dockmaster::Test;

namespace {

constexpr int SettleLimitMs = 180 * 1000;
const QString Branch = QStringLiteral("env/test");

} // namespace

class TestTakeOver : public QObject
{
    Q_OBJECT

private:
    ApprovalFixture m_fixture;
    QTemporaryDir m_dir;
    std::unique_ptr<Shell> m_console; // alice's, running throughout
    int m_nextApp = 0;

    QString journal() const { return m_console->dataFolder(); }

    // root's console in a child process on a profile of its own, doing
    // `mode` with `arguments`, SIGKILLed at `stop`.
    ChildRun killRootsConsole(const char *child, const QString &mode, const QString &stop, const QStringList &arguments)
    {
        const QTemporaryDir profile;
        return runKilledChild(QString::fromLatin1(child),
                              QStringList { mode, profile.path(), m_fixture.emulator->baseUrl().toString(),
                                            m_fixture.emulator->adminToken(), QStringLiteral("root"), stop }
                                  + arguments,
                              stop);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QVERIFY(m_fixture.start(4));
        ShellOptions options = consoleOnProfile(m_dir.filePath(QStringLiteral("alice.ini")), QStringLiteral("alice"),
                                                m_fixture.emulator->baseUrl(), m_fixture.seed.secondAdminToken);
        options.syncIntervalMs = 1000;
        options.takeOver.afterMs = 3000;
        options.takeOver.intervalMs = 1000;
        m_console = std::make_unique<Shell>(options);
        m_console->start();
        QTRY_VERIFY_WITH_TIMEOUT(m_console->releases()->canAct(), SettleLimitMs);
    }

    void cleanupTestCase()
    {
        m_console.reset();
        m_fixture.emulator.reset();
    }

    void anApprovalLeftAtApprovedIsFinished()
    {
        const auto [request, version] = m_fixture.openRequestForANewVersion(m_nextApp++);
        QVERIFY(request.iid > 0);
        const QString &tag = version.tag;
        const QString &sha = version.sha;
        const QString ops = opsProject(request);
        const int commitsBefore = m_fixture.commitCount(ops, Branch);

        // root's console approves and dies once the request is labelled approved.
        const ChildRun killed
            = killRootsConsole(APPROVAL_CHILD, QStringLiteral("approve"), QStringLiteral("before-audit"),
                               { QString::number(request.projectId), QString::number(request.iid), request.appId,
                                 QStringLiteral("test"), tag });
        QVERIFY2(killed.stopped, qPrintable(killed.output));
        QVERIFY(m_fixture.issue(request).labels.contains(QStringLiteral("release::approved")));

        // alice's console, never restarted, completes it.
        QTRY_VERIFY_WITH_TIMEOUT(m_fixture.issue(request).state == QLatin1String("closed"), SettleLimitMs);
        const GitLabIssue issue = m_fixture.issue(request);
        QVERIFY2(issue.labels.contains(QStringLiteral("release::deployed")), qPrintable(issue.labels.join(u',')));
        QVERIFY(!issue.labels.contains(QStringLiteral("release::approved")));
        const QString guard
            = ReleaseTrailers::requestLine(ReleaseTrailers::requestKey(codeProject(request), request.iid));
        const QStringList commits = m_fixture.commitsWithLine(ops, Branch, guard);
        QCOMPARE(commits.size(), 1);
        QCOMPARE(m_fixture.commitCount(ops, Branch), commitsBefore + 1);
        QCOMPARE(m_fixture.codesAt(ops, Branch), sha);
        QVERIFY(m_fixture.pipelinesSettle(ops, Branch, 60000));
        QCOMPARE(m_fixture.pipelinesForSha(ops, Branch, commits.constFirst()), 1);
        QCOMPARE(m_fixture.notesContaining(request, QStringLiteral("Deployed `") + sha), 1);
        QTRY_COMPARE_WITH_TIMEOUT(
            journalRowsWhere(journal(), QStringLiteral("action"), QStringLiteral("pipeline.finished")), 1,
            SettleLimitMs);
        // Later looks find nothing more to do.
        QTest::qWait(3000);
        QCOMPARE(m_fixture.notesContaining(request, QStringLiteral("Deployed `") + sha), 1);
        QCOMPARE(journalRowsWhere(journal(), QStringLiteral("action"), QStringLiteral("pipeline.finished")), 1);
    }

    void aTagDeployLeftAfterItsPushIsFinished()
    {
        const QString appId = m_fixture.seed.appIds.at(m_nextApp++);
        const QString ops = QStringLiteral("plugins/ops/") + appId;
        const auto [tag, sha] = m_fixture.versionNotLiveOn(appId, Branch);
        QVERIFY(!tag.isEmpty());
        const int commitsBefore = m_fixture.commitCount(ops, Branch);

        const ChildRun killed = killRootsConsole(DEPLOYMENT_CHILD, QStringLiteral("run"), QStringLiteral("after-push"),
                                                 { QStringLiteral("deploytag"), appId, QStringLiteral("test"), tag });
        QVERIFY2(killed.stopped, qPrintable(killed.output));
        static const QRegularExpression intent(QStringLiteral("^intent (\\S+)$"), QRegularExpression::MultilineOption);
        const QString operation = intent.match(killed.output).captured(1);
        QVERIFY2(!operation.isEmpty(), qPrintable(killed.output));
        const QStringList commits = m_fixture.commitsWithLine(ops, Branch, ReleaseTrailers::operationLine(operation));
        QCOMPARE(commits.size(), 1);
        const QString commit = commits.constFirst();
        QCOMPARE(m_fixture.finishedMarkers(ops, commit, operation), 0);

        // alice's console follows its pipeline and records the result, once.
        const QString finished = ReleaseTrailers::operationKey(operation) + QStringLiteral(":finished");
        QTRY_COMPARE_WITH_TIMEOUT(m_fixture.finishedMarkers(ops, commit, operation), 1, SettleLimitMs);
        QTRY_COMPARE_WITH_TIMEOUT(journalRowsWhere(journal(), QStringLiteral("origin"), finished), 1, SettleLimitMs);
        QTest::qWait(3000);
        QCOMPARE(m_fixture.finishedMarkers(ops, commit, operation), 1);
        QCOMPARE(journalRowsWhere(journal(), QStringLiteral("origin"), finished), 1);
        QCOMPARE(m_fixture.commitCount(ops, Branch), commitsBefore + 1);
        QCOMPARE(m_fixture.rev(ops, Branch), commit);
        QCOMPARE(m_fixture.codesAt(ops, Branch), sha);
        QCOMPARE(m_fixture.pipelinesForSha(ops, Branch, commit), 1);
    }
};

QTEST_MAIN(TestTakeOver)
#include "tst_takeover.moc"
