#include "core/logs/lokilogsource.h"

#include "core/logs/loglineparse.h"
#include "core/logs/lokilogworker.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>
#include <QWebSocket>

#include <algorithm>
#include <utility>

namespace Dockmaster {

LokiLogSource::LokiLogSource(const LokiLogOptions &options, QObject *parent)
    : LogSource(parent)
    , m_options(options)
{
}

LokiLogSource::~LokiLogSource()
{
    stop();
}

LogWorker *LokiLogSource::createWorker()
{
    return new LokiLogWorker(m_options);
}

LokiLogWorker::LokiLogWorker(const LokiLogOptions &options)
    : m_options(options)
    , m_retryTimer(this)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &LokiLogWorker::openTail);
}

LokiLogWorker::~LokiLogWorker() = default;

QUrl LokiLogWorker::endpoint(const QString &path) const
{
    QUrl url = m_options.baseUrl;
    QString base = url.path();
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + path);
    return url;
}

void LokiLogWorker::start()
{
    m_network = new QNetworkAccessManager(this);
    const qint64 nowNs = QDateTime::currentMSecsSinceEpoch() * 1000000LL;
    m_endNs = m_options.historyEndNs >= 0 ? m_options.historyEndNs : nowNs;
    const qint64 startNs = m_options.historyStartNs >= 0 ? m_options.historyStartNs : nowNs - 3600LL * 1000000000LL;
    fetchPage(startNs);
}

void LokiLogWorker::stop()
{
    m_stopped = true;
    m_retryTimer.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void LokiLogWorker::resumeReading()
{
    m_readingPaused = false;
    if (m_pageWhenResumed >= 0)
        fetchPage(std::exchange(m_pageWhenResumed, -1));
}

qint64 LokiLogWorker::appendStreams(const QJsonArray &streams, const QStringList &sourceLabels, LogBatch *batch)
{
    struct Entry {
        qint64 timeNs;
        int source;
        QByteArray line;
    };
    std::vector<Entry> entries;
    for (const QJsonValue &streamValue : streams) {
        const QJsonObject stream = streamValue.toObject();
        const QJsonObject labels = stream.value(QStringLiteral("stream")).toObject();
        QString name;
        for (const QString &label : sourceLabels) {
            name = labels.value(label).toString();
            if (!name.isEmpty())
                break;
        }
        if (name.isEmpty())
            name = QString::fromUtf8(QJsonDocument(labels).toJson(QJsonDocument::Compact));
        const int source = batch->sourceIndex(name);
        for (const QJsonValue &value : stream.value(QStringLiteral("values")).toArray()) {
            const QJsonArray pair = value.toArray();
            bool ok = false;
            const qint64 timeNs = pair.at(0).toString().toLongLong(&ok);
            if (!ok)
                continue;
            entries.push_back({ timeNs, source, pair.at(1).toString().toUtf8() });
        }
    }
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry &a, const Entry &b) { return a.timeNs < b.timeNs; });
    qint64 newest = -1;
    for (const Entry &e : entries) {
        QByteArrayView line(e.line);
        if (line.endsWith('\n'))
            line.chop(1);
        // Loki keeps no stdout/stderr split unless a label says so.
        batch->append(e.source, e.timeNs, LogStream::Stdout, detectLogLevel(line), line);
        newest = qMax(newest, e.timeNs);
    }
    return newest;
}

