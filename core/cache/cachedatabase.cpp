#include "core/cache/cachedatabase.h"

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

QVariant fromDateTime(const QDateTime &value)
{
    return value.isValid() ? QVariant(value.toUTC().toString(Qt::ISODateWithMs)) : QVariant();
}

QDateTime toDateTime(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

QVariant nullIfEmpty(const QString &value)
{
    return value.isEmpty() ? QVariant() : QVariant(value);
}

} // namespace

CacheDatabase::CacheDatabase(QString filePath)
    : m_filePath(std::move(filePath))
    , m_connectionName(QStringLiteral("dockmaster-cache-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

CacheDatabase::~CacheDatabase()
{
    closeConnection();
}

bool CacheDatabase::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName) && QSqlDatabase::database(m_connectionName, false).isOpen();
}

CacheDatabase::OpenResult CacheDatabase::open()
{
    OpenResult result;
    const bool inMemory = m_filePath == QLatin1String(":memory:");
    if (!inMemory) {
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
            result.message = tr("The local cache of this profile is in use by another Dockmaster window "
                                "(process %1 on %2). Close that window first, or start with another profile.")
                                 .arg(pid)
                                 .arg(host);
            return result;
        }
    }

    if (openConnection(m_filePath) && fileLooksHealthy()) {
        const int version = schemaVersion();
        result.migratedFrom = version;
        if (version > latestCacheSchemaVersion()) {
            m_lastError = tr("The cache was written by a newer version of Dockmaster (schema %1).").arg(version);
        } else if (migrate(version)) {
            qCDebug(lcCache) << "opened" << m_filePath << "schema" << version << "->" << latestCacheSchemaVersion();
            result.status = OpenStatus::Ready;
            return result;
        }
    }

    // The file is damaged, foreign or unreadable. Keep it for inspection and
    // start afresh: everything in the cache can be fetched again from GitLab.
    const QString reason = m_lastError;
    qCDebug(lcCache) << "cannot use" << m_filePath << ':' << reason;
    closeConnection();
    if (!inMemory && QFile::exists(m_filePath)) {
        result.movedAsidePath = moveAside();
        if (!result.movedAsidePath.isEmpty() && openConnection(m_filePath) && migrate(0)) {
            qCDebug(lcCache) << "moved the damaged cache to" << result.movedAsidePath << "and started afresh";
            result.status = OpenStatus::RecoveredFromCorruption;
            result.message = tr("The local cache could not be read (%1). It was moved to %2 and a new cache "
                                "was created; data will be fetched again from GitLab.")
                                 .arg(reason, QDir::toNativeSeparators(result.movedAsidePath));
            return result;
        }
    }
    closeConnection();
    if (openConnection(QStringLiteral(":memory:")) && migrate(0)) {
        result.status = OpenStatus::Unavailable;
        result.message = tr("The local cache file %1 cannot be used (%2). Dockmaster keeps its data in memory "
                            "for this session only.")
                             .arg(QDir::toNativeSeparators(m_filePath), reason);
        return result;
    }
    result.status = OpenStatus::Unavailable;
    result.message = tr("No local cache is available: %1").arg(m_lastError);
    return result;
}

bool CacheDatabase::openConnection(const QString &path)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(path);
    // Another process holding a write lock makes statements wait this long
    // before they fail with SQLITE_BUSY, instead of failing at once.
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=2000"));
    if (!db.open()) {
        m_lastError = db.lastError().text();
        return false;
    }
    return true;
}

void CacheDatabase::closeConnection()
{
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool CacheDatabase::fileLooksHealthy()
{
    // A non-database file only fails on the first statement; quick_check finds
    // damaged pages without reading every row.
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    if (!query.exec(QStringLiteral("PRAGMA quick_check"))) {
        m_lastError = query.lastError().text();
        return false;
    }
    if (!query.next() || query.value(0).toString() != QLatin1String("ok")) {
        m_lastError = tr("integrity check failed");
        return false;
    }
    query.finish();
    if (!exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !exec(QStringLiteral("PRAGMA foreign_keys=ON"))
        || !exec(QStringLiteral("PRAGMA synchronous=NORMAL")))
        return false;
    return true;
}

int CacheDatabase::schemaVersion() const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    if (query.exec(QStringLiteral("PRAGMA user_version")) && query.next())
        return query.value(0).toInt();
    return -1;
}

