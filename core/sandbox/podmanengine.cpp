#include "sandbox/podmanengine.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QLocalSocket>
#include <QProcess>
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

} // namespace

PodmanEngine::PodmanEngine(QString stateDir)
    : m_stateDir(std::move(stateDir))
{
    QDir().mkpath(m_stateDir);
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

QStringList PodmanEngine::storeArguments() const
{
    // A private store: nothing shared with other engines or the host's podman.
    const QDir dir(m_stateDir);
    return { QStringLiteral("--root"),           dir.filePath(QStringLiteral("root")),
             QStringLiteral("--runroot"),        dir.filePath(QStringLiteral("run")),
             QStringLiteral("--tmpdir"),         dir.filePath(QStringLiteral("tmp")),
             QStringLiteral("--storage-driver"), QStringLiteral("vfs"),
             QStringLiteral("--cgroup-manager"), QStringLiteral("cgroupfs"),
             QStringLiteral("--events-backend"), QStringLiteral("file") };
}

bool PodmanEngine::podman(const QStringList &args, QByteArray *output, int timeoutMs)
{
    QProcess process;
    process.setProcessEnvironment(podmanEnvironment());
    process.start(podmanPath(), storeArguments() + args);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        m_lastError = translate("podman %1 did not finish in time.").arg(args.value(0));
        return false;
    }
    const QByteArray all = process.readAllStandardOutput() + process.readAllStandardError();
    if (output)
        *output = all;
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        m_lastError = translate("podman %1 failed: %2").arg(args.value(0), QString::fromUtf8(all.trimmed()));
        return false;
    }
    return true;
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
    for (const char *applet : { "sh", "echo", "sleep", "seq", "cat", "true", "date", "printf" })
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
    service.setArguments(storeArguments()
                         + QStringList { QStringLiteral("system"), QStringLiteral("service"),
                                         QStringLiteral("--time=0"), QStringLiteral("unix://") + socketPath() });
    service.setProcessEnvironment(podmanEnvironment());
    service.setStandardOutputFile(QDir(m_stateDir).filePath(QStringLiteral("service.log")), QIODevice::Append);
    service.setStandardErrorFile(QDir(m_stateDir).filePath(QStringLiteral("service.log")), QIODevice::Append);
    if (!service.startDetached(&m_servicePid)) {
        m_lastError = translate("podman system service could not be started.");
        return false;
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
    if (!podman({ QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"), name,
                  QStringLiteral("--network"), QStringLiteral("host"), QStringLiteral("--label"),
                  QStringLiteral("com.docker.compose.project=") + composeProject, QStringLiteral("--label"),
                  QStringLiteral("com.docker.compose.service=web"), QString::fromLatin1(BusyboxImage),
                  QStringLiteral("sh"), QStringLiteral("-c"), script }))
        return false;
    m_containers.append(name);
    return true;
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