void LokiLogWorker::fetchPage(qint64 startNs)
{
    if (m_stopped)
        return;
    QUrl url = endpoint(QStringLiteral("/loki/api/v1/query_range"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("query"), m_options.query);
    query.addQueryItem(QStringLiteral("start"), QString::number(startNs));
    query.addQueryItem(QStringLiteral("end"), QString::number(m_endNs));
    query.addQueryItem(QStringLiteral("limit"), QString::number(m_options.pageLimit));
    query.addQueryItem(QStringLiteral("direction"), QStringLiteral("forward"));
    url.setQuery(query);
    QNetworkRequest request(url);
    if (!m_options.tenant.isEmpty())
        request.setRawHeader("X-Scope-OrgID", m_options.tenant.toUtf8());
    QNetworkReply *reply = m_network->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply, startNs] {
        reply->deleteLater();
        if (m_stopped)
            return;
        const QByteArray body = reply->readAll();
        if (reply->error() != QNetworkReply::NoError) {
            Q_EMIT failed(tr("Loki refused the history query: %1 %2")
                              .arg(reply->errorString(), QString::fromUtf8(body.left(300)).trimmed()));
            if (m_options.live)
                openTail();
            return;
        }
        const QJsonObject data = QJsonDocument::fromJson(body).object().value(QStringLiteral("data")).toObject();
        const QJsonArray result = data.value(QStringLiteral("result")).toArray();
        LogBatch batch;
        const qint64 newest = appendStreams(result, m_options.sourceLabels, &batch);
        const qsizetype count = batch.lines.size();
        if (!batch.isEmpty())
            postBatch(batch);
        if (newest >= 0)
            m_lastNs = qMax(m_lastNs, newest);
        // A full page means there may be more; continue after the newest entry.
        if (count >= m_options.pageLimit && newest >= startNs && newest + 1 < m_endNs) {
            if (m_readingPaused)
                m_pageWhenResumed = newest + 1;
            else
                fetchPage(newest + 1);
            return;
        }
        if (m_lastNs < 0)
            m_lastNs = m_endNs - 1;
        if (m_options.live)
            openTail();
    });
}

void LokiLogWorker::openTail()
{
    if (m_stopped)
        return;
    QUrl url = endpoint(QStringLiteral("/loki/api/v1/tail"));
    url.setScheme(m_options.baseUrl.scheme() == QLatin1String("https") ? QStringLiteral("wss") : QStringLiteral("ws"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("query"), m_options.query);
    query.addQueryItem(QStringLiteral("start"), QString::number(m_lastNs + 1));
    query.addQueryItem(QStringLiteral("limit"), QString::number(m_options.pageLimit));
    url.setQuery(query);
    QNetworkRequest request(url);
    if (!m_options.tenant.isEmpty())
        request.setRawHeader("X-Scope-OrgID", m_options.tenant.toUtf8());
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::connected, this, [this] {
        m_retryMs = 0;
        Q_EMIT statusChanged(tr("Following Loki live."));
    });
    connect(m_socket, &QWebSocket::textMessageReceived, this, &LokiLogWorker::onTailMessage);
    connect(m_socket, &QWebSocket::disconnected, this,
            [this] { scheduleTailReconnect(m_socket ? m_socket->closeReason() : QString()); });
    m_socket->open(request);
}

void LokiLogWorker::scheduleTailReconnect(const QString &reason)
{
    if (m_stopped || m_retryTimer.isActive())
        return;
    m_retryMs = m_retryMs == 0 ? m_options.reconnectInitialMs : qMin(m_retryMs * 2, m_options.reconnectMaxMs);
    Q_EMIT reconnecting(m_options.query, reason);
    m_retryTimer.start(m_retryMs);
}

void LokiLogWorker::onTailMessage(const QString &message)
{
    const QJsonObject object = QJsonDocument::fromJson(message.toUtf8()).object();
    LogBatch batch;
    const qint64 newest
        = appendStreams(object.value(QStringLiteral("streams")).toArray(), m_options.sourceLabels, &batch);
    // A reconnect asks from the last line on; entries at or before it are repeats.
    if (m_lastNs >= 0 && !batch.isEmpty()) {
        LogBatch fresh;
        fresh.sources = batch.sources;
        for (const LogBatchLine &line : std::as_const(batch.lines)) {
            if (line.timeNs > m_lastNs)
                fresh.append(line.source, line.timeNs, line.stream, line.level, batch.lineText(line));
        }
        batch = std::move(fresh);
    }
    if (newest > m_lastNs)
        m_lastNs = newest;
    if (!batch.isEmpty())
        postBatch(batch);
    const QJsonArray dropped = object.value(QStringLiteral("dropped_entries")).toArray();
    if (!dropped.isEmpty())
        Q_EMIT droppedByServer(dropped.size());
}

} // namespace Dockmaster
