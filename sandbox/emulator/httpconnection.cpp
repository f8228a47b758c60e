#include "sandbox/emulator/httpconnection.h"

#include <QTcpSocket>

namespace Dockmaster {

HttpConnection::HttpConnection(QTcpSocket *socket, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
{
    socket->setParent(this);
    connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, &HttpConnection::close);
}

HttpConnection::~HttpConnection() = default;

bool HttpConnection::isOpen() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void HttpConnection::onReadyRead()
{
    if (!m_socket)
        return;
    m_buffer += m_socket->readAll();
    parse();
}

void HttpConnection::parse()
{
    for (;;) {
        switch (m_state) {
        case State::Waiting:
            // A client may pipeline, but not without bound while we work.
            if (m_buffer.size() > MaxHeaderBytes + MaxBodyBytes && m_socket)
                m_socket->abort();
            return;
        case State::Headers: {
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end < 0) {
                if (m_buffer.size() > MaxHeaderBytes)
                    fail(431);
                return;
            }
            if (end > MaxHeaderBytes) {
                fail(431);
                return;
            }
            if (!parseHeaders(end))
                return;
            break;
        }
        case State::Body: {
            const qsizetype take = qMin(m_remaining, m_buffer.size());
            m_current.body += m_buffer.left(take);
            m_buffer.remove(0, take);
            m_remaining -= take;
            if (m_remaining > 0)
                return;
            finishRequest();
            break;
        }
        case State::ChunkSize: {
            const qsizetype eol = m_buffer.indexOf("\r\n");
            if (eol < 0) {
                if (m_buffer.size() > 1024)
                    fail(400);
                return;
            }
            QByteArray sizeText = m_buffer.left(eol);
            m_buffer.remove(0, eol + 2);
            const qsizetype semi = sizeText.indexOf(';');
            if (semi >= 0)
                sizeText.truncate(semi);
            bool ok = false;
            const qlonglong size = sizeText.trimmed().toLongLong(&ok, 16);
            if (!ok || size < 0 || m_current.body.size() + size > MaxBodyBytes) {
                fail(ok ? 413 : 400);
                return;
            }
            m_remaining = size;
            m_state = size == 0 ? State::ChunkTrailer : State::ChunkData;
            break;
        }
        case State::ChunkData: {
            // Chunk payload followed by CRLF.
            if (m_buffer.size() < m_remaining + 2)
                return;
            m_current.body += m_buffer.left(m_remaining);
            m_buffer.remove(0, m_remaining + 2);
            m_state = State::ChunkSize;
            break;
        }
        case State::ChunkTrailer: {
            const qsizetype eol = m_buffer.indexOf("\r\n");
            if (eol < 0)
                return;
            m_buffer.remove(0, eol + 2);
            if (eol == 0)
                finishRequest();
            break;
        }
        }
    }
}

bool HttpConnection::parseHeaders(qsizetype headerEnd)
{
    const QByteArray head = m_buffer.left(headerEnd);
    m_buffer.remove(0, headerEnd + 4);
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.")) {
        fail(400);
        return false;
    }
    m_current = HttpRequest();
    m_current.method = requestLine.at(0);
    m_current.target = requestLine.at(1);
    const qsizetype question = m_current.target.indexOf('?');
    m_current.rawPath = question < 0 ? m_current.target : m_current.target.left(question);
    m_current.rawQuery = question < 0 ? QByteArray() : m_current.target.mid(question + 1);
    if (!m_current.rawPath.startsWith('/')) {
        fail(400);
        return false;
    }
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            fail(400);
            return false;
        }
        m_current.headers.append({ line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed() });
    }
    const QByteArray connection = m_current.header("connection").toLower();
    m_keepAlive = requestLine.at(2) == "HTTP/1.1" ? !connection.contains("close") : connection.contains("keep-alive");

    if (m_current.header("expect").toLower() == "100-continue" && m_socket)
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");

    if (m_current.header("transfer-encoding").toLower().contains("chunked")) {
        m_state = State::ChunkSize;
        return true;
    }
    const QByteArray lengthText = m_current.header("content-length");
    bool ok = true;
    const qlonglong length = lengthText.isEmpty() ? 0 : lengthText.toLongLong(&ok);
    if (!ok || length < 0) {
        fail(400);
        return false;
    }
    if (length > MaxBodyBytes) {
        fail(413);
        return false;
    }
    m_remaining = length;
    m_state = State::Body;
    return true;
}

void HttpConnection::finishRequest()
{
    m_state = State::Waiting;
    Q_EMIT requestReady(m_current);
}

void HttpConnection::respond(const HttpResponse &response)
{
    if (!m_socket || m_state != State::Waiting)
        return;
    if (response.delivery == HttpResponse::Delivery::Dropped) {
        m_socket->abort();
        close();
        return;
    }
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' '
        + HttpResponse::reasonPhrase(response.status) + "\r\n";
    for (const auto &h : response.headers) {
        if (h.first.compare("content-length", Qt::CaseInsensitive) == 0
            || h.first.compare("connection", Qt::CaseInsensitive) == 0)
            continue;
        out += h.first + ": " + h.second + "\r\n";
    }
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    const bool truncated = response.delivery == HttpResponse::Delivery::Truncated;
    const bool stalled = response.delivery == HttpResponse::Delivery::Stalled;
    const bool keep = m_keepAlive && !truncated && !stalled;
    out += keep ? QByteArray("Connection: keep-alive\r\n") : QByteArray("Connection: close\r\n");
    out += "\r\n";
    if (m_current.method != "HEAD")
        out += truncated || stalled ? response.body.left(response.body.size() / 2) : response.body;
    m_socket->write(out);
    if (stalled) {
        // The rest never comes; the connection stays open until the client gives up.
        m_state = State::Waiting;
        return;
    }
    if (!keep) {
        m_socket->flush();
        m_socket->disconnectFromHost();
        m_state = State::Waiting;
        return;
    }
    m_state = State::Headers;
    m_current = HttpRequest();
    if (!m_buffer.isEmpty())
        parse();
}

void HttpConnection::fail(int status)
{
    if (!m_socket)
        return;
    m_state = State::Waiting;
    m_current.method = "GET";
    m_keepAlive = false;
    respond(HttpResponse::message(
        status, QString::number(status) + QLatin1Char(' ') + QString::fromLatin1(HttpResponse::reasonPhrase(status))));
}

void HttpConnection::close()
{
    if (m_closed)
        return;
    m_closed = true;
    m_buffer.clear();
    Q_EMIT closed();
}

} // namespace Dockmaster