bool CacheDatabase::migrate(int fromVersion)
{
    exec(QStringLiteral("PRAGMA foreign_keys=ON"));
    for (const CacheMigration &migration : cacheMigrations()) {
        if (migration.version <= fromVersion)
            continue;
        qCDebug(lcCache) << "migrating" << m_filePath << "to schema" << migration.version;
        const bool applied = transaction([&] {
            for (const QString &statement : migration.statements) {
                if (!exec(statement))
                    return false;
            }
            return exec(QStringLiteral("PRAGMA user_version=%1").arg(migration.version));
        });
        if (!applied) {
            m_lastError = tr("schema migration to version %1 failed: %2").arg(migration.version).arg(m_lastError);
            return false;
        }
    }
    return true;
}

QString CacheDatabase::moveAside()
{
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString target = m_filePath + QStringLiteral(".corrupt-") + stamp;
    if (!QFile::rename(m_filePath, target))
        return {};
    // The WAL and shared-memory files belong to the damaged database.
    for (const char *suffix : { "-wal", "-shm" }) {
        const QString companion = m_filePath + QLatin1String(suffix);
        if (QFile::exists(companion))
            QFile::rename(companion, target + QLatin1String(suffix));
    }
    return target;
}

bool CacheDatabase::exec(const QString &sql)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    if (!query.exec(sql)) {
        m_lastError = query.lastError().text();
        return false;
    }
    return true;
}

bool CacheDatabase::transaction(const std::function<bool()> &work)
{
    // Nested calls join the outermost transaction: only it commits, and a
    // failure anywhere inside rolls the whole unit back.
    if (m_transactionDepth > 0) {
        ++m_transactionDepth;
        const bool ok = work();
        --m_transactionDepth;
        return ok;
    }
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    if (!db.transaction()) {
        m_lastError = db.lastError().text();
        return false;
    }
    ++m_transactionDepth;
    const bool ok = work();
    --m_transactionDepth;
    if (!ok) {
        db.rollback();
        return false;
    }
    if (!db.commit()) {
        m_lastError = db.lastError().text();
        db.rollback();
        return false;
    }
    return true;
}

bool CacheDatabase::upsertEnvironment(const QString &appId, const EnvironmentState &state)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral(
        "INSERT INTO environments (app_id, environment, host, domain, container_port, fallback_port, live_ref, "
        "live_sha, pipeline_status, deployed_at, dns_state) VALUES (?,?,?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT (app_id, environment) DO UPDATE SET host=excluded.host, domain=excluded.domain, "
        "container_port=excluded.container_port, fallback_port=excluded.fallback_port, live_ref=excluded.live_ref, "
        "live_sha=excluded.live_sha, pipeline_status=excluded.pipeline_status, deployed_at=excluded.deployed_at, "
        "dns_state=excluded.dns_state"));
    query.addBindValue(appId);
    query.addBindValue(environmentKey(state.environment));
    query.addBindValue(nullIfEmpty(state.host));
    query.addBindValue(nullIfEmpty(state.domain));
    query.addBindValue(state.containerPort);
    query.addBindValue(state.fallbackPort);
    query.addBindValue(nullIfEmpty(state.liveRef));
    query.addBindValue(nullIfEmpty(state.liveSha));
    query.addBindValue(nullIfEmpty(state.pipelineStatus));
    query.addBindValue(fromDateTime(state.deployedAt));
    query.addBindValue(nullIfEmpty(state.dnsState));
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return false;
    }
    return true;
}

