#include "sandbox/platform/podmanengine.h"

#include "core/util/processowner.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QLocalSocket>
#include <QProcess>
#include <QSaveFile>
#include <QStandardPaths>
#include <QThread>

#include <cerrno>
#include <csignal>

namespace Dockmaster {
namespace {

const QString BusyboxPath = QStringLiteral("/usr/bin/busybox");

QString podmanPath()
{
    return QStandardPaths::findExecutable(QStringLiteral("podman"));
}

QProcessEnvironment podmanEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PODMAN_IGNORE_CGROUPSV1_WARNING"), QStringLiteral("1"));
    return env;
}

QString translate(const char *text)
{
    return QCoreApplication::translate("Dockmaster::PodmanEngine", text);
}

// Who owns a state folder, and which process is its API service.
const QString OwnerFile = QStringLiteral("engine.owner");
const QString ServiceFile = QStringLiteral("service.owner");

// SIGKILL, then wait until the process is gone (or a zombie its parent reaps).
void killAndWait(const QByteArray &identity)
{
    if (!ProcessOwner::isAlive(identity))
        return;
    const auto pid = pid_t(identity.split(' ').value(0).toLongLong());
    ::kill(pid, SIGKILL);
    const QDeadlineTimer deadline(5000);
    while (!deadline.hasExpired() && ProcessOwner::isAlive(identity))
        QThread::msleep(20);
}

// conmon runs `podman container cleanup` after its container ends: wait for
// every process that still names the store, so nothing writes into the
// folder while it is deleted.
bool waitUntilNoProcessNames(const QString &stateDir, int timeoutMs)
{
    const QByteArray needle = stateDir.toUtf8();
    const QDeadlineTimer deadline(timeoutMs);
    while (true) {
        bool found = false;
        const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
        for (const QString &entry : entries) {
            bool ok = false;
            const qint64 pid = entry.toLongLong(&ok);
            if (!ok || ProcessOwner::identity(pid).isEmpty())
                continue;
            QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
            if (cmdline.open(QIODevice::ReadOnly) && cmdline.readAll().contains(needle)) {
                found = true;
                break;
            }
        }
        if (!found)
            return true;
        if (deadline.hasExpired())
            return false;
        QThread::msleep(50);
    }
}

} // namespace

PodmanEngine::PodmanEngine(QString stateDir)
    : m_stateDir(std::move(stateDir))
{
    ProcessOwner::mark(m_stateDir, OwnerFile);
}

PodmanEngine::~PodmanEngine()
{
    removeContainers();
    stopService();
}

bool PodmanEngine::isInstalled()
{
    return !podmanPath().isEmpty() && QFile::exists(BusyboxPath);
}

QString PodmanEngine::socketPath() const
{
    return QDir(m_stateDir).filePath(QStringLiteral("podman.sock"));
}

QStringList PodmanEngine::storeArguments(const QString &stateDir)
{
    // A private store: nothing shared with other engines or the host's podman.
    const QDir dir(stateDir);
    return { QStringLiteral("--root"),           dir.filePath(QStringLiteral("root")),
             QStringLiteral("--runroot"),        dir.filePath(QStringLiteral("run")),
             QStringLiteral("--tmpdir"),         dir.filePath(QStringLiteral("tmp")),
             QStringLiteral("--storage-driver"), QStringLiteral("vfs"),
             QStringLiteral("--cgroup-manager"), QStringLiteral("cgroupfs"),
             QStringLiteral("--events-backend"), QStringLiteral("file") };
}

bool PodmanEngine::podman(const QStringList &args, QByteArray *output, int timeoutMs)
{
    return runPodman(m_stateDir, args, output, timeoutMs, &m_lastError);
}

bool PodmanEngine::runPodman(const QString &stateDir, const QStringList &args, QByteArray *output, int timeoutMs,
                             QString *error)
{
    QProcess process;
    process.setProcessEnvironment(podmanEnvironment());
    process.start(podmanPath(), storeArguments(stateDir) + args);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        *error = translate("podman %1 did not finish in time.").arg(args.value(0));
        return false;
    }
    const QByteArray all = process.readAllStandardOutput() + process.readAllStandardError();
    if (output)
        *output = all;
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *error = translate("podman %1 failed: %2").arg(args.value(0), QString::fromUtf8(all.trimmed()));
        return false;
    }
    return true;
}

QStringList PodmanEngine::reapOrphans(const QString &searchRoot)
{
    QStringList candidates;
    if (QFile::exists(QDir(searchRoot).filePath(OwnerFile)))
        candidates.append(searchRoot);
    // Two levels: a test's or a sandbox's temporary folder, and its podman/ inside.
    QDirIterator level1(searchRoot, QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden);
    while (level1.hasNext()) {
        const QString dir = level1.next();
        if (QFile::exists(QDir(dir).filePath(OwnerFile)))
            candidates.append(dir);
        QDirIterator level2(dir, QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden);
        while (level2.hasNext()) {
            const QString inner = level2.next();
            if (QFile::exists(QDir(inner).filePath(OwnerFile)))
                candidates.append(inner);
        }
    }
    QStringList swept;
    for (const QString &stateDir : std::as_const(candidates)) {
        if (!ProcessOwner::isOrphaned(stateDir, OwnerFile))
            continue;
        killAndWait(ProcessOwner::markedOwner(stateDir, ServiceFile));
        QString error;
        // Removing a container stops it and its conmon. Without podman there
        // can be no containers to remove.
        if (!podmanPath().isEmpty()
            && !runPodman(stateDir,
                          { QStringLiteral("rm"), QStringLiteral("--all"), QStringLiteral("--force"),
                            QStringLiteral("--time"), QStringLiteral("0") },
                          nullptr, 60000, &error)) {
            qWarning("podman leftovers in %s could not be removed: %s", qUtf8Printable(stateDir),
                     qUtf8Printable(error));
            continue;
        }
        if (!waitUntilNoProcessNames(stateDir, 20000)) {
            qWarning("processes still use the podman store %s; it is kept", qUtf8Printable(stateDir));
            continue;
        }
        QDir(stateDir).removeRecursively();
        swept.append(stateDir);
    }
    return swept;
}

