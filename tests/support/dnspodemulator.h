#pragma once

#include "tests/support/httpemulator.h"

#include <QJsonObject>
#include <QMap>

namespace Dockmaster::Test {

// DNSPod through Tencent Cloud API 3.0 (2021-03-23) as documented. It checks
// every request's TC3-HMAC-SHA256 signature itself, with its own code, and
// answers bad ones with AuthFailure.SignatureFailure. Errors come back as
// HTTP 200 with Response.Error, like the real service.
class DnsPodEmulator final : public HttpEmulator
{
    Q_OBJECT
public:
    struct Record {
        qint64 id = 0;
        QString domain;
        QString subDomain;
        QString type;
        QString line;
        QString value;
        int ttl = 600;
    };

    DnsPodEmulator(const QString &secretId, const QString &secretKey, QObject *parent = nullptr);

    void addDomain(const QString &domain) { m_domains.append(domain); }
    qint64 addRecord(const QString &domain, const QString &subDomain, const QString &value, int ttl = 600);
    QList<Record> records(const QString &domain, const QString &subDomain) const;
    void setPageSize(int pageSize) { m_pageSize = pageSize; }
    int countOf(const QByteArray &action) const;
    int signatureFailures() const { return m_signatureFailures; }
    // Creates `value` at `subDomain` right after the next list of it has been
    // answered: another admin winning the race between list and create.
    void raceCreateAfterNextList(const QString &subDomain, const QString &value)
    {
        m_raceSubDomain = subDomain;
        m_raceValue = value;
    }

protected:
    HttpResponse handle(const HttpRequest &request) override;

private:
    HttpResponse error(const QString &code, const QString &message) const;
    HttpResponse ok(QJsonObject response) const;
    QString checkSignature(const HttpRequest &request);

    QString m_secretId;
    QByteArray m_secretKey;
    QStringList m_domains;
    QMap<qint64, Record> m_records;
    qint64 m_nextId = 1000;
    int m_pageSize = 3000;
    int m_signatureFailures = 0;
    QString m_raceSubDomain;
    QString m_raceValue;
};

} // namespace Dockmaster::Test
