#include "tests/approvals/approvaltesthelpers.h"

using namespace Dockmaster;
using namespace Dockmaster::Test;

// GitLab keeps its state across a restart; so does the emulator on the same
// data folder (issue 23), so reliability tests can stop GitLab in the middle
// of an action. A new emulator on the folder answers on the same port with
// the same users, issues, notes and pipelines, continues the id sequences,
// and finishes a pipeline its predecessor was running.
class TestEmulatorRestart : public QObject
{
    Q_OBJECT

private:
    ApprovalFixture m_fixture;

    struct Snapshot {
        int users = 0;
        int issues = 0;
        int notes = 0;
        int pipelines = 0;
        qint64 maxIssueId = 0;
        QStringList firstIssueLabels;
    };

    Snapshot snapshot()
    {
        Snapshot s;
        QMutexLocker lock(&m_fixture.emulator->store().mutex());
        const EmulatorStore &store = m_fixture.emulator->store();
        s.users = int(store.users.size());
        s.issues = int(store.issues.size());
        for (const EmulatorIssue &issue : store.issues) {
            s.notes += int(issue.notes.size());
            s.maxIssueId = std::max(s.maxIssueId, issue.id);
        }
        s.pipelines = int(store.pipelines.size());
        if (!store.issues.isEmpty())
            s.firstIssueLabels = store.issues.first().labels;
        return s;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_fixture.start(2)); }

    void cleanupTestCase() { m_fixture.emulator.reset(); }

    void restartMidPipelineCarriesOn()
    {
        const QString ops = QStringLiteral("plugins/ops/") + m_fixture.seed.appIds.at(0);
        const QString code = QStringLiteral("plugins/apps/") + m_fixture.seed.appIds.at(0);
        const QString branch = QStringLiteral("env/test");
        const QUrl baseUrl = m_fixture.emulator->baseUrl();
        const QString developer = m_fixture.developerToken(0);

        // A deployment whose pipeline is still running when GitLab stops.
        m_fixture.emulator->setPipelineStepMs(400);
        QTemporaryDir cache;
        GitWorkspace workspace(cache.path());
        GitlinkMove move;
        move.target = m_fixture.rev(code, QStringLiteral("v1.0.0^{commit}"));
        move.message = QStringLiteral("Deploy before the restart\n");
        move.author = { QStringLiteral("root"), QStringLiteral("root@example.test") };
        const auto moved = waitGit<GitlinkMoveResult>([&](QObject *context, auto done) {
            workspace.moveGitlink(ReleaseGitLab::repositoryUrl(baseUrl, ops), m_fixture.emulator->adminToken(), branch,
                                  move, context, done);
        });
        QVERIFY2(moved.ok(), qPrintable(moved.error));
        QCOMPARE(m_fixture.pipelinesForSha(ops, branch, moved.value.commit), 1);
        const Snapshot before = snapshot();
        QVERIFY(before.issues > 0 && before.notes > 0);
        {
            QMutexLocker lock(&m_fixture.emulator->store().mutex());
            for (const EmulatorPipeline &p : std::as_const(m_fixture.emulator->store().pipelines)) {
                if (p.sha == moved.value.commit)
                    QVERIFY2(p.status != QLatin1String("success"), "the pipeline finished before the stop");
            }
        }

        m_fixture.emulator.reset(); // stopped, mid-pipeline
        m_fixture.emulator = std::make_unique<GitLabEmulator>(m_fixture.dataDir.path());
        QVERIFY(m_fixture.emulator->start());
        m_fixture.emulator->setPipelineStepMs(20);

        QCOMPARE(m_fixture.emulator->baseUrl(), baseUrl); // clients keep their URL
        const Snapshot after = snapshot();
        QCOMPARE(after.users, before.users);
        QCOMPARE(after.issues, before.issues);
        QCOMPARE(after.notes, before.notes);
        QCOMPARE(after.pipelines, before.pipelines);
        QCOMPARE(after.firstIssueLabels, before.firstIssueLabels);

        // Tokens still work, over HTTP.
        auto client = m_fixture.client(developer);
        QObject context;
        const auto user = waitCall<GitLabUser>([&](auto done) { client->currentUser(&context, done); });
        QVERIFY2(user.ok(), qPrintable(user.error.message));
        QCOMPARE(user.value.username + QStringLiteral("-token"), developer);

        // The interrupted pipeline is picked up again and finishes, once.
        QVERIFY(m_fixture.pipelinesSettle(ops, branch, 30000));
        QCOMPARE(m_fixture.pipelinesForSha(ops, branch, moved.value.commit), 1);
        {
            QMutexLocker lock(&m_fixture.emulator->store().mutex());
            for (const EmulatorPipeline &p : std::as_const(m_fixture.emulator->store().pipelines)) {
                if (p.sha == moved.value.commit)
                    QCOMPARE(p.status, QStringLiteral("success"));
            }
        }
        // The git side is on disk already, and the id sequences continue.
        QCOMPARE(m_fixture.rev(ops, branch), moved.value.commit);
        qint64 newId = 0;
        {
            QMutexLocker lock(&m_fixture.emulator->store().mutex());
            EmulatorStore &store = m_fixture.emulator->store();
            newId = store
                        .addIssue(store.issues.first().projectId, store.issues.first().authorId,
                                  QStringLiteral("After the restart"), QString(), {})
                        .id;
        }
        QVERIFY(newId > before.maxIssueId);
    }

    // A damaged state file is reported and the emulator starts afresh rather
    // than crashing or serving half a database.
    void unreadableStateStartsAfresh()
    {
        QTemporaryDir dir;
        QFile state(dir.filePath(QStringLiteral("emulator-state.json")));
        QVERIFY(state.open(QIODevice::WriteOnly));
        state.write("{\"users\": [");
        state.close();
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("saved state is unreadable")));
        GitLabEmulator emulator(dir.path());
        QVERIFY(emulator.start());
        QMutexLocker lock(&emulator.store().mutex());
        QCOMPARE(emulator.store().users.size(), 1); // root only
    }
};

QTEST_GUILESS_MAIN(TestEmulatorRestart)
#include "tst_emulatorrestart.moc"
