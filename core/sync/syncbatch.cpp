#include "core/sync/syncbatch.h"

#include "core/cache/cachedatabase.h"
#include "core/gitlab/releaserequestparser.h"

#include <QCoreApplication>

namespace Dockmaster {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Dockmaster::SyncEngine", text);
}

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
                state.deployedAt = deployment.updatedAt.isValid() ? deployment.updatedAt : deployment.createdAt;
                break;
            }
        }
    }
}

} // namespace

SyncWriteResult writeSyncBatch(CacheDatabase &db, const SyncBatch &batch,
                               const std::function<bool(CacheDatabase &)> &beforeCommit)
{
    SyncWriteResult result;
    const QString appsGroup = batch.rootGroup + QStringLiteral("/apps");

    const bool committed = db.transaction([&]() -> bool {
        // Compare-and-swap on the generation: a run that started before another
        // run committed holds older data and must not overwrite it.
        const qint64 generation = db.syncValue(SyncKeys::Generation).toLongLong();
        if (generation != batch.expectedGeneration) {
            result.superseded = true;
            return false;
        }

        // Skipped apps keep their cached record and tags, even through a full run.
        QHash<QString, AppRecord> kept;
        QHash<QString, QList<TagRecord>> keptTags;
        if (batch.full && !batch.skipped.isEmpty()) {
            const QList<AppRecord> loaded = db.loadApps();
            for (const AppRecord &app : loaded) {
                if (batch.skipped.contains(app.id)) {
                    kept.insert(app.id, app);
                    keptTags.insert(app.id, db.loadTags(app.id));
                }
            }
        }

        QHash<QString, AppRecord> apps;
        QHash<QString, AppRecord> before;
        if (!batch.full) {
            const QList<AppRecord> loaded = db.loadApps();
            for (const AppRecord &app : loaded)
                apps.insert(app.id, app);
            before = apps;
        }
        QSet<QString> removed;

        if (batch.inventory) {
            QSet<QString> allocated;
            for (const InventoryAllocation &allocation : batch.inventory->allocations) {
                allocated.insert(allocation.id);
                AppRecord &app = apps[allocation.id];
                app.id = allocation.id;
                if (!allocation.name.isEmpty())
                    app.name = allocation.name;
                if (!allocation.owner.isEmpty())
                    app.owner = allocation.owner;
                if (!allocation.description.isEmpty())
                    app.description = allocation.description;
                if (!allocation.status.isEmpty())
                    app.status = allocation.status;
                if (allocation.codeProjectId)
                    app.codeProjectId = allocation.codeProjectId;
                if (allocation.opsProjectId)
                    app.opsProjectId = allocation.opsProjectId;
                for (const Environment environment : AllEnvironments) {
                    const auto placement = std::find_if(
                        allocation.placements.cbegin(), allocation.placements.cend(),
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

        for (const GitLabProject &project : batch.codeProjects) {
            const QString appId = ReleaseRequestParser::appIdFromPath(project.pathWithNamespace);
            if (appId.isEmpty())
                continue;
            AppRecord &app = apps[appId];
            app.id = appId;
            if (app.name.isEmpty())
                app.name = project.name;
            if (app.description.isEmpty())
                app.description = project.description;
            app.codeProjectId = project.id;
            app.codeWebUrl = project.webUrl;
            if (project.archived)
                app.status = QStringLiteral("archived");
            if (project.lastActivityAt > app.updatedAt)
                app.updatedAt = project.lastActivityAt;
        }
        for (const GitLabProject &project : batch.opsProjects) {
            const QString appId = ReleaseRequestParser::appIdFromPath(project.pathWithNamespace);
            if (appId.isEmpty())
                continue;
            AppRecord &app = apps[appId];
            app.id = appId;
            if (app.name.isEmpty())
                app.name = appId;
            app.opsProjectId = project.id;
            app.opsWebUrl = project.webUrl;
            if (project.lastActivityAt > app.updatedAt)
                app.updatedAt = project.lastActivityAt;
        }

        // Tags first: the live ref of an environment is the tag at its SHA.
        QHash<QString, QList<TagRecord>> tagsOfApp;
        for (auto it = batch.tags.cbegin(); it != batch.tags.cend(); ++it) {
            if (!apps.contains(it.key()))
                continue;
            QList<TagRecord> records;
            records.reserve(it->size());
            for (const GitLabTag &tag : *it)
                records.append(toTagRecord(it.key(), tag));
            if (!db.replaceTags(it.key(), records))
                return false;
            tagsOfApp.insert(it.key(), records);
        }
        auto tagsFor = [&](const QString &appId) -> const QList<TagRecord> & {
            auto found = tagsOfApp.find(appId);
            if (found == tagsOfApp.end())
                found = tagsOfApp.insert(appId, db.loadTags(appId));
            return *found;
        };

        QList<PipelineRecord> pipelines;
        QList<DeploymentRecord> deployments;
        for (auto it = batch.ops.cbegin(); it != batch.ops.cend(); ++it) {
            auto app = apps.find(it.key());
            if (app == apps.end())
                continue;
            applyOpsDetail(*app, *it);
            for (const GitLabPipeline &pipeline : it->pipelines) {
                PipelineRecord record;
                record.appId = it.key();
                record.id = pipeline.id;
                record.ref = pipeline.ref;
                record.sha = pipeline.sha;
                record.status = pipeline.status;
                record.webUrl = pipeline.webUrl;
                record.createdAt = pipeline.createdAt;
                record.updatedAt = pipeline.updatedAt;
                pipelines.append(record);
            }
            for (const GitLabDeployment &deployment : it->deployments) {
                const auto environment = environmentFromKey(deployment.environment);
                if (!environment)
                    continue;
                DeploymentRecord record;
                record.appId = it.key();
                record.id = deployment.id;
                record.environment = *environment;
                record.ref = deployment.ref;
                record.sha = deployment.sha;
                record.status = deployment.status;
                record.user = deployment.user;
                record.pipelineId = deployment.pipelineId;
                record.createdAt = deployment.createdAt;
                record.updatedAt = deployment.updatedAt;
                deployments.append(record);
            }
        }
        // Live refs of every app whose SHA or tags may have moved.
        QSet<QString> touched;
        for (auto it = batch.ops.cbegin(); it != batch.ops.cend(); ++it)
            touched.insert(it.key());
        for (auto it = batch.tags.cbegin(); it != batch.tags.cend(); ++it)
            touched.insert(it.key());
        for (const QString &appId : std::as_const(touched)) {
            auto app = apps.find(appId);
            if (app == apps.end())
                continue;
            for (EnvironmentState &state : app->environments)
                state.liveRef = liveRefFor(state.liveSha, tagsFor(appId));
        }

        for (AppRecord &app : apps) {
            if (app.name.isEmpty())
                app.name = app.id;
            if (app.status.isEmpty())
                app.status
                    = app.codeProjectId && app.opsProjectId ? QStringLiteral("active") : QStringLiteral("provisioning");
        }

        if (batch.full) {
            for (auto it = kept.cbegin(); it != kept.cend(); ++it)
                apps.insert(it.key(), it.value());
            if (!db.replaceAllApps(apps.values()))
                return false;
            for (auto it = keptTags.cbegin(); it != keptTags.cend(); ++it) {
                if (!db.replaceTags(it.key(), it.value()))
                    return false;
            }
            result.appsChanged = int(apps.size());
        } else {
            QList<AppRecord> changed;
            for (const AppRecord &app : std::as_const(apps)) {
                const auto old = before.constFind(app.id);
                if (old == before.cend() || !(*old == app))
                    changed.append(app);
            }
            if (!changed.isEmpty() && !db.upsertApps(changed))
                return false;
            if (!removed.isEmpty() && !db.removeApps(QStringList(removed.cbegin(), removed.cend())))
                return false;
            result.appsChanged = int(changed.size());
            result.appsRemoved = int(removed.size());
        }
        result.apps = int(apps.size());
        if (!pipelines.isEmpty() && !db.upsertPipelines(pipelines))
            return false;
        if (!deployments.isEmpty() && !db.upsertDeployments(deployments))
            return false;

        // Release requests.
        QHash<qint64, QString> appOfCodeProject;
        for (const AppRecord &app : std::as_const(apps)) {
            if (app.codeProjectId)
                appOfCodeProject.insert(app.codeProjectId, app.id);
        }
        QSet<std::pair<qint64, qint64>> open;
        QList<ReleaseRequest> upserts;
        QList<std::pair<qint64, qint64>> closed;
        for (const GitLabIssue &issue : batch.issues) {
            const QString appId = appIdOfIssue(issue, appOfCodeProject, appsGroup);
            const bool isOpen = issue.state == QLatin1String("opened")
                && issue.labels.contains(QStringLiteral("release-request")) && !appId.isEmpty();
            if (!isOpen) {
                closed.append({ issue.projectId, issue.iid });
                continue;
            }
            const ReleaseRequestParser::Parsed parsed = ReleaseRequestParser::parse(issue);
            ReleaseRequest request;
            request.projectId = issue.projectId;
            request.iid = issue.iid;
            request.appId = appId;
            request.environment = parsed.environment.value_or(Environment::Test);
            // Without exactly one env:: label nobody can tell where it should go.
            request.state = parsed.environment ? parsed.state : QStringLiteral("invalid");
            request.title = issue.title;
            request.requestedRef = parsed.requestedRef;
            if (!parsed.requestedRef.isEmpty())
                request.resolvedSha = batch.resolvedRefs.value(SyncBatch::refKey(issue.projectId, parsed.requestedRef));
            request.requester = issue.author;
            request.webUrl = issue.webUrl;
            request.createdAt = issue.createdAt;
            request.updatedAt = issue.updatedAt;
            upserts.append(request);
            open.insert({ issue.projectId, issue.iid });
        }
        if (batch.full) {
            const QList<ReleaseRequest> existing = db.loadReleaseRequests();
            for (const ReleaseRequest &request : existing) {
                if (!open.contains({ request.projectId, request.iid }))
                    closed.append({ request.projectId, request.iid });
            }
        }
        for (const auto &[projectId, iid] : std::as_const(closed)) {
            if (!db.removeReleaseRequest(projectId, iid))
                return false;
        }
        if (!upserts.isEmpty() && !db.upsertReleaseRequests(upserts))
            return false;
        result.releaseRequests = int(upserts.size());

        const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
        if (!db.setSyncValue(SyncKeys::Generation, QString::number(generation + 1))
            || !db.setSyncValue(SyncKeys::Cursor, batch.cursor.toUTC().toString(Qt::ISODateWithMs))
            || !db.setSyncValue(SyncKeys::LastSyncAt, now) || !db.setSyncValue(SyncKeys::RootGroup, batch.rootGroup))
            return false;
        if (batch.full && !db.setSyncValue(SyncKeys::LastFullSyncAt, now))
            return false;
        if (batch.inventory
            && (!db.replaceHosts(batch.inventory->hostRecords())
                || !db.setSyncValue(SyncKeys::InventoryCommit, batch.inventoryCommit)))
            return false;
        if (beforeCommit && !beforeCommit(db)) {
            result.error = tr("The sync was stopped before it was saved.");
            return false;
        }
        return true;
    });

    result.ok = committed;
    if (!committed && !result.superseded && result.error.isEmpty())
        result.error
            = tr("The local cache could not be updated (%1); it still holds the previous data.").arg(db.lastError());
    return result;
}

} // namespace Dockmaster
