#pragma once

#include "core/profile/profile.h"

#include <QString>

class QNetworkAccessManager;
class QObject;

namespace Dockmaster {

class DnsProvider;

// Builds the profile's DNS provider. `credential` is the secret read from
// SecretStore::dnsCredentialKey(profile): the PowerDNS API key, the Cloudflare
// API token, or for DNSPod "<SecretId>:<SecretKey>" (one keychain entry).
// Zones: the profile's DNS zone, or else its test and production suffixes.
// Returns null (and says why in `error`) when the profile has no provider;
// otherwise a provider whose configurationError() reports any bad setting.
DnsProvider *createDnsProvider(const Profile &profile, const QString &credential, QNetworkAccessManager *network,
                               QObject *parent, QString *error = nullptr);

QStringList dnsZonesOf(const Profile &profile);

} // namespace Dockmaster
