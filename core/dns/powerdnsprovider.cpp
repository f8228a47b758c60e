#include "core/dns/powerdnsprovider.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QUrlQuery>

namespace Dockmaster {
namespace {

QString absolute(const QString &name)
{
    return name + QLatin1Char('.');
}

QString relative(QString name)
{
    if (name.endsWith(QLatin1Char('.')))
        name.chop(1);
    return name.toLower();
}

} // namespace

PowerDnsProvider::PowerDnsProvider(const QUrl &apiUrl, const QString &apiKey, const QStringList &zones,
                                   QNetworkAccessManager *network, QObject *parent, const QString &serverId)
    : DnsProvider(zones, network, parent)
    , m_apiUrl(apiUrl)
    , m_apiKey(apiKey.toUtf8())
    , m_serverId(serverId)
{
    checkBaseUrl(apiUrl, tr("PowerDNS API address"));
    checkCredential(apiKey, tr("PowerDNS API key"));
    static const QRegularExpression serverPattern(QStringLiteral("\\A[A-Za-z0-9_-]{1,64}\\z"));
    if (!serverPattern.match(serverId).hasMatch())
        setConfigurationError(tr("PowerDNS server id: use letters, digits, '_' and '-'."));
}

QString PowerDnsProvider::displayName() const
{
    return tr("PowerDNS");
}

QNetworkRequest PowerDnsProvider::request(const QString &zone, const QString &query) const
{
    QUrl url = m_apiUrl;
    QString path = url.path();
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    // The zone id is URL-safe for names that passed validation.
    url.setPath(path + QStringLiteral("/api/v1/servers/") + m_serverId + QStringLiteral("/zones/") + absolute(zone));
    if (!query.isEmpty())
        url.setQuery(query);
    QNetworkRequest request(url);
    request.setRawHeader("X-API-Key", m_apiKey);
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    return request;
}

bool PowerDnsProvider::checkAnswer(DnsOperation *operation, const DnsHttpAnswer &answer, const QString &zone)
{
    if (answer.status >= 200 && answer.status < 300)
        return true;
    const QJsonObject error = QJsonDocument::fromJson(answer.body).object();
    const QString text = error.value(QLatin1String("error")).toString();
    switch (answer.status) {
    case 0:
        fail(operation, networkErrorMessage(displayName(), answer), isTransientNetworkError(answer));
        break;
    case 401:
    case 403:
        fail(operation,
             tr("PowerDNS refused the API key (HTTP %1). Check the key stored for this profile.").arg(answer.status),
             false, answer.status);
        break;
    case 404:
        fail(operation, tr("PowerDNS does not serve the zone %1 (HTTP 404).").arg(zone), false, answer.status);
        break;
    case 301:
    case 302:
    case 303:
    case 307:
    case 308:
        fail(operation,
             tr("PowerDNS answered with a redirect (HTTP %1), which is not followed so that the API key goes "
                "nowhere else. Check the PowerDNS API address.")
                 .arg(answer.status),
             false, answer.status);
        break;
    case 400:
    case 422:
        fail(operation, tr("PowerDNS rejected the change: %1").arg(text.isEmpty() ? answer.errorString : text), false,
             answer.status);
        break;
    default:
        fail(operation,
             tr("PowerDNS answered HTTP %1: %2").arg(answer.status).arg(text.isEmpty() ? answer.errorString : text),
             answer.status >= 500, answer.status);
        break;
    }
    return false;
}

void PowerDnsProvider::fetch(DnsOperation *operation, const QString &zone, const QString &name, const QString &type,
                             RecordsHandler handler)
{
    // rrset_name/rrset_type narrow the answer on servers that support them;
    // older ones ignore them, so the filter below still applies.
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("rrset_name"), absolute(name));
    query.addQueryItem(QStringLiteral("rrset_type"), type);
    send(operation, request(zone, query.toString(QUrl::FullyEncoded)), "GET", {},
         [this, operation, zone, name, type, handler](const DnsHttpAnswer &answer) {
             if (!checkAnswer(operation, answer, zone))
                 return;
             QJsonParseError parseError;
             const QJsonDocument document = QJsonDocument::fromJson(answer.body, &parseError);
             if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
                 fail(operation,
                      tr("PowerDNS sent an answer that is not a zone: %1")
                          .arg(parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                            : tr("valid JSON, but not an object")));
                 return;
             }
             QList<DnsRecord> records;
             const QJsonArray rrsets = document.object().value(QLatin1String("rrsets")).toArray();
             for (const QJsonValue &value : rrsets) {
                 const QJsonObject rrset = value.toObject();
                 if (relative(rrset.value(QLatin1String("name")).toString()) != name
                     || rrset.value(QLatin1String("type")).toString() != type)
                     continue;
                 const QJsonArray contents = rrset.value(QLatin1String("records")).toArray();
                 for (const QJsonValue &content : contents) {
                     if (content.toObject().value(QLatin1String("disabled")).toBool())
                         continue;
                     DnsRecord record;
                     record.name = name;
                     record.type = type;
                     record.content = content.toObject().value(QLatin1String("content")).toString();
                     record.ttl = rrset.value(QLatin1String("ttl")).toInt();
                     records.append(record);
                 }
             }
             handler(records);
         });
}

