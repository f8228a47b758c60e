#pragma once

#include "core/approvals/pointermovejob.h"

namespace Dockmaster {

// Approves a pending release request: checks it is still what the admin
// reviewed, pins the ref, pushes the pointer commit with the request's
// trailer (never twice), then comments and labels the request. With action
// Recover it only completes the comment and labels of an approval whose
// commit a crash left without them.
class ApproveJob final : public PointerMoveJob
{
public:
    using PointerMoveJob::PointerMoveJob;

    void start(const ReleaseRequest &request);
    // Recover: the approval commit is on the branch already; pushed says
    // which (app, environment, iid, ref, commit, target, ops project).
    void completePushed(const ReleaseOutcome &pushed, const QString &codeProject, const QString &key,
                        const QString &approver);

protected:
    void onMoved(const GitlinkMoveResult &result) override;

private:
    void checkIssue(const GitLabIssue &issue);
    void completeApproval();

    QString m_requester; // named in the commit message
    bool m_recoveredEarlierApproval = false;
};

} // namespace Dockmaster
