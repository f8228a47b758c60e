#include "core/provisioning/inventoryallocator.h"
#include "tests/provisioning/provisioningtesthelpers.h"

#include <QSet>
#include <QTemporaryDir>

using namespace Dockmaster;
using namespace Dockmaster::Test;

// Allocation against the GitLab emulator: every write is a real commit
// through the commits API, and two allocators with their own connections race
// for the same ports.
class TestInventoryAllocator : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<GitLabEmulator> m_emulator;
    qint64 m_inventoryId = 0;
    const QString m_inventory = QStringLiteral("plugins/ops/inventory");

    void startEmulator(const QList<HostDef> &hosts, const QHash<QString, QByteArray> &files = {})
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_emulator = std::make_unique<GitLabEmulator>(m_dir->path());
        m_inventoryId
            = addInventory(*m_emulator, QStringLiteral("plugins"), hostsJson(QStringLiteral("plugins"), hosts), files);
        QVERIFY(m_emulator->start());
    }

    std::optional<QByteArray> inventoryFile(const QString &path)
    {
        QMutexLocker lock(&m_emulator->store().mutex());
        EmulatorRepository repo(m_emulator->store().repositoryPath(*m_emulator->store().project(m_inventoryId)));
        const auto entry = repo.file(QStringLiteral("main"), path);
        if (!entry)
            return std::nullopt;
        return entry->content;
    }

    static AllocationRequest request(const QStringList &environments, const QString &name = QStringLiteral("Shop"))
    {
        AllocationRequest r;
        r.name = name;
        r.owner = QStringLiteral("dev01");
        r.fallbackMode = QStringLiteral("hardened-php");
        r.environments = environments;
        return r;
    }

    static AllocationOutcome allocateNow(InventoryAllocator &allocator, const AllocationRequest &r)
    {
        std::optional<AllocationOutcome> out;
        allocator.allocate(r, nullptr, [&out](const AllocationOutcome &o) { out = o; });
        spinUntil([&out] { return out.has_value(); });
        return out.value_or(AllocationOutcome { std::nullopt, QStringLiteral("timed out"), false, false, 0 });
    }

