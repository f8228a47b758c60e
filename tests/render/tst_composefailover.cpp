#include "tests/render/failoverharness.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTest>

#include <cstring>
#include <memory>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Dockmaster;
using namespace Dockmaster::FailoverHarness;

namespace {

const QString containerName = QStringLiteral("app0000042-test-web-1");

// The whole test runs in its own network namespace: the podman bridge, its
// nftables rules, ip_forward and aardvark-dns exist only there and vanish
// with the test, leaving the host's network untouched.
bool enterPrivateNetwork()
{
    if (::unshare(CLONE_NEWNET) != 0)
        return false;
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0)
        return false;
    ifreq request {};
    std::strncpy(request.ifr_name, "lo", IFNAMSIZ - 1);
    bool up = ::ioctl(fd, SIOCGIFFLAGS, &request) == 0;
    request.ifr_flags = static_cast<short>(request.ifr_flags | IFF_UP | IFF_RUNNING);
    up = up && ::ioctl(fd, SIOCSIFFLAGS, &request) == 0;
    ::close(fd);
    return up;
}

} // namespace

// The rendered docker-compose.yaml brought up for real (docker-compose
// against podman's Docker API) as the primary behind the rendered outer site:
// the isolation settings are enforced by a real engine, and killing or
// hanging the container fails over to the rendered fallback with no client
// errors.
class TestComposeFailover : public QObject
{
    Q_OBJECT

public:
    explicit TestComposeFailover(bool isolated)
        : m_isolated(isolated)
    {
    }

private:
    bool m_isolated = false;
    FrontStack m_stack;
    quint16 m_primaryPort = 0;
    QString m_podman;
    QString m_compose;
    QStringList m_podmanOptions;
    QProcessEnvironment m_environment;
    std::unique_ptr<ServerProcess> m_service;
    QString m_containerId;

    QString composeFile() const { return m_stack.input().confDir() + QStringLiteral("/docker-compose.yaml"); }

    int podman(const QStringList &arguments, QByteArray *output = nullptr)
    {
        return runCommand(m_podman, m_podmanOptions + arguments, output, m_environment);
    }

    int compose(const QStringList &arguments, QByteArray *output = nullptr)
    {
        return runCommand(m_compose, QStringList { QStringLiteral("-f"), composeFile() } + arguments, output,
                          m_environment);
    }

    QJsonObject inspect()
    {
        QByteArray output;
        if (podman({ QStringLiteral("inspect"), containerName }, &output) != 0)
            return {};
        return QJsonDocument::fromJson(output).array().first().toObject();
    }

    // Every process of the container, from its pids cgroup (cgroup v1 here).
    // Every process of the container: its main process (from the engine)
    // and all descendants, found through /proc so any cgroup layout works.
    QList<pid_t> containerProcesses()
    {
        const qint64 main
            = inspect().value(QStringLiteral("State")).toObject().value(QStringLiteral("Pid")).toInteger();
        QList<pid_t> pids;
        if (main <= 0)
            return pids;
        QHash<qint64, qint64> parentOf;
        QDirIterator it(QStringLiteral("/proc"), QDir::Dirs | QDir::NoDotAndDotDot);
        while (it.hasNext()) {
            bool numeric = false;
            const qint64 pid = it.next().section(QLatin1Char('/'), -1).toLongLong(&numeric);
            if (!numeric)
                continue;
            QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
            if (!stat.open(QIODevice::ReadOnly))
                continue;
            // "pid (comm) state ppid ...": comm may hold spaces, so parse after ')'.
            const QByteArray line = stat.readAll();
            const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
            if (fields.size() > 1)
                parentOf.insert(pid, fields.at(1).toLongLong());
        }
        QList<qint64> frontier { main };
        while (!frontier.isEmpty()) {
            const qint64 pid = frontier.takeFirst();
            pids.append(static_cast<pid_t>(pid));
            for (auto child = parentOf.cbegin(); child != parentOf.cend(); ++child) {
                if (child.value() == pid)
                    frontier.append(child.key());
            }
        }
        return pids;
    }

