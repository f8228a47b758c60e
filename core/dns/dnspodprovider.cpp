#include "core/dns/dnspodprovider.h"

#include "core/util/sequential.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkRequest>

#include <functional>

namespace Dockmaster {
namespace {

const QString &defaultLine()
{
    static const QString line = QString::fromUtf8("默认");
    return line;
}

QString subDomain(const QString &name, const QString &zone)
{
    return name == zone ? QStringLiteral("@") : name.left(name.size() - zone.size() - 1);
}

QString fullName(const QString &subdomain, const QString &zone)
{
    return subdomain == QLatin1String("@") ? zone : subdomain.toLower() + QLatin1Char('.') + zone;
}

} // namespace

QUrl DnsPodProvider::defaultEndpoint()
{
    return QUrl(QStringLiteral("https://dnspod.tencentcloudapi.com/"));
}

DnsPodProvider::DnsPodProvider(const QString &secretId, const QString &secretKey, const QStringList &zones,
                               const QUrl &endpoint, QNetworkAccessManager *network, QObject *parent)
    : DnsProvider(zones, network, parent)
    , m_endpoint(endpoint)
    , m_signer(secretId, secretKey, QStringLiteral("dnspod"))
{
    checkBaseUrl(endpoint, tr("DNSPod API address"));
    checkCredential(secretId, tr("DNSPod SecretId"));
    checkCredential(secretKey, tr("DNSPod SecretKey"));
    // The signature covers the Host header, so we send exactly what we sign.
    m_host = endpoint.host(QUrl::FullyEncoded).toLatin1();
    if (endpoint.port() != -1)
        m_host += ':' + QByteArray::number(endpoint.port());
}

QString DnsPodProvider::displayName() const
{
    return tr("DNSPod");
}

void DnsPodProvider::call(DnsOperation *operation, const QByteArray &action, const QJsonObject &parameters,
                          ResponseHandler handler, const QStringList &tolerated)
{
    Tc3Signer::Request signing;
    signing.host = m_host;
    signing.contentType = "application/json";
    signing.payload = QJsonDocument(parameters).toJson(QJsonDocument::Compact);
    signing.timestamp = QDateTime::currentSecsSinceEpoch();

    QNetworkRequest request(m_endpoint);
    request.setRawHeader("Host", m_host);
    request.setHeader(QNetworkRequest::ContentTypeHeader, signing.contentType);
    request.setRawHeader("X-TC-Action", action);
    request.setRawHeader("X-TC-Version", "2021-03-23");
    request.setRawHeader("X-TC-Timestamp", QByteArray::number(signing.timestamp));
    request.setRawHeader("Authorization", m_signer.authorization(signing));

    send(operation, request, "POST", signing.payload,
         [this, operation, handler, tolerated](const DnsHttpAnswer &answer) {
             if (answer.status == 0) {
                 fail(operation, networkErrorMessage(displayName(), answer), isTransientNetworkError(answer));
                 return;
             }
             QJsonParseError parseError;
             const QJsonObject response = QJsonDocument::fromJson(answer.body, &parseError)
                                              .object()
                                              .value(QLatin1String("Response"))
                                              .toObject();
             if (parseError.error != QJsonParseError::NoError || response.isEmpty()) {
                 fail(operation, tr("DNSPod answered HTTP %1 without a Response object.").arg(answer.status),
                      answer.status >= 500, answer.status);
                 return;
             }
             const QJsonObject error = response.value(QLatin1String("Error")).toObject();
             const QString code = error.value(QLatin1String("Code")).toString();
             if (code.isEmpty()) {
                 handler(response, {});
                 return;
             }
             if (tolerated.contains(code)) {
                 handler(response, code);
                 return;
             }
             const QString message = error.value(QLatin1String("Message")).toString();
             if (code.startsWith(QLatin1String("AuthFailure"))) {
                 fail(operation,
                      tr("DNSPod refused the credentials (%1): %2. Check the SecretId and SecretKey stored for this "
                         "profile and the computer's clock.")
                          .arg(code, message),
                      false, answer.status, code);
                 return;
             }
             const bool transient = code.startsWith(QLatin1String("RequestLimitExceeded"))
                 || code.startsWith(QLatin1String("InternalError"));
             fail(operation, tr("DNSPod refused the request (%1): %2").arg(code, message), transient, answer.status,
                  code);
         });
}

void DnsPodProvider::listAll(DnsOperation *operation, const QString &zone, const QString &name, const QString &type,
                             int offset, QList<DnsRecord> collected, RecordsHandler handler)
{
    const int limit = 3000;
    const QJsonObject parameters {
        { QStringLiteral("Domain"), zone },     { QStringLiteral("Subdomain"), subDomain(name, zone) },
        { QStringLiteral("RecordType"), type }, { QStringLiteral("Offset"), offset },
        { QStringLiteral("Limit"), limit },
    };
    call(operation, "DescribeRecordList", parameters,
         [this, operation, zone, name, type, offset, collected, handler](const QJsonObject &response,
                                                                         const QString &errorCode) mutable {
             // An empty result is an error code in this API, not an empty list.
             if (errorCode == QLatin1String("ResourceNotFound.NoDataOfRecord")) {
                 handler(collected);
                 return;
             }
             const QJsonArray list = response.value(QLatin1String("RecordList")).toArray();
             for (const QJsonValue &value : list) {
                 const QJsonObject object = value.toObject();
                 DnsRecord record;
                 record.name = fullName(object.value(QLatin1String("Name")).toString(), zone);
                 record.type = object.value(QLatin1String("Type")).toString();
                 record.content = object.value(QLatin1String("Value")).toString();
                 record.ttl = object.value(QLatin1String("TTL")).toInt();
                 record.id = QString::number(object.value(QLatin1String("RecordId")).toInteger());
                 const bool enabled = object.value(QLatin1String("Status")).toString(QStringLiteral("ENABLE"))
                     == QLatin1String("ENABLE");
                 if (record.name == name && record.type == type && enabled)
                     collected.append(record);
             }
             const qint64 total = response.value(QLatin1String("RecordCountInfo"))
                                      .toObject()
                                      .value(QLatin1String("TotalCount"))
                                      .toInteger();
             const int next = offset + int(list.size());
             if (!list.isEmpty() && next < total && next < 100000)
                 listAll(operation, zone, name, type, next, collected, handler);
             else
                 handler(collected);
         },
         { QStringLiteral("ResourceNotFound.NoDataOfRecord") });
}

void DnsPodProvider::startList(DnsOperation *operation, const QString &zone, const QString &name, const QString &type)
{
    listAll(operation, zone, name, type, 0, {},
            [this, operation](const QList<DnsRecord> &records) { succeed(operation, records); });
}

void DnsPodProvider::startUpsert(DnsOperation *operation, const QString &zone, const DnsRecord &record)
{
    listAll(operation, zone, record.name, record.type, 0, {},
            [this, operation, zone, record](const QList<DnsRecord> &current) {
                writeRecord(operation, zone, record, current, true);
            });
}

void DnsPodProvider::writeRecord(DnsOperation *operation, const QString &zone, const DnsRecord &record,
                                 const QList<DnsRecord> &current, bool mayCreate)
{
    const QJsonObject parameters {
        { QStringLiteral("Domain"), zone },
        { QStringLiteral("SubDomain"), subDomain(record.name, zone) },
        { QStringLiteral("RecordType"), record.type },
        { QStringLiteral("RecordLine"), defaultLine() },
        { QStringLiteral("Value"), record.content },
        { QStringLiteral("TTL"), record.ttl },
    };
    if (current.isEmpty()) {
        if (!mayCreate) {
            fail(operation, tr("DNSPod reported the record as existing but does not list it; try again."), true);
            return;
        }
        call(operation, "CreateRecord", parameters,
             [this, operation, zone, record](const QJsonObject &response, const QString &errorCode) {
                 if (errorCode.isEmpty()) {
                     DnsRecord created = record;
                     created.id = QString::number(response.value(QLatin1String("RecordId")).toInteger());
                     succeed(operation, { created }, DnsOperation::Change::Created);
                     return;
                 }
                 // Created by someone else since we listed: list again and modify.
                 listAll(operation, zone, record.name, record.type, 0, {},
                         [this, operation, zone, record](const QList<DnsRecord> &again) {
                             writeRecord(operation, zone, record, again, false);
                         });
             },
             { QStringLiteral("InvalidParameter.DomainRecordExist") });
        return;
    }

    keepFirst(
        operation, record, current,
        [this, operation, parameters](const DnsRecord &first, Continue next) {
            QJsonObject modify = parameters;
            modify.insert(QStringLiteral("RecordId"), first.id.toLongLong());
            call(operation, "ModifyRecord", modify, [next](const QJsonObject &, const QString &) { next(); });
        },
        std::bind_front(&DnsPodProvider::deleteEach, this, operation, zone));
}

void DnsPodProvider::deleteEach(DnsOperation *operation, const QString &zone, const QList<DnsRecord> &victims,
                                std::function<void()> done)
{
    // A failed call fails the operation and never calls next(): the loop stops there.
    forEachSequential<DnsRecord>(
        operation, victims,
        [this, operation, zone](const DnsRecord &victim, std::function<void()> next) {
            const QJsonObject parameters { { QStringLiteral("Domain"), zone },
                                           { QStringLiteral("RecordId"), victim.id.toLongLong() } };
            call(operation, "DeleteRecord", parameters, [next](const QJsonObject &, const QString &) { next(); });
        },
        std::move(done));
}

void DnsPodProvider::startDelete(DnsOperation *operation, const QString &zone, const QString &name, const QString &type)
{
    listAll(operation, zone, name, type, 0, {}, [this, operation, zone](const QList<DnsRecord> &current) {
        const auto change = current.isEmpty() ? DnsOperation::Change::None : DnsOperation::Change::Deleted;
        deleteEach(operation, zone, current, [this, operation, change] { succeed(operation, {}, change); });
    });
}

} // namespace Dockmaster
