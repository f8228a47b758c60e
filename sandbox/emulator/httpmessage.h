#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrlQuery>

namespace Dockmaster {

// One parsed HTTP/1.1 request as the emulator sees it. The path stays raw
// (percent-encoded) because GitLab routes on the encoded form.
struct HttpRequest {
    QByteArray method;
    QByteArray target;  // as sent: path + optional "?query"
    QByteArray rawPath; // still percent-encoded
    QByteArray rawQuery;
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased
    QByteArray body;

    QByteArray header(const QByteArray &lowerName) const;
    QUrlQuery query() const;
    // Decoded value of a query parameter, or `fallback` when absent.
    QString queryValue(const QString &name, const QString &fallback = {}) const;
    bool hasQueryItem(const QString &name) const;
};

// A response plus how to deliver it; the odd modes exist for fault injection.
struct HttpResponse {
    enum class Delivery {
        Normal,
        Truncated, // announce the full Content-Length, send half, close
        Dropped,   // close the connection without any response
        Stalled,   // announce the full Content-Length, send half, then nothing (keep the socket open)
    };

    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    Delivery delivery = Delivery::Normal;

    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(const QByteArray &name) const;
    static QByteArray reasonPhrase(int status);
    static HttpResponse json(int status, const QByteArray &body);
    static HttpResponse message(int status, const QString &message);
    static HttpResponse text(int status, const QByteArray &body);
};

} // namespace Dockmaster
