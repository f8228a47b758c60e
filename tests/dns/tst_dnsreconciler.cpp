#include "core/dns/dnsreconciler.h"
#include "core/dns/powerdnsprovider.h"
#include "models/dns/dnsreconciliationmodel.h"
#include "models/modelroles.h"
#include "tests/support/pdnsserver.h"
#include "views/dns/dnsreconciliationview.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Dockmaster;
using namespace Dockmaster::Test;

Q_DECLARE_METATYPE(QList<Dockmaster::ExpectedDnsRecord>)
Q_DECLARE_METATYPE(QList<Dockmaster::DnsRecord>)

namespace {

DnsRecord a(const QString &name, const QString &content)
{
    DnsRecord record;
    record.name = name;
    record.content = content;
    record.ttl = 300;
    return record;
}

QStringList states(const QList<DnsComparison> &lines)
{
    QStringList keys;
    for (const DnsComparison &line : lines)
        keys.append(line.name.section(QLatin1Char('.'), 1) + QLatin1Char('=') + dnsRecordStateKey(line.state));
    return keys;
}

} // namespace

// The per-app DNS check: pure comparison rules, then the reconciler, its model
// and its view against a real pdns_server, answers confirmed with dig.
class TestDnsReconciler : public QObject
{
    Q_OBJECT

    PdnsServer m_pdns;
    const QString m_testZone = QStringLiteral("test.plugins.example");
    const QString m_productionZone = QStringLiteral("plugins.example");
    const QString m_testName = QStringLiteral("app0000042.test.plugins.example");
    const QString m_productionName = QStringLiteral("app0000042.plugins.example");

    void setRaw(const QString &zone, const QString &name, const QStringList &addresses)
    {
        QJsonArray records;
        for (const QString &address : addresses)
            records.append(
                QJsonObject { { QStringLiteral("content"), address }, { QStringLiteral("disabled"), false } });
        const QJsonObject rrset { { QStringLiteral("name"), QString(name + QLatin1Char('.')) },
                                  { QStringLiteral("type"), QStringLiteral("A") },
                                  { QStringLiteral("ttl"), 300 },
                                  { QStringLiteral("changetype"), QStringLiteral("REPLACE") },
                                  { QStringLiteral("records"), records } };
        const QJsonObject body { { QStringLiteral("rrsets"), QJsonArray { rrset } } };
        QCOMPARE(m_pdns.patchZone(zone, QJsonDocument(body).toJson(QJsonDocument::Compact)), 204);
    }

    static bool waitFor(QSignalSpy &spy, int count = 1)
    {
        return QTest::qWaitFor([&spy, count] { return spy.size() >= count; }, 15000);
    }

private Q_SLOTS:
    void compare_data()
    {
        QTest::addColumn<QList<ExpectedDnsRecord>>("expected");
        QTest::addColumn<QList<DnsRecord>>("actual");
        QTest::addColumn<QStringList>("result");
        const QString t = QStringLiteral("app1.t.example");
        const QString p = QStringLiteral("app1.p.example");
        const QList<ExpectedDnsRecord> both { { QStringLiteral("Test"), t, QStringLiteral("192.0.2.1"), 300 },
                                              { QStringLiteral("Production"), p, QStringLiteral("192.0.2.2"), 300 } };
        QTest::newRow("all missing") << both << QList<DnsRecord> {}
                                     << QStringList { QStringLiteral("t.example=missing"),
                                                      QStringLiteral("p.example=missing") };
        QTest::newRow("all ok") << both
                                << QList<DnsRecord> { a(t, QStringLiteral("192.0.2.1")),
                                                      a(p, QStringLiteral("192.0.2.2")) }
                                << QStringList { QStringLiteral("t.example=ok"), QStringLiteral("p.example=ok") };
        QTest::newRow("drift") << both
                               << QList<DnsRecord> { a(t, QStringLiteral("192.0.2.9")),
                                                     a(p, QStringLiteral("192.0.2.2")) }
                               << QStringList { QStringLiteral("t.example=drift"), QStringLiteral("p.example=ok") };
        QTest::newRow("extra next to ok")
            << both
            << QList<DnsRecord> { a(t, QStringLiteral("192.0.2.7")), a(t, QStringLiteral("192.0.2.1")),
                                  a(p, QStringLiteral("192.0.2.2")) }
            << QStringList { QStringLiteral("t.example=ok"), QStringLiteral("t.example=extra"),
                             QStringLiteral("p.example=ok") };
        QTest::newRow("drift with extra")
            << both << QList<DnsRecord> { a(t, QStringLiteral("192.0.2.7")), a(t, QStringLiteral("192.0.2.8")) }
            << QStringList { QStringLiteral("t.example=drift"), QStringLiteral("t.example=extra"),
                             QStringLiteral("p.example=missing") };
        QTest::newRow("other names ignored")
            << both << QList<DnsRecord> { a(QStringLiteral("app2.t.example"), QStringLiteral("192.0.2.1")) }
            << QStringList { QStringLiteral("t.example=missing"), QStringLiteral("p.example=missing") };
    }

