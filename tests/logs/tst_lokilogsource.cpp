// LokiLogSource against a small emulator of Loki's documented HTTP API:
// query_range (paged, forward) and the tail WebSocket on the same port.
#include "core/logs/applogsourcefactory.h"
#include "core/logs/lokilogsource.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace Dockmaster;

namespace {

struct Entry {
    qint64 timeNs;
    QString container;
    QString line;
};

QJsonArray streamsOf(const QList<Entry> &entries)
{
    QJsonArray streams;
    for (const Entry &e : entries) {
        streams.append(QJsonObject {
            { QStringLiteral("stream"), QJsonObject { { QStringLiteral("container"), e.container } } },
            { QStringLiteral("values"), QJsonArray { QJsonArray { QString::number(e.timeNs), e.line } } } });
    }
    return streams;
}

class FakeLoki : public QObject
{
public:
    QList<Entry> history;
    QList<QByteArray> tenants;
    QList<QUrlQuery> rangeQueries;
    QList<QUrlQuery> tailQueries;
    QList<QWebSocket *> tails;

    FakeLoki()
        : m_ws(QStringLiteral("fake-loki"), QWebSocketServer::NonSecureMode)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onData(socket); });
        });
        connect(&m_ws, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket *socket = m_ws.nextPendingConnection()) {
                socket->setParent(this);
                tailQueries.append(QUrlQuery(socket->requestUrl()));
                tenants.append(socket->request().rawHeader("X-Scope-OrgID"));
                tails.append(socket);
            }
        });
    }
    quint16 port() const { return m_server.serverPort(); }

private:
    void onData(QTcpSocket *socket)
    {
        const QByteArray head = socket->peek(8192);
        if (!head.contains("\r\n\r\n"))
            return;
        const QByteArray target = head.left(head.indexOf("\r\n")).split(' ').value(1);
        if (target.startsWith("/loki/api/v1/tail")) {
            socket->disconnect(this);
            m_ws.handleConnection(socket);
            return;
        }
        socket->read(head.indexOf("\r\n\r\n") + 4);
        for (const QByteArray &headerLine : head.split('\n')) {
            if (headerLine.toLower().startsWith("x-scope-orgid:"))
                tenants.append(headerLine.mid(14).trimmed());
        }
        const QUrlQuery query(QUrl(QStringLiteral("http://x") + QString::fromLatin1(target)));
        rangeQueries.append(query);
        const qint64 start = query.queryItemValue(QStringLiteral("start")).toLongLong();
        const qint64 end = query.queryItemValue(QStringLiteral("end")).toLongLong();
        const int limit = query.queryItemValue(QStringLiteral("limit")).toInt();
        QList<Entry> page;
        for (const Entry &e : std::as_const(history)) {
            if (e.timeNs >= start && e.timeNs < end && page.size() < limit)
                page.append(e);
        }
        const QByteArray body
            = QJsonDocument(QJsonObject { { QStringLiteral("status"), QStringLiteral("success") },
                                          { QStringLiteral("data"),
                                            QJsonObject { { QStringLiteral("resultType"), QStringLiteral("streams") },
                                                          { QStringLiteral("result"), streamsOf(page) } } } })
                  .toJson(QJsonDocument::Compact);
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                      + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    }

    QTcpServer m_server;
    QWebSocketServer m_ws;
};

} // namespace

class TestLokiLogSource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void historyThenTail();
    void appHistoryAsksForTheAppsRangeOnly();
};

