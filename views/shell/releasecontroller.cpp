#include "views/shell/releasecontroller.h"

#include "core/approvals/durabledeployments.h"
#include "core/approvals/pipelinefollower.h"
#include "core/approvals/releaseapprover.h"
#include "core/approvals/releasetrailers.h"
#include "core/approvals/rollbackpreflight.h"
#include "core/cache/cacheservice.h"
#include "core/gitlab/gitlabclient.h"
#include "core/review/reviewloader.h"
#include "core/util/lookalike.h"
#include "core/util/untrustedtext.h"
#include "models/applicationsmodel.h"
#include "views/deploy/deploymentprogresspanel.h"
#include "views/dialogs.h"
#include "views/mainwindow.h"
#include "views/review/approvalconfirmdialog.h"
#include "views/review/reviewpane.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace Dockmaster {

ReleaseController::ReleaseController(GitLabClient *client, MainWindow *window, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_window(window)
{
}

ReleaseController::~ReleaseController() = default;

void ReleaseController::configure(const Profile &profile, const QString &cacheRoot, CacheService *store)
{
    const QString &rootGroup = profile.rootGroup;
    ApprovalOptions options;
    options.rootGroup = rootGroup;
    options.twoPersonRuleProduction = profile.requireSecondApprover;
    options.productionApprovals = profile.productionApprovals;
    options.testApprovals = profile.testApprovals;
    options.refuseProductionBeforeTest = profile.refuseProductionBeforeTest;
    options.cacheRoot = cacheRoot;
    auto backend = std::make_unique<Backend>();
    backend->approver = std::make_unique<ReleaseApprover>(m_client, options);
    backend->preflight = std::make_unique<RollbackPreflight>(m_client, backend->approver->workspace(), rootGroup);
    m_backend = std::move(backend); // the previous one, if any, goes in its own order
    ReleaseApprover *approver = m_backend->approver.get();
    approver->setOnline(m_online);
    approver->setCommitEmail(m_commitEmail);
    connect(approver, &ReleaseApprover::finished, this, &ReleaseController::onFinished);
    connect(approver, &ReleaseApprover::auditEntry, this, &ReleaseController::auditEntry);
    connect(approver, &ReleaseApprover::progress, this, [this](quint64 id, const QString &step) {
        if (m_window && m_entryOfAction.contains(id))
            m_window->showError(step);
    });
    connect(approver, &ReleaseApprover::recoveryFinished, this,
            [this](quint64, int completed, const QString &problems) {
                m_recovering = false;
                if (completed > 0) {
                    m_window->notify(tr("Interrupted releases resumed"),
                                     tr("%n release(s) that an approval left unfinished now have their comment and "
                                        "labels; their pipelines are followed to the end.",
                                        nullptr, completed));
                    Q_EMIT releaseChanged();
                }
                if (!problems.isEmpty())
                    m_window->showError(problems);
            });
    // After onFinished is connected: it notes the dock row of a tag deploy
    // or rollback before DurableDeployments starts following it.
    m_store = store;
    if (store) {
        m_backend->deployments = std::make_unique<DurableDeployments>(m_client, approver, store);
        DurableDeployments *deployments = m_backend->deployments.get();
        connect(deployments, &DurableDeployments::auditEntry, this, &ReleaseController::auditEntry);
        connect(deployments, &DurableDeployments::following, this,
                [this](quint64, const ReleaseOutcome &outcome, PipelineFollower *follower) {
                    const int entry = m_entryOfOperation.take(outcome.operationId);
                    attach(follower, outcome, entry, tr("Resumed deployment"), QString());
                });
    }
    m_recovered = false;
    m_recovering = false;
    m_following.clear();
    m_entryOfOperation.clear();
    m_lastResume.invalidate();
    m_lastLook.invalidate();
}

QList<DeploymentBranch> ReleaseController::recentBranches() const
{
    // Pushes mark a project active (at most hourly): an app not active for a
    // day has no deployment of the last day to finish.
    static constexpr int MaxBranches = 200;
    QList<DeploymentBranch> branches;
    if (!m_apps)
        return branches;
    const QDateTime since = QDateTime::currentDateTimeUtc().addDays(-1);
    for (int row = 0; row < m_apps->rowCount() && branches.size() < MaxBranches; ++row) {
        const AppRecord &app = m_apps->itemAt(row);
        if (!app.updatedAt.isValid() || app.updatedAt < since)
            continue;
        for (const EnvironmentState &state : app.environments)
            branches.append({ app.id, state.environment });
    }
    return branches;
}

void ReleaseController::setApprovalRules(const Profile &profile)
{
    if (m_backend)
        m_backend->approver->setApprovalRules(profile.productionApprovals, profile.testApprovals,
                                              profile.refuseProductionBeforeTest, profile.requireSecondApprover);
}

QString ReleaseController::requestKeyOf(const QString &appId, qint64 iid) const
{
    return ReleaseTrailers::requestKey(m_backend->approver->codeProjectPath(appId), iid);
}

void ReleaseController::runRecovery(ReleaseApprover::RecoverScope scope)
{
    m_recovering = true;
    m_lastResume.start();
    m_backend->approver->recover(m_admin, scope, m_following);
}

void ReleaseController::resumeUnfinished(const QList<ReleaseRequest> &requests)
{
    if (!canAct())
        return;
    lookForAbandonedDeployments();
    if (m_lastResume.isValid() && m_lastResume.elapsed() < m_takeOver.intervalMs)
        return;
    // Approved a while ago and followed by nobody here: the console that
    // approved it stopped (or is following a long pipeline, which
    // finishedMarker makes harmless to follow twice).
    const QDateTime settled = QDateTime::currentDateTimeUtc().addMSecs(-m_takeOver.afterMs);
    const bool orphaned = std::any_of(requests.cbegin(), requests.cend(), [&](const ReleaseRequest &request) {
        return request.state == ReleaseState::Approved && request.updatedAt.isValid() && request.updatedAt < settled
            && !m_following.contains(requestKeyOf(request.appId, request.iid));
    });
    if (orphaned)
        runRecovery(ReleaseApprover::RecoverScope::ApprovedOnly);
}

void ReleaseController::lookForAbandonedDeployments()
{
    // The start-up resume (recoverOnce) looks at everything first.
    if (!m_recovered || !m_backend->deployments
        || (m_lastLook.isValid() && m_lastLook.elapsed() < m_takeOver.intervalMs))
        return;
    m_lastLook.start();
    m_backend->deployments->lookForAbandoned(recentBranches(), m_takeOver.afterMs / 1000);
}

void ReleaseController::setOnline(bool online)
{
    m_online = online;
    if (m_backend)
        m_backend->approver->setOnline(online);
}

void ReleaseController::recoverOnce()
{
    if (m_recovered || !m_backend || !m_online || m_admin.isEmpty())
        return;
    m_recovered = true;
    runRecovery(ReleaseApprover::RecoverScope::Everything);
    if (m_backend->deployments)
        m_backend->deployments->resume(m_admin, recentBranches());
}

bool ReleaseController::ready(const QString &what)
{
    if (!m_backend || !m_online) {
        m_window->showError(tr("%1 needs a connection to GitLab; nothing was done.").arg(what));
        return false;
    }
    if (m_recovering) {
        m_window->showError(
            tr("%1: Dockmaster is still completing interrupted approvals; try again in a moment.").arg(what));
        return false;
    }
    if (m_admin.isEmpty()) {
        m_window->showError(
            tr("%1: Dockmaster does not know your GitLab account yet. Refresh (F5) and try again.").arg(what));
        return false;
    }
    return true;
}

void ReleaseController::confirm(const QString &title, const QString &text, const QString &acceptLabel,
                                std::function<void()> then)
{
    if (!m_confirm) {
        then();
        return;
    }
    // Plain text: it quotes third-party refs, titles and commit messages.
    Dialogs::confirm(m_window, title, text, acceptLabel, this, std::move(then));
}

int ReleaseController::startEntry(const QString &title, const QString &detail)
{
    DeploymentProgressPanel *panel = m_window->deploymentsPanel();
    const int key = panel->addDeployment(title, detail);
    m_window->deploymentsDock()->show();
    m_window->deploymentsDock()->raise();
    return key;
}

void ReleaseController::approve(const ReleaseRequest &request)
{
    if (!ready(tr("Approving")))
        return;
    if (m_confirm) {
        // The verdict of the review of exactly this version, if it finished.
        const ReviewResult *review = nullptr;
        if (m_reviewPane && m_reviewPane->state() == ReviewPane::State::Ready
            && m_reviewPane->request().projectId == request.projectId && m_reviewPane->request().iid == request.iid
            && !request.resolvedSha.isEmpty() && m_reviewPane->result().toSha == request.resolvedSha)
            review = &m_reviewPane->result();
        auto *dialog = new ApprovalConfirmDialog(request, review, m_window);
        dialog->setApprovalsNeeded(m_backend->approver->options().approvalsRequired(request.environment));
        if (request.environment == Environment::Production) {
            // Before the admin decides: where the same version's test release stands.
            dialog->setTestReleaseChecking(m_backend->approver->options().refuseProductionBeforeTest);
            m_backend->approver->checkTestRelease(
                request, dialog, [dialog](const TestReleaseCheck &check) { dialog->setTestReleaseCheck(check); });
        }
        // Syncs and replies go on while it is open: what was checked is checked again.
        Dialogs::openThen(dialog, this, [this, request, dialog] {
            if (ready(tr("Approving")))
                startApproval(request, dialog->acknowledgedItems());
        });
        Q_EMIT approvalConfirmationOpened(dialog);
        return;
    }
    startApproval(request, {});
}

void ReleaseController::startApproval(const ReleaseRequest &request, const QStringList &acknowledged)
{
    const quint64 id = m_backend->approver->approve(request, m_admin, acknowledged);
    m_entryOfAction.insert(id,
                           startEntry(tr("%1 → %2: %3")
                                          .arg(request.appId, environmentDisplayName(request.environment),
                                               Lookalike::line(request.requestedRef, 80)),
                                      request.title));
}

void ReleaseController::reject(const ReleaseRequest &request, const QString &reason)
{
    if (!ready(tr("Rejecting")))
        return;
    m_backend->approver->reject(request, m_admin, reason);
}

void ReleaseController::loadHistory(const QString &appId)
{
    if (!m_backend || !m_online)
        return;
    for (Environment environment : AllEnvironments) {
        m_backend->preflight->history(
            appId, environment, 100, this,
            [this, appId, environment](const PreflightResult<QList<DeploymentHistoryEntry>> &result) {
                // On failure the cached history stays; nothing the admin asked for failed.
                if (result.ok())
                    Q_EMIT historyLoaded(appId, environment, result.value);
            });
    }
}

void ReleaseController::setReviewContext(const ApplicationsModel *apps, const KSyntaxHighlighting::Repository *syntax)
{
    m_apps = apps;
    m_syntax = syntax;
}

void ReleaseController::setReviewPane(ReviewPane *pane)
{
    m_reviewPane = pane;
}

void ReleaseController::deployTag(const QString &appId, Environment environment, const QString &tag,
                                  const QString &tagSha)
{
    if (!ready(tr("Deploying")))
        return;
    const int row = m_apps ? m_apps->rowOfKey(appId) : -1;
    if (!m_confirm || row < 0) {
        if (!m_confirm)
            startDeployTag(appId, environment, tag);
        return;
    }
    const AppRecord &app = m_apps->itemAt(row);
    const EnvironmentState *state = app.environment(environment);
    // The same review an approval gets: what changes from the live version, and its risks.
    auto *dialog = new QDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("deployTagDialog"));
    dialog->setWindowTitle(
        tr("Deploy %1 of %2 to %3").arg(UntrustedText::line(tag, 80), appId, environmentDisplayName(environment)));
    auto *pane = new ReviewPane(m_syntax, dialog);
    auto *loader = new ReviewLoader(m_client, dialog);
    ReleaseRequest shown;
    shown.projectId = app.codeProjectId;
    shown.appId = appId;
    shown.environment = environment;
    shown.title = tr("Deploy tag %1").arg(tag);
    shown.requestedRef = tag;
    shown.resolvedSha = tagSha;
    shown.requester = m_admin;
    shown.createdAt = QDateTime::currentDateTimeUtc();
    pane->setRequest(shown);
    pane->setLoading();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, dialog);
    QPushButton *deploy = buttons->addButton(tr("Deploy"), QDialogButtonBox::AcceptRole);
    deploy->setObjectName(QStringLiteral("deployButton"));
    deploy->setEnabled(false); // not before the admin can see what it changes
    connect(loader, &ReviewLoader::loaded, dialog, [pane, deploy](const ReviewResult &result) {
        pane->setResult(result);
        deploy->setEnabled(true);
    });
    connect(loader, &ReviewLoader::failed, pane, &ReviewPane::setError);
    connect(loader, &ReviewLoader::progress, pane, &ReviewPane::setProgress);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, dialog, [this, dialog, pane, shown, appId, environment, tag] {
        // Unscanned files and high-severity flags need the same acknowledgement as an approval.
        const ReviewResult &result = pane->result();
        const bool needsAck = !result.scanComplete()
            || std::any_of(result.flags.cbegin(), result.flags.cend(),
                           [](const RiskFlag &f) { return RiskScanner::isHighSeverity(f.kind); });
        const auto deployNow = [this, dialog, appId, environment, tag] {
            dialog->accept();
            if (ready(tr("Deploying")))
                startDeployTag(appId, environment, tag);
        };
        if (!needsAck) {
            deployNow();
            return;
        }
        auto *confirmDialog = new ApprovalConfirmDialog(shown, &result, dialog);
        Dialogs::openThen(confirmDialog, dialog, deployNow);
        Q_EMIT approvalConfirmationOpened(confirmDialog);
    });
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(pane, 1);
    layout->addWidget(buttons);
    dialog->resize(900, 640);
    dialog->open();
    loader->load(QString::number(app.codeProjectId), state ? state->liveSha : QString(), tagSha);
    Q_EMIT reviewDialogOpened(dialog);
}

