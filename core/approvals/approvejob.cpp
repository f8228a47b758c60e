#include "core/approvals/approvejob.h"

#include "core/approvals/releaseapprover.h"
#include "core/approvals/releasegitlab.h"
#include "core/approvals/releasetrailers.h"
#include "core/approvals/testreleasecheck.h"
#include "core/gitlab/gitlabclient.h"
#include "core/gitlab/releaserequestparser.h"
#include "core/util/sequential.h"

#include <algorithm>

namespace Dockmaster {

void ApproveJob::start(const ReleaseRequest &request, const QStringList &acknowledged)
{
    takeRequest(request);
    m_outcome.acknowledged = acknowledged;
    if (refuseRequest())
        return;
    reportProgress(ReleaseApprover::tr("Reading the release request…"));
    readIssue([this](const GitLabIssue &issue) { checkIssue(issue); });
}

void ApproveJob::completePushed(const ReleaseOutcome &pushed, const QString &codeProject, const QString &key,
                                const QString &approver, const QStringList &labels)
{
    m_issueLabels = labels;
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
    m_issueLabels = issue.labels;
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
    m_outcome.approvalsRequired = options().approvalsRequired(environment);
    if (m_outcome.approvalsRequired <= 1) {
        resolveTarget(pinned.isEmpty() ? parsed.requestedRef : pinned,
                      [this] { checkTestRequest([this] { deploy({}); }); });
        return;
    }
    // Several admins approve one SHA: the ref is resolved now, and a version
    // pushed since the admin's review is refused (its approvals start over).
    resolveTarget(parsed.requestedRef, [this, pinned] {
        if (!pinned.isEmpty() && pinned != m_outcome.targetSha) {
            finish(ReleaseOutcome::Kind::RefusedByRule,
                   ReleaseApprover::tr("%1 now points at %2, not at the %3 you reviewed: a new version was pushed. "
                                       "Approvals of %3 no longer count; review the new version. Nothing was "
                                       "changed.")
                       .arg(m_outcome.ref, m_outcome.targetSha.left(12), pinned.left(12)));
            return;
        }
        checkTestRequest([this] { decide(); });
    });
}

void ApproveJob::checkTestRequest(std::function<void()> next)
{
    if (m_outcome.environment != Environment::Production) {
        next();
        return;
    }
    TestRelease::check(
        client(), m_codeProject, m_outcome.ref, options().refuseProductionBeforeTest, this,
        [this, next = std::move(next)](const TestReleaseCheck &check) {
            if (check.status == TestReleaseCheck::Status::Unchecked && check.error.isOffline()) {
                finishWithError(check.error, ReleaseApprover::tr("Could not read the test requests: %1"));
                return;
            }
            if (check.refuses) {
                finish(ReleaseOutcome::Kind::RefusedByRule,
                       ReleaseApprover::tr("%1 This profile approves production only after the same version is "
                                           "deployed to test. Nothing was changed.")
                           .arg(check.message));
                return;
            }
            // Another answer from GitLab, or a test release that is not done: said on the outcome.
            if (check.warns() || check.status == TestReleaseCheck::Status::Unchecked)
                m_outcome.warning = check.message;
            next();
        });
}

void ApproveJob::collectApprovals(std::function<void(const QStringList &others, bool stale, bool mine)> next)
{
    client()->issueNotes(
        m_codeProject, m_outcome.iid, 0, this, [this, next = std::move(next)](GitLabResult<QList<GitLabNote>> notes) {
            if (!notes.ok()) {
                finishWithError(notes.error, ReleaseApprover::tr("Could not read the comments of the request: %1"));
                return;
            }
            const QList<ReleaseTrailers::RecordedApproval> recorded
                = ReleaseTrailers::recordedApprovals(notes.value, m_key);
            bool stale = false;
            bool mine = false;
            QList<ReleaseTrailers::RecordedApproval> candidates;
            for (const ReleaseTrailers::RecordedApproval &approval : recorded) {
                if (approval.sha != m_outcome.targetSha) {
                    stale = true; // approved a version the ref no longer names
                    continue;
                }
                if (approval.admin.compare(m_outcome.actor, Qt::CaseInsensitive) == 0) {
                    mine = true;
                    continue;
                }
                if (approval.admin.compare(m_requester, Qt::CaseInsensitive) == 0)
                    continue;
                candidates.append(approval);
            }
            // Anyone who may comment can write a marker in their own name:
            // only admins of the app's management project count.
            forEachSequential<ReleaseTrailers::RecordedApproval>(
                this, candidates,
                [this](const ReleaseTrailers::RecordedApproval &approval, std::function<void()> step) {
                    if (m_admins.contains(approval.admin) || m_notAdmins.contains(approval.admin)) {
                        step();
                        return;
                    }
                    ReleaseGitLab::isPlatformAdmin(
                        client(), m_opsProject, approval.authorId, this,
                        [this, admin = approval.admin, step](const GitLabError &error, bool isAdmin) {
                            if (!error.isOk()) {
                                finishWithError(error, ReleaseApprover::tr("Could not check who approved: %1"));
                                return;
                            }
                            (isAdmin ? m_admins : m_notAdmins).insert(admin);
                            step();
                        });
                },
                [this, candidates, stale, mine, next] {
                    QStringList others;
                    for (const ReleaseTrailers::RecordedApproval &approval : candidates) {
                        if (m_admins.contains(approval.admin))
                            others.append(approval.admin);
                    }
                    next(others, stale, mine);
                });
        });
}

void ApproveJob::decide()
{
    reportProgress(ReleaseApprover::tr("Reading the approvals of the request…"));
    collectApprovals([this](const QStringList &others, bool stale, bool mine) {
        m_outcome.approvers = others;
        m_outcome.approvers.append(m_outcome.actor);
        const int given = int(m_outcome.approvers.size());
        m_outcome.approvals = given;
        if (given >= m_outcome.approvalsRequired) {
            deploy(others);
            return;
        }
        if (mine) {
            // The same admin twice is one approval.
            finish(ReleaseOutcome::Kind::RefusedByRule,
                   ReleaseApprover::tr("You already approved %1 (%2); your approval counts once. %n more admin(s) "
                                       "must approve it before it deploys.",
                                       nullptr, m_outcome.approvalsRequired - given)
                       .arg(m_outcome.ref, m_outcome.targetSha.left(12)));
            return;
        }
        recordApproval(given, stale);
    });
}

QStringList ApproveJob::stateLabelsToRemove() const
{
    QStringList labels { QStringLiteral("release::pending") };
    for (const QString &label : m_issueLabels) {
        if (ReleaseRequestParser::isPartialApprovalLabel(label) && !labels.contains(label))
            labels.append(label);
    }
    // Labels other consoles set since this job read the issue.
    for (int given = 1; given < m_outcome.approvalsRequired; ++given) {
        const QString label = ReleaseRequestParser::partialApprovalLabel(given, m_outcome.approvalsRequired);
        if (!labels.contains(label))
            labels.append(label);
    }
    return labels;
}

QString ApproveJob::acknowledgedBlock() const
{
    if (m_outcome.acknowledged.isEmpty())
        return {};
    return QStringLiteral("Acknowledged by @%1 (risk flags and files the risk scan could not read):\n\n%2\n\n")
        .arg(m_outcome.actor, ReleaseTrailers::fencedBlock(m_outcome.acknowledged.join(QLatin1Char('\n'))));
}

void ApproveJob::recordApproval(int given, bool stale)
{
    reportProgress(ReleaseApprover::tr("Recording your approval on the request…"));
    const int required = m_outcome.approvalsRequired;
    const QString env = environmentKey(m_outcome.environment);
    // GitLab content for developers and other consoles: not translated.
    QString body = QStringLiteral("Approval %1 of %2 by @%3 for `%4` (%5) to %6: %7 more admin(s) must approve "
                                  "before it deploys.\n\n")
                       .arg(given)
                       .arg(required)
                       .arg(m_outcome.actor, m_outcome.targetSha, m_outcome.ref, env)
                       .arg(required - given);
    if (stale)
        body += QStringLiteral("Earlier approvals named another commit: %1 now points at `%2`, so they no longer "
                               "count.\n\n")
                    .arg(m_outcome.ref, m_outcome.targetSha);
    body += acknowledgedBlock();
    body += ReleaseTrailers::approvalMarker(m_key, m_outcome.targetSha, m_outcome.actor, given, required);
    postNoteOnce(
        ReleaseTrailers::approvalMarkerPrefix(m_key, m_outcome.targetSha, m_outcome.actor), body,
        [this, given, required] {
            GitLabClient::IssueUpdate update;
            const QString label = ReleaseRequestParser::partialApprovalLabel(given, required);
            update.addLabels = { label };
            update.removeLabels = stateLabelsToRemove();
            update.removeLabels.removeAll(label);
            client()->updateIssue(m_codeProject, m_outcome.iid, update, this, [this](GitLabResult<GitLabIssue> result) {
                if (!result.ok()) {
                    finishWithError(result.error, ReleaseApprover::tr("Could not label the request: %1"));
                    return;
                }
                m_issueLabels = result.value.labels;
                m_outcome.currentState = stateOf(result.value);
                // Another admin may have recorded theirs meanwhile: together
                // they may be enough, and then this console deploys (the
                // branch's guard line keeps it to one deployment).
                collectApprovals([this](const QStringList &others, bool, bool) {
                    if (int(others.size()) + 1 >= m_outcome.approvalsRequired) {
                        m_outcome.approvers = others;
                        m_outcome.approvers.append(m_outcome.actor);
                        m_outcome.approvals = int(m_outcome.approvers.size());
                        deploy(others);
                        return;
                    }
                    const int missing = m_outcome.approvalsRequired - m_outcome.approvals;
                    QString message = ReleaseApprover::tr("Your approval of %1 (%2) is recorded: %3 of %4. "
                                                          "%n more admin(s) must approve before it "
                                                          "deploys.",
                                                          nullptr, missing)
                                          .arg(m_outcome.ref, m_outcome.targetSha.left(12))
                                          .arg(m_outcome.approvals)
                                          .arg(m_outcome.approvalsRequired);
                    finish(ReleaseOutcome::Kind::Succeeded, message);
                });
            });
        });
}

void ApproveJob::deploy(const QStringList &earlier)
{
    m_guardLine = ReleaseTrailers::requestLine(m_key);
    m_message = ReleaseTrailers::approvalMessage(m_key, environmentKey(m_outcome.environment), m_outcome.ref,
                                                 m_outcome.targetSha, m_outcome.actor, m_requester, earlier);
    movePointer();
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
        if (m_outcome.approvers.size() > 1)
            body += QStringLiteral("\nApprovals (%1 of %2): @%3.\n")
                        .arg(m_outcome.approvers.size())
                        .arg(m_outcome.approvalsRequired)
                        .arg(m_outcome.approvers.join(QStringLiteral(", @")));
        if (!m_outcome.acknowledged.isEmpty())
            body += QLatin1Char('\n') + acknowledgedBlock();
        body += QLatin1Char('\n') + ReleaseTrailers::approvedMarker(m_key, m_outcome.commit, m_approver);
        postNoteOnce(ReleaseTrailers::approvedMarkerPrefix(m_key), body, [this] {
            GitLabClient::IssueUpdate update;
            update.addLabels = { QStringLiteral("release::approved") };
            update.removeLabels = stateLabelsToRemove();
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
