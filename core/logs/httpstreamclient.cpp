#include "core/logs/httpstreamclient.h"

#include <QFile>
#include <QLocalSocket>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpSocket>

#include <utility>

namespace Dockmaster {
namespace {

constexpr qsizetype MaxHeaderLine = 64 * 1024;
constexpr qsizetype ReadChunk = 256 * 1024;
// What Qt may read ahead of this client; beyond it the kernel's buffer fills
// and the server waits (unbounded by default, which would let a paused
// stream grow without limit).
constexpr qint64 ReadAhead = 1024 * 1024;

QSslKey loadKey(const QString &path, const QByteArray &passphrase)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray pem = file.readAll();
    for (const QSsl::KeyAlgorithm algorithm : { QSsl::Rsa, QSsl::Ec }) {
        QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey, passphrase);
        if (!key.isNull())
            return key;
    }
    return {};
}

} // namespace

QByteArray DockerEndpoint::target(const QByteArray &pathAndQuery) const
{
    if (apiVersion.isEmpty())
        return pathAndQuery;
    return '/' + apiVersion.toLatin1() + pathAndQuery;
}

HttpStreamClient::HttpStreamClient(const DockerEndpoint &endpoint, QObject *parent)
    : QObject(parent)
    , m_endpoint(endpoint)
{
    m_connectTimer.setSingleShot(true);
    m_connectTimer.setInterval(10000);
    connect(&m_connectTimer, &QTimer::timeout, this,
            [this] { fail(tr("Timed out connecting to the Docker engine.")); });
}

HttpStreamClient::~HttpStreamClient()
{
    m_bodyHandler = nullptr;
    dropDevice();
}

void HttpStreamClient::get(const QByteArray &target, BodyHandler bodyHandler)
{
    m_requests.start();
    dropDevice();
    m_bodyHandler = std::move(bodyHandler);
    m_status = 0;
    m_headers.clear();
    m_lineCarry.clear();
    m_remaining = 0;
    const QByteArray host = m_endpoint.isUnixSocket() ? QByteArrayLiteral("docker") : m_endpoint.url.host().toLatin1();
    m_request = "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: Dockmaster\r\nAccept: */*\r\n\r\n";
    m_state = State::Connecting;
    m_connectTimer.start();
    createDevice();
}

void HttpStreamClient::resume()
{
    if (!m_paused)
        return;
    m_paused = false;
    // Later, not inside the caller: reading calls the body handler.
    QMetaObject::invokeMethod(
        this,
        [this, request = m_requests.latest()] {
            if (m_paused || !m_requests.isLatest(request))
                return;
            onReadyRead();
            if (m_paused)
                return;
            if (const std::optional<QString> ended = std::exchange(m_endedWhilePaused, std::nullopt))
                onError(*ended);
        },
        Qt::QueuedConnection);
}

void HttpStreamClient::abort()
{
    m_requests.invalidate();
    dropDevice();
    if (isActive())
        m_state = State::Idle;
}

void HttpStreamClient::dropDevice()
{
    m_connectTimer.stop();
    m_endedWhilePaused.reset();
    if (!m_device)
        return;
    QIODevice *device = m_device;
    m_device = nullptr;
    device->disconnect(this);
    if (auto *local = qobject_cast<QLocalSocket *>(device))
        local->abort();
    else if (auto *tcp = qobject_cast<QAbstractSocket *>(device))
        tcp->abort();
    // May be inside one of the device's own signals.
    device->deleteLater();
}

