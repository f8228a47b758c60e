#pragma once

#include <QByteArray>
#include <QString>

namespace Dockmaster {

// Tencent Cloud API 3.0 request signing (TC3-HMAC-SHA256) for JSON POST
// requests, as DNSPod needs it. Pure computation, no I/O, so every step can
// be checked against a worked example. Signed headers: content-type;host.
class Tc3Signer final
{
public:
    struct Request {
        QByteArray host;        // exactly as sent in the Host header
        QByteArray contentType; // exactly as sent, e.g. "application/json"
        QByteArray payload;     // the body bytes
        qint64 timestamp = 0;   // X-TC-Timestamp, seconds since the epoch
    };

    Tc3Signer(const QString &secretId, const QString &secretKey, const QString &service);

    static QByteArray sha256Hex(const QByteArray &data);
    // UTC date of the timestamp, "YYYY-MM-DD".
    static QByteArray date(qint64 timestamp);

    QByteArray canonicalRequest(const Request &request) const;
    QByteArray credentialScope(qint64 timestamp) const;
    QByteArray stringToSign(const Request &request) const;
    QByteArray signature(const Request &request) const;
    // Value for the Authorization header.
    QByteArray authorization(const Request &request) const;

private:
    QByteArray m_secretId;
    QByteArray m_secretKey;
    QByteArray m_service;
};

} // namespace Dockmaster
