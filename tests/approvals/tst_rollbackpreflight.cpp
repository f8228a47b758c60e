#include "tests/approvals/approvaltesthelpers.h"

#include <QSignalSpy>

using namespace Dockmaster;
using namespace Dockmaster::Test;

// Deploying a chosen tag, the deployment history of an environment, and
// rolling back with a preflight that shows what is undone.
class TestRollbackPreflight : public QObject
{
    Q_OBJECT

private:
    ApprovalFixture m_fixture;
    QTemporaryDir m_cache;
    std::unique_ptr<GitLabClient> m_client;
    std::unique_ptr<ReleaseApprover> m_approver;
    std::unique_ptr<OutcomeRecorder> m_outcomes;
    std::unique_ptr<RollbackPreflight> m_preflight;
    QString m_app;
    QString m_ops;
    QString m_code;

    QString tag(const QString &name) { return m_fixture.rev(m_code, name + QStringLiteral("^{commit}")); }

    bool followToEnd(const ReleaseOutcome &outcome)
    {
        PipelineFollower follower(m_client.get());
        follower.setOptions(ApprovalFixture::followOptions());
        QSignalSpy done(&follower, &PipelineFollower::finished);
        follower.follow(m_approver->followTarget(outcome));
        return done.wait(15000) && done.constFirst().constFirst().toString() == QLatin1String("success");
    }

