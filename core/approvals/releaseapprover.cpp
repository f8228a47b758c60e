#include "core/approvals/releaseapprover.h"

#include "core/approvals/approvejob.h"
#include "core/approvals/pointermovejob.h"
#include "core/approvals/recoverjob.h"
#include "core/approvals/rejectjob.h"
#include "core/approvals/releasetrailers.h"
#include "core/audit/auditentry.h"
#include "core/git/gitworkspace.h"

#include <QStandardPaths>

namespace Dockmaster {

namespace {

QString kindTag(ReleaseOutcome::Kind kind)
{
    switch (kind) {
    case ReleaseOutcome::Kind::Succeeded:
        return {};
    case ReleaseOutcome::Kind::RefusedByRule:
        return QStringLiteral("[refused] ");
    case ReleaseOutcome::Kind::LostRace:
        return QStringLiteral("[lost race] ");
    case ReleaseOutcome::Kind::Failed:
        return QStringLiteral("[failed] ");
    case ReleaseOutcome::Kind::Offline:
        return QStringLiteral("[offline] ");
    }
    return {};
}

// Never let an unset option put clones at the file-system root.
QString cacheRootOrDefault(const QString &cacheRoot)
{
    if (!cacheRoot.isEmpty())
        return cacheRoot;
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/approvals");
}

} // namespace

ReleaseApprover::ReleaseApprover(GitLabClient *client, const ApprovalOptions &options, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_options(options)
    , m_workspace(new GitWorkspace(cacheRootOrDefault(options.cacheRoot), this))
{
    qRegisterMetaType<ReleaseOutcome>();
    qRegisterMetaType<AuditEntry>();
}

// The jobs are our children: they end with us, and their answers still in
// flight are dropped with them (review §6.3: none keeps itself alive).
ReleaseApprover::~ReleaseApprover() = default;

void ReleaseApprover::setApprovalRules(int productionApprovals, int testApprovals, bool refuseProductionBeforeTest,
                                       bool twoPersonRuleProduction)
{
    m_options.productionApprovals = productionApprovals;
    m_options.testApprovals = testApprovals;
    m_options.refuseProductionBeforeTest = refuseProductionBeforeTest;
    m_options.twoPersonRuleProduction = twoPersonRuleProduction;
}

void ReleaseApprover::checkTestRelease(const ReleaseRequest &request, QObject *context,
                                       std::function<void(const TestReleaseCheck &)> done)
{
    if (request.environment != Environment::Production) {
        done(TestReleaseCheck {});
        return;
    }
    TestRelease::check(m_client, codeProjectPath(request.appId), request.requestedRef,
                       m_options.refuseProductionBeforeTest, context, std::move(done));
}

QString ReleaseApprover::codeProjectPath(const QString &appId) const
{
    return ReleaseJob::codeProjectPath(m_options, appId);
}

QString ReleaseApprover::opsProjectPath(const QString &appId) const
{
    return ReleaseJob::opsProjectPath(m_options, appId);
}

PipelineFollowTarget ReleaseApprover::followTarget(const ReleaseOutcome &outcome) const
{
    PipelineFollowTarget target;
    target.opsProject = outcome.opsProject.isEmpty() ? opsProjectPath(outcome.appId) : outcome.opsProject;
    target.commit = outcome.commit;
    target.appId = outcome.appId;
    target.environment = outcome.environment;
    target.targetSha = outcome.targetSha;
    target.actor = outcome.actor;
    if (outcome.action == ReleaseOutcome::Action::DeployTag || outcome.action == ReleaseOutcome::Action::Rollback)
        target.operationId = outcome.operationId;
    if (outcome.action == ReleaseOutcome::Action::Approve || outcome.action == ReleaseOutcome::Action::Recover) {
        target.codeProject = codeProjectPath(outcome.appId);
        target.iid = outcome.iid;
    }
    return target;
}

ReleaseJobSetup ReleaseApprover::setup()
{
    ReleaseJobSetup setup;
    setup.id = m_nextId++;
    setup.client = m_client;
    setup.workspace = m_workspace;
    setup.options = m_options;
    setup.commitEmail = m_commitEmail;
    setup.beforePush = m_beforePush;
    setup.online = m_online;
    // The jobs are our children, so `this` outlives every call of these.
    setup.progress = [this](quint64 id, const QString &step) {
        Q_EMIT progress(id, step);
    };
    setup.finished = [this](quint64 id, const ReleaseOutcome &outcome) {
        report(id, outcome);
    };
    return setup;
}

void ReleaseApprover::report(quint64 id, const ReleaseOutcome &outcome)
{
    Q_EMIT finished(id, outcome);
    AuditEntry entry = auditEntryOf(outcome);
    entry.detail = kindTag(outcome.kind) + outcome.message;
    if (outcome.approvalsRequired > 1 && outcome.approvals > 0)
        entry.detail += QStringLiteral(" [approvals %1/%2: %3]")
                            .arg(outcome.approvals)
                            .arg(outcome.approvalsRequired)
                            .arg(outcome.approvers.join(QStringLiteral(", ")));
    if (!outcome.acknowledged.isEmpty())
        entry.detail += QStringLiteral(" [acknowledged: %1]").arg(outcome.acknowledged.join(QStringLiteral("; ")));
    if (!outcome.operationId.isEmpty())
        entry.origin = outcome.ok() ? pushedOrigin(outcome.operationId) : endedOrigin(outcome.operationId);
    Q_EMIT auditEntry(entry);
}

AuditEntry ReleaseApprover::auditEntryOf(const ReleaseOutcome &outcome)
{
    return stampedAuditEntry(outcome.actor, releaseActionName(outcome.action), outcome.appId,
                             environmentKey(outcome.environment));
}

QString ReleaseApprover::pushedOrigin(const QString &operationId)
{
    return ReleaseTrailers::operationKey(operationId) + QStringLiteral(":pushed");
}

QString ReleaseApprover::endedOrigin(const QString &operationId)
{
    return ReleaseTrailers::operationKey(operationId) + QStringLiteral(":ended");
}

quint64 ReleaseApprover::approve(const ReleaseRequest &request, const QString &admin, const QStringList &acknowledged)
{
    auto *job = new ApproveJob(setup(), ReleaseOutcome::Action::Approve, admin, this);
    const quint64 id = job->id();
    job->start(request, acknowledged);
    return id;
}

quint64 ReleaseApprover::reject(const ReleaseRequest &request, const QString &admin, const QString &reason)
{
    auto *job = new RejectJob(setup(), ReleaseOutcome::Action::Reject, admin, this);
    const quint64 id = job->id();
    job->start(request, reason);
    return id;
}

quint64 ReleaseApprover::deployTag(const QString &appId, Environment environment, const QString &tagOrSha,
                                   const QString &admin)
{
    auto *job = new DeployTagJob(setup(), ReleaseOutcome::Action::DeployTag, admin, this);
    const quint64 id = job->id();
    job->start(appId, environment, tagOrSha);
    return id;
}

quint64 ReleaseApprover::rollback(const QString &appId, Environment environment, const QString &targetSha,
                                  const QString &admin, const QString &expectedLiveSha)
{
    auto *job = new RollbackJob(setup(), ReleaseOutcome::Action::Rollback, admin, this);
    const quint64 id = job->id();
    job->start(appId, environment, targetSha, expectedLiveSha);
    return id;
}

quint64 ReleaseApprover::recover(const QString &admin, RecoverScope scope, const QSet<QString> &skip)
{
    auto *job = new RecoverJob(
        setup(), admin, scope == RecoverScope::ApprovedOnly, skip,
        [this](quint64 id, int completed, const QString &problems) {
            Q_EMIT recoveryFinished(id, completed, problems);
        },
        this);
    const quint64 id = job->id();
    job->start();
    return id;
}

} // namespace Dockmaster
