#include "tests/support/cloudflareemulator.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace Dockmaster::Test {
namespace {

QJsonObject toJson(const CloudflareEmulator::Record &record, const QString &zoneName)
{
    return QJsonObject {
        { QStringLiteral("id"), record.id },       { QStringLiteral("zone_id"), record.zoneId },
        { QStringLiteral("zone_name"), zoneName }, { QStringLiteral("name"), record.name },
        { QStringLiteral("type"), record.type },   { QStringLiteral("content"), record.content },
        { QStringLiteral("ttl"), record.ttl },     { QStringLiteral("proxied"), record.proxied },
        { QStringLiteral("proxiable"), true },     { QStringLiteral("comment"), QJsonValue::Null },
    };
}

} // namespace

CloudflareEmulator::CloudflareEmulator(const QString &token, QObject *parent)
    : HttpEmulator(parent)
    , m_token(token)
{
}

QString CloudflareEmulator::addZone(const QString &name)
{
    const QString id = QString::fromLatin1(QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Md5).toHex());
    m_zones.insert(id, name);
    return id;
}

QString CloudflareEmulator::zoneNameOf(const QString &zoneId) const
{
    return m_zones.value(zoneId);
}

QString CloudflareEmulator::addRecord(const QString &zoneName, const QString &name, const QString &content, int ttl)
{
    Record record;
    record.id = QString::fromLatin1(
        QCryptographicHash::hash(QByteArray::number(m_nextId++), QCryptographicHash::Md5).toHex());
    record.zoneId = m_zones.key(zoneName);
    record.name = name;
    record.type = QStringLiteral("A");
    record.content = content;
    record.ttl = ttl;
    m_records.insert(record.id, record);
    return record.id;
}

QList<CloudflareEmulator::Record> CloudflareEmulator::records(const QString &name) const
{
    QList<Record> found;
    for (const Record &record : m_records) {
        if (record.name == name)
            found.append(record);
    }
    return found;
}

int CloudflareEmulator::countOf(const QByteArray &method) const
{
    return int(std::count_if(log().cbegin(), log().cend(),
                             [&method](const HttpRequest &request) { return request.method == method; }));
}

HttpResponse CloudflareEmulator::failure(int status, int code, const QString &message) const
{
    return json(
        status,
        QJsonObject {
            { QStringLiteral("success"), false },
            { QStringLiteral("errors"),
              QJsonArray { QJsonObject { { QStringLiteral("code"), code }, { QStringLiteral("message"), message } } } },
            { QStringLiteral("messages"), QJsonArray {} },
            { QStringLiteral("result"), QJsonValue::Null },
        });
}

HttpResponse CloudflareEmulator::success(const QJsonValue &result, const QJsonObject &resultInfo) const
{
    QJsonObject envelope {
        { QStringLiteral("success"), true },
        { QStringLiteral("errors"), QJsonArray {} },
        { QStringLiteral("messages"), QJsonArray {} },
        { QStringLiteral("result"), result },
    };
    if (!resultInfo.isEmpty())
        envelope.insert(QStringLiteral("result_info"), resultInfo);
    return json(200, envelope);
}

QString CloudflareEmulator::validateBody(const QJsonObject &body, bool partial) const
{
    static const QRegularExpression ipv4(QStringLiteral("\\A(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}"
                                                        "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\z"));
    for (const QString &key : { QStringLiteral("type"), QStringLiteral("name"), QStringLiteral("content") }) {
        if (!partial && !body.value(key).isString())
            return QStringLiteral("DNS record is missing %1").arg(key);
    }
    if (body.contains(QLatin1String("type")) && body.value(QLatin1String("type")).toString() != QLatin1String("A"))
        return QStringLiteral("this emulator serves A records only");
    if (body.contains(QLatin1String("content"))
        && !ipv4.match(body.value(QLatin1String("content")).toString()).hasMatch())
        return QStringLiteral("Content for A record is invalid. Must be a valid IPv4 address");
    if (body.contains(QLatin1String("ttl"))) {
        const int ttl = body.value(QLatin1String("ttl")).toInt(-1);
        if (ttl != 1 && (ttl < 60 || ttl > 86400))
            return QStringLiteral("Invalid TTL. Must be between 60 and 86400 seconds, or 1 for Automatic.");
    }
    return {};
}

