// A console's approval of a release request in a process of its own, for
// tst_durableapprovals to SIGKILL at one of its steps: the real approver and
// pipeline follower against the emulator, the profile's real journal, wired
// as ReleaseController wires them (the approval's outcome is followed to the
// end of its pipeline; at start, recovery's outcomes are followed too). At
// the step named STOP it says "stopped at STOP" and stops working (the test
// kills it there); "none" runs to the end.
//
//   approval_child approve PROFILE URL TOKEN ADMIN STOP PROJECTID IID APP ENV REF
//   approval_child recover PROFILE URL TOKEN ADMIN none
//
// Exits 0 once the action (or the recovery) ended and no pipeline is followed.

#include "core/approvals/pipelinefollower.h"
#include "core/approvals/releaseapprover.h"
#include "core/cache/cacheservice.h"
#include "core/domain/pipelinestatus.h"
#include "core/gitlab/gitlabclient.h"
#include "tests/reliability/childconsole.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTimer>

using namespace Dockmaster;
using namespace Dockmaster::Test;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 7)
        return 2;
    const QString mode = args.at(1);
    ChildConsole console(args);
    ReleaseApprover approver(&console.client, console.options);
    QObject::connect(&approver, &ReleaseApprover::auditEntry, &console.store, &CacheService::appendAudit);

    // GitLab has taken a comment on a request (its answer is not handled yet):
    // the approval's, then the result's.
    static const QRegularExpression issueNotes(QStringLiteral("/issues/\\d+/notes$"));
    int requestNotes = 0;
    if (auto *network = console.client.findChild<QNetworkAccessManager *>()) {
        QObject::connect(network, &QNetworkAccessManager::finished, &app, [&requestNotes](QNetworkReply *reply) {
            const QByteArray verb = reply->request().attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
            const bool post = reply->operation() == QNetworkAccessManager::PostOperation || verb == "POST";
            if (!post || reply->error() != QNetworkReply::NoError || !issueNotes.match(reply->url().path()).hasMatch())
                return;
            ++requestNotes;
            reached(requestNotes == 1 ? "after-note" : "after-result-note");
        });
    }
    // The job's steps as it reports them (the child has no translation).
    QObject::connect(&approver, &ReleaseApprover::progress, &app, [](quint64, const QString &step) {
        if (step.startsWith(QLatin1String("Committing ")))
            reached("before-push");
        else if (step.startsWith(QLatin1String("Recording the approval")))
            reached("after-push");
    });

    int following = 0;
    auto follow = [&](const ReleaseOutcome &outcome) {
        auto *follower = new PipelineFollower(&console.client, &app);
        follower->setOptions(ChildConsole::followOptions());
        QObject::connect(follower, &PipelineFollower::auditEntry, &console.store, &CacheService::appendAudit);
        follower->setJournalBarrier(PipelineFollower::journalBarrier(&console.store));
        QObject::connect(follower, &PipelineFollower::pipelineFound, follower, [] { reached("following"); });
        QObject::connect(follower, &PipelineFollower::statusChanged, follower, [](const QString &status) {
            if (isFinished(status))
                reached("pipeline-ended");
        });
        QObject::connect(follower, &PipelineFollower::finished, follower,
                         [&following, follower](const QString &status, const QString &message) {
                             std::printf("finished %s %s\n", qPrintable(status), qPrintable(message));
                             std::fflush(stdout);
                             reached("closed");
                             --following;
                             follower->deleteLater();
                         });
        ++following;
        follower->follow(approver.followTarget(outcome));
    };
    // As ReleaseController::onFinished: a deploying approval, or a recovered
    // one, is followed until its pipeline's result is on the request.
    QObject::connect(&approver, &ReleaseApprover::finished, &app, [&](quint64, const ReleaseOutcome &outcome) {
        std::printf("outcome %d %d %s\n", int(outcome.action), int(outcome.kind), qPrintable(outcome.message));
        std::fflush(stdout);
        if (!outcome.ok() || outcome.commit.isEmpty() || outcome.isPartialApproval())
            return;
        if (outcome.action == ReleaseOutcome::Action::Approve)
            reached("before-audit"); // labelled approved; its audit row is next
        follow(outcome);
    });

    bool started = false;
    bool ended = false;
    if (mode == QLatin1String("approve")) {
        if (args.size() < 12)
            return 2;
        ReleaseRequest request;
        request.projectId = args.at(7).toLongLong();
        request.iid = args.at(8).toLongLong();
        request.appId = args.at(9);
        const auto environment = environmentFromKey(args.at(10));
        if (!environment)
            return 2;
        request.environment = *environment;
        request.requestedRef = args.at(11);
        QObject::connect(&approver, &ReleaseApprover::finished, &app, [&] { ended = true; });
        QTimer::singleShot(0, &app, [&, request] {
            started = true;
            approver.approve(request, console.admin);
        });
    } else if (mode == QLatin1String("recover")) {
        // As ReleaseController::recoverOnce at a console's start.
        QObject::connect(&approver, &ReleaseApprover::recoveryFinished, &app,
                         [&](quint64, int completed, const QString &problems) {
                             std::printf("recovered %d %s\n", completed, qPrintable(problems));
                             std::fflush(stdout);
                             ended = true;
                         });
        QTimer::singleShot(0, &app, [&] {
            started = true;
            approver.recover(console.admin, ReleaseApprover::RecoverScope::Everything);
        });
    } else {
        return 2;
    }
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &app, [&] {
        if (started && ended && following == 0)
            app.quit();
    });
    poll.start(100);
    return app.exec(); // the store's destructor writes what is queued
}