void PowerDnsProvider::patch(DnsOperation *operation, const QString &zone, const QJsonObject &rrset,
                             DnsOperation::Change change, const QList<DnsRecord> &result)
{
    const QJsonObject body { { QStringLiteral("rrsets"), QJsonArray { rrset } } };
    send(operation, request(zone), "PATCH", QJsonDocument(body).toJson(QJsonDocument::Compact),
         [this, operation, zone, change, result](const DnsHttpAnswer &answer) {
             if (checkAnswer(operation, answer, zone))
                 succeed(operation, result, change);
         });
}

void PowerDnsProvider::startList(DnsOperation *operation, const QString &zone, const QString &name, const QString &type)
{
    fetch(operation, zone, name, type,
          [this, operation](const QList<DnsRecord> &records) { succeed(operation, records); });
}

void PowerDnsProvider::startUpsert(DnsOperation *operation, const QString &zone, const DnsRecord &record)
{
    fetch(operation, zone, record.name, record.type, [this, operation, zone, record](const QList<DnsRecord> &current) {
        if (current.size() == 1 && current.first() == record) {
            succeed(operation, current, DnsOperation::Change::None);
            return;
        }
        // REPLACE sets the whole RRset, so a retry after a lost answer is harmless.
        const QJsonObject rrset {
            { QStringLiteral("name"), absolute(record.name) },
            { QStringLiteral("type"), record.type },
            { QStringLiteral("ttl"), record.ttl },
            { QStringLiteral("changetype"), QStringLiteral("REPLACE") },
            { QStringLiteral("records"),
              QJsonArray { QJsonObject { { QStringLiteral("content"), record.content },
                                         { QStringLiteral("disabled"), false } } } },
        };
        patch(operation, zone, rrset, current.isEmpty() ? DnsOperation::Change::Created : DnsOperation::Change::Updated,
              { record });
    });
}

void PowerDnsProvider::startDelete(DnsOperation *operation, const QString &zone, const QString &name,
                                   const QString &type)
{
    fetch(operation, zone, name, type, [this, operation, zone, name, type](const QList<DnsRecord> &current) {
        if (current.isEmpty()) {
            succeed(operation, {}, DnsOperation::Change::None);
            return;
        }
        const QJsonObject rrset {
            { QStringLiteral("name"), absolute(name) },
            { QStringLiteral("type"), type },
            { QStringLiteral("changetype"), QStringLiteral("DELETE") },
        };
        patch(operation, zone, rrset, DnsOperation::Change::Deleted, {});
    });
}

} // namespace Dockmaster
