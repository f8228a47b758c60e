#include "core/logs/dockerlogsource.h"
#include "core/logs/httpstreamclient.h"
#include "tests/support/fakedockerengine.h"

#include <QDateTime>
#include <QLocalServer>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Dockmaster;
using Dockmaster::Test::FakeDockerEngine;

namespace {

struct Received {
    QString source;
    qint64 timeNs;
    LogStream stream;
    QByteArray text;
};

struct Collector {
    QList<Received> lines;
    void attach(LogSource *source)
    {
        QObject::connect(source, &LogSource::linesAvailable, source, [this](const LogBatch &batch) {
            for (const LogBatchLine &line : batch.lines)
                lines.append(
                    { batch.sources.value(line.source), line.timeNs, line.stream, batch.lineText(line).toByteArray() });
        });
    }
    QList<QByteArray> texts() const
    {
        QList<QByteArray> out;
        for (const Received &r : lines)
            out.append(r.text);
        return out;
    }
};

// A unix-socket server answering one GET with `total` bytes of a known
// pattern, written as fast as the connection takes them; it counts what the
// kernel accepted, and can close the connection after the last byte.
class PatternServer : public QObject
{
public:
    static constexpr qint64 Period = 251; // a prime: a lost or repeated piece shifts the pattern
    static char at(qint64 offset) { return char('A' + offset % Period % 26); }

    PatternServer(const QString &path, qint64 total, bool closeAtEnd)
        : m_total(total)
        , m_closeAtEnd(closeAtEnd)
    {
        m_server.listen(path);
        connect(&m_server, &QLocalServer::newConnection, this, [this] {
            m_peer = m_server.nextPendingConnection();
            connect(m_peer, &QLocalSocket::readyRead, this, [this] {
                if (m_sent > 0 || !m_peer->readAll().contains("\r\n\r\n"))
                    return;
                m_peer->write(m_closeAtEnd
                                  ? QByteArray("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n")
                                  : "HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(m_total) + "\r\n\r\n");
                feed();
            });
            connect(m_peer, &QLocalSocket::bytesWritten, this, [this](qint64 n) {
                m_accepted += n;
                feed();
            });
        });
    }
    qint64 accepted() const { return m_accepted; } // headers included
    bool closed() const { return m_closed; }
    DockerEndpoint endpoint() const
    {
        DockerEndpoint endpoint;
        endpoint.url = QUrl::fromLocalFile(m_server.fullServerName());
        endpoint.url.setScheme(QStringLiteral("unix"));
        return endpoint;
    }

private:
    void feed()
    {
        while (m_sent < m_total && m_peer->bytesToWrite() < 512 * 1024) {
            QByteArray piece(qMin<qint64>(64 * 1024, m_total - m_sent), Qt::Uninitialized);
            for (qsizetype i = 0; i < piece.size(); ++i)
                piece[i] = at(m_sent + i);
            m_sent += piece.size();
            m_peer->write(piece);
        }
        if (m_sent == m_total && m_closeAtEnd && !m_closed && m_peer->bytesToWrite() == 0) {
            m_closed = true;
            m_peer->disconnectFromServer();
        }
    }

    QLocalServer m_server;
    QLocalSocket *m_peer = nullptr;
    const qint64 m_total;
    const bool m_closeAtEnd;
    qint64 m_sent = 0;
    qint64 m_accepted = 0;
    bool m_closed = false;
};

// The first offset where `body` is not the pattern, or -1.
qint64 firstWrongByte(const QByteArray &body)
{
    for (qsizetype i = 0; i < body.size(); ++i) {
        if (body.at(i) != PatternServer::at(i))
            return i;
    }
    return -1;
}

DockerEndpoint tcpEndpoint(quint16 port)
{
    DockerEndpoint endpoint;
    endpoint.url = QUrl(QStringLiteral("tcp://127.0.0.1:%1").arg(port));
    return endpoint;
}

DockerLogOptions fastOptions(const QString &project)
{
    DockerLogOptions options;
    options.composeProject = project;
    options.tail = -1;
    options.reconnectInitialMs = 50;
    options.reconnectMaxMs = 200;
    options.rescanIntervalMs = 500;
    return options;
}

} // namespace

class TestDockerLogSource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void chunkedEndWhileConnectionStaysOpen();
    void contentLengthOverUnixSocket();
    void connectionRefusedFails();
    void abortInsideBodyHandlerEndsTheResponse();
    void pausedReaderMakesTheEngineWait();
    void endOfConnectionWhilePausedLosesNothing();
    void reconnectsWithoutLossOrDuplicates_data();
    void reconnectsWithoutLossOrDuplicates();
    void ttyContainerIsRaw();
    void streamEndIsReported();
    void followEndingBeforeTheLogEndsIsCaughtUp();
    void silentFollowOfAStoppedContainerIsReadAgain();
    void partialMessagesMakeOneLine_data();
    void partialMessagesMakeOneLine();
    void restartedContainerIsFollowedAgain();
    void containersAreMergedByTime();
    void onlyTheProjectsContainers();
};

