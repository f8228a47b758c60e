#include "sandbox/emulator/gitlabemulator.h"

#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Dockmaster;

// The emulator's HTTP/1.1 layer on a raw socket: keep-alive, pipelining,
// chunked bodies, and bounded, well-formed input.
class TestEmulatorHttp : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<GitLabEmulator> m_emulator;

    // Sends raw bytes and reads until `responses` complete responses arrived or the peer closed.
    QList<QByteArray> exchange(QTcpSocket &socket, const QByteArray &bytes, int responses)
    {
        socket.write(bytes);
        QByteArray data;
        QList<QByteArray> result;
        QElapsedTimer timer;
        timer.start();
        while (result.size() < responses && timer.elapsed() < 10000) {
            if (!socket.waitForReadyRead(200) && socket.state() != QAbstractSocket::ConnectedState)
                break;
            data += socket.readAll();
            for (;;) {
                const qsizetype end = data.indexOf("\r\n\r\n");
                if (end < 0)
                    break;
                const QByteArray head = data.left(end);
                const qsizetype lengthAt = head.toLower().indexOf("content-length: ");
                const qsizetype length = lengthAt < 0
                    ? 0
                    : head.mid(lengthAt + 16, head.indexOf("\r\n", lengthAt) - lengthAt - 16).toLongLong();
                if (data.size() < end + 4 + length)
                    break;
                result.append(data.left(end + 4 + length));
                data.remove(0, end + 4 + length);
            }
        }
        return result;
    }

    QByteArray get(const QByteArray &path, const QByteArray &extra = {})
    {
        return "GET " + path + " HTTP/1.1\r\nHost: x\r\nPRIVATE-TOKEN: " + QByteArray(GitLabEmulator::AdminToken)
            + "\r\n" + extra + "\r\n";
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_emulator = std::make_unique<GitLabEmulator>(m_dir.path());
        QVERIFY(m_emulator->start());
    }

    void cleanupTestCase() { m_emulator.reset(); }

    void keepAliveAndPipelining()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, quint16(m_emulator->baseUrl().port()));
        QVERIFY(socket.waitForConnected(5000));
        const QList<QByteArray> responses
            = exchange(socket, get("/api/v4/version") + get("/api/v4/user") + get("/api/v4/nothing"), 3);
        QCOMPARE(responses.size(), 3);
        QVERIFY(responses.at(0).startsWith("HTTP/1.1 200 OK\r\n"));
        QVERIFY(responses.at(0).contains("Connection: keep-alive"));
        QVERIFY(responses.at(1).contains("\"username\":\"root\""));
        QVERIFY(responses.at(2).startsWith("HTTP/1.1 404"));
        QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
    }

    void chunkedRequestBody()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, quint16(m_emulator->baseUrl().port()));
        QVERIFY(socket.waitForConnected(5000));
        const QByteArray body = "{\"name\":\"chunked\",\"path\":\"chunked\"}";
        const QByteArray request
            = "POST /api/v4/groups HTTP/1.1\r\nHost: x\r\nPRIVATE-TOKEN: " + QByteArray(GitLabEmulator::AdminToken)
            + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + QByteArray::number(10, 16)
            + "\r\n" + body.left(10) + "\r\n" + QByteArray::number(body.size() - 10, 16) + "\r\n" + body.mid(10)
            + "\r\n0\r\n\r\n";
        const QList<QByteArray> responses = exchange(socket, request, 1);
        QCOMPARE(responses.size(), 1);
        QVERIFY2(responses.first().startsWith("HTTP/1.1 201"), responses.first().constData());
    }

    void malformedInput_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QByteArray>("status");
        QTest::newRow("garbage request line") << QByteArray("HELLO\r\n\r\n") << QByteArray("400");
        QTest::newRow("no leading slash") << QByteArray("GET api/v4/version HTTP/1.1\r\n\r\n") << QByteArray("400");
        QTest::newRow("bad length") << QByteArray("POST /api/v4/groups HTTP/1.1\r\nContent-Length: -5\r\n\r\n")
                                    << QByteArray("400");
        QTest::newRow("header without colon")
            << QByteArray("GET /api/v4/version HTTP/1.1\r\nBroken\r\n\r\n") << QByteArray("400");
        QTest::newRow("huge headers") << QByteArray(
            "GET /api/v4/version HTTP/1.1\r\nX-Big: " + QByteArray(70 * 1024, 'a') + "\r\n\r\n")
                                      << QByteArray("431");
        QTest::newRow("body too large") << QByteArray(
            "POST /api/v4/groups HTTP/1.1\r\nContent-Length: 999999999999\r\n\r\n")
                                        << QByteArray("413");
    }

    void malformedInput()
    {
        QFETCH(QByteArray, request);
        QFETCH(QByteArray, status);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, quint16(m_emulator->baseUrl().port()));
        QVERIFY(socket.waitForConnected(5000));
        const QList<QByteArray> responses = exchange(socket, request, 1);
        QCOMPARE(responses.size(), 1);
        QVERIFY2(responses.first().startsWith(QByteArray("HTTP/1.1 " + status)),
                 responses.first().left(80).constData());
        QVERIFY(responses.first().contains("Connection: close"));
        // The server stays up for everyone else.
        QTcpSocket other;
        other.connectToHost(QHostAddress::LocalHost, quint16(m_emulator->baseUrl().port()));
        QVERIFY(other.waitForConnected(5000));
        QVERIFY(exchange(other, get("/api/v4/version"), 1).value(0).startsWith("HTTP/1.1 200"));
    }

    void expectContinue()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, quint16(m_emulator->baseUrl().port()));
        QVERIFY(socket.waitForConnected(5000));
        const QByteArray body = "{\"name\":\"later\",\"path\":\"later\"}";
        socket.write("POST /api/v4/groups HTTP/1.1\r\nHost: x\r\nPRIVATE-TOKEN: "
                     + QByteArray(GitLabEmulator::AdminToken)
                     + "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: "
                     + QByteArray::number(body.size()) + "\r\n\r\n");
        QVERIFY(socket.waitForReadyRead(5000));
        QVERIFY(socket.readAll().startsWith("HTTP/1.1 100 Continue"));
        const QList<QByteArray> responses = exchange(socket, body, 1);
        QCOMPARE(responses.size(), 1);
        QVERIFY(responses.first().startsWith("HTTP/1.1 201"));
    }
};

QTEST_GUILESS_MAIN(TestEmulatorHttp)
#include "tst_emulatorhttp.moc"
