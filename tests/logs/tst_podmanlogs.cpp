// The real thing: podman's Docker-compatible API, a container printing lines,
// and the service restarted under a live follow.
#include "core/logs/dockerlogsource.h"
#include "sandbox/platform/podmanengine.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Dockmaster;

class TestPodmanLogs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void streamsInOrderAcrossServiceRestart();
    void cleanupTestCase();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<PodmanEngine> m_engine;
    QString m_project;
};

void TestPodmanLogs::initTestCase()
{
    if (!PodmanEngine::isInstalled())
        QSKIP("podman or /usr/bin/busybox is not installed: cannot run the podman integration test");
    m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/dmpod-XXXXXX"));
    QVERIFY(m_dir->isValid());
    m_engine = std::make_unique<PodmanEngine>(m_dir->path());
    m_project = QStringLiteral("dmlogs%1").arg(QCoreApplication::applicationPid());
    // The suite runs where podman works (packaging/dockmaster's namespace): a failure here is a failure.
    QVERIFY2(m_engine->importBusyboxImage(), qPrintable(m_engine->lastError()));
}

void TestPodmanLogs::streamsInOrderAcrossServiceRestart()
{
    QVERIFY2(m_engine->startService(), qPrintable(m_engine->lastError()));
    const QString name = m_project + QStringLiteral("_web_1");
    // 300 stdout lines and 60 stderr lines at about 100 lines/s, then exit.
    const QString script = QStringLiteral("i=0; while [ $i -lt 300 ]; do i=$((i+1)); echo \"line $i\"; "
                                          "if [ $((i % 5)) -eq 0 ]; then echo \"err $i\" >&2; fi; sleep 0.01; done");
    QVERIFY2(m_engine->runShellContainer(name, m_project, script), qPrintable(m_engine->lastError()));

    DockerEndpoint endpoint;
    endpoint.url.setScheme(QStringLiteral("unix"));
    endpoint.url.setPath(m_engine->socketPath());
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
    m_engine->stopService();
    QTRY_VERIFY_WITH_TIMEOUT(reconnecting.size() >= 1, 10000);
    QTest::qWait(400);
    QVERIFY2(m_engine->startService(), qPrintable(m_engine->lastError()));

    QTRY_VERIFY_WITH_TIMEOUT(ended.size() >= 1, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(out.size(), 300, 30000);
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
    m_engine.reset(); // removes the container and stops the service
}

QTEST_GUILESS_MAIN(TestPodmanLogs)
#include "tst_podmanlogs.moc"
