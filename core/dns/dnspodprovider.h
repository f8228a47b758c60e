#pragma once

#include "core/dns/dnsprovider.h"
#include "core/dns/tc3signer.h"

#include <QJsonObject>

namespace Dockmaster {

// DNSPod through Tencent Cloud API 3.0 (version 2021-03-23), every call a
// signed JSON POST. Records go on the default line ("默认").
class DnsPodProvider final : public DnsProvider
{
    Q_OBJECT
public:
    static QUrl defaultEndpoint();

    DnsPodProvider(const QString &secretId, const QString &secretKey, const QStringList &zones,
                   const QUrl &endpoint = defaultEndpoint(), QNetworkAccessManager *network = nullptr,
                   QObject *parent = nullptr);

    QString displayName() const override;

protected:
    void startList(DnsOperation *operation, const QString &zone, const QString &name, const QString &type) override;
    void startUpsert(DnsOperation *operation, const QString &zone, const DnsRecord &record) override;
    void startDelete(DnsOperation *operation, const QString &zone, const QString &name, const QString &type) override;

private:
    using ResponseHandler = std::function<void(const QJsonObject &response, const QString &errorCode)>;
    using RecordsHandler = std::function<void(const QList<DnsRecord> &)>;

    // One signed API call. Errors fail the operation unless their code is in
    // `tolerated`; then the handler gets the code.
    void call(DnsOperation *operation, const QByteArray &action, const QJsonObject &parameters, ResponseHandler handler,
              const QStringList &tolerated = {});
    void listAll(DnsOperation *operation, const QString &zone, const QString &name, const QString &type, int offset,
                 QList<DnsRecord> collected, RecordsHandler handler);
    void writeRecord(DnsOperation *operation, const QString &zone, const DnsRecord &record,
                     const QList<DnsRecord> &current, bool mayCreate);
    void deleteEach(DnsOperation *operation, const QString &zone, const QList<DnsRecord> &victims,
                    std::function<void()> done);

    QUrl m_endpoint;
    QByteArray m_host;
    Tc3Signer m_signer;
};

} // namespace Dockmaster
