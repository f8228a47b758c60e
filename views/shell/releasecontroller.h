#pragma once

#include "core/approvals/approvaltypes.h"
#include "core/approvals/durabledeployments.h"
#include "core/approvals/releaseapprover.h"
#include "core/approvals/takeovertiming.h"
#include "core/domain/records.h"
#include "core/profile/profile.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>
#include <memory>

class QDialog;

namespace KSyntaxHighlighting {
class Repository;
}

namespace Dockmaster {

class ApplicationsModel;
class CacheService;
class DurableDeployments;
class PipelineFollower;
class GitLabClient;
class MainWindow;
class ReviewPane;
class RollbackPreflight;

// The admin's release actions from the panels to GitLab: confirms what will
// happen (approve, reject, deploy a tag, roll back after a preflight), runs it
// through the ReleaseApprover, follows the pipeline it starts in the
// Deployments dock, and notifies when it ends. Every action is audited.
class ReleaseController final : public QObject
{
    Q_OBJECT
public:
    ReleaseController(GitLabClient *client, MainWindow *window, QObject *parent = nullptr);
    ~ReleaseController() override;

    // (Re)creates the approver for a profile (root group, approval rules);
    // clones go below cacheRoot; the profile's journal in `store` keeps what
    // a tag deploy or rollback must finish after a crash (may be null: then
    // only GitLab's markers are used).
    void configure(const Profile &profile, const QString &cacheRoot, CacheService *store = nullptr);
    // The profile's approval settings changed in Settings: the next actions follow them.
    void setApprovalRules(const Profile &profile);
    void setAdmin(const QString &login) { m_admin = login; }
    void setCommitEmail(const QString &email);
    void setOnline(bool online);
    // Once per session when online: completes approvals a crash left half-done.
    void recoverOnce();
    // After each sync: resumes releases that sit at release::approved with
    // nobody here following them, and tag deploys and rollbacks at the head
    // of an environment branch with no result (another console stopped
    // mid-way), once they are older than the timing's afterMs.
    void resumeUnfinished(const QList<ReleaseRequest> &requests);
    void setTakeOverTiming(const TakeOverTiming &timing) { m_takeOver = timing; }

    void approve(const ReleaseRequest &request);
    void reject(const ReleaseRequest &request, const QString &reason);
    // Shows the review (diff and risk flags from the live version to the tag)
    // before deploying, like an approval.
    void deployTag(const QString &appId, Environment environment, const QString &tag, const QString &tagSha);
    // What the review of a tag deploy needs: the apps (live SHAs, repository
    // ids) and the shared syntax repository for the diff.
    void setReviewContext(const ApplicationsModel *apps, const KSyntaxHighlighting::Repository *syntax);
    void rollback(const QString &appId, Environment environment, const QString &targetSha);
    // The review pane whose finished review of a request the approval
    // confirmation shows (unscanned files and flags to acknowledge).
    void setReviewPane(ReviewPane *pane);

    // Each environment's deployment history from its branch's git log (the
    // `codes` pointer of every commit, with tags and approvers); historyLoaded() follows.
    void loadHistory(const QString &appId);

    // Confirmation dialogs are skipped (tests drive the flow without a person).
    void setConfirmationsEnabled(bool enabled) { m_confirm = enabled; }
    // Online, configured, and the admin's GitLab account is known.
    // Not while recovery runs: it would take an approval still in flight for
    // an interrupted one.
    bool canAct() const { return m_backend && m_online && !m_admin.isEmpty() && m_recovered && !m_recovering; }

Q_SIGNALS:
    void auditEntry(const Dockmaster::AuditEntry &entry);
    void releaseChanged(); // GitLab changed: time to sync
    void outcomeReady(const Dockmaster::ReleaseOutcome &outcome);
    void deploymentFinished(const QString &appId, Dockmaster::Environment environment, const QString &status);
    void reviewDialogOpened(QDialog *dialog);
    // The approval confirmation is open (tests answer it); the action follows when it is accepted.
    void approvalConfirmationOpened(QDialog *dialog);
    void historyLoaded(const QString &appId, Dockmaster::Environment environment,
                       const QList<Dockmaster::DeploymentHistoryEntry> &entries);

private:
    bool ready(const QString &what);
    void runRecovery(ReleaseApprover::RecoverScope scope);
    QString requestKeyOf(const QString &appId, qint64 iid) const;
    // Runs `then` once the admin confirms (at once when confirmations are off).
    void confirm(const QString &title, const QString &text, const QString &acceptLabel, std::function<void()> then);
    void startApproval(const ReleaseRequest &request, const QStringList &acknowledged);
    void startRollback(const RollbackPlan &plan);
    void onFinished(quint64 id, const ReleaseOutcome &outcome);
    void onPlan(const RollbackPlan &plan);
    // entry: the Deployments dock row to update (0: add one).
    void follow(const ReleaseOutcome &outcome, int entry);
    void attach(PipelineFollower *follower, const ReleaseOutcome &outcome, int entry, const QString &title,
                const QString &requestKey);
    // The environment branches whose tag deploys and rollbacks another
    // console may have left unfinished: those of apps active lately.
    QList<DeploymentBranch> recentBranches() const;
    // Every intervalMs: the tag deploys and rollbacks another console left.
    void lookForAbandonedDeployments();
    int startEntry(const QString &title, const QString &detail);
    void startDeployTag(const QString &appId, Environment environment, const QString &tag);

    // What configure() builds for a profile. The preflight reads the
    // approver's clone: declared after it, it is destroyed first.
    struct Backend {
        std::unique_ptr<ReleaseApprover> approver;
        std::unique_ptr<RollbackPreflight> preflight;
        std::unique_ptr<DurableDeployments> deployments; // uses the approver
    };

    GitLabClient *m_client;
    QPointer<MainWindow> m_window;
    std::unique_ptr<Backend> m_backend; // null until configured
    QPointer<CacheService> m_store;     // the profile's journal, if any
    QString m_commitEmail;
    const ApplicationsModel *m_apps = nullptr;
    QPointer<ReviewPane> m_reviewPane;
    const KSyntaxHighlighting::Repository *m_syntax = nullptr;
    QString m_admin;
    bool m_online = false;
    bool m_recovered = false;
    bool m_recovering = false;
    bool m_confirm = true;
    QHash<quint64, int> m_entryOfAction;    // approver id -> Deployments dock row
    QHash<QString, int> m_entryOfOperation; // tag deploy or rollback id -> its dock row, until followed
    QSet<QString> m_following;              // request keys whose pipeline a follower here watches
    QElapsedTimer m_lastResume;             // the last recovery pass
    QElapsedTimer m_lastLook;               // the last look for abandoned tag deploys and rollbacks
    TakeOverTiming m_takeOver;
    // How soon a lost answer after the push is completed.
    static constexpr int RetryAfterLostAnswerMs = 5000;
};

} // namespace Dockmaster
