// The real thing: podman's Docker-compatible API, a container printing lines,
// and the service restarted under a live follow.
#include "core/logs/dockerlogsource.h"
#include "models/logs/logmodel.h"
#include "sandbox/platform/podmanengine.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Dockmaster;

class TestPodmanLogs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void streamsInOrderAcrossServiceRestart();
    void containerPrintingAGigabyteStaysBounded();
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
    // A run killed at its time limit leaves its gigabyte behind; the next one
    // clears it, or a few such runs fill the disk.
    const QDir here(QCoreApplication::applicationDirPath());
    for (const QString &left : here.entryList({ QStringLiteral("dmbiglog-*") }, QDir::Dirs))
        QDir(here.filePath(left)).removeRecursively();
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

namespace {

// The process's resident memory now, and its peak, in bytes (Linux).
qint64 statusBytes(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ').value(0).toLongLong() * 1024;
    }
    return -1;
}

} // namespace

// Hostile input (issue 15): a container that prints a gigabyte as fast as it
// can. The console follows it to the end, its memory stays bounded (the
// worker stops reading while the window is behind, so the rest waits in
// podman, and the window keeps the newest lines within its budget), and the
// window's thread keeps running.
void TestPodmanLogs::containerPrintingAGigabyteStaysBounded()
{
#if defined(__SANITIZE_THREAD__)
    // Under ThreadSanitizer the console reads slowly enough that podman's
    // follow loses nothing, and a gigabyte then takes longer than a test
    // function may; the threads are the same as in the test above. The
    // ASan+UBSan suite runs this one.
    QSKIP("the gigabyte runs in the ASan+UBSan suite, not under TSan");
#endif
    // Each step's time, so a run on a busy machine that outlasts QtTest's
    // limit says where it was (a fresh-clone CI run once did, at 840 s).
    QElapsedTimer setup;
    setup.start();
    QVERIFY2(m_engine->startService(), qPrintable(m_engine->lastError()));
    qInfo("podman service up after %lld ms", setup.elapsed());
    // The log file on disk next to the test, not in /tmp (often memory).
    QTemporaryDir logDir(QCoreApplication::applicationDirPath() + QStringLiteral("/dmbiglog-XXXXXX"));
    QVERIFY(logDir.isValid());
    constexpr qint64 Printed = 1024LL * 1024 * 1024;
    const QString name = m_project + QStringLiteral("_big_1");
    const QString script
        = QStringLiteral("yes \"$(head -c 1000 /dev/zero | tr '\\0' x)\" | head -c %1; echo; echo END").arg(Printed);
    QVERIFY2(m_engine->runShellContainer(name, m_project + QStringLiteral("big"), script,
                                         { QStringLiteral("--log-driver"), QStringLiteral("k8s-file"),
                                           QStringLiteral("--log-opt"),
                                           QStringLiteral("path=") + logDir.filePath(QStringLiteral("big.log")) }),
             qPrintable(m_engine->lastError()));
    qInfo("the gigabyte container runs after %lld ms", setup.elapsed());

    DockerEndpoint endpoint;
    endpoint.url.setScheme(QStringLiteral("unix"));
    endpoint.url.setPath(m_engine->socketPath());
    DockerLogOptions options;
    options.composeProject = m_project + QStringLiteral("big");
    options.tail = -1;
    DockerLogSource source(endpoint, options);
    // podman sends slower than this window takes; a small backlog makes the
    // worker stop and start reading all the way through.
    constexpr qint64 BacklogLimit = 512 * 1024;
    source.setBacklogLimit(BacklogLimit);
    LogModel model;      // what the window keeps
    qint64 received = 0; // text and newlines, as printed
    // podman sends a line that conmon read in two pieces as two messages,
    // each with its timestamp: no timestamp may end up inside a line.
    qint64 wrongLines = 0;
    QString firstWrong;
    qint64 lines = 0;
    QByteArray last;
    connect(&source, &LogSource::linesAvailable, &model, &LogModel::appendBatch);
    connect(&source, &LogSource::linesAvailable, this, [&](const LogBatch &batch) {
        for (const LogBatchLine &line : batch.lines) {
            received += line.length + 1;
            const QByteArrayView text = batch.lineText(line);
            if (text != "END" && text.size() != text.count('x')) {
                // Which line, and where it stops being x: a fresh-clone run
                // once saw one such line (2026-12-07), never seen here since.
                if (wrongLines++ == 0) {
                    qsizetype at = 0;
                    while (at < text.size() && text.at(at) == 'x')
                        ++at;
                    firstWrong = QStringLiteral("line %1 (%2 bytes, stream %3): not x from byte %4: \"%5\"")
                                     .arg(lines + (&line - batch.lines.constData()))
                                     .arg(text.size())
                                     .arg(int(line.stream))
                                     .arg(at)
                                     .arg(QString::fromLatin1(
                                         text.sliced(qMax<qsizetype>(0, at - 20))
                                             .first(qMin<qsizetype>(100, text.size() - qMax<qsizetype>(0, at - 20)))
                                             .toByteArray()
                                             .toPercentEncoding(" x")));
                }
            }
        }
        lines += batch.lines.size();
        if (!batch.lines.isEmpty())
            last = batch.lineText(batch.lines.constLast()).toByteArray();
    });
    QSignalSpy ended(&source, &LogSource::streamEnded);
    qint64 highestBacklog = 0;
    qint64 longestStallMs = 0;
    QElapsedTimer sinceTick;
    QTimer tick; // the window's thread: how long between two of its timer ticks
    tick.setInterval(20);
    QElapsedTimer sinceProgress;
    QElapsedTimer running;
    connect(&tick, &QTimer::timeout, this, [&] {
        longestStallMs = qMax(longestStallMs, sinceTick.restart());
        if (source.backlog())
            highestBacklog = qMax(highestBacklog, source.backlog()->highestBytes());
        if (sinceProgress.elapsed() >= 60000) {
            sinceProgress.restart();
            qInfo("after %lld s: %lld lines, %lld MB received; backlog now %lld KiB; %lld lines kept",
                  running.elapsed() / 1000, lines, received / 1000000,
                  source.backlog() ? source.backlog()->bytes() / 1024 : -1, qint64(model.rowCount()));
        }
    });
    const qint64 rssBefore = statusBytes("VmRSS:");
    QElapsedTimer clock;
    clock.start();
    sinceTick.start();
    sinceProgress.start();
    running.start();
    tick.start();
    source.start();
    QTRY_VERIFY_WITH_TIMEOUT(!ended.isEmpty(), 420000);
    model.flushNow();
    tick.stop();
    const qint64 seconds = qMax<qint64>(1, clock.elapsed() / 1000);
    const qint64 peakRss = statusBytes("VmHWM:");
    qInfo().noquote()
        << QStringLiteral(
               "1 GiB container: podman's follow sent %1 lines, %2 bytes in %3 s (%4 MB/s); backlog peak %5 KiB "
               "(limit %6 KiB); window kept %7 lines, %8 MB of text, %9 MB allocated; RSS "
               "%10 MB before, peak %11 MB; longest stall of the window's thread %12 ms")
               .arg(lines)
               .arg(received)
               .arg(seconds)
               .arg(received / seconds / 1000000)
               .arg(highestBacklog / 1024)
               .arg(BacklogLimit / 1024)
               .arg(model.rowCount())
               .arg(model.store().textBytes() / 1048576)
               .arg(qint64(model.store().bytesAllocated()) / 1048576)
               .arg(rssBefore / 1048576)
               .arg(peakRss / 1048576)
               .arg(longestStallMs);
    // Followed to the end, every line whole. (Not every line: podman's own
    // follow of a k8s-file log skips records when the writer is this fast,
    // as a plain curl on its socket shows; the console cannot show what the
    // engine does not send.)
    QVERIFY2(last == "END",
             qPrintable(QStringLiteral("the last line shown: %1 bytes, \"%2\"")
                            .arg(last.size())
                            .arg(QString::fromUtf8(last.left(60)))));
    QVERIFY2(wrongLines == 0,
             qPrintable(QStringLiteral("%1 lines with more than x, the first: %2").arg(wrongLines).arg(firstWrong)));
    QVERIFY(received <= Printed + 5);
    // Bounded: what waits for the window, what the window keeps.
    QVERIFY2(highestBacklog > BacklogLimit, "the worker never had to wait: the test proves nothing");
    QVERIFY(highestBacklog <= BacklogLimit + 8 * 1024 * 1024);
    QVERIFY(model.store().textBytes() <= model.textBudget());
    QVERIFY(qint64(model.store().bytesAllocated()) <= model.textBudget() + 16 * 1024 * 1024);
    QCOMPARE(model.totalLines(), lines);
    QVERIFY(model.droppedLines() > 0);
    // The process never held the gigabyte (ASan's quarantine and shadow count here too).
    QVERIFY2(peakRss - rssBefore < Printed,
             qPrintable(QStringLiteral("peak RSS grew by %1 MB").arg((peakRss - rssBefore) / 1048576)));
    // The window's thread kept turning (a generous bound: this is a busy machine).
    QVERIFY2(longestStallMs < 10000, qPrintable(QStringLiteral("stalled %1 ms").arg(longestStallMs)));
    source.stop();
}

void TestPodmanLogs::cleanupTestCase()
{
    m_engine.reset(); // removes the container and stops the service
}

QTEST_GUILESS_MAIN(TestPodmanLogs)
#include "tst_podmanlogs.moc"
