#include "core/approvals/releasejob.h"

#include "core/approvals/releaseapprover.h"
#include "core/approvals/releasegitlab.h"
#include "core/approvals/releasetrailers.h"
#include "core/gitlab/gitlabclient.h"
#include "core/gitlab/releaserequestparser.h"
#include "core/util/validation.h"

#include <QTimer>

#include <algorithm>

namespace Dockmaster {

ReleaseJob::ReleaseJob(ReleaseJobSetup setup, ReleaseOutcome::Action action, const QString &admin, QObject *parent)
    : QObject(parent)
    , m_setup(std::move(setup))
{
    m_outcome.action = action;
    m_outcome.actor = admin;
    m_approver = admin;
}

ReleaseJob::~ReleaseJob() = default;

QString ReleaseJob::codeProjectPath(const ApprovalOptions &options, const QString &appId)
{
    return options.rootGroup + QStringLiteral("/apps/") + appId;
}

QString ReleaseJob::opsProjectPath(const ApprovalOptions &options, const QString &appId)
{
    return options.rootGroup + QStringLiteral("/ops/") + appId;
}

QString ReleaseJob::stateOf(const GitLabIssue &issue)
{
    return enumKey(ReleaseStates, ReleaseRequestParser::parse(issue).state);
}

bool ReleaseJob::refuseEarly()
{
    if (!m_setup.online) {
        finishLater(ReleaseOutcome::Kind::Offline,
                    ReleaseApprover::tr("Dockmaster is offline, so nothing was changed and nothing was queued. Try "
                                        "again when GitLab can be reached."));
        return true;
    }
    if (!Validation::isGitLabUsername(m_outcome.actor)) {
        finishLater(ReleaseOutcome::Kind::RefusedByRule,
                    ReleaseApprover::tr("\"%1\" is not a GitLab user name.").arg(m_outcome.actor));
        return true;
    }
    if (m_outcome.action != ReleaseOutcome::Action::Recover && !ReleaseRequestParser::isAppId(m_outcome.appId)) {
        finishLater(ReleaseOutcome::Kind::RefusedByRule,
                    ReleaseApprover::tr("\"%1\" is not an app id (app and seven digits).").arg(m_outcome.appId));
        return true;
    }
    if (!client()->hasToken()) {
        finishLater(ReleaseOutcome::Kind::Failed, ReleaseApprover::tr("No GitLab access token is set."));
        return true;
    }
    if (m_outcome.action != ReleaseOutcome::Action::Recover) {
        m_codeProject = codeProjectPath(options(), m_outcome.appId);
        m_opsProject = opsProjectPath(options(), m_outcome.appId);
        m_outcome.opsProject = m_opsProject;
    }
    return false;
}

void ReleaseJob::finish(ReleaseOutcome::Kind kind, const QString &message)
{
    if (std::exchange(m_finished, true))
        return;
    m_outcome.kind = kind;
    m_outcome.message = message;
    if (!m_outcome.warning.isEmpty())
        m_outcome.message += QLatin1Char(' ') + ReleaseApprover::tr("Warning: %1").arg(m_outcome.warning);
    if (m_setup.finished)
        m_setup.finished(id(), m_outcome);
    if (auto then = std::exchange(m_then, {}))
        then(m_outcome);
    deleteLater();
}

void ReleaseJob::finishLater(ReleaseOutcome::Kind kind, const QString &message)
{
    QTimer::singleShot(0, this, [this, kind, message] { finish(kind, message); });
}

void ReleaseJob::finishWithError(const GitLabError &error, const QString &failed)
{
    // `failed` is a whole sentence ("Could not read the release request: %1"),
    // so translators never see a verb phrase on its own.
    QString message = failed.arg(error.isOffline() ? ReleaseApprover::tr("GitLab cannot be reached. Nothing was "
                                                                         "queued; try again when GitLab is back.")
                                                   : error.message);
    const bool pushed = !m_outcome.commit.isEmpty()
        && (m_outcome.action == ReleaseOutcome::Action::Approve || m_outcome.action == ReleaseOutcome::Action::Recover);
    if (pushed) {
        message += QLatin1Char(' ')
            + ReleaseApprover::tr("The deployment commit %1 is pushed; Dockmaster completes the comment and labels on "
                                  "its next start.")
                  .arg(m_outcome.commit.left(12));
    }
    finish(error.isOffline() ? ReleaseOutcome::Kind::Offline : ReleaseOutcome::Kind::Failed, message);
}

void ReleaseJob::reportProgress(const QString &step)
{
    if (m_setup.progress)
        m_setup.progress(id(), step);
}

void ReleaseJob::takeRequest(const ReleaseRequest &request)
{
    m_request = request;
    m_outcome.appId = request.appId;
    m_outcome.environment = request.environment;
    m_outcome.projectId = request.projectId;
    m_outcome.iid = request.iid;
    m_outcome.ref = request.requestedRef;
}

bool ReleaseJob::refuseRequest()
{
    if (refuseEarly())
        return true;
    if (m_request.iid <= 0) {
        finishLater(ReleaseOutcome::Kind::RefusedByRule,
                    ReleaseApprover::tr("The release request has no issue number."));
        return true;
    }
    m_key = ReleaseTrailers::requestKey(m_codeProject, m_request.iid);
    return false;
}

void ReleaseJob::readIssue(std::function<void(const GitLabIssue &)> next)
{
    client()->issue(
        m_codeProject, m_request.iid, this, [this, next = std::move(next)](GitLabResult<GitLabIssue> result) {
            if (!result.ok()) {
                finishWithError(result.error, ReleaseApprover::tr("Could not read the release request: %1"));
                return;
            }
            next(result.value);
        });
}

void ReleaseJob::reportNotPending(const GitLabIssue &issue)
{
    const QString state = stateOf(issue);
    m_outcome.currentState = state;
    client()->issueNotes(
        m_codeProject, issue.iid, 0, this,
        [this, state, closed = issue.state == QLatin1String("closed")](GitLabResult<QList<GitLabNote>> notes) {
            const auto release = enumFromKey(ReleaseStates, state);
            const bool approved = release && wasApproved(*release);
            const bool rejected = release == ReleaseState::Rejected;
            QString actor;
            for (const GitLabNote &note : std::as_const(notes.value)) { // newest first
                actor = ReleaseTrailers::actorOf(note.body,
                                                 approved ? QStringLiteral("Approved") : QStringLiteral("Rejected"));
                if (!actor.isEmpty())
                    break;
            }
            m_outcome.actedBy = actor;
            const QString who = actor.isEmpty() ? ReleaseApprover::tr("another admin") : actor;
            if (approved) {
                finish(ReleaseOutcome::Kind::LostRace,
                       ReleaseApprover::tr("This request was already approved by %1 (now %2). Nothing was changed.")
                           .arg(who, state));
            } else if (rejected) {
                finish(ReleaseOutcome::Kind::LostRace,
                       ReleaseApprover::tr("This request was already rejected by %1. Nothing was changed.").arg(who));
            } else if (closed) {
                finish(ReleaseOutcome::Kind::RefusedByRule,
                       ReleaseApprover::tr("This request is closed. Nothing was changed."));
            } else {
                finish(ReleaseOutcome::Kind::RefusedByRule,
                       ReleaseApprover::tr("This request is not pending (state: %1). Nothing was changed.")
                           .arg(state.isEmpty() ? ReleaseApprover::tr("none") : state));
            }
        });
}

void ReleaseJob::postNoteOnce(const QString &markerPrefix, const QString &body, std::function<void()> next)
{
    ReleaseGitLab::postNoteOnce(
        client(), m_codeProject, m_outcome.iid, markerPrefix, body, this,
        [this, next = std::move(next)](const GitLabError &error, ReleaseGitLab::NoteStep step) {
            if (error.isOk()) {
                next();
            } else if (step == ReleaseGitLab::NoteStep::Reading) {
                finishWithError(error, ReleaseApprover::tr("Could not read the comments of the request: %1"));
            } else {
                finishWithError(error, ReleaseApprover::tr("Could not comment on the request: %1"));
            }
        });
}

void ReleaseJob::lookupPipeline(int attempt, std::function<void()> next)
{
    if (attempt >= options().pipelineLookupAttempts) {
        next();
        return;
    }
    ReleaseGitLab::pipelinesForSha(
        client(), m_opsProject, m_outcome.commit, this,
        [this, attempt, next = std::move(next)](GitLabResult<QList<GitLabPipeline>> result) mutable {
            if (result.ok() && !result.value.isEmpty()) {
                m_outcome.pipelineId = result.value.constFirst().id;
                m_outcome.pipelineUrl = result.value.constFirst().webUrl;
                next();
                return;
            }
            if (result.error.isOffline()) {
                next(); // the next step reports it
                return;
            }
            QTimer::singleShot(
                options().pipelineLookupDelayMs, this,
                [this, attempt, next = std::move(next)]() mutable { lookupPipeline(attempt + 1, std::move(next)); });
        });
}

} // namespace Dockmaster
