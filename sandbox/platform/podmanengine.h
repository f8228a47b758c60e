#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

namespace Dockmaster {

// A private podman (Docker-compatible engine) for the sandbox and the tests:
// its own storage under `stateDir`, its own API socket, a busybox image made
// from the host's busybox binary (no registry needed). Every call blocks until
// podman answers, so use it from a worker thread or a test, never the UI thread.
// podman needs a private mount namespace on our machines; `packaging/dockmaster`
// provides one.
class PodmanEngine final
{
public:
    static constexpr const char *BusyboxImage = "localhost/dockmaster-busybox:latest";

    explicit PodmanEngine(QString stateDir); // marks stateDir as this process's
    ~PodmanEngine();                         // removes the containers and stops the service
    PodmanEngine(const PodmanEngine &) = delete;
    PodmanEngine &operator=(const PodmanEngine &) = delete;

    // podman and busybox are installed (not yet that they can run here).
    static bool isInstalled();
    QString socketPath() const;
    QString stateDirectory() const { return m_stateDir; }
    QString lastError() const { return m_lastError; }

    bool importBusyboxImage();
    bool startService(int timeoutMs = 10000);
    void stopService(); // SIGKILL, as a crash or a host reboot would
    bool isServiceRunning() const { return m_servicePid > 0; }

    // `podman run -d` of the busybox image running `sh -c script`, with the
    // compose project label Dockmaster finds an app's containers by.
    bool runShellContainer(const QString &name, const QString &composeProject, const QString &script);
    // The same with more `podman run` options (labels, --health-cmd, --restart, --memory...).
    bool runShellContainer(const QString &name, const QString &composeProject, const QString &script,
                           const QStringList &runOptions);
    // Runs a container's health check once; true when healthy. podman
    // schedules health checks with systemd timers, which a private engine does
    // not have: the sandbox and the tests call this on their own schedule.
    // Where podman cannot enter the container's namespaces (our machines: its
    // `exec` lands in the host's), a check command only sees what the host
    // sees; /dev/shm is shared, so checks look at marker files there,
    // bind-mounted at the same path into the container.
    bool runHealthCheck(const QString &name);
    QStringList containers() const { return m_containers; }
    void removeContainers();

    // Any podman command against this engine's store.
    bool podman(const QStringList &args, QByteArray *output = nullptr, int timeoutMs = 60000);

    // Engines whose owning process died without cleaning up (a crash, SIGKILL)
    // leave their service and containers running: conmon detaches from podman,
    // so nothing ties them to the dead owner. This finds such engines in
    // searchRoot and up to two folder levels below it, removes their
    // containers, kills their service and deletes their state. Returns the
    // state folders swept. Blocks on podman: never on the UI thread.
    static QStringList reapOrphans(const QString &searchRoot);

private:
    static QStringList storeArguments(const QString &stateDir);
    static bool runPodman(const QString &stateDir, const QStringList &args, QByteArray *output, int timeoutMs,
                          QString *error);

    QString m_stateDir;
    QString m_lastError;
    qint64 m_servicePid = 0;
    QStringList m_containers;
};

} // namespace Dockmaster
