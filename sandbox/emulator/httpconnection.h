#pragma once

#include "sandbox/emulator/httpmessage.h"

#include <QObject>
#include <QPointer>

class QTcpSocket;

namespace Dockmaster {

// One keep-alive client connection: parses requests one at a time (bounded
// header and body sizes, Content-Length or chunked bodies) and writes the
// response the handler hands back, possibly later (asynchronous handlers).
class HttpConnection final : public QObject
{
    Q_OBJECT
public:
    static constexpr qsizetype MaxHeaderBytes = 64 * 1024;
    static constexpr qsizetype MaxBodyBytes = 256LL * 1024 * 1024;

    explicit HttpConnection(QTcpSocket *socket, QObject *parent = nullptr);
    ~HttpConnection() override;

    // Answers the request last emitted by requestReady().
    void respond(const HttpResponse &response);
    bool isOpen() const;

Q_SIGNALS:
    void requestReady(const Dockmaster::HttpRequest &request);
    void closed();

private:
    enum class State { Headers, Body, ChunkSize, ChunkData, ChunkTrailer, Waiting };

    void onReadyRead();
    void parse();
    bool parseHeaders(qsizetype headerEnd);
    void finishRequest();
    void fail(int status);
    void close();

    QPointer<QTcpSocket> m_socket;
    QByteArray m_buffer;
    State m_state = State::Headers;
    HttpRequest m_current;
    qsizetype m_remaining = 0;
    bool m_keepAlive = true;
    bool m_closed = false;
};

} // namespace Dockmaster
