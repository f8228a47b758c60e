#include "core/dns/dnsprovider.h"
#include "core/dns/dnsproviderfactory.h"
#include "tests/dns/dnstesthelpers.h"
#include "tests/support/dnspodemulator.h"

#include <QTest>

using namespace Dockmaster;
using namespace Dockmaster::Test;

// The provider a profile asks for, built with the credential from the keychain.
class TestDnsProviderFactory : public QObject
{
    Q_OBJECT

    static Profile profile(DnsProviderKind kind)
    {
        Profile profile;
        profile.name = QStringLiteral("acme");
        profile.testDomainSuffix = QStringLiteral("test.plugins.example.com");
        profile.productionDomainSuffix = QStringLiteral("plugins.example.com");
        profile.dnsProvider = kind;
        return profile;
    }

private Q_SLOTS:
    void zones()
    {
        Profile p = profile(DnsProviderKind::PowerDns);
        QCOMPARE(dnsZonesOf(p),
                 (QStringList { QStringLiteral("test.plugins.example.com"), QStringLiteral("plugins.example.com") }));
        p.dnsZone = QStringLiteral("example.com.");
        QCOMPARE(dnsZonesOf(p), QStringList { QStringLiteral("example.com") });
    }

    void noProvider()
    {
        QString error;
        QCOMPARE(createDnsProvider(profile(DnsProviderKind::None), QStringLiteral("x"), nullptr, this, &error),
                 nullptr);
        QVERIFY(!error.isEmpty());
    }

    void kinds()
    {
        Profile powerDns = profile(DnsProviderKind::PowerDns);
        powerDns.dnsEndpoint = QUrl(QStringLiteral("http://127.0.0.1:8081"));
        std::unique_ptr<DnsProvider> provider(createDnsProvider(powerDns, QStringLiteral("key"), nullptr, nullptr));
        QCOMPARE(provider->displayName(), QStringLiteral("PowerDNS"));
        QVERIFY2(provider->configurationError().isEmpty(), qPrintable(provider->configurationError()));

        // PowerDNS has no public default: the endpoint is required.
        provider.reset(createDnsProvider(profile(DnsProviderKind::PowerDns), QStringLiteral("key"), nullptr, nullptr));
        QVERIFY(!provider->configurationError().isEmpty());

        provider.reset(
            createDnsProvider(profile(DnsProviderKind::Cloudflare), QStringLiteral("token"), nullptr, nullptr));
        QCOMPARE(provider->displayName(), QStringLiteral("Cloudflare"));
        QVERIFY(provider->configurationError().isEmpty());

        provider.reset(
            createDnsProvider(profile(DnsProviderKind::DnsPod), QStringLiteral("only-an-id"), nullptr, nullptr));
        QVERIFY(provider->configurationError().contains(QLatin1String("SecretKey")));
        QVERIFY(!provider->configurationError().contains(QLatin1String("only-an-id")));
    }

    void dnspodCredentialIsSplitOnce()
    {
        // SecretId:SecretKey, where the key itself may contain ':'.
        DnsPodEmulator emulator(QStringLiteral("AKIDfactory"), QStringLiteral("key:with:colons"));
        QVERIFY(emulator.listen());
        emulator.addDomain(QStringLiteral("plugins.example.com"));
        Profile dnspod = profile(DnsProviderKind::DnsPod);
        dnspod.dnsZone = QStringLiteral("plugins.example.com.");
        dnspod.dnsEndpoint = emulator.url();
        std::unique_ptr<DnsProvider> provider(
            createDnsProvider(dnspod, QStringLiteral("AKIDfactory:key:with:colons"), nullptr, nullptr));
        const Outcome outcome = await(provider->listRecords(QStringLiteral("app1.test.plugins.example.com")));
        QVERIFY2(outcome.ok, qPrintable(outcome.error));
        QCOMPARE(emulator.signatureFailures(), 0);
    }
};

QTEST_GUILESS_MAIN(TestDnsProviderFactory)
#include "tst_dnsproviderfactory.moc"
