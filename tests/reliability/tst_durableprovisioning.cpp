// Provisioning SIGKILLed at every step (as the step starts, and after its
// first write GitLab answered) and taken up by the next session: the app is
// resumed from what the inventory says, and everything it needs exists
// exactly once: one allocation, one of each repository, variable, member
// and DNS record (issue 15, crash-restart).

#include "core/dns/powerdnsprovider.h"
#include "core/git/gitlibrary.h"
#include "core/provisioning/inventoryallocator.h"
#include "core/provisioning/provisioner.h"
#include "sandbox/emulator/sandboxseeder.h"
#include "tests/provisioning/provisioningtesthelpers.h"
#include "tests/reliability/killedchild.h"
#include "tests/support/pdnsserver.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Dockmaster;
using namespace Dockmaster::Test;

class TestDurableProvisioning : public QObject
{
    Q_OBJECT

    GitLibrary m_git;
    PdnsServer m_pdns;
    const QString m_zone = QStringLiteral("plugins.example");
    QTemporaryDir m_dir;
    std::unique_ptr<GitLabEmulator> m_emulator;
    std::unique_ptr<GitLabClient> m_client;
    std::unique_ptr<InventoryAllocator> m_allocator;
    std::unique_ptr<PowerDnsProvider> m_dns;
    QString m_owner;
    int m_serial = 0;

    QJsonArray apiList(const QString &path) { return Test::apiList(*m_client, path); }

    // Runs the next session's provisioner: resume `appId`, or start again.
    bool takeUp(const QString &appId, const QString &name, QString *madeId)
    {
        Provisioner provisioner(m_client.get(), m_allocator.get());
        provisioner.setDnsProvider(m_dns.get());
        bool finished = false;
        QString failure;
        connect(&provisioner, &Provisioner::finished, this, [&](const QString &id) {
            finished = true;
            *madeId = id;
        });
        connect(&provisioner, &Provisioner::failed, this, [&](Provisioner::Step, const QString &reason) {
            failure = reason.isEmpty() ? QStringLiteral("?") : reason;
        });
        if (!appId.isEmpty()) {
            provisioner.resume(appId);
        } else {
            ProvisionRequest request;
            request.name = name;
            request.owner = m_owner;
            request.description = QStringLiteral("Made by a console that is killed mid-way.");
            request.environments = { QStringLiteral("test"), QStringLiteral("production") };
            request.fallbackMode = QStringLiteral("hardened-php");
            provisioner.start(request);
        }
        spinUntil([&] { return finished || !failure.isEmpty(); }, 180000);
        if (!failure.isEmpty())
            qWarning().noquote() << "taking up failed:" << failure;
        return finished;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString problem = m_pdns.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QString zoneProblem = m_pdns.createZone(m_zone);
        QVERIFY2(zoneProblem.isEmpty(), qPrintable(zoneProblem));
        m_emulator = std::make_unique<GitLabEmulator>(m_dir.filePath(QStringLiteral("gitlab")));
        const SandboxSeedResult seed = SandboxSeeder(*m_emulator).seed();
        QVERIFY(m_emulator->start());
        m_owner = seed.developers.constFirst().username;
        m_client = clientFor(*m_emulator, m_emulator->adminToken());
        m_allocator = std::make_unique<InventoryAllocator>(m_client.get(), QStringLiteral("plugins/ops/inventory"));
        m_dns = std::make_unique<PowerDnsProvider>(m_pdns.apiUrl(), m_pdns.apiKey(), QStringList { m_zone });
    }

    void cleanupTestCase()
    {
        m_dns.reset();
        m_allocator.reset();
        m_client.reset();
        m_emulator.reset();
        m_pdns.stop();
    }

    void killedProvisioningIsFinishedOnce_data()
    {
        QTest::addColumn<QString>("stop");
        for (const Provisioner::Step step : Provisioner::createSteps()) {
            const QString key = Provisioner::stepKey(step);
            QTest::newRow(qPrintable(key)) << key;
            // The DNS step writes to PowerDNS, not GitLab; the rest write to GitLab.
            if (step != Provisioner::Step::Dns)
                QTest::newRow(qPrintable(key + QStringLiteral(":written"))) << key + QStringLiteral(":written");
        }
    }

    void killedProvisioningIsFinishedOnce()
    {
        QFETCH(QString, stop);
        const QString name = QStringLiteral("Crash Shop %1").arg(++m_serial);
        const QString profile = m_dir.filePath(QStringLiteral("profile-%1").arg(m_serial));
        const ChildRun run = runKilledChild(QStringLiteral(PROVISION_CHILD),
                                            { QStringLiteral("provision"), profile, m_emulator->baseUrl().toString(),
                                              m_emulator->adminToken(), QStringLiteral("root"), stop,
                                              m_pdns.apiUrl().toString(), m_pdns.apiKey(), m_zone, name, m_owner },
                                            stop);
        QVERIFY2(run.stopped, qPrintable(QStringLiteral("the child never reached %1: %2").arg(stop, run.output)));

        // The next session finds the app as the sync does: its allocation
        // record says "provisioning" (or "active" when the kill came after
        // the last write). Without one, nothing was allocated.
        std::optional<AllocationRecord> found;
        for (const AllocationRecord &record : allocationRecords(*m_emulator)) {
            if (record.name == name) {
                QVERIFY2(!found, "two allocations for one app");
                found = record;
            }
        }
        const QRegularExpression allocated(QStringLiteral("allocated (\\S+)"));
        const auto said = allocated.match(run.output);
        if (said.hasMatch()) {
            QVERIFY(found);
            QCOMPARE(found->id, said.captured(1));
        }
        QString id;
        if (found && found->status == QLatin1String("active")) {
            QCOMPARE(stop, QStringLiteral("activate:written"));
            id = found->id;
        } else {
            QVERIFY(!found || found->status == QLatin1String("provisioning"));
            QVERIFY(takeUp(found ? found->id : QString(), name, &id));
        }

        // Exactly once: one allocation, active; one of each repository.
        int allocations = 0;
        for (const AllocationRecord &record : allocationRecords(*m_emulator)) {
            if (record.name == name) {
                ++allocations;
                QCOMPARE(record.id, id);
                QCOMPARE(record.status, QStringLiteral("active"));
                for (const AllocationPlacement &placement : record.placements)
                    QCOMPARE(m_pdns.dig(placement.domain), QStringList { placement.address });
            }
        }
        QCOMPARE(allocations, 1);
        QCOMPARE(projectCount(*m_emulator, QStringLiteral("plugins/apps/") + id), 1);
        QCOMPARE(projectCount(*m_emulator, QStringLiteral("plugins/ops/") + id), 1);
        // One of each variable (per scope), membership and protected branch.
        const QString notOnce = notProvisionedOnce(*m_client, id, m_owner);
        QVERIFY2(notOnce.isEmpty(), qPrintable(notOnce));
    }
};

QTEST_GUILESS_MAIN(TestDurableProvisioning)
#include "tst_durableprovisioning.moc"
