#include "core/dns/dnsproviderfactory.h"

#include "core/dns/cloudflareprovider.h"
#include "core/dns/dnspodprovider.h"
#include "core/dns/powerdnsprovider.h"

#include <QCoreApplication>

namespace Dockmaster {

QStringList dnsZonesOf(const Profile &profile)
{
    QString zone = profile.dnsZone.trimmed();
    if (zone.endsWith(QLatin1Char('.')))
        zone.chop(1);
    if (!zone.isEmpty())
        return { zone };
    QStringList zones;
    for (const QString &suffix : { profile.testDomainSuffix, profile.productionDomainSuffix }) {
        if (!suffix.isEmpty() && !zones.contains(suffix))
            zones.append(suffix);
    }
    return zones;
}

DnsProvider *createDnsProvider(const Profile &profile, const QString &credential, QNetworkAccessManager *network,
                               QObject *parent, QString *error)
{
    const QStringList zones = dnsZonesOf(profile);
    switch (profile.dnsProvider) {
    case DnsProviderKind::PowerDns:
        return new PowerDnsProvider(profile.dnsEndpoint, credential, zones, network, parent);
    case DnsProviderKind::Cloudflare:
        return new CloudflareProvider(credential, zones,
                                      profile.dnsEndpoint.isEmpty() ? CloudflareProvider::defaultBaseUrl()
                                                                    : profile.dnsEndpoint,
                                      network, parent);
    case DnsProviderKind::DnsPod: {
        // A missing ':' leaves SecretKey empty, which the provider reports by field name.
        const qsizetype colon = credential.indexOf(QLatin1Char(':'));
        const QString secretId = colon < 0 ? credential : credential.left(colon);
        const QString secretKey = colon < 0 ? QString() : credential.mid(colon + 1);
        return new DnsPodProvider(
            secretId, secretKey, zones,
            profile.dnsEndpoint.isEmpty() ? DnsPodProvider::defaultEndpoint() : profile.dnsEndpoint, network, parent);
    }
    case DnsProviderKind::None:
        break;
    }
    if (error)
        *error = QCoreApplication::translate("Dockmaster::DnsProvider", "This profile has no DNS provider configured.");
    return nullptr;
}

} // namespace Dockmaster
