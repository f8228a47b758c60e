#include "core/cache/cachedatabase.h"

#include "core/audit/journaldatabase.h"
#include "core/cache/cacheschema.h"
#include "core/util/logging.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

namespace Dockmaster {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Dockmaster::CacheDatabase", text);
}

} // namespace

CacheDatabase::CacheDatabase(QString filePath)
    : m_filePath(std::move(filePath))
    , m_sql(QStringLiteral("cache"))
{
}

CacheDatabase::~CacheDatabase() = default;

bool CacheDatabase::isOpen() const
{
    return m_sql.isOpen();
}

QString CacheDatabase::lastError() const
{
    if (!StoreFailures::isTransient(m_sql.lastFailure()))
        return m_sql.lastError();
    return QStringLiteral("%1 (%2)").arg(m_sql.describeLastFailure(), m_sql.lastError());
}

int CacheDatabase::schemaVersion() const
{
    return m_sql.userVersion();
}

QStringList CacheDatabase::salvageableTables()
{
    return { QStringLiteral("apps"),  QStringLiteral("environments"), QStringLiteral("release_requests"),
             QStringLiteral("tags"),  QStringLiteral("deployments"),  QStringLiteral("pipelines"),
             QStringLiteral("hosts"), QStringLiteral("health_events") };
}

CacheDatabase::OpenResult CacheDatabase::open()
{
    OpenResult result;
    m_temporaryCopy = false;
    const bool inMemory = m_filePath == QLatin1String(":memory:");
    if (!inMemory && !(m_lock && m_lock->isLocked())) {
        QDir().mkpath(QFileInfo(m_filePath).absolutePath());
        // One Dockmaster per profile cache: two sync engines writing the same
        // file would fight. QLockFile notices stale locks of crashed processes.
        m_lock = std::make_unique<QLockFile>(m_filePath + QStringLiteral(".lock"));
        m_lock->setStaleLockTime(0);
        if (!m_lock->tryLock(0) && m_lock->error() == QLockFile::LockFailedError) {
            qint64 pid = 0;
            QString host;
            QString app;
            m_lock->getLockInfo(&pid, &host, &app);
            m_lock.reset();
            qCDebug(lcCache) << "in use by process" << pid << "on" << host << ':' << m_filePath;
            result.status = OpenStatus::InUse;
            result.failure = StoreFailure::Locked;
            result.holder = StoreFailures::lockHolder(m_filePath);
            if (result.holder.isEmpty() && pid > 0)
                result.holder = tr("process %1 on %2").arg(pid).arg(host);
            result.message = tr("The local cache of this profile is in use by another Dockmaster window "
                                "(process %1 on %2). Close that window first, or start with another profile.")
                                 .arg(pid)
                                 .arg(host);
            return result;
        }
    }

    if (m_sql.open(m_filePath) && prepareConnection()) {
        const int version = m_sql.userVersion();
        result.migratedFrom = version;
        if (version > latestCacheSchemaVersion()) {
            m_sql.setError(tr("The cache was written by a newer version of Dockmaster (schema %1).").arg(version),
                           StoreFailure::Other);
        } else if (m_sql.migrate(cacheMigrations(), version)) {
            qCDebug(lcCache) << "opened" << m_filePath << "schema" << version << "->" << latestCacheSchemaVersion();
            result.status = OpenStatus::Ready;
            result.legacyAudit = loadLegacyAudit();
            return result;
        }
    }

    const QString reason = m_sql.lastError();
    result.failure = m_sql.lastFailure();
    if (result.failure == StoreFailure::Locked)
        result.holder = StoreFailures::lockHolder(m_filePath);
    qCDebug(lcCache) << "cannot use" << m_filePath << ':' << reason << "failure" << int(result.failure);
    m_sql.close();
    if (!inMemory && QFile::exists(m_filePath)) {
        // Only damage (or a file that is not ours) justifies setting the file
        // aside; a full disk, a lock or a read-only folder leave it untouched.
        if (StoreFailures::isTransient(result.failure))
            useTemporaryCopy(result, reason);
        else
            recoverFromDamage(result, reason);
        if (result.status != OpenStatus::Unavailable || m_sql.isOpen())
            return result;
    }
    m_sql.close();
    if (m_sql.open(QStringLiteral(":memory:")) && m_sql.migrate(cacheMigrations(), 0)) {
        m_temporaryCopy = StoreFailures::isTransient(result.failure);
        m_temporaryReason = StoreFailures::describe(result.failure, m_filePath, reason);
        result.status = OpenStatus::Unavailable;
        result.message
            = tr("The local cache file %1 cannot be used (%2). Dockmaster keeps its data in memory "
                 "for this session only.")
                  .arg(QDir::toNativeSeparators(m_filePath),
                       m_temporaryCopy ? StoreFailures::describe(result.failure, m_filePath, reason) : reason);
        return result;
    }
    result.status = OpenStatus::Unavailable;
    result.message = tr("No local cache is available: %1").arg(m_sql.lastError());
    return result;
}

