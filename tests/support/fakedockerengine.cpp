#include "tests/support/fakedockerengine.h"

#include "core/logs/logtimestamp.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslServer>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

namespace Dockmaster::Test {

FakeDockerEngine::FakeDockerEngine(QObject *parent, const QSslConfiguration *tls)
    : QObject(parent)
{
    if (tls) {
        auto server = std::make_unique<QSslServer>();
        server->setSslConfiguration(*tls);
        m_server = std::move(server);
    } else {
        m_server = std::make_unique<QTcpServer>();
    }
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this, &FakeDockerEngine::onConnection);
    m_server->listen(QHostAddress::LocalHost, 0);
}

void FakeDockerEngine::onConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
            buffer->append(socket->readAll());
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QByteArray requestLine = buffer->left(buffer->indexOf("\r\n"));
            buffer->remove(0, end + 4);
            const QList<QByteArray> parts = requestLine.split(' ');
            if (parts.size() >= 2)
                handle(socket, parts.at(1));
        });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void FakeDockerEngine::respond(QTcpSocket *socket, int status, const QByteArray &body)
{
    socket->write("HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: application/json\r\nContent-Length: "
                  + QByteArray::number(body.size()) + "\r\n\r\n" + body);
}

QByteArray FakeDockerEngine::encode(const Container &container, const Line &line) const
{
    qint64 timeNs = line.timeNs;
    if (wholeSecondTimestamps)
        timeNs -= timeNs % 1000000000LL;
    const QByteArray stamp = formatRfc3339Nanos(timeNs) + ' ';
    if (container.tty)
        return stamp + line.text + '\n';
    // A long line goes as partial messages, one frame each, each with its timestamp.
    const qsizetype part = partialMessageBytes > 0 ? partialMessageBytes : line.text.size() + 1;
    QByteArray frames;
    const QByteArray text = line.text + '\n';
    for (qsizetype pos = 0; pos < text.size(); pos += part) {
        const QByteArray payload = stamp + text.mid(pos, part);
        QByteArray header(8, '\0');
        header[0] = char(line.stream);
        const auto size = quint32(payload.size());
        header[4] = char(size >> 24);
        header[5] = char(size >> 16);
        header[6] = char(size >> 8);
        header[7] = char(size);
        frames += header + payload;
    }
    return frames;
}