void TestLokiLogSource::historyThenTail()
{
    FakeLoki loki;
    const qint64 t0 = 1795550491000000000LL;
    for (int i = 0; i < 7; ++i)
        loki.history.append(
            { t0 + i, i % 2 ? QStringLiteral("php") : QStringLiteral("web"), QStringLiteral("h%1").arg(i) });

    LokiLogOptions options;
    options.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(loki.port()));
    options.query = QStringLiteral("{compose_project=\"app0000042\"}");
    options.tenant = QStringLiteral("platform");
    options.historyStartNs = t0;
    options.historyEndNs = t0 + 1000;
    options.pageLimit = 3;
    options.reconnectInitialMs = 50;
    LokiLogSource source(options);
    QStringList lines;
    QStringList sources;
    connect(&source, &LogSource::linesAvailable, this, [&](const LogBatch &batch) {
        for (const LogBatchLine &line : batch.lines) {
            lines.append(QString::fromUtf8(batch.lineText(line)));
            sources.append(batch.sources.value(line.source));
        }
    });
    QSignalSpy dropped(&source, &LogSource::droppedByServer);
    source.start();

    QTRY_COMPARE(lines.size(), 7);
    QCOMPARE(lines,
             (QStringList { QStringLiteral("h0"), QStringLiteral("h1"), QStringLiteral("h2"), QStringLiteral("h3"),
                            QStringLiteral("h4"), QStringLiteral("h5"), QStringLiteral("h6") }));
    QCOMPARE(sources.at(1), QStringLiteral("php"));
    QCOMPARE(loki.rangeQueries.size(), 3); // pages of 3, 3, 1
    QCOMPARE(loki.rangeQueries.at(1).queryItemValue(QStringLiteral("start")), QString::number(t0 + 3));
    QCOMPARE(loki.rangeQueries.first().queryItemValue(QStringLiteral("direction")), QStringLiteral("forward"));

    QTRY_COMPARE(loki.tails.size(), 1);
    QCOMPARE(loki.tailQueries.first().queryItemValue(QStringLiteral("start")), QString::number(t0 + 7));
    QVERIFY(!loki.tenants.isEmpty());
    for (const QByteArray &tenant : std::as_const(loki.tenants))
        QCOMPARE(tenant, QByteArray("platform"));

    QJsonObject message { { QStringLiteral("streams"),
                            streamsOf({ { t0 + 10, QStringLiteral("web"), QStringLiteral("live1") } }) },
                          { QStringLiteral("dropped_entries"),
                            QJsonArray { QJsonObject { { QStringLiteral("labels"), QJsonObject {} },
                                                       { QStringLiteral("timestamp"), QString::number(t0 + 9) } },
                                         QJsonObject { { QStringLiteral("labels"), QJsonObject {} },
                                                       { QStringLiteral("timestamp"), QString::number(t0 + 8) } } } } };
    loki.tails.first()->sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson()));
    QTRY_COMPARE(lines.size(), 8);
    QCOMPARE(lines.last(), QStringLiteral("live1"));
    QTRY_COMPARE(dropped.size(), 1);
    QCOMPARE(dropped.first().first().toLongLong(), 2);

    // A dropped tail reconnects from the last line; a repeat of it is not shown twice.
    loki.tails.first()->close();
    QTRY_COMPARE(loki.tails.size(), 2);
    QCOMPARE(loki.tailQueries.last().queryItemValue(QStringLiteral("start")), QString::number(t0 + 11));
    loki.tails.last()->sendTextMessage(QString::fromUtf8(
        QJsonDocument(QJsonObject { { QStringLiteral("streams"),
                                      streamsOf({ { t0 + 10, QStringLiteral("web"), QStringLiteral("live1") },
                                                  { t0 + 12, QStringLiteral("php"), QStringLiteral("live2") } }) } })
            .toJson()));
    QTRY_COMPARE(lines.size(), 9);
    QCOMPARE(lines.last(), QStringLiteral("live2"));
    source.stop();
}

// "Search log history" on an app: the app's compose project, the chosen range,
// the profile's tenant, and no live tail unless asked for.
void TestLokiLogSource::appHistoryAsksForTheAppsRangeOnly()
{
    FakeLoki loki;
    const QDateTime from(QDate(2026, 11, 24), QTime(10, 0), QTimeZone::UTC);
    const qint64 fromNs = from.toMSecsSinceEpoch() * 1000000LL;
    loki.history.append({ fromNs + 5, QStringLiteral("web"), QStringLiteral("old line") });
    AppLogSourceFactory factory;
    AppRecord app;
    app.id = QStringLiteral("app0000042");
    QString error;
    QVERIFY(!factory.createHistory(app, Environment::Production, from, from.addSecs(600), false, &error));
    QVERIFY(error.contains(QStringLiteral("Loki")));
    factory.setLoki(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(loki.port())), QStringLiteral("platform"));
    QVERIFY(!factory.createHistory(app, Environment::Production, from, from, false, &error)); // empty range

    AppRecord hostile = app;
    hostile.id = QStringLiteral("app0000042\"} or {job=~\".+");
    QVERIFY(!factory.createHistory(hostile, Environment::Production, from, from.addSecs(600), false, &error));

    std::unique_ptr<LogSource> source
        = factory.createHistory(app, Environment::Production, from, from.addSecs(600), false, &error);
    QVERIFY2(source, qPrintable(error));
    QStringList lines;
    connect(source.get(), &LogSource::linesAvailable, this, [&](const LogBatch &batch) {
        for (const LogBatchLine &line : batch.lines)
            lines.append(QString::fromUtf8(batch.lineText(line)));
    });
    source->start();
    QTRY_COMPARE(lines, QStringList { QStringLiteral("old line") });
    QCOMPARE(loki.rangeQueries.first().queryItemValue(QStringLiteral("query"), QUrl::FullyDecoded),
             QStringLiteral("{compose_project=\"app0000042-production\"}"));
    QCOMPARE(loki.rangeQueries.first().queryItemValue(QStringLiteral("start")), QString::number(fromNs));
    QCOMPARE(loki.tenants.first(), QByteArray("platform"));
    QTest::qWait(300);
    QVERIFY(loki.tailQueries.isEmpty());
    source->stop();
}

QTEST_GUILESS_MAIN(TestLokiLogSource)
#include "tst_lokilogsource.moc"
