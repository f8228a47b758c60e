#include "core/approvals/releasetrailers.h"
#include "core/cache/cachedatabase.h"
#include "core/cache/cacheservice.h"
#include "core/gitlab/releaserequestparser.h"
#include "core/sync/syncengine.h"
#include "models/releaserequestsmodel.h"
#include "tests/approvals/approvaltesthelpers.h"

#include <QSignalSpy>

using namespace Dockmaster;
using namespace Dockmaster::Test;

namespace {

const QString Root = QStringLiteral("root");
const QString Alice = QStringLiteral("alice");
const QString Bob = QStringLiteral("bob");

QString requestKey(const ReleaseRequest &request)
{
    return ReleaseTrailers::requestKey(codeProject(request), request.iid);
}

QString describe(const ReleaseOutcome &outcome)
{
    return QStringLiteral("kind %1 partial %2: %3")
        .arg(int(outcome.kind))
        .arg(outcome.isPartialApproval())
        .arg(outcome.message);
}

const QString Production = QStringLiteral("env/production");

} // namespace

// The two-person rule (issue 13, item 1) against the emulator, with real
// accounts: root and alice (instance administrators) and bob (Maintainer of
// the platform's group), each in their own console (client, clone folder).
class TestTwoPersonRule : public QObject
{
    Q_OBJECT

private:
    struct Console {
        QTemporaryDir cache;
        std::unique_ptr<GitLabClient> client;
        std::unique_ptr<ReleaseApprover> approver;
        std::unique_ptr<OutcomeRecorder> outcomes;
        QString admin;

        ReleaseOutcome approve(const ReleaseRequest &request, const QStringList &acknowledged = {})
        {
            return outcomes->wait(approver->approve(request, admin, acknowledged), 30000);
        }
    };

    ApprovalFixture m_fixture;
    std::unique_ptr<Console> m_root;
    std::unique_ptr<Console> m_alice;
    std::unique_ptr<Console> m_bob;

    std::unique_ptr<Console> console(const QString &admin, const QString &token, const ApprovalOptions &base = {})
    {
        auto c = std::make_unique<Console>();
        c->admin = admin;
        c->client = m_fixture.client(token);
        ApprovalOptions options = ApprovalFixture::options(c->cache.path());
        options.productionApprovals = base.productionApprovals;
        options.refuseProductionBeforeTest = base.refuseProductionBeforeTest;
        c->approver = std::make_unique<ReleaseApprover>(c->client.get(), options);
        c->outcomes = std::make_unique<OutcomeRecorder>(c->approver.get());
        return c;
    }

    QString tagSha(const ReleaseRequest &request, const QString &tag)
    {
        return m_fixture.rev(codeProject(request), tag + QStringLiteral("^{commit}"));
    }

    GitLabNote postNote(const QString &token, const ReleaseRequest &request, const QString &body)
    {
        auto author = m_fixture.client(token);
        return waitCall<GitLabNote>([&](auto done) {
                   return author->createIssueNote(codeProject(request), request.iid, body, nullptr, done);
               })
            .value;
    }

