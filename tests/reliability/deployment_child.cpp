// A console's tag deploy or rollback in a process of its own, for
// tst_durabledeployments to SIGKILL at one of its steps: the real approver,
// pipeline follower and DurableDeployments against the emulator, the
// profile's real cache and journal. At the step named STOP it says
// "stopped at STOP" and stops working (the test kills it there); "none" runs
// to the end.
//
//   deployment_child run PROFILE URL TOKEN ADMIN STOP deploytag APP ENV TAG
//   deployment_child run PROFILE URL TOKEN ADMIN STOP rollback APP ENV SHA LIVESHA
//   deployment_child resume PROFILE URL TOKEN ADMIN none [APP ENV]...
//
// Prints "intent <operation id>" once the intent is recorded; exits 0 once
// nothing is left to do.

#include "core/approvals/durabledeployments.h"
#include "core/approvals/releaseapprover.h"
#include "core/cache/cacheservice.h"
#include "core/domain/pipelinestatus.h"
#include "core/gitlab/gitlabclient.h"
#include "tests/reliability/childconsole.h"

#include <QCoreApplication>
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
    GitLabClient &client = console.client;
    CacheService &store = console.store;
    const QString &admin = console.admin;
    ReleaseApprover approver(&client, console.options);
    DurableDeployments deployments(&client, &approver, &store);
    deployments.setFollowOptions(ChildConsole::followOptions());
    // Every audit row to the journal, in order, as the Shell does.
    QObject::connect(&approver, &ReleaseApprover::auditEntry, &store, &CacheService::appendAudit);
    QObject::connect(&deployments, &DurableDeployments::auditEntry, &store, &CacheService::appendAudit);

    QObject::connect(&deployments, &DurableDeployments::intentRecorded, &app, [](const QString &operation) {
        std::printf("intent %s\n", qPrintable(operation));
        std::fflush(stdout);
        reached("before-push");
    });
    QObject::connect(&approver, &ReleaseApprover::finished, &app, [](quint64, const ReleaseOutcome &outcome) {
        std::printf("outcome %d %s\n", int(outcome.kind), qPrintable(outcome.message));
        std::fflush(stdout);
        if (!outcome.commit.isEmpty())
            reached("after-push");
    });
    QObject::connect(
        &deployments, &DurableDeployments::following, &app,
        [](quint64, const ReleaseOutcome &, PipelineFollower *follower) {
            QObject::connect(follower, &PipelineFollower::pipelineFound, follower, [] { reached("following"); });
            QObject::connect(follower, &PipelineFollower::statusChanged, follower, [](const QString &status) {
                if (isFinished(status))
                    reached("pipeline-ended");
            });
            QObject::connect(follower, &PipelineFollower::finished, follower,
                             [](const QString &status, const QString &message) {
                                 std::printf("finished %s %s\n", qPrintable(status), qPrintable(message));
                                 std::fflush(stdout);
                                 reached("before-audit");
                             });
        });

    bool started = false;
    bool ended = false;
    if (mode == QLatin1String("run")) {
        if (args.size() < 11)
            return 2;
        const QString appId = args.at(8);
        const auto environment = environmentFromKey(args.at(9));
        if (!environment)
            return 2;
        QObject::connect(&approver, &ReleaseApprover::finished, &app, [&] { ended = true; });
        QTimer::singleShot(0, &app, [&, appId, environment] {
            started = true;
            if (args.at(7) == QLatin1String("rollback"))
                approver.rollback(appId, *environment, args.at(10), admin, args.value(11));
            else
                approver.deployTag(appId, *environment, args.at(10), admin);
        });
    } else if (mode == QLatin1String("resume")) {
        QList<DeploymentBranch> branches;
        for (qsizetype i = 7; i + 1 < args.size(); i += 2) {
            const auto environment = environmentFromKey(args.at(i + 1));
            if (environment)
                branches.append({ args.at(i), *environment });
        }
        QObject::connect(&deployments, &DurableDeployments::resumed, &app, [&] { ended = true; });
        QTimer::singleShot(0, &app, [&, branches] {
            started = true;
            deployments.resume(admin, branches);
        });
    } else {
        return 2;
    }
    // Done once the action (or the resumption) ended and nothing is followed any more.
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &app, [&] {
        if (started && ended && !deployments.isBusy())
            app.quit();
    });
    poll.start(100);
    return app.exec(); // the store's destructor writes what is queued
}
