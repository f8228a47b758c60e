#include "core/dns/powerdnsprovider.h"
#include "tests/dns/dnstesthelpers.h"
#include "tests/support/pdnsserver.h"

#include <QElapsedTimer>
#include <QTest>

#include <csignal>

using namespace Dockmaster;
using namespace Dockmaster::Test;

// Against a real pdns_server started here; every change is checked with dig
// on the server's own DNS port, the way a resolver would see it.
class TestPowerDnsProvider : public QObject
{
    Q_OBJECT

    PdnsServer m_pdns;
    const QString m_zone = QStringLiteral("plugins.test");

    std::unique_ptr<PowerDnsProvider> provider(const QString &key) const
    {
        return std::make_unique<PowerDnsProvider>(m_pdns.apiUrl(), key, QStringList { m_zone });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QElapsedTimer timer;
        timer.start();
        const QString problem = m_pdns.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        qInfo("pdns_server API ready after %lld ms (pid %lld)", timer.elapsed(), m_pdns.pid());
        const QString zoneProblem = m_pdns.createZone(m_zone);
        QVERIFY2(zoneProblem.isEmpty(), qPrintable(zoneProblem));
    }

    void cleanupTestCase()
    {
        const auto pid = pid_t(m_pdns.pid());
        m_pdns.stop();
        QCOMPARE(::kill(pid, 0), -1); // really gone, not left running
    }

    void upsertIsIdempotentAndVisibleInDns()
    {
        const auto pdns = provider(m_pdns.apiKey());
        const QString name = QStringLiteral("app0000001.plugins.test");
        QCOMPARE(m_pdns.dig(name), QStringList());

        Outcome first = await(pdns->upsertARecord(name, QStringLiteral("192.0.2.10"), 300));
        QVERIFY2(first.ok, qPrintable(first.error));
        QCOMPARE(first.change, DnsOperation::Change::Created);
        QCOMPARE(m_pdns.dig(name), QStringList { QStringLiteral("192.0.2.10") });

        const quint64 before = pdns->requestsSent();
        Outcome second = await(pdns->upsertARecord(name, QStringLiteral("192.0.2.10"), 300));
        QVERIFY2(second.ok, qPrintable(second.error));
        QCOMPARE(second.change, DnsOperation::Change::None);
        QCOMPARE(pdns->requestsSent() - before, 1u); // looked, did not write
        QCOMPARE(m_pdns.dig(name), QStringList { QStringLiteral("192.0.2.10") });

        Outcome listed = await(pdns->listRecords(name));
        QVERIFY(listed.ok);
        QCOMPARE(listed.records.size(), 1);
        QCOMPARE(listed.records.first().name, name);
        QCOMPARE(listed.records.first().content, QStringLiteral("192.0.2.10"));
        QCOMPARE(listed.records.first().ttl, 300);
    }

    void changingTheAddressReplacesIt()
    {
        const auto pdns = provider(m_pdns.apiKey());
        const QString name = QStringLiteral("app0000002.plugins.test");
        QVERIFY(await(pdns->upsertARecord(name, QStringLiteral("192.0.2.20"), 300)).ok);
        const Outcome changed = await(pdns->upsertARecord(name, QStringLiteral("198.51.100.7"), 600));
        QVERIFY2(changed.ok, qPrintable(changed.error));
        QCOMPARE(changed.change, DnsOperation::Change::Updated);
        // One address, the new one: the whole RRset was replaced.
        QCOMPARE(m_pdns.dig(name), QStringList { QStringLiteral("198.51.100.7") });
        QCOMPARE(await(pdns->listRecords(name)).records.first().ttl, 600);
    }

    void deleteRemovesAndIsIdempotent()
    {
        const auto pdns = provider(m_pdns.apiKey());
        const QString name = QStringLiteral("app0000003.plugins.test");
        QVERIFY(await(pdns->upsertARecord(name, QStringLiteral("192.0.2.30"), 300)).ok);
        QCOMPARE(m_pdns.dig(name), QStringList { QStringLiteral("192.0.2.30") });

        const Outcome deleted = await(pdns->deleteRecords(name));
        QVERIFY2(deleted.ok, qPrintable(deleted.error));
        QCOMPARE(deleted.change, DnsOperation::Change::Deleted);
        QCOMPARE(m_pdns.dig(name), QStringList());

        const Outcome again = await(pdns->deleteRecords(name));
        QVERIFY(again.ok);
        QCOMPARE(again.change, DnsOperation::Change::None);
        QVERIFY(await(pdns->listRecords(name)).records.isEmpty());
    }

