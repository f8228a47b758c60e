// The real thing: podman's Docker-compatible API, a container printing lines,
// and the service restarted under a live follow.
#include "logs/dockerlogsource.h"

#include <QDir>
#include <QFile>
#include <QLocalSocket>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Dockmaster;

class TestPodmanLogs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void streamsInOrderAcrossServiceRestart();
    void cleanupTestCase();

private:
    QStringList storeArgs() const;
    bool podman(const QStringList &args, QByteArray *output = nullptr, int timeoutMs = 60000);
    bool startService();
    void stopService();
    QString socketPath() const { return m_dir->filePath(QStringLiteral("podman.sock")); }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_podman;
    std::unique_ptr<QProcess> m_service;
    QStringList m_containers;
    QString m_project;
};

QStringList TestPodmanLogs::storeArgs() const
{
    // A private store: nothing shared with other tests or the host's podman.
    return { QStringLiteral("--root"),           m_dir->filePath(QStringLiteral("root")),
             QStringLiteral("--runroot"),        m_dir->filePath(QStringLiteral("rr")),
             QStringLiteral("--tmpdir"),         m_dir->filePath(QStringLiteral("tmp")),
             QStringLiteral("--storage-driver"), QStringLiteral("vfs"),
             QStringLiteral("--cgroup-manager"), QStringLiteral("cgroupfs"),
             QStringLiteral("--events-backend"), QStringLiteral("file") };
}

bool TestPodmanLogs::podman(const QStringList &args, QByteArray *output, int timeoutMs)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PODMAN_IGNORE_CGROUPSV1_WARNING"), QStringLiteral("1"));
    process.setProcessEnvironment(env);
    process.start(m_podman, storeArgs() + args);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return false;
    }
    if (output)
        *output = process.readAllStandardOutput() + process.readAllStandardError();
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

bool TestPodmanLogs::startService()
{
    QFile::remove(socketPath());
    m_service = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PODMAN_IGNORE_CGROUPSV1_WARNING"), QStringLiteral("1"));
    m_service->setProcessEnvironment(env);
    m_service->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_service->start(m_podman,
                     storeArgs()
                         + QStringList { QStringLiteral("system"), QStringLiteral("service"),
                                         QStringLiteral("--time=0"), QStringLiteral("unix://") + socketPath() });
    if (!m_service->waitForStarted(10000))
        return false;
    for (int i = 0; i < 100; ++i) {
        QLocalSocket probe;
        probe.connectToServer(socketPath());
        if (probe.waitForConnected(100))
            return true;
        QTest::qWait(50);
    }
    return false;
}

void TestPodmanLogs::stopService()
{
    if (!m_service)
        return;
    if (m_service->state() != QProcess::NotRunning) {
        ::kill(pid_t(m_service->processId()), SIGKILL);
        m_service->waitForFinished(10000);
    }
    m_service.reset();
}

void TestPodmanLogs::initTestCase()
{
    m_podman = QStandardPaths::findExecutable(QStringLiteral("podman"));
    const QString busybox = QStringLiteral("/usr/bin/busybox");
    if (m_podman.isEmpty() || !QFile::exists(busybox))
        QSKIP("podman or /usr/bin/busybox is not installed: cannot run the podman integration test");
    m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/dmpod-XXXXXX"));
    QVERIFY(m_dir->isValid());
    m_project = QStringLiteral("dmlogs%1").arg(QCoreApplication::applicationPid());

    // A busybox image from the host binary: no registry needed.
    const QString rootfs = m_dir->filePath(QStringLiteral("rootfs"));
    QVERIFY(QDir().mkpath(rootfs + QStringLiteral("/bin")));
    QVERIFY(QFile::copy(busybox, rootfs + QStringLiteral("/bin/busybox")));
    QFile::setPermissions(rootfs + QStringLiteral("/bin/busybox"),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther | QFile::ExeOther);
    for (const char *applet : { "sh", "echo", "sleep", "seq", "cat", "true" })
        QVERIFY(QFile::link(QStringLiteral("busybox"), rootfs + QStringLiteral("/bin/") + QLatin1String(applet)));
    const QString tarball = m_dir->filePath(QStringLiteral("rootfs.tar"));
    QVERIFY(QProcess::execute(QStringLiteral("tar"),
                              { QStringLiteral("-C"), rootfs, QStringLiteral("-cf"), tarball, QStringLiteral(".") })
            == 0);
    QByteArray output;
    if (!podman({ QStringLiteral("import"), tarball, QStringLiteral("localhost/dmbb:latest") }, &output))
        QSKIP(qPrintable(QStringLiteral("podman cannot run here (import failed): ")
                         + QString::fromUtf8(output.trimmed())));
}