bool CacheDatabase::prepareConnection()
{
    // journal_size_limit: each time SQLite empties the log it also shrinks
    // it to this size (1 MB), so ordinary writes keep it small.
    return m_sql.checkIntegrity() && m_sql.probeWrite() && exec(QStringLiteral("PRAGMA journal_mode=WAL"))
        && exec(QStringLiteral("PRAGMA journal_size_limit=1048576")) && exec(QStringLiteral("PRAGMA foreign_keys=ON"))
        && exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
}

void CacheDatabase::recoverFromDamage(OpenResult &result, const QString &reason)
{
    const bool newerVersion = result.migratedFrom > latestCacheSchemaVersion();
    result.movedAsidePath = SqliteConnection::moveAside(m_filePath, QStringLiteral(".corrupt-"));
    if (result.movedAsidePath.isEmpty() || !m_sql.open(m_filePath) || !prepareConnection()
        || !m_sql.migrate(cacheMigrations(), 0)) {
        result.status = OpenStatus::Unavailable;
        return;
    }
    qCDebug(lcCache) << "moved the damaged cache to" << result.movedAsidePath << "and started afresh";
    result.status = OpenStatus::RecoveredFromCorruption;
    if (newerVersion) {
        // A newer schema may mean something else by the same columns: start empty.
        result.message = tr("The local cache could not be read (%1). It was moved to %2 and a new cache "
                            "was created; data will be fetched again from GitLab.")
                             .arg(reason, QDir::toNativeSeparators(result.movedAsidePath));
        return;
    }
    QList<std::pair<QString, QString>> tables;
    for (const QString &table : salvageableTables())
        tables.append({ table, table });
    // Audit rows of an older version's cache go on to the journal from here.
    tables.append({ QStringLiteral("audit_log"), QStringLiteral("legacy_audit_log") });
    tables.append({ QStringLiteral("legacy_audit_log"), QStringLiteral("legacy_audit_log") });
    result.salvage = m_sql.salvageFrom(result.movedAsidePath, tables, true);
    qCDebug(lcCache) << "salvaged" << result.salvage.rowsKept() << "rows from" << result.movedAsidePath;
    result.legacyAudit = loadLegacyAudit();
    result.message = tr("The local cache was damaged (%1). It was moved to %2 and a new cache was created. "
                        "Kept what could still be read: %3. The next sync reads the rest from GitLab.")
                         .arg(reason, QDir::toNativeSeparators(result.movedAsidePath), salvageSummary(result.salvage));
}

