#include "core/approvals/durabledeployments.h"

#include "core/approvals/pointermovejob.h"
#include "core/approvals/releaseapprover.h"
#include "core/approvals/releasegitlab.h"
#include "core/approvals/releasetrailers.h"
#include "core/audit/journaldatabase.h"
#include "core/cache/cacheservice.h"
#include "core/gitlab/gitlabclient.h"
#include "core/util/sequential.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace Dockmaster {

namespace {

const QString IntentKind = QStringLiteral("deploy.pointer");

QString intentPayload(const ReleaseOutcome &outcome)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonObject {
                          { QStringLiteral("rollback"), outcome.action == ReleaseOutcome::Action::Rollback },
                          { QStringLiteral("appId"), outcome.appId },
                          { QStringLiteral("environment"), environmentKey(outcome.environment) },
                          { QStringLiteral("ref"), outcome.ref },
                          { QStringLiteral("targetSha"), outcome.targetSha },
                          { QStringLiteral("actor"), outcome.actor },
                          { QStringLiteral("opsProject"), outcome.opsProject },
                      })
            .toJson(QJsonDocument::Compact));
}

std::optional<ReleaseOutcome> outcomeOf(const PendingIntent &intent)
{
    const QJsonObject object = QJsonDocument::fromJson(intent.payload.toUtf8()).object();
    const auto environment = environmentFromKey(object.value(QStringLiteral("environment")).toString());
    ReleaseOutcome outcome;
    outcome.operationId = intent.key;
    outcome.action = object.value(QStringLiteral("rollback")).toBool() ? ReleaseOutcome::Action::Rollback
                                                                       : ReleaseOutcome::Action::DeployTag;
    outcome.appId = object.value(QStringLiteral("appId")).toString();
    outcome.ref = object.value(QStringLiteral("ref")).toString();
    outcome.targetSha = object.value(QStringLiteral("targetSha")).toString();
    outcome.actor = object.value(QStringLiteral("actor")).toString();
    outcome.opsProject = object.value(QStringLiteral("opsProject")).toString();
    if (!environment || outcome.opsProject.isEmpty() || outcome.actor.isEmpty())
        return std::nullopt;
    outcome.environment = *environment;
    outcome.kind = ReleaseOutcome::Kind::Succeeded;
    return outcome;
}

bool isPointerOperation(const ReleaseOutcome &outcome)
{
    return !outcome.operationId.isEmpty()
        && (outcome.action == ReleaseOutcome::Action::DeployTag || outcome.action == ReleaseOutcome::Action::Rollback);
}

} // namespace

