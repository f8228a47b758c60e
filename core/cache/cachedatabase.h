#pragma once

#include "core/cache/sqliteconnection.h"
#include "core/domain/records.h"
#include "core/health/healthtypes.h"

#include <QHash>
#include <QLockFile>
#include <QString>

#include <functional>
#include <memory>

namespace Dockmaster {

// The per-profile SQLite cache: opens (and if need be repairs) the file,
// migrates its schema and reads and writes the records the panels show.
// Disposable: everything in it can be read again from GitLab; what only this
// computer knows lives in the JournalDatabase beside it.
// Synchronous by design: use it from one thread only (CacheService owns one
// on a worker thread so the UI never waits for the disk).
class CacheDatabase final
{
public:
    enum class OpenStatus {
        Ready,                   // opened (and migrated) normally
        RecoveredFromCorruption, // the damaged file was moved aside, its readable rows copied into a fresh cache
        InUse,                   // another Dockmaster holds this profile's cache
        Unavailable,             // the file cannot be used now; an in-memory copy of what it holds is used
    };
    struct OpenResult {
        OpenStatus status = OpenStatus::Unavailable;
        StoreFailure failure = StoreFailure::None; // why, when not Ready; a transient one is worth retrying
        QString message;                           // for people; empty when Ready
        QString holder; // Locked: the process holding the file, e.g. "process 4711 (dockmaster)"; empty when unknown
        QString movedAsidePath; // where a damaged file was kept for inspection
        int migratedFrom = 0;   // schema version found on disk (0 = new file)
        SalvageReport salvage;  // what was read back from a damaged (or unusable) file
        // Audit rows an older version kept in the cache; CacheService moves them
        // to the journal, then calls dropLegacyAudit().
        QList<AuditEntry> legacyAudit;
        bool retried = false; // set by CacheService::retryUnavailable()
    };

    explicit CacheDatabase(QString filePath);
    ~CacheDatabase();
    CacheDatabase(const CacheDatabase &) = delete;
    CacheDatabase &operator=(const CacheDatabase &) = delete;

    OpenResult open();
    bool isOpen() const;
    QString filePath() const { return m_filePath; }
    int schemaVersion() const;
    // The last failure, its cause in words first ("the disk ... is full: ...").
    QString lastError() const;
    StoreFailure lastFailure() const { return m_sql.lastFailure(); }
    // True when working from an in-memory copy because the file could not be
    // used for a reason that may pass (disk full, read-only, locked, I/O).
    bool isTemporaryCopy() const { return m_temporaryCopy; }
    // Why, in words ("the disk holding ... is full"); empty when the file is in use.
    QString temporaryCopyReason() const { return m_temporaryCopy ? m_temporaryReason : QString(); }

    // Runs `work` in one transaction; rolls back when it returns false or a
    // statement fails, so readers only ever see a consistent state.
    bool transaction(const std::function<bool()> &work) { return m_sql.transaction(work); }
    // Copies the write-ahead log into the file and empties it. SQLite reuses
    // the log without shrinking it: after the first full sync of 10,000 apps
    // it stayed as large as the database (4.8 MB) for the whole session.
    bool trimWriteAheadLog() { return exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")); }

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

    // Audit rows of a cache written before the journal existed (schema < 5).
    QList<AuditEntry> loadLegacyAudit() const;
    bool dropLegacyAudit();

    // Failover history (health); a transition already stored is ignored.
    bool appendHealthEvents(const QList<HealthEvent> &events);
    QList<HealthEvent> loadHealthEvents(const QString &appId, const QDateTime &since) const;
    // The newest event of every app environment (is a failover still open?).
    QList<HealthEvent> loadLatestHealthEvents() const;

    bool setSyncValue(const QString &key, const QString &value);
    QString syncValue(const QString &key) const;

    // The tables a salvage copies, parents first. sync_state is left out on
    // purpose: without a cursor the next sync reads everything again.
    static QStringList salvageableTables();

private:
    bool openFile();
    bool prepareConnection();
    void recoverFromDamage(OpenResult &result, const QString &reason);
    void useTemporaryCopy(OpenResult &result, const QString &reason);
    QString salvageSummary(const SalvageReport &report) const;
    bool upsertEnvironment(const QString &appId, const EnvironmentState &state);
    bool exec(const QString &sql) { return m_sql.exec(sql); }

    QString m_filePath;
    SqliteConnection m_sql;
    std::unique_ptr<QLockFile> m_lock;
    bool m_temporaryCopy = false;
    QString m_temporaryReason;
};

} // namespace Dockmaster
