#pragma once

#include "core/domain/environment.h"
#include "core/domain/states.h"
#include "core/gitlab/gitlabtypes.h"

#include <QString>

#include <optional>

// Reads a release request issue the way the plugin skeleton's issue template
// writes it: labels `release-request`, `env::test|production` and
// `release::<state>`, and the requested tag or commit on a line of the body
//   Ref: v1.2.3
// (also "Tag:", "Commit:", "Version:", with optional markdown bullets, bold
// or backticks), or failing that in a title like "Release v1.2.3 to test".
// Everything here comes from a third party and is validated strictly.
namespace Dockmaster::ReleaseRequestParser {

struct Parsed {
    std::optional<Environment> environment; // nullopt: no or conflicting env:: labels
    ReleaseState state = ReleaseState::Pending;
    QString requestedRef; // empty when none was found or it was not acceptable
    QString problem;      // for people, when something is wrong
    // From a `release::approved-<k>-of-<n>` label (state Pending): k admins
    // approved, n are needed. Only a hint for lists: which approvals count is
    // in the comments' markers (core/approvals/releasetrailers.h).
    int approvalsGiven = 0;
    int approvalsRequired = 0;
};

Parsed parse(const GitLabIssue &issue);

// "release::approved-1-of-2": recorded approvals that are not enough yet.
QString partialApprovalLabel(int given, int required);
bool isPartialApprovalLabel(const QString &label);

// A tag, branch or commit name that is safe to put in a URL path or a git
// command: no spaces, control characters, "..", "@{", leading '-', etc.
bool isAcceptableRef(const QString &ref);

// "plugins/apps/app0000042" or ".../app0000042#3" -> "app0000042"; empty if not an app.
QString appIdFromPath(const QString &path);
bool isAppId(const QString &value);

} // namespace Dockmaster::ReleaseRequestParser