void CacheDatabase::useTemporaryCopy(OpenResult &result, const QString &reason)
{
    if (!m_sql.open(QStringLiteral(":memory:")) || !m_sql.migrate(cacheMigrations(), 0)) {
        result.status = OpenStatus::Unavailable;
        return;
    }
    QList<std::pair<QString, QString>> tables;
    for (const QString &table : salvageableTables())
        tables.append({ table, table });
    tables.append({ QStringLiteral("sync_state"), QStringLiteral("sync_state") }); // the copy shows the last sync
    result.salvage = m_sql.salvageFrom(m_filePath, tables);
    qCDebug(lcCache) << "working from a copy in memory of" << m_filePath << ':' << result.salvage.rowsKept() << "rows";
    m_temporaryCopy = true;
    m_temporaryReason = StoreFailures::describe(result.failure, m_filePath, reason);
    result.status = OpenStatus::Unavailable;
    result.message = tr("The local cache cannot be used now: %1. The file was left as it is. Until it can be "
                        "used again, Dockmaster works from a copy in memory (%2) and tries the file again at "
                        "the next refresh (F5).")
                         .arg(m_temporaryReason, salvageSummary(result.salvage));
}

QString CacheDatabase::salvageSummary(const SalvageReport &report) const
{
    if (!report.readable || report.rowsKept() == 0)
        return tr("nothing could be read");
    static const QHash<QString, const char *> labels {
        { QStringLiteral("apps"), QT_TRANSLATE_NOOP("Dockmaster::CacheDatabase", "applications") },
        { QStringLiteral("environments"), QT_TRANSLATE_NOOP("Dockmaster::CacheDatabase", "environments") },
        { QStringLiteral("release_requests"), QT_TRANSLATE_NOOP("Dockmaster::CacheDatabase", "release requests") },
        { QStringLiteral("tags"), QT_TRANSLATE_NOOP("Dockmaster::CacheDatabase", "tags") },
        { QStringLiteral("deployments"), QT_TRANSLATE_NOOP("Dockmaster::CacheDatabase", "deployments") },
        { QStringLiteral("pipelines"), QT_TRANSLATE_NOOP("Dockmaster::CacheDatabase", "pipelines") },
        { QStringLiteral("hosts"), QT_TRANSLATE_NOOP("Dockmaster::CacheDatabase", "hosts") },
        { QStringLiteral("health_events"), QT_TRANSLATE_NOOP("Dockmaster::CacheDatabase", "health events") },
        { QStringLiteral("legacy_audit_log"), QT_TRANSLATE_NOOP("Dockmaster::CacheDatabase", "audit entries") },
    };
    QStringList parts;
    for (const SalvageReport::Table &table : report.tables) {
        const char *label = labels.value(table.name);
        if (!label || (table.rowsKept == 0 && table.complete))
            continue;
        parts.append(table.complete ? tr("%1: %2").arg(tr(label)).arg(table.rowsKept)
                                    : tr("%1: %2 (some could not be read)").arg(tr(label)).arg(table.rowsKept));
    }
    return parts.join(QStringLiteral("; "));
}

bool CacheDatabase::upsertEnvironment(const QString &appId, const EnvironmentState &state)
{
    QSqlQuery query(m_sql.database());
    query.prepare(QStringLiteral(
        "INSERT INTO environments (app_id, environment, host, domain, container_port, fallback_port, live_ref, "
        "live_sha, pipeline_status, deployed_at, dns_state) VALUES (?,?,?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT (app_id, environment) DO UPDATE SET host=excluded.host, domain=excluded.domain, "
        "container_port=excluded.container_port, fallback_port=excluded.fallback_port, live_ref=excluded.live_ref, "
        "live_sha=excluded.live_sha, pipeline_status=excluded.pipeline_status, deployed_at=excluded.deployed_at, "
        "dns_state=excluded.dns_state"));
    query.addBindValue(appId);
    query.addBindValue(environmentKey(state.environment));
    query.addBindValue(sqlNullIfEmpty(state.host));
    query.addBindValue(sqlNullIfEmpty(state.domain));
    query.addBindValue(state.containerPort);
    query.addBindValue(state.fallbackPort);
    query.addBindValue(sqlNullIfEmpty(state.liveRef));
    query.addBindValue(sqlNullIfEmpty(state.liveSha));
    query.addBindValue(sqlNullIfEmpty(state.pipelineStatus));
    query.addBindValue(sqlDateTime(state.deployedAt));
    query.addBindValue(sqlNullIfEmpty(state.dnsState));
    if (!m_sql.run(query))
        return false;
    return true;
}

