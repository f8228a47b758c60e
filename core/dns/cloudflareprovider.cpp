#include "core/dns/cloudflareprovider.h"

#include "core/util/sequential.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTimer>

#include <functional>

namespace Dockmaster {
namespace {

// Cloudflare's "record already exists" and "identical record already exists".
constexpr int RecordAlreadyExists = 81057;
constexpr int IdenticalRecordExists = 81058;

bool isAuthenticationCode(int code)
{
    // 10000 "Authentication error", 9109 "Invalid access token", 6003/6111
    // malformed or missing Authorization header.
    return code == 10000 || code == 9109 || code == 6003 || code == 6111;
}

int firstErrorCode(const QJsonObject &envelope)
{
    return envelope.value(QLatin1String("errors")).toArray().at(0).toObject().value(QLatin1String("code")).toInt();
}

QString errorText(const QJsonObject &envelope)
{
    QStringList parts;
    const QJsonArray errors = envelope.value(QLatin1String("errors")).toArray();
    for (const QJsonValue &error : errors) {
        const QJsonObject object = error.toObject();
        parts.append(QStringLiteral("%1 (%2)")
                         .arg(object.value(QLatin1String("message")).toString())
                         .arg(object.value(QLatin1String("code")).toInt()));
    }
    return parts.join(QStringLiteral("; "));
}

const QRegularExpression &idPattern()
{
    // Cloudflare ids are 32 hex digits; anything else must not reach a URL path.
    static const QRegularExpression pattern(QStringLiteral("\\A[A-Za-z0-9]{1,64}\\z"));
    return pattern;
}

} // namespace

QUrl CloudflareProvider::defaultBaseUrl()
{
    return QUrl(QStringLiteral("https://api.cloudflare.com/client/v4"));
}

CloudflareProvider::CloudflareProvider(const QString &apiToken, const QStringList &zones, const QUrl &baseUrl,
                                       QNetworkAccessManager *network, QObject *parent)
    : DnsProvider(zones, network, parent)
    , m_baseUrl(baseUrl)
    , m_authorization("Bearer " + apiToken.toUtf8())
{
    checkBaseUrl(baseUrl, tr("Cloudflare API address"));
    checkCredential(apiToken, tr("Cloudflare API token"));
}

QString CloudflareProvider::displayName() const
{
    return tr("Cloudflare");
}

void CloudflareProvider::call(DnsOperation *operation, const QByteArray &verb, const QString &path,
                              const QUrlQuery &query, const QJsonObject &body, EnvelopeHandler handler,
                              QList<int> tolerated, int attempt)
{
    QUrl url = m_baseUrl;
    QString basePath = url.path();
    if (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + path);
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", m_authorization);
    request.setRawHeader("Accept", "application/json");
    const QByteArray payload = body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    if (!payload.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));

    send(operation, request, verb, payload,
         [this, operation, verb, path, query, body, handler, tolerated, attempt](const DnsHttpAnswer &answer) {
             if (answer.status == 429) {
                 bool ok = false;
                 const int wait = answer.retryAfter.trimmed().toInt(&ok);
                 if (ok && wait >= 0 && wait <= m_maximumRetryWait && attempt < 3) {
                     QTimer::singleShot(wait * 1000, operation, [=, this] {
                         call(operation, verb, path, query, body, handler, tolerated, attempt + 1);
                     });
                     return;
                 }
                 fail(operation,
                      tr("Cloudflare's rate limit was reached; try again in %1 seconds.").arg(ok ? wait : 300), true,
                      429);
                 return;
             }
             if (answer.status == 0) {
                 fail(operation, networkErrorMessage(displayName(), answer), isTransientNetworkError(answer));
                 return;
             }
             QJsonParseError parseError;
             const QJsonObject envelope = QJsonDocument::fromJson(answer.body, &parseError).object();
             if (parseError.error != QJsonParseError::NoError || !envelope.contains(QLatin1String("success"))) {
                 fail(operation, tr("Cloudflare answered HTTP %1 without its usual envelope.").arg(answer.status),
                      answer.status >= 500, answer.status);
                 return;
             }
             if (envelope.value(QLatin1String("success")).toBool() && answer.status >= 200 && answer.status < 300) {
                 handler(envelope);
                 return;
             }
             const int code = firstErrorCode(envelope);
             if (tolerated.contains(code)) {
                 handler(envelope);
                 return;
             }
             if (answer.status == 401 || answer.status == 403 || isAuthenticationCode(code)) {
                 fail(operation,
                      tr("Cloudflare refused the API token (HTTP %1): %2. Check the token stored for this profile "
                         "and its DNS edit permission.")
                          .arg(answer.status)
                          .arg(errorText(envelope)),
                      false, answer.status, QString::number(code));
                 return;
             }
             fail(operation,
                  tr("Cloudflare refused the request (HTTP %1): %2").arg(answer.status).arg(errorText(envelope)),
                  answer.status >= 500, answer.status, QString::number(code));
         });
}

void CloudflareProvider::withZoneId(DnsOperation *operation, const QString &zone, ZoneHandler handler)
{
    if (const auto it = m_zoneIds.constFind(zone); it != m_zoneIds.cend()) {
        handler(*it);
        return;
    }
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("name"), zone);
    call(operation, "GET", QStringLiteral("/zones"), query, {},
         [this, operation, zone, handler](const QJsonObject &envelope) {
             const QJsonArray result = envelope.value(QLatin1String("result")).toArray();
             for (const QJsonValue &value : result) {
                 const QJsonObject object = value.toObject();
                 const QString id = object.value(QLatin1String("id")).toString();
                 if (object.value(QLatin1String("name")).toString().toLower() == zone
                     && idPattern().match(id).hasMatch()) {
                     m_zoneIds.insert(zone, id);
                     handler(id);
                     return;
                 }
             }
             fail(operation, tr("Cloudflare has no zone %1 that this API token may use.").arg(zone));
         });
}

