#include "core/dns/cloudflareprovider.h"
#include "core/dns/dnspodprovider.h"
#include "core/dns/dnsvalidation.h"
#include "core/dns/powerdnsprovider.h"
#include "tests/dns/dnstesthelpers.h"
#include "tests/support/cloudflareemulator.h"
#include "tests/support/dnspodemulator.h"

#include <QTcpServer>
#include <QTest>

using namespace Dockmaster;
using namespace Dockmaster::Test;

// Hostile values never reach a provider: each is refused with a message that
// names the field, before a single request, by every provider.
class TestDnsValidation : public QObject
{
    Q_OBJECT

    static void hostileNames()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("empty") << QString();
        QTest::newRow("newline") << QStringLiteral("app0000001.test.example.com\nevil.example.com");
        QTest::newRow("carriage return") << QStringLiteral("app0000001.test.example.com\r");
        QTest::newRow("semicolon") << QStringLiteral("app0000001;rm.test.example.com");
        QTest::newRow("brace") << QStringLiteral("app0000001}.test.example.com");
        QTest::newRow("dollar") << QStringLiteral("$app0000001.test.example.com");
        QTest::newRow("double quote") << QStringLiteral("app0000001\".test.example.com");
        QTest::newRow("single quote") << QStringLiteral("app0000001'.test.example.com");
        QTest::newRow("dot dot slash") << QStringLiteral("../app0000001.test.example.com");
        QTest::newRow("slash") << QStringLiteral("app0000001.test.example.com/zones");
        QTest::newRow("query") << QStringLiteral("app0000001.test.example.com?x=1");
        QTest::newRow("percent") << QStringLiteral("app%2e.test.example.com");
        QTest::newRow("space") << QStringLiteral("app 1.test.example.com");
        QTest::newRow("nul") << QStringLiteral("app0000001.test.example.com") + QChar(0);
        QTest::newRow("cyrillic a lookalike") << QString::fromUtf8("\xd0\xb0pp0000001.test.example.com");
        QTest::newRow("fullwidth dot") << QString::fromUtf8("app0000001\xef\xbc\x8etest.example.com");
        QTest::newRow("upper case") << QStringLiteral("APP0000001.test.example.com");
        QTest::newRow("trailing dot") << QStringLiteral("app0000001.test.example.com.");
        QTest::newRow("empty label") << QStringLiteral("app0000001..example.com");
        QTest::newRow("leading hyphen") << QStringLiteral("-app.test.example.com");
        QTest::newRow("underscore") << QStringLiteral("app_1.test.example.com");
        QTest::newRow("wildcard") << QStringLiteral("*.test.example.com");
        QTest::newRow("single label") << QStringLiteral("localhost");
        QTest::newRow("label of 64") << QString(64, QLatin1Char('a')) + QStringLiteral(".test.example.com");
        QTest::newRow("overlong") << QString(QString(60, QLatin1Char('a')) + QLatin1Char('.')).repeated(5)
                + QStringLiteral("test.example.com");
    }

    static void hostileAddresses()
    {
        QTest::addColumn<QString>("address");
        QTest::newRow("empty") << QString();
        QTest::newRow("newline") << QStringLiteral("192.0.2.1\n192.0.2.2");
        QTest::newRow("semicolon") << QStringLiteral("192.0.2.1;");
        QTest::newRow("brace") << QStringLiteral("192.0.2.1}");
        QTest::newRow("dollar") << QStringLiteral("$IP");
        QTest::newRow("quote") << QStringLiteral("\"192.0.2.1\"");
        QTest::newRow("dot dot slash") << QStringLiteral("../192.0.2.1");
        QTest::newRow("octet 256") << QStringLiteral("192.0.2.256");
        QTest::newRow("leading zero") << QStringLiteral("192.0.02.1");
        QTest::newRow("three octets") << QStringLiteral("192.0.2");
        QTest::newRow("five octets") << QStringLiteral("192.0.2.1.5");
        QTest::newRow("ipv6") << QStringLiteral("2001:db8::1");
        QTest::newRow("host name") << QStringLiteral("example.com");
        QTest::newRow("arabic-indic digits") << QString::fromUtf8("\xd9\xa1\xd9\xa9\xd9\xa2.0.2.1");
        QTest::newRow("fullwidth digits") << QString::fromUtf8("\xef\xbc\x91\xef\xbc\x99\xef\xbc\x92.0.2.1");
        QTest::newRow("spaces") << QStringLiteral(" 192.0.2.1");
        QTest::newRow("overlong") << QStringLiteral("1.").repeated(300) + QStringLiteral("1");
    }

