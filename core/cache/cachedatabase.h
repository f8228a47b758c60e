#pragma once

#include "core/domain/records.h"
#include "core/health/healthtypes.h"

#include <QHash>
#include <QLockFile>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <memory>

namespace Dockmaster {

// The per-profile SQLite cache: opens (and if need be repairs) the file,
// migrates its schema and reads and writes the records the panels show.
// Synchronous by design: use it from one thread only (CacheService owns one
// on a worker thread so the UI never waits for the disk).
class CacheDatabase final
{
public:
    enum class OpenStatus {
        Ready,                   // opened (and migrated) normally
        RecoveredFromCorruption, // the old file was moved aside, a fresh cache was created
        InUse,                   // another Dockmaster holds this profile's cache
        Unavailable,             // could not open at all; an in-memory cache is used instead
    };
    struct OpenResult {
        OpenStatus status = OpenStatus::Unavailable;
        QString message;        // for people; empty when Ready
        QString movedAsidePath; // where a damaged file was kept for inspection
        int migratedFrom = 0;   // schema version found on disk (0 = new file)
    };

    explicit CacheDatabase(QString filePath);
    ~CacheDatabase();
    CacheDatabase(const CacheDatabase &) = delete;
    CacheDatabase &operator=(const CacheDatabase &) = delete;

    OpenResult open();
    bool isOpen() const;
    QString filePath() const { return m_filePath; }
    int schemaVersion() const;
    QString lastError() const { return m_lastError; }

    // Runs `work` in one transaction; rolls back when it returns false or a
    // statement fails, so readers only ever see a consistent state.
    bool transaction(const std::function<bool()> &work);

    // Apps with their environments. `replaceAllApps` drops apps not in the list.
    bool upsertApps(const QList<AppRecord> &apps);
    bool replaceAllApps(const QList<AppRecord> &apps);
    bool removeApps(const QStringList &ids);
    QList<AppRecord> loadApps() const;

    bool upsertReleaseRequests(const QList<ReleaseRequest> &requests);
    bool removeReleaseRequest(qint64 projectId, qint64 iid);
    QList<ReleaseRequest> loadReleaseRequests() const;

    bool replaceTags(const QString &appId, const QList<TagRecord> &tags);
    QList<TagRecord> loadTags(const QString &appId) const;

    bool upsertDeployments(const QList<DeploymentRecord> &deployments);
    QList<DeploymentRecord> loadDeployments(const QString &appId) const;

    bool upsertPipelines(const QList<PipelineRecord> &pipelines);
    QList<PipelineRecord> loadPipelines(const QString &appId) const;

    // The inventory's hosts; the list replaces what was there.
    bool replaceHosts(const QList<HostRecord> &hosts);
    QList<HostRecord> loadHosts() const;

    bool appendAudit(AuditEntry entry);
    QList<AuditEntry> loadAudit(int limit = 10000) const;

    // Failover history (health); a transition already stored is ignored.
    bool appendHealthEvents(const QList<HealthEvent> &events);
    QList<HealthEvent> loadHealthEvents(const QString &appId, const QDateTime &since) const;
    // The newest event of every app environment (is a failover still open?).
    QList<HealthEvent> loadLatestHealthEvents() const;

    bool setSyncValue(const QString &key, const QString &value);
    QString syncValue(const QString &key) const;

private:
    bool openConnection(const QString &path);
    void closeConnection();
    bool fileLooksHealthy();
    bool migrate(int fromVersion);
    QString moveAside();
    bool exec(const QString &sql);
    bool upsertEnvironment(const QString &appId, const EnvironmentState &state);

    QString m_filePath;
    QString m_connectionName;
    std::unique_ptr<QLockFile> m_lock;
    mutable QString m_lastError;
    int m_transactionDepth = 0;
};

} // namespace Dockmaster