bool CacheDatabase::upsertApps(const QList<AppRecord> &apps)
{
    return transaction([&] {
        QSqlQuery query(QSqlDatabase::database(m_connectionName));
        query.prepare(QStringLiteral(
            "INSERT INTO apps (id, name, owner, description, status, code_project_id, ops_project_id, code_web_url, "
            "ops_web_url, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET "
            "name=excluded.name, owner=excluded.owner, description=excluded.description, status=excluded.status, "
            "code_project_id=excluded.code_project_id, ops_project_id=excluded.ops_project_id, "
            "code_web_url=excluded.code_web_url, ops_web_url=excluded.ops_web_url, updated_at=excluded.updated_at"));
        for (const AppRecord &app : apps) {
            query.addBindValue(app.id);
            query.addBindValue(app.name);
            query.addBindValue(nullIfEmpty(app.owner));
            query.addBindValue(nullIfEmpty(app.description));
            query.addBindValue(nullIfEmpty(app.status));
            query.addBindValue(app.codeProjectId);
            query.addBindValue(app.opsProjectId);
            query.addBindValue(nullIfEmpty(app.codeWebUrl));
            query.addBindValue(nullIfEmpty(app.opsWebUrl));
            query.addBindValue(fromDateTime(app.updatedAt));
            if (!query.exec()) {
                m_lastError = query.lastError().text();
                return false;
            }
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
        QSqlQuery query(QSqlDatabase::database(m_connectionName));
        query.prepare(QStringLiteral("DELETE FROM apps WHERE id = ?"));
        for (const QString &id : ids) {
            query.addBindValue(id);
            if (!query.exec()) {
                m_lastError = query.lastError().text();
                return false;
            }
        }
        return true;
    });
}

QList<AppRecord> CacheDatabase::loadApps() const
{
    QList<AppRecord> apps;
    QHash<QString, qsizetype> rowOfApp;
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT id, name, owner, description, status, code_project_id, ops_project_id, "
                                   "code_web_url, ops_web_url, updated_at FROM apps ORDER BY id"))) {
        m_lastError = query.lastError().text();
        return apps;
    }
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
        app.updatedAt = toDateTime(query.value(9));
        rowOfApp.insert(app.id, apps.size());
        apps.append(std::move(app));
    }
    if (!query.exec(QStringLiteral("SELECT app_id, environment, host, domain, container_port, fallback_port, "
                                   "live_ref, live_sha, pipeline_status, deployed_at, dns_state FROM environments "
                                   "ORDER BY app_id, environment DESC"))) {
        m_lastError = query.lastError().text();
        return apps;
    }
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
        state.deployedAt = toDateTime(query.value(9));
        state.dnsState = query.value(10).toString();
        apps[*row].environments.append(std::move(state));
    }
    return apps;
}

bool CacheDatabase::upsertReleaseRequests(const QList<ReleaseRequest> &requests)
{
    return transaction([&] {
        QSqlQuery query(QSqlDatabase::database(m_connectionName));
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
            query.addBindValue(nullIfEmpty(request.resolvedSha));
            query.addBindValue(request.requester);
            query.addBindValue(enumKey(ReleaseStates, request.state));
            query.addBindValue(nullIfEmpty(request.webUrl));
            query.addBindValue(fromDateTime(request.createdAt));
            query.addBindValue(fromDateTime(request.updatedAt));
            query.addBindValue(nullIfEmpty(request.approvedBy.join(QLatin1Char(','))));
            query.addBindValue(fromDateTime(request.lastApprovalAt));
            query.addBindValue(request.approvalsRequired);
            if (!query.exec()) {
                m_lastError = query.lastError().text();
                return false;
            }
        }
        return true;
    });
}

bool CacheDatabase::removeReleaseRequest(qint64 projectId, qint64 iid)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("DELETE FROM release_requests WHERE project_id = ? AND iid = ?"));
    query.addBindValue(projectId);
    query.addBindValue(iid);
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return false;
    }
    return true;
}

QList<ReleaseRequest> CacheDatabase::loadReleaseRequests() const
{
    QList<ReleaseRequest> requests;
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT project_id, iid, app_id, environment, title, requested_ref, resolved_sha, "
                                   "requester, state, web_url, created_at, updated_at, approved_by, last_approval_at, "
                                   "approvals_required FROM release_requests ORDER BY created_at"))) {
        m_lastError = query.lastError().text();
        return requests;
    }
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
        request.createdAt = toDateTime(query.value(10));
        request.updatedAt = toDateTime(query.value(11));
        const QString approvedBy = query.value(12).toString();
        if (!approvedBy.isEmpty())
            request.approvedBy = approvedBy.split(QLatin1Char(','));
        request.lastApprovalAt = toDateTime(query.value(13));
        request.approvalsRequired = query.value(14).toInt();
        requests.append(std::move(request));
    }
    return requests;
}

bool CacheDatabase::replaceTags(const QString &appId, const QList<TagRecord> &tags)
{
    return transaction([&] {
        QSqlQuery query(QSqlDatabase::database(m_connectionName));
        query.prepare(QStringLiteral("DELETE FROM tags WHERE app_id = ?"));
        query.addBindValue(appId);
        if (!query.exec()) {
            m_lastError = query.lastError().text();
            return false;
        }
        query.prepare(
            QStringLiteral("INSERT INTO tags (app_id, name, sha, message, author, created_at) VALUES (?,?,?,?,?,?)"));
        for (const TagRecord &tag : tags) {
            query.addBindValue(appId);
            query.addBindValue(tag.name);
            query.addBindValue(tag.sha);
            query.addBindValue(nullIfEmpty(tag.message));
            query.addBindValue(nullIfEmpty(tag.author));
            query.addBindValue(fromDateTime(tag.createdAt));
            if (!query.exec()) {
                m_lastError = query.lastError().text();
                return false;
            }
        }
        return true;
    });
}

