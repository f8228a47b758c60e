#include "core/approvals/durabledeployments.h"
#include "core/cache/cacheservice.h"
#include "tests/approvals/approvaltesthelpers.h"
#include "tests/reliability/killedchild.h"

#include <QDir>
#include <QRegularExpression>

using namespace Dockmaster;
using namespace Dockmaster::Test;

// Issue 23: a tag deploy or a rollback whose console is SIGKILLed at any of
// its steps is finished exactly once, by the same profile at its next start
// or by a second console: one commit on the environment branch, one
// pipeline, its result commented on the commit once, and in each journal
// each row of the operation once. Real processes, real kills, the emulator,
// the profiles' real journals.
class TestDurableDeployments : public QObject
{
    Q_OBJECT

private:
    ApprovalFixture m_fixture;
    int m_nextApp = 0;
    const QString m_branch = QStringLiteral("env/test");

    // Runs the child; with a step to stop at, SIGKILLs it there.
    static ChildRun runChild(const QStringList &args, const QString &stop)
    {
        return runKilledChild(QStringLiteral(DEPLOYMENT_CHILD), args, stop);
    }

    static QString operationOf(const QString &output)
    {
        static const QRegularExpression intent(QStringLiteral("^intent (\\S+)$"), QRegularExpression::MultilineOption);
        return intent.match(output).captured(1);
    }

    // Rows of the profile's journal whose origin is `origin`.
    static int journalRows(const QString &profile, const QString &origin)
    {
        return journalRowsWhere(profile, QStringLiteral("origin"), origin);
    }

    static int intents(const QString &profile)
    {
        return journalCount(profile, QStringLiteral("SELECT COUNT(*) FROM pending_intents"));
    }

    // The next unused app, and a tagged version of it that is not live on
    // env/test (so the pointer really moves).
    struct Subject {
        QString appId;
        QString ops;
        QString head; // of env/test, before
        int commits = 0;
        QString tag;
        QString sha;
        QString live;
    };
    Subject nextApp()
    {
        Subject subject;
        if (m_nextApp >= m_fixture.seed.appIds.size())
            return subject;
        const QString appId = m_fixture.seed.appIds.at(m_nextApp++);
        subject.appId = appId;
        subject.ops = QStringLiteral("plugins/ops/") + appId;
        subject.head = m_fixture.rev(subject.ops, m_branch);
        subject.commits = m_fixture.commitCount(subject.ops, m_branch);
        subject.live = m_fixture.codesAt(subject.ops, m_branch);
        for (const QString &candidate : { QStringLiteral("v1.0.0"), QStringLiteral("v1.1.0") }) {
            const QString sha
                = m_fixture.rev(QStringLiteral("plugins/apps/") + appId, candidate + QStringLiteral("^{commit}"));
            if (sha != subject.live && !sha.isEmpty()) {
                subject.tag = candidate;
                subject.sha = sha;
                break;
            }
        }
        return subject;
    }

