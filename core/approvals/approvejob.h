#pragma once

#include "core/approvals/pointermovejob.h"

#include <QSet>

namespace Dockmaster {

// Approves a pending release request: checks it is still what the admin
// reviewed, pins the ref, pushes the pointer commit with the request's
// trailer (never twice), then comments and labels the request. When the
// environment needs several admins (two-person rule), every approval but the
// last is only recorded on the request (a comment with a marker naming the
// SHA, and a release::approved-K-of-N label); the last one deploys. With
// action Recover it only completes the comment and labels of an approval
// whose commit a crash left without them.
class ApproveJob final : public PointerMoveJob
{
public:
    using PointerMoveJob::PointerMoveJob;

    // acknowledged: the risk flags and unscanned files the admin ticked,
    // recorded in the approval comment and the audit log.
    void start(const ReleaseRequest &request, const QStringList &acknowledged = {});
    // Recover: the approval commit is on the branch already; pushed says
    // which (app, environment, iid, ref, commit, target, ops project).
    // labels: the issue's, so recorded partial approvals' labels go too.
    void completePushed(const ReleaseOutcome &pushed, const QString &codeProject, const QString &key,
                        const QString &approver, const QStringList &labels);

protected:
    void onMoved(const GitlinkMoveResult &result) override;

private:
    void checkIssue(const GitLabIssue &issue);
    // Production only: is the same version's test request still pending or failed?
    void checkTestRequest(std::function<void()> next);
    // The approvals of the target SHA that count (other admins, not the
    // requester, checked to be admins), oldest first; whether earlier
    // approvals named another SHA (the ref moved on since); whether this
    // admin's own approval of it is recorded already.
    void collectApprovals(std::function<void(const QStringList &others, bool stale, bool mine)> next);
    void decide();
    void recordApproval(int given, bool stale);
    void deploy(const QStringList &earlier);
    void completeApproval();
    QStringList stateLabelsToRemove() const;
    QString acknowledgedBlock() const;

    QString m_requester; // named in the commit message
    QStringList m_issueLabels;
    QSet<QString> m_admins;    // user names checked to be admins of the ops project
    QSet<QString> m_notAdmins; // and those found not to be
    bool m_recoveredEarlierApproval = false;
};

} // namespace Dockmaster