void TestDockerLogSource::chunkedEndWhileConnectionStaysOpen()
{
    FakeDockerEngine engine;
    engine.chunkCut = 3;
    engine.addContainer({ QStringLiteral("c1"),
                          QStringLiteral("web"),
                          QStringLiteral("p"),
                          false,
                          { { 1795550491000000000LL, LogStream::Stdout, "hello" } } });
    HttpStreamClient client(tcpEndpoint(engine.port()));
    QByteArray body;
    QSignalSpy finished(&client, &HttpStreamClient::finished);
    QSignalSpy failed(&client, &HttpStreamClient::failed);
    client.get("/v1.41/containers/c1/logs?follow=1&stdout=1", [&](QByteArrayView data) { body.append(data); });
    QTRY_VERIFY(body.contains("hello"));
    QCOMPARE(client.status(), 200);
    QVERIFY(client.isActive());
    engine.endFollowStreams();
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(failed.size(), 0);
    QVERIFY(!client.isActive());
    QVERIFY(body.endsWith("hello\n"));
}

void TestDockerLogSource::contentLengthOverUnixSocket()
{
    QTemporaryDir dir;
    QLocalServer server;
    QVERIFY(server.listen(dir.filePath(QStringLiteral("docker.sock"))));
    connect(&server, &QLocalServer::newConnection, this, [&server] {
        QLocalSocket *socket = server.nextPendingConnection();
        connect(socket, &QLocalSocket::readyRead, socket, [socket] {
            if (!socket->readAll().contains("\r\n\r\n"))
                return;
            const QByteArray response = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 11\r\n"
                                        "Api-Version: 1.41\r\n\r\n[\"a\",\"b\"]\n!";
            for (const char c : response) // one byte per write: every parser state gets cut
                socket->write(&c, 1);
        });
    });
    DockerEndpoint endpoint;
    endpoint.url = QUrl::fromLocalFile(dir.filePath(QStringLiteral("docker.sock")));
    endpoint.url.setScheme(QStringLiteral("unix"));
    HttpStreamClient client(endpoint);
    QByteArray body;
    QSignalSpy finished(&client, &HttpStreamClient::finished);
    client.get(endpoint.target("/containers/json"), [&](QByteArrayView data) { body.append(data); });
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(body, QByteArray("[\"a\",\"b\"]\n!"));
    QCOMPARE(client.header("api-version"), QByteArray("1.41"));
}

