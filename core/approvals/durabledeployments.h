#pragma once

#include "core/approvals/approvaltypes.h"
#include "core/approvals/pipelinefollower.h"
#include "core/domain/records.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <functional>

namespace Dockmaster {

class CacheService;
class GitLabClient;
class JournalDatabase;
class ReleaseApprover;
struct PendingIntent;

// The environment branch of an app, where a second console looks for a tag
// deploy or rollback nobody finished.
struct DeploymentBranch {
    QString appId;
    Environment environment = Environment::Test;
};

// Makes tag deploys and rollbacks operations that are finished exactly once,
// whichever console started them and wherever it stopped. GitLab holds what
// every console can see: the commit's Dockmaster-Operation trailer (the push
// happened, and happens once) and a finished marker in a comment on that
// commit (the pipeline's result is recorded). This console's journal holds
// what only it knows: a pending intent, put before the push and removed once
// the result is recorded, and audit rows with an origin, so a row written
// again after a crash is not written twice.
//
// Steps of one operation: intent put -> commit pushed -> outcome audited
// (origin <op>:pushed) -> pipeline followed -> result commented on the commit
// -> result audited (<op>:finished) -> intent removed. resume() finishes any
// of them from GitLab's state: this console's intents first, then the heads
// of the branches it is given (another console's operations). A console
// that keeps running calls lookForAbandoned() now and then: another
// console may die while this one runs.
class DurableDeployments final : public QObject
{
    Q_OBJECT
public:
    // `store`'s journal keeps the intents; audit rows go out through auditEntry().
    DurableDeployments(GitLabClient *client, ReleaseApprover *approver, CacheService *store, QObject *parent = nullptr);
    ~DurableDeployments() override;

    void setFollowOptions(const PipelineFollowOptions &options) { m_followOptions = options; }
    // Only the heads committed within this many seconds are taken over from
    // another console (older ones predate it or were looked at long ago).
    void setTakeOverWindow(qint64 seconds) { m_takeOverSeconds = seconds; }

    // admin: this console's GitLab user, the actor of what it records.
    void resume(const QString &admin, const QList<DeploymentBranch> &branches);
    // After resume(): takes over the operations at the heads of `branches`
    // that were pushed at least minAgeSeconds ago and are still unfinished
    // (younger ones are left to the console that pushed them). Does nothing
    // while a resume or another look runs.
    void lookForAbandoned(const QList<DeploymentBranch> &branches, qint64 minAgeSeconds);
    // Following or resuming anything.
    bool isBusy() const { return m_resuming || m_looking || !m_followers.isEmpty() || m_settling > 0; }

Q_SIGNALS:
    // A pipeline follower started for a tag deploy or rollback (jobId: the
    // approver's id, 0 when resumed); it is ours, connect to it for progress.
    void following(quint64 jobId, const Dockmaster::ReleaseOutcome &outcome, Dockmaster::PipelineFollower *follower);
    void auditEntry(const Dockmaster::AuditEntry &entry);
    // The intent of operationId is on disk; its push starts now.
    void intentRecorded(const QString &operationId);
    // resume() looked at everything it was given (what it follows may still run).
    void resumed(int followed);
    // lookForAbandoned() looked at every branch.
    void looked(int followed);
    void idle();

private:
    void beforePush(const ReleaseOutcome &outcome, std::function<void()> proceed);
    void onFinished(quint64 id, const ReleaseOutcome &outcome);
    void follow(quint64 jobId, const ReleaseOutcome &outcome);
    void settle(const PendingIntent &intent, std::function<void()> next);
    void settleOutcome(const ReleaseOutcome &outcome, std::function<void()> next);
    void takeOver(const DeploymentBranch &branch, qint64 minAgeSeconds, std::function<void()> next);
    // takeOver() of each branch in turn, then `done`.
    void takeOverEach(const QList<DeploymentBranch> &branches, qint64 minAgeSeconds, std::function<void()> done);
    void recordFinished(const ReleaseOutcome &outcome, const QString &detail);
    void removeIntent(const QString &operationId);
    void withJournal(std::function<void(JournalDatabase &)> job, std::function<void()> then);
    void checkIdle();

    GitLabClient *m_client;
    ReleaseApprover *m_approver;
    CacheService *m_store;
    PipelineFollowOptions m_followOptions;
    qint64 m_takeOverSeconds = 24 * 3600;
    QString m_admin;
    QHash<QString, PipelineFollower *> m_followers; // by operation id
    QSet<QString> m_seen;                           // operations resume() already handled
    QSet<QString> m_intents;                        // put before a push in this session
    bool m_resuming = false;
    bool m_looking = false;
    int m_settling = 0;
    int m_followed = 0;
};

} // namespace Dockmaster