void TestPodmanLogs::streamsInOrderAcrossServiceRestart()
{
    QVERIFY2(startService(), "podman system service did not come up");
    const QString name = m_project + QStringLiteral("_web_1");
    // 300 stdout lines and 60 stderr lines at about 100 lines/s, then exit.
    const QString script = QStringLiteral("i=0; while [ $i -lt 300 ]; do i=$((i+1)); echo \"line $i\"; "
                                          "if [ $((i % 5)) -eq 0 ]; then echo \"err $i\" >&2; fi; sleep 0.01; done");
    QByteArray output;
    const bool ran = podman(
        { QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"), name, QStringLiteral("--network"),
          QStringLiteral("host"), QStringLiteral("--label"), QStringLiteral("com.docker.compose.project=") + m_project,
          QStringLiteral("localhost/dmbb:latest"), QStringLiteral("sh"), QStringLiteral("-c"), script },
        &output);
    if (!ran)
        QSKIP(qPrintable(QStringLiteral("podman cannot run containers here: ") + QString::fromUtf8(output.trimmed())));
    m_containers.append(name);

    DockerEndpoint endpoint;
    endpoint.url.setScheme(QStringLiteral("unix"));
    endpoint.url.setPath(socketPath());
    DockerLogOptions options;
    options.composeProject = m_project;
    options.tail = -1;
    options.reconnectInitialMs = 100;
    options.reconnectMaxMs = 500;
    options.rescanIntervalMs = 1000;
    DockerLogSource source(endpoint, options);
    QList<QByteArray> out;
    QList<QByteArray> err;
    QStringList names;
    connect(&source, &LogSource::linesAvailable, this, [&](const LogBatch &batch) {
        for (const LogBatchLine &line : batch.lines) {
            QVERIFY(line.timeNs > 0);
            names.append(batch.sources.value(line.source));
            (line.stream == LogStream::Stderr ? err : out).append(batch.lineText(line).toByteArray());
        }
    });
    QSignalSpy reconnecting(&source, &LogSource::reconnecting);
    QSignalSpy ended(&source, &LogSource::streamEnded);
    source.start();

    QTRY_VERIFY_WITH_TIMEOUT(out.size() >= 40, 15000);
    QVERIFY2(out.size() < 280, "the container finished before the service restart; the test proves nothing");
    // Restart the service under the live follow.
    stopService();
    QTRY_VERIFY_WITH_TIMEOUT(reconnecting.size() >= 1, 10000);
    QTest::qWait(400);
    QVERIFY2(startService(), "podman system service did not come back");

    QTRY_VERIFY_WITH_TIMEOUT(ended.size() >= 1, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(out.size(), 300, 5000);
    for (int i = 0; i < 300; ++i)
        QCOMPARE(out.at(i), "line " + QByteArray::number(i + 1));
    QCOMPARE(err.size(), 60);
    for (int i = 0; i < 60; ++i)
        QCOMPARE(err.at(i), "err " + QByteArray::number((i + 1) * 5));
    QVERIFY(names.size() == 360 && names.count(name) == 360);
    QCOMPARE(ended.first().first().toString(), name);
    source.stop();
}

void TestPodmanLogs::cleanupTestCase()
{
    for (const QString &name : std::as_const(m_containers)) {
        // Payload PID 1 ignores SIGTERM.
        podman({ QStringLiteral("kill"), QStringLiteral("-s"), QStringLiteral("KILL"), name });
        podman({ QStringLiteral("rm"), QStringLiteral("-f"), name });
    }
    stopService();
    if (m_dir && !m_podman.isEmpty())
        podman({ QStringLiteral("rmi"), QStringLiteral("-f"), QStringLiteral("localhost/dmbb:latest") });
}

QTEST_GUILESS_MAIN(TestPodmanLogs)
#include "tst_podmanlogs.moc"
