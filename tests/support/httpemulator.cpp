#include "tests/support/httpemulator.h"

#include <QHttpHeaders>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>
#include <QTcpServer>

namespace Dockmaster::Test {

HttpEmulator::HttpEmulator(QObject *parent)
    : QObject(parent)
    , m_server(new QHttpServer(this))
{
    // No routes: every request reaches the subclass, which knows its API.
    m_server->setMissingHandler(this, [this](const QHttpServerRequest &request, QHttpServerResponder &responder) {
        answer(request, responder);
    });
}

HttpEmulator::~HttpEmulator() = default;

bool HttpEmulator::listen()
{
    auto *tcp = new QTcpServer(m_server);
    if (!tcp->listen(QHostAddress::LocalHost, 0) || !m_server->bind(tcp)) {
        delete tcp;
        return false;
    }
    m_port = tcp->serverPort();
    return true;
}

quint16 HttpEmulator::port() const
{
    return m_port;
}

QUrl HttpEmulator::url(const QString &path) const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port());
    url.setPath(path.isEmpty() ? QStringLiteral("/") : path);
    return url;
}

HttpResponse HttpEmulator::json(int status, const QJsonObject &body)
{
    HttpResponse response;
    response.status = status;
    response.headers.append(qMakePair(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")));
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

void HttpEmulator::answer(const QHttpServerRequest &incoming, QHttpServerResponder &responder)
{
    HttpRequest request;
    request.method
        = QByteArray(QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(static_cast<int>(incoming.method())))
              .toUpper();
    request.path = incoming.url().path();
    request.query = incoming.query();
    const QHttpHeaders &headers = incoming.headers();
    for (qsizetype i = 0; i < headers.size(); ++i)
        request.headers.insert(QByteArray(headers.nameAt(i).data(), headers.nameAt(i).size()).toLower(),
                               headers.valueAt(i).toByteArray());
    request.body = incoming.body();
    m_log.append(request);

    const HttpResponse response = handle(request);
    QHttpHeaders out;
    for (const auto &[name, value] : response.headers)
        out.append(name, value);
    responder.write(response.body, out, static_cast<QHttpServerResponder::StatusCode>(response.status));
}

} // namespace Dockmaster::Test