void HttpStreamClient::createDevice()
{
    const QUrl &url = m_endpoint.url;
    if (m_endpoint.isUnixSocket()) {
        auto *socket = new QLocalSocket(this);
        m_device = socket;
        socket->setReadBufferSize(ReadAhead);
        connect(socket, &QLocalSocket::connected, this, &HttpStreamClient::sendRequest);
        connect(socket, &QLocalSocket::readyRead, this, &HttpStreamClient::onReadyRead);
        connect(socket, &QLocalSocket::disconnected, this, &HttpStreamClient::onClosed);
        connect(socket, &QLocalSocket::errorOccurred, this, [this, socket](QLocalSocket::LocalSocketError error) {
            if (error == QLocalSocket::PeerClosedError)
                onClosed();
            else
                onError(socket->errorString());
        });
        socket->connectToServer(url.path());
        return;
    }
    if (m_endpoint.tls) {
        auto *socket = new QSslSocket(this);
        m_device = socket;
        socket->setReadBufferSize(ReadAhead);
        QSslConfiguration config = socket->sslConfiguration();
        if (!m_endpoint.caCertificateFile.isEmpty())
            config.setCaCertificates(QSslCertificate::fromPath(m_endpoint.caCertificateFile));
        if (!m_endpoint.clientCertificateFile.isEmpty()) {
            const QList<QSslCertificate> certs = QSslCertificate::fromPath(m_endpoint.clientCertificateFile);
            if (!certs.isEmpty())
                config.setLocalCertificate(certs.first());
        }
        if (!m_endpoint.clientKeyFile.isEmpty()) {
            const QSslKey key = loadKey(m_endpoint.clientKeyFile, m_endpoint.keyPassphrase);
            if (key.isNull()) {
                QTimer::singleShot(0, this, [this] {
                    fail(tr("The client key could not be read; check the file and its passphrase."));
                });
                return;
            }
            config.setPrivateKey(key);
        }
        config.setPeerVerifyMode(QSslSocket::VerifyPeer);
        socket->setSslConfiguration(config);
        connect(socket, &QSslSocket::encrypted, this, &HttpStreamClient::sendRequest);
        connect(socket, &QSslSocket::readyRead, this, &HttpStreamClient::onReadyRead);
        connect(socket, &QSslSocket::disconnected, this, &HttpStreamClient::onClosed);
        connect(socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
            onError(errors.isEmpty() ? tr("TLS handshake failed.") : errors.first().errorString());
        });
        connect(socket, &QSslSocket::errorOccurred, this, [this, socket](QAbstractSocket::SocketError error) {
            if (error == QAbstractSocket::RemoteHostClosedError)
                onClosed();
            else
                onError(socket->errorString());
        });
        socket->connectToHostEncrypted(url.host(), quint16(url.port(2376)));
        return;
    }
    auto *socket = new QTcpSocket(this);
    m_device = socket;
    socket->setReadBufferSize(ReadAhead);
    connect(socket, &QTcpSocket::connected, this, [this, socket] {
        socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        sendRequest();
    });
    connect(socket, &QTcpSocket::readyRead, this, &HttpStreamClient::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, &HttpStreamClient::onClosed);
    connect(socket, &QTcpSocket::errorOccurred, this, [this, socket](QAbstractSocket::SocketError error) {
        if (error == QAbstractSocket::RemoteHostClosedError)
            onClosed();
        else
            onError(socket->errorString());
    });
    socket->connectToHost(url.host(), quint16(url.port(2375)));
}

void HttpStreamClient::sendRequest()
{
    m_connectTimer.stop();
    if (!m_device || m_state != State::Connecting)
        return;
    m_state = State::StatusLine;
    m_device->write(m_request);
}

void HttpStreamClient::onReadyRead()
{
    const QPointer<HttpStreamClient> guard(this);
    QIODevice *device = m_device;
    while (guard && !m_paused && device == m_device && device && device->bytesAvailable() > 0) {
        if (m_readBuffer.size() < ReadChunk)
            m_readBuffer.resize(ReadChunk);
        const qint64 n = device->read(m_readBuffer.data(), ReadChunk);
        if (n <= 0)
            break;
        consume(QByteArrayView(m_readBuffer.constData(), n));
        if (m_state == State::Done || m_state == State::Failed)
            break;
    }
}

void HttpStreamClient::onClosed()
{
    onError(tr("The Docker engine closed the connection."));
}

// The connection ended (closed or broken): what was read still counts, and a
// body that runs until the close is complete now.
void HttpStreamClient::onError(const QString &message)
{
    if (!m_device)
        return;
    if (m_paused) {
        // The bytes before the end are still buffered; resume() reads them first.
        if (!m_endedWhilePaused)
            m_endedWhilePaused = message;
        return;
    }
    onReadyRead();
    if (m_paused) {
        m_endedWhilePaused = message;
        return;
    }
    if (m_state == State::BodyUntilClose) {
        finishResponse();
        return;
    }
    if (isActive())
        fail(message);
}

void HttpStreamClient::fail(const QString &message)
{
    dropDevice();
    if (m_state == State::Done || m_state == State::Failed)
        return;
    m_state = State::Failed;
    Q_EMIT failed(message);
}

void HttpStreamClient::finishResponse()
{
    m_state = State::Done;
    // The connection may stay open (keep-alive); it is of no further use here.
    dropDevice();
    Q_EMIT finished();
}

