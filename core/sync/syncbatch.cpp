#include "core/sync/syncbatch.h"

#include "core/approvals/releasetrailers.h"
#include "core/cache/cachedatabase.h"
#include "core/cache/storefailure.h"
#include "core/domain/appstatus.h"
#include "core/gitlab/releaserequestparser.h"

#include <QCoreApplication>
#include <QTimeZone>

namespace Dockmaster {
namespace {

// The cache keeps GitLab's times to the second: GraphQL's Time is ISO 8601
// without fractions (Types::TimeType), REST has milliseconds, and a record
// must not look changed because another API read it.
QDateTime toSecond(const QDateTime &time)
{
    return time.isValid() ? QDateTime::fromSecsSinceEpoch(time.toSecsSinceEpoch(), QTimeZone::UTC) : time;
}

// The strings' context at run time. Not a free tr(): lupdate files a free
// function's tr() under the enclosing namespace, where no lookup finds it.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(Dockmaster::SyncEngine)
};

int index(Environment environment)
{
    return environment == Environment::Production ? 1 : 0;
}

EnvironmentState *findState(AppRecord &app, Environment environment)
{
    for (EnvironmentState &state : app.environments) {
        if (state.environment == environment)
            return &state;
    }
    return nullptr;
}

EnvironmentState &stateFor(AppRecord &app, Environment environment)
{
    for (EnvironmentState &state : app.environments) {
        if (state.environment == environment)
            return state;
    }
    EnvironmentState state;
    state.environment = environment;
    app.environments.append(state);
    // Keep test before production, the order the cache loads them in.
    std::sort(app.environments.begin(), app.environments.end(),
              [](const EnvironmentState &a, const EnvironmentState &b) {
                  return index(a.environment) < index(b.environment);
              });
    for (EnvironmentState &s : app.environments) {
        if (s.environment == environment)
            return s;
    }
    Q_UNREACHABLE();
}

QString appIdOfIssue(const GitLabIssue &issue, const QHash<qint64, QString> &appOfCodeProject, const QString &appsGroup)
{
    const QString byProject = appOfCodeProject.value(issue.projectId);
    if (!byProject.isEmpty())
        return byProject;
    // "plugins/apps/app0000042#3"
    if (!issue.referenceFull.isEmpty()) {
        const QString project = issue.referenceFull.section(QLatin1Char('#'), 0, 0);
        if (project.section(QLatin1Char('/'), 0, -2) == appsGroup)
            return ReleaseRequestParser::appIdFromPath(project);
    }
    return {};
}

QString liveRefFor(const QString &sha, const QList<TagRecord> &tags)
{
    if (sha.isEmpty())
        return {};
    for (const TagRecord &tag : tags) {
        if (tag.sha == sha)
            return tag.name;
    }
    return {};
}

TagRecord toTagRecord(const QString &appId, const GitLabTag &tag)
{
    TagRecord record;
    record.appId = appId;
    record.name = tag.name;
    record.sha = tag.commit.id;
    record.message = tag.message;
    record.author = tag.commit.authorName;
    record.createdAt = tag.createdAt.isValid() ? tag.createdAt : tag.commit.committedDate;
    return record;
}

void applyOpsDetail(AppRecord &app, const SyncBatch::OpsDetail &detail)
{
    for (const Environment environment : AllEnvironments) {
        const int i = index(environment);
        const bool known = detail.branchExists[i] || app.environment(environment);
        if (!known)
            continue;
        EnvironmentState &state = stateFor(app, environment);
        state.liveSha = detail.liveSha[i];
        const QString branch = environmentBranch(environment);
        state.pipelineStatus.clear();
        for (const GitLabPipeline &pipeline : detail.pipelines) {
            if (pipeline.ref == branch) {
                state.pipelineStatus = pipeline.status;
                break;
            }
        }
        state.deployedAt = {};
        for (const GitLabDeployment &deployment : detail.deployments) {
            if (deployment.environment == environmentKey(environment)
                && deployment.status == QLatin1String("success")) {
                state.deployedAt
                    = toSecond(deployment.updatedAt.isValid() ? deployment.updatedAt : deployment.createdAt);
                break;
            }
        }
    }
}

void mergePlacements(AppRecord &app, const InventoryAllocation &allocation)
{
    for (const Environment environment : AllEnvironments) {
        const auto placement
            = std::find_if(allocation.placements.cbegin(), allocation.placements.cend(),
                           [environment](const InventoryPlacement &p) { return p.environment == environment; });
        if (placement == allocation.placements.cend()) {
            if (EnvironmentState *state = findState(app, environment)) {
                state->host.clear();
                state->domain.clear();
                state->containerPort = 0;
                state->fallbackPort = 0;
            }
            continue;
        }
        EnvironmentState &state = stateFor(app, environment);
        state.host = placement->host;
        state.domain = placement->domain;
        state.containerPort = placement->containerPort;
        state.fallbackPort = placement->fallbackPort;
    }
}

// The inventory names every app; returns the ids it allocates.
QSet<QString> mergeInventory(QHash<QString, AppRecord> &apps, const Inventory &inventory)
{
    QSet<QString> allocated;
    for (const InventoryAllocation &allocation : inventory.allocations) {
        allocated.insert(allocation.id);
        AppRecord &app = apps[allocation.id];
        app.id = allocation.id;
        const std::pair<const QString *, QString *> texts[] = {
            { &allocation.name, &app.name },
            { &allocation.owner, &app.owner },
            { &allocation.description, &app.description },
            { &allocation.status, &app.status },
        };
        for (const auto &[from, to] : texts) {
            if (!from->isEmpty())
                *to = *from;
        }
        if (allocation.codeProjectId)
            app.codeProjectId = allocation.codeProjectId;
        if (allocation.opsProjectId)
            app.opsProjectId = allocation.opsProjectId;
        mergePlacements(app, allocation);
    }
    return allocated;
}

enum class Repository { Code, Ops };

// One loop for both repositories of an app: what differs is which id and URL
// the project fills in, and that only the code project names the app.
void mergeProjects(QHash<QString, AppRecord> &apps, const QList<GitLabProject> &projects, Repository repository)
{
    for (const GitLabProject &project : projects) {
        const QString appId = ReleaseRequestParser::appIdFromPath(project.pathWithNamespace);
        if (appId.isEmpty())
            continue;
        AppRecord &app = apps[appId];
        app.id = appId;
        const bool code = repository == Repository::Code;
        if (app.name.isEmpty())
            app.name = code ? project.name : appId;
        if (code && app.description.isEmpty())
            app.description = project.description;
        (code ? app.codeProjectId : app.opsProjectId) = project.id;
        (code ? app.codeWebUrl : app.opsWebUrl) = project.webUrl;
        if (code && project.archived)
            app.status = enumKey(AppStatuses, AppStatus::Archived);
        if (project.lastActivityAt > app.updatedAt)
            app.updatedAt = project.lastActivityAt;
    }
}

// The fields a pipeline and a deployment record share.
template<typename Record, typename Answer> Record recordOf(const QString &appId, const Answer &answer)
{
    Record record;
    record.appId = appId;
    record.id = answer.id;
    record.ref = answer.ref;
    record.sha = answer.sha;
    record.status = answer.status;
    record.createdAt = toSecond(answer.createdAt);
    record.updatedAt = toSecond(answer.updatedAt);
    return record;
}

PipelineRecord toPipelineRecord(const QString &appId, const GitLabPipeline &pipeline)
{
    auto record = recordOf<PipelineRecord>(appId, pipeline);
    record.webUrl = pipeline.webUrl;
    return record;
}

std::optional<DeploymentRecord> toDeploymentRecord(const QString &appId, const GitLabDeployment &deployment)
{
    const auto environment = environmentFromKey(deployment.environment);
    if (!environment)
        return std::nullopt;
    auto record = recordOf<DeploymentRecord>(appId, deployment);
    record.environment = *environment;
    record.user = deployment.user;
    record.pipelineId = deployment.pipelineId;
    return record;
}

void mergeOps(QHash<QString, AppRecord> &apps, const SyncBatch &batch, CacheChanges &changes)
{
    for (auto it = batch.ops.cbegin(); it != batch.ops.cend(); ++it) {
        auto app = apps.find(it.key());
        if (app == apps.end())
            continue;
        applyOpsDetail(*app, *it);
        for (const GitLabPipeline &pipeline : it->pipelines)
            changes.pipelines.append(toPipelineRecord(it.key(), pipeline));
        for (const GitLabDeployment &deployment : it->deployments) {
            if (const auto record = toDeploymentRecord(it.key(), deployment))
                changes.deployments.append(*record);
        }
    }
}

// Live refs of every app whose SHA or tags may have moved: the tag at its SHA.
void mergeLiveRefs(QHash<QString, AppRecord> &apps, const SyncBatch &batch, const CachedState &previous,
                   const CacheChanges &changes)
{
    QSet<QString> touched;
    for (auto it = batch.ops.cbegin(); it != batch.ops.cend(); ++it)
        touched.insert(it.key());
    for (auto it = batch.tags.cbegin(); it != batch.tags.cend(); ++it)
        touched.insert(it.key());
    for (const QString &appId : std::as_const(touched)) {
        auto app = apps.find(appId);
        if (app == apps.end())
            continue;
        const auto fresh = changes.tags.constFind(appId);
        const QList<TagRecord> tags = fresh != changes.tags.cend() ? *fresh : previous.tags.value(appId);
        for (EnvironmentState &state : app->environments)
            state.liveRef = liveRefFor(state.liveSha, tags);
    }
}

// Which recorded approvals still count for the list: those of the SHA the ref
// names now, not the requester's. (Whether each approver is an admin is
// checked when an admin approves: ApproveJob.)
void applyRecordedApprovals(ReleaseRequest &request, const ReleaseRequestParser::Parsed &parsed, const SyncBatch &batch,
                            const QString &codeProject)
{
    request.approvalsRequired = parsed.approvalsRequired;
    const auto notes
        = batch.approvalNotes.constFind(SyncBatch::refKey(request.projectId, QString::number(request.iid)));
    if (notes == batch.approvalNotes.cend() || request.resolvedSha.isEmpty())
        return;
    const QList<ReleaseTrailers::RecordedApproval> recorded
        = ReleaseTrailers::recordedApprovals(*notes, ReleaseTrailers::requestKey(codeProject, request.iid));
    for (const ReleaseTrailers::RecordedApproval &approval : recorded) {
        if (approval.sha != request.resolvedSha || approval.admin.compare(request.requester, Qt::CaseInsensitive) == 0)
            continue;
        request.approvedBy.append(approval.admin);
        request.lastApprovalAt = std::max(request.lastApprovalAt, approval.at);
    }
}

void mergeReleaseRequests(const QHash<QString, AppRecord> &apps, const SyncBatch &batch, const CachedState &previous,
                          CacheChanges &changes)
{
    const QString appsGroup = batch.rootGroup + QStringLiteral("/apps");
    QHash<qint64, QString> appOfCodeProject;
    for (const AppRecord &app : apps) {
        if (app.codeProjectId)
            appOfCodeProject.insert(app.codeProjectId, app.id);
    }
    QSet<std::pair<qint64, qint64>> open;
    for (const GitLabIssue &issue : batch.issues) {
        const QString appId = appIdOfIssue(issue, appOfCodeProject, appsGroup);
        const bool isOpen = issue.state == QLatin1String("opened")
            && issue.labels.contains(QStringLiteral("release-request")) && !appId.isEmpty();
        if (!isOpen) {
            changes.closedRequests.append({ issue.projectId, issue.iid });
            continue;
        }
        const ReleaseRequestParser::Parsed parsed = ReleaseRequestParser::parse(issue);
        ReleaseRequest request;
        request.projectId = issue.projectId;
        request.iid = issue.iid;
        request.appId = appId;
        request.environment = parsed.environment.value_or(Environment::Test);
        // Without exactly one env:: label nobody can tell where it should go.
        request.state = parsed.environment ? parsed.state : ReleaseState::Invalid;
        request.title = issue.title;
        request.requestedRef = parsed.requestedRef;
        if (!parsed.requestedRef.isEmpty())
            request.resolvedSha = batch.resolvedRefs.value(SyncBatch::refKey(issue.projectId, parsed.requestedRef));
        request.requester = issue.author;
        if (parsed.approvalsGiven > 0)
            applyRecordedApprovals(request, parsed, batch, appsGroup + QLatin1Char('/') + appId);
        request.webUrl = issue.webUrl;
        request.createdAt = issue.createdAt;
        request.updatedAt = issue.updatedAt;
        changes.releaseRequests.append(request);
        open.insert({ issue.projectId, issue.iid });
    }
    if (!batch.full)
        return;
    for (const ReleaseRequest &request : previous.releaseRequests) {
        if (!open.contains({ request.projectId, request.iid }))
            changes.closedRequests.append({ request.projectId, request.iid });
    }
}

} // namespace

