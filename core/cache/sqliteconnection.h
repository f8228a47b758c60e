#pragma once

#include "core/cache/storefailure.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <functional>
#include <span>

class QSqlError;
class QSqlQuery;
class QDateTime;
class QVariant;

namespace Dockmaster {

// How both stores write times (UTC ISO with milliseconds, sorting as text)
// and empty strings (NULL).
QVariant sqlDateTime(const QDateTime &value);
QDateTime dateTimeFromSql(const QVariant &value);
QVariant sqlNullIfEmpty(const QString &value);

// One forward schema step; migration N turns a version N-1 file into version N.
// `PRAGMA user_version` records the version. Never edit a released one.
struct SqliteMigration {
    int version;
    QStringList statements;
};

// What `SqliteConnection::salvageFrom` could read back from a damaged file.
struct SalvageReport {
    struct Table {
        QString name;
        int rowsKept = 0;
        bool complete = true; // false: some rows (or the whole table) could not be read
    };
    bool readable = false; // false: not even the list of tables could be read
    QList<Table> tables;
    int rowsKept() const;
};

// A named QSQLITE connection for one thread, with what both local stores
// need: SQLite errors classified (StoreFailure), nested transactions,
// migrations, an integrity check, setting a damaged file aside and copying
// the readable rows out of one.
class SqliteConnection final
{
public:
    explicit SqliteConnection(const QString &purpose);
    ~SqliteConnection();
    SqliteConnection(const SqliteConnection &) = delete;
    SqliteConnection &operator=(const SqliteConnection &) = delete;

    bool open(const QString &path);
    void close();
    bool isOpen() const;
    QSqlDatabase database() const;
    QString path() const { return m_path; }

    bool exec(const QString &sql);
    // Executes a prepared `query` (or `sql` on it); a failure is noted.
    bool run(QSqlQuery &query) const;
    bool run(QSqlQuery &query, const QString &sql) const;
    // Nested calls join the outermost transaction: only it commits, and a
    // failure anywhere inside rolls the whole unit back.
    bool transaction(const std::function<bool()> &work);
    // PRAGMA quick_check: finds damaged pages without reading every row.
    bool checkIntegrity();
    // Takes and releases the write lock: a file that opens and reads fine may
    // still be read-only or held by another process, which only writes notice.
    bool probeWrite();
    int userVersion() const;
    bool migrate(std::span<const SqliteMigration> migrations, int fromVersion);

    // Records a failed statement; the failure is classified against the file.
    void noteError(const QSqlError &error) const;
    void setError(const QString &text, StoreFailure failure) const;
    QString lastError() const { return m_lastError; }
    StoreFailure lastFailure() const { return m_lastFailure; }
    // The failure in words for people, e.g. "the disk holding /x is full".
    QString describeLastFailure() const;

    // Renames `filePath` (and its -wal/-shm) to `filePath + infix + time`;
    // returns the new name, empty if it could not be renamed.
    static QString moveAside(const QString &filePath, const QString &infix);
    // Copies the rows that can still be read from `sourcePath` (opened
    // read-only, immutable, never written) into the same tables of this
    // connection, column by column where both have them, skipping over
    // unreadable pages. `tables` are (source, target) names in dependency
    // order (parents first); a source table missing in the file is skipped.
    // `repairHeader`: read a copy whose 100-byte header is rewritten from what
    // the file still shows (a truncated file, an overwritten header), since
    // SQLite refuses to read any row through a header that does not match.
    SalvageReport salvageFrom(const QString &sourcePath, const QList<std::pair<QString, QString>> &tables,
                              bool repairHeader = false);

private:
    QString m_connectionName;
    QString m_path;
    mutable QString m_lastError;
    mutable StoreFailure m_lastFailure = StoreFailure::None;
    int m_transactionDepth = 0;
};

} // namespace Dockmaster
