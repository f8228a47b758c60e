#include "core/approvals/pointermovejob.h"

#include "core/approvals/releaseapprover.h"
#include "core/approvals/releasegitlab.h"
#include "core/approvals/releasetrailers.h"
#include "core/git/gitworkspace.h"
#include "core/gitlab/gitlabclient.h"
#include "core/gitlab/releaserequestparser.h"

#include <QTimer>

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

void PointerMoveJob::movePointer()
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
                    movePointer();
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
    lookupPipeline(0, [this] {
        const QString env = environmentDisplayName(m_outcome.environment);
        const QString message = m_outcome.action == ReleaseOutcome::Action::Rollback
            ? ReleaseApprover::tr("Rolling %1 of %2 back to %3 (commit %4).")
                  .arg(env, m_outcome.appId, m_outcome.targetSha.left(12), m_outcome.commit.left(12))
            : ReleaseApprover::tr("Deploying %1 (%2) to %3 of %4 (commit %5).")
                  .arg(m_outcome.ref, m_outcome.targetSha.left(12), env, m_outcome.appId, m_outcome.commit.left(12));
        finish(ReleaseOutcome::Kind::Succeeded, message);
    });
}

void DeployTagJob::start(const QString &appId, Environment environment, const QString &tagOrSha)
{
    m_outcome.appId = appId;
    m_outcome.environment = environment;
    m_outcome.ref = tagOrSha;
    if (refuseEarly())
        return;
    QTimer::singleShot(0, this, [this] {
        resolveTarget(m_outcome.ref, [this] {
            m_message = ReleaseTrailers::deployTagMessage(environmentKey(m_outcome.environment), m_outcome.ref,
                                                          m_outcome.targetSha, m_outcome.actor);
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
    QTimer::singleShot(0, this, [this] {
        resolveTarget(m_outcome.ref, [this] {
            m_message = ReleaseTrailers::rollbackMessage(environmentKey(m_outcome.environment), m_outcome.targetSha,
                                                         m_expectedCurrent, m_outcome.actor);
            movePointer();
        });
    });
}

} // namespace Dockmaster
