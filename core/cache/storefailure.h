#pragma once

#include <QCoreApplication>
#include <QString>

class QSqlError;

namespace Dockmaster {

// Why a local SQLite file could not be used. Only `Damaged` means the file
// itself is bad; every other kind leaves a healthy file that works again once
// the condition goes away (space freed, lock released, folder writable).
enum class StoreFailure {
    None,
    Damaged,  // SQLITE_CORRUPT, SQLITE_NOTADB, a failed integrity check
    DiskFull, // SQLITE_FULL, or no space left when a file had to grow
    ReadOnly, // SQLITE_READONLY, a read-only file, folder or file system
    Locked,   // SQLITE_BUSY / SQLITE_LOCKED: another process holds the file
    IoError,  // SQLITE_IOERR the file system did not explain
    Other,
};

// The words for people; the precise, translated part of store messages.
class StoreFailures
{
    Q_DECLARE_TR_FUNCTIONS(Dockmaster::StoreFailures)
public:
    // `error` is a SQLite error as Qt reports it; `filePath` the database
    // file, looked at when SQLite's code alone does not tell the cause.
    static StoreFailure classify(const QSqlError &error, const QString &filePath);
    // What a file system check says about writing next to `filePath`:
    // DiskFull, ReadOnly, or None when nothing is wrong.
    static StoreFailure diagnoseFileSystem(const QString &filePath);
    // The process holding `filePath` (its Dockmaster lock file, else the
    // kernel's list of file locks), e.g. "process 4711 (sqlite3)"; empty when unknown.
    static QString lockHolder(const QString &filePath);
    // A short cause, e.g. "the disk is full", with the lock holder if known.
    static QString describe(StoreFailure failure, const QString &filePath, const QString &sqliteText);
    // Damage is the only failure that justifies setting a file aside.
    static bool isTransient(StoreFailure failure)
    {
        return failure != StoreFailure::Damaged && failure != StoreFailure::None && failure != StoreFailure::Other;
    }
};

} // namespace Dockmaster