    void compare()
    {
        QFETCH(QList<ExpectedDnsRecord>, expected);
        QFETCH(QList<DnsRecord>, actual);
        QFETCH(QStringList, result);
        QCOMPARE(states(compareDnsRecords(expected, actual)), result);
    }

    void expectedForApp()
    {
        const QList<ExpectedDnsRecord> expected
            = DnsReconciler::expectedForApp(QStringLiteral("app0000042"), m_testZone, QStringLiteral("192.0.2.10"),
                                            m_productionZone, QStringLiteral("198.51.100.20"));
        QCOMPARE(expected.size(), 2);
        QCOMPARE(expected.at(0).name, m_testName);
        QCOMPARE(expected.at(0).address, QStringLiteral("192.0.2.10"));
        QCOMPARE(expected.at(1).name, m_productionName);
        QCOMPARE(expected.at(1).address, QStringLiteral("198.51.100.20"));
        // An app without production expects only its test record.
        QCOMPARE(DnsReconciler::expectedForApp(QStringLiteral("app0000042"), m_testZone, QStringLiteral("192.0.2.10"),
                                               m_productionZone, QString())
                     .size(),
                 1);
    }

    void initTestCase()
    {
        const QString problem = m_pdns.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        for (const QString &zone : { m_testZone, m_productionZone }) {
            const QString zoneProblem = m_pdns.createZone(zone);
            QVERIFY2(zoneProblem.isEmpty(), qPrintable(zoneProblem));
        }
    }

    void cleanupTestCase() { m_pdns.stop(); }

    void reconcilesAgainstRealPowerDns()
    {
        PowerDnsProvider provider(m_pdns.apiUrl(), m_pdns.apiKey(), { m_testZone, m_productionZone });
        DnsReconciler reconciler(&provider);
        DnsReconciliationModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        connect(&reconciler, &DnsReconciler::comparisonsChanged, &model, &DnsReconciliationModel::setComparisons);
        reconciler.setExpected(DnsReconciler::expectedForApp(QStringLiteral("app0000042"), m_testZone,
                                                             QStringLiteral("192.0.2.10"), m_productionZone,
                                                             QStringLiteral("198.51.100.20")));
        QSignalSpy refreshed(&reconciler, &DnsReconciler::refreshFinished);
        QSignalSpy fixed(&reconciler, &DnsReconciler::fixFinished);

        // Nothing there yet: both missing.
        reconciler.refresh();
        QVERIFY(reconciler.isBusy());
        QVERIFY(waitFor(refreshed));
        QVERIFY(refreshed.last().at(0).toBool());
        QCOMPARE(states(reconciler.comparisons()),
                 (QStringList { QStringLiteral("test.plugins.example=missing"),
                                QStringLiteral("plugins.example=missing") }));
        QCOMPARE(model.rowCount(), 2);
        QVERIFY(reconciler.needsFix());

        reconciler.fix();
        QVERIFY(waitFor(fixed));
        QVERIFY(fixed.last().at(0).toBool());
        QVERIFY(waitFor(refreshed, 2));
        QCOMPARE(states(reconciler.comparisons()),
                 (QStringList { QStringLiteral("test.plugins.example=ok"), QStringLiteral("plugins.example=ok") }));
        QVERIFY(!reconciler.needsFix());
        QCOMPARE(m_pdns.dig(m_testName), QStringList { QStringLiteral("192.0.2.10") });
        QCOMPARE(m_pdns.dig(m_productionName), QStringList { QStringLiteral("198.51.100.20") });

        // Someone edits the zones behind our back: an extra address on test,
        // a wrong one on production.
        setRaw(m_testZone, m_testName, { QStringLiteral("192.0.2.10"), QStringLiteral("192.0.2.99") });
        setRaw(m_productionZone, m_productionName, { QStringLiteral("203.0.113.5") });
        const int productionRow = model.rowOfKey(m_productionName + QStringLiteral("\n0"));
        QVERIFY(productionRow >= 0);
        const QPersistentModelIndex productionIndex = model.index(productionRow, DnsReconciliationModel::StateColumn);
        reconciler.refresh();
        QVERIFY(waitFor(refreshed, 3));
        QCOMPARE(states(reconciler.comparisons()),
                 (QStringList { QStringLiteral("test.plugins.example=ok"), QStringLiteral("test.plugins.example=extra"),
                                QStringLiteral("plugins.example=drift") }));
        // Merged, not reset: the production row is the same row, now in drift.
        QVERIFY(productionIndex.isValid());
        QCOMPARE(productionIndex.data(Roles::StatusRole).toString(), QStringLiteral("drift"));
        QCOMPARE(model.index(productionIndex.row(), DnsReconciliationModel::ActualColumn).data().toString(),
                 QStringLiteral("203.0.113.5"));

        reconciler.fix();
        QVERIFY(waitFor(fixed, 2));
        QVERIFY(waitFor(refreshed, 4));
        QCOMPARE(states(reconciler.comparisons()),
                 (QStringList { QStringLiteral("test.plugins.example=ok"), QStringLiteral("plugins.example=ok") }));
        QCOMPARE(m_pdns.dig(m_testName), QStringList { QStringLiteral("192.0.2.10") });
        QCOMPARE(m_pdns.dig(m_productionName), QStringList { QStringLiteral("198.51.100.20") });
        QCOMPARE(model.rowCount(), 2);
    }