QList<TagRecord> CacheDatabase::loadTags(const QString &appId) const
{
    QList<TagRecord> tags;
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral(
        "SELECT name, sha, message, author, created_at FROM tags WHERE app_id = ? ORDER BY created_at DESC, name"));
    query.addBindValue(appId);
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return tags;
    }
    while (query.next()) {
        TagRecord tag;
        tag.appId = appId;
        tag.name = query.value(0).toString();
        tag.sha = query.value(1).toString();
        tag.message = query.value(2).toString();
        tag.author = query.value(3).toString();
        tag.createdAt = toDateTime(query.value(4));
        tags.append(std::move(tag));
    }
    return tags;
}

bool CacheDatabase::replaceHosts(const QList<HostRecord> &hosts)
{
    return transaction([&] {
        QSqlQuery query(QSqlDatabase::database(m_connectionName));
        if (!query.exec(QStringLiteral("DELETE FROM hosts"))) {
            m_lastError = query.lastError().text();
            return false;
        }
        query.prepare(QStringLiteral("INSERT OR REPLACE INTO hosts (name, address, environment, docker_api) "
                                     "VALUES (?,?,?,?)"));
        for (const HostRecord &host : hosts) {
            query.addBindValue(host.name);
            query.addBindValue(nullIfEmpty(host.address));
            query.addBindValue(nullIfEmpty(host.environment));
            query.addBindValue(nullIfEmpty(host.dockerApi));
            if (!query.exec()) {
                m_lastError = query.lastError().text();
                return false;
            }
        }
        return true;
    });
}

QList<HostRecord> CacheDatabase::loadHosts() const
{
    QList<HostRecord> hosts;
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    if (!query.exec(QStringLiteral("SELECT name, address, environment, docker_api FROM hosts ORDER BY name"))) {
        m_lastError = query.lastError().text();
        return hosts;
    }
    while (query.next())
        hosts.append({ query.value(0).toString(), query.value(1).toString(), query.value(2).toString(),
                       query.value(3).toString() });
    return hosts;
}

bool CacheDatabase::upsertDeployments(const QList<DeploymentRecord> &deployments)
{
    return transaction([&] {
        QSqlQuery query(QSqlDatabase::database(m_connectionName));
        query.prepare(QStringLiteral("INSERT OR REPLACE INTO deployments (app_id, id, environment, ref, sha, status, "
                                     "user, pipeline_id, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)"));
        for (const DeploymentRecord &deployment : deployments) {
            query.addBindValue(deployment.appId);
            query.addBindValue(deployment.id);
            query.addBindValue(environmentKey(deployment.environment));
            query.addBindValue(deployment.ref);
            query.addBindValue(deployment.sha);
            query.addBindValue(deployment.status);
            query.addBindValue(nullIfEmpty(deployment.user));
            query.addBindValue(deployment.pipelineId);
            query.addBindValue(fromDateTime(deployment.createdAt));
            query.addBindValue(fromDateTime(deployment.updatedAt));
            if (!query.exec()) {
                m_lastError = query.lastError().text();
                return false;
            }
        }
        return true;
    });
}

QList<DeploymentRecord> CacheDatabase::loadDeployments(const QString &appId) const
{
    QList<DeploymentRecord> deployments;
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("SELECT id, environment, ref, sha, status, user, pipeline_id, created_at, "
                                 "updated_at FROM deployments WHERE app_id = ? ORDER BY id DESC"));
    query.addBindValue(appId);
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return deployments;
    }
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
        deployment.createdAt = toDateTime(query.value(7));
        deployment.updatedAt = toDateTime(query.value(8));
        deployments.append(std::move(deployment));
    }
    return deployments;
}

bool CacheDatabase::upsertPipelines(const QList<PipelineRecord> &pipelines)
{
    return transaction([&] {
        QSqlQuery query(QSqlDatabase::database(m_connectionName));
        query.prepare(QStringLiteral("INSERT OR REPLACE INTO pipelines (app_id, id, ref, sha, status, web_url, "
                                     "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)"));
        for (const PipelineRecord &pipeline : pipelines) {
            query.addBindValue(pipeline.appId);
            query.addBindValue(pipeline.id);
            query.addBindValue(pipeline.ref);
            query.addBindValue(pipeline.sha);
            query.addBindValue(pipeline.status);
            query.addBindValue(nullIfEmpty(pipeline.webUrl));
            query.addBindValue(fromDateTime(pipeline.createdAt));
            query.addBindValue(fromDateTime(pipeline.updatedAt));
            if (!query.exec()) {
                m_lastError = query.lastError().text();
                return false;
            }
        }
        return true;
    });
}

