#pragma once

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

namespace Dockmaster::Test {

// A plain client for the emulator tests: one request, waited for with a local
// event loop (the emulator serves from its own thread).
struct Reply {
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
    bool hasHeader(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }
    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
};

class Client
{
public:
    Client(const QUrl &apiUrl, const QString &token)
        : m_api(apiUrl)
        , m_token(token)
    {
    }

    void setToken(const QString &token) { m_token = token; }

    // `pathAndQuery` is appended verbatim to the API URL (keep it encoded).
    Reply send(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body = {},
               const QByteArray &contentType = "application/json",
               const QList<QPair<QByteArray, QByteArray>> &extra = {})
    {
        return sendUrl(method, QUrl::fromEncoded(QByteArray(m_api.toEncoded() + pathAndQuery.toUtf8())), body,
                       contentType, extra);
    }

    Reply sendUrl(const QByteArray &method, const QUrl &url, const QByteArray &body = {},
                  const QByteArray &contentType = "application/json",
                  const QList<QPair<QByteArray, QByteArray>> &extra = {})
    {
        QNetworkRequest request(url);
        if (!m_token.isEmpty())
            request.setRawHeader("PRIVATE-TOKEN", m_token.toUtf8());
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        for (const auto &h : extra)
            request.setRawHeader(h.first, h.second);
        request.setTransferTimeout(15000);
        // A custom "HEAD" verb would make Qt wait for a body.
        QNetworkReply *reply = method == "HEAD" ? m_nam.head(request) : m_nam.sendCustomRequest(request, method, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QElapsedTimer timer;
        timer.start();
        loop.exec();
        if (timer.elapsed() > 1000)
            qWarning() << "slow request" << method << url << timer.elapsed() << reply->error();
        Reply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.error = reply->error();
        if (method != "HEAD")
            r.body = reply->readAll();
        r.headers = reply->rawHeaderPairs();
        reply->deleteLater();
        return r;
    }

    Reply get(const QString &pathAndQuery) { return send("GET", pathAndQuery); }
    Reply post(const QString &path, const QByteArray &json) { return send("POST", path, json); }
    Reply put(const QString &path, const QByteArray &json) { return send("PUT", path, json); }

private:
    QNetworkAccessManager m_nam;
    QUrl m_api;
    QString m_token;
};

} // namespace Dockmaster::Test
