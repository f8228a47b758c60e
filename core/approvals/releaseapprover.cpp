#include "core/approvals/releaseapprover.h"

#include "core/approvals/releasegitlab.h"
#include "core/approvals/releasetrailers.h"
#include "core/git/gitworkspace.h"
#include "core/gitlab/gitlabclient.h"
#include "core/gitlab/releaserequestparser.h"
#include "core/util/validation.h"

#include <QStandardPaths>
#include <QTimer>

namespace Dockmaster {

namespace {

const QString PendingLabel = QStringLiteral("release::pending");
const QString ApprovedLabel = QStringLiteral("release::approved");
const QString RejectedLabel = QStringLiteral("release::rejected");

QString kindTag(ReleaseOutcome::Kind kind)
{
    switch (kind) {
    case ReleaseOutcome::Kind::Succeeded:
        return {};
    case ReleaseOutcome::Kind::RefusedByRule:
        return QStringLiteral("[refused] ");
    case ReleaseOutcome::Kind::LostRace:
        return QStringLiteral("[lost race] ");
    case ReleaseOutcome::Kind::Failed:
        return QStringLiteral("[failed] ");
    case ReleaseOutcome::Kind::Offline:
        return QStringLiteral("[offline] ");
    }
    return {};
}

// Never let an unset option put clones at the file-system root.
QString cacheRootOrDefault(const QString &cacheRoot)
{
    if (!cacheRoot.isEmpty())
        return cacheRoot;
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/approvals");
}

QString stateOf(const GitLabIssue &issue)
{
    return enumKey(ReleaseStates, ReleaseRequestParser::parse(issue).state);
}

} // namespace

struct ReleaseApprover::GitReply {
    enum class Kind { Moved, Rejected, Failed };
    Kind kind = Kind::Failed;
    GitlinkMoveResult moved;
    GitPushRejection rejection;
    QString message;
};

struct ReleaseApprover::Job {
    quint64 id = 0;
    ReleaseOutcome outcome;
    ReleaseRequest request;
    QString codeProject;
    QString opsProject;
    QString key;      // request key, "plugins/apps/app0000042#3"
    QString approver; // named in the approval comment (Recover: the original approver)
    QString requester;
    QString reason;
    QString message; // commit message
    QString guardLine;
    QString expectedCurrent; // rollback: the live SHA the preflight showed
    int pushAttempts = 0;
    bool retryOnRejection = true;
    bool recoveredEarlierApproval = false;
    QList<GitLabIssue> pending; // recover
    int recovered = 0;
    QStringList problems;
    std::function<void()> then; // runs after finish() (recover continues with the next request)
};

ReleaseApprover::ReleaseApprover(GitLabClient *client, const ApprovalOptions &options, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_options(options)
    , m_workspace(new GitWorkspace(cacheRootOrDefault(options.cacheRoot), this))
{
    qRegisterMetaType<ReleaseOutcome>();
    qRegisterMetaType<AuditEntry>();
    connect(m_workspace, &GitWorkspace::gitlinkMoved, this, [this](quint64 request, const GitlinkMoveResult &result) {
        GitReply reply;
        reply.kind = GitReply::Kind::Moved;
        reply.moved = result;
        onGitReply(request, reply);
    });
    connect(m_workspace, &GitWorkspace::pushRejected, this, [this](quint64 request, const GitPushRejection &rejection) {
        GitReply reply;
        reply.kind = GitReply::Kind::Rejected;
        reply.rejection = rejection;
        onGitReply(request, reply);
    });
    connect(m_workspace, &GitWorkspace::failed, this, [this](quint64 request, GitFailure, const QString &message) {
        GitReply reply;
        reply.kind = GitReply::Kind::Failed;
        reply.message = message;
        onGitReply(request, reply);
    });
}

ReleaseApprover::~ReleaseApprover() = default;

QString ReleaseApprover::codeProjectPath(const QString &appId) const
{
    return m_options.rootGroup + QStringLiteral("/apps/") + appId;
}

QString ReleaseApprover::opsProjectPath(const QString &appId) const
{
    return m_options.rootGroup + QStringLiteral("/ops/") + appId;
}

PipelineFollowTarget ReleaseApprover::followTarget(const ReleaseOutcome &outcome) const
{
    PipelineFollowTarget target;
    target.opsProject = outcome.opsProject.isEmpty() ? opsProjectPath(outcome.appId) : outcome.opsProject;
    target.commit = outcome.commit;
    target.appId = outcome.appId;
    target.environment = outcome.environment;
    target.targetSha = outcome.targetSha;
    target.actor = outcome.actor;
    if (outcome.action == ReleaseOutcome::Action::Approve || outcome.action == ReleaseOutcome::Action::Recover) {
        target.codeProject = codeProjectPath(outcome.appId);
        target.iid = outcome.iid;
    }
    return target;
}

quint64 ReleaseApprover::runGit(std::function<quint64()> start, std::function<void(const GitReply &)> done)
{
    // Replies are queued from the workspace thread, so the callback is in
    // place before any answer can arrive.
    const quint64 request = start();
    m_gitCallbacks.insert(request, std::move(done));
    return request;
}

void ReleaseApprover::onGitReply(quint64 request, const GitReply &reply)
{
    auto callback = m_gitCallbacks.take(request);
    if (callback)
        callback(reply);
}

ReleaseApprover::JobPtr ReleaseApprover::newJob(ReleaseOutcome::Action action, const QString &admin)
{
    auto job = std::make_shared<Job>();
    job->id = m_nextId++;
    job->outcome.action = action;
    job->outcome.actor = admin;
    job->approver = admin;
    return job;
}

bool ReleaseApprover::refuseEarly(const JobPtr &job)
{
    if (!m_online) {
        finishLater(job, ReleaseOutcome::Kind::Offline,
                    tr("Dockmaster is offline, so nothing was changed and nothing was queued. Try again when GitLab "
                       "can be reached."));
        return true;
    }
    if (!Validation::isGitLabUsername(job->outcome.actor)) {
        finishLater(job, ReleaseOutcome::Kind::RefusedByRule,
                    tr("\"%1\" is not a GitLab user name.").arg(job->outcome.actor));
        return true;
    }
    if (job->outcome.action != ReleaseOutcome::Action::Recover && !ReleaseRequestParser::isAppId(job->outcome.appId)) {
        finishLater(job, ReleaseOutcome::Kind::RefusedByRule,
                    tr("\"%1\" is not an app id (app and seven digits).").arg(job->outcome.appId));
        return true;
    }
    if (!m_client->hasToken()) {
        finishLater(job, ReleaseOutcome::Kind::Failed, tr("No GitLab access token is set."));
        return true;
    }
    if (job->outcome.action != ReleaseOutcome::Action::Recover) {
        job->codeProject = codeProjectPath(job->outcome.appId);
        job->opsProject = opsProjectPath(job->outcome.appId);
        job->outcome.opsProject = job->opsProject;
    }
    return false;
}

void ReleaseApprover::finish(const JobPtr &job, ReleaseOutcome::Kind kind, const QString &message)
{
    job->outcome.kind = kind;
    job->outcome.message = message;
    Q_EMIT finished(job->id, job->outcome);
    AuditEntry entry;
    entry.at = QDateTime::currentDateTimeUtc();
    entry.actor = job->outcome.actor;
    entry.action = releaseActionName(job->outcome.action);
    entry.appId = job->outcome.appId;
    entry.environment = environmentKey(job->outcome.environment);
    entry.detail = kindTag(kind) + message;
    Q_EMIT auditEntry(entry);
    if (auto then = std::exchange(job->then, {}))
        then();
}

void ReleaseApprover::finishLater(const JobPtr &job, ReleaseOutcome::Kind kind, const QString &message)
{
    // The caller gets the id before any result.
    QTimer::singleShot(0, this, [this, job, kind, message] { finish(job, kind, message); });
}

void ReleaseApprover::finishWithError(const JobPtr &job, const GitLabError &error, const QString &failed)
{
    // `failed` is a whole sentence ("Could not read the release request: %1"),
    // so translators never see a verb phrase on its own.
    QString message = failed.arg(
        error.isOffline() ? tr("GitLab cannot be reached. Nothing was queued; try again when GitLab is back.")
                          : error.message);
    const bool pushed = !job->outcome.commit.isEmpty()
        && (job->outcome.action == ReleaseOutcome::Action::Approve
            || job->outcome.action == ReleaseOutcome::Action::Recover);
    if (pushed) {
        message += QLatin1Char(' ')
            + tr("The deployment commit %1 is pushed; Dockmaster completes the comment and labels on its next start.")
                  .arg(job->outcome.commit.left(12));
    }
    finish(job, error.isOffline() ? ReleaseOutcome::Kind::Offline : ReleaseOutcome::Kind::Failed, message);
}

// --- approve -------------------------------------------------------------

quint64 ReleaseApprover::approve(const ReleaseRequest &request, const QString &admin)
{
    JobPtr job = newJob(ReleaseOutcome::Action::Approve, admin);
    job->request = request;
    job->outcome.appId = request.appId;
    job->outcome.environment = request.environment;
    job->outcome.projectId = request.projectId;
    job->outcome.iid = request.iid;
    job->outcome.ref = request.requestedRef;
    if (refuseEarly(job))
        return job->id;
    if (request.iid <= 0) {
        finishLater(job, ReleaseOutcome::Kind::RefusedByRule, tr("The release request has no issue number."));
        return job->id;
    }
    job->key = ReleaseTrailers::requestKey(job->codeProject, request.iid);
    Q_EMIT progress(job->id, tr("Reading the release request…"));
    m_client->issue(job->codeProject, request.iid, this, [this, job](GitLabResult<GitLabIssue> result) {
        if (!result.ok()) {
            finishWithError(job, result.error, tr("Could not read the release request: %1"));
            return;
        }
        checkIssueForApproval(job, result.value);
    });
    return job->id;
}

void ReleaseApprover::checkIssueForApproval(const JobPtr &job, const GitLabIssue &issue)
{
    const ReleaseRequestParser::Parsed parsed = ReleaseRequestParser::parse(issue);
    job->outcome.currentState = stateOf(issue);
    if (job->request.projectId > 0 && issue.projectId != job->request.projectId) {
        finish(job, ReleaseOutcome::Kind::RefusedByRule,
               tr("Issue #%1 does not belong to %2.").arg(issue.iid).arg(job->codeProject));
        return;
    }
    if (issue.state != QLatin1String("opened") || parsed.state != ReleaseState::Pending) {
        reportNotPending(job, issue);
        return;
    }
    const Environment environment = job->request.environment;
    if (!parsed.environment) {
        finish(job, ReleaseOutcome::Kind::RefusedByRule,
               parsed.problem.isEmpty() ? tr("The request names no environment.") : parsed.problem);
        return;
    }
    if (*parsed.environment != environment) {
        finish(job, ReleaseOutcome::Kind::RefusedByRule,
               tr("The request was edited: it now asks for %1, not %2. Review it again.")
                   .arg(environmentDisplayName(*parsed.environment), environmentDisplayName(environment)));
        return;
    }
    if (parsed.requestedRef.isEmpty()) {
        finish(job, ReleaseOutcome::Kind::RefusedByRule,
               parsed.problem.isEmpty() ? tr("The request names no tag or commit.") : parsed.problem);
        return;
    }
    if (!job->request.requestedRef.isEmpty() && parsed.requestedRef != job->request.requestedRef) {
        finish(job, ReleaseOutcome::Kind::RefusedByRule,
               tr("The request was edited: it now asks for %1 instead of %2. Review it again.")
                   .arg(parsed.requestedRef, job->request.requestedRef));
        return;
    }
    job->outcome.ref = parsed.requestedRef;
    job->requester = issue.author;
    if (m_options.requiresTwoPersons(environment)
        && issue.author.compare(job->outcome.actor, Qt::CaseInsensitive) == 0) {
        finish(job, ReleaseOutcome::Kind::RefusedByRule,
               tr("Two-person rule: %1 requested this release to %2, so another admin must approve it.")
                   .arg(issue.author, environmentDisplayName(environment)));
        return;
    }
    const QString pinned = job->request.resolvedSha;
    if (!pinned.isEmpty() && !ReleaseTrailers::isFullSha(pinned)) {
        finish(job, ReleaseOutcome::Kind::RefusedByRule, tr("\"%1\" is not a full commit id.").arg(pinned));
        return;
    }
    resolveTarget(job, pinned.isEmpty() ? parsed.requestedRef : pinned, [this, job] {
        job->guardLine = ReleaseTrailers::requestLine(job->key);
        job->message
            = ReleaseTrailers::approvalMessage(job->key, environmentKey(job->outcome.environment), job->outcome.ref,
                                               job->outcome.targetSha, job->outcome.actor, job->requester);
        movePointer(job);
    });
}

void ReleaseApprover::resolveTarget(const JobPtr &job, const QString &ref, std::function<void()> next)
{
    if (!ReleaseRequestParser::isAcceptableRef(ref)) {
        finish(job, ReleaseOutcome::Kind::RefusedByRule,
               tr("\"%1\" is not an acceptable tag, branch or commit name.").arg(ref));
        return;
    }
    Q_EMIT progress(job->id, tr("Resolving %1 in %2…").arg(ref, job->codeProject));
    m_client->commit(
        job->codeProject, ref, this, [this, job, ref, next = std::move(next)](GitLabResult<GitLabCommit> result) {
            if (result.error.kind == GitLabError::Kind::NotFound) {
                finish(job, ReleaseOutcome::Kind::Failed,
                       tr("%1 does not exist in %2: there is no such tag, branch or commit. Nothing was "
                          "deployed.")
                           .arg(ref, job->codeProject));
                return;
            }
            if (!result.ok()) {
                // The ref (never a '%': isAcceptableRef) first; %2 then takes the reason.
                finishWithError(job, result.error, tr("Could not resolve %1: %2").arg(ref));
                return;
            }
            if (!ReleaseTrailers::isFullSha(result.value.id)) {
                finish(job, ReleaseOutcome::Kind::Failed,
                       tr("GitLab answered %1 for %2, which is not a commit id.").arg(result.value.id, ref));
                return;
            }
            // A moving branch is pinned here: only this SHA is deployed.
            job->outcome.targetSha = result.value.id;
            next();
        });
}

void ReleaseApprover::movePointer(const JobPtr &job)
{
    GitlinkMove move;
    move.target = job->outcome.targetSha;
    move.message = job->message;
    move.author = { job->outcome.actor,
                    m_commitEmail.isEmpty()
                        ? job->outcome.actor + QStringLiteral("@users.noreply.") + m_client->baseUrl().host()
                        : m_commitEmail };
    move.guardLine = job->guardLine;
    move.guardDepth = m_options.branchScanDepth;
    move.expectedCurrent = job->expectedCurrent;
    ++job->pushAttempts;
    const QString branch = environmentBranch(job->outcome.environment);
    Q_EMIT progress(job->id, tr("Committing %1 to %2 of %3…").arg(move.target.left(12), branch, job->opsProject));
    const QUrl url = ReleaseGitLab::repositoryUrl(m_client->baseUrl(), job->opsProject);
    const QString token = m_client->token();
    runGit(
        [this, url, token, branch, move] { return m_workspace->moveGitlink(url, token, branch, move); },
        [this, job, branch](const GitReply &reply) {
            switch (reply.kind) {
            case GitReply::Kind::Moved:
                onMoved(job, reply.moved);
                return;
            case GitReply::Kind::Rejected:
                // Someone pushed to the branch meanwhile. Once more on top of
                // it: the worker re-fetches and looks for this request's
                // trailer first, so a race never makes two commits.
                if (job->retryOnRejection && job->pushAttempts < 2) {
                    movePointer(job);
                    return;
                }
                if (!job->retryOnRejection) {
                    finish(job, ReleaseOutcome::Kind::LostRace,
                           tr("Someone changed %1 of %2 meanwhile (it is now at %3). Nothing was deployed; review "
                              "the change again.")
                               .arg(branch, job->opsProject, reply.rejection.remoteHead.left(12)));
                    return;
                }
                finish(job, ReleaseOutcome::Kind::Failed,
                       tr("%1 of %2 kept changing while Dockmaster pushed. Nothing was deployed; try again.")
                           .arg(branch, job->opsProject));
                return;
            case GitReply::Kind::Failed:
                finish(
                    job, ReleaseOutcome::Kind::Failed,
                    tr("Could not commit the deployment to %1: %2 Nothing was deployed.").arg(branch, reply.message));
                return;
            }
        });
}

void ReleaseApprover::onMoved(const JobPtr &job, const GitlinkMoveResult &result)
{
    job->outcome.commit = result.commit;
    if (result.alreadyPresent) {
        const ReleaseTrailers::Trailers trailers = ReleaseTrailers::parse(result.info.message);
        job->outcome.actedBy = trailers.approvedBy;
        if (!trailers.codesCommit.isEmpty())
            job->outcome.targetSha = trailers.codesCommit;
        if (trailers.approvedBy.compare(job->outcome.actor, Qt::CaseInsensitive) == 0) {
            // This admin's own earlier approval whose bookkeeping never
            // happened (a crash): finish it instead of deploying again.
            job->recoveredEarlierApproval = true;
            completeApproval(job);
            return;
        }
        m_client->issue(job->codeProject, job->outcome.iid, this, [this, job](GitLabResult<GitLabIssue> fresh) {
            if (fresh.ok())
                job->outcome.currentState = stateOf(fresh.value);
            const QString who = job->outcome.actedBy.isEmpty() ? tr("another admin") : job->outcome.actedBy;
            finish(job, ReleaseOutcome::Kind::LostRace,
                   tr("Another admin (%1) approved this request first; commit %2 deploys it. Nothing was changed.")
                       .arg(who, job->outcome.commit.left(12)));
        });
        return;
    }
    if (job->outcome.action == ReleaseOutcome::Action::Approve) {
        completeApproval(job);
        return;
    }
    lookupPipeline(job, 0, [this, job] {
        const QString env = environmentDisplayName(job->outcome.environment);
        const QString message = job->outcome.action == ReleaseOutcome::Action::Rollback
            ? tr("Rolling %1 of %2 back to %3 (commit %4).")
                  .arg(env, job->outcome.appId, job->outcome.targetSha.left(12), job->outcome.commit.left(12))
            : tr("Deploying %1 (%2) to %3 of %4 (commit %5).")
                  .arg(job->outcome.ref, job->outcome.targetSha.left(12), env, job->outcome.appId,
                       job->outcome.commit.left(12));
        finish(job, ReleaseOutcome::Kind::Succeeded, message);
    });
}

void ReleaseApprover::reportNotPending(const JobPtr &job, const GitLabIssue &issue)
{
    const QString state = stateOf(issue);
    job->outcome.currentState = state;
    m_client->issueNotes(
        job->codeProject, issue.iid, 0, this, [this, job, state](GitLabResult<QList<GitLabNote>> notes) {
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
            job->outcome.actedBy = actor;
            const QString who = actor.isEmpty() ? tr("another admin") : actor;
            if (approved) {
                finish(job, ReleaseOutcome::Kind::LostRace,
                       tr("This request was already approved by %1 (now %2). Nothing was changed.").arg(who, state));
            } else if (rejected) {
                finish(job, ReleaseOutcome::Kind::LostRace,
                       tr("This request was already rejected by %1. Nothing was changed.").arg(who));
            } else if (state == QLatin1String("closed")) {
                finish(job, ReleaseOutcome::Kind::RefusedByRule, tr("This request is closed. Nothing was changed."));
            } else {
                finish(job, ReleaseOutcome::Kind::RefusedByRule,
                       tr("This request is not pending (state: %1). Nothing was changed.")
                           .arg(state.isEmpty() ? tr("none") : state));
            }
        });
}

void ReleaseApprover::lookupPipeline(const JobPtr &job, int attempt, std::function<void()> next)
{
    if (attempt >= m_options.pipelineLookupAttempts) {
        next();
        return;
    }
    ReleaseGitLab::pipelinesForSha(
        m_client, job->opsProject, job->outcome.commit, this,
        [this, job, attempt, next = std::move(next)](GitLabResult<QList<GitLabPipeline>> result) mutable {
            if (result.ok() && !result.value.isEmpty()) {
                job->outcome.pipelineId = result.value.constFirst().id;
                job->outcome.pipelineUrl = result.value.constFirst().webUrl;
                next();
                return;
            }
            if (result.error.isOffline()) {
                next(); // the next step reports it
                return;
            }
            QTimer::singleShot(m_options.pipelineLookupDelayMs, this,
                               [this, job, attempt, next = std::move(next)]() mutable {
                                   lookupPipeline(job, attempt + 1, std::move(next));
                               });
        });
}

void ReleaseApprover::postNoteOnce(const JobPtr &job, const QString &markerPrefix, const QString &body,
                                   std::function<void()> next)
{
    // Look first: a comment from an earlier attempt (a crash, another
    // console's recovery) must not be posted twice.
    m_client->issueNotes(
        job->codeProject, job->outcome.iid, 0, this,
        [this, job, markerPrefix, body, next = std::move(next)](GitLabResult<QList<GitLabNote>> notes) {
            if (!notes.ok()) {
                finishWithError(job, notes.error, tr("Could not read the comments of the request: %1"));
                return;
            }
            const bool present = std::any_of(notes.value.cbegin(), notes.value.cend(),
                                             [&](const GitLabNote &note) { return note.body.contains(markerPrefix); });
            if (present) {
                next();
                return;
            }
            m_client->createIssueNote(
                job->codeProject, job->outcome.iid, body, this, [this, job, next](GitLabResult<GitLabNote> created) {
                    if (!created.ok()) {
                        finishWithError(job, created.error, tr("Could not comment on the request: %1"));
                        return;
                    }
                    next();
                });
        });
}

void ReleaseApprover::completeApproval(const JobPtr &job)
{
    Q_EMIT progress(job->id, tr("Recording the approval on the request…"));
    lookupPipeline(job, 0, [this, job] {
        const QString env = environmentKey(job->outcome.environment);
        // Comments are GitLab content read by developers and by other
        // consoles (actorOf, markers), so they are not translated.
        QString body = QStringLiteral("Approved by @%1: deploying `%2` (%3) to %4.\n\n")
                           .arg(job->approver, job->outcome.targetSha, job->outcome.ref, env);
        body += job->outcome.pipelineUrl.isEmpty()
            ? QStringLiteral("Deployment commit `%1`; its pipeline is starting.\n").arg(job->outcome.commit)
            : QStringLiteral("Deployment commit `%1`, pipeline [#%2](%3).\n")
                  .arg(job->outcome.commit)
                  .arg(job->outcome.pipelineId)
                  .arg(job->outcome.pipelineUrl);
        body += QLatin1Char('\n') + ReleaseTrailers::approvedMarker(job->key, job->outcome.commit, job->approver);
        postNoteOnce(job, ReleaseTrailers::approvedMarkerPrefix(job->key), body, [this, job] {
            GitLabClient::IssueUpdate update;
            update.addLabels = { ApprovedLabel };
            update.removeLabels = { PendingLabel };
            m_client->updateIssue(
                job->codeProject, job->outcome.iid, update, this, [this, job](GitLabResult<GitLabIssue> result) {
                    if (!result.ok()) {
                        finishWithError(job, result.error, tr("Could not label the request as approved: %1"));
                        return;
                    }
                    job->outcome.currentState = stateOf(result.value);
                    const QString envName = environmentDisplayName(job->outcome.environment);
                    QString message;
                    if (job->outcome.action == ReleaseOutcome::Action::Recover) {
                        message = tr("Completed the approval of %1#%2 by %3 that was interrupted: commit %4 "
                                     "deploys %5 to %6. Nothing was deployed twice.")
                                      .arg(job->codeProject)
                                      .arg(job->outcome.iid)
                                      .arg(job->approver, job->outcome.commit.left(12), job->outcome.targetSha.left(12),
                                           envName);
                    } else if (job->recoveredEarlierApproval) {
                        message = tr("Your earlier approval (commit %1) was already pushed; its comment and labels "
                                     "are now complete. Nothing was deployed twice.")
                                      .arg(job->outcome.commit.left(12));
                    } else {
                        message
                            = tr("Approved: deploying %1 (%2) to %3 of %4.")
                                  .arg(job->outcome.ref, job->outcome.targetSha.left(12), envName, job->outcome.appId);
                    }
                    finish(job, ReleaseOutcome::Kind::Succeeded, message);
                });
        });
    });
}

// --- reject --------------------------------------------------------------

quint64 ReleaseApprover::reject(const ReleaseRequest &request, const QString &admin, const QString &reason)
{
    JobPtr job = newJob(ReleaseOutcome::Action::Reject, admin);
    job->request = request;
    job->reason = reason.trimmed();
    job->outcome.appId = request.appId;
    job->outcome.environment = request.environment;
    job->outcome.projectId = request.projectId;
    job->outcome.iid = request.iid;
    job->outcome.ref = request.requestedRef;
    if (job->reason.isEmpty()) {
        finishLater(job, ReleaseOutcome::Kind::RefusedByRule,
                    tr("A rejection needs a reason: the developer reads it on the request."));
        return job->id;
    }
    if (refuseEarly(job))
        return job->id;
    if (request.iid <= 0) {
        finishLater(job, ReleaseOutcome::Kind::RefusedByRule, tr("The release request has no issue number."));
        return job->id;
    }
    job->key = ReleaseTrailers::requestKey(job->codeProject, request.iid);
    m_client->issue(job->codeProject, request.iid, this, [this, job](GitLabResult<GitLabIssue> result) {
        if (!result.ok()) {
            finishWithError(job, result.error, tr("Could not read the release request: %1"));
            return;
        }
        rejectIssue(job, result.value);
    });
    return job->id;
}

void ReleaseApprover::rejectIssue(const JobPtr &job, const GitLabIssue &issue)
{
    const ReleaseRequestParser::Parsed parsed = ReleaseRequestParser::parse(issue);
    if (issue.state != QLatin1String("opened") || parsed.state != ReleaseState::Pending) {
        reportNotPending(job, issue);
        return;
    }
    if (parsed.environment)
        job->outcome.environment = *parsed.environment;
    // An approval racing this rejection may already be on the branch.
    const QString branch = environmentBranch(job->outcome.environment);
    ReleaseGitLab::branchCommits(
        m_client, job->opsProject, branch, m_options.branchScanDepth, this,
        [this, job](GitLabResult<QList<GitLabCommit>> commits) {
            if (!commits.ok()) {
                finishWithError(job, commits.error, tr("Could not read the environment branch: %1"));
                return;
            }
            const QString guard = ReleaseTrailers::requestLine(job->key);
            for (const GitLabCommit &commit : std::as_const(commits.value)) {
                if (commit.message.split(QLatin1Char('\n')).contains(guard)) {
                    job->outcome.actedBy = ReleaseTrailers::parse(commit.message).approvedBy;
                    job->outcome.commit = commit.id;
                    finish(job, ReleaseOutcome::Kind::LostRace,
                           tr("Another admin (%1) approved this request first; commit %2 deploys it. Nothing was "
                              "changed.")
                               .arg(job->outcome.actedBy.isEmpty() ? tr("another admin") : job->outcome.actedBy,
                                    commit.id.left(12)));
                    return;
                }
            }
            const QString body = QStringLiteral("Rejected by @%1: %2\n\n%3")
                                     .arg(job->outcome.actor, job->reason,
                                          ReleaseTrailers::rejectedMarker(job->key, job->outcome.actor));
            postNoteOnce(job, ReleaseTrailers::rejectedMarkerPrefix(job->key), body, [this, job] {
                GitLabClient::IssueUpdate update;
                update.addLabels = { RejectedLabel };
                update.removeLabels = { PendingLabel };
                update.stateEvent = QStringLiteral("close");
                m_client->updateIssue(
                    job->codeProject, job->outcome.iid, update, this, [this, job](GitLabResult<GitLabIssue> result) {
                        if (!result.ok()) {
                            finishWithError(job, result.error, tr("Could not label and close the request: %1"));
                            return;
                        }
                        job->outcome.currentState = stateOf(result.value);
                        finish(job, ReleaseOutcome::Kind::Succeeded,
                               tr("Rejected %1#%2 and closed it.").arg(job->codeProject).arg(job->outcome.iid));
                    });
            });
        });
}

// --- deploy a tag, roll back ----------------------------------------------

quint64 ReleaseApprover::deployTag(const QString &appId, Environment environment, const QString &tagOrSha,
                                   const QString &admin)
{
    JobPtr job = newJob(ReleaseOutcome::Action::DeployTag, admin);
    job->outcome.appId = appId;
    job->outcome.environment = environment;
    job->outcome.ref = tagOrSha;
    if (refuseEarly(job))
        return job->id;
    QTimer::singleShot(0, this, [this, job] {
        resolveTarget(job, job->outcome.ref, [this, job] {
            job->message = ReleaseTrailers::deployTagMessage(environmentKey(job->outcome.environment), job->outcome.ref,
                                                             job->outcome.targetSha, job->outcome.actor);
            movePointer(job);
        });
    });
    return job->id;
}

quint64 ReleaseApprover::rollback(const QString &appId, Environment environment, const QString &targetSha,
                                  const QString &admin, const QString &expectedLiveSha)
{
    JobPtr job = newJob(ReleaseOutcome::Action::Rollback, admin);
    job->outcome.appId = appId;
    job->outcome.environment = environment;
    job->outcome.ref = targetSha;
    // The preflight showed what is undone relative to the live version; if
    // the branch moved since, that is stale: refuse instead of retrying.
    job->retryOnRejection = false;
    if (refuseEarly(job))
        return job->id;
    if (!ReleaseTrailers::isFullSha(targetSha)
        || (!expectedLiveSha.isEmpty() && !ReleaseTrailers::isFullSha(expectedLiveSha))) {
        finishLater(job, ReleaseOutcome::Kind::RefusedByRule,
                    tr("A rollback needs the full commit id of the version to go back to."));
        return job->id;
    }
    job->expectedCurrent = expectedLiveSha;
    QTimer::singleShot(0, this, [this, job] {
        resolveTarget(job, job->outcome.ref, [this, job] {
            job->message
                = ReleaseTrailers::rollbackMessage(environmentKey(job->outcome.environment), job->outcome.targetSha,
                                                   job->expectedCurrent, job->outcome.actor);
            movePointer(job);
        });
    });
    return job->id;
}

// --- recover -------------------------------------------------------------

quint64 ReleaseApprover::recover(const QString &admin)
{
    JobPtr job = newJob(ReleaseOutcome::Action::Recover, admin);
    if (refuseEarly(job)) {
        job->then = [this, job] {
            Q_EMIT recoveryFinished(job->id, 0, job->outcome.message);
        };
        return job->id;
    }
    GitLabClient::IssueQuery query;
    query.labels = { QStringLiteral("release-request"), PendingLabel };
    query.state = QStringLiteral("opened");
    m_client->issues(query, this, [this, job](GitLabResult<QList<GitLabIssue>> result) {
        if (!result.ok()) {
            job->then = [this, job] {
                Q_EMIT recoveryFinished(job->id, 0, job->outcome.message);
            };
            finishWithError(job, result.error, tr("Could not look for interrupted approvals: %1"));
            return;
        }
        job->pending = result.value;
        recoverNext(job);
    });
    return job->id;
}

void ReleaseApprover::recoverNext(const JobPtr &job)
{
    if (job->pending.isEmpty()) {
        Q_EMIT recoveryFinished(job->id, job->recovered, job->problems.join(QLatin1Char('\n')));
        return;
    }
    const GitLabIssue issue = job->pending.takeFirst();
    const ReleaseRequestParser::Parsed parsed = ReleaseRequestParser::parse(issue);
    const QString projectPath = issue.referenceFull.section(QLatin1Char('#'), 0, 0);
    const QString appId = ReleaseRequestParser::appIdFromPath(projectPath);
    if (appId.isEmpty() || projectPath != codeProjectPath(appId) || !parsed.environment) {
        recoverNext(job); // not a request of this platform's layout: nothing of ours to complete
        return;
    }
    auto sub = std::make_shared<Job>();
    sub->id = job->id;
    sub->outcome.action = ReleaseOutcome::Action::Recover;
    sub->outcome.actor = job->outcome.actor;
    sub->outcome.appId = appId;
    sub->outcome.environment = *parsed.environment;
    sub->outcome.projectId = issue.projectId;
    sub->outcome.iid = issue.iid;
    sub->outcome.ref = parsed.requestedRef;
    sub->codeProject = projectPath;
    sub->opsProject = opsProjectPath(appId);
    sub->outcome.opsProject = sub->opsProject;
    sub->key = ReleaseTrailers::requestKey(projectPath, issue.iid);
    sub->requester = issue.author;
    ReleaseGitLab::branchCommits(
        m_client, sub->opsProject, environmentBranch(sub->outcome.environment), m_options.branchScanDepth, this,
        [this, job, sub](GitLabResult<QList<GitLabCommit>> commits) {
            if (!commits.ok()) {
                if (commits.error.kind != GitLabError::Kind::NotFound)
                    job->problems.append(
                        tr("%1: could not read %2: %3").arg(sub->key, sub->opsProject, commits.error.message));
                recoverNext(job);
                return;
            }
            const QString guard = ReleaseTrailers::requestLine(sub->key);
            for (const GitLabCommit &commit : std::as_const(commits.value)) {
                if (!commit.message.split(QLatin1Char('\n')).contains(guard))
                    continue;
                const ReleaseTrailers::Trailers trailers = ReleaseTrailers::parse(commit.message);
                sub->outcome.commit = commit.id;
                sub->outcome.targetSha = trailers.codesCommit;
                if (!trailers.releaseRef.isEmpty())
                    sub->outcome.ref = trailers.releaseRef;
                sub->approver = trailers.approvedBy.isEmpty() ? job->outcome.actor : trailers.approvedBy;
                sub->outcome.actedBy = sub->approver;
                sub->then = [this, job, sub] {
                    if (sub->outcome.ok())
                        ++job->recovered;
                    else
                        job->problems.append(sub->outcome.message);
                    recoverNext(job);
                };
                completeApproval(sub);
                return;
            }
            recoverNext(job);
        });
}

} // namespace Dockmaster