void FakeDockerEngine::sendChunked(QTcpSocket *socket, const QByteArray &data)
{
    for (qsizetype pos = 0; pos < data.size(); pos += chunkCut) {
        const QByteArray piece = data.mid(pos, chunkCut);
        socket->write(QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n");
    }
}

void FakeDockerEngine::handle(QTcpSocket *socket, const QByteArray &target)
{
    requests.append(target);
    const QUrl url(QString::fromLatin1("http://x") + QString::fromLatin1(target));
    const QUrlQuery query(url);
    const QStringList path = url.path().split(QLatin1Char('/'), Qt::SkipEmptyParts); // v1.41 containers ...
    if (path.size() == 3 && path.at(2) == QLatin1String("json")) {
        const QJsonObject filters
            = QJsonDocument::fromJson(query.queryItemValue(QStringLiteral("filters"), QUrl::FullyDecoded).toUtf8())
                  .object();
        const QString label = filters.value(QStringLiteral("label")).toArray().first().toString();
        QJsonArray list;
        for (const Container &c : std::as_const(m_containers)) {
            if (label != QStringLiteral("com.docker.compose.project=") + c.project)
                continue;
            list.append(QJsonObject {
                { QStringLiteral("Id"), c.id },
                { QStringLiteral("Names"), QJsonArray { QString(QStringLiteral("/") + c.name) } },
                { QStringLiteral("State"), c.running ? QStringLiteral("running") : QStringLiteral("exited") } });
        }
        respond(socket, 200, QJsonDocument(list).toJson(QJsonDocument::Compact));
        return;
    }
    int index = -1;
    for (int i = 0; i < m_containers.size() && path.size() >= 3; ++i) {
        if (m_containers.at(i).id == path.at(2))
            index = i;
    }
    if (index < 0) {
        respond(socket, 404, R"({"message":"no such container"})");
        return;
    }
    const Container &container = m_containers.at(index);
    if (path.size() == 4 && path.at(3) == QLatin1String("json")) {
        respond(socket, 200,
                QJsonDocument(QJsonObject { { QStringLiteral("Id"), container.id },
                                            { QStringLiteral("Config"),
                                              QJsonObject { { QStringLiteral("Tty"), container.tty } } } })
                    .toJson(QJsonDocument::Compact));
        return;
    }
    if (path.size() == 4 && path.at(3) == QLatin1String("logs")) {
        const bool since = query.hasQueryItem(QStringLiteral("since"));
        if (since && sinceAnswerDelayMs > 0) {
            QTimer::singleShot(sinceAnswerDelayMs, socket,
                               [this, socket, index, query] { answerLogs(socket, index, query); });
        } else {
            answerLogs(socket, index, query);
        }
        return;
    }
    respond(socket, 404, "{}");
}

void FakeDockerEngine::answerLogs(QTcpSocket *socket, int index, const QUrlQuery &query)
{
    const Container &container = m_containers.at(index);
    socket->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
    qint64 sinceNs = -1;
    if (query.hasQueryItem(QStringLiteral("since")))
        sinceNs = query.queryItemValue(QStringLiteral("since")).toLongLong() * 1000000000LL;
    const QString tail = query.queryItemValue(QStringLiteral("tail"));
    qsizetype first = 0;
    if (!tail.isEmpty() && tail != QLatin1String("all"))
        first = qMax<qsizetype>(0, container.lines.size() - tail.toInt());
    const bool follow = query.queryItemValue(QStringLiteral("follow")) == QLatin1String("1");
    const bool endsEarly = follow && !container.running && stoppedFollowEndsAfter >= 0;
    const bool hangs = follow && !container.running && stoppedFollowHangsAfter >= 0;
    QByteArray data;
    int sent = 0;
    for (qsizetype i = first; i < container.lines.size(); ++i) {
        if (sinceNs >= 0 && container.lines.at(i).timeNs < sinceNs)
            continue;
        if ((endsEarly && sent == stoppedFollowEndsAfter) || (hangs && sent == stoppedFollowHangsAfter))
            break;
        ++sent;
        data += encode(container, container.lines.at(i));
    }
    sendChunked(socket, data);
    if (hangs)
        return; // the connection stays open and silent
    // As Docker: without follow=1 the answer ends with what there is.
    if (follow && !endsEarly)
        m_followers.append({ socket, index });
    else
        socket->write("0\r\n\r\n");
}

void FakeDockerEngine::appendLine(int container, const Line &line)
{
    m_containers[container].lines.append(line);
    for (const Follower &f : std::as_const(m_followers)) {
        if (f.socket && f.container == container)
            sendChunked(f.socket, encode(m_containers.at(container), line));
    }
}

void FakeDockerEngine::dropFollowersMidFrame(int container, const Line &nextLine)
{
    const QByteArray frame = encode(m_containers.at(container), nextLine);
    for (const Follower &f : std::as_const(m_followers)) {
        if (!f.socket || f.container != container)
            continue;
        sendChunked(f.socket, frame.left(frame.size() / 2));
        f.socket->flush();
        f.socket->abort();
    }
    m_followers.clear();
    // The line exists in the engine: a reconnect must deliver it.
    m_containers[container].lines.append(nextLine);
}

void FakeDockerEngine::endFollowStreams()
{
    for (const Follower &f : std::as_const(m_followers)) {
        if (f.socket)
            f.socket->write("0\r\n\r\n");
    }
    m_followers.clear();
}

int FakeDockerEngine::openFollowers() const
{
    int count = 0;
    for (const Follower &f : m_followers)
        count += f.socket && f.socket->state() == QAbstractSocket::ConnectedState;
    return count;
}

} // namespace Dockmaster::Test