CachedState readCachedState(CacheDatabase &db, const SyncBatch &batch)
{
    CachedState state;
    if (!batch.full || !batch.skipped.isEmpty())
        state.apps = db.loadApps();
    QSet<QString> tagsNeeded;
    for (auto it = batch.ops.cbegin(); it != batch.ops.cend(); ++it) {
        if (!batch.tags.contains(it.key()))
            tagsNeeded.insert(it.key());
    }
    if (batch.full) {
        for (const AppRecord &app : std::as_const(state.apps)) {
            if (batch.skipped.contains(app.id))
                tagsNeeded.insert(app.id);
        }
        state.releaseRequests = db.loadReleaseRequests();
    }
    for (const QString &appId : std::as_const(tagsNeeded))
        state.tags.insert(appId, db.loadTags(appId));
    return state;
}

CacheChanges mergeSyncBatch(const CachedState &previous, const SyncBatch &batch)
{
    CacheChanges changes;
    changes.full = batch.full;

    QHash<QString, AppRecord> apps;
    QHash<QString, AppRecord> kept; // skipped apps keep their cached record and tags, even through a full run
    for (const AppRecord &app : previous.apps) {
        if (!batch.full)
            apps.insert(app.id, app);
        else if (batch.skipped.contains(app.id))
            kept.insert(app.id, app);
    }
    const QHash<QString, AppRecord> before = apps;

    QSet<QString> removed;
    if (batch.inventory) {
        const QSet<QString> allocated = mergeInventory(apps, *batch.inventory);
        // Released allocations: an app with no repositories left is gone.
        if (!batch.full) {
            for (auto it = apps.begin(); it != apps.end();) {
                if (!allocated.contains(it.key()) && it->codeProjectId == 0 && it->opsProjectId == 0) {
                    removed.insert(it.key());
                    it = apps.erase(it);
                } else {
                    ++it;
                }
            }
        }
    }
    mergeProjects(apps, batch.codeProjects, Repository::Code);
    mergeProjects(apps, batch.opsProjects, Repository::Ops);

    for (auto it = batch.tags.cbegin(); it != batch.tags.cend(); ++it) {
        if (!apps.contains(it.key()))
            continue;
        QList<TagRecord> &records = changes.tags[it.key()];
        records.reserve(it->size());
        for (const GitLabTag &tag : *it)
            records.append(toTagRecord(it.key(), tag));
    }
    mergeOps(apps, batch, changes);
    mergeLiveRefs(apps, batch, previous, changes);

    for (AppRecord &app : apps) {
        if (app.name.isEmpty())
            app.name = app.id;
        if (app.status.isEmpty())
            app.status = enumKey(AppStatuses,
                                 app.codeProjectId && app.opsProjectId ? AppStatus::Active : AppStatus::Provisioning);
    }

    if (batch.full) {
        for (auto it = kept.cbegin(); it != kept.cend(); ++it) {
            apps.insert(it.key(), it.value());
            changes.keptTags.insert(it.key(), previous.tags.value(it.key()));
        }
        changes.apps = apps.values();
    } else {
        for (const AppRecord &app : std::as_const(apps)) {
            const auto old = before.constFind(app.id);
            if (old == before.cend() || !(*old == app))
                changes.apps.append(app);
        }
        changes.removedApps = QStringList(removed.cbegin(), removed.cend());
    }
    changes.appCount = int(apps.size());
    mergeReleaseRequests(apps, batch, previous, changes);
    return changes;
}