QList<PipelineRecord> CacheDatabase::loadPipelines(const QString &appId) const
{
    QList<PipelineRecord> pipelines;
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("SELECT id, ref, sha, status, web_url, created_at, updated_at FROM pipelines "
                                 "WHERE app_id = ? ORDER BY id DESC"));
    query.addBindValue(appId);
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return pipelines;
    }
    while (query.next()) {
        PipelineRecord pipeline;
        pipeline.appId = appId;
        pipeline.id = query.value(0).toLongLong();
        pipeline.ref = query.value(1).toString();
        pipeline.sha = query.value(2).toString();
        pipeline.status = query.value(3).toString();
        pipeline.webUrl = query.value(4).toString();
        pipeline.createdAt = toDateTime(query.value(5));
        pipeline.updatedAt = toDateTime(query.value(6));
        pipelines.append(std::move(pipeline));
    }
    return pipelines;
}

bool CacheDatabase::appendAudit(AuditEntry entry)
{
    if (!entry.at.isValid())
        entry.at = QDateTime::currentDateTimeUtc();
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(
        QStringLiteral("INSERT INTO audit_log (at, actor, action, app_id, environment, detail) VALUES (?,?,?,?,?,?)"));
    query.addBindValue(fromDateTime(entry.at));
    query.addBindValue(entry.actor);
    query.addBindValue(entry.action);
    query.addBindValue(nullIfEmpty(entry.appId));
    query.addBindValue(nullIfEmpty(entry.environment));
    query.addBindValue(nullIfEmpty(entry.detail));
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return false;
    }
    return true;
}

QList<AuditEntry> CacheDatabase::loadAudit(int limit) const
{
    QList<AuditEntry> entries;
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral(
        "SELECT id, at, actor, action, app_id, environment, detail FROM audit_log ORDER BY id DESC LIMIT ?"));
    query.addBindValue(limit);
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return entries;
    }
    while (query.next()) {
        AuditEntry entry;
        entry.id = query.value(0).toLongLong();
        entry.at = toDateTime(query.value(1));
        entry.actor = query.value(2).toString();
        entry.action = query.value(3).toString();
        entry.appId = query.value(4).toString();
        entry.environment = query.value(5).toString();
        entry.detail = query.value(6).toString();
        entries.append(std::move(entry));
    }
    return entries;
}

bool CacheDatabase::appendHealthEvents(const QList<HealthEvent> &events)
{
    return transaction([this, &events] {
        QSqlQuery query(QSqlDatabase::database(m_connectionName));
        query.prepare(QStringLiteral("INSERT OR IGNORE INTO health_events (app_id, environment, at, kind, reason, "
                                     "container) VALUES (?,?,?,?,?,?)"));
        for (const HealthEvent &event : events) {
            query.addBindValue(event.appId);
            query.addBindValue(environmentKey(event.environment));
            query.addBindValue(fromDateTime(event.at));
            query.addBindValue(event.failover ? QStringLiteral("failover") : QStringLiteral("recovery"));
            query.addBindValue(nullIfEmpty(event.reason));
            query.addBindValue(nullIfEmpty(event.container));
            if (!query.exec()) {
                m_lastError = query.lastError().text();
                return false;
            }
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
        event.at = toDateTime(query.value(2));
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
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("SELECT app_id, environment, at, kind, reason, container FROM health_events "
                                 "WHERE app_id = ? AND at >= ? ORDER BY at, id"));
    query.addBindValue(appId);
    query.addBindValue(fromDateTime(since));
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return {};
    }
    return readHealthEvents(query);
}

QList<HealthEvent> CacheDatabase::loadLatestHealthEvents() const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    // ISO times in UTC with milliseconds sort as text.
    if (!query.exec(QStringLiteral("SELECT e.app_id, e.environment, e.at, e.kind, e.reason, e.container FROM "
                                   "health_events e JOIN (SELECT app_id, environment, MAX(at) AS at FROM "
                                   "health_events GROUP BY app_id, environment) newest ON e.app_id = newest.app_id "
                                   "AND e.environment = newest.environment AND e.at = newest.at"))) {
        m_lastError = query.lastError().text();
        return {};
    }
    return readHealthEvents(query);
}

bool CacheDatabase::setSyncValue(const QString &key, const QString &value)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)"));
    query.addBindValue(key);
    query.addBindValue(value);
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return false;
    }
    return true;
}

QString CacheDatabase::syncValue(const QString &key) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("SELECT value FROM sync_state WHERE key = ?"));
    query.addBindValue(key);
    if (query.exec() && query.next())
        return query.value(0).toString();
    return {};
}

} // namespace Dockmaster