    void signalContainer(int signal)
    {
        for (const pid_t pid : containerProcesses())
            ::kill(pid, signal);
    }

    // Kills what podman started in this test's namespace (conmon,
    // aardvark-dns) and removes leftover container cgroups, by PID and ID.
    void killLeftovers()
    {
        const QString ownNamespace = QFile::symLinkTarget(QStringLiteral("/proc/self/ns/net"));
        const qint64 self = QCoreApplication::applicationPid();
        QDirIterator it(QStringLiteral("/proc"), QDir::Dirs | QDir::NoDotAndDotDot);
        while (it.hasNext()) {
            bool numeric = false;
            const qint64 pid = it.next().section(QLatin1Char('/'), -1).toLongLong(&numeric);
            if (!numeric || pid == self)
                continue;
            if (QFile::symLinkTarget(QStringLiteral("/proc/%1/ns/net").arg(pid)) == ownNamespace)
                ::kill(static_cast<pid_t>(pid), SIGKILL);
        }
        if (!m_containerId.isEmpty()) {
            QTest::qWait(200);
            QDirIterator controllers(QStringLiteral("/sys/fs/cgroup"), QDir::Dirs | QDir::NoDotAndDotDot);
            while (controllers.hasNext()) {
                const QString dir = controllers.next() + QStringLiteral("/libpod_parent/libpod-") + m_containerId;
                if (QFileInfo::exists(dir))
                    QDir().rmdir(dir);
            }
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_isolated, "could not enter a private network namespace (the test needs root)");
        m_podman = QStandardPaths::findExecutable(QStringLiteral("podman"));
        m_compose = QStandardPaths::findExecutable(QStringLiteral("docker-compose"));
        const QString busybox = QStandardPaths::findExecutable(QStringLiteral("busybox"));
        const QString tar = QStandardPaths::findExecutable(QStringLiteral("tar"));
        QVERIFY2(!m_podman.isEmpty() && !m_compose.isEmpty() && !busybox.isEmpty() && !tar.isEmpty(),
                 "podman, docker-compose, busybox and tar are needed");

        m_primaryPort = freePort();
        const QString problem = m_stack.start(m_primaryPort);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        m_podmanOptions = { QStringLiteral("--root"),
                            m_stack.path(QStringLiteral("podman/root")),
                            QStringLiteral("--runroot"),
                            m_stack.path(QStringLiteral("podman/rr")),
                            QStringLiteral("--tmpdir"),
                            m_stack.path(QStringLiteral("podman/tmp")),
                            QStringLiteral("--network-config-dir"),
                            m_stack.path(QStringLiteral("podman/networks")),
                            QStringLiteral("--storage-driver=vfs"),
                            QStringLiteral("--cgroup-manager=cgroupfs"),
                            QStringLiteral("--events-backend=file") };
        m_environment = QProcessEnvironment::systemEnvironment();
        m_environment.insert(QStringLiteral("PODMAN_IGNORE_CGROUPSV1_WARNING"), QStringLiteral("1"));
        // What the deploy job exports before `docker compose up` (gitlab-ci.yml.in).
        m_environment.insert(QStringLiteral("DOCKMASTER_CODE_SHA"),
                             QStringLiteral("1234567890abcdef1234567890abcdef12345678"));
        m_environment.insert(QStringLiteral("DOCKMASTER_CONFIG_COMMIT"),
                             QStringLiteral("fedcba0987654321fedcba0987654321fedcba09"));
        // The deploy job exports the platform variables the app has (not
        // _SEEDS here: the store is one server).
        m_environment.insert(QStringLiteral("PLATFORM_KV_USER"), QStringLiteral("app-kv-user"));
        m_environment.remove(QStringLiteral("PLATFORM_KV_SEEDS"));
        m_environment.insert(QStringLiteral("DOCKER_HOST"),
                             QStringLiteral("unix://") + m_stack.path(QStringLiteral("podman/podman.sock")));

        // The platform image stand-in: busybox httpd serving the app's web/
        // on 8080, under the image name the renderer put in the file.
        const QString rootfs = m_stack.path(QStringLiteral("rootfs"));
        for (const char *dir :
             { "bin", "etc/nginx/conf.d", "etc/php/8.4/fpm/pool.d", "srv/app", "tmp", "run", "var/lib/nginx" })
            QVERIFY(QDir().mkpath(rootfs + QLatin1Char('/') + QString::fromLatin1(dir)));
        QVERIFY(QFile::copy(busybox, rootfs + QStringLiteral("/bin/busybox")));
        for (const char *applet : { "sh", "httpd", "touch", "cat", "chroot", "true", "grep" })
            QVERIFY(
                QFile::link(QStringLiteral("busybox"), rootfs + QStringLiteral("/bin/") + QString::fromLatin1(applet)));
        QVERIFY(writeText(rootfs + QStringLiteral("/etc/passwd"), "root:x:0:0:root:/:/bin/sh\n"));
        QVERIFY(writeText(rootfs + QStringLiteral("/etc/group"), "root:x:0:\n"));
        // Reports, from inside, what the engine enforced; then serves the code.
        QVERIFY(writeText(rootfs + QStringLiteral("/entrypoint.sh"),
                          "#!/bin/sh\n"
                          "touch /probe 2>/dev/null && echo root=rw || echo root=ro\n"
                          "touch /srv/app/web/probe 2>/dev/null && echo code=rw || echo code=ro\n"
                          "touch /tmp/probe 2>/dev/null && echo tmp=rw || echo tmp=ro\n"
                          "chroot / true 2>/dev/null && echo chroot=allowed || echo chroot=denied\n"
                          "grep -E '^(NoNewPrivs|CapEff):' /proc/self/status\n"
                          "echo kv_user=${PLATFORM_KV_USER-unset} kv_seeds=${PLATFORM_KV_SEEDS-unset}\n"
                          "exec httpd -f -p 8080 -h /srv/app/web\n"));
        QVERIFY(QFile::setPermissions(rootfs + QStringLiteral("/entrypoint.sh"),
                                      QFileDevice::ReadOwner | QFileDevice::ExeOwner | QFileDevice::ReadOther
                                          | QFileDevice::ExeOther));
        const QString tarball = m_stack.path(QStringLiteral("rootfs.tar"));
        QCOMPARE(runCommand(tar, { QStringLiteral("-C"), rootfs, QStringLiteral("-cf"), tarball, QStringLiteral(".") }),
                 0);
        QByteArray output;
        QCOMPARE(podman({ QStringLiteral("import"), QStringLiteral("-c"), QStringLiteral("CMD [\"/entrypoint.sh\"]"),
                          tarball, m_stack.input().image() },
                        &output),
                 0);
        QVERIFY(writeText(m_stack.input().codeDir() + QStringLiteral("/web/index.html"), "primary container\n"));

        m_service = std::make_unique<ServerProcess>(
            m_podman,
            m_podmanOptions
                + QStringList { QStringLiteral("system"), QStringLiteral("service"), QStringLiteral("--time=0"),
                                m_environment.value(QStringLiteral("DOCKER_HOST")) },
            m_environment);
        QVERIFY(m_service->start());
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(m_stack.path(QStringLiteral("podman/podman.sock"))), 10000);

