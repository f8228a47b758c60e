#include "core/approvals/pointermovejob.h"

#include "core/approvals/releaseapprover.h"
#include "core/approvals/releasegitlab.h"
#include "core/approvals/releasetrailers.h"
#include "core/git/gitworkspace.h"
#include "core/gitlab/gitlabclient.h"
#include "core/gitlab/releaserequestparser.h"

#include <QPointer>
#include <QTimer>

#include <utility>

namespace Dockmaster {

void PointerMoveJob::resolveTarget(const QString &ref, std::function<void()> next)
{
    if (!ReleaseRequestParser::isAcceptableRef(ref)) {
        finish(ReleaseOutcome::Kind::RefusedByRule,
               ReleaseApprover::tr("\"%1\" is not an acceptable tag, branch or commit name.").arg(ref));
        return;
    }
    reportProgress(ReleaseApprover::tr("Resolving %1 in %2…").arg(ref, m_codeProject));
    client()->commit(m_codeProject, ref, this, [this, ref, next = std::move(next)](GitLabResult<GitLabCommit> result) {
        if (result.error.kind == GitLabError::Kind::NotFound) {
            finish(ReleaseOutcome::Kind::Failed,
                   ReleaseApprover::tr("%1 does not exist in %2: there is no such tag, branch or commit. Nothing was "
                                       "deployed.")
                       .arg(ref, m_codeProject));
            return;
        }
        if (!result.ok()) {
            finishWithError(result.error, ReleaseApprover::tr("Could not resolve %1: %2").arg(ref));
            return;
        }
        if (!ReleaseTrailers::isFullSha(result.value.id)) {
            finish(
                ReleaseOutcome::Kind::Failed,
                ReleaseApprover::tr("GitLab answered %1 for %2, which is not a commit id.").arg(result.value.id, ref));
            return;
        }
        // A moving branch is pinned here: only this SHA is deployed.
        m_outcome.targetSha = result.value.id;
        next();
    });
}

void PointerMoveJob::startOperation()
{
    m_outcome.operationId = ReleaseTrailers::newOperationId();
    // A push whose answer was lost and is tried again finds its own commit.
    m_guardLine = ReleaseTrailers::operationLine(m_outcome.operationId);
}

void PointerMoveJob::movePointer()
{
    if (m_setup.beforePush && !m_outcome.operationId.isEmpty() && !std::exchange(m_announced, true)) {
        m_setup.beforePush(m_outcome, [job = QPointer<PointerMoveJob>(this)] {
            if (job)
                job->pushPointer();
        });
        return;
    }
    pushPointer();
}

void PointerMoveJob::pushPointer()
{
    GitlinkMove move;
    move.target = m_outcome.targetSha;
    move.message = m_message;
    move.author = { m_outcome.actor,
                    m_setup.commitEmail.isEmpty()
                        ? m_outcome.actor + QStringLiteral("@users.noreply.") + client()->baseUrl().host()
                        : m_setup.commitEmail };
    move.guardLine = m_guardLine;
    move.guardDepth = options().branchScanDepth;
    move.expectedCurrent = m_expectedCurrent;
    ++m_pushAttempts;
    const QString branch = environmentBranch(m_outcome.environment);
    reportProgress(ReleaseApprover::tr("Committing %1 to %2 of %3…").arg(move.target.left(12), branch, m_opsProject));
    const QUrl url = ReleaseGitLab::repositoryUrl(client()->baseUrl(), m_opsProject);
    m_setup.workspace->moveGitlink(
        url, client()->token(), branch, move, this, [this, branch](const GitResult<GitlinkMoveResult> &result) {
            if (!result.ok()) {
                finish(ReleaseOutcome::Kind::Failed,
                       ReleaseApprover::tr("Could not commit the deployment to %1: %2 Nothing was deployed.")
                           .arg(branch, result.error));
                return;
            }
            if (const auto &rejection = result.value.rejection) {
                // Someone pushed to the branch meanwhile. Once more on top of
                // it: the worker re-fetches and looks for this request's
                // trailer first, so a race never makes two commits.
                if (m_retryOnRejection && m_pushAttempts < 2) {
                    pushPointer();
                    return;
                }
                if (!m_retryOnRejection) {
                    finish(ReleaseOutcome::Kind::LostRace,
                           ReleaseApprover::tr("Someone changed %1 of %2 meanwhile (it is now at %3). Nothing was "
                                               "deployed; review the change again.")
                               .arg(branch, m_opsProject, rejection->remoteHead.left(12)));
                    return;
                }
                finish(ReleaseOutcome::Kind::Failed,
                       ReleaseApprover::tr("%1 of %2 kept changing while Dockmaster pushed. Nothing was deployed; try "
                                           "again.")
                           .arg(branch, m_opsProject));
                return;
            }
            onMoved(result.value);
        });
}

void PointerMoveJob::onMoved(const GitlinkMoveResult &result)
{
    m_outcome.commit = result.commit;
    lookupPipeline(0, [this] { finish(ReleaseOutcome::Kind::Succeeded, movedMessage(m_outcome)); });
}

QString PointerMoveJob::movedMessage(const ReleaseOutcome &outcome)
{
    const QString env = environmentDisplayName(outcome.environment);
    return outcome.action == ReleaseOutcome::Action::Rollback
        ? ReleaseApprover::tr("Rolling %1 of %2 back to %3 (commit %4).")
              .arg(env, outcome.appId, outcome.targetSha.left(12), outcome.commit.left(12))
        : ReleaseApprover::tr("Deploying %1 (%2) to %3 of %4 (commit %5).")
              .arg(outcome.ref, outcome.targetSha.left(12), env, outcome.appId, outcome.commit.left(12));
}

void DeployTagJob::start(const QString &appId, Environment environment, const QString &tagOrSha)
{
    m_outcome.appId = appId;
    m_outcome.environment = environment;
    m_outcome.ref = tagOrSha;
    if (refuseEarly())
        return;
    startOperation();
    QTimer::singleShot(0, this, [this] {
        resolveTarget(m_outcome.ref, [this] {
            m_message = ReleaseTrailers::deployTagMessage(environmentKey(m_outcome.environment), m_outcome.ref,
                                                          m_outcome.targetSha, m_outcome.actor, m_outcome.operationId);
            movePointer();
        });
    });
}

void RollbackJob::start(const QString &appId, Environment environment, const QString &targetSha,
                        const QString &expectedLiveSha)
{
    m_outcome.appId = appId;
    m_outcome.environment = environment;
    m_outcome.ref = targetSha;
    // The preflight showed what is undone relative to the live version; if
    // the branch moved since, that is stale: refuse instead of retrying.
    m_retryOnRejection = false;
    if (refuseEarly())
        return;
    if (!ReleaseTrailers::isFullSha(targetSha)
        || (!expectedLiveSha.isEmpty() && !ReleaseTrailers::isFullSha(expectedLiveSha))) {
        finishLater(ReleaseOutcome::Kind::RefusedByRule,
                    ReleaseApprover::tr("A rollback needs the full commit id of the version to go back to."));
        return;
    }
    m_expectedCurrent = expectedLiveSha;
    startOperation();
    QTimer::singleShot(0, this, [this] {
        resolveTarget(m_outcome.ref, [this] {
            m_message = ReleaseTrailers::rollbackMessage(environmentKey(m_outcome.environment), m_outcome.targetSha,
                                                         m_expectedCurrent, m_outcome.actor, m_outcome.operationId);
            movePointer();
        });
    });
}

} // namespace Dockmaster
