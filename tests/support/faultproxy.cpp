#include "tests/support/faultproxy.h"

#include "sandbox/emulator/httpconnection.h"

#include <QLocalSocket>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace Dockmaster::Test {

namespace {

// Headers that describe one hop's connection, not the message.
bool hopByHop(const QByteArray &lowerName)
{
    return lowerName == "connection" || lowerName == "keep-alive" || lowerName == "proxy-connection"
        || lowerName == "content-length" || lowerName == "transfer-encoding";
}

// A response head with its Connection header set to close (the proxy ends
// each relayed answer by closing the client's connection).
QByteArray closingHead(QByteArrayView head)
{
    QByteArray out;
    const QList<QByteArray> lines = head.toByteArray().split('\n');
    for (const QByteArray &raw : lines) {
        const QByteArray line = raw.trimmed();
        if (line.isEmpty())
            continue;
        const QByteArray name = line.left(qMax<qsizetype>(0, line.indexOf(':'))).trimmed().toLower();
        if (name == "connection" || name == "keep-alive")
            continue;
        out += line + "\r\n";
    }
    return out + "Connection: close\r\n\r\n";
}

// The body of a chunked answer (trailers dropped); what there is when cut short.
QByteArray dechunked(QByteArrayView body)
{
    QByteArray out;
    while (!body.isEmpty()) {
        const qsizetype lineEnd = body.indexOf("\r\n");
        if (lineEnd < 0)
            break;
        bool ok = false;
        const qsizetype size = body.first(lineEnd).toByteArray().split(';').first().trimmed().toLongLong(&ok, 16);
        if (!ok || size == 0)
            break;
        body = body.sliced(lineEnd + 2);
        out += body.first(qMin(size, body.size()));
        body = body.sliced(qMin(size + 2, body.size()));
    }
    return out;
}

// A whole upstream answer as the emulator's HttpResponse, so a fault can reshape it.
std::optional<HttpResponse> parsedResponse(const QByteArray &raw)
{
    const qsizetype headEnd = raw.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return std::nullopt;
    const QList<QByteArray> lines = raw.first(headEnd).split('\n');
    const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
    HttpResponse response;
    response.status = statusLine.value(1).toInt();
    bool chunked = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon < 0)
            continue;
        const QByteArray name = lines[i].first(colon).trimmed().toLower();
        const QByteArray value = lines[i].sliced(colon + 1).trimmed();
        if (name == "transfer-encoding")
            chunked = value.toLower().contains("chunked");
        if (!hopByHop(name))
            response.headers.append({ lines[i].first(colon).trimmed(), value });
    }
    const QByteArrayView body = QByteArrayView(raw).sliced(headEnd + 4);
    response.body = chunked ? dechunked(body) : body.toByteArray();
    return response;
}

} // namespace

// One request: the fault's own answer, or the upstream's, relayed or reshaped.
// A child of the client's connection, so it ends (and closes the upstream)
// when the client hangs up.
class FaultProxy::Exchange final : public QObject
{
public:
    Exchange(const FaultProxy &proxy, HttpConnection *connection, QTcpSocket *client, HttpRequest request,
             std::optional<EmulatorFault> fault)
        : QObject(connection)
        , m_connection(connection)
        , m_client(client)
        , m_request(std::move(request))
        , m_fault(std::move(fault))
        , m_upstreamHost(proxy.m_upstreamHost)
        , m_upstreamPort(proxy.m_upstreamPort)
        , m_upstreamSocket(proxy.m_upstreamSocket)
    {
    }

    void start()
    {
        int delayMs = 0;
        if (m_fault) {
            if (const std::optional<HttpResponse> instead = m_fault->answerInstead(m_request)) {
                respond(*instead);
                return;
            }
            switch (m_fault->kind) {
            case EmulatorFault::Kind::BeforeAnswer:
                if (m_fault->beforeAnswer)
                    m_fault->beforeAnswer();
                break;
            case EmulatorFault::Kind::Delay:
                delayMs = m_fault->delayMs;
                break;
            case EmulatorFault::Kind::TruncatedBody:
            case EmulatorFault::Kind::Stall:
                m_mode = Mode::Cut;
                break;
            case EmulatorFault::Kind::MalformedJson:
            case EmulatorFault::Kind::TruncatedJson:
            case EmulatorFault::Kind::WrongShapeJson:
            case EmulatorFault::Kind::HugeBody:
            case EmulatorFault::Kind::LinkLoop:
                m_mode = Mode::Reshape;
                break;
            default:
                break;
            }
        }
        QTimer::singleShot(delayMs, this, &Exchange::connectUpstream);
    }

private:
    enum class Mode {
        Relay,   // the upstream's answer as it comes
        Cut,     // the head and part of the body, then closed or left hanging
        Reshape, // the whole answer, changed by the fault
    };

    template<typename Socket> void wire(Socket *socket)
    {
        m_upstream = socket;
        connect(socket, &Socket::connected, this, &Exchange::sendRequest);
        connect(socket, &Socket::readyRead, this, [this] { onData(m_upstream->readAll()); });
        connect(socket, &Socket::disconnected, this, &Exchange::onEnd);
        connect(socket, &Socket::errorOccurred, this, &Exchange::onEnd);
    }