    QString origin(const QString &operation, const char *step) const
    {
        return ReleaseTrailers::operationKey(operation) + QLatin1Char(':') + QLatin1String(step);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_fixture.start(24)); }

    void cleanupTestCase() { m_fixture.emulator.reset(); }

    void killedOperationIsFinishedOnce_data()
    {
        QTest::addColumn<bool>("rollback");
        QTest::addColumn<QString>("stop");
        QTest::addColumn<bool>("secondConsole");
        const QStringList steps { QStringLiteral("before-push"), QStringLiteral("after-push"),
                                  QStringLiteral("following"), QStringLiteral("pipeline-ended"),
                                  QStringLiteral("before-audit") };
        for (const bool rollback : { false, true }) {
            for (const QString &step : steps) {
                for (const bool second : { false, true }) {
                    const QByteArray name
                        = QStringLiteral("%1, killed %2, %3")
                              .arg(rollback ? QStringLiteral("rollback") : QStringLiteral("tag deploy"), step,
                                   second ? QStringLiteral("second console") : QStringLiteral("same profile restarted"))
                              .toUtf8();
                    QTest::newRow(name.constData()) << rollback << step << second;
                }
            }
        }
    }

    void killedOperationIsFinishedOnce()
    {
        QFETCH(bool, rollback);
        QFETCH(QString, stop);
        QFETCH(bool, secondConsole);
        const Subject subject = nextApp();
        QVERIFY(!subject.sha.isEmpty());

        QTemporaryDir first;
        QTemporaryDir second;
        const QString url = m_fixture.emulator->baseUrl().toString();
        const QString root = m_fixture.emulator->adminToken();
        QStringList args { QStringLiteral("run"), first.path(), url, root, QStringLiteral("root"), stop };
        args += rollback
            ? QStringList { QStringLiteral("rollback"), subject.appId, QStringLiteral("test"), subject.sha,
                            subject.live }
            : QStringList { QStringLiteral("deploytag"), subject.appId, QStringLiteral("test"), subject.tag };
        const ChildRun killed = runChild(args, stop);
        QVERIFY2(killed.stopped, qPrintable(killed.output));
        const QString operation = operationOf(killed.output);
        QVERIFY2(!operation.isEmpty(), qPrintable(killed.output));
        const bool pushed = stop != QLatin1String("before-push");
        QCOMPARE(m_fixture.commitCount(subject.ops, m_branch), subject.commits + (pushed ? 1 : 0));
        // Where the kill left it (only what the step order makes certain).
        QCOMPARE(intents(first.path()), 1);
        if (stop == QLatin1String("after-push"))
            QCOMPARE(journalRows(first.path(), origin(operation, "pushed")), 0);
        if (pushed) {
            const QString head = m_fixture.rev(subject.ops, m_branch);
            QCOMPARE(m_fixture.finishedMarkers(subject.ops, head, operation),
                     stop == QLatin1String("before-audit") ? 1 : 0);
        }
        QCOMPARE(journalRows(first.path(), origin(operation, "finished")), 0);

        const QStringList branch { subject.appId, QStringLiteral("test") };
        if (secondConsole) {
            // Another admin's console starts; the first one has not come back.
            const ChildRun other
                = runChild(QStringList { QStringLiteral("resume"), second.path(), url, m_fixture.seed.secondAdminToken,
                                         QStringLiteral("alice"), QStringLiteral("none") }
                               + branch,
                           QStringLiteral("none"));
            QCOMPARE(other.exitCode, 0);
            // It records what it finished, once, and never the first console's part.
            const bool finishedBefore = stop == QLatin1String("before-audit");
            QCOMPARE(journalRows(second.path(), origin(operation, "finished")), pushed && !finishedBefore ? 1 : 0);
            QCOMPARE(journalRows(second.path(), origin(operation, "pushed")), 0);
        }
        // The first console comes back (after the second one, if any).
        const ChildRun restarted = runChild(QStringList { QStringLiteral("resume"), first.path(), url, root,
                                                          QStringLiteral("root"), QStringLiteral("none") }
                                                + branch,
                                            QStringLiteral("none"));
        QCOMPARE(restarted.exitCode, 0);
        // And once more: nothing is left to do, nothing is done twice.
        const ChildRun again = runChild(QStringList { QStringLiteral("resume"), first.path(), url, root,
                                                      QStringLiteral("root"), QStringLiteral("none") }
                                            + branch,
                                        QStringLiteral("none"));
        QCOMPARE(again.exitCode, 0);

        // GitLab: one commit (or none), one pipeline, the result commented once.
        QCOMPARE(m_fixture.commitCount(subject.ops, m_branch), subject.commits + (pushed ? 1 : 0));
        const QStringList commits
            = m_fixture.commitsWithLine(subject.ops, m_branch, ReleaseTrailers::operationLine(operation));
        QCOMPARE(commits.size(), pushed ? 1 : 0);
        QCOMPARE(intents(first.path()), 0);
        if (!pushed) {
            QCOMPARE(m_fixture.rev(subject.ops, m_branch), subject.head);
            QCOMPARE(journalRows(first.path(), origin(operation, "ended")), 1);
            QCOMPARE(journalRows(first.path(), origin(operation, "pushed")), 0);
            QCOMPARE(journalRows(first.path(), origin(operation, "finished")), 0);
            return;
        }
        const QString commit = commits.constFirst();
        QCOMPARE(m_fixture.rev(subject.ops, m_branch), commit);
        QCOMPARE(m_fixture.codesAt(subject.ops, m_branch), subject.sha);
        QVERIFY(m_fixture.pipelinesSettle(subject.ops, m_branch, 60000));
        QCOMPARE(m_fixture.pipelinesForSha(subject.ops, m_branch, commit), 1);
        QCOMPARE(m_fixture.finishedMarkers(subject.ops, commit, operation), 1);
        // The first console's journal: its action once, its result once.
        QCOMPARE(journalRows(first.path(), origin(operation, "pushed")), 1);
        QCOMPARE(journalRows(first.path(), origin(operation, "finished")), 1);
        QCOMPARE(journalRows(first.path(), origin(operation, "ended")), 0);
        if (secondConsole)
            QCOMPARE(journalRows(second.path(), origin(operation, "pushed")), 0);
    }

    // No crash, but GitLab's answer to one write is lost (it took effect):
    // the console settles it from what GitLab holds, without a restart.
    void lostAnswerIsSettledOnce_data()
    {
        QTest::addColumn<bool>("rollback");
        QTest::addColumn<QString>("path");
        for (const bool rollback : { false, true }) {
            const QString what = rollback ? QStringLiteral("rollback") : QStringLiteral("tag deploy");
            QTest::newRow(qPrintable(what + QStringLiteral(", answer to the push lost")))
                << rollback << QStringLiteral("git-receive-pack$");
            QTest::newRow(qPrintable(what + QStringLiteral(", answer to the result comment lost")))
                << rollback << QStringLiteral("/repository/commits/[0-9a-f]+/comments$");
        }
    }

    void lostAnswerIsSettledOnce()
    {
        QFETCH(bool, rollback);
        QFETCH(QString, path);
        QTemporaryDir profile;
        QString operation; // its id, once its intent is recorded
        const Subject subject = nextApp();
        QVERIFY(!subject.sha.isEmpty());
        {
            auto client = m_fixture.client(m_fixture.emulator->adminToken());
            CacheService store(profile.path() + QStringLiteral("/cache.sqlite"));
            store.open();
            ReleaseApprover approver(client.get(),
                                     ApprovalFixture::options(profile.path() + QStringLiteral("/approvals")));
            DurableDeployments deployments(client.get(), &approver, &store);
            deployments.setFollowOptions(ApprovalFixture::followOptions());
            connect(&approver, &ReleaseApprover::auditEntry, &store, &CacheService::appendAudit);
            connect(&deployments, &DurableDeployments::auditEntry, &store, &CacheService::appendAudit);
            connect(&deployments, &DurableDeployments::intentRecorded, this,
                    [&operation](const QString &id) { operation = id; });
            OutcomeRecorder outcomes(&approver);
            // GitLab does the write; its answer is cut off on the way back.
            const int fault
                = m_fixture.emulator->addFault(EmulatorFault::truncatedBody(path).onMethod(QStringLiteral("POST")));
            const quint64 id = rollback
                ? approver.rollback(subject.appId, Environment::Test, subject.sha, QStringLiteral("root"), subject.live)
                : approver.deployTag(subject.appId, Environment::Test, subject.tag, QStringLiteral("root"));
            const ReleaseOutcome outcome = outcomes.wait(id, 120000);
            QVERIFY2(outcome.message != QLatin1String("timed out"), "no outcome");
            qInfo().noquote() << "outcome:" << int(outcome.kind) << outcome.message;
            QVERIFY(QTest::qWaitFor([&] { return !deployments.isBusy(); }, 300000));
            m_fixture.emulator->removeFault(fault);
        } // the store writes what is queued
        QVERIFY(!operation.isEmpty());

        const QStringList commits
            = m_fixture.commitsWithLine(subject.ops, m_branch, ReleaseTrailers::operationLine(operation));
        QCOMPARE(commits.size(), 1);
        QCOMPARE(m_fixture.commitCount(subject.ops, m_branch), subject.commits + 1);
        QCOMPARE(m_fixture.codesAt(subject.ops, m_branch), subject.sha);
        QVERIFY(m_fixture.pipelinesSettle(subject.ops, m_branch, 60000));
        QCOMPARE(m_fixture.pipelinesForSha(subject.ops, m_branch, commits.constFirst()), 1);
        QCOMPARE(m_fixture.finishedMarkers(subject.ops, commits.constFirst(), operation), 1);
        QCOMPARE(journalRows(profile.path(), origin(operation, "pushed")), 1);
        QCOMPARE(journalRows(profile.path(), origin(operation, "finished")), 1);
        QCOMPARE(intents(profile.path()), 0);
    }
};

QTEST_GUILESS_MAIN(TestDurableDeployments)
#include "tst_durabledeployments.moc"
