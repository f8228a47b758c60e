#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Dockmaster {

enum class DnsProviderKind { None, PowerDns, Cloudflare, DnsPod };

// One platform Dockmaster can manage: where its GitLab is and how it is laid
// out. Holds no secrets: those are in the keychain under the profile's name.
inline constexpr int MaxGitLabConcurrent = 32;
inline constexpr int MaxGitLabRequestsPerMinute = 100000;

struct Profile {
    QString name;
    QUrl gitlabUrl;
    QString rootGroup = QStringLiteral("plugins");
    QString inventoryProject = QStringLiteral("plugins/ops/inventory");
    QString testDomainSuffix;
    QString productionDomainSuffix;
    DnsProviderKind dnsProvider = DnsProviderKind::None;
    QUrl dnsEndpoint; // API base URL (PowerDNS) or empty for the vendor default
    QString dnsZone;  // e.g. "plugins.example.com."
    // Docker's DOCKER_CERT_PATH layout, one folder per host:
    // <dir>/<host name>/{ca,cert,key}.pem for hosts whose API is TLS (port 2376).
    QString dockerCertificateDir;
    // Loki, for log history across hosts; empty: not used. The tenant is sent
    // as X-Scope-OrgID (multi-tenant Loki) and is not a secret.
    QUrl lokiUrl;
    QString lokiTenant;
    // The platform's key/value store (Valkey) for the plugins; empty: none.
    // The console reaches it as admin at keyValueAddress ("host:port", one
    // node of a cluster is enough); the apps' containers at
    // keyValueAppAddress (host:port, or a cluster's seeds; empty: the same).
    // The admin's password is in the keychain.
    QString keyValueAddress;
    QString keyValueAppAddress;
    QString keyValueAdminUser; // empty: Valkey's "default" user
    // The console's connection to the store: TLS unless the store is on this
    // computer (validate() refuses a plain one elsewhere: the admin password
    // crosses it); its certificate must chain to keyValueCaFile (PEM; empty:
    // the system's trusted CAs) and name the host.
    bool keyValueTls = true;
    QString keyValueCaFile;
    // Identity at the edge (issue 18): the outer nginx asks edgeAuthUrl about
    // every request (auth_request; 2xx with X-Platform-User/-Roles headers:
    // signed in, 401: not, 403: refused) and sends visitors who are not
    // signed in to edgeLoginUrl (empty: they get 401). Empty edgeAuthUrl: no
    // sign-in at the edge, and no grants can be given.
    QString edgeAuthUrl;
    QString edgeLoginUrl;
    // How hard this console may use GitLab (issue 25): requests in flight at
    // once, and a ceiling of requests a minute (0: none; GitLab's own
    // throttle, when it reports one, is followed anyway). Several consoles
    // on one instance, or a GitLab.com account (2,000 a minute), want one.
    int gitlabMaxConcurrent = 6;
    int gitlabRequestsPerMinute = 0;
    int approvalSlaHours = 24;
    bool requireSecondApprover = true; // two-person rule for production
    // How many distinct admins (none the requester) approve before a release
    // deploys; every approval but the last is recorded on the request.
    int productionApprovals = 2;
    int testApprovals = 1;
    // Production approved while the same version's test request is still
    // pending or failed: warn (false) or refuse (true).
    bool refuseProductionBeforeTest = false;
    bool isSandbox = false; // the embedded demo platform; never saved

    // Field name -> message for each invalid field; empty when all is well.
    QList<QPair<QString, QString>> validate() const;
    bool operator==(const Profile &) const = default;
};

QString dnsProviderKey(DnsProviderKind kind);
DnsProviderKind dnsProviderFromKey(const QString &key);

} // namespace Dockmaster

Q_DECLARE_METATYPE(Dockmaster::Profile)