    // What a console's queue shows after a full sync of its own cache.
    std::optional<ReleaseRequest> synced(const ReleaseRequest &request)
    {
        QTemporaryDir dir;
        CacheService cache(dir.filePath(QStringLiteral("cache.sqlite")));
        QSignalSpy opened(&cache, &CacheService::opened);
        cache.open();
        if (!opened.wait(10000))
            return std::nullopt;
        SyncEngine engine(m_root->client.get(), &cache);
        SyncOptions options;
        options.inventoryMirrorDir = dir.filePath(QStringLiteral("mirror.git"));
        engine.setOptions(options);
        QSignalSpy finished(&engine, &SyncEngine::finished);
        QSignalSpy failed(&engine, &SyncEngine::failed);
        engine.start(SyncEngine::Mode::Full);
        if (!QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 60000) || !failed.isEmpty())
            return std::nullopt;
        std::optional<QList<ReleaseRequest>> requests;
        cache.query<QList<ReleaseRequest>>(
            this, [](CacheDatabase &db) { return db.loadReleaseRequests(); },
            [&requests](QList<ReleaseRequest> loaded) { requests = std::move(loaded); });
        if (!QTest::qWaitFor([&] { return requests.has_value(); }, 10000))
            return std::nullopt;
        for (const ReleaseRequest &candidate : std::as_const(*requests)) {
            if (candidate.projectId == request.projectId && candidate.iid == request.iid)
                return candidate;
        }
        return std::nullopt;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_fixture.start());
        m_root = console(Root, m_fixture.emulator->adminToken());
        m_alice = console(Alice, m_fixture.seed.secondAdminToken);
        m_bob = console(Bob, m_fixture.seed.thirdAdminToken);
    }

    void cleanupTestCase()
    {
        m_root.reset();
        m_alice.reset();
        m_bob.reset();
        m_fixture.emulator.reset();
    }

    void firstApprovalIsRecordedAndTheLastOneDeploys()
    {
        const ReleaseRequest request
            = m_fixture.openRequest(m_fixture.developerToken(0), 0, Environment::Production, QStringLiteral("v1.1.0"));
        QVERIFY(request.iid > 0);
        const QString ops = opsProject(request);
        const QString head = m_fixture.rev(ops, Production);
        const QString sha = tagSha(request, QStringLiteral("v1.1.0"));

        const QStringList acknowledged { QStringLiteral("obfuscated web/boot.php:12"),
                                         QStringLiteral("write web/cron.php:4") };
        const ReleaseOutcome first = m_alice->approve(request, acknowledged);
        QVERIFY2(first.isPartialApproval(), qPrintable(describe(first)));
        QCOMPARE(first.approvals, 1);
        QCOMPARE(first.approvalsRequired, 2);
        QCOMPARE(first.targetSha, sha);
        QVERIFY(first.commit.isEmpty());
        QCOMPARE(m_fixture.rev(ops, Production), head); // nothing deployed

        // Recorded in GitLab for every console: a label and a marked comment.
        GitLabIssue issue = m_fixture.issue(request);
        QVERIFY2(issue.labels.contains(QStringLiteral("release::approved-1-of-2")),
                 qPrintable(issue.labels.join(QLatin1Char(','))));
        QVERIFY(!issue.labels.contains(QStringLiteral("release::pending")));
        const ReleaseRequestParser::Parsed parsed = ReleaseRequestParser::parse(issue);
        QCOMPARE(parsed.state, ReleaseState::Pending);
        QCOMPARE(parsed.approvalsGiven, 1);
        QCOMPARE(parsed.approvalsRequired, 2);
        const QString marker = QStringLiteral("<!-- dockmaster:approval request=%1 sha=%2 by=alice count=1/2 -->")
                                   .arg(requestKey(request), sha);
        QCOMPARE(m_fixture.notesContaining(request, marker), 1);
        const QList<ReleaseTrailers::RecordedApproval> recorded
            = ReleaseTrailers::recordedApprovals(m_fixture.notes(request), requestKey(request));
        QCOMPARE(recorded.size(), 1);
        QCOMPARE(recorded.constFirst().admin, Alice);
        QCOMPARE(recorded.constFirst().sha, sha);
        // The acknowledged flags are in the comment and the audit log.
        QCOMPARE(m_fixture.notesContaining(request, QStringLiteral("obfuscated web/boot.php:12\nwrite web/cron.php:4")),
                 1);
        QVERIFY(
            std::any_of(m_alice->outcomes->audit.cbegin(), m_alice->outcomes->audit.cend(), [&](const AuditEntry &e) {
                return e.action == QLatin1String("release.approve")
                    && e.detail.contains(QStringLiteral("obfuscated web/boot.php:12"))
                    && e.detail.contains(QStringLiteral("approvals 1/2"));
            }));

        // Another console's sync reads it, and its queue says who and when.
        const std::optional<ReleaseRequest> queued = synced(request);
        QVERIFY(queued.has_value());
        QCOMPARE(queued->state, ReleaseState::Pending);
        QCOMPARE(queued->approvedBy, QStringList { Alice });
        QCOMPARE(queued->approvalsRequired, 2);
        QVERIFY(queued->lastApprovalAt.isValid());
        ReleaseRequestsModel model;
        model.setReferenceTime(queued->lastApprovalAt.addSecs(10 * 60));
        QCOMPARE(model.stateText(*queued), QStringLiteral("1 of 2 approvals (by alice, 10 min ago)"));

        // The same admin again does not count twice.
        const ReleaseOutcome again = m_alice->approve(request);
        QVERIFY2(again.kind == ReleaseOutcome::Kind::RefusedByRule, qPrintable(describe(again)));
        QVERIFY2(again.message.contains(QStringLiteral("counts once")), qPrintable(again.message));
        QCOMPARE(m_fixture.notesContaining(request, QStringLiteral("dockmaster:approval ")), 1);
        QCOMPARE(m_fixture.rev(ops, Production), head);

        // A second admin: the pointer moves, exactly as a single approval did.
        const ReleaseOutcome last = m_root->approve(request);
        QVERIFY2(last.ok() && !last.isPartialApproval(), qPrintable(describe(last)));
        QCOMPARE(last.approvals, 2);
        QCOMPARE(last.approvers, (QStringList { Alice, Root }));
        QCOMPARE(m_fixture.rev(ops, Production), last.commit);
        QCOMPARE(m_fixture.rev(ops, Production + QStringLiteral("^")), head);
        QCOMPARE(m_fixture.codesAt(ops, Production), sha);
        const QString message = QString::fromUtf8(m_fixture.git(
            ops, { QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%B"), Production }));
        QVERIFY2(message.contains(QStringLiteral("Approved-By: root\n"))
                     && message.contains(QStringLiteral("Also-Approved-By: alice\n")),
                 qPrintable(message));
        issue = m_fixture.issue(request);
        QVERIFY(issue.labels.contains(QStringLiteral("release::approved")));
        QVERIFY2(!issue.labels.contains(QStringLiteral("release::approved-1-of-2")),
                 qPrintable(issue.labels.join(QLatin1Char(','))));
        QCOMPARE(ReleaseRequestParser::parse(issue).state, ReleaseState::Approved);
        QCOMPARE(m_fixture.notesContaining(request, QStringLiteral("Approvals (2 of 2): @alice, @root.")), 1);
        QCOMPARE(m_fixture.pipelinesForSha(ops, Production, last.commit), 1);
        QVERIFY(m_fixture.pipelinesSettle(ops, Production));
    }

    void onlyAdminsAndNotTheRequesterCount()
    {
        // alice requests; a developer forges markers in their own and in root's name.
        const ReleaseRequest request = m_fixture.openRequest(m_fixture.seed.secondAdminToken, 1,
                                                             Environment::Production, QStringLiteral("v1.1.0"));
        QVERIFY(request.iid > 0);
        const QString ops = opsProject(request);
        const QString head = m_fixture.rev(ops, Production);
        const QString sha = tagSha(request, QStringLiteral("v1.1.0"));
        const QString key = requestKey(request);
        const QString developer = m_fixture.seed.developers.at(1).username;
        QVERIFY(
            postNote(m_fixture.developerToken(1), request, ReleaseTrailers::approvalMarker(key, sha, developer, 1, 2))
                .id
            > 0);
        QVERIFY(postNote(m_fixture.developerToken(1), request, ReleaseTrailers::approvalMarker(key, sha, Root, 1, 2)).id
                > 0);
        // The requester's own approval is refused, even though alice is an admin.
        const ReleaseOutcome own = m_alice->approve(request);
        QVERIFY2(own.kind == ReleaseOutcome::Kind::RefusedByRule, qPrintable(describe(own)));
        QVERIFY2(own.message.contains(QStringLiteral("Two-person")), qPrintable(own.message));

        // bob's is the first that counts: the forged ones do not make it two.
        const ReleaseOutcome first = m_bob->approve(request);
        QVERIFY2(first.isPartialApproval(), qPrintable(describe(first)));
        QCOMPARE(first.approvers, QStringList { Bob });
        QCOMPARE(m_fixture.rev(ops, Production), head);

        const ReleaseOutcome last = m_root->approve(request);
        QVERIFY2(last.ok() && !last.isPartialApproval(), qPrintable(describe(last)));
        QCOMPARE(last.approvers, (QStringList { Bob, Root }));
        QVERIFY(m_fixture.pipelinesSettle(ops, Production));
    }

    void aNewPushInvalidatesEarlierApprovals()
    {
        const ReleaseRequest request
            = m_fixture.openRequest(m_fixture.developerToken(2), 2, Environment::Production, QStringLiteral("main"));
        QVERIFY(request.iid > 0);
        const QString ops = opsProject(request);
        const QString head = m_fixture.rev(ops, Production);
        const QString before = m_fixture.rev(codeProject(request), QStringLiteral("main"));

        ReleaseRequest reviewed = request;
        reviewed.resolvedSha = before; // what the consoles showed
        const ReleaseOutcome first = m_alice->approve(reviewed);
        QVERIFY2(first.isPartialApproval(), qPrintable(describe(first)));
        QCOMPARE(first.targetSha, before);

        QVERIFY(m_fixture.pushFile(m_fixture.developerToken(2), request, QStringLiteral("main"),
                                   QStringLiteral("web/later.php"), QStringLiteral("<?php echo 2;\n")));
        const QString after = m_fixture.rev(codeProject(request), QStringLiteral("main"));
        QVERIFY(after != before);

        // The queue no longer counts alice's approval of the old version.
        const std::optional<ReleaseRequest> queued = synced(request);
        QVERIFY(queued.has_value());
        QCOMPARE(queued->resolvedSha, after);
        QVERIFY(queued->approvedBy.isEmpty());
        QCOMPARE(queued->approvalsRequired, 2);

        // root reviewed the old version: refused, nothing recorded, nothing deployed.
        const ReleaseOutcome stale = m_root->approve(reviewed);
        QVERIFY2(stale.kind == ReleaseOutcome::Kind::RefusedByRule, qPrintable(describe(stale)));
        QVERIFY2(stale.message.contains(QStringLiteral("new version was pushed")), qPrintable(stale.message));
        QCOMPARE(m_fixture.rev(ops, Production), head);

        // root reviews the new version: alice's approval of the old one does not count.
        reviewed.resolvedSha = after;
        const ReleaseOutcome restarted = m_root->approve(reviewed);
        QVERIFY2(restarted.isPartialApproval(), qPrintable(describe(restarted)));
        QCOMPARE(restarted.approvers, QStringList { Root });
        QCOMPARE(restarted.targetSha, after);
        QCOMPARE(m_fixture.rev(ops, Production), head);
        QCOMPARE(m_fixture.notesContaining(request, QStringLiteral("so they no longer count")), 1);
        QVERIFY(m_fixture.issue(request).labels.contains(QStringLiteral("release::approved-1-of-2")));

        // alice approves the new version: two approvals of it, it deploys.
        const ReleaseOutcome last = m_alice->approve(reviewed);
        QVERIFY2(last.ok() && !last.isPartialApproval(), qPrintable(describe(last)));
        QCOMPARE(last.approvers, (QStringList { Root, Alice }));
        QCOMPARE(m_fixture.codesAt(ops, Production), after);
        QVERIFY(m_fixture.pipelinesSettle(ops, Production));
    }

    void racingSecondApproversMakeExactlyOneDeployment_data()
    {
        QTest::addColumn<bool>("pushesCollide");
        QTest::newRow("as it happens") << false;
        QTest::newRow("pushes collide") << true;
    }

    void racingSecondApproversMakeExactlyOneDeployment()
    {
        QFETCH(bool, pushesCollide);
        const ReleaseRequest request = pushesCollide
            ? m_fixture.openRequest(m_fixture.developerToken(1), 1, Environment::Production, QStringLiteral("v1.2.0"))
            : m_fixture.openRequest(m_fixture.developerToken(0), 0, Environment::Production, QStringLiteral("v1.0.0"));
        QVERIFY(request.iid > 0);
        const QString ops = opsProject(request);
        const int commitsBefore = m_fixture.commitCount(ops, Production);
        const int pipelinesBefore = int(m_fixture.pipelines(ops, Production).size());
        const ReleaseOutcome first = m_alice->approve(request);
        QVERIFY2(first.isPartialApproval(), qPrintable(describe(first)));

        m_fixture.emulator->clearRequestLog();
        const int fault = pushesCollide
            ? m_fixture.emulator->addFault(
                  EmulatorFault::delay(QStringLiteral("git-receive-pack$"), 1200, 2).onMethod(QStringLiteral("POST")))
            : -1;
        // root and bob press Approve in the same turn of the event loop.
        const quint64 rootId = m_root->approver->approve(request, Root);
        const quint64 bobId = m_bob->approver->approve(request, Bob);
        const ReleaseOutcome byRoot = m_root->outcomes->wait(rootId, 30000);
        const ReleaseOutcome byBob = m_bob->outcomes->wait(bobId, 30000);
        if (pushesCollide) {
            m_fixture.emulator->removeFault(fault);
            QCOMPARE(m_fixture.emulator->requestCount(QStringLiteral("POST"), QStringLiteral("git-receive-pack$")), 2);
        }
        const bool rootWon = byRoot.ok();
        const ReleaseOutcome &winner = rootWon ? byRoot : byBob;
        const ReleaseOutcome &loser = rootWon ? byBob : byRoot;
        QVERIFY2(winner.ok() && !winner.isPartialApproval(), qPrintable(describe(winner)));
        QVERIFY2(loser.kind == ReleaseOutcome::Kind::LostRace, qPrintable(describe(loser)));
        QCOMPARE(loser.actedBy, winner.actor);

        // One deployment commit, one pipeline, one closing comment.
        const QString guard = ReleaseTrailers::requestLine(requestKey(request));
        QCOMPARE(m_fixture.commitsWithLine(ops, Production, guard).size(), 1);
        QCOMPARE(m_fixture.commitCount(ops, Production), commitsBefore + 1);
        QCOMPARE(m_fixture.pipelinesForSha(ops, Production, winner.commit), 1);
        QCOMPARE(int(m_fixture.pipelines(ops, Production).size()), pipelinesBefore + 1);
        QCOMPARE(m_fixture.notesContaining(request, QStringLiteral("dockmaster:approved ")), 1);
        QCOMPARE(m_fixture.notesContaining(request, QStringLiteral("dockmaster:approval ")), 1); // alice's only
        const GitLabIssue issue = m_fixture.issue(request);
        QVERIFY(issue.labels.contains(QStringLiteral("release::approved")));
        QCOMPARE(ReleaseRequestParser::parse(issue).state, ReleaseState::Approved);
        QVERIFY(m_fixture.pipelinesSettle(ops, Production));
    }

    // Two first approvals at once: each is recorded, each console then sees
    // both, and still only one of them deploys.
    void racingFirstApproversStillDeployOnce()
    {
        const ReleaseRequest request
            = m_fixture.openRequest(m_fixture.developerToken(4), 4, Environment::Production, QStringLiteral("v1.1.0"));
        QVERIFY(request.iid > 0);
        const QString ops = opsProject(request);
        const int commitsBefore = m_fixture.commitCount(ops, Production);
        const quint64 aliceId = m_alice->approver->approve(request, Alice);
        const quint64 bobId = m_bob->approver->approve(request, Bob);
        const ReleaseOutcome byAlice = m_alice->outcomes->wait(aliceId, 30000);
        const ReleaseOutcome byBob = m_bob->outcomes->wait(bobId, 30000);
        const int deployed
            = int(!byAlice.commit.isEmpty() && byAlice.ok()) + int(!byBob.commit.isEmpty() && byBob.ok());
        QVERIFY2(deployed <= 1, qPrintable(describe(byAlice) + QLatin1Char('\n') + describe(byBob)));
        QVERIFY2(m_fixture.commitCount(ops, Production) <= commitsBefore + 1,
                 qPrintable(describe(byAlice) + QLatin1Char('\n') + describe(byBob)));
        QCOMPARE(m_fixture.notesContaining(request, QStringLiteral("dockmaster:approval ")), 2);
        if (deployed == 0) {
            // Both recorded before either saw the other: the next approval deploys.
            const ReleaseOutcome last = m_root->approve(request);
            QVERIFY2(last.ok() && !last.isPartialApproval(), qPrintable(describe(last)));
        }
        QCOMPARE(m_fixture.commitCount(ops, Production), commitsBefore + 1);
        QCOMPARE(m_fixture.notesContaining(request, QStringLiteral("dockmaster:approved ")), 1);
        QVERIFY(m_fixture.pipelinesSettle(ops, Production));
    }

    void productionBeforeTheTestReleaseWarnsOrRefuses()
    {
        const ReleaseRequest test
            = m_fixture.openRequest(m_fixture.developerToken(5), 5, Environment::Test, QStringLiteral("v1.2.0"));
        const ReleaseRequest production
            = m_fixture.openRequest(m_fixture.developerToken(5), 5, Environment::Production, QStringLiteral("v1.2.0"));
        QVERIFY(test.iid > 0 && production.iid > 0);
        const QString head = m_fixture.rev(opsProject(production), Production);

        ApprovalOptions refusing;
        refusing.refuseProductionBeforeTest = true;
        auto strict = console(Root, m_fixture.emulator->adminToken(), refusing);
        const ReleaseOutcome refused = strict->approve(production);
        QVERIFY2(refused.kind == ReleaseOutcome::Kind::RefusedByRule, qPrintable(describe(refused)));
        QVERIFY2(
            refused.message.contains(QStringLiteral("test release of v1.2.0 (#%1) is still pending").arg(test.iid)),
            qPrintable(refused.message));
        QCOMPARE(m_fixture.notes(production).size(), 0);

        // By default it is a warning on the outcome; the approval is recorded.
        const ReleaseOutcome warned = m_root->approve(production);
        QVERIFY2(warned.isPartialApproval(), qPrintable(describe(warned)));
        QVERIFY2(warned.message.contains(QStringLiteral("is still pending")), qPrintable(warned.message));
        QCOMPARE(m_fixture.rev(opsProject(production), Production), head);
    }

    // What the approval confirmation shows before the admin approves
    // production: the state of the same version's test release, read from
    // GitLab (the emulator) as the approval itself reads it.
    void theTestReleaseIsCheckedBeforeApproving()
    {
        const auto checkOf = [](Console &console, const ReleaseRequest &request) {
            std::optional<TestReleaseCheck> answer;
            console.approver->checkTestRelease(request, console.approver.get(),
                                               [&answer](const TestReleaseCheck &check) { answer = check; });
            (void)QTest::qWaitFor([&answer] { return answer.has_value(); }, 20000);
            if (answer)
                return *answer;
            TestReleaseCheck none;
            none.status = TestReleaseCheck::Status::Unchecked;
            return none;
        };
        ApprovalOptions refusing;
        refusing.refuseProductionBeforeTest = true;
        auto strict = console(Root, m_fixture.emulator->adminToken(), refusing);

        // No test release of this version was ever requested.
        const ReleaseRequest untested
            = m_fixture.openRequest(m_fixture.developerToken(3), 3, Environment::Production, QStringLiteral("main"));
        QVERIFY(untested.iid > 0);
        TestReleaseCheck check = checkOf(*m_root, untested);
        QCOMPARE(check.status, TestReleaseCheck::Status::Clear);
        QVERIFY(!check.found);
        QVERIFY2(check.message.contains(QStringLiteral("No test release of main")), qPrintable(check.message));

        const ReleaseRequest test
            = m_fixture.openRequest(m_fixture.developerToken(3), 3, Environment::Test, QStringLiteral("v1.1.0"));
        const ReleaseRequest production
            = m_fixture.openRequest(m_fixture.developerToken(3), 3, Environment::Production, QStringLiteral("v1.1.0"));
        QVERIFY(test.iid > 0 && production.iid > 0);
        check = checkOf(*m_root, production);
        QCOMPARE(check.status, TestReleaseCheck::Status::Pending);
        QCOMPARE(check.iid, test.iid);
        QVERIFY(!check.refuses); // this profile warns
        QVERIFY2(check.message.contains(QStringLiteral("(#%1) is still pending").arg(test.iid)),
                 qPrintable(check.message));
        check = checkOf(*strict, production);
        QVERIFY(check.refuses);
        // A test request itself needs no test release.
        QCOMPARE(checkOf(*strict, test).status, TestReleaseCheck::Status::Clear);

        // The test release approved: production may go.
        const ReleaseOutcome approved = m_root->approve(test);
        QVERIFY2(approved.ok(), qPrintable(describe(approved)));
        check = checkOf(*strict, production);
        QCOMPARE(check.status, TestReleaseCheck::Status::Clear);
        QVERIFY(check.found && !check.refuses);
        QCOMPARE(check.iid, test.iid);
        QVERIFY2(check.message.contains(QStringLiteral("(#%1):").arg(test.iid)), qPrintable(check.message));
        QVERIFY(m_fixture.pipelinesSettle(opsProject(test), QStringLiteral("env/test")));
    }
};

QTEST_MAIN(TestTwoPersonRule)
#include "tst_twopersonrule.moc"