void ReleaseController::startDeployTag(const QString &appId, Environment environment, const QString &tag)
{
    const quint64 id = m_backend->approver->deployTag(appId, environment, tag, m_admin);
    m_entryOfAction.insert(
        id,
        startEntry(tr("%1 → %2: %3").arg(appId, environmentDisplayName(environment), UntrustedText::line(tag, 80)),
                   tr("Deploy tag")));
}

void ReleaseController::rollback(const QString &appId, Environment environment, const QString &targetSha)
{
    if (!ready(tr("Rolling back")))
        return;
    m_window->showError(tr("Preparing the rollback of %1 (%2)…").arg(appId, environmentDisplayName(environment)));
    m_backend->preflight->plan(appId, environment, targetSha, this,
                               [this](const PreflightResult<RollbackPlan> &result) {
                                   if (!result.ok()) {
                                       m_window->showError(tr("The rollback preflight failed: %1").arg(result.error));
                                       return;
                                   }
                                   onPlan(result.value);
                               });
}

void ReleaseController::onPlan(const RollbackPlan &plan)
{
    QStringList lines;
    lines << tr("Roll %1 (%2) back from %3 to %4?")
                 .arg(plan.appId, environmentDisplayName(plan.environment), plan.liveSha.left(12),
                      plan.targetSha.left(12));
    for (const QString &warning : plan.warnings)
        lines << tr("Warning: %1").arg(UntrustedText::line(warning, 300));
    if (!plan.undoneCommits.isEmpty()) {
        lines << QString() << tr("%n commit(s) will be undone:", nullptr, int(plan.undoneCommits.size()));
        for (const RollbackPlan::UndoneCommit &commit : plan.undoneCommits.mid(0, 15))
            lines << QStringLiteral("  %1  %2 (%3)")
                         .arg(commit.id.left(8), UntrustedText::line(commit.title, 100),
                              UntrustedText::line(commit.author, 48));
        if (plan.undoneCommits.size() > 15)
            lines << tr("  … and %n more", nullptr, int(plan.undoneCommits.size() - 15));
    }
    if (!plan.changedFiles.isEmpty())
        lines << QString() << tr("%n file(s) change back.", nullptr, int(plan.changedFiles.size()));
    confirm(tr("Roll back"), lines.join(QLatin1Char('\n')), tr("Roll back"), [this, plan] {
        if (ready(tr("Rolling back")))
            startRollback(plan);
    });
}

