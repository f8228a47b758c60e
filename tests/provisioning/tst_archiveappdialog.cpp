#include "core/dns/powerdnsprovider.h"
#include "core/git/gitlibrary.h"
#include "core/provisioning/inventoryallocator.h"
#include "core/provisioning/provisioner.h"
#include "sandbox/emulator/emulatorfaults.h"
#include "sandbox/emulator/sandboxseeder.h"
#include "tests/provisioning/provisioningtesthelpers.h"
#include "tests/support/pdnsserver.h"
#include "views/provisioning/archiveappdialog.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace Dockmaster;
using namespace Dockmaster::Test;

// Archiving a seeded app from the confirmation dialog: nothing happens until
// the ID is typed; a failure says why and the button retries.
class TestArchiveAppDialog : public QObject
{
    Q_OBJECT

    GitLibrary m_git;
    Dockmaster::Test::PdnsServer m_pdns;
    QTemporaryDir m_dir;
    std::unique_ptr<GitLabEmulator> m_emulator;
    std::unique_ptr<GitLabClient> m_client;
    std::unique_ptr<InventoryAllocator> m_allocator;
    std::unique_ptr<PowerDnsProvider> m_dns;
    std::unique_ptr<Provisioner> m_provisioner;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_pdns.start().isEmpty(), "pdns_server did not start");
        QVERIFY(m_pdns.createZone(QStringLiteral("plugins.example")).isEmpty());
        m_emulator = std::make_unique<GitLabEmulator>(m_dir.path());
        SandboxSeeder(*m_emulator).seed();
        QVERIFY(m_emulator->start());
        m_client = clientFor(*m_emulator, m_emulator->adminToken());
        m_allocator = std::make_unique<InventoryAllocator>(m_client.get(), QStringLiteral("plugins/ops/inventory"));
        m_dns = std::make_unique<PowerDnsProvider>(m_pdns.apiUrl(), m_pdns.apiKey(),
                                                   QStringList { QStringLiteral("plugins.example") });
        m_provisioner = std::make_unique<Provisioner>(m_client.get(), m_allocator.get());
        m_provisioner->setDnsProvider(m_dns.get());
    }

    void cleanupTestCase()
    {
        m_provisioner.reset();
        m_dns.reset();
        m_allocator.reset();
        m_client.reset();
        m_emulator.reset();
        m_pdns.stop();
    }

    void archivesOnlyAfterTheIdIsTypedAndRetriesAfterAFailure()
    {
        const QString id = SandboxSeeder::appId(0);
        const QString domain = id + QStringLiteral(".test.plugins.example");
        QVERIFY(
            m_pdns.patchZone(QStringLiteral("plugins.example"),
                             QStringLiteral(R"({"rrsets":[{"name":"%1.","type":"A","ttl":60,"changetype":"REPLACE",)"
                                            R"("records":[{"content":"192.0.2.11","disabled":false}]}]})")
                                 .arg(domain)
                                 .toUtf8())
            < 300);
        QCOMPARE(m_pdns.dig(domain), QStringList { QStringLiteral("192.0.2.11") });

        ArchiveAppDialog dialog(m_provisioner.get(), id, QStringLiteral("Weather Widget"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(!dialog.archiveButton()->isEnabled());
        QTest::keyClicks(dialog.confirmEdit(), QStringLiteral("app100003")); // one digit short
        QVERIFY(!dialog.archiveButton()->isEnabled());
        QTest::keyClicks(dialog.confirmEdit(), QStringLiteral("7"));
        QCOMPARE(dialog.confirmEdit()->text(), id);
        QVERIFY(dialog.archiveButton()->isEnabled());

        m_emulator->addFault(
            EmulatorFault::serverError(QStringLiteral("/archive$"), 500, -1).onMethod(QStringLiteral("POST")));
        QTest::mouseClick(dialog.archiveButton(), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor(
            [&] { return dialog.statusLabel()->text().startsWith(QLatin1String("Archiving failed")); }, 60000));
        QVERIFY(dialog.archiveButton()->isEnabled());
        QCOMPARE(dialog.archiveButton()->text(), QStringLiteral("Retry"));

        m_emulator->clearFaults();
        QSignalSpy archived(&dialog, &ArchiveAppDialog::appArchived);
        QTest::mouseClick(dialog.archiveButton(), Qt::LeftButton);
        QVERIFY(archived.wait(60000));
        QCOMPARE(m_pdns.dig(domain), QStringList());
        QMutexLocker lock(&m_emulator->store().mutex());
        QVERIFY(m_emulator->store().projectByPath(QStringLiteral("plugins/apps/") + id)->archived);
        QVERIFY(m_emulator->store().projectByPath(QStringLiteral("plugins/ops/") + id)->archived);
    }
};

QTEST_MAIN(TestArchiveAppDialog)
#include "tst_archiveappdialog.moc"