void CloudflareProvider::listAll(DnsOperation *operation, const QString &zoneId, const QString &name,
                                 const QString &type, int page, QList<DnsRecord> collected, RecordsHandler handler)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("type"), type);
    query.addQueryItem(QStringLiteral("name"), name);
    query.addQueryItem(QStringLiteral("page"), QString::number(page));
    query.addQueryItem(QStringLiteral("per_page"), QStringLiteral("100"));
    call(operation, "GET", QStringLiteral("/zones/%1/dns_records").arg(zoneId), query, {},
         [this, operation, zoneId, name, type, page, collected, handler](const QJsonObject &envelope) mutable {
             const QJsonArray result = envelope.value(QLatin1String("result")).toArray();
             for (const QJsonValue &value : result) {
                 const QJsonObject object = value.toObject();
                 DnsRecord record;
                 record.name = object.value(QLatin1String("name")).toString().toLower();
                 record.type = object.value(QLatin1String("type")).toString();
                 record.content = object.value(QLatin1String("content")).toString();
                 record.ttl = object.value(QLatin1String("ttl")).toInt();
                 record.id = object.value(QLatin1String("id")).toString();
                 if (record.name != name || record.type != type)
                     continue;
                 if (!idPattern().match(record.id).hasMatch()) {
                     fail(operation, tr("Cloudflare listed a record with an unusable id."));
                     return;
                 }
                 collected.append(record);
             }
             const int totalPages
                 = envelope.value(QLatin1String("result_info")).toObject().value(QLatin1String("total_pages")).toInt(1);
             // The page bound guards against a server that never stops paging.
             if (page < totalPages && page < 1000 && !result.isEmpty())
                 listAll(operation, zoneId, name, type, page + 1, collected, handler);
             else
                 handler(collected);
         });
}

void CloudflareProvider::startList(DnsOperation *operation, const QString &zone, const QString &name,
                                   const QString &type)
{
    withZoneId(operation, zone, [this, operation, name, type](const QString &zoneId) {
        listAll(operation, zoneId, name, type, 1, {},
                [this, operation](const QList<DnsRecord> &records) { succeed(operation, records); });
    });
}

void CloudflareProvider::startUpsert(DnsOperation *operation, const QString &zone, const DnsRecord &record)
{
    withZoneId(operation, zone, [this, operation, record](const QString &zoneId) {
        listAll(operation, zoneId, record.name, record.type, 1, {},
                [this, operation, zoneId, record](const QList<DnsRecord> &current) {
                    writeRecord(operation, zoneId, record, current, true);
                });
    });
}

void CloudflareProvider::writeRecord(DnsOperation *operation, const QString &zoneId, const DnsRecord &record,
                                     const QList<DnsRecord> &current, bool mayCreate)
{
    const QJsonObject body {
        { QStringLiteral("type"), record.type },       { QStringLiteral("name"), record.name },
        { QStringLiteral("content"), record.content }, { QStringLiteral("ttl"), record.ttl },
        { QStringLiteral("proxied"), false },
    };
    if (current.isEmpty()) {
        if (!mayCreate) {
            fail(operation, tr("Cloudflare reported the record as existing but does not list it; try again."), true);
            return;
        }
        call(operation, "POST", QStringLiteral("/zones/%1/dns_records").arg(zoneId), {}, body,
             [this, operation, zoneId, record](const QJsonObject &envelope) {
                 if (envelope.value(QLatin1String("success")).toBool()) {
                     DnsRecord created = record;
                     created.id
                         = envelope.value(QLatin1String("result")).toObject().value(QLatin1String("id")).toString();
                     succeed(operation, { created }, DnsOperation::Change::Created);
                     return;
                 }
                 // Someone created it between our list and our POST: list again and update.
                 listAll(operation, zoneId, record.name, record.type, 1, {},
                         [this, operation, zoneId, record](const QList<DnsRecord> &again) {
                             writeRecord(operation, zoneId, record, again, false);
                         });
             },
             { RecordAlreadyExists, IdenticalRecordExists });
        return;
    }

    keepFirst(
        operation, record, current,
        [this, operation, zoneId, body](const DnsRecord &first, Continue next) {
            call(operation, "PUT", QStringLiteral("/zones/%1/dns_records/%2").arg(zoneId, first.id), {}, body,
                 [next](const QJsonObject &) { next(); });
        },
        std::bind_front(&CloudflareProvider::deleteEach, this, operation, zoneId));
}

void CloudflareProvider::deleteEach(DnsOperation *operation, const QString &zoneId, const QList<DnsRecord> &victims,
                                    std::function<void()> done)
{
    // A failed call fails the operation and never calls next(): the loop stops there.
    forEachSequential<DnsRecord>(
        operation, victims,
        [this, operation, zoneId](const DnsRecord &victim, std::function<void()> next) {
            call(operation, "DELETE", QStringLiteral("/zones/%1/dns_records/%2").arg(zoneId, victim.id), {}, {},
                 [next](const QJsonObject &) { next(); });
        },
        std::move(done));
}

void CloudflareProvider::startDelete(DnsOperation *operation, const QString &zone, const QString &name,
                                     const QString &type)
{
    withZoneId(operation, zone, [this, operation, name, type](const QString &zoneId) {
        listAll(operation, zoneId, name, type, 1, {}, [this, operation, zoneId](const QList<DnsRecord> &current) {
            const auto change = current.isEmpty() ? DnsOperation::Change::None : DnsOperation::Change::Deleted;
            deleteEach(operation, zoneId, current, [this, operation, change] { succeed(operation, {}, change); });
        });
    });
}

} // namespace Dockmaster