// A container printing far faster than the window can show: while the reader
// is paused, the engine can hand over only what the bounded buffers hold, so
// the rest waits on the engine's side instead of in the console's memory;
// resumed, every byte arrives, in order, and the response ends once.
void TestDockerLogSource::pausedReaderMakesTheEngineWait()
{
    QTemporaryDir dir;
    constexpr qint64 Total = 64 * 1024 * 1024;
    PatternServer server(dir.filePath(QStringLiteral("docker.sock")), Total, false);
    HttpStreamClient client(server.endpoint());
    QByteArray body;
    QSignalSpy finished(&client, &HttpStreamClient::finished);
    QSignalSpy failed(&client, &HttpStreamClient::failed);
    bool pausedOnce = false;
    client.get("/containers/c1/logs?follow=1", [&](QByteArrayView data) {
        body.append(data);
        if (body.size() >= 1024 * 1024 && !pausedOnce) {
            pausedOnce = true;
            client.pause();
        }
    });
    QTRY_VERIFY(client.isPaused());
    const qsizetype atPause = body.size();
    QTest::qWait(1500);
    QCOMPARE(body.size(), atPause); // nothing is handed on while paused
    const qint64 accepted = server.accepted();
    QVERIFY2(accepted < 16 * 1024 * 1024,
             qPrintable(QStringLiteral("the engine could hand over %1 bytes to a paused reader").arg(accepted)));
    QTest::qWait(500);
    QCOMPARE(server.accepted(), accepted); // and then it waits
    client.resume();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(body.size(), Total);
    QCOMPARE(firstWrongByte(body), -1);
}

// The engine sends the rest of a response that runs until the close, and
// closes, while the reader is paused: the bytes before the close are read
// after resume(), and only then does the response end.
void TestDockerLogSource::endOfConnectionWhilePausedLosesNothing()
{
    QTemporaryDir dir;
    constexpr qint64 Total = 768 * 1024;
    PatternServer server(dir.filePath(QStringLiteral("docker.sock")), Total, true);
    HttpStreamClient client(server.endpoint());
    QByteArray body;
    QSignalSpy finished(&client, &HttpStreamClient::finished);
    QSignalSpy failed(&client, &HttpStreamClient::failed);
    client.get("/containers/c1/logs?follow=1", [&](QByteArrayView data) {
        body.append(data);
        if (finished.isEmpty() && body.size() < Total)
            client.pause();
    });
    QTRY_VERIFY(client.isPaused());
    QTRY_VERIFY_WITH_TIMEOUT(server.closed(), 20000);
    QTest::qWait(300);
    QCOMPARE(finished.size(), 0);
    QVERIFY(body.size() < Total);
    // Resumed as the worker does: one pause per delivery until the end.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            client.resume();
            return !finished.isEmpty() || !failed.isEmpty();
        }(),
        20000);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(body.size(), Total);
    QCOMPARE(firstWrongByte(body), -1);
}

void TestDockerLogSource::connectionRefusedFails()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    HttpStreamClient client(tcpEndpoint(port));
    QSignalSpy failed(&client, &HttpStreamClient::failed);
    client.get("/_ping", {});
    QTRY_COMPARE(failed.size(), 1);
    QVERIFY(!failed.first().first().toString().isEmpty());
}

void TestDockerLogSource::abortInsideBodyHandlerEndsTheResponse()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    connect(&server, &QTcpServer::newConnection, this, [&server] {
        QTcpSocket *socket = server.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket] {
            socket->readAll();
            socket->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n");
        });
    });
    HttpStreamClient client(tcpEndpoint(server.serverPort()));
    QSignalSpy finished(&client, &HttpStreamClient::finished);
    QSignalSpy failed(&client, &HttpStreamClient::failed);
    QList<QByteArray> pieces;
    client.get("/x", [&](QByteArrayView data) {
        pieces.append(data.toByteArray());
        client.abort();
    });
    QTRY_COMPARE(pieces.size(), 1);
    QTest::qWait(100);
    QCOMPARE(pieces, QList<QByteArray> { "hello" });
    QCOMPARE(finished.size(), 0);
    QCOMPARE(failed.size(), 0);
    QVERIFY(!client.isActive());
}

