#pragma once

#include "core/dns/dnsprovider.h"

#include <QJsonObject>

namespace Dockmaster {

// PowerDNS Authoritative through its HTTP API (/api/v1, X-API-Key). Upserts
// are PATCH REPLACE of the name's A RRset, deletes PATCH DELETE.
class PowerDnsProvider final : public DnsProvider
{
    Q_OBJECT
public:
    // `apiUrl` is the webserver root, e.g. http://127.0.0.1:8081 (the
    // /api/v1 prefix is added here).
    PowerDnsProvider(const QUrl &apiUrl, const QString &apiKey, const QStringList &zones,
                     QNetworkAccessManager *network = nullptr, QObject *parent = nullptr,
                     const QString &serverId = QStringLiteral("localhost"));

    QString displayName() const override;

protected:
    void startList(DnsOperation *operation, const QString &zone, const QString &name, const QString &type) override;
    void startUpsert(DnsOperation *operation, const QString &zone, const DnsRecord &record) override;
    void startDelete(DnsOperation *operation, const QString &zone, const QString &name, const QString &type) override;

private:
    using RecordsHandler = std::function<void(const QList<DnsRecord> &)>;
    void fetch(DnsOperation *operation, const QString &zone, const QString &name, const QString &type,
               RecordsHandler handler);
    void patch(DnsOperation *operation, const QString &zone, const QJsonObject &rrset, DnsOperation::Change change,
               const QList<DnsRecord> &result);
    QNetworkRequest request(const QString &zone, const QString &query = {}) const;
    // False (and the operation failed) unless the answer is a success.
    bool checkAnswer(DnsOperation *operation, const DnsHttpAnswer &answer, const QString &zone);

    QUrl m_apiUrl;
    QByteArray m_apiKey;
    QString m_serverId;
};

} // namespace Dockmaster