    void providerErrorsAreShown()
    {
        PowerDnsProvider provider(m_pdns.apiUrl(), QStringLiteral("wrong-key"), { m_testZone, m_productionZone });
        DnsReconciler reconciler(&provider);
        reconciler.setExpected(DnsReconciler::expectedForApp(QStringLiteral("app0000043"), m_testZone,
                                                             QStringLiteral("192.0.2.10"), QString(), QString()));
        QSignalSpy refreshed(&reconciler, &DnsReconciler::refreshFinished);
        reconciler.refresh();
        QVERIFY(waitFor(refreshed));
        QVERIFY(!refreshed.last().at(0).toBool());
        QVERIFY2(reconciler.statusText().contains(QLatin1String("API key")), qPrintable(reconciler.statusText()));
        QVERIFY(!reconciler.statusText().contains(QLatin1String("wrong-key")));
    }

    void hostileExpectationsAreRefused()
    {
        // An app id that slipped through elsewhere still never reaches PowerDNS.
        PowerDnsProvider provider(m_pdns.apiUrl(), m_pdns.apiKey(), { m_testZone, m_productionZone });
        DnsReconciler reconciler(&provider);
        reconciler.setExpected(DnsReconciler::expectedForApp(QStringLiteral("app1\n@ 60 IN A 6.6.6.6;"), m_testZone,
                                                             QStringLiteral("192.0.2.10"), QString(), QString()));
        QSignalSpy refreshed(&reconciler, &DnsReconciler::refreshFinished);
        reconciler.refresh();
        QVERIFY(waitFor(refreshed));
        QVERIFY(!refreshed.last().at(0).toBool());
        QVERIFY2(reconciler.statusText().contains(QLatin1String("Record name")), qPrintable(reconciler.statusText()));
        QCOMPARE(provider.requestsSent(), 0u);
    }

    void viewFixesDriftWithOneClick()
    {
        setRaw(m_productionZone, QStringLiteral("app0000044.plugins.example"), { QStringLiteral("203.0.113.44") });
        PowerDnsProvider provider(m_pdns.apiUrl(), m_pdns.apiKey(), { m_testZone, m_productionZone });
        DnsReconciler reconciler(&provider);
        reconciler.setExpected(DnsReconciler::expectedForApp(QStringLiteral("app0000044"), m_testZone,
                                                             QStringLiteral("192.0.2.44"), m_productionZone,
                                                             QStringLiteral("198.51.100.44")));
        DnsReconciliationView view(&reconciler);
        QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.show();
        QSignalSpy refreshed(&reconciler, &DnsReconciler::refreshFinished);
        QVERIFY(!view.fixButton()->isEnabled()); // nothing known yet

        QTest::mouseClick(view.refreshButton(), Qt::LeftButton);
        QVERIFY(waitFor(refreshed));
        QCOMPARE(view.model()->rowCount(), 2);
        QVERIFY(view.fixButton()->isEnabled());
        QVERIFY2(view.statusLabel()->text().contains(QLatin1String("2 record(s) differ")),
                 qPrintable(view.statusLabel()->text()));

        QTest::mouseClick(view.fixButton(), Qt::LeftButton);
        QVERIFY(!view.fixButton()->isEnabled()); // busy
        QVERIFY(waitFor(refreshed, 2));
        QVERIFY(!view.fixButton()->isEnabled()); // nothing left to fix
        QVERIFY2(view.statusLabel()->text().contains(QLatin1String("All 2 record(s) match")),
                 qPrintable(view.statusLabel()->text()));
        QCOMPARE(m_pdns.dig(QStringLiteral("app0000044.test.plugins.example")),
                 QStringList { QStringLiteral("192.0.2.44") });
        QCOMPARE(m_pdns.dig(QStringLiteral("app0000044.plugins.example")),
                 QStringList { QStringLiteral("198.51.100.44") });
    }
};

QTEST_MAIN(TestDnsReconciler)
#include "tst_dnsreconciler.moc"