void TestDockerLogSource::reconnectsWithoutLossOrDuplicates_data()
{
    QTest::addColumn<bool>("wholeSeconds");
    QTest::addColumn<int>("chunkCut");
    QTest::newRow("docker nanoseconds") << false << 7;
    QTest::newRow("podman whole seconds") << true << 7;
    QTest::newRow("podman, large chunks") << true << 4096;
    QTest::newRow("docker, byte chunks") << false << 1;
}

void TestDockerLogSource::reconnectsWithoutLossOrDuplicates()
{
    QFETCH(bool, wholeSeconds);
    QFETCH(int, chunkCut);
    FakeDockerEngine engine;
    engine.wholeSecondTimestamps = wholeSeconds;
    engine.chunkCut = chunkCut;
    // Ten lines per second, and the same text several times within one second:
    // only counting, not a set, tells a repeat from a replay.
    const qint64 base = 1795550491000000000LL;
    QList<FakeDockerEngine::Line> all;
    for (int i = 0; i < 60; ++i) {
        const QByteArray text = i % 3 == 0 ? QByteArray("tick") : "line " + QByteArray::number(i);
        all.append({ base + i * 100000000LL + 7, i % 4 == 0 ? LogStream::Stderr : LogStream::Stdout, text });
    }
    engine.addContainer(
        { QStringLiteral("c1"), QStringLiteral("app_web_1"), QStringLiteral("app0000042"), false, all.mid(0, 20) });

    DockerLogSource source(tcpEndpoint(engine.port()), fastOptions(QStringLiteral("app0000042")));
    Collector collector;
    collector.attach(&source);
    QSignalSpy reconnecting(&source, &LogSource::reconnecting);
    source.start();
    QTRY_COMPARE(collector.lines.size(), 20);
    QTRY_COMPARE(engine.openFollowers(), 1);

    for (int i = 20; i < 35; ++i)
        engine.appendLine(0, all.at(i));
    QTRY_COMPARE(collector.lines.size(), 35);
    // Line 35 is cut after half its frame; 36.. are written while disconnected.
    engine.dropFollowersMidFrame(0, all.at(35));
    for (int i = 36; i < 45; ++i)
        engine.appendLine(0, all.at(i));
    QTRY_VERIFY(reconnecting.size() >= 1);
    QTRY_COMPARE(engine.openFollowers(), 1);
    for (int i = 45; i < 60; ++i)
        engine.appendLine(0, all.at(i));
    QTRY_COMPARE(collector.lines.size(), 60);
    QTest::qWait(300); // nothing more may arrive (no duplicates later either)
    QCOMPARE(collector.lines.size(), 60);
    for (int i = 0; i < 60; ++i) {
        QCOMPARE(collector.lines.at(i).text, all.at(i).text);
        QCOMPARE(collector.lines.at(i).stream, all.at(i).stream);
        QCOMPARE(collector.lines.at(i).source, QStringLiteral("app_web_1"));
        const qint64 expectedTime
            = wholeSeconds ? all.at(i).timeNs - all.at(i).timeNs % 1000000000LL : all.at(i).timeNs;
        QCOMPARE(collector.lines.at(i).timeNs, expectedTime);
    }
    // The reconnect asked from the last timestamp on, not for the tail again.
    const QByteArray lastLogs = [&] {
        QByteArray last;
        for (const QByteArray &r : std::as_const(engine.requests))
            if (r.contains("/logs?"))
                last = r;
        return last;
    }();
    QVERIFY2(lastLogs.contains("since="), lastLogs.constData());
    QVERIFY(!lastLogs.contains("tail="));
}