bool CacheDatabase::upsertApps(const QList<AppRecord> &apps)
{
    return transaction([&] {
        QSqlQuery query(m_sql.database());
        query.prepare(QStringLiteral(
            "INSERT INTO apps (id, name, owner, description, status, code_project_id, ops_project_id, code_web_url, "
            "ops_web_url, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET "
            "name=excluded.name, owner=excluded.owner, description=excluded.description, status=excluded.status, "
            "code_project_id=excluded.code_project_id, ops_project_id=excluded.ops_project_id, "
            "code_web_url=excluded.code_web_url, ops_web_url=excluded.ops_web_url, updated_at=excluded.updated_at"));
        for (const AppRecord &app : apps) {
            query.addBindValue(app.id);
            query.addBindValue(app.name);
            query.addBindValue(sqlNullIfEmpty(app.owner));
            query.addBindValue(sqlNullIfEmpty(app.description));
            query.addBindValue(sqlNullIfEmpty(app.status));
            query.addBindValue(app.codeProjectId);
            query.addBindValue(app.opsProjectId);
            query.addBindValue(sqlNullIfEmpty(app.codeWebUrl));
            query.addBindValue(sqlNullIfEmpty(app.opsWebUrl));
            query.addBindValue(sqlDateTime(app.updatedAt));
            if (!m_sql.run(query))
                return false;
            for (const EnvironmentState &state : app.environments) {
                if (!upsertEnvironment(app.id, state))
                    return false;
            }
        }
        return true;
    });
}

bool CacheDatabase::replaceAllApps(const QList<AppRecord> &apps)
{
    return transaction([&] {
        return exec(QStringLiteral("DELETE FROM environments")) && exec(QStringLiteral("DELETE FROM apps"))
            && upsertApps(apps);
    });
}

bool CacheDatabase::removeApps(const QStringList &ids)
{
    return transaction([&] {
        QSqlQuery query(m_sql.database());
        query.prepare(QStringLiteral("DELETE FROM apps WHERE id = ?"));
        for (const QString &id : ids) {
            query.addBindValue(id);
            if (!m_sql.run(query))
                return false;
        }
        return true;
    });
}

QList<AppRecord> CacheDatabase::loadApps() const
{
    QList<AppRecord> apps;
    QHash<QString, qsizetype> rowOfApp;
    QSqlQuery query(m_sql.database());
    query.setForwardOnly(true);
    if (!m_sql.run(query,
                   QStringLiteral("SELECT id, name, owner, description, status, code_project_id, ops_project_id, "
                                  "code_web_url, ops_web_url, updated_at FROM apps ORDER BY id")))
        return apps;
    while (query.next()) {
        AppRecord app;
        app.id = query.value(0).toString();
        app.name = query.value(1).toString();
        app.owner = query.value(2).toString();
        app.description = query.value(3).toString();
        app.status = query.value(4).toString();
        app.codeProjectId = query.value(5).toLongLong();
        app.opsProjectId = query.value(6).toLongLong();
        app.codeWebUrl = query.value(7).toString();
        app.opsWebUrl = query.value(8).toString();
        app.updatedAt = dateTimeFromSql(query.value(9));
        rowOfApp.insert(app.id, apps.size());
        apps.append(std::move(app));
    }
    if (!m_sql.run(query,
                   QStringLiteral("SELECT app_id, environment, host, domain, container_port, fallback_port, "
                                  "live_ref, live_sha, pipeline_status, deployed_at, dns_state FROM environments "
                                  "ORDER BY app_id, environment DESC")))
        return apps;
    while (query.next()) {
        const auto row = rowOfApp.constFind(query.value(0).toString());
        const auto environment = environmentFromKey(query.value(1).toString());
        if (row == rowOfApp.constEnd() || !environment)
            continue;
        EnvironmentState state;
        state.environment = *environment;
        state.host = query.value(2).toString();
        state.domain = query.value(3).toString();
        state.containerPort = query.value(4).toInt();
        state.fallbackPort = query.value(5).toInt();
        state.liveRef = query.value(6).toString();
        state.liveSha = query.value(7).toString();
        state.pipelineStatus = query.value(8).toString();
        state.deployedAt = dateTimeFromSql(query.value(9));
        state.dnsState = query.value(10).toString();
        apps[*row].environments.append(std::move(state));
    }
    return apps;
}

