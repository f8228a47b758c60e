#include "core/approvals/releasetrailers.h"
#include "tests/approvals/approvaltesthelpers.h"
#include "tests/reliability/killedchild.h"

using namespace Dockmaster;
using namespace Dockmaster::Test;

// Issue 23: an approval whose console is SIGKILLed at any of its steps is
// finished exactly once, by the same profile at its next start or by a
// second console (another admin, its own clone): one commit with the
// request's trailer on the environment branch, one pipeline, one approval
// comment, one result comment, the request deployed and closed, and in the
// journals the approval and its result without repeats. Real processes, real
// kills, the emulator, the profiles' real journals.
class TestDurableApprovals : public QObject
{
    Q_OBJECT

private:
    const QString m_branch = QStringLiteral("env/test");
    ApprovalFixture m_fixture;
    int m_nextApp = 0; // each row approves a request of its own app

    static int actionRows(const QString &profile, const QString &action)
    {
        return journalRowsWhere(profile, QStringLiteral("action"), action);
    }

    // A console of `admin` starting on profile: it recovers what is unfinished.
    void recover(const QString &profile, const QString &token, const QString &admin)
    {
        const ChildRun run
            = runKilledChild(QStringLiteral(APPROVAL_CHILD),
                             { QStringLiteral("recover"), profile, m_fixture.emulator->baseUrl().toString(), token,
                               admin, QStringLiteral("none") },
                             QStringLiteral("none"));
        QVERIFY2(run.exitCode == 0, qPrintable(run.output));
        QVERIFY2(run.output.contains(QLatin1String("recovered ")), qPrintable(run.output));
        // Nothing it found is a problem ("recovered N " and nothing after).
        static const QRegularExpression clean(QStringLiteral("^recovered \\d+ $"), QRegularExpression::MultilineOption);
        QVERIFY2(clean.match(run.output).hasMatch(), qPrintable(run.output));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_fixture.start(20)); }

    void cleanupTestCase() { m_fixture.emulator.reset(); }

    void killedApprovalIsFinishedOnce_data()
    {
        QTest::addColumn<QString>("stop");
        QTest::addColumn<bool>("secondConsole");
        // In the order the approval takes them.
        const QStringList steps {
            QStringLiteral("before-push"),       // the commit is not pushed yet
            QStringLiteral("after-push"),        // pushed; no approval comment yet
            QStringLiteral("after-note"),        // commented; still labelled pending
            QStringLiteral("before-audit"),      // labelled approved; its audit row not written
            QStringLiteral("following"),         // its pipeline found and followed
            QStringLiteral("pipeline-ended"),    // the pipeline ended; nothing recorded yet
            QStringLiteral("after-result-note"), // the result commented; not labelled or closed
            QStringLiteral("closed"),            // its row written, labelled deployed and closed
        };
        for (const QString &step : steps) {
            for (const bool second : { false, true }) {
                const QByteArray name
                    = QStringLiteral("killed %1, %2")
                          .arg(step,
                               second ? QStringLiteral("second console") : QStringLiteral("same profile restarted"))
                          .toUtf8();
                QTest::newRow(name.constData()) << step << second;
            }
        }
    }

    void killedApprovalIsFinishedOnce()
    {
        QFETCH(QString, stop);
        QFETCH(bool, secondConsole);
        QVERIFY(m_nextApp < m_fixture.seed.appIds.size());
        const int app = m_nextApp++;
        // A tagged version that is not live on env/test, so the pointer really moves.
        const auto [request, version] = m_fixture.openRequestForANewVersion(app);
        QVERIFY(request.iid > 0);
        const QString &tag = version.tag;
        const QString &sha = version.sha;
        const QString ops = opsProject(request);
        const QString head = m_fixture.rev(ops, m_branch);
        const int commitsBefore = m_fixture.commitCount(ops, m_branch);
        const QString guard
            = ReleaseTrailers::requestLine(ReleaseTrailers::requestKey(codeProject(request), request.iid));
        const QString approvedMarker = QStringLiteral("dockmaster:approved");
        const QString resultComment = QStringLiteral("Deployed `") + sha;

        QTemporaryDir first;
        QTemporaryDir second;
        const QString url = m_fixture.emulator->baseUrl().toString();
        const QString root = m_fixture.emulator->adminToken();
        const ChildRun killed
            = runKilledChild(QStringLiteral(APPROVAL_CHILD),
                             { QStringLiteral("approve"), first.path(), url, root, QStringLiteral("root"), stop,
                               QString::number(request.projectId), QString::number(request.iid), request.appId,
                               QStringLiteral("test"), tag },
                             stop);
        QVERIFY2(killed.stopped, qPrintable(killed.output));
        // Where the kill left it (only what the step order makes certain).
        const bool pushed = stop != QLatin1String("before-push");
        QCOMPARE(m_fixture.commitCount(ops, m_branch), commitsBefore + (pushed ? 1 : 0));
        if (stop == QLatin1String("after-push"))
            QCOMPARE(m_fixture.notesContaining(request, approvedMarker), 0);
        if (stop == QLatin1String("after-note")) {
            QCOMPARE(m_fixture.notesContaining(request, approvedMarker), 1);
            QVERIFY(m_fixture.issue(request).labels.contains(QStringLiteral("release::pending")));
        }
        if (stop == QLatin1String("after-result-note"))
            QCOMPARE(m_fixture.issue(request).state, QStringLiteral("opened"));
        // The result's row is on disk before the request is closed.
        QCOMPARE(actionRows(first.path(), QStringLiteral("pipeline.finished")),
                 stop == QLatin1String("closed") ? 1 : 0);

        if (secondConsole) {
            // Another admin's console starts; the first one has not come back.
            recover(second.path(), m_fixture.seed.secondAdminToken, QStringLiteral("alice"));
            QCOMPARE(actionRows(second.path(), QStringLiteral("release.approve")), 0);
        }
        // The first console comes back (after the second one, if any), and
        // once more: nothing is left to do, nothing is done twice.
        recover(first.path(), root, QStringLiteral("root"));
        recover(first.path(), root, QStringLiteral("root"));

        const QStringList commits = m_fixture.commitsWithLine(ops, m_branch, guard);
        QCOMPARE(m_fixture.commitCount(ops, m_branch), commitsBefore + (pushed ? 1 : 0));
        QCOMPARE(commits.size(), pushed ? 1 : 0);
        const GitLabIssue issue = m_fixture.issue(request);
        const auto journals = [&](const QString &action) {
            return actionRows(first.path(), action) + actionRows(second.path(), action);
        };
        if (!pushed) {
            // Nothing happened: the request waits for an approval, as before.
            QCOMPARE(m_fixture.rev(ops, m_branch), head);
            QCOMPARE(issue.state, QStringLiteral("opened"));
            QVERIFY(issue.labels.contains(QStringLiteral("release::pending")));
            QCOMPARE(m_fixture.notesContaining(request, approvedMarker), 0);
            QCOMPARE(journals(QStringLiteral("release.approve")), 0);
            QCOMPARE(journals(QStringLiteral("release.recover")), 0);
            QCOMPARE(journals(QStringLiteral("pipeline.finished")), 0);
            return;
        }
        // GitLab: one commit deploying the tag, one pipeline, each comment once,
        // the request deployed and closed.
        const QString commit = commits.constFirst();
        QCOMPARE(m_fixture.rev(ops, m_branch), commit);
        QCOMPARE(m_fixture.codesAt(ops, m_branch), sha);
        QVERIFY(m_fixture.pipelinesSettle(ops, m_branch, 60000));
        QCOMPARE(m_fixture.pipelinesForSha(ops, m_branch, commit), 1);
        QCOMPARE(m_fixture.notesContaining(request, approvedMarker), 1);
        QCOMPARE(m_fixture.notesContaining(request, resultComment), 1);
        QCOMPARE(issue.state, QStringLiteral("closed"));
        QVERIFY2(issue.labels.contains(QStringLiteral("release::deployed")), qPrintable(issue.labels.join(u',')));
        QVERIFY(!issue.labels.contains(QStringLiteral("release::approved")));
        QVERIFY(!issue.labels.contains(QStringLiteral("release::pending")));
        // The journals: the approval by the console that made it, at most once
        // and only there; completed by a recovery where its row was lost; the
        // pipeline's result once, by whoever recorded it.
        QVERIFY(actionRows(first.path(), QStringLiteral("release.approve")) <= 1);
        QVERIFY(journals(QStringLiteral("release.approve")) + journals(QStringLiteral("release.recover")) >= 1);
        QCOMPARE(journals(QStringLiteral("pipeline.finished")), 1);
    }
};

QTEST_GUILESS_MAIN(TestDurableApprovals)
#include "tst_durableapprovals.moc"