void ReleaseController::startRollback(const RollbackPlan &plan)
{
    const quint64 id
        = m_backend->approver->rollback(plan.appId, plan.environment, plan.targetSha, m_admin, plan.liveSha);
    m_entryOfAction.insert(
        id,
        startEntry(
            tr("%1 → %2: back to %3").arg(plan.appId, environmentDisplayName(plan.environment), plan.targetSha.left(8)),
            tr("Rollback")));
}

void ReleaseController::onFinished(quint64 id, const ReleaseOutcome &outcome)
{
    const int entry = m_entryOfAction.take(id);
    Q_EMIT outcomeReady(outcome);
    DeploymentProgressPanel *panel = m_window->deploymentsPanel();
    switch (outcome.kind) {
    case ReleaseOutcome::Kind::Succeeded:
        m_window->showError(outcome.message);
        if (outcome.isPartialApproval()) {
            // Recorded on the request; nothing deploys until the last admin approves.
            if (entry != 0)
                panel->setFinished(entry, QStringLiteral("skipped"), outcome.message);
            if (m_confirm)
                Dialogs::inform(m_window, QMessageBox::Information, tr("Approval recorded"), outcome.message);
        } else if (entry != 0 && !outcome.operationId.isEmpty() && m_backend->deployments) {
            // A tag deploy or rollback: DurableDeployments follows it to the end.
            panel->setStatus(entry, QStringLiteral("waiting"));
            m_entryOfOperation.insert(outcome.operationId, entry);
        } else if (entry != 0) {
            panel->setStatus(entry, QStringLiteral("waiting"));
            follow(outcome, entry);
        } else if (outcome.action == ReleaseOutcome::Action::Recover
                   && !m_following.contains(requestKeyOf(outcome.appId, outcome.iid))) {
            follow(outcome, 0); // a recovered approval's pipeline is still worth watching
        }
        break;
    case ReleaseOutcome::Kind::LostRace:
    case ReleaseOutcome::Kind::RefusedByRule:
    case ReleaseOutcome::Kind::Failed:
    case ReleaseOutcome::Kind::Offline:
        if (entry != 0)
            panel->setFinished(entry, QStringLiteral("unknown"), outcome.message);
        if (m_confirm)
            Dialogs::inform(m_window,
                            outcome.kind == ReleaseOutcome::Kind::Failed ? QMessageBox::Warning
                                                                         : QMessageBox::Information,
                            tr("Nothing deployed"), outcome.message);
        m_window->showError(outcome.message);
        // The deployment commit is pushed but an answer was lost on the way
        // (or GitLab went away): finish the bookkeeping without waiting for
        // a restart, once GitLab answers again.
        if (outcome.action == ReleaseOutcome::Action::Approve && !outcome.commit.isEmpty())
            QTimer::singleShot(RetryAfterLostAnswerMs, this, [this] {
                if (canAct())
                    runRecovery(ReleaseApprover::RecoverScope::Everything);
            });
        break;
    }
    Q_EMIT releaseChanged(); // the request's state moved on (or someone else's did): show it
}