void TestDockerLogSource::ttyContainerIsRaw()
{
    FakeDockerEngine engine;
    engine.addContainer({ QStringLiteral("t1"),
                          QStringLiteral("shell"),
                          QStringLiteral("p"),
                          true,
                          { { 1795550491000000000LL, LogStream::Stdout, "prompt$ ls" } } });
    DockerLogSource source(tcpEndpoint(engine.port()), fastOptions(QStringLiteral("p")));
    Collector collector;
    collector.attach(&source);
    source.start();
    QTRY_COMPARE(collector.lines.size(), 1);
    QCOMPARE(collector.lines.first().text, QByteArray("prompt$ ls"));
}

void TestDockerLogSource::streamEndIsReported()
{
    FakeDockerEngine engine;
    engine.addContainer({ QStringLiteral("c1"),
                          QStringLiteral("web"),
                          QStringLiteral("p"),
                          false,
                          { { 1795550491000000000LL, LogStream::Stdout, "bye" } } });
    DockerLogSource source(tcpEndpoint(engine.port()), fastOptions(QStringLiteral("p")));
    QSignalSpy ended(&source, &LogSource::streamEnded);
    QSignalSpy reconnecting(&source, &LogSource::reconnecting);
    Collector collector;
    collector.attach(&source);
    qsizetype shownAtTheEnd = -1; // the last lines come before the news that there are no more
    connect(&source, &LogSource::streamEnded, this, [&] { shownAtTheEnd = collector.lines.size(); });
    source.start();
    QTRY_COMPARE(engine.openFollowers(), 1);
    engine.endFollowStreams();
    QTRY_COMPARE(ended.size(), 1);
    QCOMPARE(ended.first().first().toString(), QStringLiteral("web"));
    QCOMPARE(reconnecting.size(), 0);
    QCOMPARE(collector.lines.size(), 1);
    QCOMPARE(shownAtTheEnd, 1);
}

// podman ends the follow of a stopped container with a long log before the
// end of the log (podman issue 21914): the console reads on from where the
// follow ended, so every line is shown once, and only then says it ended.
void TestDockerLogSource::followEndingBeforeTheLogEndsIsCaughtUp()
{
    FakeDockerEngine engine;
    engine.wholeSecondTimestamps = true; // as podman: the catch-up starts a second early
    engine.stoppedFollowEndsAfter = 37;
    FakeDockerEngine::Container web { QStringLiteral("c1"), QStringLiteral("web"), QStringLiteral("p"), false, {} };
    web.running = false;
    QList<QByteArray> expected;
    for (int i = 0; i < 100; ++i) {
        // Ten lines a second, and the same text twice in a second now and then.
        const QByteArray text = i % 10 == 3 ? QByteArray("again") : "line " + QByteArray::number(i);
        web.lines.append(
            { 1795550491000000000LL + qint64(i / 10) * 1000000000LL + (i % 10) * 1000, LogStream::Stdout, text });
        expected.append(text);
    }
    engine.addContainer(web);
    DockerLogSource source(tcpEndpoint(engine.port()), fastOptions(QStringLiteral("p")));
    QSignalSpy ended(&source, &LogSource::streamEnded);
    Collector collector;
    collector.attach(&source);
    qsizetype shownAtTheEnd = -1; // the last lines come before the news that there are no more
    connect(&source, &LogSource::streamEnded, this, [&] { shownAtTheEnd = collector.lines.size(); });
    source.start();
    QTRY_COMPARE(ended.size(), 1);
    QCOMPARE(shownAtTheEnd, expected.size());
    QTest::qWait(300);
    QCOMPARE(collector.texts(), expected);
    QCOMPARE(ended.size(), 1);
}