        // Exactly what the deploy job runs on the host.
        const int rc = compose({ QStringLiteral("up"), QStringLiteral("-d") }, &output);
        QVERIFY2(rc == 0, output.constData());
        QByteArray id;
        QCOMPARE(
            podman({ QStringLiteral("inspect"), QStringLiteral("--format"), QStringLiteral("{{.Id}}"), containerName },
                   &id),
            0);
        m_containerId = QString::fromLatin1(id.trimmed());
        QVERIFY(waitForPort(m_primaryPort, 10000));
    }

    void cleanupTestCase()
    {
        // A step that failed half-way must not leave the container stopped.
        const QList<pid_t> container = m_service ? containerProcesses() : QList<pid_t>();
        for (const pid_t pid : container)
            ::kill(pid, SIGCONT);
        if (!m_compose.isEmpty() && m_service)
            compose({ QStringLiteral("down"), QStringLiteral("-t"), QStringLiteral("0") });
        if (!m_podman.isEmpty() && m_service)
            podman({ QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("-a"), QStringLiteral("-t"),
                     QStringLiteral("0") });
        m_service.reset();
        killLeftovers();
        m_stack.stop();
    }

    void containerIsIsolatedByTheEngine()
    {
        const QJsonObject container = inspect();
        const QJsonObject host = container.value(QStringLiteral("HostConfig")).toObject();
        QCOMPARE(host.value(QStringLiteral("ReadonlyRootfs")).toBool(), true);
        QCOMPARE(host.value(QStringLiteral("Privileged")).toBool(), false);
        QCOMPARE(host.value(QStringLiteral("PidsLimit")).toInt(), 128);
        QCOMPARE(host.value(QStringLiteral("Memory")).toInteger(), 256LL * 1024 * 1024);
        QCOMPARE(host.value(QStringLiteral("NanoCpus")).toInteger(), 500000000LL);
        QVERIFY(host.value(QStringLiteral("SecurityOpt")).toArray().contains(QStringLiteral("no-new-privileges")));
        QVERIFY(host.value(QStringLiteral("NetworkMode")).toString() != QStringLiteral("host"));
        const QJsonArray binding
            = host.value(QStringLiteral("PortBindings")).toObject().value(QStringLiteral("8080/tcp")).toArray();
        QCOMPARE(binding.size(), 1);
        QCOMPARE(binding.first().toObject().value(QStringLiteral("HostIp")).toString(), QStringLiteral("127.0.0.1"));
        QCOMPARE(binding.first().toObject().value(QStringLiteral("HostPort")).toString(),
                 QString::number(m_primaryPort));

        // Only the capabilities nginx and php-fpm need to drop to www-data.
        QStringList capabilities = container.value(QStringLiteral("EffectiveCaps")).toVariant().toStringList();
        capabilities.sort();
        QCOMPARE(
            capabilities,
            (QStringList { QStringLiteral("CAP_CHOWN"), QStringLiteral("CAP_SETGID"), QStringLiteral("CAP_SETUID") }));

        // What the app's own process found when it started (its stdout).
        QByteArray logs;
        QCOMPARE(podman({ QStringLiteral("logs"), containerName }, &logs), 0);
        QVERIFY2(logs.contains("root=ro\n"), logs.constData());
        QVERIFY2(logs.contains("code=ro\n"), logs.constData());
        QVERIFY2(logs.contains("tmp=rw\n"), logs.constData());
        QVERIFY2(logs.contains("chroot=denied\n"), logs.constData()); // CAP_SYS_CHROOT is dropped
        QVERIFY2(logs.contains("NoNewPrivs:\t1\n"), logs.constData());
        QVERIFY2(logs.contains("CapEff:\t00000000000000c1\n"), logs.constData()); // CHOWN, SETGID, SETUID
        // The platform's variables reach the app; one the host did not set
        // stays unset rather than empty.
        QVERIFY2(logs.contains("kv_user=app-kv-user kv_seeds=unset\n"), logs.constData());
    }

    // Live health reads these: what was deployed, and the health check of
    // nginx and php-fpm the engine runs.
    void containerCarriesDeployLabelsAndHealthCheck()
    {
        const QJsonObject config = inspect().value(QStringLiteral("Config")).toObject();
        const QJsonObject labels = config.value(QStringLiteral("Labels")).toObject();
        QCOMPARE(labels.value(QStringLiteral("org.dockmaster.code-sha")).toString(),
                 QStringLiteral("1234567890abcdef1234567890abcdef12345678"));
        QCOMPARE(labels.value(QStringLiteral("org.dockmaster.config-commit")).toString(),
                 QStringLiteral("fedcba0987654321fedcba0987654321fedcba09"));
        QCOMPARE(labels.value(QStringLiteral("com.docker.compose.project")).toString(),
                 QStringLiteral("app0000042-test"));
        const QString test = config.value(QStringLiteral("Healthcheck"))
                                 .toObject()
                                 .value(QStringLiteral("Test"))
                                 .toVariant()
                                 .toStringList()
                                 .join(QLatin1Char(' '));
        QVERIFY2(test.contains(QStringLiteral("/.dockmaster/ping")) && test.contains(QStringLiteral("pong")),
                 qPrintable(test));
    }

    void containerServesThroughTheFront()
    {
        int errors = 0;
        QVERIFY(m_stack.waitForBody("primary container", &errors) >= 0);
        QCOMPARE(errors, 0);
    }

    void killedContainerFailsOverWithoutClientErrors()
    {
        // The kill runs while the prober keeps sending requests.
        QProcess kill;
        kill.setProcessEnvironment(m_environment);
        int errors = 0;
        int fromFallback = 0;
        int sent = 0;
        QElapsedTimer timer;
        timer.start();
        while (sent < 15 || kill.state() != QProcess::NotRunning || fromFallback < 10) {
            if (sent == 5)
                kill.start(m_compose, { QStringLiteral("-f"), composeFile(), QStringLiteral("kill") });
            const Response r = m_stack.front();
            ++sent;
            if (r.status != 200 || !r.error.isEmpty())
                ++errors;
            if (r.body.startsWith("fallback"))
                ++fromFallback;
            QVERIFY2(timer.elapsed() < 30000, "the container did not go away");
            QTest::qWait(20);
        }
        QCOMPARE(kill.exitCode(), 0);
        QCOMPARE(errors, 0);
        qInfo("container_kill_requests %d, answered by fallback %d, client errors %d", sent, fromFallback, errors);
        QVERIFY(!waitForPort(m_primaryPort, 200));
    }

    void trafficReturnsWhenTheContainerStarts()
    {
        QCOMPARE(compose({ QStringLiteral("start") }), 0);
        QByteArray id;
        int errors = 0;
        const qint64 recovered = m_stack.waitForBody("primary container", &errors);
        qInfo("container_recovery_after_start %lld ms (fail_timeout %d s)", recovered, failTimeoutS);
        QVERIFY(recovered >= 0);
        QCOMPARE(errors, 0);
    }

    void hungContainerFailsOverAfterTheReadTimeout()
    {
        QVERIFY(!containerProcesses().isEmpty());
        signalContainer(SIGSTOP);
        const Response first = m_stack.front();
        signalContainer(SIGCONT);
        QCOMPARE(first.status, 200);
        QCOMPARE(first.body, QByteArray("fallback confined noexec\n"));
        qInfo("container_hang_first_response %lld ms (read timeout %d s)", first.elapsedMs, readTimeoutS);
        QVERIFY(first.elapsedMs >= readTimeoutS * 1000 - 100);
        QVERIFY(first.elapsedMs < readTimeoutS * 1000 + 2000);
        int errors = 0;
        QVERIFY(m_stack.waitForBody("primary container", &errors) >= 0);
        QCOMPARE(errors, 0);
    }
};

int main(int argc, char **argv)
{
    // Before any thread exists, so every later thread and child inherits it.
    const bool isolated = enterPrivateNetwork();
    QCoreApplication app(argc, argv);
    TestComposeFailover test(isolated);
    return QTest::qExec(&test, argc, argv);
}

#include "tst_composefailover.moc"