bool HttpStreamClient::takeLine(QByteArrayView &data, QByteArray *line)
{
    const qsizetype nl = data.indexOf('\n');
    if (nl < 0) {
        m_lineCarry.append(data);
        data = {};
        if (m_lineCarry.size() > MaxHeaderLine)
            fail(tr("The Docker engine sent a malformed HTTP response."));
        return false;
    }
    m_lineCarry.append(data.first(nl));
    data = data.sliced(nl + 1);
    if (m_lineCarry.endsWith('\r'))
        m_lineCarry.chop(1);
    *line = std::move(m_lineCarry);
    m_lineCarry = QByteArray();
    return true;
}

bool HttpStreamClient::deliver(QByteArrayView data)
{
    if (!m_bodyHandler)
        return true;
    // The handler may abort or start another request; then this response is over.
    const LatestOnly::Job request = m_requests.latest();
    const QPointer<HttpStreamClient> guard(this);
    m_bodyHandler(data);
    return guard && m_requests.isLatest(request);
}

bool HttpStreamClient::deliverCounted(QByteArrayView &data)
{
    const qsizetype take = qsizetype(qMin<quint64>(m_remaining, quint64(data.size())));
    m_remaining -= quint64(take);
    if (!deliver(data.first(take)))
        return false;
    data = data.sliced(take);
    return true;
}

void HttpStreamClient::consume(QByteArrayView data)
{
    while (!data.isEmpty()) {
        switch (m_state) {
        case State::StatusLine:
        case State::Headers:
        case State::ChunkSize:
        case State::ChunkDataEnd:
        case State::Trailers: {
            QByteArray line;
            if (!takeLine(data, &line))
                return;
            handleLine(line);
            break;
        }
        case State::BodyLength: {
            if (!deliverCounted(data))
                return;
            if (m_remaining == 0)
                finishResponse();
            break;
        }
        case State::BodyUntilClose:
            deliver(data);
            return;
        case State::ChunkData: {
            if (!deliverCounted(data))
                return;
            if (m_remaining == 0)
                m_state = State::ChunkDataEnd;
            break;
        }
        case State::Idle:
        case State::Connecting:
        case State::Done:
        case State::Failed:
            return;
        }
        if (m_state == State::Done || m_state == State::Failed || m_state == State::Idle)
            return;
    }
}

void HttpStreamClient::handleLine(const QByteArray &line)
{
    switch (m_state) {
    case State::StatusLine: {
        // "HTTP/1.1 200 OK"
        const QList<QByteArray> parts = line.split(' ');
        bool ok = false;
        m_status = parts.size() >= 2 && line.startsWith("HTTP/1.") ? parts.at(1).toInt(&ok) : 0;
        if (!ok || m_status < 100) {
            fail(tr("The Docker engine sent a malformed HTTP response."));
            return;
        }
        m_state = State::Headers;
        return;
    }
    case State::Headers: {
        if (!line.isEmpty()) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                m_headers.insert(line.first(colon).trimmed().toLower(), line.sliced(colon + 1).trimmed());
            return;
        }
        if (m_status < 200) { // 100 Continue and friends: another status line follows
            m_headers.clear();
            m_state = State::StatusLine;
            return;
        }
        const QPointer<HttpStreamClient> guard(this);
        Q_EMIT headersReceived(m_status);
        if (!guard || m_state != State::Headers)
            return;
        if (m_headers.value("transfer-encoding").toLower().contains("chunked")) {
            m_state = State::ChunkSize;
        } else if (m_headers.contains("content-length")) {
            bool ok = false;
            m_remaining = m_headers.value("content-length").toULongLong(&ok);
            if (!ok) {
                fail(tr("The Docker engine sent a malformed HTTP response."));
                return;
            }
            m_state = State::BodyLength;
            if (m_remaining == 0)
                finishResponse();
        } else if (m_status == 204 || m_status == 304) {
            finishResponse();
        } else {
            m_state = State::BodyUntilClose;
        }
        return;
    }
    case State::ChunkSize: {
        QByteArray size = line;
        const qsizetype semicolon = size.indexOf(';');
        if (semicolon >= 0)
            size.truncate(semicolon);
        bool ok = false;
        m_remaining = size.trimmed().toULongLong(&ok, 16);
        if (!ok) {
            fail(tr("The Docker engine sent a malformed chunked response."));
            return;
        }
        m_state = m_remaining == 0 ? State::Trailers : State::ChunkData;
        return;
    }
    case State::ChunkDataEnd:
        if (!line.isEmpty()) {
            fail(tr("The Docker engine sent a malformed chunked response."));
            return;
        }
        m_state = State::ChunkSize;
        return;
    case State::Trailers:
        if (line.isEmpty())
            finishResponse();
        return;
    default:
        return;
    }
}

} // namespace Dockmaster
