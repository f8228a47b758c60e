#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QUrl>
#include <QUrlQuery>

class QJsonObject;
class QTcpServer;
class QTcpSocket;

namespace Dockmaster::Test {

struct HttpRequest {
    QByteArray method;
    QString path;
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
};

struct HttpResponse {
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
};

// Minimal HTTP/1.1 server on 127.0.0.1 with keep-alive, enough to stand in
// for a provider's documented API in tests. Subclasses answer requests.
class HttpEmulator : public QObject
{
    Q_OBJECT
public:
    explicit HttpEmulator(QObject *parent = nullptr);
    ~HttpEmulator() override;

    bool listen();
    quint16 port() const;
    QUrl url(const QString &path = {}) const;
    int requestCount() const { return int(m_log.size()); }
    const QList<HttpRequest> &log() const { return m_log; }
    void clearLog() { m_log.clear(); }

protected:
    virtual HttpResponse handle(const HttpRequest &request) = 0;
    static HttpResponse json(int status, const QJsonObject &body);

private:
    void onConnection();
    void onReadyRead(QTcpSocket *socket);

    QTcpServer *m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<HttpRequest> m_log;
};

} // namespace Dockmaster::Test
