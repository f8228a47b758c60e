#include "core/approvals/rollbackpreflight.h"

#include "core/approvals/releasegitlab.h"
#include "core/approvals/releasetrailers.h"
#include "core/git/gitworkspace.h"
#include "core/gitlab/gitlabclient.h"
#include "core/gitlab/releaserequestparser.h"

#include <QPointer>
#include <QSet>
#include <QTimer>

namespace Dockmaster {

struct RollbackPreflight::Job {
    QPointer<QObject> context;
    bool hasContext = false;
    Callback<RollbackPlan> planDone;                     // set for plan()
    Callback<QList<DeploymentHistoryEntry>> historyDone; // set for history()
    int maxCount = 100;
    RollbackPlan plan;
    QString codeProject;
    QString opsProject;
};

RollbackPreflight::RollbackPreflight(GitLabClient *client, GitWorkspace *workspace, const QString &rootGroup,
                                     QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_workspace(workspace)
    , m_rootGroup(rootGroup)
{
    qRegisterMetaType<RollbackPlan>();
    qRegisterMetaType<QList<DeploymentHistoryEntry>>();
}

RollbackPreflight::~RollbackPreflight() = default;

namespace {

template<typename T> PreflightResult<T> failure(const QString &message)
{
    PreflightResult<T> result;
    result.failed = true;
    result.error = message;
    return result;
}

} // namespace

void RollbackPreflight::fail(const JobPtr &job, const QString &message)
{
    if (job->hasContext && !job->context)
        return;
    if (auto planDone = std::exchange(job->planDone, {}))
        planDone(failure<RollbackPlan>(message));
    else if (auto historyDone = std::exchange(job->historyDone, {}))
        historyDone(failure<QList<DeploymentHistoryEntry>>(message));
}

void RollbackPreflight::failLater(const JobPtr &job, const QString &message)
{
    // The caller's call returns before any answer.
    QTimer::singleShot(0, this, [this, job, message] { fail(job, message); });
}

void RollbackPreflight::deliver(const JobPtr &job)
{
    if (job->hasContext && !job->context)
        return;
    if (auto planDone = std::exchange(job->planDone, {}))
        planDone({ job->plan, {}, false });
    else if (auto historyDone = std::exchange(job->historyDone, {}))
        historyDone({ job->plan.history, {}, false });
}

void RollbackPreflight::history(const QString &appId, Environment environment, int maxCount, QObject *context,
                                Callback<QList<DeploymentHistoryEntry>> done)
{
    auto job = std::make_shared<Job>();
    job->context = context;
    job->hasContext = context != nullptr;
    job->historyDone = std::move(done);
    job->maxCount = std::max(1, maxCount);
    job->plan.appId = appId;
    job->plan.environment = environment;
    if (!ReleaseRequestParser::isAppId(appId)) {
        failLater(job, tr("\"%1\" is not an app id (app and seven digits).").arg(appId));
        return;
    }
    job->codeProject = m_rootGroup + QStringLiteral("/apps/") + appId;
    job->opsProject = m_rootGroup + QStringLiteral("/ops/") + appId;
    readHistory(job, [this, job] { deliver(job); });
}

void RollbackPreflight::plan(const QString &appId, Environment environment, const QString &targetSha, QObject *context,
                             Callback<RollbackPlan> done)
{
    auto job = std::make_shared<Job>();
    job->context = context;
    job->hasContext = context != nullptr;
    job->planDone = std::move(done);
    job->maxCount = 200;
    job->plan.appId = appId;
    job->plan.environment = environment;
    job->plan.targetSha = targetSha;
    QString problem;
    if (!ReleaseRequestParser::isAppId(appId))
        problem = tr("\"%1\" is not an app id (app and seven digits).").arg(appId);
    else if (!targetSha.isEmpty() && !ReleaseTrailers::isFullSha(targetSha))
        problem = tr("\"%1\" is not a full commit id.").arg(targetSha);
    if (!problem.isEmpty()) {
        failLater(job, problem);
        return;
    }
    job->codeProject = m_rootGroup + QStringLiteral("/apps/") + appId;
    job->opsProject = m_rootGroup + QStringLiteral("/ops/") + appId;
    readHistory(job, [this, job] {
        RollbackPlan &plan = job->plan;
        if (plan.history.isEmpty()) {
            fail(job, tr("%1 of %2 has no deployments yet.").arg(environmentBranch(plan.environment), job->opsProject));
            return;
        }
        plan.liveCommit = plan.history.constFirst().commit;
        plan.liveSha = plan.history.constFirst().codesSha;
        // The newest earlier deployment that succeeded (or, without GitLab's
        // deployment records, the newest earlier pointer move).
        const bool haveStatuses
            = std::any_of(plan.history.cbegin(), plan.history.cend(),
                          [](const DeploymentHistoryEntry &e) { return !e.deploymentStatus.isEmpty(); });
        for (qsizetype i = 1; i < plan.history.size(); ++i) {
            const DeploymentHistoryEntry &entry = plan.history.at(i);
            if (entry.codesSha.isEmpty() || entry.codesSha == plan.liveSha)
                continue;
            if (haveStatuses && entry.deploymentStatus != QLatin1String("success"))
                continue;
            plan.previousSuccessfulSha = entry.codesSha;
            break;
        }
        if (plan.targetSha.isEmpty()) {
            if (plan.previousSuccessfulSha.isEmpty()) {
                fail(job,
                     tr("%1 has no earlier successful deployment to go back to.")
                         .arg(environmentDisplayName(plan.environment)));
                return;
            }
            plan.targetSha = plan.previousSuccessfulSha;
        }
        if (plan.targetSha == plan.liveSha)
            plan.warnings.append(tr("%1 is already live in %2: the rollback would change nothing.")
                                     .arg(plan.targetSha.left(12), environmentDisplayName(plan.environment)));
        m_client->commit(job->codeProject, plan.targetSha, this, [this, job](GitLabResult<GitLabCommit> result) {
            if (result.error.kind == GitLabError::Kind::NotFound) {
                job->plan.targetExists = false;
                job->plan.warnings.append(tr("Commit %1 no longer exists in %2 (the history was rewritten or the "
                                             "branch deleted). Deploying it would fail.")
                                              .arg(job->plan.targetSha.left(12), job->codeProject));
                deliver(job);
                return;
            }
            if (!result.ok()) {
                fail(job, tr("Could not look up %1: %2").arg(job->plan.targetSha.left(12), result.error.message));
                return;
            }
            job->plan.targetExists = true;
            compare(job);
        });
    });
}

void RollbackPreflight::readHistory(const JobPtr &job, std::function<void()> next)
{
    const QUrl url = ReleaseGitLab::repositoryUrl(m_client->baseUrl(), job->opsProject);
    m_workspace->gitlinkHistory(
        url, m_client->token(), environmentBranch(job->plan.environment), QStringLiteral("codes"), job->maxCount, this,
        [this, job, next = std::move(next)](const GitResult<QList<GitlinkHistoryEntry>> &result) {
            if (!result.ok()) {
                fail(job,
                     tr("Could not read the history of %1: %2")
                         .arg(environmentBranch(job->plan.environment), result.error));
                return;
            }
            for (const GitlinkHistoryEntry &entry : result.value) {
                DeploymentHistoryEntry item;
                item.commit = entry.commit.id;
                item.codesSha = entry.target;
                item.pointerMoved = entry.moved;
                item.author = entry.commit.authorName;
                item.when = entry.commit.when;
                item.summary = entry.commit.summary;
                const ReleaseTrailers::Trailers trailers = ReleaseTrailers::parse(entry.commit.message);
                item.approvedBy = trailers.approvedBy;
                item.releaseRequest = trailers.releaseRequest;
                item.deployTag = trailers.deployTag;
                item.rollbackTo = trailers.rollbackTo;
                job->plan.history.append(item);
            }
            GitLabClient::DeploymentQuery query;
            query.environment = environmentKey(job->plan.environment);
            query.maxPages = 3;
            m_client->deployments(job->opsProject, query, this,
                                  [this, job, next](GitLabResult<QList<GitLabDeployment>> deployments) {
                                      if (!deployments.ok() && deployments.error.isOffline()) {
                                          fail(job, deployments.error.message);
                                          return;
                                      }
                                      // Newest first: the newest deployment of a commit decides its status.
                                      QSet<QString> seen;
                                      QHash<QString, GitLabDeployment> bySha;
                                      for (const GitLabDeployment &d : std::as_const(deployments.value)) {
                                          if (!seen.contains(d.sha)) {
                                              seen.insert(d.sha);
                                              bySha.insert(d.sha, d);
                                          }
                                      }
                                      for (DeploymentHistoryEntry &item : job->plan.history) {
                                          const auto it = bySha.constFind(item.commit);
                                          if (it != bySha.cend()) {
                                              item.deploymentStatus = it->status;
                                              item.pipelineId = it->pipelineId;
                                          }
                                      }
                                      next();
                                  });
        });
}

void RollbackPreflight::compare(const JobPtr &job)
{
    RollbackPlan &plan = job->plan;
    if (plan.liveSha.isEmpty() || plan.targetSha == plan.liveSha) {
        deliver(job);
        return;
    }
    // From the target to the live version: what the rollback takes away.
    m_client->compare(
        job->codeProject, plan.targetSha, plan.liveSha, this, [this, job](GitLabResult<GitLabCompare> result) {
            if (!result.ok()) {
                if (result.error.kind == GitLabError::Kind::NotFound) {
                    job->plan.warnings.append(tr("The live version %1 no longer exists in %2; what the "
                                                 "rollback undoes cannot be shown.")
                                                  .arg(job->plan.liveSha.left(12), job->codeProject));
                    deliver(job);
                    return;
                }
                fail(job,
                     tr("Could not compare %1 with %2: %3")
                         .arg(job->plan.targetSha.left(12), job->plan.liveSha.left(12), result.error.message));
                return;
            }
            for (const GitLabCommit &commit : std::as_const(result.value.commits)) {
                job->plan.undoneCommits.append({ commit.id, commit.title, commit.authorName, commit.committedDate });
            }
            for (const GitLabDiff &diff : std::as_const(result.value.diffs))
                job->plan.changedFiles.append(diff.newPath.isEmpty() ? diff.oldPath : diff.newPath);
            if (result.value.compareTimeout)
                // compare_timeout is the diff list's overflow flag (lib/api/entities/compare.rb): GitLab
                // cut the comparison at its diff limits, it did not time out.
                job->plan.warnings.append(tr("GitLab truncated this comparison (too many files or lines); the list "
                                             "may be incomplete. Review the rest in GitLab."));
            deliver(job);
        });
}

} // namespace Dockmaster
