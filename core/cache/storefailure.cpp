#include "core/cache/storefailure.h"

#include "core/util/localdisk.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QSqlError>

#include <sys/stat.h>
#include <unistd.h>

namespace Dockmaster {
namespace {

// SQLite's primary result codes (sqlite3.h); Qt reports them, possibly
// extended, as the native error code. The low byte is the primary code.
enum SqliteCode {
    SqliteBusy = 5,
    SqliteLocked = 6,
    SqliteReadOnly = 8,
    SqliteIoError = 10,
    SqliteCorrupt = 11,
    SqliteFull = 13,
    SqliteCantOpen = 14,
    SqliteNotADatabase = 26,
};

QString processName(qint64 pid)
{
    QFile comm(QStringLiteral("/proc/%1/comm").arg(pid));
    if (!comm.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLocal8Bit(comm.readAll()).trimmed();
}

QString describeProcess(qint64 pid, QString name)
{
    if (name.isEmpty())
        name = processName(pid);
    return name.isEmpty() ? StoreFailures::tr("process %1").arg(pid)
                          : StoreFailures::tr("process %1 (%2)").arg(pid).arg(name);
}

// /proc/locks lines: "1: POSIX  ADVISORY  WRITE 4711 08:01:1234 0 EOF".
qint64 pidLockingInode(quint64 inode)
{
    QFile locks(QStringLiteral("/proc/locks"));
    if (!locks.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray suffix = ':' + QByteArray::number(inode);
    const QList<QByteArray> lines = locks.readAll().split('\n');
    for (const QByteArray &line : lines) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() < 6 || fields.at(1) == "->") // "->" marks a waiter, not the holder
            continue;
        if (!fields.at(5).endsWith(suffix))
            continue;
        const qint64 pid = fields.at(4).toLongLong();
        if (pid > 0 && pid != QCoreApplication::applicationPid())
            return pid;
    }
    return 0;
}

} // namespace

StoreFailure StoreFailures::diagnoseFileSystem(const QString &filePath)
{
    const QFileInfo file(filePath);
    const QString dir = file.absolutePath();
    if (!QFileInfo::exists(dir))
        return StoreFailure::None;
    switch (LocalDisk::problemAt(dir)) {
    case LocalDisk::Problem::Full:
        return StoreFailure::DiskFull;
    case LocalDisk::Problem::ReadOnly:
        return StoreFailure::ReadOnly;
    case LocalDisk::Problem::None:
        break;
    }
    if (file.exists() && access(QFile::encodeName(filePath).constData(), W_OK) != 0)
        return StoreFailure::ReadOnly;
    return StoreFailure::None;
}

StoreFailure StoreFailures::classify(const QSqlError &error, const QString &filePath)
{
    bool numeric = false;
    const int code = error.nativeErrorCode().toInt(&numeric) & 0xff;
    if (!numeric) {
        // Qt's own failures (a commit that failed) carry no SQLite code.
        const StoreFailure cause = diagnoseFileSystem(filePath);
        return cause != StoreFailure::None ? cause : StoreFailure::Other;
    }
    switch (code) {
    case SqliteCorrupt:
    case SqliteNotADatabase:
        return StoreFailure::Damaged;
    case SqliteFull:
        return StoreFailure::DiskFull;
    case SqliteReadOnly:
        return StoreFailure::ReadOnly;
    case SqliteBusy:
    case SqliteLocked:
        return StoreFailure::Locked;
    case SqliteIoError:
    case SqliteCantOpen: {
        // Growing the WAL index on a full disk, or creating it in a read-only
        // folder, fails as an I/O or open error: the file system says which.
        const StoreFailure cause = diagnoseFileSystem(filePath);
        if (cause != StoreFailure::None)
            return cause;
        if (code == SqliteCantOpen && !QFileInfo::exists(QFileInfo(filePath).absolutePath()))
            return StoreFailure::Other;
        return StoreFailure::IoError;
    }
    default:
        return StoreFailure::Other;
    }
}

QString StoreFailures::lockHolder(const QString &filePath)
{
    // Another Dockmaster names itself in the profile's lock file.
    QLockFile lock(filePath + QStringLiteral(".lock"));
    qint64 pid = 0;
    QString host;
    QString app;
    if (lock.getLockInfo(&pid, &host, &app) && pid > 0 && pid != QCoreApplication::applicationPid()
        && QFileInfo::exists(QStringLiteral("/proc/%1").arg(pid)))
        return describeProcess(pid, app);
    struct stat info {};
    if (stat(QFile::encodeName(filePath).constData(), &info) != 0)
        return {};
    pid = pidLockingInode(quint64(info.st_ino));
    return pid > 0 ? describeProcess(pid, QString()) : QString();
}

QString StoreFailures::describe(StoreFailure failure, const QString &filePath, const QString &sqliteText)
{
    switch (failure) {
    case StoreFailure::None:
        return {};
    case StoreFailure::Damaged:
        return tr("the file is damaged: %1").arg(sqliteText);
    case StoreFailure::DiskFull:
        return tr("the disk holding %1 is full").arg(QDir::toNativeSeparators(QFileInfo(filePath).absolutePath()));
    case StoreFailure::ReadOnly:
        return tr("%1 is read-only").arg(QDir::toNativeSeparators(filePath));
    case StoreFailure::Locked: {
        const QString holder = lockHolder(filePath);
        return holder.isEmpty() ? tr("%1 is locked by another program").arg(QDir::toNativeSeparators(filePath))
                                : tr("%1 is locked by %2").arg(QDir::toNativeSeparators(filePath), holder);
    }
    case StoreFailure::IoError:
        return tr("the disk reported an input/output error on %1").arg(QDir::toNativeSeparators(filePath));
    case StoreFailure::Other:
        break;
    }
    return sqliteText;
}

} // namespace Dockmaster
