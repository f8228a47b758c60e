#pragma once

#include "core/cache/sqliteconnection.h"
#include "core/domain/records.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

class QSqlQuery;

namespace Dockmaster {

// Something this console started and has not seen finished, that GitLab
// cannot tell another start about: a commit made in the config editor but
// not pushed yet, an action whose answer never came. `kind` names the
// feature ("editor.commit"), `key` the thing within it (for example
// "<repository>#<branch>"), `payload` whatever the feature needs to resume
// (JSON). One row per (kind, key); putting it again replaces it.
struct PendingIntent {
    QString kind;
    QString key;
    QString payload;
    QDateTime createdAt;
    QDateTime updatedAt;

    bool operator==(const PendingIntent &) const = default;
};

// The durable local store: what only this computer knows, kept apart from
// the disposable cache so that no damage to the cache can lose it. Its own
// SQLite file beside the cache, in WAL mode with synchronous=FULL (a row is on
// disk when appendAudit returns true). It is never set aside unless it is
// really damaged; then its readable rows go into a fresh file. While it cannot
// be written (disk full, read-only, locked), new audit entries wait in memory
// and are written by the next append or open().
// Synchronous; one thread only (CacheService runs it on the cache thread).
class JournalDatabase final
{
    Q_DECLARE_TR_FUNCTIONS(Dockmaster::JournalDatabase)
public:
    struct OpenResult {
        bool durable = false; // the file is in use; false: working from memory for now
        StoreFailure failure = StoreFailure::None;
        QString message;        // for people; empty when all is well
        QString movedAsidePath; // a damaged journal, kept for inspection
        SalvageReport salvage;  // what was read back from it
        int written = 0;        // entries waiting in memory that this open wrote to the file
    };

    explicit JournalDatabase(QString filePath);
    JournalDatabase(const JournalDatabase &) = delete;
    JournalDatabase &operator=(const JournalDatabase &) = delete;

    // Opens (or, after a passing failure, reopens) the file.
    OpenResult open();
    bool isDurable() const { return m_durable; }
    QString filePath() const { return m_filePath; }
    QString lastError() const { return m_sql.lastError(); }
    StoreFailure lastFailure() const { return m_sql.lastFailure(); }
    int schemaVersion() const { return m_sql.userVersion(); }

    // False when the entry could not be written to the file now: it is kept
    // in memory, shown by loadAudit, and written as soon as the file allows.
    bool appendAudit(AuditEntry entry);
    // Newest first; entries waiting in memory included.
    QList<AuditEntry> loadAudit(int limit = 10000) const;
    int unwrittenCount() const { return int(m_unwritten.size()); }

    // Takes the audit rows of a cache written before the journal existed.
    // Each row is keyed by its cache id and time, so a second import of the
    // same rows (a crash before the cache dropped them) adds nothing.
    bool importLegacyAudit(const QList<AuditEntry> &entries);

    bool putIntent(PendingIntent intent);
    bool removeIntent(const QString &kind, const QString &key);
    QList<PendingIntent> loadIntents(const QString &kind = QString()) const;

    // An audit row read by "SELECT id, at, actor, action, app_id, environment, detail".
    static AuditEntry auditEntryAt(const QSqlQuery &row);
    // journal.sqlite in the cache's folder.
    static QString filePathBeside(const QString &cacheFilePath);

private:
    bool prepareConnection();
    bool insertAudit(const AuditEntry &entry, const QString &origin);
    int writeUnwritten();
    void recoverFromDamage(OpenResult &result, const QString &reason);
    void workFromMemory(OpenResult &result, const QString &reason);

    QString m_filePath;
    SqliteConnection m_sql;
    bool m_durable = false;
    QList<AuditEntry> m_unwritten; // oldest first
};

} // namespace Dockmaster