bool applyCacheChanges(CacheDatabase &db, const CacheChanges &changes)
{
    for (auto it = changes.tags.cbegin(); it != changes.tags.cend(); ++it) {
        if (!db.replaceTags(it.key(), it.value()))
            return false;
    }
    if (changes.full) {
        if (!db.replaceAllApps(changes.apps))
            return false;
        // Skipped apps keep the tags the cache had for them.
        for (auto it = changes.keptTags.cbegin(); it != changes.keptTags.cend(); ++it) {
            if (!db.replaceTags(it.key(), it.value()))
                return false;
        }
    } else {
        if (!changes.apps.isEmpty() && !db.upsertApps(changes.apps))
            return false;
        if (!changes.removedApps.isEmpty() && !db.removeApps(changes.removedApps))
            return false;
    }
    if (!changes.pipelines.isEmpty() && !db.upsertPipelines(changes.pipelines))
        return false;
    if (!changes.deployments.isEmpty() && !db.upsertDeployments(changes.deployments))
        return false;
    for (const auto &[projectId, iid] : changes.closedRequests) {
        if (!db.removeReleaseRequest(projectId, iid))
            return false;
    }
    return changes.releaseRequests.isEmpty() || db.upsertReleaseRequests(changes.releaseRequests);
}

SyncWriteResult writeSyncBatch(CacheDatabase &db, const SyncBatch &batch,
                               const std::function<bool(CacheDatabase &)> &beforeCommit)
{
    SyncWriteResult result;
    const bool committed = db.transaction([&]() -> bool {
        // Compare-and-swap on the generation: a run that started before another
        // run committed holds older data and must not overwrite it.
        const qint64 generation = db.syncValue(SyncKeys::Generation).toLongLong();
        if (generation != batch.expectedGeneration) {
            result.superseded = true;
            return false;
        }
        const CacheChanges changes = mergeSyncBatch(readCachedState(db, batch), batch);
        if (!applyCacheChanges(db, changes))
            return false;
        result.apps = changes.appCount;
        result.appsChanged = int(changes.apps.size());
        result.appsRemoved = int(changes.removedApps.size());
        result.releaseRequests = int(changes.releaseRequests.size());

        const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
        if (!db.setSyncValue(SyncKeys::Generation, QString::number(generation + 1))
            || !db.setSyncValue(SyncKeys::Cursor, batch.cursor.toUTC().toString(Qt::ISODateWithMs))
            || !db.setSyncValue(SyncKeys::LastSyncAt, now) || !db.setSyncValue(SyncKeys::RootGroup, batch.rootGroup)
            || !db.setSyncValue(SyncKeys::Witness, batch.witness.toString()))
            return false;
        if (batch.full && !db.setSyncValue(SyncKeys::LastFullSyncAt, now))
            return false;
        if (batch.inventory
            && (!db.replaceHosts(batch.inventory->hostRecords())
                || !db.setSyncValue(SyncKeys::InventoryCommit, batch.inventoryCommit)))
            return false;
        if (beforeCommit && !beforeCommit(db)) {
            result.error = Text::tr("The sync was stopped before it was saved.");
            return false;
        }
        return true;
    });

    result.ok = committed;
    // A big batch (a first or full sync) left its whole size in the log.
    constexpr int BigBatch = 256;
    if (committed && result.appsChanged + result.appsRemoved + result.releaseRequests >= BigBatch)
        db.trimWriteAheadLog(); // a failure only leaves the log as it was
    if (!committed && !result.superseded && result.error.isEmpty()) {
        result.storeFailure = db.lastFailure();
        if (result.storeFailure == StoreFailure::Locked)
            result.storeHolder = StoreFailures::lockHolder(db.filePath());
        // The cause in words (a full disk, the program holding a lock), else SQLite's.
        result.error = Text::tr("The local cache could not be updated (%1); it still holds the previous data.")
                           .arg(StoreFailures::describe(result.storeFailure, db.filePath(), db.lastError()));
    }
    return result;
}

} // namespace Dockmaster
