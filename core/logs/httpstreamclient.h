#pragma once

#include "core/logs/dockerendpoint.h"
#include "core/util/latestonly.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

class QIODevice;

namespace Dockmaster {

// A minimal streaming HTTP/1.1 GET over a unix socket, TCP or TLS. Docker's log
// follow is an endless chunked response: the body is handed on as it arrives,
// and the end of the response is found from the terminating chunk (the engine
// keeps the connection open afterwards, so a socket close cannot be waited for).
// One request at a time; get() drops any previous connection.
class HttpStreamClient final : public QObject
{
    Q_OBJECT
public:
    using BodyHandler = std::function<void(QByteArrayView)>;

    explicit HttpStreamClient(const DockerEndpoint &endpoint, QObject *parent = nullptr);
    ~HttpStreamClient() override;

    void get(const QByteArray &target, BodyHandler bodyHandler);
    void abort();
    bool isActive() const { return m_state != State::Idle && m_state != State::Done && m_state != State::Failed; }
    int status() const { return m_status; }
    QByteArray header(const QByteArray &lowerCaseName) const { return m_headers.value(lowerCaseName); }
    void setConnectTimeout(int ms) { m_connectTimer.setInterval(ms); }

    // Stops reading: Qt's bounded read buffer and then the kernel's fill up and
    // the server waits, so a fast stream cannot outrun its reader. resume()
    // goes on with what is buffered, and then with the end of the connection
    // if it came meanwhile. Kept across get(): a new connection of a paused
    // reader starts paused.
    void pause() { m_paused = true; }
    void resume();
    bool isPaused() const { return m_paused; }

Q_SIGNALS:
    void headersReceived(int status);
    void finished();                     // the whole response arrived
    void failed(const QString &message); // the connection broke (or never came up) before the end

private:
    enum class State {
        Idle,
        Connecting,
        StatusLine,
        Headers,
        BodyLength,
        BodyUntilClose,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        Done,
        Failed
    };

    void createDevice();
    void sendRequest();
    void onReadyRead();
    void onClosed();
    void onError(const QString &message);
    void consume(QByteArrayView data);
    bool deliver(QByteArrayView data); // false when the handler ended this request
    // Delivers up to m_remaining bytes of `data` (a counted body or chunk) and
    // drops them from `data`; false when the handler ended this request.
    bool deliverCounted(QByteArrayView &data);
    bool takeLine(QByteArrayView &data, QByteArray *line);
    void handleLine(const QByteArray &line);
    void finishResponse();
    void fail(const QString &message);
    void dropDevice();

    DockerEndpoint m_endpoint;
    QIODevice *m_device = nullptr; // child of this
    QByteArray m_request;
    BodyHandler m_bodyHandler;
    State m_state = State::Idle;
    int m_status = 0;
    QHash<QByteArray, QByteArray> m_headers;
    QByteArray m_lineCarry;
    QByteArray m_readBuffer;
    quint64 m_remaining = 0;
    LatestOnly m_requests; // get() and abort() end the response being read
    QTimer m_connectTimer;
    bool m_paused = false;
    std::optional<QString> m_endedWhilePaused; // how the connection ended while paused
};

} // namespace Dockmaster
