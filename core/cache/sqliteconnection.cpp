#include "core/cache/sqliteconnection.h"

#include "core/util/logging.h"

#include <QDateTime>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>
#include <QVariant>

#include <limits>

namespace Dockmaster {
namespace {

QStringList columnsOf(const QSqlDatabase &db, const QString &table)
{
    QStringList columns;
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA table_info(\"%1\")").arg(table)))
        return columns;
    while (query.next())
        columns.append(query.value(1).toString());
    return columns;
}

// Reads `table` of `source` in rowid order and inserts each row into
// `target`. A read that fails (a damaged page) resumes further on, at
// growing distances, so the rows behind one bad page are still found.
SalvageReport::Table copyTable(const QSqlDatabase &source, const QString &sourceTable, const QSqlDatabase &target,
                               const QString &table)
{
    SalvageReport::Table result { table, 0, true };
    const QStringList targetColumns = columnsOf(target, table);
    const QStringList sourceColumns = columnsOf(source, sourceTable);
    QStringList columns;
    for (const QString &column : targetColumns) {
        if (sourceColumns.contains(column))
            columns.append(QLatin1Char('"') + column + QLatin1Char('"'));
    }
    if (columns.isEmpty()) {
        result.complete = false;
        return result;
    }
    QSqlQuery read(source);
    read.setForwardOnly(true);
    if (!read.prepare(QStringLiteral("SELECT rowid, %1 FROM \"%2\" WHERE rowid >= ? ORDER BY rowid")
                          .arg(columns.join(QLatin1Char(',')), sourceTable))) {
        result.complete = false;
        return result;
    }
    QSqlQuery write(target);
    QStringList placeholders;
    placeholders.fill(QStringLiteral("?"), columns.size());
    write.prepare(QStringLiteral("INSERT OR IGNORE INTO \"%1\" (%2) VALUES (%3)")
                      .arg(table, columns.join(QLatin1Char(',')), placeholders.join(QLatin1Char(','))));

    qint64 resumeFrom = std::numeric_limits<qint64>::min();
    qint64 afterLastRow = 0; // where reading resumes after a failure
    qint64 step = 1;
    constexpr int maxSkips = 40; // jumps of up to 2^40 rows: far beyond any table here
    for (int skips = 0; skips <= maxSkips;) {
        read.addBindValue(resumeFrom);
        bool readAny = false;
        if (read.exec()) {
            while (read.next()) {
                readAny = true;
                afterLastRow = read.value(0).toLongLong() + 1;
                for (int i = 0; i < columns.size(); ++i)
                    write.addBindValue(read.value(i + 1));
                if (write.exec() && write.numRowsAffected() > 0)
                    ++result.rowsKept;
                else
                    result.complete = false; // e.g. an environment whose app was lost
            }
            if (!read.lastError().isValid())
                break; // read to the end
        }
        result.complete = false;
        read.finish();
        if (readAny) {
            step = 1;
        } else {
            step *= 2;
            ++skips;
        }
        resumeFrom = afterLastRow + step - 1;
    }
    return result;
}

// The file's first 100 bytes as SQLite would have written them for its
// current size: the page size kept when the old header still names a valid
// one (else SQLite's default, 4096), the page count from the file size, no
// free list, UTF-8, schema format 4. Only the header is rewritten; the pages
// are read as they are.
QByteArray repairedHeader(const QByteArray &oldHeader, qint64 fileSize)
{
    auto put32 = [](QByteArray &bytes, int offset, quint32 value) {
        for (int i = 0; i < 4; ++i)
            bytes[offset + i] = char((value >> (8 * (3 - i))) & 0xff);
    };
    int pageSize = 4096;
    if (oldHeader.size() >= 100 && oldHeader.startsWith(QByteArrayView("SQLite format 3\0", 16))) {
        const int stored = (quint8(oldHeader.at(16)) << 8) | quint8(oldHeader.at(17));
        const int size = stored == 1 ? 65536 : stored;
        if (size >= 512 && size <= 65536 && (size & (size - 1)) == 0)
            pageSize = size;
    }
    QByteArray header(100, '\0');
    header.replace(0, 16, QByteArrayView("SQLite format 3\0", 16));
    header[16] = char((pageSize >> 8) & 0xff);
    header[17] = char(pageSize & 0xff);
    header[18] = 1; // legacy (rollback) journal: nothing else to read along
    header[19] = 1;
    header[21] = 64; // payload fractions, fixed by the file format
    header[22] = 32;
    header[23] = 32;
    put32(header, 24, 1);                            // change counter
    put32(header, 28, quint32(fileSize / pageSize)); // pages actually present
    put32(header, 40, 1);                            // schema cookie
    put32(header, 44, 4);                            // schema format
    put32(header, 56, 1);                            // UTF-8
    put32(header, 92, 1);                            // the page count is valid for change 1
    put32(header, 96, 3046001);
    return header;
}

