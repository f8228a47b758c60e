#pragma once

#include "core/approvals/approvaltypes.h"
#include "core/approvals/pipelinefollower.h"
#include "core/cache/cacheservice.h"
#include "core/gitlab/gitlabclient.h"

#include <QStringList>
#include <QUrl>

#include <cstdio>
#include <unistd.h>

// What the children of the crash tests (deployment_child, approval_child)
// share: a console of one profile built from their common arguments
//   MODE PROFILE URL TOKEN ADMIN STOP ...
// and the step at which they stop for the test's SIGKILL.
namespace Dockmaster::Test {

inline QString &stopStep()
{
    static QString step;
    return step;
}

// At the step named STOP: says "stopped at STOP" and waits for the SIGKILL.
inline void reached(const char *step)
{
    if (stopStep() != QLatin1String(step))
        return;
    std::printf("stopped at %s\n", step);
    std::fflush(stdout);
    for (;;)
        pause(); // until the test's SIGKILL
}

struct ChildConsole {
    // args: the application's arguments, at least 7 (checked by the caller).
    explicit ChildConsole(const QStringList &args)
        : profile(args.at(2))
        , admin(args.at(5))
        , store(profile + QStringLiteral("/cache.sqlite"))
    {
        stopStep() = args.at(6);
        client.setBaseUrl(QUrl(args.at(3)));
        client.setToken(args.at(4));
        GitLabClientOptions clientOptions;
        clientOptions.baseBackoffMs = 50;
        client.setOptions(clientOptions);
        store.open();
        options.cacheRoot = profile + QStringLiteral("/approvals");
        options.pipelineLookupDelayMs = 40;
    }

    // Quick polls, and a generous wait for the pipeline on a busy machine.
    static PipelineFollowOptions followOptions()
    {
        PipelineFollowOptions follow;
        follow.initialPollMs = 20;
        follow.maxPollMs = 150;
        follow.findTimeoutMs = 60000;
        return follow;
    }

    const QString profile;
    const QString admin;
    GitLabClient client;
    CacheService store;
    ApprovalOptions options;
};

} // namespace Dockmaster::Test
