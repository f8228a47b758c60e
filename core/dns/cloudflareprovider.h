#pragma once

#include "core/dns/dnsprovider.h"

#include <QHash>
#include <QJsonObject>
#include <QUrlQuery>

namespace Dockmaster {

// Cloudflare API v4 with a scoped API token (Bearer). POST is not idempotent
// there, so an upsert lists the name first and updates what exists (PUT),
// creating only when nothing is there.
class CloudflareProvider final : public DnsProvider
{
    Q_OBJECT
public:
    static QUrl defaultBaseUrl();

    CloudflareProvider(const QString &apiToken, const QStringList &zones, const QUrl &baseUrl = defaultBaseUrl(),
                       QNetworkAccessManager *network = nullptr, QObject *parent = nullptr);

    QString displayName() const override;
    // Longest wait a 429 answer may ask for before we give up and say so.
    void setMaximumRetryWait(int seconds) { m_maximumRetryWait = seconds; }

protected:
    void startList(DnsOperation *operation, const QString &zone, const QString &name, const QString &type) override;
    void startUpsert(DnsOperation *operation, const QString &zone, const DnsRecord &record) override;
    void startDelete(DnsOperation *operation, const QString &zone, const QString &name, const QString &type) override;

private:
    using EnvelopeHandler = std::function<void(const QJsonObject &envelope)>;
    using RecordsHandler = std::function<void(const QList<DnsRecord> &)>;
    using ZoneHandler = std::function<void(const QString &zoneId)>;

    // One API call; unwraps the envelope, retries once per 429 within the
    // allowed wait, fails the operation otherwise. `tolerated` error codes are
    // handed to the handler instead of failing.
    void call(DnsOperation *operation, const QByteArray &verb, const QString &path, const QUrlQuery &query,
              const QJsonObject &body, EnvelopeHandler handler, QList<int> tolerated = {}, int attempt = 0);
    void withZoneId(DnsOperation *operation, const QString &zone, ZoneHandler handler);
    void listAll(DnsOperation *operation, const QString &zoneId, const QString &name, const QString &type, int page,
                 QList<DnsRecord> collected, RecordsHandler handler);
    void writeRecord(DnsOperation *operation, const QString &zoneId, const DnsRecord &record,
                     const QList<DnsRecord> &current, bool mayCreate);
    void deleteEach(DnsOperation *operation, const QString &zoneId, const QList<DnsRecord> &victims,
                    std::function<void()> done);

    QUrl m_baseUrl;
    QByteArray m_authorization;
    QHash<QString, QString> m_zoneIds;
    int m_maximumRetryWait = 60;
};

} // namespace Dockmaster