HttpResponse CloudflareEmulator::handle(const HttpRequest &request)
{
    if (request.headers.value("authorization") != "Bearer " + m_token.toUtf8())
        return failure(401, 10000, QStringLiteral("Authentication error"));
    if (m_rateLimited > 0) {
        --m_rateLimited;
        HttpResponse limited
            = failure(429, 971, QStringLiteral("Please wait and consider throttling your request speed"));
        limited.headers.append(qMakePair(QByteArrayLiteral("Retry-After"), QByteArray::number(m_retryAfter)));
        return limited;
    }

    const QStringList parts = request.path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    // parts: client v4 zones [zoneId dns_records [recordId]]
    if (parts.size() < 3 || parts.at(0) != QLatin1String("client") || parts.at(1) != QLatin1String("v4")
        || parts.at(2) != QLatin1String("zones"))
        return failure(404, 7003, QStringLiteral("Could not route to %1").arg(request.path));

    QJsonObject body;
    if (request.method == "POST" || request.method == "PUT" || request.method == "PATCH") {
        if (!request.headers.value("content-type").startsWith("application/json"))
            return failure(400, 6105, QStringLiteral("Invalid Content-Type header, valid values are application/json"));
        QJsonParseError error;
        body = QJsonDocument::fromJson(request.body, &error).object();
        if (error.error != QJsonParseError::NoError)
            return failure(400, 6007, QStringLiteral("Malformed JSON in request body"));
    }

    if (parts.size() == 3 && request.method == "GET") {
        const QString name = request.query.queryItemValue(QStringLiteral("name"));
        QJsonArray result;
        for (auto it = m_zones.cbegin(); it != m_zones.cend(); ++it) {
            if (name.isEmpty() || it.value() == name)
                result.append(QJsonObject { { QStringLiteral("id"), it.key() },
                                            { QStringLiteral("name"), it.value() },
                                            { QStringLiteral("status"), QStringLiteral("active") } });
        }
        return success(result,
                       QJsonObject { { QStringLiteral("page"), 1 },
                                     { QStringLiteral("per_page"), 20 },
                                     { QStringLiteral("count"), result.size() },
                                     { QStringLiteral("total_count"), result.size() },
                                     { QStringLiteral("total_pages"), 1 } });
    }
    if (parts.size() < 5 || parts.at(4) != QLatin1String("dns_records"))
        return failure(404, 7003, QStringLiteral("Could not route to %1").arg(request.path));
    const QString zoneId = parts.at(3);
    if (!m_zones.contains(zoneId))
        return failure(
            404, 7003,
            QStringLiteral("Could not route to %1, perhaps your object identifier is invalid?").arg(request.path));
    const QString zoneName = zoneNameOf(zoneId);

    if (parts.size() == 5 && request.method == "GET") {
        const QString name = request.query.queryItemValue(QStringLiteral("name"));
        const QString type = request.query.queryItemValue(QStringLiteral("type"));
        const int page = std::max(1, request.query.queryItemValue(QStringLiteral("page")).toInt());
        const int perPage = std::clamp(request.query.queryItemValue(QStringLiteral("per_page")).toInt(), 1, 5000);
        const int effective = std::min(perPage, m_pageSize);
        QList<Record> matching;
        for (const Record &record : std::as_const(m_records)) {
            if (record.zoneId == zoneId && (name.isEmpty() || record.name == name)
                && (type.isEmpty() || record.type == type))
                matching.append(record);
        }
        QJsonArray result;
        for (qsizetype i = qsizetype(page - 1) * effective; i < matching.size() && result.size() < effective; ++i)
            result.append(toJson(matching.at(i), zoneName));
        const int totalPages = int((matching.size() + effective - 1) / effective);
        const HttpResponse response = success(result,
                                              QJsonObject { { QStringLiteral("page"), page },
                                                            { QStringLiteral("per_page"), effective },
                                                            { QStringLiteral("count"), result.size() },
                                                            { QStringLiteral("total_count"), matching.size() },
                                                            { QStringLiteral("total_pages"), totalPages } });
        if (!m_raceName.isEmpty() && m_raceName == name) {
            addRecord(zoneName, m_raceName, m_raceContent);
            m_raceName.clear();
        }
        return response;
    }

    if (parts.size() == 5 && request.method == "POST") {
        if (const QString problem = validateBody(body, false); !problem.isEmpty())
            return failure(400, 9005, problem);
        const QString name = body.value(QLatin1String("name")).toString();
        if (name != zoneName && !name.endsWith(QLatin1Char('.') + zoneName))
            return failure(400, 9007, QStringLiteral("DNS name is invalid"));
        for (const Record &existing : std::as_const(m_records)) {
            if (existing.zoneId == zoneId && existing.name == name
                && existing.type == body.value(QLatin1String("type")).toString()
                && existing.content == body.value(QLatin1String("content")).toString())
                return failure(400, 81057, QStringLiteral("Record already exists."));
        }
        const QString id = addRecord(zoneName, name, body.value(QLatin1String("content")).toString(),
                                     body.value(QLatin1String("ttl")).toInt(1));
        return success(toJson(m_records.value(id), zoneName));
    }

    if (parts.size() != 6)
        return failure(404, 7003, QStringLiteral("Could not route to %1").arg(request.path));
    const QString recordId = parts.at(5);
    if (!m_records.contains(recordId) || m_records.value(recordId).zoneId != zoneId)
        return failure(404, 81044, QStringLiteral("Record does not exist."));
    Record &record = m_records[recordId];

    if (request.method == "GET")
        return success(toJson(record, zoneName));
    if (request.method == "DELETE") {
        m_records.remove(recordId);
        return success(QJsonObject { { QStringLiteral("id"), recordId } });
    }
    if (request.method == "PUT" || request.method == "PATCH") {
        const bool partial = request.method == "PATCH";
        if (const QString problem = validateBody(body, partial); !problem.isEmpty())
            return failure(400, 9005, problem);
        if (body.contains(QLatin1String("name")))
            record.name = body.value(QLatin1String("name")).toString();
        if (body.contains(QLatin1String("content")))
            record.content = body.value(QLatin1String("content")).toString();
        if (body.contains(QLatin1String("ttl")) || !partial)
            record.ttl = body.value(QLatin1String("ttl")).toInt(1);
        if (body.contains(QLatin1String("proxied")) || !partial)
            record.proxied = body.value(QLatin1String("proxied")).toBool();
        return success(toJson(record, zoneName));
    }
    return failure(405, 10405, QStringLiteral("Method not allowed"));
}

} // namespace Dockmaster::Test