DurableDeployments::DurableDeployments(GitLabClient *client, ReleaseApprover *approver, CacheService *store,
                                       QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_approver(approver)
    , m_store(store)
{
    m_approver->setBeforePush(
        [this](const ReleaseOutcome &outcome, std::function<void()> proceed) { beforePush(outcome, proceed); });
    connect(m_approver, &ReleaseApprover::finished, this, &DurableDeployments::onFinished);
}

DurableDeployments::~DurableDeployments()
{
    m_approver->setBeforePush({});
}

void DurableDeployments::withJournal(std::function<void(JournalDatabase &)> job, std::function<void()> then)
{
    // Without a journal (another Dockmaster holds this profile) the action
    // still runs; only its local resumption is lost.
    m_store->withJournal(
        this,
        [job = std::move(job)](JournalDatabase *journal) {
            if (journal)
                job(*journal);
        },
        std::move(then));
}

void DurableDeployments::beforePush(const ReleaseOutcome &outcome, std::function<void()> proceed)
{
    PendingIntent intent;
    intent.kind = IntentKind;
    intent.key = outcome.operationId;
    intent.payload = intentPayload(outcome);
    const QString operation = outcome.operationId;
    m_intents.insert(operation);
    withJournal([intent](JournalDatabase &journal) { journal.putIntent(intent); },
                [this, operation, proceed = std::move(proceed)] {
                    Q_EMIT intentRecorded(operation);
                    proceed();
                });
}

void DurableDeployments::onFinished(quint64 id, const ReleaseOutcome &outcome)
{
    if (!isPointerOperation(outcome))
        return;
    if (outcome.ok()) {
        follow(id, outcome);
        return;
    }
    // Failed after its intent was recorded: the push may still have reached
    // GitLab (its answer was lost). What the branch says settles it.
    if (!m_intents.contains(outcome.operationId))
        return;
    ++m_settling;
    settleOutcome(outcome, [this] {
        --m_settling;
        checkIdle();
    });
}

void DurableDeployments::settleOutcome(const ReleaseOutcome &outcome, std::function<void()> next)
{
    const QString branch = environmentBranch(outcome.environment);
    ReleaseGitLab::branchCommits(
        m_client, outcome.opsProject, branch, m_approver->options().branchScanDepth, this,
        [this, outcome, next = std::move(next)](GitLabResult<QList<GitLabCommit>> commits) {
            if (!commits.ok()) {
                next(); // GitLab cannot say now: the intent stays for the next start
                return;
            }
            const QString guard = ReleaseTrailers::operationLine(outcome.operationId);
            const auto pushed = std::find_if(commits.value.cbegin(), commits.value.cend(), [&](const GitLabCommit &c) {
                return c.message.split(QLatin1Char('\n')).contains(guard);
            });
            if (pushed == commits.value.cend()) {
                // Never reached GitLab: nothing was deployed. The job said so
                // unless this console stopped first.
                AuditEntry ended = ReleaseApprover::auditEntryOf(outcome);
                ended.origin = ReleaseApprover::endedOrigin(outcome.operationId);
                ended.detail = QStringLiteral("[interrupted] ")
                    + tr("Stopped before its commit reached GitLab: nothing was deployed (%1 to %2 of %3).")
                          .arg(outcome.ref, environmentDisplayName(outcome.environment), outcome.appId);
                Q_EMIT auditEntry(ended);
                removeIntent(outcome.operationId);
                next();
                return;
            }
            ReleaseOutcome found = outcome;
            found.kind = ReleaseOutcome::Kind::Succeeded;
            found.commit = pushed->id;
            const ReleaseTrailers::Trailers trailers = ReleaseTrailers::parse(pushed->message);
            if (!trailers.codesCommit.isEmpty())
                found.targetSha = trailers.codesCommit;
            AuditEntry entry = ReleaseApprover::auditEntryOf(found);
            entry.origin = ReleaseApprover::pushedOrigin(found.operationId);
            entry.detail = QStringLiteral("[resumed] ") + PointerMoveJob::movedMessage(found);
            Q_EMIT auditEntry(entry);
            ReleaseGitLab::commitNotes(
                m_client, found.opsProject, found.commit, this,
                [this, found, next](GitLabResult<QList<GitLabNote>> notes) {
                    if (!notes.ok()) {
                        next();
                        return;
                    }
                    const QString status = ReleaseTrailers::finishedStatus(
                        notes.value,
                        ReleaseTrailers::finishedMarkerPrefix(ReleaseTrailers::operationKey(found.operationId),
                                                              found.commit));
                    if (status.isEmpty()) {
                        follow(0, found);
                    } else {
                        recordFinished(found,
                                       tr("The pipeline of commit %1 ended as %2; another console recorded it.")
                                           .arg(found.commit.left(12), status));
                    }
                    next();
                });
        });
}

void DurableDeployments::settle(const PendingIntent &intent, std::function<void()> next)
{
    const std::optional<ReleaseOutcome> outcome = outcomeOf(intent);
    m_seen.insert(intent.key);
    if (!outcome) {
        removeIntent(intent.key); // not one this version can read
        next();
        return;
    }
    if (m_followers.contains(intent.key)) {
        next();
        return;
    }
    settleOutcome(*outcome, std::move(next));
}

void DurableDeployments::takeOver(const DeploymentBranch &branch, qint64 minAgeSeconds, std::function<void()> next)
{
    const QString ops = m_approver->opsProjectPath(branch.appId);
    ReleaseGitLab::branchCommits(
        m_client, ops, environmentBranch(branch.environment), 1, this,
        [this, branch, ops, minAgeSeconds, next = std::move(next)](GitLabResult<QList<GitLabCommit>> commits) {
            if (!commits.ok() || commits.value.isEmpty()) {
                next();
                return;
            }
            // Only the head: a later deployment makes an earlier one's result moot.
            const GitLabCommit head = commits.value.constFirst();
            const ReleaseTrailers::Trailers trailers = ReleaseTrailers::parse(head.message);
            const bool pointerMove = !trailers.deployTag.isEmpty() || !trailers.rollbackTo.isEmpty();
            const qint64 age = head.committedDate.isValid()
                ? head.committedDate.secsTo(QDateTime::currentDateTimeUtc())
                : m_takeOverSeconds; // GitLab always dates commits; undated reads as old
            if (!pointerMove || trailers.operation.isEmpty() || m_seen.contains(trailers.operation)
                || m_followers.contains(trailers.operation) || m_intents.contains(trailers.operation)
                || age > m_takeOverSeconds || age < minAgeSeconds) {
                next();
                return;
            }
            m_seen.insert(trailers.operation);
            ReleaseOutcome outcome;
            outcome.kind = ReleaseOutcome::Kind::Succeeded;
            outcome.action
                = trailers.rollbackTo.isEmpty() ? ReleaseOutcome::Action::DeployTag : ReleaseOutcome::Action::Rollback;
            outcome.operationId = trailers.operation;
            outcome.actor = m_admin; // who records it here
            outcome.actedBy = trailers.approvedBy;
            outcome.appId = branch.appId;
            outcome.environment = branch.environment;
            outcome.ref = trailers.rollbackTo.isEmpty() ? trailers.deployTag : trailers.rollbackTo;
            outcome.targetSha = trailers.codesCommit;
            outcome.commit = head.id;
            outcome.opsProject = ops;
            ReleaseGitLab::commitNotes(
                m_client, ops, head.id, this, [this, outcome, next](GitLabResult<QList<GitLabNote>> notes) {
                    const QString prefix = ReleaseTrailers::finishedMarkerPrefix(
                        ReleaseTrailers::operationKey(outcome.operationId), outcome.commit);
                    if (notes.ok() && ReleaseTrailers::finishedStatus(notes.value, prefix).isEmpty())
                        follow(0, outcome);
                    next();
                });
        });
}

void DurableDeployments::resume(const QString &admin, const QList<DeploymentBranch> &branches)
{
    if (m_resuming)
        return;
    m_resuming = true;
    m_admin = admin;
    m_followed = 0;
    auto intents = std::make_shared<QList<PendingIntent>>();
    withJournal(
        [intents](JournalDatabase &journal) { *intents = journal.loadIntents(IntentKind); },
        [this, intents, branches] {
            forEachSequential<PendingIntent>(
                this, *intents,
                [this](const PendingIntent &intent, std::function<void()> next) { settle(intent, std::move(next)); },
                [this, branches] {
                    takeOverEach(branches, 0, [this] {
                        m_resuming = false;
                        Q_EMIT resumed(m_followed);
                        checkIdle();
                    });
                });
        });
}

void DurableDeployments::lookForAbandoned(const QList<DeploymentBranch> &branches, qint64 minAgeSeconds)
{
    // Never this console's own intents: one of them may be mid-push now.
    if (m_resuming || m_looking || m_admin.isEmpty())
        return;
    m_looking = true;
    const int before = m_followed;
    takeOverEach(branches, minAgeSeconds, [this, before] {
        m_looking = false;
        Q_EMIT looked(m_followed - before);
        checkIdle();
    });
}

void DurableDeployments::takeOverEach(const QList<DeploymentBranch> &branches, qint64 minAgeSeconds,
                                      std::function<void()> done)
{
    forEachSequential<DeploymentBranch>(
        this, branches,
        [this, minAgeSeconds](const DeploymentBranch &branch, std::function<void()> next) {
            takeOver(branch, minAgeSeconds, std::move(next));
        },
        std::move(done));
}

void DurableDeployments::follow(quint64 jobId, const ReleaseOutcome &outcome)
{
    if (m_followers.contains(outcome.operationId))
        return;
    ++m_followed;
    m_seen.insert(outcome.operationId);
    auto *follower = new PipelineFollower(m_client, this);
    follower->setOptions(m_followOptions);
    m_followers.insert(outcome.operationId, follower);
    const QString operation = outcome.operationId;
    // The follower's last word is its audit entry (after finished()).
    connect(follower, &PipelineFollower::auditEntry, this, [this, follower, operation](const AuditEntry &entry) {
        Q_EMIT auditEntry(entry);
        // Recorded on GitLab and here: nothing is left to resume. Otherwise
        // (GitLab went away) the intent stays for the next start.
        if (!entry.origin.isEmpty())
            removeIntent(operation);
        m_followers.remove(operation);
        follower->deleteLater();
        checkIdle();
    });
    Q_EMIT following(jobId, outcome, follower);
    follower->follow(m_approver->followTarget(outcome));
}

void DurableDeployments::recordFinished(const ReleaseOutcome &outcome, const QString &detail)
{
    AuditEntry entry = ReleaseApprover::auditEntryOf(outcome);
    entry.action = QStringLiteral("pipeline.finished");
    entry.detail = detail;
    entry.origin = PipelineFollower::finishedOrigin(outcome.operationId);
    Q_EMIT auditEntry(entry);
    removeIntent(outcome.operationId);
}

void DurableDeployments::removeIntent(const QString &operationId)
{
    // Queued after the audit rows just emitted (the same cache thread), so
    // the intent goes only once they are written.
    ++m_settling;
    withJournal([operationId](JournalDatabase &journal) { journal.removeIntent(IntentKind, operationId); },
                [this] {
                    --m_settling;
                    checkIdle();
                });
}

void DurableDeployments::checkIdle()
{
    QTimer::singleShot(0, this, [this] {
        if (!isBusy())
            Q_EMIT idle();
    });
}

} // namespace Dockmaster
