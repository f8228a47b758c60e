#pragma once

#include "core/approvals/approvaltypes.h"
#include "core/git/gittypes.h"

#include <QHash>
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
// target no longer exists. Share the ReleaseApprover's workspace.
class RollbackPreflight final : public QObject
{
    Q_OBJECT
public:
    RollbackPreflight(GitLabClient *client, GitWorkspace *workspace, const QString &rootGroup,
                      QObject *parent = nullptr);
    ~RollbackPreflight() override;

    // targetSha empty: the previous successful deployment.
    quint64 plan(const QString &appId, Environment environment, const QString &targetSha = QString());
    quint64 history(const QString &appId, Environment environment, int maxCount = 100);

Q_SIGNALS:
    void planReady(quint64 id, const Dockmaster::RollbackPlan &plan);
    void historyReady(quint64 id, const QList<Dockmaster::DeploymentHistoryEntry> &entries);
    void failed(quint64 id, const QString &message);

private:
    struct Job;
    using JobPtr = std::shared_ptr<Job>;
    void readHistory(const JobPtr &job, std::function<void()> next);
    void compare(const JobPtr &job);
    void fail(const JobPtr &job, const QString &message);

    GitLabClient *m_client;
    GitWorkspace *m_workspace;
    QString m_rootGroup;
    quint64 m_nextId = 1;
    QHash<quint64, std::function<void(bool ok, const QList<GitlinkHistoryEntry> &, const QString &)>> m_git;
};

} // namespace Dockmaster