private Q_SLOTS:
    void acceptsGoodValues()
    {
        QVERIFY(DnsValidation::recordName(QStringLiteral("app0000042.test.example.com")).isEmpty());
        QVERIFY(DnsValidation::recordName(QStringLiteral("a-b.c")).isEmpty());
        QVERIFY(DnsValidation::ipv4Address(QStringLiteral("192.0.2.10")).isEmpty());
        QVERIFY(DnsValidation::ipv4Address(QStringLiteral("0.0.0.0")).isEmpty());
        QVERIFY(DnsValidation::ipv4Address(QStringLiteral("255.255.255.255")).isEmpty());
        QVERIFY(DnsValidation::ttl(60).isEmpty());
        QVERIFY(DnsValidation::ttl(86400).isEmpty());
        QCOMPARE(DnsValidation::zoneOf(QStringLiteral("app1.test.example.com"),
                                       { QStringLiteral("example.com"), QStringLiteral("test.example.com") }),
                 QStringLiteral("test.example.com"));
        // "badexample.com" is not inside "example.com".
        QVERIFY(
            DnsValidation::zoneOf(QStringLiteral("app1.badexample.com"), { QStringLiteral("example.com") }).isEmpty());
    }

    void refusesHostileNames_data() { hostileNames(); }
    void refusesHostileNames()
    {
        QFETCH(QString, name);
        const QString message = DnsValidation::recordName(name);
        QVERIFY(!message.isEmpty());
        QVERIFY2(message.startsWith(QLatin1String("Record name:")), qPrintable(message));
    }

    void refusesHostileAddresses_data() { hostileAddresses(); }
    void refusesHostileAddresses()
    {
        QFETCH(QString, address);
        const QString message = DnsValidation::ipv4Address(address);
        QVERIFY2(message.startsWith(QLatin1String("Address:")), qPrintable(message));
    }

    void refusesBadTtl_data()
    {
        QTest::addColumn<int>("ttl");
        QTest::newRow("zero") << 0;
        QTest::newRow("negative") << -1;
        QTest::newRow("below minimum") << 59;
        QTest::newRow("above maximum") << 86401;
        QTest::newRow("huge") << std::numeric_limits<int>::max();
    }
    void refusesBadTtl()
    {
        QFETCH(int, ttl);
        QVERIFY(DnsValidation::ttl(ttl).startsWith(QLatin1String("TTL:")));
    }

    void refusesHostileCredentials_data()
    {
        QTest::addColumn<QString>("secret");
        QTest::newRow("empty") << QString();
        QTest::newRow("header injection") << QStringLiteral("key\r\nX-Other: 1");
        QTest::newRow("space") << QStringLiteral("two words");
        QTest::newRow("non-ascii") << QString::fromUtf8("cl\xc3\xa9");
    }
    void refusesHostileCredentials()
    {
        QFETCH(QString, secret);
        PowerDnsProvider provider(QUrl(QStringLiteral("http://127.0.0.1:1")), secret,
                                  { QStringLiteral("example.com") });
        QVERIFY(!provider.configurationError().isEmpty());
        QVERIFY(!provider.configurationError().contains(secret) || secret.isEmpty());
        const Outcome outcome = await(provider.listRecords(QStringLiteral("app1.example.com")));
        QVERIFY(outcome.finished);
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.field, QStringLiteral("configuration"));
        QCOMPARE(provider.requestsSent(), 0u);
    }

    void refusesInsecureBaseUrl()
    {
        // Plain http is fine on loopback (tests, a local pdns), never elsewhere.
        CloudflareProvider remote(QStringLiteral("token"), { QStringLiteral("example.com") },
                                  QUrl(QStringLiteral("http://api.cloudflare.com/client/v4")));
        QVERIFY(remote.configurationError().contains(QLatin1String("https")));
        CloudflareProvider secure(QStringLiteral("token"), { QStringLiteral("example.com") });
        QVERIFY(secure.configurationError().isEmpty());
    }

    void providersRefuseHostileNamesBeforeAnyRequest_data() { hostileNames(); }
    void providersRefuseHostileNamesBeforeAnyRequest()
    {
        QFETCH(QString, name);
        CloudflareEmulator cloudflare(QStringLiteral("token"));
        QVERIFY(cloudflare.listen());
        cloudflare.addZone(QStringLiteral("example.com"));
        DnsPodEmulator dnspod(QStringLiteral("id"), QStringLiteral("key"));
        QVERIFY(dnspod.listen());
        QTcpServer pdns; // a PowerDNS stand-in that must never see a connection
        QVERIFY(pdns.listen(QHostAddress::LocalHost));
        QUrl pdnsUrl(QStringLiteral("http://127.0.0.1"));
        pdnsUrl.setPort(pdns.serverPort());

        const QStringList zones { QStringLiteral("example.com") };
        PowerDnsProvider powerDns(pdnsUrl, QStringLiteral("key"), zones);
        CloudflareProvider cloudflareProvider(QStringLiteral("token"), zones, cloudflare.baseUrl());
        DnsPodProvider dnspodProvider(QStringLiteral("id"), QStringLiteral("key"), zones, dnspod.url());
        for (DnsProvider *provider :
             std::initializer_list<DnsProvider *> { &powerDns, &cloudflareProvider, &dnspodProvider }) {
            QVERIFY2(provider->configurationError().isEmpty(), qPrintable(provider->configurationError()));
            // Each operation is awaited right after the call: finished() comes from the event loop.
            for (int call = 0; call < 3; ++call) {
                const Outcome outcome
                    = await(call == 0       ? provider->upsertARecord(name, QStringLiteral("192.0.2.1"), 300)
                                : call == 1 ? provider->listRecords(name)
                                            : provider->deleteRecords(name));
                QVERIFY(outcome.finished);
                QVERIFY(!outcome.ok);
                QCOMPARE(outcome.field, QStringLiteral("name"));
                QVERIFY(outcome.error.startsWith(QLatin1String("Record name:")));
            }
            QCOMPARE(provider->requestsSent(), 0u);
        }
        QCoreApplication::processEvents();
        QCOMPARE(cloudflare.requestCount(), 0);
        QCOMPARE(dnspod.requestCount(), 0);
        QVERIFY(!pdns.hasPendingConnections());
    }

    void providersRefuseHostileAddresses_data() { hostileAddresses(); }
    void providersRefuseHostileAddresses()
    {
        QFETCH(QString, address);
        const QStringList zones { QStringLiteral("example.com") };
        PowerDnsProvider powerDns(QUrl(QStringLiteral("http://127.0.0.1:1")), QStringLiteral("key"), zones);
        CloudflareProvider cloudflareProvider(QStringLiteral("token"), zones);
        DnsPodProvider dnspodProvider(QStringLiteral("id"), QStringLiteral("key"), zones);
        for (DnsProvider *provider :
             std::initializer_list<DnsProvider *> { &powerDns, &cloudflareProvider, &dnspodProvider }) {
            const Outcome outcome = await(provider->upsertARecord(QStringLiteral("app1.example.com"), address, 300));
            QVERIFY(!outcome.ok);
            QCOMPARE(outcome.field, QStringLiteral("address"));
            QCOMPARE(provider->requestsSent(), 0u);
        }
    }

    void refusesNamesOutsideTheZones()
    {
        PowerDnsProvider provider(QUrl(QStringLiteral("http://127.0.0.1:1")), QStringLiteral("key"),
                                  { QStringLiteral("test.example.com") });
        const Outcome outcome
            = await(provider.upsertARecord(QStringLiteral("app1.other.example.com"), QStringLiteral("192.0.2.1"), 300));
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.field, QStringLiteral("name"));
        QCOMPARE(provider.requestsSent(), 0u);
    }
};

QTEST_GUILESS_MAIN(TestDnsValidation)
#include "tst_dnsvalidation.moc"
