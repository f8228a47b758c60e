#include "core/approvals/releasetrailers.h"
#include "core/git/gitworkspace.h"
#include "sandbox/emulator/emulatorstore.h"
#include "tests/approvals/approvaltesthelpers.h"

#include <QSignalSpy>

using namespace Dockmaster;
using namespace Dockmaster::Test;

namespace {

const QString Root = QStringLiteral("root");
const QString Alice = QStringLiteral("alice");

QString guardLine(const ReleaseRequest &request)
{
    return ReleaseTrailers::requestLine(ReleaseTrailers::requestKey(codeProject(request), request.iid));
}

QString kindName(ReleaseOutcome::Kind kind)
{
    switch (kind) {
    case ReleaseOutcome::Kind::Succeeded:
        return QStringLiteral("Succeeded");
    case ReleaseOutcome::Kind::RefusedByRule:
        return QStringLiteral("RefusedByRule");
    case ReleaseOutcome::Kind::LostRace:
        return QStringLiteral("LostRace");
    case ReleaseOutcome::Kind::Failed:
        return QStringLiteral("Failed");
    case ReleaseOutcome::Kind::Offline:
        return QStringLiteral("Offline");
    }
    return {};
}

#define COMPARE_KIND(outcome, expected)                                                                                \
    QVERIFY2((outcome).kind == (expected),                                                                             \
             qPrintable(kindName((outcome).kind) + QStringLiteral(": ") + (outcome).message))

} // namespace

// Approve, reject, two-person rule, races between two consoles, crash
// recovery and offline behaviour, against the emulator with real git.
class TestReleaseApprover : public QObject
{
    Q_OBJECT

private:
    ApprovalFixture m_fixture;
    QTemporaryDir m_cacheRoot;
    QTemporaryDir m_cacheAlice;
    std::unique_ptr<GitLabClient> m_rootClient;
    std::unique_ptr<GitLabClient> m_aliceClient;
    std::unique_ptr<ReleaseApprover> m_root;
    std::unique_ptr<ReleaseApprover> m_alice;
    std::unique_ptr<OutcomeRecorder> m_rootOutcomes;
    std::unique_ptr<OutcomeRecorder> m_aliceOutcomes;

