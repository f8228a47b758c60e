#include "core/approvals/rejectjob.h"

#include "core/approvals/releaseapprover.h"
#include "core/approvals/releasegitlab.h"
#include "core/approvals/releasetrailers.h"
#include "core/gitlab/gitlabclient.h"
#include "core/gitlab/releaserequestparser.h"
#include "core/util/untrustedtext.h"

namespace Dockmaster {

void RejectJob::start(const ReleaseRequest &request, const QString &reason)
{
    takeRequest(request);
    m_reason = reason.trimmed();
    if (m_reason.isEmpty()) {
        finishLater(ReleaseOutcome::Kind::RefusedByRule,
                    ReleaseApprover::tr("A rejection needs a reason: the developer reads it on the request."));
        return;
    }
    if (refuseRequest())
        return;
    readIssue([this](const GitLabIssue &issue) { rejectIssue(issue); });
}

void RejectJob::rejectIssue(const GitLabIssue &issue)
{
    const ReleaseRequestParser::Parsed parsed = ReleaseRequestParser::parse(issue);
    if (issue.state != QLatin1String("opened") || parsed.state != ReleaseState::Pending) {
        reportNotPending(issue);
        return;
    }
    if (parsed.environment)
        m_outcome.environment = *parsed.environment;
    m_removeLabels = { QStringLiteral("release::pending") };
    for (const QString &label : issue.labels) {
        if (ReleaseRequestParser::isPartialApprovalLabel(label))
            m_removeLabels.append(label); // approvals recorded so far end with the request
    }
    // An approval racing this rejection may already be on the branch.
    const QString branch = environmentBranch(m_outcome.environment);
    ReleaseGitLab::branchCommits(
        client(), m_opsProject, branch, options().branchScanDepth, this,
        [this](GitLabResult<QList<GitLabCommit>> commits) {
            if (!commits.ok()) {
                finishWithError(commits.error, ReleaseApprover::tr("Could not read the environment branch: %1"));
                return;
            }
            const QString guard = ReleaseTrailers::requestLine(m_key);
            for (const GitLabCommit &commit : std::as_const(commits.value)) {
                if (commit.message.split(QLatin1Char('\n')).contains(guard)) {
                    m_outcome.actedBy = ReleaseTrailers::parse(commit.message).approvedBy;
                    m_outcome.commit = commit.id;
                    finish(
                        ReleaseOutcome::Kind::LostRace,
                        ReleaseApprover::tr("Another admin (%1) approved this request first; commit %2 deploys it. "
                                            "Nothing was changed.")
                            .arg(m_outcome.actedBy.isEmpty() ? ReleaseApprover::tr("another admin") : m_outcome.actedBy,
                                 commit.id.left(12)));
                    return;
                }
            }
            const QString body
                = QStringLiteral("Rejected by @%1: %2\n\n%3")
                      .arg(m_outcome.actor, m_reason, ReleaseTrailers::rejectedMarker(m_key, m_outcome.actor));
            postNoteOnce(ReleaseTrailers::rejectedMarkerPrefix(m_key), body, [this] {
                GitLabClient::IssueUpdate update;
                update.addLabels = { QStringLiteral("release::rejected") };
                update.removeLabels = m_removeLabels;
                update.stateEvent = QStringLiteral("close");
                client()->updateIssue(
                    m_codeProject, m_outcome.iid, update, this, [this](GitLabResult<GitLabIssue> result) {
                        if (!result.ok()) {
                            finishWithError(result.error,
                                            ReleaseApprover::tr("Could not label and close the request: %1"));
                            return;
                        }
                        m_outcome.currentState = stateOf(result.value);
                        finish(ReleaseOutcome::Kind::Succeeded,
                               ReleaseApprover::tr("Rejected %1#%2 and closed it. Reason: %3")
                                   .arg(m_codeProject)
                                   .arg(m_outcome.iid)
                                   .arg(UntrustedText::line(m_reason, 200)));
                    });
            });
        });
}

} // namespace Dockmaster
