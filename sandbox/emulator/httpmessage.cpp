#include "sandbox/emulator/httpmessage.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Dockmaster {

QByteArray HttpRequest::header(const QByteArray &lowerName) const
{
    for (const auto &h : headers) {
        if (h.first == lowerName)
            return h.second;
    }
    return {};
}

QUrlQuery HttpRequest::query() const
{
    // QUrlQuery keeps '+' literal; HTML forms (and some clients) mean a space.
    QByteArray q = rawQuery;
    q.replace('+', "%20");
    return QUrlQuery(QString::fromUtf8(q));
}

QString HttpRequest::queryValue(const QString &name, const QString &fallback) const
{
    const QUrlQuery q = query();
    if (!q.hasQueryItem(name))
        return fallback;
    return q.queryItemValue(name, QUrl::FullyDecoded);
}

bool HttpRequest::hasQueryItem(const QString &name) const
{
    return query().hasQueryItem(name);
}

void HttpResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            h.second = value;
            return;
        }
    }
    headers.append({ name, value });
}

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QByteArray HttpResponse::reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 413:
        return "Payload Too Large";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}

HttpResponse HttpResponse::json(int status, const QByteArray &body)
{
    HttpResponse r;
    r.status = status;
    r.body = body;
    r.setHeader("Content-Type", "application/json");
    return r;
}

HttpResponse HttpResponse::message(int status, const QString &message)
{
    return json(status,
                QJsonDocument(QJsonObject { { QStringLiteral("message"), message } }).toJson(QJsonDocument::Compact));
}

HttpResponse HttpResponse::text(int status, const QByteArray &body)
{
    HttpResponse r;
    r.status = status;
    r.body = body;
    r.setHeader("Content-Type", "text/plain; charset=utf-8");
    return r;
}

} // namespace Dockmaster
