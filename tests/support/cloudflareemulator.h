#pragma once

#include "tests/support/httpemulator.h"

#include <QJsonObject>
#include <QMap>

namespace Dockmaster::Test {

// Cloudflare API v4 as documented (zones, dns_records, the envelope,
// pagination, 429 with retry-after), strict about what it accepts: a Bearer
// token, JSON bodies, valid records, and a duplicate POST fails with 81057.
class CloudflareEmulator final : public HttpEmulator
{
    Q_OBJECT
public:
    struct Record {
        QString id;
        QString zoneId;
        QString name;
        QString type;
        QString content;
        int ttl = 1;
        bool proxied = false;
    };

    explicit CloudflareEmulator(const QString &token, QObject *parent = nullptr);

    QString addZone(const QString &name);
    QString addRecord(const QString &zoneName, const QString &name, const QString &content, int ttl = 300);
    QList<Record> records(const QString &name) const;
    QUrl baseUrl() const { return url(QStringLiteral("/client/v4")); }

    // Test knobs.
    void setPageSize(int pageSize) { m_pageSize = pageSize; }
    void rateLimitNext(int requests, int retryAfterSeconds)
    {
        m_rateLimited = requests;
        m_retryAfter = retryAfterSeconds;
    }
    // Creates `content` at `name` the moment the next list for that name has
    // been answered: another admin winning the race between list and POST.
    void raceCreateAfterNextList(const QString &name, const QString &content)
    {
        m_raceName = name;
        m_raceContent = content;
    }
    int countOf(const QByteArray &method) const;

protected:
    HttpResponse handle(const HttpRequest &request) override;

private:
    HttpResponse failure(int status, int code, const QString &message) const;
    HttpResponse success(const QJsonValue &result, const QJsonObject &resultInfo = {}) const;
    QString validateBody(const QJsonObject &body, bool partial) const;
    QString zoneNameOf(const QString &zoneId) const;

    QString m_token;
    QMap<QString, QString> m_zones; // id -> name
    QMap<QString, Record> m_records;
    int m_nextId = 1;
    int m_pageSize = 100;
    int m_rateLimited = 0;
    int m_retryAfter = 1;
    QString m_raceName;
    QString m_raceContent;
};

} // namespace Dockmaster::Test
