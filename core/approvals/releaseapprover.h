#pragma once

#include "core/approvals/approvaltypes.h"
#include "core/approvals/pipelinefollower.h"
#include "core/approvals/releasejob.h"
#include "core/approvals/testreleasecheck.h"
#include "core/domain/records.h"
#include "core/git/gittypes.h"
#include "core/gitlab/gitlabtypes.h"

#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>
#include <memory>

namespace Dockmaster {

class GitLabClient;
class GitWorkspace;

// Carries out the admin actions on releases: approve, reject, deploy a tag,
// roll back, and finish approvals a crash left half-done. A deployment is a
// commit on the environment branch of the app's management repository that
// moves the `codes` submodule to a pinned SHA; git's fast-forward rule and a
// trailer per request make racing consoles safe. Every call returns at once
// with an id; the result arrives through finished() on the caller's thread.
// Each call runs as one job (approvejob, rejectjob, pointermovejob,
// recoverjob); the approver owns the jobs, so they end when it does.
class ReleaseApprover final : public QObject
{
    Q_OBJECT
public:
    ReleaseApprover(GitLabClient *client, const ApprovalOptions &options, QObject *parent = nullptr);
    ~ReleaseApprover() override;

    // The admin's commit email from GET /user (commit_email), so GitLab links
    // the pointer commits to the admin's profile. Empty: GitLab's private form.
    void setCommitEmail(const QString &email) { m_commitEmail = email; }
    // Runs before the first push of every tag deploy and rollback from now
    // on (ReleaseJobSetup::beforePush); DurableDeployments records its intent there.
    void setBeforePush(std::function<void(const ReleaseOutcome &, std::function<void()>)> hook)
    {
        m_beforePush = std::move(hook);
    }
    // The audit origin of a tag deploy's or rollback's outcome: "<operation>:pushed"
    // once its commit is on the branch, "<operation>:ended" when it deployed nothing.
    static QString pushedOrigin(const QString &operationId);
    // An audit entry of outcome's actor, action, app and environment, now.
    static AuditEntry auditEntryOf(const ReleaseOutcome &outcome);
    static QString endedOrigin(const QString &operationId);

    const ApprovalOptions &options() const { return m_options; }
    // The profile's approval rules changed (Settings): actions started from
    // now on follow them; running ones keep the rules they started with.
    void setApprovalRules(int productionApprovals, int testApprovals, bool refuseProductionBeforeTest,
                          bool twoPersonRuleProduction);
    // For a production request, where the test release of the same version
    // stands (what the approval will warn about or refuse); a test request
    // gets a Clear answer at once. `done` runs on `context`'s thread unless
    // `context` goes first.
    void checkTestRelease(const ReleaseRequest &request, QObject *context,
                          std::function<void(const TestReleaseCheck &)> done);
    // Shared with RollbackPreflight: one clone folder, one libgit2 thread.
    GitWorkspace *workspace() const { return m_workspace; }

    // While offline every action is refused at once (nothing is queued).
    void setOnline(bool online) { m_online = online; }
    bool isOnline() const { return m_online; }

    // request: projectId, iid and appId are required; environment and
    // requestedRef are what the admin reviewed (a mismatch with the issue
    // now refuses); resolvedSha, when set, is the SHA that was shown and is
    // deployed, otherwise the ref is resolved and pinned now.
    // acknowledged: what the admin ticked in the confirmation (risk flags,
    // unscanned files), recorded in the approval comment and the audit log.
    // Where the environment needs several admins, an approval that is not the
    // last is recorded on the request and deploys nothing
    // (ReleaseOutcome::isPartialApproval()).
    quint64 approve(const ReleaseRequest &request, const QString &admin, const QStringList &acknowledged = {});
    quint64 reject(const ReleaseRequest &request, const QString &admin, const QString &reason);
    quint64 deployTag(const QString &appId, Environment environment, const QString &tagOrSha, const QString &admin);
    // targetSha: a full commit id of repo A (from RollbackPreflight).
    // expectedLiveSha (RollbackPlan::liveSha): when set, the rollback is
    // refused if another version went live since the preflight.
    quint64 rollback(const QString &appId, Environment environment, const QString &targetSha, const QString &admin,
                     const QString &expectedLiveSha = QString());
    // Finds requests whose approval commit is already on their environment
    // branch and completes comment and labels, never a second commit: pending
    // ones (the console stopped between push and labels) and, with
    // RecoverScope::Everything, approved ones too (the console stopped, or
    // lost an answer, before the pipeline's result was recorded: whoever
    // started it). One finished() (action Recover) per such request, so its
    // pipeline can be followed to the end, then recoveryFinished().
    // `skip`: request keys (ReleaseTrailers::requestKey) this console is
    // already following.
    enum class RecoverScope { Everything, ApprovedOnly };
    quint64 recover(const QString &admin, RecoverScope scope = RecoverScope::Everything,
                    const QSet<QString> &skip = {});

    QString codeProjectPath(const QString &appId) const;
    QString opsProjectPath(const QString &appId) const;
    // What a PipelineFollower needs to follow the deployment an outcome pushed
    // (and, for approvals, to finish the request when the pipeline ends).
    PipelineFollowTarget followTarget(const ReleaseOutcome &outcome) const;

Q_SIGNALS:
    void progress(quint64 id, const QString &step);
    void finished(quint64 id, const Dockmaster::ReleaseOutcome &outcome);
    void recoveryFinished(quint64 id, int completed, const QString &problems);
    void auditEntry(const Dockmaster::AuditEntry &entry);

private:
    ReleaseJobSetup setup();
    void report(quint64 id, const ReleaseOutcome &outcome);

    GitLabClient *m_client;
    QString m_commitEmail;
    std::function<void(const ReleaseOutcome &, std::function<void()>)> m_beforePush;
    ApprovalOptions m_options;
    GitWorkspace *m_workspace;
    bool m_online = true;
    quint64 m_nextId = 1;
};

} // namespace Dockmaster
