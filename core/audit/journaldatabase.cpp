#include "core/audit/journaldatabase.h"

#include "core/util/logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <vector>

namespace Dockmaster {
namespace {

const std::vector<SqliteMigration> &journalMigrations()
{
    // Never edit a released migration: append a new one.
    static const std::vector<SqliteMigration> migrations {
        { 1,
          {
              // origin: where an imported row came from ("cache:<id>:<time>"), so
              // an import repeated after a crash adds nothing; NULL for new rows.
              QStringLiteral("CREATE TABLE audit_log (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, "
                             "actor TEXT, action TEXT NOT NULL, app_id TEXT, environment TEXT, detail TEXT, "
                             "origin TEXT UNIQUE)"),
              QStringLiteral("CREATE INDEX audit_log_at ON audit_log (at)"),
              QStringLiteral("CREATE TABLE pending_intents (kind TEXT NOT NULL, key TEXT NOT NULL, payload TEXT, "
                             "created_at TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (kind, key))"),
          } },
    };
    return migrations;
}

const QList<std::pair<QString, QString>> &journalTables()
{
    static const QList<std::pair<QString, QString>> tables {
        { QStringLiteral("audit_log"), QStringLiteral("audit_log") },
        { QStringLiteral("pending_intents"), QStringLiteral("pending_intents") },
    };
    return tables;
}

int rowsOf(const SalvageReport &report, const QString &table)
{
    for (const SalvageReport::Table &t : report.tables) {
        if (t.name == table)
            return t.rowsKept;
    }
    return 0;
}

} // namespace

JournalDatabase::JournalDatabase(QString filePath)
    : m_filePath(std::move(filePath))
    , m_sql(QStringLiteral("journal"))
{
}

QString JournalDatabase::filePathBeside(const QString &cacheFilePath)
{
    if (cacheFilePath == QLatin1String(":memory:"))
        return cacheFilePath;
    return QFileInfo(cacheFilePath).absolutePath() + QStringLiteral("/journal.sqlite");
}

AuditEntry JournalDatabase::auditEntryAt(const QSqlQuery &row)
{
    AuditEntry entry;
    entry.id = row.value(0).toLongLong();
    entry.at = dateTimeFromSql(row.value(1));
    entry.actor = row.value(2).toString();
    entry.action = row.value(3).toString();
    entry.appId = row.value(4).toString();
    entry.environment = row.value(5).toString();
    entry.detail = row.value(6).toString();
    return entry;
}

bool JournalDatabase::prepareConnection()
{
    // FULL: a committed row survives a power cut, not only a crash.
    return m_sql.checkIntegrity() && m_sql.probeWrite() && m_sql.exec(QStringLiteral("PRAGMA journal_mode=WAL"))
        && m_sql.exec(QStringLiteral("PRAGMA synchronous=FULL"));
}

JournalDatabase::OpenResult JournalDatabase::open()
{
    OpenResult result;
    m_sql.close();
    m_durable = false;
    const bool inMemory = m_filePath == QLatin1String(":memory:");
    if (!inMemory)
        QDir().mkpath(QFileInfo(m_filePath).absolutePath());
    if (m_sql.open(m_filePath) && prepareConnection()) {
        const int version = m_sql.userVersion();
        const int latest = journalMigrations().back().version;
        if (version > latest)
            m_sql.setError(
                tr("The audit journal was written by a newer version of Dockmaster (schema %1).").arg(version),
                StoreFailure::Other);
        else if (m_sql.migrate(journalMigrations(), version))
            m_durable = true;
    }
    if (m_durable) {
        result.durable = true;
        result.written = writeUnwritten();
        return result;
    }
    const QString reason = m_sql.lastError();
    result.failure = m_sql.lastFailure();
    qCDebug(lcCache) << "cannot use the journal" << m_filePath << ':' << reason << "failure" << int(result.failure);
    m_sql.close();
    // Unlike the cache, the journal is set aside for damage only: a newer
    // version's file or an unknown error leaves it as it is.
    if (!inMemory && result.failure == StoreFailure::Damaged && QFile::exists(m_filePath))
        recoverFromDamage(result, reason);
    if (!m_durable)
        workFromMemory(result, reason);
    return result;
}

void JournalDatabase::recoverFromDamage(OpenResult &result, const QString &reason)
{
    result.movedAsidePath = SqliteConnection::moveAside(m_filePath, QStringLiteral(".damaged-"));
    if (result.movedAsidePath.isEmpty() || !m_sql.open(m_filePath) || !prepareConnection()
        || !m_sql.migrate(journalMigrations(), 0)) {
        m_sql.close();
        return;
    }
    m_durable = true;
    result.durable = true;
    result.salvage = m_sql.salvageFrom(result.movedAsidePath, journalTables(), true);
    qCDebug(lcCache) << "moved the damaged journal to" << result.movedAsidePath << "salvaged"
                     << result.salvage.rowsKept() << "rows";
    const bool complete = result.salvage.readable
        && std::all_of(result.salvage.tables.cbegin(), result.salvage.tables.cend(),
                       [](const SalvageReport::Table &table) { return table.complete; });
    result.message = tr("The audit journal was damaged (%1). It was moved to %2 and a new journal was created with "
                        "what could still be read: %3 audit entries and %4 unfinished operations.")
                         .arg(reason, QDir::toNativeSeparators(result.movedAsidePath))
                         .arg(rowsOf(result.salvage, QStringLiteral("audit_log")))
                         .arg(rowsOf(result.salvage, QStringLiteral("pending_intents")));
    if (!complete)
        result.message += QLatin1Char(' ')
            + tr("Some entries could not be read; the damaged file is kept so that they are not lost for good.");
    result.written = writeUnwritten();
}

void JournalDatabase::workFromMemory(OpenResult &result, const QString &reason)
{
    result.durable = false;
    // Shows what the file holds while it cannot be written; nothing written
    // here is kept: new entries wait in m_unwritten for the file.
    if (m_sql.open(QStringLiteral(":memory:")) && m_sql.migrate(journalMigrations(), 0) && QFile::exists(m_filePath))
        result.salvage = m_sql.salvageFrom(m_filePath, journalTables());
    result.message
        = tr("The audit journal %1 cannot be written now: %2. New audit entries are kept in memory and "
             "written to it as soon as it can be used again (at the latest at the next refresh, F5).")
              .arg(QDir::toNativeSeparators(m_filePath), StoreFailures::describe(result.failure, m_filePath, reason));
}

bool JournalDatabase::insertAudit(const AuditEntry &entry, const QString &origin)
{
    QSqlQuery query(m_sql.database());
    query.prepare(QStringLiteral("INSERT OR IGNORE INTO audit_log (at, actor, action, app_id, environment, detail, "
                                 "origin) VALUES (?,?,?,?,?,?,?)"));
    query.addBindValue(sqlDateTime(entry.at));
    query.addBindValue(entry.actor);
    query.addBindValue(entry.action);
    query.addBindValue(sqlNullIfEmpty(entry.appId));
    query.addBindValue(sqlNullIfEmpty(entry.environment));
    query.addBindValue(sqlNullIfEmpty(entry.detail));
    query.addBindValue(sqlNullIfEmpty(origin));
    if (!m_sql.run(query))
        return false;
    return true;
}

int JournalDatabase::writeUnwritten()
{
    if (!m_durable || m_unwritten.isEmpty())
        return 0;
    const bool written = m_sql.transaction([this] {
        return std::all_of(m_unwritten.cbegin(), m_unwritten.cend(),
                           [this](const AuditEntry &entry) { return insertAudit(entry, entry.origin); });
    });
    if (!written)
        return 0;
    const int count = int(m_unwritten.size());
    m_unwritten.clear();
    return count;
}

bool JournalDatabase::appendAudit(AuditEntry entry)
{
    if (!entry.at.isValid())
        entry.at = QDateTime::currentDateTimeUtc();
    entry.id = 0;
    m_unwritten.append(entry);
    // Older entries waiting in memory go first, in one transaction with this one.
    return writeUnwritten() > 0;
}

QList<AuditEntry> JournalDatabase::loadAudit(int limit) const
{
    QList<AuditEntry> entries;
    QSqlQuery query(m_sql.database());
    query.prepare(QStringLiteral(
        "SELECT id, at, actor, action, app_id, environment, detail FROM audit_log ORDER BY id DESC LIMIT ?"));
    query.addBindValue(limit);
    if (m_sql.run(query)) {
        while (query.next())
            entries.append(auditEntryAt(query));
    }
    // Entries not on disk yet come first, numbered after the newest stored one.
    qint64 nextId = entries.isEmpty() ? 1 : entries.constFirst().id + 1;
    QList<AuditEntry> unwritten;
    for (AuditEntry entry : m_unwritten) {
        entry.id = nextId++;
        unwritten.prepend(std::move(entry));
    }
    return (unwritten + entries).mid(0, limit);
}

bool JournalDatabase::importLegacyAudit(const QList<AuditEntry> &entries)
{
    if (!m_durable)
        return false;
    if (entries.isEmpty())
        return true;
    return m_sql.transaction([&] {
        for (const AuditEntry &entry : entries) {
            const QString origin = QStringLiteral("cache:%1:%2").arg(entry.id).arg(sqlDateTime(entry.at).toString());
            if (!insertAudit(entry, origin))
                return false;
        }
        return true;
    });
}

bool JournalDatabase::putIntent(PendingIntent intent)
{
    if (!m_durable)
        return false;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!intent.createdAt.isValid())
        intent.createdAt = now;
    intent.updatedAt = now;
    QSqlQuery query(m_sql.database());
    // The first sighting's time is kept when an intent is put again.
    query.prepare(QStringLiteral("INSERT INTO pending_intents (kind, key, payload, created_at, updated_at) "
                                 "VALUES (?,?,?,?,?) ON CONFLICT (kind, key) DO UPDATE SET "
                                 "payload=excluded.payload, updated_at=excluded.updated_at"));
    query.addBindValue(intent.kind);
    query.addBindValue(intent.key);
    query.addBindValue(sqlNullIfEmpty(intent.payload));
    query.addBindValue(sqlDateTime(intent.createdAt));
    query.addBindValue(sqlDateTime(intent.updatedAt));
    if (!m_sql.run(query))
        return false;
    return true;
}

bool JournalDatabase::removeIntent(const QString &kind, const QString &key)
{
    if (!m_durable)
        return false;
    QSqlQuery query(m_sql.database());
    query.prepare(QStringLiteral("DELETE FROM pending_intents WHERE kind = ? AND key = ?"));
    query.addBindValue(kind);
    query.addBindValue(key);
    if (!m_sql.run(query))
        return false;
    return true;
}

QList<PendingIntent> JournalDatabase::loadIntents(const QString &kind) const
{
    QList<PendingIntent> intents;
    QSqlQuery query(m_sql.database());
    query.prepare(QStringLiteral("SELECT kind, key, payload, created_at, updated_at FROM pending_intents "
                                 "WHERE ? IS NULL OR kind = ? ORDER BY created_at, kind, key"));
    query.addBindValue(sqlNullIfEmpty(kind));
    query.addBindValue(kind);
    if (!m_sql.run(query))
        return intents;
    while (query.next())
        intents.append({ query.value(0).toString(), query.value(1).toString(), query.value(2).toString(),
                         dateTimeFromSql(query.value(3)), dateTimeFromSql(query.value(4)) });
    return intents;
}

} // namespace Dockmaster