// A copy of `path` with a repaired header, beside it; empty on failure.
QString copyWithRepairedHeader(const QString &path)
{
    const QString copy = path + QStringLiteral(".salvage");
    QFile::remove(copy);
    if (!QFile::copy(path, copy))
        return {};
    QFile file(copy);
    if (!file.open(QIODevice::ReadWrite)) {
        QFile::remove(copy);
        return {};
    }
    const QByteArray header = repairedHeader(file.read(100), file.size());
    if (!file.seek(0) || file.write(header) != header.size()) {
        file.close();
        QFile::remove(copy);
        return {};
    }
    return copy;
}

} // namespace

QVariant sqlDateTime(const QDateTime &value)
{
    return value.isValid() ? QVariant(value.toUTC().toString(Qt::ISODateWithMs)) : QVariant();
}

QDateTime dateTimeFromSql(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

QVariant sqlNullIfEmpty(const QString &value)
{
    return value.isEmpty() ? QVariant() : QVariant(value);
}

int SalvageReport::rowsKept() const
{
    int rows = 0;
    for (const Table &table : tables)
        rows += table.rowsKept;
    return rows;
}

SqliteConnection::SqliteConnection(const QString &purpose)
    : m_connectionName(
          QStringLiteral("dockmaster-%1-%2").arg(purpose, QUuid::createUuid().toString(QUuid::WithoutBraces)))
{
}

SqliteConnection::~SqliteConnection()
{
    close();
}

bool SqliteConnection::open(const QString &path)
{
    close();
    m_path = path;
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(path);
    // Another process holding a write lock makes statements wait this long
    // before they fail with SQLITE_BUSY, instead of failing at once.
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=2000"));
    if (!db.open()) {
        noteError(db.lastError());
        return false;
    }
    return true;
}

void SqliteConnection::close()
{
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_transactionDepth = 0;
}

bool SqliteConnection::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName) && QSqlDatabase::database(m_connectionName, false).isOpen();
}

QSqlDatabase SqliteConnection::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

void SqliteConnection::noteError(const QSqlError &error) const
{
    m_lastError = error.text();
    m_lastFailure = StoreFailures::classify(error, m_path);
}

void SqliteConnection::setError(const QString &text, StoreFailure failure) const
{
    m_lastError = text;
    m_lastFailure = failure;
}

QString SqliteConnection::describeLastFailure() const
{
    return StoreFailures::describe(m_lastFailure, m_path, m_lastError);
}

bool SqliteConnection::exec(const QString &sql)
{
    QSqlQuery query(database());
    return run(query, sql);
}

bool SqliteConnection::run(QSqlQuery &query) const
{
    if (query.exec())
        return true;
    noteError(query.lastError());
    return false;
}

bool SqliteConnection::run(QSqlQuery &query, const QString &sql) const
{
    if (query.exec(sql))
        return true;
    noteError(query.lastError());
    return false;
}

bool SqliteConnection::transaction(const std::function<bool()> &work)
{
    if (m_transactionDepth > 0) {
        ++m_transactionDepth;
        const bool ok = work();
        --m_transactionDepth;
        return ok;
    }
    QSqlDatabase db = database();
    if (!db.transaction()) {
        noteError(db.lastError());
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
        noteError(db.lastError());
        db.rollback();
        return false;
    }
    return true;
}