    void connectUpstream()
    {
        if (!m_upstreamSocket.isEmpty()) {
            auto *socket = new QLocalSocket(this);
            wire(socket);
            socket->connectToServer(m_upstreamSocket);
        } else {
            auto *socket = new QTcpSocket(this);
            wire(socket);
            socket->connectToHost(m_upstreamHost, m_upstreamPort);
        }
    }

    void sendRequest()
    {
        m_connected = true;
        QByteArray out = m_request.method + ' ' + m_request.target + " HTTP/1.1\r\n";
        for (const auto &[name, value] : std::as_const(m_request.headers)) {
            if (!hopByHop(name))
                out += name + ": " + value + "\r\n";
        }
        if (!m_request.body.isEmpty() || (m_request.method != "GET" && m_request.method != "HEAD"))
            out += "Content-Length: " + QByteArray::number(m_request.body.size()) + "\r\n";
        out += "Connection: close\r\n\r\n" + m_request.body;
        m_upstream->write(out);
    }

    void onData(const QByteArray &data)
    {
        if (m_finished || !m_client)
            return;
        if (m_headSent) {
            m_client->write(data);
            return;
        }
        m_buffer += data;
        const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
        if (m_mode == Mode::Reshape || headEnd < 0)
            return;
        const QByteArray head = closingHead(QByteArrayView(m_buffer).first(headEnd));
        const QByteArray body = m_buffer.sliced(headEnd + 4);
        if (m_mode == Mode::Relay) {
            m_headSent = true;
            m_client->write(head + body);
            m_buffer.clear();
            return;
        }
        if (body.isEmpty())
            return; // a cut needs some body to cut
        // Half of what came so far, then the end (cut) or silence (stall).
        m_finished = true;
        m_client->write(head + body.first(qMax<qsizetype>(1, body.size() / 2)));
        m_upstream->close();
        if (m_fault->kind == EmulatorFault::Kind::TruncatedBody)
            m_client->disconnectFromHost();
    }

    void onEnd()
    {
        if (m_finished)
            return;
        m_finished = true;
        if (!m_connected) {
            respond(HttpResponse::message(502, QStringLiteral("502 The upstream cannot be reached")));
            return;
        }
        if (m_headSent && m_client) {
            // The answer is complete; the head told the client the connection ends with it.
            m_client->disconnectFromHost();
            return;
        }
        std::optional<HttpResponse> response = parsedResponse(m_buffer);
        if (m_mode == Mode::Cut && response && response->body.isEmpty()) {
            // Nothing to cut (a 204): the upstream acted, and the answer is
            // lost on a connection reset, or never comes on one left open.
            if (m_fault->kind == EmulatorFault::Kind::TruncatedBody && m_client)
                m_client->abort();
            return;
        }
        if (!response) {
            respond(HttpResponse { 0, {}, {}, HttpResponse::Delivery::Dropped });
            return;
        }
        if (m_fault)
            m_fault->reshapeAnswer(m_request, *response);
        respond(*response);
    }

    void respond(const HttpResponse &response)
    {
        m_finished = true;
        if (m_connection)
            m_connection->respond(response);
        deleteLater();
    }

    QPointer<HttpConnection> m_connection;
    QPointer<QTcpSocket> m_client;
    HttpRequest m_request;
    std::optional<EmulatorFault> m_fault;
    QString m_upstreamHost;
    quint16 m_upstreamPort = 0;
    QString m_upstreamSocket;
    Mode m_mode = Mode::Relay;
    QIODevice *m_upstream = nullptr; // a child of this
    QByteArray m_buffer;             // the upstream's answer until its head is relayed
    bool m_connected = false;
    bool m_headSent = false;
    bool m_finished = false;
};

FaultProxy::FaultProxy(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &FaultProxy::onNewConnection);
}

FaultProxy::~FaultProxy() = default;

void FaultProxy::setUpstream(const QString &host, quint16 port)
{
    m_upstreamHost = host;
    m_upstreamPort = port;
    m_upstreamSocket.clear();
}

void FaultProxy::setUnixUpstream(const QString &socketPath)
{
    m_upstreamSocket = socketPath;
}

bool FaultProxy::listen()
{
    if (!m_server->listen(QHostAddress::LocalHost, m_port))
        return false;
    m_port = m_server->serverPort();
    return true;
}

bool FaultProxy::setRefusing(bool refusing)
{
    if (!refusing)
        return m_server->isListening() || listen();
    m_server->close();
    return true;
}

QUrl FaultProxy::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port()));
}

quint16 FaultProxy::port() const
{
    return m_port;
}

int FaultProxy::addFault(const EmulatorFault &fault)
{
    return m_faults.add(fault);
}

void FaultProxy::removeFault(int id)
{
    m_faults.remove(id);
}

void FaultProxy::clearFaults()
{
    m_faults.clear();
}

void FaultProxy::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        auto *connection = new HttpConnection(socket, this);
        QPointer<QTcpSocket> client(socket);
        connect(connection, &HttpConnection::requestReady, this, [this, connection, client](const HttpRequest &r) {
            if (!client)
                return;
            std::optional<EmulatorFault> fault
                = m_faults.take(QString::fromLatin1(r.method), QString::fromUtf8(r.rawPath));
            if (fault)
                ++m_hits;
            (new Exchange(*this, connection, client, r, std::move(fault)))->start();
        });
        connect(connection, &HttpConnection::closed, connection, &QObject::deleteLater);
    }
}

} // namespace Dockmaster::Test