    void wrongKeyIsRefusedClearly()
    {
        const auto pdns = provider(QStringLiteral("not-the-key"));
        const QString name = QStringLiteral("app0000004.plugins.test");
        const Outcome outcome = await(pdns->upsertARecord(name, QStringLiteral("192.0.2.40"), 300));
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.status, 401);
        QVERIFY2(outcome.error.contains(QLatin1String("API key")), qPrintable(outcome.error));
        QVERIFY(!outcome.error.contains(QLatin1String("not-the-key")));
        QVERIFY(!outcome.transient);
        QCOMPARE(m_pdns.dig(name), QStringList());
    }

    void validationErrorCarriesPowerDnsText()
    {
        // A CNAME already owns the name, so PowerDNS refuses an A next to it
        // with 422; the admin needs PowerDNS's own reason.
        const QString name = QStringLiteral("app0000006.plugins.test");
        QCOMPARE(m_pdns.patchZone(m_zone,
                                  R"({"rrsets":[{"name":"app0000006.plugins.test.","type":"CNAME","ttl":60,)"
                                  R"("changetype":"REPLACE","records":[{"content":"elsewhere.plugins.test.",)"
                                  R"("disabled":false}]}]})"),
                 204);
        const auto pdns = provider(m_pdns.apiKey());
        const Outcome outcome = await(pdns->upsertARecord(name, QStringLiteral("192.0.2.60"), 300));
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.status, 422);
        QVERIFY2(outcome.error.startsWith(QLatin1String("PowerDNS rejected the change: ")), qPrintable(outcome.error));
        QVERIFY2(outcome.error.contains(QLatin1String("app0000006.plugins.test")), qPrintable(outcome.error));
    }

    void unknownZoneIs404()
    {
        PowerDnsProvider pdns(m_pdns.apiUrl(), m_pdns.apiKey(), { QStringLiteral("nowhere.test") });
        const Outcome outcome = await(pdns.listRecords(QStringLiteral("app1.nowhere.test")));
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.status, 404);
        QVERIFY2(outcome.error.contains(QLatin1String("nowhere.test")), qPrintable(outcome.error));
    }

    void badInputNeverReachesTheServer_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("address");
        QTest::addColumn<int>("ttl");
        QTest::addColumn<QString>("field");
        QTest::newRow("zone-file injection") << QStringLiteral("app5.plugins.test\nevil 60 IN A 6.6.6.6")
                                             << QStringLiteral("192.0.2.5") << 300 << QStringLiteral("name");
        QTest::newRow("quote in name") << QStringLiteral("app5\".plugins.test") << QStringLiteral("192.0.2.5") << 300
                                       << QStringLiteral("name");
        QTest::newRow("lookalike") << QString::fromUtf8("\xd0\xb0pp5.plugins.test") << QStringLiteral("192.0.2.5")
                                   << 300 << QStringLiteral("name");
        QTest::newRow("not an ip") << QStringLiteral("app5.plugins.test") << QStringLiteral("not-an-ip") << 300
                                   << QStringLiteral("address");
        QTest::newRow("ip with payload") << QStringLiteral("app5.plugins.test") << QStringLiteral("192.0.2.5;6.6.6.6")
                                         << 300 << QStringLiteral("address");
        QTest::newRow("ttl zero") << QStringLiteral("app5.plugins.test") << QStringLiteral("192.0.2.5") << 0
                                  << QStringLiteral("ttl");
        QTest::newRow("out of zone") << QStringLiteral("app5.other.test") << QStringLiteral("192.0.2.5") << 300
                                     << QStringLiteral("name");
    }

    void badInputNeverReachesTheServer()
    {
        QFETCH(QString, name);
        QFETCH(QString, address);
        QFETCH(int, ttl);
        QFETCH(QString, field);
        const auto pdns = provider(m_pdns.apiKey());
        const Outcome outcome = await(pdns->upsertARecord(name, address, ttl));
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.field, field);
        QCOMPARE(pdns->requestsSent(), 0u);
        QCOMPARE(m_pdns.dig(QStringLiteral("evil.plugins.test")), QStringList());
    }

    void serverGoneIsTransient()
    {
        QUrl closed = m_pdns.apiUrl();
        closed.setPort(1); // nothing listens there
        PowerDnsProvider pdns(closed, m_pdns.apiKey(), { m_zone });
        const Outcome outcome = await(pdns.listRecords(QStringLiteral("app1.plugins.test")));
        QVERIFY(!outcome.ok);
        QVERIFY(outcome.transient);
    }
};

QTEST_GUILESS_MAIN(TestPowerDnsProvider)
#include "tst_powerdnsprovider.moc"
