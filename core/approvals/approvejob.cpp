#include "core/approvals/approvejob.h"

#include "core/approvals/releaseapprover.h"
#include "core/approvals/releasetrailers.h"
#include "core/gitlab/gitlabclient.h"
#include "core/gitlab/releaserequestparser.h"

namespace Dockmaster {

void ApproveJob::start(const ReleaseRequest &request)
{
    takeRequest(request);
    if (refuseRequest())
        return;
    reportProgress(ReleaseApprover::tr("Reading the release request…"));
    readIssue([this](const GitLabIssue &issue) { checkIssue(issue); });
}

void ApproveJob::completePushed(const ReleaseOutcome &pushed, const QString &codeProject, const QString &key,
                                const QString &approver)
{
    const ReleaseOutcome::Action action = m_outcome.action;
    const QString actor = m_outcome.actor;
    m_outcome = pushed;
    m_outcome.action = action;
    m_outcome.actor = actor;
    m_outcome.actedBy = approver;
    m_codeProject = codeProject;
    m_opsProject = m_outcome.opsProject;
    m_key = key;
    m_approver = approver;
    completeApproval();
}

void ApproveJob::checkIssue(const GitLabIssue &issue)
{
    const ReleaseRequestParser::Parsed parsed = ReleaseRequestParser::parse(issue);
    m_outcome.currentState = stateOf(issue);
    if (m_request.projectId > 0 && issue.projectId != m_request.projectId) {
        finish(ReleaseOutcome::Kind::RefusedByRule,
               ReleaseApprover::tr("Issue #%1 does not belong to %2.").arg(issue.iid).arg(m_codeProject));
        return;
    }
    if (issue.state != QLatin1String("opened") || parsed.state != ReleaseState::Pending) {
        reportNotPending(issue);
        return;
    }
    const Environment environment = m_request.environment;
    if (!parsed.environment) {
        finish(ReleaseOutcome::Kind::RefusedByRule,
               parsed.problem.isEmpty() ? ReleaseApprover::tr("The request names no environment.") : parsed.problem);
        return;
    }
    if (*parsed.environment != environment) {
        finish(ReleaseOutcome::Kind::RefusedByRule,
               ReleaseApprover::tr("The request was edited: it now asks for %1, not %2. Review it again.")
                   .arg(environmentDisplayName(*parsed.environment), environmentDisplayName(environment)));
        return;
    }
    if (parsed.requestedRef.isEmpty()) {
        finish(ReleaseOutcome::Kind::RefusedByRule,
               parsed.problem.isEmpty() ? ReleaseApprover::tr("The request names no tag or commit.") : parsed.problem);
        return;
    }
    if (!m_request.requestedRef.isEmpty() && parsed.requestedRef != m_request.requestedRef) {
        finish(ReleaseOutcome::Kind::RefusedByRule,
               ReleaseApprover::tr("The request was edited: it now asks for %1 instead of %2. Review it again.")
                   .arg(parsed.requestedRef, m_request.requestedRef));
        return;
    }
    m_outcome.ref = parsed.requestedRef;
    m_requester = issue.author;
    if (options().requiresTwoPersons(environment) && issue.author.compare(m_outcome.actor, Qt::CaseInsensitive) == 0) {
        finish(ReleaseOutcome::Kind::RefusedByRule,
               ReleaseApprover::tr("Two-person rule: %1 requested this release to %2, so another admin must approve "
                                   "it.")
                   .arg(issue.author, environmentDisplayName(environment)));
        return;
    }
    const QString pinned = m_request.resolvedSha;
    if (!pinned.isEmpty() && !ReleaseTrailers::isFullSha(pinned)) {
        finish(ReleaseOutcome::Kind::RefusedByRule, ReleaseApprover::tr("\"%1\" is not a full commit id.").arg(pinned));
        return;
    }
    resolveTarget(pinned.isEmpty() ? parsed.requestedRef : pinned, [this] {
        m_guardLine = ReleaseTrailers::requestLine(m_key);
        m_message = ReleaseTrailers::approvalMessage(m_key, environmentKey(m_outcome.environment), m_outcome.ref,
                                                     m_outcome.targetSha, m_outcome.actor, m_requester);
        movePointer();
    });
}

void ApproveJob::onMoved(const GitlinkMoveResult &result)
{
    m_outcome.commit = result.commit;
    if (!result.alreadyPresent) {
        completeApproval();
        return;
    }
    const ReleaseTrailers::Trailers trailers = ReleaseTrailers::parse(result.info.message);
    m_outcome.actedBy = trailers.approvedBy;
    if (!trailers.codesCommit.isEmpty())
        m_outcome.targetSha = trailers.codesCommit;
    if (trailers.approvedBy.compare(m_outcome.actor, Qt::CaseInsensitive) == 0) {
        // This admin's own earlier approval whose bookkeeping never
        // happened (a crash): finish it instead of deploying again.
        m_recoveredEarlierApproval = true;
        completeApproval();
        return;
    }
    client()->issue(m_codeProject, m_outcome.iid, this, [this](GitLabResult<GitLabIssue> fresh) {
        if (fresh.ok())
            m_outcome.currentState = stateOf(fresh.value);
        const QString who = m_outcome.actedBy.isEmpty() ? ReleaseApprover::tr("another admin") : m_outcome.actedBy;
        finish(ReleaseOutcome::Kind::LostRace,
               ReleaseApprover::tr("Another admin (%1) approved this request first; commit %2 deploys it. Nothing was "
                                   "changed.")
                   .arg(who, m_outcome.commit.left(12)));
    });
}

void ApproveJob::completeApproval()
{
    reportProgress(ReleaseApprover::tr("Recording the approval on the request…"));
    lookupPipeline(0, [this] {
        const QString env = environmentKey(m_outcome.environment);
        // Comments are GitLab content read by developers and by other
        // consoles (actorOf, markers), so they are not translated.
        QString body = QStringLiteral("Approved by @%1: deploying `%2` (%3) to %4.\n\n")
                           .arg(m_approver, m_outcome.targetSha, m_outcome.ref, env);
        body += m_outcome.pipelineUrl.isEmpty()
            ? QStringLiteral("Deployment commit `%1`; its pipeline is starting.\n").arg(m_outcome.commit)
            : QStringLiteral("Deployment commit `%1`, pipeline [#%2](%3).\n")
                  .arg(m_outcome.commit)
                  .arg(m_outcome.pipelineId)
                  .arg(m_outcome.pipelineUrl);
        body += QLatin1Char('\n') + ReleaseTrailers::approvedMarker(m_key, m_outcome.commit, m_approver);
        postNoteOnce(ReleaseTrailers::approvedMarkerPrefix(m_key), body, [this] {
            GitLabClient::IssueUpdate update;
            update.addLabels = { QStringLiteral("release::approved") };
            update.removeLabels = { QStringLiteral("release::pending") };
            client()->updateIssue(m_codeProject, m_outcome.iid, update, this, [this](GitLabResult<GitLabIssue> result) {
                if (!result.ok()) {
                    finishWithError(result.error, ReleaseApprover::tr("Could not label the request as approved: %1"));
                    return;
                }
                m_outcome.currentState = stateOf(result.value);
                const QString envName = environmentDisplayName(m_outcome.environment);
                QString message;
                if (m_outcome.action == ReleaseOutcome::Action::Recover) {
                    message = ReleaseApprover::tr("Completed the approval of %1#%2 by %3 that was interrupted: commit "
                                                  "%4 deploys %5 to %6. Nothing was deployed twice.")
                                  .arg(m_codeProject)
                                  .arg(m_outcome.iid)
                                  .arg(m_approver, m_outcome.commit.left(12), m_outcome.targetSha.left(12), envName);
                } else if (m_recoveredEarlierApproval) {
                    message = ReleaseApprover::tr("Your earlier approval (commit %1) was already pushed; its comment "
                                                  "and labels are now complete. Nothing was deployed twice.")
                                  .arg(m_outcome.commit.left(12));
                } else {
                    message = ReleaseApprover::tr("Approved: deploying %1 (%2) to %3 of %4.")
                                  .arg(m_outcome.ref, m_outcome.targetSha.left(12), envName, m_outcome.appId);
                }
                finish(ReleaseOutcome::Kind::Succeeded, message);
            });
        });
    });
}

} // namespace Dockmaster
