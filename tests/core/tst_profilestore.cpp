#include "core/profile/profilestore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Dockmaster;

class TestProfileStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void profilesRoundTripAndRemember()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("settings.ini"));
        Profile profile;
        profile.name = QStringLiteral("prod");
        profile.gitlabUrl = QUrl(QStringLiteral("https://gitlab.example.com"));
        profile.testDomainSuffix = QStringLiteral("test.plugins.example.com");
        profile.productionDomainSuffix = QStringLiteral("plugins.example.com");
        profile.dnsProvider = DnsProviderKind::DnsPod;
        profile.dnsZone = QStringLiteral("plugins.example.com.");
        profile.approvalSlaHours = 8;
        profile.gitlabMaxConcurrent = 12; // not the defaults either
        profile.gitlabRequestsPerMinute = 1500;
        profile.requireSecondApprover = false;
        profile.keyValueAddress = QStringLiteral("kv.example.com:6379");
        profile.keyValueAppAddress = QStringLiteral("10.0.0.5:7000,10.0.0.6:7000");
        profile.keyValueAdminUser = QStringLiteral("dockmaster");
        profile.keyValueTls = false; // not the default: it must be read back as saved
        profile.keyValueCaFile = QStringLiteral("/etc/ssl/kv-ca.pem");
        profile.edgeAuthUrl = QStringLiteral("https://auth.example.com/verify");
        profile.edgeLoginUrl = QStringLiteral("https://auth.example.com/login");
        {
            ProfileStore store(file);
            store.save(profile);
            store.setLastUsedProfile(profile.name);
        }
        ProfileStore reopened(file);
        QCOMPARE(reopened.profileNames(), QStringList { QStringLiteral("prod") });
        QCOMPARE(reopened.lastUsedProfile(), QStringLiteral("prod"));
        QCOMPARE(reopened.load(QStringLiteral("prod")).value(), profile);
        QVERIFY(!reopened.load(QStringLiteral("missing")).has_value());
        reopened.remove(QStringLiteral("prod"));
        QVERIFY(reopened.profileNames().isEmpty());
        QVERIFY(reopened.lastUsedProfile().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profilestore.moc"
