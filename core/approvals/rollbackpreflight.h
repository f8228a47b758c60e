#pragma once

#include "core/approvals/approvaltypes.h"
#include "core/git/gittypes.h"

#include <QObject>

#include <functional>
#include <memory>

namespace Dockmaster {

class GitLabClient;
class GitWorkspace;

// Reads an environment's deployment history (the environment branch's log
// with the `codes` pointer of each commit, joined with GitLab's deployments)
// and, for a rollback, what going back to a target SHA would undo (GitLab
// compare in repo A from the target to the live SHA), warning when the
// target no longer exists. Share the ReleaseApprover's workspace. Each call
// answers once through `done`, on this object's thread, unless `context` was
// destroyed meanwhile (as with GitLabClient).
class RollbackPreflight final : public QObject
{
    Q_OBJECT
public:
    RollbackPreflight(GitLabClient *client, GitWorkspace *workspace, const QString &rootGroup,
                      QObject *parent = nullptr);
    ~RollbackPreflight() override;

    template<typename T> using Callback = std::function<void(PreflightResult<T>)>;

    // targetSha empty: the previous successful deployment.
    void plan(const QString &appId, Environment environment, const QString &targetSha, QObject *context,
              Callback<RollbackPlan> done);
    void history(const QString &appId, Environment environment, int maxCount, QObject *context,
                 Callback<QList<DeploymentHistoryEntry>> done);

private:
    struct Job;
    using JobPtr = std::shared_ptr<Job>;
    void readHistory(const JobPtr &job, std::function<void()> next);
    void compare(const JobPtr &job);
    void fail(const JobPtr &job, const QString &message);
    void failLater(const JobPtr &job, const QString &message);
    void deliver(const JobPtr &job);

    GitLabClient *m_client;
    GitWorkspace *m_workspace;
    QString m_rootGroup;
};

} // namespace Dockmaster
