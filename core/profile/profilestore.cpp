#include "core/profile/profilestore.h"

#include <QCoreApplication>

namespace Dockmaster {
namespace {
const QString profilesGroup = QStringLiteral("profiles");
}

ProfileStore::ProfileStore()
    : m_settings(std::make_unique<QSettings>())
{
}

ProfileStore::ProfileStore(const QString &iniFilePath)
    : m_settings(std::make_unique<QSettings>(iniFilePath, QSettings::IniFormat))
{
}

QStringList ProfileStore::profileNames() const
{
    m_settings->beginGroup(profilesGroup);
    QStringList names = m_settings->childGroups();
    m_settings->endGroup();
    names.sort(Qt::CaseInsensitive);
    return names;
}

std::optional<Profile> ProfileStore::load(const QString &name) const
{
    if (!profileNames().contains(name))
        return std::nullopt;
    m_settings->beginGroup(profilesGroup + QLatin1Char('/') + name);
    Profile profile;
    profile.name = name;
    profile.gitlabUrl = QUrl(m_settings->value(QStringLiteral("gitlabUrl")).toString());
    profile.rootGroup = m_settings->value(QStringLiteral("rootGroup"), profile.rootGroup).toString();
    profile.inventoryProject
        = m_settings->value(QStringLiteral("inventoryProject"), profile.inventoryProject).toString();
    profile.testDomainSuffix = m_settings->value(QStringLiteral("testDomainSuffix")).toString();
    profile.productionDomainSuffix = m_settings->value(QStringLiteral("productionDomainSuffix")).toString();
    profile.dnsProvider = dnsProviderFromKey(m_settings->value(QStringLiteral("dnsProvider")).toString());
    profile.dnsEndpoint = QUrl(m_settings->value(QStringLiteral("dnsEndpoint")).toString());
    profile.dnsZone = m_settings->value(QStringLiteral("dnsZone")).toString();
    profile.dockerCertificateDir = m_settings->value(QStringLiteral("dockerCertificateDir")).toString();
    profile.lokiUrl = QUrl(m_settings->value(QStringLiteral("lokiUrl")).toString(), QUrl::StrictMode);
    profile.lokiTenant = m_settings->value(QStringLiteral("lokiTenant")).toString();
    profile.keyValueAddress = m_settings->value(QStringLiteral("keyValueAddress")).toString();
    profile.keyValueAppAddress = m_settings->value(QStringLiteral("keyValueAppAddress")).toString();
    profile.edgeAuthUrl = m_settings->value(QStringLiteral("edgeAuthUrl")).toString();
    profile.edgeLoginUrl = m_settings->value(QStringLiteral("edgeLoginUrl")).toString();
    profile.keyValueAdminUser = m_settings->value(QStringLiteral("keyValueAdminUser")).toString();
    profile.keyValueTls = m_settings->value(QStringLiteral("keyValueTls"), true).toBool();
    profile.keyValueCaFile = m_settings->value(QStringLiteral("keyValueCaFile")).toString();
    profile.gitlabMaxConcurrent
        = m_settings->value(QStringLiteral("gitlabMaxConcurrent"), profile.gitlabMaxConcurrent).toInt();
    profile.gitlabRequestsPerMinute
        = m_settings->value(QStringLiteral("gitlabRequestsPerMinute"), profile.gitlabRequestsPerMinute).toInt();
    profile.approvalSlaHours = m_settings->value(QStringLiteral("approvalSlaHours"), profile.approvalSlaHours).toInt();
    profile.requireSecondApprover
        = m_settings->value(QStringLiteral("requireSecondApprover"), profile.requireSecondApprover).toBool();
    profile.productionApprovals
        = m_settings->value(QStringLiteral("productionApprovals"), profile.productionApprovals).toInt();
    profile.testApprovals = m_settings->value(QStringLiteral("testApprovals"), profile.testApprovals).toInt();
    profile.refuseProductionBeforeTest
        = m_settings->value(QStringLiteral("refuseProductionBeforeTest"), profile.refuseProductionBeforeTest).toBool();
    m_settings->endGroup();
    return profile;
}

std::optional<Profile> ProfileStore::loadForUse(const QString &name, QString *refusal) const
{
    std::optional<Profile> profile = load(name);
    if (!profile) {
        if (refusal)
            *refusal = QCoreApplication::translate("Dockmaster::ProfileStore", "There is no profile named \"%1\".")
                           .arg(name.left(64));
        return std::nullopt;
    }
    const QList<QPair<QString, QString>> problems = profile->validate();
    if (problems.isEmpty())
        return profile;
    if (refusal) {
        QStringList lines;
        for (const auto &[field, message] : problems)
            lines.append(QStringLiteral("%1: %2").arg(field, message));
        *refusal = QCoreApplication::translate("Dockmaster::ProfileStore",
                                               "The profile \"%1\" in %2 was refused and nothing was sent to its "
                                               "servers; fix it in Settings (Ctrl+,).\n%3")
                       .arg(name.left(64), fileName(), lines.join(QLatin1Char('\n')));
    }
    return std::nullopt;
}

void ProfileStore::save(const Profile &profile)
{
    Q_ASSERT(!profile.isSandbox);
    m_settings->beginGroup(profilesGroup + QLatin1Char('/') + profile.name);
    m_settings->setValue(QStringLiteral("gitlabUrl"), profile.gitlabUrl.toString());
    m_settings->setValue(QStringLiteral("rootGroup"), profile.rootGroup);
    m_settings->setValue(QStringLiteral("inventoryProject"), profile.inventoryProject);
    m_settings->setValue(QStringLiteral("testDomainSuffix"), profile.testDomainSuffix);
    m_settings->setValue(QStringLiteral("productionDomainSuffix"), profile.productionDomainSuffix);
    m_settings->setValue(QStringLiteral("dnsProvider"), dnsProviderKey(profile.dnsProvider));
    m_settings->setValue(QStringLiteral("dnsEndpoint"), profile.dnsEndpoint.toString());
    m_settings->setValue(QStringLiteral("dnsZone"), profile.dnsZone);
    m_settings->setValue(QStringLiteral("dockerCertificateDir"), profile.dockerCertificateDir);
    m_settings->setValue(QStringLiteral("lokiUrl"), profile.lokiUrl.toString());
    m_settings->setValue(QStringLiteral("lokiTenant"), profile.lokiTenant);
    m_settings->setValue(QStringLiteral("keyValueAddress"), profile.keyValueAddress);
    m_settings->setValue(QStringLiteral("keyValueAppAddress"), profile.keyValueAppAddress);
    m_settings->setValue(QStringLiteral("edgeAuthUrl"), profile.edgeAuthUrl);
    m_settings->setValue(QStringLiteral("edgeLoginUrl"), profile.edgeLoginUrl);
    m_settings->setValue(QStringLiteral("keyValueAdminUser"), profile.keyValueAdminUser);
    m_settings->setValue(QStringLiteral("keyValueTls"), profile.keyValueTls);
    m_settings->setValue(QStringLiteral("keyValueCaFile"), profile.keyValueCaFile);
    m_settings->setValue(QStringLiteral("gitlabMaxConcurrent"), profile.gitlabMaxConcurrent);
    m_settings->setValue(QStringLiteral("gitlabRequestsPerMinute"), profile.gitlabRequestsPerMinute);
    m_settings->setValue(QStringLiteral("approvalSlaHours"), profile.approvalSlaHours);
    m_settings->setValue(QStringLiteral("requireSecondApprover"), profile.requireSecondApprover);
    m_settings->setValue(QStringLiteral("productionApprovals"), profile.productionApprovals);
    m_settings->setValue(QStringLiteral("testApprovals"), profile.testApprovals);
    m_settings->setValue(QStringLiteral("refuseProductionBeforeTest"), profile.refuseProductionBeforeTest);
    m_settings->endGroup();
    m_settings->sync();
}

void ProfileStore::remove(const QString &name)
{
    m_settings->remove(profilesGroup + QLatin1Char('/') + name);
    if (lastUsedProfile() == name)
        m_settings->remove(QStringLiteral("lastProfile"));
    m_settings->sync();
}

QString ProfileStore::lastUsedProfile() const
{
    return m_settings->value(QStringLiteral("lastProfile")).toString();
}

void ProfileStore::setLastUsedProfile(const QString &name)
{
    m_settings->setValue(QStringLiteral("lastProfile"), name);
    m_settings->sync();
}

} // namespace Dockmaster