// The follow of a stopped container goes silent with its connection open
// (podman did, with a gigabyte's log), and the engine then takes several
// rescans to answer a reading from the last second shown (podman reads the
// file from its start to find since=). The console opens the reading again
// and waits longer each time, until the rest comes: a fresh-clone CI run
// once gave each reading up before podman could answer, for 14 minutes.
void TestDockerLogSource::silentFollowOfAStoppedContainerIsReadAgain()
{
    FakeDockerEngine engine;
    engine.wholeSecondTimestamps = true;
    engine.stoppedFollowHangsAfter = 37;
    DockerLogOptions options = fastOptions(QStringLiteral("p"));
    engine.sinceAnswerDelayMs = 5 * options.rescanIntervalMs;
    FakeDockerEngine::Container web { QStringLiteral("c1"), QStringLiteral("web"), QStringLiteral("p"), false, {} };
    web.running = false;
    QList<QByteArray> expected;
    for (int i = 0; i < 100; ++i) {
        const QByteArray text = "line " + QByteArray::number(i);
        web.lines.append({ 1795550491000000000LL + qint64(i / 10) * 1000000000LL, LogStream::Stdout, text });
        expected.append(text);
    }
    engine.addContainer(web);
    DockerLogSource source(tcpEndpoint(engine.port()), options);
    QSignalSpy ended(&source, &LogSource::streamEnded);
    QSignalSpy reconnecting(&source, &LogSource::reconnecting);
    Collector collector;
    collector.attach(&source);
    source.start();
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 60000);
    QCOMPARE(collector.texts(), expected);
    QVERIFY(reconnecting.size() >= 1);
    QVERIFY2(reconnecting.first().at(1).toString().contains(QLatin1String("stopped answering")),
             qPrintable(reconnecting.first().at(1).toString()));
}

void TestDockerLogSource::partialMessagesMakeOneLine_data()
{
    QTest::addColumn<int>("partBytes");
    QTest::addColumn<int>("chunkCut");
    QTest::newRow("parts of 100, cut every 7 bytes") << 100 << 7;   // timestamps cut across reads
    QTest::newRow("parts of 1000, cut every 4096") << 1000 << 4096; // whole frames per read
    QTest::newRow("parts of 3, cut every 1 byte") << 3 << 1;
}

// An engine sends a long line as several messages, each with its own
// timestamp (Docker at 16 KiB, podman where conmon's buffer ends): the line is
// shown whole, with no timestamp inside it; text that only looks like a
// timestamp, inside a line or at a part's start, is kept.
void TestDockerLogSource::partialMessagesMakeOneLine()
{
    QFETCH(int, partBytes);
    QFETCH(int, chunkCut);
    FakeDockerEngine engine;
    engine.partialMessageBytes = partBytes;
    engine.chunkCut = chunkCut;
    const qint64 t = 1795550491000000000LL;
    QByteArray longLine;
    for (int i = 0; longLine.size() < 2500; ++i)
        longLine += "word" + QByteArray::number(i) + ' ';
    // The second part starts with text shaped like a timestamp.
    const QByteArray lookalike = QByteArray("x").repeated(partBytes) + "2026-11-24T20:01:31Z not a stamp";
    FakeDockerEngine::Container web { QStringLiteral("c1"), QStringLiteral("web"), QStringLiteral("p"), false, {} };
    web.lines = { { t, LogStream::Stdout, "short" },
                  { t + 1000, LogStream::Stdout, longLine },
                  { t + 2000, LogStream::Stderr, longLine + "err" },
                  { t + 3000, LogStream::Stdout, lookalike },
                  { t + 4000, LogStream::Stdout, "after" } };
    engine.addContainer(web);
    DockerLogSource source(tcpEndpoint(engine.port()), fastOptions(QStringLiteral("p")));
    Collector collector;
    collector.attach(&source);
    source.start();
    QTRY_COMPARE(collector.lines.size(), 5);
    QCOMPARE(collector.texts(), (QList<QByteArray> { "short", longLine, longLine + "err", lookalike, "after" }));
    QCOMPARE(collector.lines.at(1).timeNs, t + 1000);
    QCOMPARE(collector.lines.at(2).stream, LogStream::Stderr);
}