    std::optional<RollbackPlan> plan(const QString &target)
    {
        QObject context;
        std::optional<PreflightResult<RollbackPlan>> result;
        m_preflight->plan(m_app, Environment::Test, target, &context,
                          [&result](const PreflightResult<RollbackPlan> &answer) { result = answer; });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 15000) || !result->ok()) {
            if (result)
                qWarning().noquote() << result->error;
            return std::nullopt;
        }
        return result->value;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_fixture.start(3));
        m_client = m_fixture.client(m_fixture.emulator->adminToken());
        m_approver = std::make_unique<ReleaseApprover>(m_client.get(), ApprovalFixture::options(m_cache.path()));
        m_outcomes = std::make_unique<OutcomeRecorder>(m_approver.get());
        m_preflight = std::make_unique<RollbackPreflight>(m_client.get(), m_approver->workspace(),
                                                          m_approver->options().rootGroup);
        // App 2 has v1.0.0 .. v1.3.0; its test environment runs v1.2.0 (v1.3.0 awaits approval).
        m_app = m_fixture.seed.appIds.at(2);
        m_ops = QStringLiteral("plugins/ops/") + m_app;
        m_code = QStringLiteral("plugins/apps/") + m_app;
    }

    void cleanupTestCase()
    {
        m_preflight.reset();
        m_outcomes.reset();
        m_approver.reset();
        m_fixture.emulator.reset();
    }

    void deployTagPinsTheTagsCommit()
    {
        QCOMPARE(m_fixture.codesAt(m_ops, QStringLiteral("env/test")), tag(QStringLiteral("v1.2.0")));
        const ReleaseOutcome outcome = m_outcomes->wait(
            m_approver->deployTag(m_app, Environment::Test, QStringLiteral("v1.3.0"), QStringLiteral("alice")));
        QVERIFY2(outcome.ok(), qPrintable(outcome.message));
        QCOMPARE(outcome.action, ReleaseOutcome::Action::DeployTag);
        QCOMPARE(outcome.targetSha, tag(QStringLiteral("v1.3.0")));
        QCOMPARE(m_fixture.codesAt(m_ops, QStringLiteral("env/test")), outcome.targetSha);
        const QString message
            = QString::fromUtf8(m_fixture.git(m_ops,
                                              { QStringLiteral("log"), QStringLiteral("-1"),
                                                QStringLiteral("--format=%B"), QStringLiteral("env/test") }));
        QVERIFY(message.contains(QStringLiteral("Deploy-Tag: v1.3.0\n")));
        QVERIFY(message.contains(QStringLiteral("Approved-By: alice\n")));
        QCOMPARE(m_fixture.pipelinesForSha(m_ops, QStringLiteral("env/test"), outcome.commit), 1);
        QVERIFY(std::any_of(m_outcomes->audit.cbegin(), m_outcomes->audit.cend(), [](const AuditEntry &e) {
            return e.action == QLatin1String("deploy.tag") && e.actor == QLatin1String("alice");
        }));
        QVERIFY(followToEnd(outcome));

        const ReleaseOutcome missing = m_outcomes->wait(
            m_approver->deployTag(m_app, Environment::Test, QStringLiteral("v7.0.0"), QStringLiteral("alice")));
        QCOMPARE(missing.kind, ReleaseOutcome::Kind::Failed);
        QVERIFY(missing.message.contains(QStringLiteral("v7.0.0")));
        QCOMPARE(m_fixture.codesAt(m_ops, QStringLiteral("env/test")), tag(QStringLiteral("v1.3.0")));
    }

    void historyShowsEveryDeployment()
    {
        QObject context;
        std::optional<PreflightResult<QList<DeploymentHistoryEntry>>> result;
        m_preflight->history(
            m_app, Environment::Test, 100, &context,
            [&result](const PreflightResult<QList<DeploymentHistoryEntry>> &answer) { result = answer; });
        QVERIFY(QTest::qWaitFor([&] { return result.has_value(); }, 15000));
        QVERIFY2(result->ok(), qPrintable(result->error));
        const QList<DeploymentHistoryEntry> history = result->value;
        QCOMPARE(history.size(), m_fixture.commitCount(m_ops, QStringLiteral("env/test")));
        const DeploymentHistoryEntry &newest = history.constFirst();
        QCOMPARE(newest.codesSha, tag(QStringLiteral("v1.3.0")));
        QCOMPARE(newest.deployTag, QStringLiteral("v1.3.0"));
        QCOMPARE(newest.approvedBy, QStringLiteral("alice"));
        QCOMPARE(newest.author, QStringLiteral("alice"));
        QVERIFY(newest.pointerMoved);
        QCOMPARE(newest.deploymentStatus, QStringLiteral("success"));
        QVERIFY(newest.pipelineId > 0);
        // The seeded deployments before it, v1.2.0 first.
        QCOMPARE(history.at(1).codesSha, tag(QStringLiteral("v1.2.0")));
        QCOMPARE(history.at(1).approvedBy, QStringLiteral("root"));
        QCOMPARE(history.at(1).deploymentStatus, QStringLiteral("success"));
    }

    void rollbackPreflightListsWhatIsUndone()
    {
        const auto previous = plan(QString());
        QVERIFY(previous.has_value());
        QCOMPARE(previous->liveSha, tag(QStringLiteral("v1.3.0")));
        QCOMPARE(previous->previousSuccessfulSha, tag(QStringLiteral("v1.2.0")));
        QCOMPARE(previous->targetSha, previous->previousSuccessfulSha);
        QVERIFY(previous->targetExists);

        const QString target = tag(QStringLiteral("v1.0.0"));
        const auto toFirst = plan(target);
        QVERIFY(toFirst.has_value());
        QVERIFY(toFirst->targetExists);
        QVERIFY(toFirst->warnings.isEmpty());
        QCOMPARE(toFirst->liveCommit, m_fixture.rev(m_ops, QStringLiteral("env/test")));
        // v1.1.0, v1.2.0 and v1.3.0 go away.
        QStringList titles;
        for (const auto &commit : toFirst->undoneCommits)
            titles.append(commit.title);
        QCOMPARE(titles,
                 (QStringList { QStringLiteral("Release 1.1.0"), QStringLiteral("Release 1.2.0"),
                                QStringLiteral("Release 1.3.0") }));
        QVERIFY(toFirst->changedFiles.contains(QStringLiteral("web/index.php")));
        QVERIFY(toFirst->changedFiles.contains(QStringLiteral("CHANGELOG.md")));

        // A preflight from before another deployment is stale: refused.
        const QString head = m_fixture.rev(m_ops, QStringLiteral("env/test"));
        const ReleaseOutcome stale = m_outcomes->wait(m_approver->rollback(
            m_app, Environment::Test, target, QStringLiteral("root"), tag(QStringLiteral("v1.2.0"))));
        QCOMPARE(stale.kind, ReleaseOutcome::Kind::Failed);
        QVERIFY2(stale.message.contains(QStringLiteral("review the change again")), qPrintable(stale.message));
        QCOMPARE(m_fixture.rev(m_ops, QStringLiteral("env/test")), head);

        const ReleaseOutcome outcome = m_outcomes->wait(
            m_approver->rollback(m_app, Environment::Test, target, QStringLiteral("root"), toFirst->liveSha));
        QVERIFY2(outcome.ok(), qPrintable(outcome.message));
        QCOMPARE(outcome.action, ReleaseOutcome::Action::Rollback);
        QCOMPARE(m_fixture.codesAt(m_ops, QStringLiteral("env/test")), target);
        const QString message
            = QString::fromUtf8(m_fixture.git(m_ops,
                                              { QStringLiteral("log"), QStringLiteral("-1"),
                                                QStringLiteral("--format=%B"), QStringLiteral("env/test") }));
        QVERIFY(message.contains(QStringLiteral("Rollback-To: ") + target));
        QVERIFY(message.contains(QStringLiteral("Rolled-Back-From: ") + toFirst->liveSha));
        QVERIFY(message.contains(QStringLiteral("Approved-By: root")));
        QVERIFY(followToEnd(outcome));
    }

    void missingTargetWarns()
    {
        const QString gone = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
        const auto missing = plan(gone);
        QVERIFY(missing.has_value());
        QVERIFY(!missing->targetExists);
        QCOMPARE(missing->warnings.size(), 1);
        QVERIFY(missing->warnings.constFirst().contains(gone.left(12)));
        QVERIFY(missing->undoneCommits.isEmpty());

        const QString live = m_fixture.rev(m_ops, QStringLiteral("env/test"));
        const ReleaseOutcome refused
            = m_outcomes->wait(m_approver->rollback(m_app, Environment::Test, gone, QStringLiteral("root")));
        QCOMPARE(refused.kind, ReleaseOutcome::Kind::Failed);
        QVERIFY(refused.message.contains(QStringLiteral("does not exist")));
        QCOMPARE(m_fixture.rev(m_ops, QStringLiteral("env/test")), live);

        const ReleaseOutcome notAnId = m_outcomes->wait(
            m_approver->rollback(m_app, Environment::Test, QStringLiteral("v1.0.0"), QStringLiteral("root")));
        QCOMPARE(notAnId.kind, ReleaseOutcome::Kind::RefusedByRule);
    }

    void rollbackRefusesWhenTheBranchMovedMeanwhile()
    {
        // A push lands between this console's fetch and its push: the
        // preflight is stale, so the rollback is not retried on top.
        QTemporaryDir otherCache;
        auto otherClient = m_fixture.client(m_fixture.seed.secondAdminToken);
        ReleaseApprover other(otherClient.get(), ApprovalFixture::options(otherCache.path()));
        OutcomeRecorder otherOutcomes(&other);
        const int before = m_fixture.commitCount(m_ops, QStringLiteral("env/test"));
        const int fault = m_fixture.emulator->addFault(
            EmulatorFault::delay(QStringLiteral("git-receive-pack$"), 1200, 2).onMethod(QStringLiteral("POST")));
        const quint64 rollbackId
            = m_approver->rollback(m_app, Environment::Test, tag(QStringLiteral("v1.1.0")), QStringLiteral("root"));
        const quint64 otherId
            = other.rollback(m_app, Environment::Test, tag(QStringLiteral("v1.3.0")), QStringLiteral("alice"));
        const ReleaseOutcome rolledBack = m_outcomes->wait(rollbackId);
        const ReleaseOutcome deployed = otherOutcomes.wait(otherId);
        m_fixture.emulator->removeFault(fault);
        QVERIFY2(deployed.ok() != rolledBack.ok(),
                 qPrintable(deployed.message + QLatin1Char('|') + rolledBack.message));
        QCOMPARE(m_fixture.commitCount(m_ops, QStringLiteral("env/test")), before + 1);
        const ReleaseOutcome &loser = rolledBack.ok() ? deployed : rolledBack;
        QCOMPARE(loser.kind, ReleaseOutcome::Kind::LostRace);
        QVERIFY2(loser.message.contains(QStringLiteral("review")), qPrintable(loser.message));
        QVERIFY(m_fixture.pipelinesSettle(m_ops, QStringLiteral("env/test")));
    }
};

QTEST_GUILESS_MAIN(TestRollbackPreflight)
#include "tst_rollbackpreflight.moc"
