#include "tests/support/dnspodemulator.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QRegularExpression>
#include <QTimeZone>
#include <QUuid>

namespace Dockmaster::Test {
namespace {

QByteArray hmacSha256(const QByteArray &key, const QByteArray &message)
{
    QMessageAuthenticationCode code(QCryptographicHash::Sha256, key);
    code.addData(message);
    return code.result();
}

const QString &defaultLine()
{
    static const QString line = QString::fromUtf8("默认");
    return line;
}

} // namespace

DnsPodEmulator::DnsPodEmulator(const QString &secretId, const QString &secretKey, QObject *parent)
    : HttpEmulator(parent)
    , m_secretId(secretId)
    , m_secretKey(secretKey.toUtf8())
{
}

qint64 DnsPodEmulator::addRecord(const QString &domain, const QString &subDomain, const QString &value, int ttl)
{
    Record record;
    record.id = m_nextId++;
    record.domain = domain;
    record.subDomain = subDomain;
    record.type = QStringLiteral("A");
    record.line = defaultLine();
    record.value = value;
    record.ttl = ttl;
    m_records.insert(record.id, record);
    return record.id;
}

QList<DnsPodEmulator::Record> DnsPodEmulator::records(const QString &domain, const QString &subDomain) const
{
    QList<Record> found;
    for (const Record &record : m_records) {
        if (record.domain == domain && record.subDomain == subDomain)
            found.append(record);
    }
    return found;
}

int DnsPodEmulator::countOf(const QByteArray &action) const
{
    return int(std::count_if(log().cbegin(), log().cend(), [&action](const HttpRequest &request) {
        return request.headers.value("x-tc-action") == action;
    }));
}

HttpResponse DnsPodEmulator::error(const QString &code, const QString &message) const
{
    return json(200,
                QJsonObject {
                    { QStringLiteral("Response"),
                      QJsonObject {
                          { QStringLiteral("Error"),
                            QJsonObject { { QStringLiteral("Code"), code }, { QStringLiteral("Message"), message } } },
                          { QStringLiteral("RequestId"), QUuid::createUuid().toString(QUuid::WithoutBraces) } } } });
}

HttpResponse DnsPodEmulator::ok(QJsonObject response) const
{
    response.insert(QStringLiteral("RequestId"), QUuid::createUuid().toString(QUuid::WithoutBraces));
    return json(200, QJsonObject { { QStringLiteral("Response"), response } });
}

// The verifier side of TC3-HMAC-SHA256, written from the documentation
// without Dockmaster's signer, so a shared mistake cannot hide.
QString DnsPodEmulator::checkSignature(const HttpRequest &request)
{
    static const QRegularExpression pattern(
        QStringLiteral("\\ATC3-HMAC-SHA256 Credential=([^/]+)/(\\d{4}-\\d{2}-\\d{2})/([a-z]+)/tc3_request, "
                       "SignedHeaders=([a-z;-]+), Signature=([0-9a-f]{64})\\z"));
    const QRegularExpressionMatch match = pattern.match(QString::fromLatin1(request.headers.value("authorization")));
    if (!match.hasMatch())
        return QStringLiteral("AuthFailure.InvalidAuthorization");
    if (match.captured(1) != m_secretId)
        return QStringLiteral("AuthFailure.SecretIdNotFound");
    bool ok = false;
    const qint64 timestamp = request.headers.value("x-tc-timestamp").toLongLong(&ok);
    if (!ok || std::abs(QDateTime::currentSecsSinceEpoch() - timestamp) > 300)
        return QStringLiteral("AuthFailure.SignatureExpire");
    const QByteArray date
        = QDateTime::fromSecsSinceEpoch(timestamp, QTimeZone::UTC).toString(QStringLiteral("yyyy-MM-dd")).toLatin1();
    if (match.captured(2).toLatin1() != date || match.captured(3) != QLatin1String("dnspod"))
        return QStringLiteral("AuthFailure.SignatureFailure");
    const QStringList signedHeaders = match.captured(4).split(QLatin1Char(';'));
    if (!signedHeaders.contains(QLatin1String("content-type")) || !signedHeaders.contains(QLatin1String("host")))
        return QStringLiteral("AuthFailure.SignatureFailure");
    QByteArray canonicalHeaders;
    for (const QString &name : signedHeaders)
        canonicalHeaders += name.toLatin1() + ':' + request.headers.value(name.toLatin1()).trimmed().toLower() + '\n';
    const QByteArray canonical = "POST\n/\n\n" + canonicalHeaders + '\n' + match.captured(4).toLatin1() + '\n'
        + QCryptographicHash::hash(request.body, QCryptographicHash::Sha256).toHex();
    const QByteArray scope = date + "/dnspod/tc3_request";
    const QByteArray toSign = "TC3-HMAC-SHA256\n" + QByteArray::number(timestamp) + '\n' + scope + '\n'
        + QCryptographicHash::hash(canonical, QCryptographicHash::Sha256).toHex();
    QByteArray key = hmacSha256("TC3" + m_secretKey, date);
    key = hmacSha256(key, "dnspod");
    key = hmacSha256(key, "tc3_request");
    if (hmacSha256(key, toSign).toHex() != match.captured(5).toLatin1()) {
        ++m_signatureFailures;
        return QStringLiteral("AuthFailure.SignatureFailure");
    }
    return {};
}

HttpResponse DnsPodEmulator::handle(const HttpRequest &request)
{
    if (request.method != "POST" || request.path != QLatin1String("/"))
        return error(QStringLiteral("UnsupportedOperation"), QStringLiteral("Only POST / is served."));
    if (!request.headers.value("content-type").startsWith("application/json"))
        return error(QStringLiteral("InvalidParameter"), QStringLiteral("Content-Type must be application/json."));
    if (request.headers.value("x-tc-version") != "2021-03-23")
        return error(QStringLiteral("NoSuchVersion"), QStringLiteral("The version does not exist."));
    if (const QString failure = checkSignature(request); !failure.isEmpty())
        return error(failure, QStringLiteral("The provided credentials could not be validated."));

    QJsonParseError parseError;
    const QJsonObject in = QJsonDocument::fromJson(request.body, &parseError).object();
    if (parseError.error != QJsonParseError::NoError)
        return error(QStringLiteral("InvalidParameter"), QStringLiteral("Malformed JSON body."));
    const QByteArray action = request.headers.value("x-tc-action");
    const QString domain = in.value(QLatin1String("Domain")).toString();
    if (!m_domains.contains(domain))
        return error(QStringLiteral("InvalidParameterValue.DomainNotExists"),
                     QStringLiteral("The domain does not exist."));

    if (action == "DescribeRecordList") {
        const QString sub = in.value(QLatin1String("Subdomain")).toString();
        const QString type = in.value(QLatin1String("RecordType")).toString();
        const int offset = in.value(QLatin1String("Offset")).toInt(0);
        const int limit = std::min({ in.value(QLatin1String("Limit")).toInt(100), 3000, m_pageSize });
        QList<Record> matching;
        for (const Record &record : std::as_const(m_records)) {
            if (record.domain == domain && (sub.isEmpty() || record.subDomain == sub)
                && (type.isEmpty() || record.type == type))
                matching.append(record);
        }
        if (!m_raceSubDomain.isEmpty() && m_raceSubDomain == sub) {
            addRecord(domain, m_raceSubDomain, m_raceValue);
            m_raceSubDomain.clear();
        }
        if (matching.isEmpty() || offset >= matching.size())
            return error(QStringLiteral("ResourceNotFound.NoDataOfRecord"), QStringLiteral("No records found."));
        QJsonArray list;
        for (qsizetype i = offset; i < matching.size() && list.size() < limit; ++i) {
            const Record &record = matching.at(i);
            list.append(QJsonObject { { QStringLiteral("RecordId"), record.id },
                                      { QStringLiteral("Name"), record.subDomain },
                                      { QStringLiteral("Type"), record.type },
                                      { QStringLiteral("Line"), record.line },
                                      { QStringLiteral("Value"), record.value },
                                      { QStringLiteral("TTL"), record.ttl },
                                      { QStringLiteral("Status"), QStringLiteral("ENABLE") } });
        }
        return ok(QJsonObject { { QStringLiteral("RecordCountInfo"),
                                  QJsonObject { { QStringLiteral("SubdomainCount"), matching.size() },
                                                { QStringLiteral("ListCount"), list.size() },
                                                { QStringLiteral("TotalCount"), matching.size() } } },
                                { QStringLiteral("RecordList"), list } });
    }

    if (action == "CreateRecord" || action == "ModifyRecord") {
        static const QRegularExpression ipv4(QStringLiteral("\\A(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}"
                                                            "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\z"));
        const QString sub = in.value(QLatin1String("SubDomain")).toString(QStringLiteral("@"));
        const QString value = in.value(QLatin1String("Value")).toString();
        if (in.value(QLatin1String("RecordType")).toString() != QLatin1String("A") || !ipv4.match(value).hasMatch())
            return error(QStringLiteral("InvalidParameter.RecordValueInvalid"),
                         QStringLiteral("Record value invalid."));
        if (in.value(QLatin1String("RecordLine")).toString() != defaultLine())
            return error(QStringLiteral("InvalidParameter.RecordLineInvalid"), QStringLiteral("Record line invalid."));
        const int ttl = in.value(QLatin1String("TTL")).toInt(600);
        if (ttl < 1 || ttl > 604800)
            return error(QStringLiteral("InvalidParameter.InvalidTTL"), QStringLiteral("TTL invalid."));
        const qint64 id = in.value(QLatin1String("RecordId")).toInteger(-1);
        for (const Record &existing : std::as_const(m_records)) {
            if (existing.id != id && existing.domain == domain && existing.subDomain == sub && existing.value == value
                && existing.type == QLatin1String("A"))
                return error(QStringLiteral("InvalidParameter.DomainRecordExist"),
                             QStringLiteral("The record already exists."));
        }
        if (action == "CreateRecord")
            return ok(QJsonObject { { QStringLiteral("RecordId"), addRecord(domain, sub, value, ttl) } });
        if (!m_records.contains(id) || m_records.value(id).domain != domain)
            return error(QStringLiteral("InvalidParameter.RecordIdInvalid"), QStringLiteral("Record id invalid."));
        Record &record = m_records[id];
        record.subDomain = sub;
        record.value = value;
        record.ttl = ttl;
        return ok(QJsonObject { { QStringLiteral("RecordId"), id } });
    }

    if (action == "DeleteRecord") {
        const qint64 id = in.value(QLatin1String("RecordId")).toInteger(-1);
        if (!m_records.contains(id) || m_records.value(id).domain != domain)
            return error(QStringLiteral("InvalidParameter.RecordIdInvalid"), QStringLiteral("Record id invalid."));
        m_records.remove(id);
        return ok({});
    }
    return error(QStringLiteral("InvalidAction"), QStringLiteral("The action does not exist."));
}

} // namespace Dockmaster::Test
