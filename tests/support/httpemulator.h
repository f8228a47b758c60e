#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QUrl>
#include <QUrlQuery>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QJsonObject;

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

// An HTTP server on 127.0.0.1 (Qt's QHttpServer) that stands in for a
// provider's documented API in tests. Subclasses answer every request in
// handle(); nothing here needs the raw socket.
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
    void answer(const QHttpServerRequest &request, QHttpServerResponder &responder);

    QHttpServer *m_server;
    quint16 m_port = 0;
    QList<HttpRequest> m_log;
};

} // namespace Dockmaster::Test
