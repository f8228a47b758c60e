#include "tests/approvals/approvaltesthelpers.h"

#include <QSignalSpy>

using namespace Dockmaster;
using namespace Dockmaster::Test;

// Following the pipeline of a pushed deployment to its end, and what the
// release request shows afterwards.
class TestPipelineFollower : public QObject
{
    Q_OBJECT

private:
    ApprovalFixture m_fixture;
    QTemporaryDir m_cache;
    std::unique_ptr<GitLabClient> m_client;
    std::unique_ptr<ReleaseApprover> m_approver;
    std::unique_ptr<OutcomeRecorder> m_outcomes;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_fixture.start(3));
        m_client = m_fixture.client(m_fixture.emulator->adminToken());
        m_approver = std::make_unique<ReleaseApprover>(m_client.get(), ApprovalFixture::options(m_cache.path()));
        m_outcomes = std::make_unique<OutcomeRecorder>(m_approver.get());
    }

    void cleanupTestCase()
    {
        m_outcomes.reset();
        m_approver.reset();
        m_fixture.emulator.reset();
    }

    void failedDeployLabelsTheRequestAndQuotesTheLogTail()
    {
        const ReleaseRequest request
            = m_fixture.openRequest(m_fixture.developerToken(0), 0, Environment::Test, QStringLiteral("v1.0.0"));
        QVERIFY(request.iid > 0);
        // The deploy step writes a long log and fails.
        m_fixture.emulator->setDeployer(
            [](const EmulatorDeployContext &, const std::function<void(const QString &)> &log) {
                for (int i = 1; i <= 60; ++i)
                    log(QStringLiteral("step %1 of the deploy ```").arg(i));
                return EmulatorDeployResult { false, QStringLiteral("docker compose up exited with 1") };
            });
        const ReleaseOutcome outcome = m_outcomes->wait(m_approver->approve(request, QStringLiteral("root")));
        QVERIFY2(outcome.ok(), qPrintable(outcome.message));

        PipelineFollower follower(m_client.get());
        follower.setOptions(ApprovalFixture::followOptions());
        QSignalSpy done(&follower, &PipelineFollower::finished);
        QSignalSpy found(&follower, &PipelineFollower::pipelineFound);
        QSignalSpy audit(&follower, &PipelineFollower::auditEntry);
        follower.follow(m_approver->followTarget(outcome));
        QVERIFY(done.wait(15000));
        m_fixture.emulator->setDeployer({});
        QCOMPARE(done.constFirst().constFirst().toString(), QStringLiteral("failed"));
        QCOMPARE(found.constFirst().constFirst().toLongLong(), outcome.pipelineId);
        QVERIFY(!follower.isActive());
        QCOMPARE(audit.size(), 1);
        QCOMPARE(audit.constFirst().constFirst().value<AuditEntry>().action, QStringLiteral("pipeline.finished"));

        const GitLabIssue issue = m_fixture.issue(request);
        QVERIFY(issue.labels.contains(QStringLiteral("release::failed")));
        QVERIFY(!issue.labels.contains(QStringLiteral("release::approved")));
        QCOMPARE(issue.state, QStringLiteral("opened")); // the developer can follow up
        const QList<GitLabNote> notes = m_fixture.notes(request);
        const auto failure = std::find_if(notes.cbegin(), notes.cend(), [](const GitLabNote &n) {
            return n.body.startsWith(QStringLiteral("Deployment of"));
        });
        QVERIFY(failure != notes.cend());
        const QString body = failure->body;
        QVERIFY(body.contains(QStringLiteral("ERROR: Job failed: docker compose up exited with 1")));
        QVERIFY(body.contains(QStringLiteral("step 60 of")));
        QVERIFY(!body.contains(QStringLiteral("step 20 of"))); // only the tail
        // The log's own backticks cannot close the block: the fence is longer.
        QVERIFY(body.contains(QStringLiteral("````\n")));
        const qsizetype open = body.indexOf(QStringLiteral("````\n"));
        const qsizetype close = body.indexOf(QStringLiteral("\n````"), open + 5);
        QVERIFY(close > open);
        QCOMPARE(body.mid(open + 5, close - open - 5).split(QLatin1Char('\n')).size(), 40);

        // Following it again (another console, a restart) comments nothing new.
        PipelineFollower again(m_client.get());
        again.setOptions(ApprovalFixture::followOptions());
        QSignalSpy doneAgain(&again, &PipelineFollower::finished);
        again.follow(m_approver->followTarget(outcome));
        QVERIFY(doneAgain.wait(15000));
        QCOMPARE(m_fixture.notes(request).size(), notes.size());
    }

    void deploymentWithoutRequestTouchesNoIssue()
    {
        const ReleaseOutcome outcome = m_outcomes->wait(m_approver->deployTag(
            m_fixture.seed.appIds.at(1), Environment::Test, QStringLiteral("v1.0.0"), QStringLiteral("root")));
        QVERIFY2(outcome.ok(), qPrintable(outcome.message));
        const PipelineFollowTarget target = m_approver->followTarget(outcome);
        QCOMPARE(target.iid, 0);
        PipelineFollower follower(m_client.get());
        follower.setOptions(ApprovalFixture::followOptions());
        QSignalSpy done(&follower, &PipelineFollower::finished);
        QByteArray streamed;
        connect(&follower, &PipelineFollower::traceAppended, this,
                [&streamed](qint64, const QString &, const QByteArray &chunk) { streamed += chunk; });
        follower.follow(target);
        QVERIFY(done.wait(15000));
        QCOMPARE(done.constFirst().constFirst().toString(), QStringLiteral("success"));
        QVERIFY(streamed.contains("Job succeeded"));
        QCOMPARE(streamed.count("Job succeeded"), 1);
    }

    void commitWithoutPipelineEndsUnknown()
    {
        const QString ops = QStringLiteral("plugins/ops/") + m_fixture.seed.appIds.at(2);
        PipelineFollower follower(m_client.get());
        PipelineFollowOptions options = ApprovalFixture::followOptions();
        options.findTimeoutMs = 300;
        follower.setOptions(options);
        QSignalSpy done(&follower, &PipelineFollower::finished);
        PipelineFollowTarget target;
        target.opsProject = ops;
        target.commit = m_fixture.rev(ops, QStringLiteral("main")); // main runs no deploy pipeline
        follower.follow(target);
        QVERIFY(done.wait(10000));
        QCOMPARE(done.constFirst().constFirst().toString(), QStringLiteral("unknown"));
    }

    // No runner: GitLab leaves the job pending; the follower says so instead
    // of waiting in silence, and carries on once a runner takes it.
    void pendingWithoutARunnerIsReported()
    {
        m_fixture.emulator->setRunnerAvailable(false);
        const ReleaseOutcome outcome = m_outcomes->wait(m_approver->deployTag(
            m_fixture.seed.appIds.at(1), Environment::Test, QStringLiteral("v1.0.0"), QStringLiteral("root")));
        QVERIFY2(outcome.ok(), qPrintable(outcome.message));
        PipelineFollower follower(m_client.get());
        PipelineFollowOptions options = ApprovalFixture::followOptions();
        options.noRunnerWarningMs = 200;
        follower.setOptions(options);
        QSignalSpy waiting(&follower, &PipelineFollower::waitingForRunner);
        QSignalSpy done(&follower, &PipelineFollower::finished);
        follower.follow(m_approver->followTarget(outcome));
        const bool warned = waiting.wait(15000);
        m_fixture.emulator->setRunnerAvailable(true);
        QVERIFY(warned);
        QVERIFY2(waiting.constFirst().constFirst().toString().contains(QStringLiteral("No runner")),
                 qPrintable(waiting.constFirst().constFirst().toString()));
        QVERIFY(done.wait(15000));
        QCOMPARE(done.constFirst().constFirst().toString(), QStringLiteral("success"));
    }
};

QTEST_GUILESS_MAIN(TestPipelineFollower)
#include "tst_pipelinefollower.moc"
