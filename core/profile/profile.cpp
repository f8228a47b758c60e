#include "core/profile/profile.h"

#include "core/util/enumkeys.h"
#include "core/util/serveraddress.h"
#include "core/util/validation.h"

#include <QCoreApplication>
#include <QDir>
#include <QHostAddress>
#include <QRegularExpression>

namespace Dockmaster {

QList<QPair<QString, QString>> Profile::validate() const
{
    QList<QPair<QString, QString>> problems;
    auto check = [&problems](const char *field, const QString &message) {
        if (!message.isEmpty())
            problems.append({ QString::fromLatin1(field), message });
    };
    check("name", Validation::profileName(name));
    check("gitlabUrl", Validation::serverUrl(gitlabUrl.toString()));
    check("rootGroup", Validation::gitlabGroupPath(rootGroup));
    check("inventoryProject", Validation::gitlabProjectPath(inventoryProject));
    check("testDomainSuffix", Validation::domainSuffix(testDomainSuffix));
    check("productionDomainSuffix", Validation::domainSuffix(productionDomainSuffix));
    if (dnsProvider == DnsProviderKind::PowerDns)
        check("dnsEndpoint", Validation::serverUrl(dnsEndpoint.toString()));
    if (dnsProvider != DnsProviderKind::None) {
        QString zone = dnsZone;
        if (zone.endsWith(QLatin1Char('.')))
            zone.chop(1);
        check("dnsZone", Validation::domainSuffix(zone));
    }
    if (!dockerCertificateDir.isEmpty() && !QDir::isAbsolutePath(dockerCertificateDir))
        check("dockerCertificateDir",
              QCoreApplication::translate("Dockmaster::Profile", "Give the full path of the certificate folder."));
    if (!lokiUrl.isEmpty())
        check("lokiUrl", Validation::serverUrl(lokiUrl.toString()));
    if (!lokiTenant.isEmpty()
        && !QRegularExpression(QStringLiteral("^[A-Za-z0-9_.-]{1,64}$")).match(lokiTenant).hasMatch())
        check("lokiTenant",
              QCoreApplication::translate("Dockmaster::Profile", "Use letters, digits, '.', '_' or '-' (at most 64)."));
    if (!keyValueAddress.isEmpty()) {
        check("keyValueAddress",
              keyValueAddress.contains(QLatin1Char(','))
                  ? QCoreApplication::translate("Dockmaster::Profile",
                                                "Give one address; the console finds the other "
                                                "nodes of a cluster itself.")
                  : Validation::serverAddresses(keyValueAddress));
    }
    if (!keyValueAddress.isEmpty() && !keyValueTls) {
        const std::optional<ServerAddress> address = ServerAddress::parse(keyValueAddress);
        const QHostAddress host(address ? address->host : QString());
        const bool loopback = address && (address->host == QLatin1String("localhost") || host.isLoopback());
        if (!loopback)
            check("keyValueAddress",
                  QCoreApplication::translate("Dockmaster::Profile",
                                              "Turn on TLS: a plain connection is only accepted for a store on this "
                                              "computer (the admin password would cross the network in clear)."));
    }
    if (!keyValueCaFile.isEmpty() && !QDir::isAbsolutePath(keyValueCaFile))
        check("keyValueCaFile",
              QCoreApplication::translate("Dockmaster::Profile", "Give the full path of a PEM file."));
    if (!keyValueAppAddress.isEmpty())
        check("keyValueAppAddress", Validation::serverAddresses(keyValueAppAddress));
    if (!keyValueAdminUser.isEmpty()
        && !QRegularExpression(QStringLiteral("^[A-Za-z0-9_.-]{1,64}$")).match(keyValueAdminUser).hasMatch())
        check("keyValueAdminUser",
              QCoreApplication::translate("Dockmaster::Profile", "Use letters, digits, '.', '_' or '-' (at most 64)."));
    if (!edgeAuthUrl.isEmpty())
        check("edgeAuthUrl", Validation::edgeUrl(edgeAuthUrl));
    if (!edgeLoginUrl.isEmpty())
        check("edgeLoginUrl",
              edgeAuthUrl.isEmpty()
                  ? QCoreApplication::translate("Dockmaster::Profile", "A sign-in page needs a sign-in check URL.")
                  : Validation::edgeUrl(edgeLoginUrl));
    if (gitlabMaxConcurrent < 1 || gitlabMaxConcurrent > MaxGitLabConcurrent)
        check("gitlabMaxConcurrent",
              QCoreApplication::translate("Dockmaster::Profile", "Choose between 1 and %1 requests at once.")
                  .arg(MaxGitLabConcurrent));
    if (gitlabRequestsPerMinute < 0 || gitlabRequestsPerMinute > MaxGitLabRequestsPerMinute)
        check("gitlabRequestsPerMinute",
              QCoreApplication::translate("Dockmaster::Profile",
                                          "Choose at most %1 requests a minute, or 0 for no ceiling.")
                  .arg(MaxGitLabRequestsPerMinute));
    if (approvalSlaHours < 1 || approvalSlaHours > 24 * 30)
        check("approvalSlaHours",
              QCoreApplication::translate("Dockmaster::Profile", "Choose between 1 hour and 30 days."));
    for (const auto &[field, count] :
         { std::pair { "productionApprovals", productionApprovals }, std::pair { "testApprovals", testApprovals } }) {
        if (count < 1 || count > 5)
            check(field, QCoreApplication::translate("Dockmaster::Profile", "Choose between 1 and 5 admins."));
    }
    return problems;
}

namespace {

constexpr EnumKey<DnsProviderKind> DnsProviderKeys[] = {
    { DnsProviderKind::None, "none" },
    { DnsProviderKind::PowerDns, "powerdns" },
    { DnsProviderKind::Cloudflare, "cloudflare" },
    { DnsProviderKind::DnsPod, "dnspod" },
};

} // namespace

QString dnsProviderKey(DnsProviderKind kind)
{
    return enumKey(DnsProviderKeys, kind);
}

DnsProviderKind dnsProviderFromKey(const QString &key)
{
    return enumFromKey(DnsProviderKeys, key).value_or(DnsProviderKind::None);
}

} // namespace Dockmaster