    QString tagSha(int appIndex, const QString &tag)
    {
        return m_fixture.rev(QStringLiteral("plugins/apps/") + m_fixture.seed.appIds.at(appIndex),
                             tag + QStringLiteral("^{commit}"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_fixture.start(9)); // apps 6 and 7 for the unfollowed approvals, 8 for a quiet branch
        QVERIFY(m_cacheRoot.isValid());
        QVERIFY(m_cacheAlice.isValid());
        m_rootClient = m_fixture.client(m_fixture.emulator->adminToken());
        m_aliceClient = m_fixture.client(m_fixture.seed.secondAdminToken);
        // Two consoles: own client, own clone folder.
        // One approval's mechanics: production deploys on the first approval
        // here (the rule that it needs two admins: tst_twopersonrule).
        ApprovalOptions rootOptions = ApprovalFixture::options(m_cacheRoot.path());
        ApprovalOptions aliceOptions = ApprovalFixture::options(m_cacheAlice.path());
        rootOptions.productionApprovals = aliceOptions.productionApprovals = 1;
        m_root = std::make_unique<ReleaseApprover>(m_rootClient.get(), rootOptions);
        m_alice = std::make_unique<ReleaseApprover>(m_aliceClient.get(), aliceOptions);
        m_rootOutcomes = std::make_unique<OutcomeRecorder>(m_root.get());
        m_aliceOutcomes = std::make_unique<OutcomeRecorder>(m_alice.get());
    }

    void cleanupTestCase()
    {
        m_rootOutcomes.reset();
        m_aliceOutcomes.reset();
        m_root.reset();
        m_alice.reset();
        m_fixture.emulator.reset();
    }

    void approveMovesThePointerAndTheFollowerClosesTheRequest()
    {
        const ReleaseRequest request
            = m_fixture.openRequest(m_fixture.developerToken(0), 0, Environment::Production, QStringLiteral("v1.1.0"));
        QVERIFY(request.iid > 0);
        const QString ops = opsProject(request);
        const QString branch = QStringLiteral("env/production");
        const QString before = m_fixture.rev(ops, branch);
        QSignalSpy progress(m_root.get(), &ReleaseApprover::progress);

        const ReleaseOutcome outcome = m_rootOutcomes->wait(m_root->approve(request, Root));
        COMPARE_KIND(outcome, ReleaseOutcome::Kind::Succeeded);
        QVERIFY(!progress.isEmpty());
        const QString sha = tagSha(0, QStringLiteral("v1.1.0"));
        QCOMPARE(outcome.targetSha, sha);
        QCOMPARE(outcome.currentState, QStringLiteral("approved"));

        // One new commit on the environment branch, on top of the old head, pinning the SHA.
        QCOMPARE(m_fixture.rev(ops, branch), outcome.commit);
        QCOMPARE(m_fixture.rev(ops, branch + QStringLiteral("^")), before);
        QCOMPARE(m_fixture.codesAt(ops, branch), sha);
        const QString message = QString::fromUtf8(m_fixture.git(
            ops, { QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%an%n%B"), branch }));
        QVERIFY2(message.startsWith(QStringLiteral("root\n")), qPrintable(message));
        QVERIFY2(message.contains(guardLine(request)), qPrintable(message));
        QVERIFY(message.contains(QStringLiteral("Approved-By: root")));
        QVERIFY(message.contains(QStringLiteral("Codes-Commit: ") + sha));

        // Its pipeline, linked in the comment; labels moved on.
        QCOMPARE(m_fixture.pipelinesForSha(ops, branch, outcome.commit), 1);
        QVERIFY(outcome.pipelineId > 0);
        QVERIFY(!outcome.pipelineUrl.isEmpty());
        const GitLabIssue approved = m_fixture.issue(request);
        QVERIFY(approved.labels.contains(QStringLiteral("release::approved")));
        QVERIFY(!approved.labels.contains(QStringLiteral("release::pending")));
        QCOMPARE(approved.state, QStringLiteral("opened"));
        const QList<GitLabNote> notes = m_fixture.notes(request);
        QCOMPARE(notes.size(), 1);
        QVERIFY2(notes.constFirst().body.startsWith(QStringLiteral("Approved by @root: deploying `") + sha),
                 qPrintable(notes.constFirst().body));
        QVERIFY(notes.constFirst().body.contains(outcome.pipelineUrl));

        const auto audit = m_rootOutcomes->audit;
        QVERIFY(std::any_of(audit.cbegin(), audit.cend(), [&](const AuditEntry &e) {
            return e.action == QLatin1String("release.approve") && e.actor == Root && e.appId == request.appId
                && e.environment == QLatin1String("production") && e.detail.contains(sha.left(12));
        }));

        // The follower drives it to the end: deployed, commented, closed.
        PipelineFollower follower(m_rootClient.get());
        follower.setOptions(ApprovalFixture::followOptions());
        QSignalSpy statuses(&follower, &PipelineFollower::statusChanged);
        QSignalSpy done(&follower, &PipelineFollower::finished);
        QByteArray streamed;
        connect(&follower, &PipelineFollower::traceAppended, this,
                [&streamed](qint64, const QString &, const QByteArray &chunk) { streamed += chunk; });
        follower.follow(m_root->followTarget(outcome));
        QVERIFY(done.wait(15000));
        QCOMPARE(done.constFirst().constFirst().toString(), QStringLiteral("success"));
        QCOMPARE(statuses.constLast().constFirst().toString(), QStringLiteral("success"));
        const auto jobs = waitCall<QList<GitLabJob>>(
            [&](auto cb) { return m_rootClient->pipelineJobs(ops, outcome.pipelineId, nullptr, cb); });
        QCOMPARE(jobs.value.size(), 1);
        const auto trace = waitCall<QByteArray>(
            [&](auto cb) { return m_rootClient->jobTrace(ops, jobs.value.constFirst().id, nullptr, cb); });
        // Appended by length: the pieces make up the log exactly once.
        QCOMPARE(streamed, trace.value);
        QVERIFY(trace.value.contains("Job succeeded"));

        const GitLabIssue deployed = m_fixture.issue(request);
        QCOMPARE(deployed.state, QStringLiteral("closed"));
        QVERIFY(deployed.labels.contains(QStringLiteral("release::deployed")));
        QVERIFY(!deployed.labels.contains(QStringLiteral("release::approved")));
        QCOMPARE(m_fixture.notesContaining(request, QStringLiteral("Deployed `") + sha), 1);
    }

    void rejectNeedsAReasonAndClosesTheRequest()
    {
        const ReleaseRequest request
            = m_fixture.openRequest(m_fixture.developerToken(1), 1, Environment::Test, QStringLiteral("v1.1.0"));
        QVERIFY(request.iid > 0);
        const QString before = m_fixture.rev(opsProject(request), QStringLiteral("env/test"));

        const ReleaseOutcome noReason = m_rootOutcomes->wait(m_root->reject(request, Root, QStringLiteral("  \n")));
        COMPARE_KIND(noReason, ReleaseOutcome::Kind::RefusedByRule);
        QVERIFY(noReason.message.contains(QStringLiteral("reason")));
        QCOMPARE(m_fixture.notes(request).size(), 0);
        QVERIFY(m_fixture.issue(request).labels.contains(QStringLiteral("release::pending")));

        const ReleaseOutcome rejected
            = m_rootOutcomes->wait(m_root->reject(request, Root, QStringLiteral("Uses eval() on request data.")));
        COMPARE_KIND(rejected, ReleaseOutcome::Kind::Succeeded);
        const GitLabIssue issue = m_fixture.issue(request);
        QCOMPARE(issue.state, QStringLiteral("closed"));
        QVERIFY(issue.labels.contains(QStringLiteral("release::rejected")));
        QVERIFY(!issue.labels.contains(QStringLiteral("release::pending")));
        QCOMPARE(m_fixture.notesContaining(request, QStringLiteral("Rejected by @root: Uses eval() on request data.")),
                 1);
        // The audit row says why, not only that it was rejected.
        const auto audit = m_rootOutcomes->audit;
        QVERIFY(std::any_of(audit.cbegin(), audit.cend(), [&](const AuditEntry &e) {
            return e.action == QLatin1String("release.reject") && e.appId == request.appId
                && e.detail.contains(QStringLiteral("Uses eval() on request data."));
        }));
        QCOMPARE(m_fixture.rev(opsProject(request), QStringLiteral("env/test")), before);

        // Approving it now names the state and who decided it.
        const ReleaseOutcome late = m_aliceOutcomes->wait(m_alice->approve(request, Alice));
        COMPARE_KIND(late, ReleaseOutcome::Kind::LostRace);
        QCOMPARE(late.currentState, QStringLiteral("rejected"));
        QCOMPARE(late.actedBy, Root);
        QVERIFY2(late.message.contains(QStringLiteral("rejected by root")), qPrintable(late.message));
        QCOMPARE(m_fixture.rev(opsProject(request), QStringLiteral("env/test")), before);
    }

    void twoPersonRule_data()
    {
        QTest::addColumn<int>("environment");
        QTest::addColumn<bool>("refused");
        QTest::newRow("production: requester may not approve") << int(Environment::Production) << true;
        QTest::newRow("test: requester may approve") << int(Environment::Test) << false;
    }

    void twoPersonRule()
    {
        QFETCH(int, environment);
        QFETCH(bool, refused);
        const auto env = Environment(environment);
        // An admin who is also the requester.
        const ReleaseRequest request
            = m_fixture.openRequest(m_fixture.seed.secondAdminToken, 2, env, QStringLiteral("v1.2.0"));
        QVERIFY(request.iid > 0);
        QCOMPARE(request.requester, Alice);
        const QString branch = environmentBranch(env);
        const QString before = m_fixture.rev(opsProject(request), branch);

        const ReleaseOutcome own = m_aliceOutcomes->wait(m_alice->approve(request, Alice));
        if (refused) {
            COMPARE_KIND(own, ReleaseOutcome::Kind::RefusedByRule);
            QVERIFY2(own.message.contains(QStringLiteral("Two-person")), qPrintable(own.message));
            QCOMPARE(m_fixture.rev(opsProject(request), branch), before);
            QVERIFY(m_fixture.issue(request).labels.contains(QStringLiteral("release::pending")));
            // Another admin may.
            const ReleaseOutcome other = m_rootOutcomes->wait(m_root->approve(request, Root));
            COMPARE_KIND(other, ReleaseOutcome::Kind::Succeeded);
        } else {
            COMPARE_KIND(own, ReleaseOutcome::Kind::Succeeded);
        }
        QCOMPARE(m_fixture.codesAt(opsProject(request), branch), tagSha(2, QStringLiteral("v1.2.0")));
        QVERIFY(m_fixture.pipelinesSettle(opsProject(request), branch));
    }

    void racingApprovalsMakeExactlyOneDeployment_data()
    {
        QTest::addColumn<bool>("pushesCollide");
        QTest::newRow("as it happens") << false;
        // Both consoles fetch the same head and push together: the loser's
        // push is not a fast-forward, its retry finds the winner's trailer.
        QTest::newRow("pushes collide") << true;
    }

    void racingApprovalsMakeExactlyOneDeployment()
    {
        QFETCH(bool, pushesCollide);
        const ReleaseRequest request
            = m_fixture.openRequest(m_fixture.developerToken(1), 1, Environment::Test,
                                    pushesCollide ? QStringLiteral("v1.1.0") : QStringLiteral("v1.0.0"));
        QVERIFY(request.iid > 0);
        const QString ops = opsProject(request);
        const QString branch = QStringLiteral("env/test");
        const int commitsBefore = m_fixture.commitCount(ops, branch);
        const int pipelinesBefore = int(m_fixture.pipelines(ops, branch).size());

        m_fixture.emulator->clearRequestLog();
        const int fault = pushesCollide
            ? m_fixture.emulator->addFault(
                  EmulatorFault::delay(QStringLiteral("git-receive-pack$"), 1200, 2).onMethod(QStringLiteral("POST")))
            : -1;
        // Two consoles press Approve at the same moment.
        const quint64 rootId = m_root->approve(request, Root);
        const quint64 aliceId = m_alice->approve(request, Alice);
        const ReleaseOutcome byRoot = m_rootOutcomes->wait(rootId);
        const ReleaseOutcome byAlice = m_aliceOutcomes->wait(aliceId);
        if (pushesCollide) {
            m_fixture.emulator->removeFault(fault);
            QCOMPARE(m_fixture.emulator->requestCount(QStringLiteral("POST"), QStringLiteral("git-receive-pack$")), 2);
        }

        const bool rootWon = byRoot.kind == ReleaseOutcome::Kind::Succeeded;
        const ReleaseOutcome &winner = rootWon ? byRoot : byAlice;
        const ReleaseOutcome &loser = rootWon ? byAlice : byRoot;
        COMPARE_KIND(winner, ReleaseOutcome::Kind::Succeeded);
        COMPARE_KIND(loser, ReleaseOutcome::Kind::LostRace);
        QVERIFY2(loser.message.contains(winner.actor), qPrintable(loser.message));
        QCOMPARE(loser.actedBy, winner.actor);
        QVERIFY(!loser.currentState.isEmpty());

        QCOMPARE(m_fixture.commitsWithLine(ops, branch, guardLine(request)).size(), 1);
        QCOMPARE(m_fixture.commitCount(ops, branch), commitsBefore + 1);
        QCOMPARE(m_fixture.pipelinesForSha(ops, branch, winner.commit), 1);
        QCOMPARE(int(m_fixture.pipelines(ops, branch).size()), pipelinesBefore + 1);
        QCOMPARE(m_fixture.notesContaining(request, QStringLiteral("dockmaster:approved")), 1);
        QVERIFY(m_fixture.issue(request).labels.contains(QStringLiteral("release::approved")));
        QVERIFY(m_fixture.pipelinesSettle(ops, branch));
    }

    void approvalPushedByAnotherConsoleIsNotRepeated()
    {
        // Alice's console pushed the approval commit and has not commented
        // yet; root approves in that moment.
        const ReleaseRequest request
            = m_fixture.openRequest(m_fixture.developerToken(3), 3, Environment::Test, QStringLiteral("v1.1.0"));
        QVERIFY(request.iid > 0);
        const QString ops = opsProject(request);
        const QString branch = QStringLiteral("env/test");
        const QString pushed
            = m_fixture.pushApprovalCommit(request, QStringLiteral("v1.1.0"), Alice, m_fixture.seed.secondAdminToken);
        QVERIFY(!pushed.isEmpty());

        const ReleaseOutcome outcome = m_rootOutcomes->wait(m_root->approve(request, Root));
        COMPARE_KIND(outcome, ReleaseOutcome::Kind::LostRace);
        QCOMPARE(outcome.actedBy, Alice);
        QCOMPARE(outcome.commit, pushed);
        QVERIFY2(outcome.message.contains(QStringLiteral("approved this request first")), qPrintable(outcome.message));
        QCOMPARE(m_fixture.commitsWithLine(ops, branch, guardLine(request)), QStringList { pushed });
        QCOMPARE(m_fixture.pipelinesForSha(ops, branch, pushed), 1);
        QCOMPARE(m_fixture.notes(request).size(), 0); // the winner's console comments, not the loser's
        QVERIFY(m_fixture.pipelinesSettle(ops, branch));
    }

    void crashBetweenPushAndCommentIsCompletedOnce()
    {
        const ReleaseRequest request
            = m_fixture.openRequest(m_fixture.developerToken(4), 4, Environment::Test, QStringLiteral("v1.1.0"));
        QVERIFY(request.iid > 0);
        const QString ops = opsProject(request);
        const QString branch = QStringLiteral("env/test");
        const QString sha = tagSha(4, QStringLiteral("v1.1.0"));
        const QString key = ReleaseTrailers::requestKey(codeProject(request), request.iid);

        // Only the push step of an approval, then the console "dies".
        const QString pushed
            = m_fixture.pushApprovalCommit(request, QStringLiteral("v1.1.0"), Root, m_fixture.emulator->adminToken());
        QVERIFY(!pushed.isEmpty());
        const int commitsAfterPush = m_fixture.commitCount(ops, branch);
        QVERIFY(m_fixture.issue(request).labels.contains(QStringLiteral("release::pending")));

        // The next start: a fresh console recovers. Twice, as after two restarts.
        for (int run = 0; run < 2; ++run) {
            QTemporaryDir cache;
            ReleaseApprover restarted(m_rootClient.get(), ApprovalFixture::options(cache.path()));
            OutcomeRecorder outcomes(&restarted);
            const quint64 id = restarted.recover(Root);
            const auto recovery = outcomes.waitRecovery(id);
            QVERIFY(recovery.has_value());
            QVERIFY2(recovery->second.isEmpty(), qPrintable(recovery->second));
            const QList<ReleaseOutcome> completed = outcomes.outcomesOf(id);
            const auto mine = std::find_if(completed.cbegin(), completed.cend(), [&](const ReleaseOutcome &o) {
                return o.iid == request.iid && o.appId == request.appId;
            });
            // Both times: handed on to be followed (it is approved and its
            // pipeline's result is not recorded yet), but never done twice.
            QVERIFY(mine != completed.cend());
            COMPARE_KIND(*mine, ReleaseOutcome::Kind::Succeeded);
            QCOMPARE(mine->action, ReleaseOutcome::Action::Recover);
            QCOMPARE(mine->commit, pushed);
            QCOMPARE(mine->targetSha, sha);
            QCOMPARE(mine->actedBy, Root);
            const GitLabIssue issue = m_fixture.issue(request);
            QVERIFY(issue.labels.contains(QStringLiteral("release::approved")));
            QVERIFY(!issue.labels.contains(QStringLiteral("release::pending")));
            QCOMPARE(m_fixture.notesContaining(request, QStringLiteral("dockmaster:approved")), 1);
            QCOMPARE(m_fixture.commitCount(ops, branch), commitsAfterPush);
            QCOMPARE(m_fixture.commitsWithLine(ops, branch, ReleaseTrailers::requestLine(key)).size(), 1);
            QCOMPARE(m_fixture.pipelinesForSha(ops, branch, pushed), 1);
        }
        QVERIFY(m_fixture.pipelinesSettle(ops, branch));
    }

    // A console's start reads a pending request's branch commit by commit
    // only if the branch moved after the request was opened: one GraphQL
    // request for every branch's head instead of one read per pending request
    // (issue 25: a warm start costs a handful of requests). A request pushed
    // but unfinished is still found (crashBetweenPushAndCommentIsCompletedOnce).
    void recoveryReadsOnlyBranchesThatMovedSinceTheRequest()
    {
        const ReleaseRequest quiet
            = m_fixture.openRequest(m_fixture.developerToken(8), 8, Environment::Test, QStringLiteral("v1.1.0"));
        QVERIFY(quiet.iid > 0);
        {
            // As if opened two hours after its branch last moved.
            QMutexLocker lock(&m_fixture.emulator->store().mutex());
            for (EmulatorIssue &issue : m_fixture.emulator->store().issues) {
                if (issue.projectId == quiet.projectId && issue.iid == quiet.iid)
                    issue.createdAt = issue.createdAt.addSecs(2 * 3600);
            }
        }
        m_fixture.emulator->clearRequestLog();
        QTemporaryDir cache;
        ReleaseApprover restarted(m_rootClient.get(), ApprovalFixture::options(cache.path()));
        OutcomeRecorder outcomes(&restarted);
        const auto recovery = outcomes.waitRecovery(restarted.recover(Root));
        QVERIFY(recovery.has_value());
        QVERIFY2(recovery->second.isEmpty(), qPrintable(recovery->second));
        const QString branchReads = QStringLiteral("ops%2F") + quiet.appId + QStringLiteral("/repository/commits");
        QCOMPARE(m_fixture.emulator->requestCount(QStringLiteral("GET"), branchReads), 0);
        QVERIFY(m_fixture.emulator->requestCount(QStringLiteral("POST"), QStringLiteral("^/api/graphql$")) >= 1);
        QVERIFY(m_fixture.issue(quiet).labels.contains(QStringLiteral("release::pending")));
    }

    // A console stopped (or lost the answer to its last write) after the
    // request was labelled approved: the pipeline ran, but nobody recorded
    // its result. The next console to start finishes it, exactly once.
    void approvedButUnfollowedIsFinishedByTheNextConsole_data()
    {
        QTest::addColumn<bool>("answerLost");
        QTest::newRow("console stopped after the labels") << false;
        QTest::newRow("answer to the labelling lost") << true;
    }

    void approvedButUnfollowedIsFinishedByTheNextConsole()
    {
        QFETCH(bool, answerLost);
        const int app = answerLost ? 7 : 6;
        const ReleaseRequest request
            = m_fixture.openRequest(m_fixture.developerToken(app), app, Environment::Test, QStringLiteral("v1.1.0"));
        QVERIFY(request.iid > 0);
        const QString ops = opsProject(request);
        const QString branch = QStringLiteral("env/test");
        const QString sha = tagSha(app, QStringLiteral("v1.1.0"));

        // GitLab applies the label change but its answer is cut off.
        const int fault = answerLost
            ? m_fixture.emulator->addFault(
                  EmulatorFault::truncatedBody(QStringLiteral("/issues/%1($|\\?)").arg(request.iid))
                      .onMethod(QStringLiteral("PUT")))
            : -1;
        const ReleaseOutcome approved = m_rootOutcomes->wait(m_root->approve(request, Root));
        // With the answer lost the approver may still find out (it reads the
        // request again) or report the failure; either way nobody here
        // follows the pipeline.
        if (answerLost)
            m_fixture.emulator->removeFault(fault);
        else
            COMPARE_KIND(approved, ReleaseOutcome::Kind::Succeeded);
        QVERIFY(m_fixture.issue(request).labels.contains(QStringLiteral("release::approved")));
        QVERIFY(m_fixture.pipelinesSettle(ops, branch));
        // Nobody followed the pipeline: still open at approved.
        QCOMPARE(m_fixture.issue(request).state, QStringLiteral("opened"));
        const QString pointer = m_fixture.rev(ops, branch);

        // Another console starts (its own clone), recovers and follows what it is handed.
        QTemporaryDir cache;
        ReleaseApprover next(m_aliceClient.get(), ApprovalFixture::options(cache.path()));
        OutcomeRecorder outcomes(&next);
        const quint64 id = next.recover(Alice);
        const auto recovery = outcomes.waitRecovery(id);
        QVERIFY(recovery.has_value());
        const QList<ReleaseOutcome> handed = outcomes.outcomesOf(id);
        const auto mine = std::find_if(handed.cbegin(), handed.cend(), [&](const ReleaseOutcome &o) {
            return o.iid == request.iid && o.appId == request.appId;
        });
        QVERIFY(mine != handed.cend());
        COMPARE_KIND(*mine, ReleaseOutcome::Kind::Succeeded);
        QCOMPARE(mine->commit, pointer);
        QCOMPARE(mine->targetSha, sha);
        PipelineFollower follower(m_aliceClient.get());
        follower.setOptions(ApprovalFixture::followOptions());
        QSignalSpy done(&follower, &PipelineFollower::finished);
        follower.follow(next.followTarget(*mine));
        QVERIFY(done.wait(15000));
        QCOMPARE(done.constFirst().constFirst().toString(), QStringLiteral("success"));

        // On GitLab: deployed, closed, each comment once, one commit, one pipeline.
        const GitLabIssue issue = m_fixture.issue(request);
        QCOMPARE(issue.state, QStringLiteral("closed"));
        QVERIFY(issue.labels.contains(QStringLiteral("release::deployed")));
        QVERIFY(!issue.labels.contains(QStringLiteral("release::approved")));
        QCOMPARE(m_fixture.notesContaining(request, QStringLiteral("dockmaster:approved")), 1);
        QCOMPARE(m_fixture.notesContaining(request, QStringLiteral("Deployed `") + sha), 1);
        QCOMPARE(m_fixture.commitsWithLine(ops, branch, guardLine(request)).size(), 1);
        QCOMPARE(m_fixture.pipelinesForSha(ops, branch, pointer), 1);
        // In this console's audit trail.
        QVERIFY(std::any_of(outcomes.audit.cbegin(), outcomes.audit.cend(), [&](const AuditEntry &e) {
            return e.appId == request.appId && e.environment == QLatin1String("test");
        }));

        // A third start finds nothing left to do for it.
        const quint64 again = next.recover(Alice);
        QVERIFY(outcomes.waitRecovery(again).has_value());
        const QList<ReleaseOutcome> second = outcomes.outcomesOf(again);
        QVERIFY(std::none_of(second.cbegin(), second.cend(), [&](const ReleaseOutcome &o) {
            return o.iid == request.iid && o.appId == request.appId;
        }));
        QCOMPARE(m_fixture.notesContaining(request, QStringLiteral("dockmaster:approved")), 1);
    }

    void crashAfterCommentBeforeLabelsPostsNoSecondComment()
    {
        const ReleaseRequest request
            = m_fixture.openRequest(m_fixture.developerToken(5), 5, Environment::Test, QStringLiteral("v1.0.0"));
        QVERIFY(request.iid > 0);
        const QString ops = opsProject(request);
        const QString branch = QStringLiteral("env/test");
        const QString key = ReleaseTrailers::requestKey(codeProject(request), request.iid);
        const QString sha = tagSha(5, QStringLiteral("v1.0.0"));
        const QString pushed
            = m_fixture.pushApprovalCommit(request, QStringLiteral("v1.0.0"), Root, m_fixture.emulator->adminToken());
        QVERIFY(!pushed.isEmpty());
        // The comment made it, the labels did not.
        const auto note = waitCall<GitLabNote>([&](auto cb) {
            return m_rootClient->createIssueNote(codeProject(request), request.iid,
                                                 QStringLiteral("Approved by @root: deploying `%1`.\n\n%2")
                                                     .arg(sha, ReleaseTrailers::approvedMarker(key, pushed, Root)),
                                                 nullptr, cb);
        });
        QVERIFY(note.ok());

        // Approving again (same admin, the console restarted) completes it.
        const ReleaseOutcome outcome = m_rootOutcomes->wait(m_root->approve(request, Root));
        COMPARE_KIND(outcome, ReleaseOutcome::Kind::Succeeded);
        QCOMPARE(outcome.commit, pushed);
        QCOMPARE(m_fixture.notesContaining(request, QStringLiteral("dockmaster:approved")), 1);
        QVERIFY(m_fixture.issue(request).labels.contains(QStringLiteral("release::approved")));
        QCOMPARE(m_fixture.commitsWithLine(ops, branch, guardLine(request)).size(), 1);
        QVERIFY(m_fixture.pipelinesSettle(ops, branch));
    }

    void refThatDoesNotExistIsNotDeployed()
    {
        const ReleaseRequest request
            = m_fixture.openRequest(m_fixture.developerToken(0), 0, Environment::Test, QStringLiteral("v9.9.9"));
        QVERIFY(request.iid > 0);
        const QString before = m_fixture.rev(opsProject(request), QStringLiteral("env/test"));
        const ReleaseOutcome outcome = m_rootOutcomes->wait(m_root->approve(request, Root));
        COMPARE_KIND(outcome, ReleaseOutcome::Kind::Failed);
        QVERIFY2(outcome.message.contains(QStringLiteral("v9.9.9"))
                     && outcome.message.contains(QStringLiteral("does not exist")),
                 qPrintable(outcome.message));
        QCOMPARE(m_fixture.rev(opsProject(request), QStringLiteral("env/test")), before);
        QVERIFY(m_fixture.issue(request).labels.contains(QStringLiteral("release::pending")));
        QCOMPARE(m_fixture.notes(request).size(), 0);
    }

    void editedRequestIsNotApprovedBlindly()
    {
        ReleaseRequest request
            = m_fixture.openRequest(m_fixture.developerToken(0), 0, Environment::Test, QStringLiteral("v1.0.0"));
        QVERIFY(request.iid > 0);
        // What the admin reviewed differs from what the issue asks for now.
        request.requestedRef = QStringLiteral("v1.1.0");
        const ReleaseOutcome outcome = m_rootOutcomes->wait(m_root->approve(request, Root));
        COMPARE_KIND(outcome, ReleaseOutcome::Kind::RefusedByRule);
        QVERIFY2(outcome.message.contains(QStringLiteral("edited")), qPrintable(outcome.message));
    }

    void movingBranchIsPinnedToItsSha()
    {
        const ReleaseRequest request
            = m_fixture.openRequest(m_fixture.developerToken(5), 5, Environment::Test, QStringLiteral("main"));
        QVERIFY(request.iid > 0);
        const QString code = codeProject(request);
        const QString mainAtApproval = m_fixture.rev(code, QStringLiteral("main"));
        const ReleaseOutcome outcome = m_rootOutcomes->wait(m_root->approve(request, Root));
        COMPARE_KIND(outcome, ReleaseOutcome::Kind::Succeeded);
        QCOMPARE(outcome.targetSha, mainAtApproval);

        // The developer pushes on: the deployed pointer stays where it was pinned.
        QVERIFY(m_fixture.pushFile(m_fixture.developerToken(5), request, QStringLiteral("main"),
                                   QStringLiteral("web/new.php"), QStringLiteral("<?php echo 1;\n")));
        QVERIFY(m_fixture.rev(code, QStringLiteral("main")) != mainAtApproval);
        QCOMPARE(m_fixture.codesAt(opsProject(request), QStringLiteral("env/test")), mainAtApproval);
        QVERIFY(QString::fromUtf8(m_fixture.git(opsProject(request),
                                                { QStringLiteral("log"), QStringLiteral("-1"),
                                                  QStringLiteral("--format=%B"), QStringLiteral("env/test") }))
                    .contains(QStringLiteral("Codes-Commit: ") + mainAtApproval));
        QVERIFY(m_fixture.pipelinesSettle(opsProject(request), QStringLiteral("env/test")));
    }

    void pushRejectedByAnUnrelatedChangeIsRetriedOnTop()
    {
        const ReleaseRequest request
            = m_fixture.openRequest(m_fixture.developerToken(1), 1, Environment::Production, QStringLiteral("v1.2.0"));
        QVERIFY(request.iid > 0);
        const QString ops = opsProject(request);
        const QString branch = QStringLiteral("env/production");
        const int before = m_fixture.commitCount(ops, branch);
        // Both pushes reach the server together: one of them is not a fast-forward.
        m_fixture.emulator->clearRequestLog();
        const int fault = m_fixture.emulator->addFault(
            EmulatorFault::delay(QStringLiteral("git-receive-pack$"), 1200, 2).onMethod(QStringLiteral("POST")));
        const quint64 approveId = m_root->approve(request, Root);
        const quint64 deployId
            = m_alice->deployTag(request.appId, Environment::Production, QStringLiteral("v1.1.0"), Alice);
        const ReleaseOutcome approved = m_rootOutcomes->wait(approveId);
        const ReleaseOutcome deployed = m_aliceOutcomes->wait(deployId);
        m_fixture.emulator->removeFault(fault);
        COMPARE_KIND(approved, ReleaseOutcome::Kind::Succeeded);
        COMPARE_KIND(deployed, ReleaseOutcome::Kind::Succeeded);
        QCOMPARE(m_fixture.emulator->requestCount(QStringLiteral("POST"), QStringLiteral("git-receive-pack$")), 3);
        QCOMPARE(m_fixture.commitCount(ops, branch), before + 2);
        QCOMPARE(m_fixture.commitsWithLine(ops, branch, guardLine(request)).size(), 1);
        QVERIFY(m_fixture.pipelinesSettle(ops, branch));
    }

    void offlineRefusesAndQueuesNothing()
    {
        const ReleaseRequest request
            = m_fixture.openRequest(m_fixture.developerToken(2), 2, Environment::Test, QStringLiteral("v1.0.0"));
        QVERIFY(request.iid > 0);
        const QString before = m_fixture.rev(opsProject(request), QStringLiteral("env/test"));

        // The console knows it is offline: refused at once, no request sent.
        m_fixture.emulator->clearRequestLog();
        m_root->setOnline(false);
        const ReleaseOutcome known = m_rootOutcomes->wait(m_root->approve(request, Root));
        const ReleaseOutcome knownReject
            = m_rootOutcomes->wait(m_root->reject(request, Root, QStringLiteral("Not now.")));
        m_root->setOnline(true);
        COMPARE_KIND(known, ReleaseOutcome::Kind::Offline);
        COMPARE_KIND(knownReject, ReleaseOutcome::Kind::Offline);
        QVERIFY(known.message.contains(QStringLiteral("nothing was queued")));
        QCOMPARE(m_fixture.emulator->requestLog().size(), 0);

        // GitLab vanishes under the console: the client reports Offline.
        QTemporaryDir cache;
        GitLabClient unreachable;
        unreachable.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:1")));
        unreachable.setToken(m_fixture.emulator->adminToken());
        ReleaseApprover approver(&unreachable, ApprovalFixture::options(cache.path()));
        OutcomeRecorder outcomes(&approver);
        const ReleaseOutcome lost = outcomes.wait(approver.approve(request, Root));
        COMPARE_KIND(lost, ReleaseOutcome::Kind::Offline);
        QVERIFY2(lost.message.contains(QStringLiteral("cannot be reached")), qPrintable(lost.message));
        const ReleaseOutcome lostTag
            = outcomes.wait(approver.deployTag(request.appId, Environment::Test, QStringLiteral("v1.0.0"), Root));
        COMPARE_KIND(lostTag, ReleaseOutcome::Kind::Offline);
        QTest::qWait(300); // nothing retried in the background
        QCOMPARE(m_fixture.rev(opsProject(request), QStringLiteral("env/test")), before);
        QVERIFY(m_fixture.issue(request).labels.contains(QStringLiteral("release::pending")));
        QCOMPARE(m_fixture.notes(request).size(), 0);
    }

    void badInputIsRefused_data()
    {
        QTest::addColumn<QString>("appId");
        QTest::addColumn<QString>("admin");
        QTest::addColumn<QString>("ref");
        QTest::newRow("app id") << QStringLiteral("app12") << Root << QStringLiteral("v1.0.0");
        QTest::newRow("path in app id") << QStringLiteral("../ops/app0000000") << Root << QStringLiteral("v1.0.0");
        QTest::newRow("admin name") << QStringLiteral("app0000000") << QStringLiteral("root\nApproved-By: x")
                                    << QStringLiteral("v1.0.0");
        QTest::newRow("ref option") << QStringLiteral("app0000000") << Root << QStringLiteral("--upload-pack=x");
        QTest::newRow("ref range") << QStringLiteral("app0000000") << Root << QStringLiteral("v1..v2");
    }

    void badInputIsRefused()
    {
        QFETCH(QString, appId);
        QFETCH(QString, admin);
        QFETCH(QString, ref);
        const ReleaseOutcome outcome = m_rootOutcomes->wait(m_root->deployTag(appId, Environment::Test, ref, admin));
        COMPARE_KIND(outcome, ReleaseOutcome::Kind::RefusedByRule);
    }
};

QTEST_GUILESS_MAIN(TestReleaseApprover)
#include "tst_releaseapprover.moc"