void ReleaseController::follow(const ReleaseOutcome &outcome, int entry)
{
    auto *follower = new PipelineFollower(m_client, this);
    const PipelineFollowTarget target = m_backend->approver->followTarget(outcome);
    const QString requestKey = target.iid > 0 ? requestKeyOf(outcome.appId, outcome.iid) : QString();
    if (!requestKey.isEmpty())
        m_following.insert(requestKey);
    attach(follower, outcome, entry, tr("Recovered approval"), requestKey);
    connect(follower, &PipelineFollower::auditEntry, this, &ReleaseController::auditEntry);
    connect(follower, &PipelineFollower::finished, follower, &QObject::deleteLater);
    // The Shell writes this controller's audit rows to the store's journal.
    follower->setJournalBarrier(PipelineFollower::journalBarrier(m_store));
    follower->follow(target);
}

void ReleaseController::attach(PipelineFollower *follower, const ReleaseOutcome &outcome, int entry,
                               const QString &title, const QString &requestKey)
{
    DeploymentProgressPanel *panel = m_window->deploymentsPanel();
    const int key = entry != 0
        ? entry
        : startEntry(tr("%1 → %2: %3")
                         .arg(outcome.appId, environmentDisplayName(outcome.environment), outcome.targetSha.left(8)),
                     title);
    connect(follower, &PipelineFollower::pipelineFound, panel,
            [panel, key](qint64 pipelineId, const QString &url) { panel->setPipeline(key, pipelineId, url); });
    connect(follower, &PipelineFollower::statusChanged, panel, [this, panel, key, outcome](const QString &status) {
        panel->setStatus(key, status);
        m_window->showError(tr("Pipeline of %1 (%2): %3")
                                .arg(outcome.appId, environmentDisplayName(outcome.environment),
                                     DeploymentProgressPanel::statusDisplayName(status)));
    });
    connect(follower, &PipelineFollower::traceAppended, panel,
            [panel, key](qint64, const QString &job, const QByteArray &chunk) { panel->appendLog(key, job, chunk); });
    connect(follower, &PipelineFollower::waitingForRunner, panel, [this, panel, key](const QString &message) {
        panel->appendLog(key, tr("GitLab"), message.toUtf8() + '\n');
        m_window->showError(message);
    });
    connect(follower, &PipelineFollower::finished, this,
            [this, panel, key, outcome, requestKey](const QString &status, const QString &message) {
                panel->setFinished(key, status, message);
                const bool success = status == QLatin1String("success");
                const QString what = tr("%1 (%2)").arg(outcome.appId, environmentDisplayName(outcome.environment));
                m_window->notify(success ? tr("Deployed: %1").arg(what) : tr("Deployment failed: %1").arg(what),
                                 message.isEmpty() ? DeploymentProgressPanel::statusDisplayName(status) : message,
                                 !success);
                m_following.remove(requestKey);
                Q_EMIT deploymentFinished(outcome.appId, outcome.environment, status);
                Q_EMIT releaseChanged();
            });
}

void ReleaseController::setCommitEmail(const QString &email)
{
    m_commitEmail = email;
    if (m_backend)
        m_backend->approver->setCommitEmail(email);
}

} // namespace Dockmaster