private Q_SLOTS:
    void cleanup()
    {
        m_emulator.reset();
        m_dir.reset();
    }

    void allocatesNextIdAndLowestFreePortsAroundOlderRecords()
    {
        // A record from before ledgers existed holds the first ports of t1.
        const QByteArray legacy = R"({"id":"app0000005","name":"Old","owner":"dev02","status":"active",
            "environments":{"test":{"host":"t1","container_port":20000,"fallback_port":30000}}})";
        startEmulator({ { QStringLiteral("t1"), QStringLiteral("192.0.2.1"), QStringLiteral("test"), 20000, 20009,
                          30000, 30009, 10 },
                        { QStringLiteral("p1"), QStringLiteral("198.51.100.1"), QStringLiteral("production"), 21000,
                          21009, 31000, 31009, 10 } },
                      { { QStringLiteral("allocations/app0000005.json"), legacy } });
        auto client = clientFor(*m_emulator, m_emulator->adminToken());
        InventoryAllocator allocator(client.get(), m_inventory);

        const AllocationOutcome outcome
            = allocateNow(allocator, request({ QStringLiteral("test"), QStringLiteral("production") }));
        QVERIFY2(outcome.ok(), qPrintable(outcome.error));
        const AllocationRecord &r = *outcome.record;
        QCOMPARE(r.id, QStringLiteral("app0000006"));
        QCOMPARE(r.status, QStringLiteral("provisioning"));
        QCOMPARE(r.placement(QStringLiteral("test"))->host, QStringLiteral("t1"));
        QCOMPARE(r.placement(QStringLiteral("test"))->containerPort, 20001);
        QCOMPARE(r.placement(QStringLiteral("test"))->fallbackPort, 30001);
        QCOMPARE(r.placement(QStringLiteral("test"))->domain, QStringLiteral("app0000006.test.plugins.test"));
        QCOMPARE(r.placement(QStringLiteral("production"))->containerPort, 21000);
        QCOMPARE(r.codeProject, QStringLiteral("plugins/apps/app0000006"));

        // Written to GitLab: the record and a ledger that also names the older app.
        const auto stored = inventoryFile(QStringLiteral("allocations/app0000006.json"));
        QVERIFY(stored.has_value());
        QString error;
        QCOMPARE(AllocationRecord::parse(*stored, &error)->placement(QStringLiteral("test"))->containerPort, 20001);
        const auto ledger = HostLedger::parse(inventoryFile(QStringLiteral("ledger/t1.json")).value_or("{}"), &error);
        QVERIFY(ledger.has_value());
        QCOMPARE(ledger->entries.size(), 2);
        QCOMPARE(ledger->entries.at(0).appId, QStringLiteral("app0000005"));
    }

    void automaticChoiceTakesTheHostWithMostFreeCapacity()
    {
        startEmulator({ { QStringLiteral("t1"), QStringLiteral("192.0.2.1"), QStringLiteral("test"), 20000, 20009,
                          30000, 30009, 2 },
                        { QStringLiteral("t2"), QStringLiteral("192.0.2.2"), QStringLiteral("test"), 20000, 20009,
                          30000, 30009, 3 } });
        auto client = clientFor(*m_emulator, m_emulator->adminToken());
        InventoryAllocator allocator(client.get(), m_inventory);
        QStringList hosts;
        for (int i = 0; i < 5; ++i) {
            const AllocationOutcome o = allocateNow(allocator, request({ QStringLiteral("test") }));
            QVERIFY2(o.ok(), qPrintable(o.error));
            hosts.append(o.record->placements.first().host);
        }
        QCOMPARE(hosts,
                 QStringList({ QStringLiteral("t2"), QStringLiteral("t1"), QStringLiteral("t2"), QStringLiteral("t1"),
                               QStringLiteral("t2") }));
        const AllocationOutcome full = allocateNow(allocator, request({ QStringLiteral("test") }));
        QVERIFY(!full.ok());
        QVERIFY(full.hostFull);
        QVERIFY2(full.error.contains(QLatin1String("full")), qPrintable(full.error));
    }

    void chosenHostThatIsFullOrUnknownIsRefused()
    {
        startEmulator({ { QStringLiteral("t1"), QStringLiteral("192.0.2.1"), QStringLiteral("test"), 20000, 20000,
                          30000, 30000, 10 },
                        { QStringLiteral("t2"), QStringLiteral("192.0.2.2"), QStringLiteral("test"), 20000, 20009,
                          30000, 30009, 10 } });
        auto client = clientFor(*m_emulator, m_emulator->adminToken());
        InventoryAllocator allocator(client.get(), m_inventory);
        AllocationRequest r = request({ QStringLiteral("test") });
        r.chosenHosts.insert(QStringLiteral("test"), QStringLiteral("t1"));
        QVERIFY(allocateNow(allocator, r).ok());
        const AllocationOutcome full = allocateNow(allocator, r);
        QVERIFY(full.hostFull);
        QCOMPARE(full.error, QStringLiteral("Host t1 is full: it has no free port or capacity left."));
        r.chosenHosts.insert(QStringLiteral("test"), QStringLiteral("p9"));
        const AllocationOutcome unknown = allocateNow(allocator, r);
        QVERIFY(!unknown.ok());
        QVERIFY(!unknown.hostFull);
        QVERIFY(unknown.error.contains(QLatin1String("p9")));
    }

    void racingAllocatorsNeverShareAPortOrAnId()
    {
        // 39 slots: 19 rounds fit both, the 20th leaves one of them without a port.
        const int slots = 39;
        startEmulator({ { QStringLiteral("t1"), QStringLiteral("192.0.2.1"), QStringLiteral("test"), 20000,
                          20000 + slots - 1, 30000, 30000 + slots - 1, 1000 } });
        auto clientA = clientFor(*m_emulator, m_emulator->adminToken());
        auto clientB = clientFor(*m_emulator, m_emulator->adminToken());
        InventoryAllocator a(clientA.get(), m_inventory);
        InventoryAllocator b(clientB.get(), m_inventory);

        QSet<QString> ids;
        QSet<int> containerPorts;
        QSet<int> fallbackPorts;
        int fullCount = 0;
        int retried = 0;
        for (int round = 0; round < 20; ++round) {
            std::optional<AllocationOutcome> first;
            std::optional<AllocationOutcome> second;
            a.allocate(request({ QStringLiteral("test") }, QStringLiteral("A%1").arg(round)), nullptr,
                       [&first](const AllocationOutcome &o) { first = o; });
            b.allocate(request({ QStringLiteral("test") }, QStringLiteral("B%1").arg(round)), nullptr,
                       [&second](const AllocationOutcome &o) { second = o; });
            QVERIFY(spinUntil([&] { return first && second; }));
            for (const AllocationOutcome &o : { *first, *second }) {
                retried += o.attempts > 1 ? 1 : 0;
                if (!o.ok()) {
                    QVERIFY2(o.hostFull, qPrintable(o.error));
                    ++fullCount;
                    continue;
                }
                const AllocationPlacement &p = o.record->placements.first();
                QVERIFY2(!ids.contains(o.record->id), qPrintable(o.record->id));
                QVERIFY2(!containerPorts.contains(p.containerPort), qPrintable(QString::number(p.containerPort)));
                QVERIFY(!fallbackPorts.contains(p.fallbackPort));
                ids.insert(o.record->id);
                containerPorts.insert(p.containerPort);
                fallbackPorts.insert(p.fallbackPort);
            }
        }
        QCOMPARE(ids.size(), slots);
        QCOMPARE(fullCount, 1);
        qInfo("racing: %d allocations, %d conflicts seen, %d allocations needed a retry", int(ids.size()),
              a.conflictsSeen() + b.conflictsSeen(), retried);
        // They really raced: some commits were refused and retried.
        QVERIFY(a.conflictsSeen() + b.conflictsSeen() > 0);

        // What GitLab holds agrees: one ledger line per app, no port twice.
        QString error;
        const auto ledger = HostLedger::parse(inventoryFile(QStringLiteral("ledger/t1.json")).value_or("{}"), &error);
        QVERIFY(ledger.has_value());
        QCOMPARE(ledger->entries.size(), slots);
        QSet<int> ledgerPorts;
        for (const HostLedgerEntry &e : ledger->entries)
            ledgerPorts.insert(e.containerPort);
        QCOMPARE(ledgerPorts, containerPorts);
        for (const QString &id : std::as_const(ids))
            QVERIFY(inventoryFile(QStringLiteral("allocations/%1.json").arg(id)).has_value());
    }

    void releaseFreesThePortsForTheNextApp()
    {
        startEmulator({ { QStringLiteral("t1"), QStringLiteral("192.0.2.1"), QStringLiteral("test"), 20000, 20000,
                          30000, 30000, 10 } });
        auto client = clientFor(*m_emulator, m_emulator->adminToken());
        InventoryAllocator allocator(client.get(), m_inventory);
        const AllocationOutcome first = allocateNow(allocator, request({ QStringLiteral("test") }));
        QVERIFY(first.ok());
        QVERIFY(allocateNow(allocator, request({ QStringLiteral("test") })).hostFull);

        std::optional<AllocationOutcome> released;
        allocator.release(first.record->id, nullptr, [&released](const AllocationOutcome &o) { released = o; });
        QVERIFY(spinUntil([&] { return released.has_value(); }));
        QVERIFY2(released->ok(), qPrintable(released->error));
        QCOMPARE(released->record->status, QStringLiteral("archived"));

        // Releasing again changes nothing and still succeeds.
        released.reset();
        allocator.release(first.record->id, nullptr, [&released](const AllocationOutcome &o) { released = o; });
        QVERIFY(spinUntil([&] { return released.has_value(); }));
        QVERIFY(released->ok());
        QCOMPARE(released->attempts, 0);

        const AllocationOutcome next = allocateNow(allocator, request({ QStringLiteral("test") }));
        QVERIFY2(next.ok(), qPrintable(next.error));
        QCOMPARE(next.record->placements.first().containerPort, 20000);
        QVERIFY(next.record->id != first.record->id); // IDs are never reused
    }

    void updateRetriesOnAConcurrentEditAndKeepsBoth()
    {
        startEmulator({ { QStringLiteral("t1"), QStringLiteral("192.0.2.1"), QStringLiteral("test"), 20000, 20009,
                          30000, 30009, 10 } });
        auto clientA = clientFor(*m_emulator, m_emulator->adminToken());
        auto clientB = clientFor(*m_emulator, m_emulator->adminToken());
        InventoryAllocator a(clientA.get(), m_inventory);
        InventoryAllocator b(clientB.get(), m_inventory);
        const AllocationOutcome created = allocateNow(a, request({ QStringLiteral("test") }));
        QVERIFY(created.ok());
        const QString id = created.record->id;

        std::optional<AllocationOutcome> first;
        std::optional<AllocationOutcome> second;
        a.update(
            id, QStringLiteral("step one"),
            [](AllocationRecord &r) {
                if (r.stepsDone.contains(QStringLiteral("one")))
                    return false;
                r.stepsDone.append(QStringLiteral("one"));
                return true;
            },
            nullptr, [&first](const AllocationOutcome &o) { first = o; });
        b.update(
            id, QStringLiteral("step two"),
            [](AllocationRecord &r) {
                if (r.stepsDone.contains(QStringLiteral("two")))
                    return false;
                r.stepsDone.append(QStringLiteral("two"));
                return true;
            },
            nullptr, [&second](const AllocationOutcome &o) { second = o; });
        QVERIFY(spinUntil([&] { return first && second; }));
        QVERIFY2(first->ok(), qPrintable(first->error));
        QVERIFY2(second->ok(), qPrintable(second->error));
        QString error;
        const auto stored = AllocationRecord::parse(
            inventoryFile(QStringLiteral("allocations/%1.json").arg(id)).value_or("{}"), &error);
        QVERIFY(stored.has_value());
        QVERIFY(stored->stepsDone.contains(QStringLiteral("one")));
        QVERIFY(stored->stepsDone.contains(QStringLiteral("two")));
    }
};

QTEST_MAIN(TestInventoryAllocator)
#include "tst_inventoryallocator.moc"