void TestDockerLogSource::restartedContainerIsFollowedAgain()
{
    FakeDockerEngine engine;
    engine.wholeSecondTimestamps = true;
    FakeDockerEngine::Container web { QStringLiteral("c1"), QStringLiteral("web"), QStringLiteral("p"), false, {} };
    for (int i = 0; i < 5; ++i)
        web.lines.append({ 1795550491000000000LL + i * 1000, LogStream::Stdout, "before " + QByteArray::number(i) });
    engine.addContainer(web);
    DockerLogSource source(tcpEndpoint(engine.port()), fastOptions(QStringLiteral("p")));
    QSignalSpy ended(&source, &LogSource::streamEnded);
    Collector collector;
    collector.attach(&source);
    source.start();
    QTRY_COMPARE(collector.lines.size(), 5);
    engine.setRunning(0, false);
    engine.endFollowStreams();
    QTRY_COMPARE(ended.size(), 1);
    QTest::qWait(700); // a rescan sees it stopped: no new follow
    QCOMPARE(engine.openFollowers(), 0);
    engine.setRunning(0, true);
    engine.appendLine(0, { 1795550491000000000LL + 9000, LogStream::Stdout, "after restart" });
    QTRY_COMPARE(engine.openFollowers(), 1);
    QTRY_COMPARE(collector.lines.size(), 6);
    QTest::qWait(200);
    QCOMPARE(collector.texts(),
             (QList<QByteArray> { "before 0", "before 1", "before 2", "before 3", "before 4", "after restart" }));
}

void TestDockerLogSource::containersAreMergedByTime()
{
    FakeDockerEngine engine;
    const qint64 now = QDateTime::currentMSecsSinceEpoch() * 1000000LL;
    FakeDockerEngine::Container a { QStringLiteral("a"), QStringLiteral("app_php_1"), QStringLiteral("p"), false, {} };
    FakeDockerEngine::Container b { QStringLiteral("b"), QStringLiteral("app_web_1"), QStringLiteral("p"), false, {} };
    for (int i = 0; i < 10; ++i)
        (i % 2 ? a : b).lines.append({ now - 100000000LL + i * 1000, LogStream::Stdout, QByteArray::number(i) });
    engine.addContainer(a);
    engine.addContainer(b);
    DockerLogOptions options = fastOptions(QStringLiteral("p"));
    options.mergeHoldbackMs = 400;
    DockerLogSource source(tcpEndpoint(engine.port()), options);
    QSignalSpy sources(&source, &LogSource::sourcesChanged);
    Collector collector;
    collector.attach(&source);
    source.start();
    QTRY_COMPARE(collector.lines.size(), 10);
    for (int i = 0; i < 10; ++i)
        QCOMPARE(collector.lines.at(i).text, QByteArray::number(i));
    QVERIFY(sources.size() >= 1);
    QCOMPARE(sources.last().first().toStringList(),
             (QStringList { QStringLiteral("app_php_1"), QStringLiteral("app_web_1") }));
}

void TestDockerLogSource::onlyTheProjectsContainers()
{
    FakeDockerEngine engine;
    engine.addContainer({ QStringLiteral("x"),
                          QStringLiteral("other"),
                          QStringLiteral("app0000001"),
                          false,
                          { { 1795550491000000000LL, LogStream::Stdout, "not mine" } } });
    engine.addContainer({ QStringLiteral("y"),
                          QStringLiteral("mine"),
                          QStringLiteral("app0000002"),
                          false,
                          { { 1795550491000000000LL, LogStream::Stdout, "mine" } } });
    DockerLogSource source(tcpEndpoint(engine.port()), fastOptions(QStringLiteral("app0000002")));
    Collector collector;
    collector.attach(&source);
    source.start();
    QTRY_COMPARE(collector.lines.size(), 1);
    QTest::qWait(200);
    QCOMPARE(collector.texts(), QList<QByteArray> { "mine" });
}

QTEST_GUILESS_MAIN(TestDockerLogSource)
#include "tst_dockerlogsource.moc"
