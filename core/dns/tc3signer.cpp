#include "core/dns/tc3signer.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QMessageAuthenticationCode>
#include <QTimeZone>

namespace Dockmaster {
namespace {

QByteArray hmac(const QByteArray &key, const QByteArray &message)
{
    return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256);
}

} // namespace

Tc3Signer::Tc3Signer(const QString &secretId, const QString &secretKey, const QString &service)
    : m_secretId(secretId.toUtf8())
    , m_secretKey(secretKey.toUtf8())
    , m_service(service.toUtf8())
{
}

QByteArray Tc3Signer::sha256Hex(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

QByteArray Tc3Signer::date(qint64 timestamp)
{
    // UTC, never local time: a local date would break every night at 00:00 local.
    return QDateTime::fromSecsSinceEpoch(timestamp, QTimeZone::UTC).date().toString(Qt::ISODate).toLatin1();
}

QByteArray Tc3Signer::canonicalRequest(const Request &request) const
{
    return "POST\n/\n\ncontent-type:" + request.contentType.trimmed().toLower()
        + "\nhost:" + request.host.trimmed().toLower() + "\n\ncontent-type;host\n" + sha256Hex(request.payload);
}

QByteArray Tc3Signer::credentialScope(qint64 timestamp) const
{
    return date(timestamp) + '/' + m_service + "/tc3_request";
}

QByteArray Tc3Signer::stringToSign(const Request &request) const
{
    return "TC3-HMAC-SHA256\n" + QByteArray::number(request.timestamp) + '\n' + credentialScope(request.timestamp)
        + '\n' + sha256Hex(canonicalRequest(request));
}

QByteArray Tc3Signer::signature(const Request &request) const
{
    const QByteArray secretDate = hmac("TC3" + m_secretKey, date(request.timestamp));
    const QByteArray secretService = hmac(secretDate, m_service);
    const QByteArray secretSigning = hmac(secretService, "tc3_request");
    return hmac(secretSigning, stringToSign(request)).toHex();
}

QByteArray Tc3Signer::authorization(const Request &request) const
{
    return "TC3-HMAC-SHA256 Credential=" + m_secretId + '/' + credentialScope(request.timestamp)
        + ", SignedHeaders=content-type;host, Signature=" + signature(request);
}

} // namespace Dockmaster