bool PodmanEngine::importBusyboxImage()
{
    if (!isInstalled()) {
        m_lastError = translate("podman or busybox is not installed.");
        return false;
    }
    const QDir dir(m_stateDir);
    const QString rootfs = dir.filePath(QStringLiteral("image-rootfs"));
    QDir(rootfs).removeRecursively();
    const QString bin = rootfs + QStringLiteral("/bin");
    if (!QDir().mkpath(bin) || !QFile::copy(BusyboxPath, bin + QStringLiteral("/busybox"))) {
        m_lastError = translate("The busybox image could not be prepared in %1.").arg(rootfs);
        return false;
    }
    QFile::setPermissions(bin + QStringLiteral("/busybox"),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther | QFile::ExeOther);
    for (const char *applet : { "sh", "echo", "sleep", "seq", "cat", "true", "date", "printf", "rm" })
        QFile::link(QStringLiteral("busybox"), bin + QLatin1Char('/') + QLatin1String(applet));
    const QString tarball = dir.filePath(QStringLiteral("image-rootfs.tar"));
    QProcess tar;
    tar.start(QStringLiteral("tar"),
              { QStringLiteral("-C"), rootfs, QStringLiteral("-cf"), tarball, QStringLiteral(".") });
    if (!tar.waitForFinished(30000) || tar.exitCode() != 0) {
        m_lastError = translate("The busybox image could not be packed.");
        return false;
    }
    return podman({ QStringLiteral("import"), tarball, QString::fromLatin1(BusyboxImage) });
}

bool PodmanEngine::startService(int timeoutMs)
{
    stopService();
    QFile::remove(socketPath());
    // Detached, so the service is not tied to the thread that started it; it
    // is stopped by PID.
    QProcess service;
    service.setProgram(podmanPath());
    service.setArguments(storeArguments(m_stateDir)
                         + QStringList { QStringLiteral("system"), QStringLiteral("service"),
                                         QStringLiteral("--time=0"), QStringLiteral("unix://") + socketPath() });
    service.setProcessEnvironment(podmanEnvironment());
    service.setStandardOutputFile(QDir(m_stateDir).filePath(QStringLiteral("service.log")), QIODevice::Append);
    service.setStandardErrorFile(QDir(m_stateDir).filePath(QStringLiteral("service.log")), QIODevice::Append);
    if (!service.startDetached(&m_servicePid)) {
        m_lastError = translate("podman system service could not be started.");
        return false;
    }
    // Detached, the service outlives a crashed owner: a later reapOrphans()
    // finds it by this mark.
    QSaveFile mark(QDir(m_stateDir).filePath(ServiceFile));
    if (mark.open(QIODevice::WriteOnly)) {
        mark.write(ProcessOwner::ownerRecord(m_servicePid) + '\n');
        mark.commit();
    }
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        QLocalSocket probe;
        probe.connectToServer(socketPath());
        if (probe.waitForConnected(100))
            return true;
        QThread::msleep(50);
    }
    m_lastError = translate("podman system service did not open its socket.");
    stopService();
    return false;
}

void PodmanEngine::stopService()
{
    if (m_servicePid <= 0)
        return;
    const pid_t pid = pid_t(m_servicePid);
    m_servicePid = 0;
    ::kill(pid, SIGKILL);
    // Detached: not our child, so wait by probing rather than waitpid().
    const QDeadlineTimer deadline(5000);
    while (!deadline.hasExpired() && (::kill(pid, 0) == 0 || errno != ESRCH))
        QThread::msleep(20);
}

bool PodmanEngine::runShellContainer(const QString &name, const QString &composeProject, const QString &script)
{
    return runShellContainer(name, composeProject, script, {});
}

bool PodmanEngine::runShellContainer(const QString &name, const QString &composeProject, const QString &script,
                                     const QStringList &runOptions)
{
    if (!podman(
            QStringList { QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"), name,
                          QStringLiteral("--network"), QStringLiteral("host"), QStringLiteral("--label"),
                          QStringLiteral("com.docker.compose.project=") + composeProject, QStringLiteral("--label"),
                          QStringLiteral("com.docker.compose.service=web") }
            + runOptions
            + QStringList { QString::fromLatin1(BusyboxImage), QStringLiteral("sh"), QStringLiteral("-c"), script }))
        return false;
    m_containers.append(name);
    return true;
}

bool PodmanEngine::runHealthCheck(const QString &name)
{
    // Exit code 0: healthy; 1: unhealthy (an answer, kept in lastError()).
    QByteArray output;
    return podman({ QStringLiteral("healthcheck"), QStringLiteral("run"), name }, &output, 20000);
}

void PodmanEngine::removeContainers()
{
    if (m_containers.isEmpty())
        return;
    // The payload is PID 1 and ignores SIGTERM: no grace period.
    podman(QStringList { QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("-t"), QStringLiteral("0") }
               + m_containers,
           nullptr, 20000);
    m_containers.clear();
}

} // namespace Dockmaster
