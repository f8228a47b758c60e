#include "core/util/processowner.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSaveFile>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

namespace Dockmaster::ProcessOwner {
namespace {

struct ProcStat {
    char state = 0;
    QByteArray startTime;
};

// /proc/<pid>/stat: "pid (comm) state ppid ... starttime(22) ...". The command
// name may hold spaces and parentheses, so fields are counted after the last ')'.
ProcStat readStat(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray line = file.readAll();
    const qsizetype close = line.lastIndexOf(')');
    if (close < 0)
        return {};
    const QList<QByteArray> fields = line.mid(close + 2).split(' ');
    // fields[0] is field 3 (state); field 22 (starttime) is fields[19].
    if (fields.size() < 20)
        return {};
    return { fields[0].isEmpty() ? char(0) : fields[0].at(0), fields[19] };
}

// "pid:[4026531836]": the same text for every process of one namespace.
QByteArray ownPidNamespace()
{
    char target[64] = {};
    const ssize_t length = ::readlink("/proc/self/ns/pid", target, sizeof target - 1);
    return length > 0 ? QByteArray(target, length) : QByteArray();
}

// Marks written before namespaces were recorded have two fields; they were
// read as this namespace's, as before.
bool inOwnPidNamespace(const QList<QByteArray> &fields)
{
    return fields.size() == 2 || (fields.size() == 3 && fields[2] == ownPidNamespace());
}

} // namespace

QByteArray identity(qint64 pid)
{
    if (pid <= 0)
        return {};
    const ProcStat stat = readStat(pid);
    if (stat.startTime.isEmpty() || stat.state == 'Z' || stat.state == 'X')
        return {};
    return QByteArray::number(pid) + ' ' + stat.startTime;
}

bool isAlive(const QByteArray &owner)
{
    const QList<QByteArray> parts = owner.trimmed().split(' ');
    if (!inOwnPidNamespace(parts))
        return false;
    bool ok = false;
    const qint64 pid = parts[0].toLongLong(&ok);
    return ok && identity(pid) == parts[0] + ' ' + parts[1];
}

QByteArray ownerRecord(qint64 pid)
{
    const QByteArray alive = identity(pid);
    return alive.isEmpty() ? alive : alive + ' ' + ownPidNamespace();
}

bool mark(const QString &dir, const QString &fileName)
{
    if (!QDir().mkpath(dir))
        return false;
    QSaveFile file(QDir(dir).filePath(fileName));
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(ownerRecord(QCoreApplication::applicationPid()) + '\n');
    return file.commit();
}

QByteArray markedOwner(const QString &dir, const QString &fileName)
{
    QFile file(QDir(dir).filePath(fileName));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.read(64).trimmed();
}

bool isOrphaned(const QString &dir, const QString &fileName)
{
    const QByteArray owner = markedOwner(dir, fileName);
    return !owner.isEmpty() && inOwnPidNamespace(owner.split(' ')) && !isAlive(owner);
}

void endWithStarter()
{
    // Runs between fork and exec: async-signal-safe calls only.
    const pid_t starter = ::getppid();
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    // The starter may have died before prctl took effect.
    if (::getppid() != starter)
        ::_exit(127);
}

} // namespace Dockmaster::ProcessOwner