bool CacheDatabase::upsertReleaseRequests(const QList<ReleaseRequest> &requests)
{
    return transaction([&] {
        QSqlQuery query(m_sql.database());
        query.prepare(QStringLiteral(
            "INSERT OR REPLACE INTO release_requests (project_id, iid, app_id, environment, title, requested_ref, "
            "resolved_sha, requester, state, web_url, created_at, updated_at, approved_by, last_approval_at, "
            "approvals_required) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
        for (const ReleaseRequest &request : requests) {
            query.addBindValue(request.projectId);
            query.addBindValue(request.iid);
            query.addBindValue(request.appId);
            query.addBindValue(environmentKey(request.environment));
            query.addBindValue(request.title);
            query.addBindValue(request.requestedRef);
            query.addBindValue(sqlNullIfEmpty(request.resolvedSha));
            query.addBindValue(request.requester);
            query.addBindValue(enumKey(ReleaseStates, request.state));
            query.addBindValue(sqlNullIfEmpty(request.webUrl));
            query.addBindValue(sqlDateTime(request.createdAt));
            query.addBindValue(sqlDateTime(request.updatedAt));
            query.addBindValue(sqlNullIfEmpty(request.approvedBy.join(QLatin1Char(','))));
            query.addBindValue(sqlDateTime(request.lastApprovalAt));
            query.addBindValue(request.approvalsRequired);
            if (!m_sql.run(query))
                return false;
        }
        return true;
    });
}

bool CacheDatabase::removeReleaseRequest(qint64 projectId, qint64 iid)
{
    QSqlQuery query(m_sql.database());
    query.prepare(QStringLiteral("DELETE FROM release_requests WHERE project_id = ? AND iid = ?"));
    query.addBindValue(projectId);
    query.addBindValue(iid);
    if (!m_sql.run(query))
        return false;
    return true;
}

QList<ReleaseRequest> CacheDatabase::loadReleaseRequests() const
{
    QList<ReleaseRequest> requests;
    QSqlQuery query(m_sql.database());
    query.setForwardOnly(true);
    if (!m_sql.run(query,
                   QStringLiteral("SELECT project_id, iid, app_id, environment, title, requested_ref, resolved_sha, "
                                  "requester, state, web_url, created_at, updated_at, approved_by, last_approval_at, "
                                  "approvals_required FROM release_requests ORDER BY created_at")))
        return requests;
    while (query.next()) {
        ReleaseRequest request;
        request.projectId = query.value(0).toLongLong();
        request.iid = query.value(1).toLongLong();
        request.appId = query.value(2).toString();
        request.environment = environmentFromKey(query.value(3).toString()).value_or(Environment::Test);
        request.title = query.value(4).toString();
        request.requestedRef = query.value(5).toString();
        request.resolvedSha = query.value(6).toString();
        request.requester = query.value(7).toString();
        // A key this version does not know (a newer one wrote it) reads as invalid.
        request.state = enumFromKey(ReleaseStates, query.value(8).toString()).value_or(ReleaseState::Invalid);
        request.webUrl = query.value(9).toString();
        request.createdAt = dateTimeFromSql(query.value(10));
        request.updatedAt = dateTimeFromSql(query.value(11));
        const QString approvedBy = query.value(12).toString();
        if (!approvedBy.isEmpty())
            request.approvedBy = approvedBy.split(QLatin1Char(','));
        request.lastApprovalAt = dateTimeFromSql(query.value(13));
        request.approvalsRequired = query.value(14).toInt();
        requests.append(std::move(request));
    }
    return requests;
}

bool CacheDatabase::replaceTags(const QString &appId, const QList<TagRecord> &tags)
{
    return transaction([&] {
        QSqlQuery query(m_sql.database());
        query.prepare(QStringLiteral("DELETE FROM tags WHERE app_id = ?"));
        query.addBindValue(appId);
        if (!m_sql.run(query))
            return false;
        query.prepare(
            QStringLiteral("INSERT INTO tags (app_id, name, sha, message, author, created_at) VALUES (?,?,?,?,?,?)"));
        for (const TagRecord &tag : tags) {
            query.addBindValue(appId);
            query.addBindValue(tag.name);
            query.addBindValue(tag.sha);
            query.addBindValue(sqlNullIfEmpty(tag.message));
            query.addBindValue(sqlNullIfEmpty(tag.author));
            query.addBindValue(sqlDateTime(tag.createdAt));
            if (!m_sql.run(query))
                return false;
        }
        return true;
    });
}

QList<TagRecord> CacheDatabase::loadTags(const QString &appId) const
{
    QList<TagRecord> tags;
    QSqlQuery query(m_sql.database());
    query.prepare(QStringLiteral(
        "SELECT name, sha, message, author, created_at FROM tags WHERE app_id = ? ORDER BY created_at DESC, name"));
    query.addBindValue(appId);
    if (!m_sql.run(query))
        return tags;
    while (query.next()) {
        TagRecord tag;
        tag.appId = appId;
        tag.name = query.value(0).toString();
        tag.sha = query.value(1).toString();
        tag.message = query.value(2).toString();
        tag.author = query.value(3).toString();
        tag.createdAt = dateTimeFromSql(query.value(4));
        tags.append(std::move(tag));
    }
    return tags;
}

bool CacheDatabase::replaceHosts(const QList<HostRecord> &hosts)
{
    return transaction([&] {
        QSqlQuery query(m_sql.database());
        if (!m_sql.run(query, QStringLiteral("DELETE FROM hosts")))
            return false;
        query.prepare(QStringLiteral("INSERT OR REPLACE INTO hosts (name, address, environment, docker_api) "
                                     "VALUES (?,?,?,?)"));
        for (const HostRecord &host : hosts) {
            query.addBindValue(host.name);
            query.addBindValue(sqlNullIfEmpty(host.address));
            query.addBindValue(sqlNullIfEmpty(host.environment));
            query.addBindValue(sqlNullIfEmpty(host.dockerApi));
            if (!m_sql.run(query))
                return false;
        }
        return true;
    });
}

QList<HostRecord> CacheDatabase::loadHosts() const
{
    QList<HostRecord> hosts;
    QSqlQuery query(m_sql.database());
    if (!m_sql.run(query, QStringLiteral("SELECT name, address, environment, docker_api FROM hosts ORDER BY name")))
        return hosts;
    while (query.next())
        hosts.append({ query.value(0).toString(), query.value(1).toString(), query.value(2).toString(),
                       query.value(3).toString() });
    return hosts;
}

bool CacheDatabase::upsertDeployments(const QList<DeploymentRecord> &deployments)
{
    return transaction([&] {
        QSqlQuery query(m_sql.database());
        query.prepare(QStringLiteral("INSERT OR REPLACE INTO deployments (app_id, id, environment, ref, sha, status, "
                                     "user, pipeline_id, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)"));
        for (const DeploymentRecord &deployment : deployments) {
            query.addBindValue(deployment.appId);
            query.addBindValue(deployment.id);
            query.addBindValue(environmentKey(deployment.environment));
            query.addBindValue(deployment.ref);
            query.addBindValue(deployment.sha);
            query.addBindValue(deployment.status);
            query.addBindValue(sqlNullIfEmpty(deployment.user));
            query.addBindValue(deployment.pipelineId);
            query.addBindValue(sqlDateTime(deployment.createdAt));
            query.addBindValue(sqlDateTime(deployment.updatedAt));
            if (!m_sql.run(query))
                return false;
        }
        return true;
    });
}

QList<DeploymentRecord> CacheDatabase::loadDeployments(const QString &appId) const
{
    QList<DeploymentRecord> deployments;
    QSqlQuery query(m_sql.database());
    query.prepare(QStringLiteral("SELECT id, environment, ref, sha, status, user, pipeline_id, created_at, "
                                 "updated_at FROM deployments WHERE app_id = ? ORDER BY id DESC"));
    query.addBindValue(appId);
    if (!m_sql.run(query))
        return deployments;
    while (query.next()) {
        DeploymentRecord deployment;
        deployment.appId = appId;
        deployment.id = query.value(0).toLongLong();
        deployment.environment = environmentFromKey(query.value(1).toString()).value_or(Environment::Test);
        deployment.ref = query.value(2).toString();
        deployment.sha = query.value(3).toString();
        deployment.status = query.value(4).toString();
        deployment.user = query.value(5).toString();
        deployment.pipelineId = query.value(6).toLongLong();
        deployment.createdAt = dateTimeFromSql(query.value(7));
        deployment.updatedAt = dateTimeFromSql(query.value(8));
        deployments.append(std::move(deployment));
    }
    return deployments;
}

bool CacheDatabase::upsertPipelines(const QList<PipelineRecord> &pipelines)
{
    return transaction([&] {
        QSqlQuery query(m_sql.database());
        query.prepare(QStringLiteral("INSERT OR REPLACE INTO pipelines (app_id, id, ref, sha, status, web_url, "
                                     "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)"));
        for (const PipelineRecord &pipeline : pipelines) {
            query.addBindValue(pipeline.appId);
            query.addBindValue(pipeline.id);
            query.addBindValue(pipeline.ref);
            query.addBindValue(pipeline.sha);
            query.addBindValue(pipeline.status);
            query.addBindValue(sqlNullIfEmpty(pipeline.webUrl));
            query.addBindValue(sqlDateTime(pipeline.createdAt));
            query.addBindValue(sqlDateTime(pipeline.updatedAt));
            if (!m_sql.run(query))
                return false;
        }
        return true;
    });
}

QList<PipelineRecord> CacheDatabase::loadPipelines(const QString &appId) const
{
    QList<PipelineRecord> pipelines;
    QSqlQuery query(m_sql.database());
    query.prepare(QStringLiteral("SELECT id, ref, sha, status, web_url, created_at, updated_at FROM pipelines "
                                 "WHERE app_id = ? ORDER BY id DESC"));
    query.addBindValue(appId);
    if (!m_sql.run(query))
        return pipelines;
    while (query.next()) {
        PipelineRecord pipeline;
        pipeline.appId = appId;
        pipeline.id = query.value(0).toLongLong();
        pipeline.ref = query.value(1).toString();
        pipeline.sha = query.value(2).toString();
        pipeline.status = query.value(3).toString();
        pipeline.webUrl = query.value(4).toString();
        pipeline.createdAt = dateTimeFromSql(query.value(5));
        pipeline.updatedAt = dateTimeFromSql(query.value(6));
        pipelines.append(std::move(pipeline));
    }
    return pipelines;
}

QList<AuditEntry> CacheDatabase::loadLegacyAudit() const
{
    QList<AuditEntry> entries;
    QSqlQuery query(m_sql.database());
    if (!query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'legacy_audit_log'"))
        || !query.next())
        return entries;
    if (!m_sql.run(query,
                   QStringLiteral(
                       "SELECT id, at, actor, action, app_id, environment, detail FROM legacy_audit_log ORDER BY id")))
        return entries;
    while (query.next())
        entries.append(JournalDatabase::auditEntryAt(query));
    return entries;
}

bool CacheDatabase::dropLegacyAudit()
{
    return exec(QStringLiteral("DROP TABLE IF EXISTS legacy_audit_log"));
}

bool CacheDatabase::appendHealthEvents(const QList<HealthEvent> &events)
{
    return transaction([this, &events] {
        QSqlQuery query(m_sql.database());
        query.prepare(QStringLiteral("INSERT OR IGNORE INTO health_events (app_id, environment, at, kind, reason, "
                                     "container) VALUES (?,?,?,?,?,?)"));
        for (const HealthEvent &event : events) {
            query.addBindValue(event.appId);
            query.addBindValue(environmentKey(event.environment));
            query.addBindValue(sqlDateTime(event.at));
            query.addBindValue(event.failover ? QStringLiteral("failover") : QStringLiteral("recovery"));
            query.addBindValue(sqlNullIfEmpty(event.reason));
            query.addBindValue(sqlNullIfEmpty(event.container));
            if (!m_sql.run(query))
                return false;
        }
        return true;
    });
}

namespace {

QList<HealthEvent> readHealthEvents(QSqlQuery &query)
{
    QList<HealthEvent> events;
    while (query.next()) {
        HealthEvent event;
        event.appId = query.value(0).toString();
        event.environment = environmentFromKey(query.value(1).toString()).value_or(Environment::Test);
        event.at = dateTimeFromSql(query.value(2));
        event.failover = query.value(3).toString() == QLatin1String("failover");
        event.reason = query.value(4).toString();
        event.container = query.value(5).toString();
        events.append(std::move(event));
    }
    return events;
}

} // namespace

QList<HealthEvent> CacheDatabase::loadHealthEvents(const QString &appId, const QDateTime &since) const
{
    QSqlQuery query(m_sql.database());
    query.prepare(QStringLiteral("SELECT app_id, environment, at, kind, reason, container FROM health_events "
                                 "WHERE app_id = ? AND at >= ? ORDER BY at, id"));
    query.addBindValue(appId);
    query.addBindValue(sqlDateTime(since));
    if (!m_sql.run(query))
        return {};
    return readHealthEvents(query);
}

QList<HealthEvent> CacheDatabase::loadLatestHealthEvents() const
{
    QSqlQuery query(m_sql.database());
    // ISO times in UTC with milliseconds sort as text.
    if (!query.exec(QStringLiteral("SELECT e.app_id, e.environment, e.at, e.kind, e.reason, e.container FROM "
                                   "health_events e JOIN (SELECT app_id, environment, MAX(at) AS at FROM "
                                   "health_events GROUP BY app_id, environment) newest ON e.app_id = newest.app_id "
                                   "AND e.environment = newest.environment AND e.at = newest.at"))) {
        m_sql.noteError(query.lastError());
        return {};
    }
    return readHealthEvents(query);
}

bool CacheDatabase::setSyncValue(const QString &key, const QString &value)
{
    QSqlQuery query(m_sql.database());
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)"));
    query.addBindValue(key);
    query.addBindValue(value);
    if (!m_sql.run(query))
        return false;
    return true;
}

QString CacheDatabase::syncValue(const QString &key) const
{
    QSqlQuery query(m_sql.database());
    query.prepare(QStringLiteral("SELECT value FROM sync_state WHERE key = ?"));
    query.addBindValue(key);
    if (query.exec() && query.next())
        return query.value(0).toString();
    return {};
}

} // namespace Dockmaster