bool SqliteConnection::checkIntegrity()
{
    // A non-database file only fails on the first statement.
    QSqlQuery query(database());
    if (!query.exec(QStringLiteral("PRAGMA quick_check"))) {
        noteError(query.lastError());
        return false;
    }
    if (!query.next() || query.value(0).toString() != QLatin1String("ok")) {
        setError(StoreFailures::tr("integrity check failed"), StoreFailure::Damaged);
        return false;
    }
    return true;
}

bool SqliteConnection::probeWrite()
{
    // In WAL mode the write lock alone succeeds on a read-only file; changing
    // a page (rolled back, so nothing reaches the disk) does not.
    const int version = userVersion();
    if (version < 0 || !exec(QStringLiteral("BEGIN IMMEDIATE")))
        return false;
    if (exec(QStringLiteral("PRAGMA user_version=%1").arg(version)))
        return exec(QStringLiteral("ROLLBACK"));
    const QString error = m_lastError;
    const StoreFailure failure = m_lastFailure;
    exec(QStringLiteral("ROLLBACK"));
    setError(error, failure); // the write's failure, not the rollback's
    return false;
}

int SqliteConnection::userVersion() const
{
    QSqlQuery query(database());
    if (query.exec(QStringLiteral("PRAGMA user_version")) && query.next())
        return query.value(0).toInt();
    noteError(query.lastError());
    return -1;
}

bool SqliteConnection::migrate(std::span<const SqliteMigration> migrations, int fromVersion)
{
    for (const SqliteMigration &migration : migrations) {
        if (migration.version <= fromVersion)
            continue;
        qCDebug(lcCache) << "migrating" << m_path << "to schema" << migration.version;
        const bool applied = transaction([&] {
            for (const QString &statement : migration.statements) {
                if (!exec(statement))
                    return false;
            }
            return exec(QStringLiteral("PRAGMA user_version=%1").arg(migration.version));
        });
        if (!applied) {
            m_lastError = StoreFailures::tr("schema migration to version %1 failed: %2")
                              .arg(migration.version)
                              .arg(m_lastError);
            return false;
        }
    }
    return true;
}

QString SqliteConnection::moveAside(const QString &filePath, const QString &infix)
{
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString target = filePath + infix + stamp;
    for (int n = 2; QFile::exists(target); ++n)
        target = filePath + infix + stamp + QLatin1Char('-') + QString::number(n);
    if (!QFile::rename(filePath, target))
        return {};
    // The WAL and shared-memory files belong to the damaged database.
    for (const char *suffix : { "-wal", "-shm" }) {
        const QString companion = filePath + QLatin1String(suffix);
        if (QFile::exists(companion))
            QFile::rename(companion, target + QLatin1String(suffix));
    }
    return target;
}

SalvageReport SqliteConnection::salvageFrom(const QString &sourcePath, const QList<std::pair<QString, QString>> &tables,
                                            bool repairHeader)
{
    if (repairHeader) {
        const QString copy = copyWithRepairedHeader(sourcePath);
        if (!copy.isEmpty()) {
            SalvageReport report = salvageFrom(copy, tables, false);
            QFile::remove(copy);
            if (report.readable)
                return report;
        }
    }
    SalvageReport report;
    const QString sourceName = m_connectionName + QStringLiteral("-salvage");
    {
        QSqlDatabase source = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), sourceName);
        // immutable: no locks, no -shm, no writes; also reads a file another
        // process holds or a full or read-only disk cannot extend.
        source.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI"));
        source.setDatabaseName(QUrl::fromLocalFile(sourcePath).toString(QUrl::FullyEncoded)
                               + QStringLiteral("?immutable=1"));
        QStringList present;
        if (source.open()) {
            QSqlQuery list(source);
            report.readable = list.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'"));
            while (report.readable && list.next())
                present.append(list.value(0).toString());
            if (list.lastError().isValid())
                report.readable = false;
        }
        if (report.readable) {
            transaction([&] {
                for (const auto &[from, to] : tables) {
                    if (present.contains(from))
                        report.tables.append(copyTable(source, from, database(), to));
                }
                return true;
            });
        }
        source.close();
    }
    QSqlDatabase::removeDatabase(sourceName);
    return report;
}

} // namespace Dockmaster
