// Live health without an engine: containers' changes in, serving states,
// transitions and history out; the Applications model's health column; the
// cache's history table and its CSV.
#include "core/cache/cachedatabase.h"
#include "core/cache/cacheschema.h"
#include "core/health/healthhistory.h"
#include "core/health/healthmonitor.h"
#include "models/applicationsmodel.h"
#include "models/modelroles.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QLocale>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Dockmaster;

namespace {

constexpr qint64 Second = 1000000000LL;
const qint64 T0 = QDateTime(QDate(2026, 12, 1), QTime(9, 42), QTimeZone::UTC).toMSecsSinceEpoch() * 1000000LL;

AppRecord app(const QString &id, const QString &testHost, const QString &liveSha = QStringLiteral("abc1234def"))
{
    AppRecord record;
    record.id = id;
    record.name = id;
    record.status = QStringLiteral("active");
    EnvironmentState test;
    test.environment = Environment::Test;
    test.host = testHost;
    test.liveSha = liveSha;
    test.liveRef = QStringLiteral("v1.3.0");
    record.environments.append(test);
    return record;
}

ContainerObservation container(const QString &id, const QString &project, ContainerPhase phase, qint64 atNs)
{
    ContainerObservation c;
    c.id = id;
    c.name = project + QStringLiteral("-web-1");
    c.project = project;
    c.phase = phase;
    c.atNs = atNs;
    c.hasDeployLabels = true;
    c.codeSha = QStringLiteral("abc1234def");
    c.configCommit = QStringLiteral("c0ffee00");
    return c;
}

HostHealthBatch batch(const QString &host, QList<ContainerObservation> changes, bool snapshot = false)
{
    HostHealthBatch b;
    b.host = host;
    b.changes = std::move(changes);
    b.snapshot = snapshot;
    if (snapshot) {
        b.reachabilityChanged = true;
        b.reachable = true;
    }
    return b;
}

} // namespace

class TestHealthMonitor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void failoverAndRecoveryCarryTheEngineTimes()
    {
        HealthMonitor monitor;
        monitor.setWatching(false);
        monitor.setInventory({}, { app(QStringLiteral("app0000001"), QStringLiteral("h1")) });
        QCOMPARE(monitor.health(QStringLiteral("app0000001"), Environment::Test)->serving, ServingState::Unknown);
        QSignalSpy transitions(&monitor, &HealthMonitor::transitions);
        const QString project = QStringLiteral("app0000001-test");

        monitor.applyBatch(batch(QStringLiteral("h1"),
                                 { container(QStringLiteral("c1"), project, ContainerPhase::Healthy, T0) }, true));
        QCOMPARE(monitor.health(QStringLiteral("app0000001"), Environment::Test)->serving, ServingState::Serving);
        QCOMPARE(transitions.size(), 0); // nothing was open: first sight is not a recovery

        ContainerObservation died = container(QStringLiteral("c1"), project, ContainerPhase::Exited, T0 + 5 * Second);
        died.exitCode = 137;
        died.oomKilled = true;
        ContainerObservation back = container(QStringLiteral("c1"), project, ContainerPhase::Running, T0 + 9 * Second);
        // Both edges in one batch: two transitions, each with its own time.
        monitor.applyBatch(batch(QStringLiteral("h1"), { died, back }));
        QCOMPARE(transitions.size(), 1);
        const QList<HealthEvent> events = transitions.first().first().value<QList<HealthEvent>>();
        QCOMPARE(events.size(), 2);
        QVERIFY(events.at(0).failover);
        QCOMPARE(events.at(0).at.toMSecsSinceEpoch() * 1000000LL, T0 + 5 * Second);
        QVERIFY2(events.at(0).reason.contains(QStringLiteral("out of memory")), qPrintable(events.at(0).reason));
        QVERIFY(!events.at(1).failover);
        QCOMPARE(events.at(1).at.toMSecsSinceEpoch() * 1000000LL, T0 + 9 * Second);

        // The same changes again (a replay): no transition.
        monitor.applyBatch(batch(QStringLiteral("h1"), { died, back }));
        monitor.applyBatch(batch(QStringLiteral("h1"), { back }));
        QCOMPARE(transitions.size(), 1);
    }

    void statesAndReasons_data()
    {
        QTest::addColumn<int>("phase");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<bool>("oom");
        QTest::addColumn<int>("restarts");
        QTest::addColumn<int>("serving");
        QTest::addColumn<QString>("reason");
        QTest::newRow("running") << int(ContainerPhase::Running) << -1 << false << 0 << int(ServingState::Serving)
                                 << QString();
        QTest::newRow("starting") << int(ContainerPhase::Starting) << -1 << false << 0 << int(ServingState::Serving)
                                  << QString();
        QTest::newRow("unhealthy") << int(ContainerPhase::Unhealthy) << -1 << false << 0 << int(ServingState::Fallback)
                                   << QStringLiteral("health check");
        QTest::newRow("exited") << int(ContainerPhase::Exited) << 3 << false << 0 << int(ServingState::Fallback)
                                << QStringLiteral("exited with code 3");
        QTest::newRow("oom") << int(ContainerPhase::Exited) << 137 << true << 0 << int(ServingState::Fallback)
                             << QStringLiteral("out of memory");
        QTest::newRow("restarting") << int(ContainerPhase::Restarting) << 1 << false << 4 << int(ServingState::Fallback)
                                    << QStringLiteral("4 restarts");
        QTest::newRow("missing") << int(ContainerPhase::Removed) << -1 << false << 0 << int(ServingState::Fallback)
                                 << QStringLiteral("missing");
    }

    void statesAndReasons()
    {
        QFETCH(int, phase);
        QFETCH(int, exitCode);
        QFETCH(bool, oom);
        QFETCH(int, restarts);
        QFETCH(int, serving);
        QFETCH(QString, reason);
        HealthMonitor monitor;
        monitor.setWatching(false);
        monitor.setInventory({}, { app(QStringLiteral("app0000001"), QStringLiteral("h1")) });
        ContainerObservation c
            = container(QStringLiteral("c1"), QStringLiteral("app0000001-test"), ContainerPhase(phase), T0);
        c.exitCode = exitCode;
        c.oomKilled = oom;
        c.restartCount = restarts;
        monitor.applyBatch(batch(QStringLiteral("h1"), { c }, true));
        const AppHealth health = *monitor.health(QStringLiteral("app0000001"), Environment::Test);
        QCOMPARE(int(health.serving), serving);
        QVERIFY2(health.reason.contains(reason), qPrintable(health.reason));
        QCOMPARE(monitor.appsOnFallback(), serving == int(ServingState::Fallback) ? 1 : 0);
    }

    void unreachableHostIsUnknownNeverServing()
    {
        HealthMonitor monitor;
        monitor.setWatching(false);
        monitor.setInventory({}, { app(QStringLiteral("app0000001"), QStringLiteral("h1")) });
        const QString project = QStringLiteral("app0000001-test");
        monitor.applyBatch(batch(QStringLiteral("h1"),
                                 { container(QStringLiteral("c1"), project, ContainerPhase::Exited, T0) }, true));
        const QDateTime since = monitor.health(QStringLiteral("app0000001"), Environment::Test)->since;
        HostHealthBatch lost;
        lost.host = QStringLiteral("h1");
        lost.reachabilityChanged = true;
        lost.reachable = false;
        lost.unreachableReason = QStringLiteral("Connection refused");
        monitor.applyBatch(lost);
        const AppHealth health = *monitor.health(QStringLiteral("app0000001"), Environment::Test);
        QCOMPARE(health.serving, ServingState::Unknown);
        QVERIFY(health.reason.contains(QStringLiteral("Connection refused")));
        QCOMPARE(health.since, since); // the fallback may still be going on
        QCOMPARE(monitor.appsOnFallback(), 0);
    }

    void changesWhileUnreachableAreTransitionsAfterTheReconnect()
    {
        HealthMonitor monitor;
        monitor.setWatching(false);
        monitor.setInventory({}, { app(QStringLiteral("app0000001"), QStringLiteral("h1")) });
        const QString project = QStringLiteral("app0000001-test");
        monitor.applyBatch(batch(QStringLiteral("h1"),
                                 { container(QStringLiteral("c1"), project, ContainerPhase::Running, T0) }, true));
        QSignalSpy transitions(&monitor, &HealthMonitor::transitions);
        HostHealthBatch lost;
        lost.host = QStringLiteral("h1");
        lost.reachabilityChanged = true;
        monitor.applyBatch(lost);
        // The reconnect replays a crash and a restart that happened meanwhile.
        HostHealthBatch resumed
            = batch(QStringLiteral("h1"),
                    { container(QStringLiteral("c1"), project, ContainerPhase::Exited, T0 + Second),
                      container(QStringLiteral("c1"), project, ContainerPhase::Running, T0 + 2 * Second) },
                    true);
        monitor.applyBatch(resumed);
        QCOMPARE(transitions.size(), 1);
        const QList<HealthEvent> events = transitions.first().first().value<QList<HealthEvent>>();
        QCOMPARE(events.size(), 2);
        QVERIFY(events.at(0).failover && !events.at(1).failover);
    }

    void openFailoverSurvivesAConsoleRestart()
    {
        HealthMonitor monitor;
        monitor.setWatching(false);
        HealthEvent open;
        open.appId = QStringLiteral("app0000001");
        open.at = QDateTime::currentDateTimeUtc().addSecs(-3600);
        open.failover = true;
        open.reason = QStringLiteral("exited with code 1");
        monitor.setLastEvents({ open });
        monitor.setInventory({}, { app(QStringLiteral("app0000001"), QStringLiteral("h1")) });
        QSignalSpy transitions(&monitor, &HealthMonitor::transitions);
        monitor.applyBatch(batch(QStringLiteral("h1"), {}, true)); // no container at all
        const AppHealth health = *monitor.health(QStringLiteral("app0000001"), Environment::Test);
        QCOMPARE(health.serving, ServingState::Fallback);
        QCOMPARE(health.since, open.at);
        QCOMPARE(transitions.size(), 0);
        // It comes back: the recovery closes the open failover.
        monitor.applyBatch(
            batch(QStringLiteral("h1"),
                  { container(QStringLiteral("c1"), QStringLiteral("app0000001-test"), ContainerPhase::Running, T0) }));
        QCOMPARE(transitions.size(), 1);
        QVERIFY(!transitions.first().first().value<QList<HealthEvent>>().first().failover);
    }

    void driftAndHandStartedContainers()
    {
        HealthMonitor monitor;
        monitor.setWatching(false);
        monitor.setInventory({},
                             { app(QStringLiteral("app0000001"), QStringLiteral("h1"), QStringLiteral("def4567aaa")),
                               app(QStringLiteral("app0000002"), QStringLiteral("h1")) });
        ContainerObservation byHand
            = container(QStringLiteral("c2"), QStringLiteral("app0000002-test"), ContainerPhase::Running, T0);
        byHand.hasDeployLabels = false;
        byHand.codeSha.clear();
        monitor.applyBatch(batch(
            QStringLiteral("h1"),
            { container(QStringLiteral("c1"), QStringLiteral("app0000001-test"), ContainerPhase::Running, T0), byHand },
            true));
        const AppHealth drifted = *monitor.health(QStringLiteral("app0000001"), Environment::Test);
        QVERIFY(drifted.codeDrift);
        QVERIFY(!drifted.startedByHand);
        QCOMPARE(drifted.runningCodeSha, QStringLiteral("abc1234def"));
        const AppHealth manual = *monitor.health(QStringLiteral("app0000002"), Environment::Test);
        QVERIFY(manual.startedByHand);
        QVERIFY(!manual.codeDrift);
    }

    void applicationsModelShowsTheFallback()
    {
        ApplicationsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setItems({ app(QStringLiteral("app0000001"), QStringLiteral("h1")),
                         app(QStringLiteral("app0000002"), QStringLiteral("h1")) });
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        AppHealth down;
        down.appId = QStringLiteral("app0000001");
        down.serving = ServingState::Fallback;
        down.since = QDateTime::currentDateTimeUtc().addSecs(-(2 * 3600 + 13 * 60 + 5));
        model.setHealth(QStringLiteral("app0000001"), { down });
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().column(), int(ApplicationsModel::HealthColumn));
        const QString text = model.index(0, ApplicationsModel::HealthColumn).data().toString();
        const QString time = QLocale().toString(down.since.toLocalTime().time(), QLocale::ShortFormat);
        QCOMPARE(text, QStringLiteral("Fallback since %1 (2 h 13 min)").arg(time));
        QVERIFY(model.index(0, ApplicationsModel::HealthColumn).data(Qt::DecorationRole).canConvert<QColor>());
        AppHealth up;
        up.appId = QStringLiteral("app0000002");
        up.serving = ServingState::Serving;
        model.setHealth(QStringLiteral("app0000002"), { up });
        QCOMPARE(model.index(1, ApplicationsModel::HealthColumn).data().toString(), QStringLiteral("Serving"));
        // Sorted by how long on fallback: longer is larger.
        QVERIFY(model.index(0, ApplicationsModel::HealthColumn).data(Roles::SortRole).toLongLong()
                > model.index(1, ApplicationsModel::HealthColumn).data(Roles::SortRole).toLongLong());
        QCOMPARE(model.headerData(ApplicationsModel::HealthColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Live health"));
    }

    void downtimeOverThirtyDays()
    {
        const QDateTime now = QDateTime(QDate(2026, 12, 6), QTime(12, 0), QTimeZone::UTC);
        auto event = [](const QDateTime &at, bool failover, Environment environment = Environment::Test) {
            HealthEvent e;
            e.appId = QStringLiteral("app0000001");
            e.environment = environment;
            e.at = at;
            e.failover = failover;
            return e;
        };
        const QList<HealthEvent> events {
            event(now.addDays(-40), true),
            event(now.addDays(-29).addSecs(-600), false), // clipped to the window
            event(now.addDays(-2), true),
            event(now.addDays(-2).addSecs(600), false),
            event(now.addSecs(-300), true, Environment::Production), // still open
        };
        const QList<DowntimeInterval> intervals = HealthHistory::downtime(events, now.addDays(-30), now);
        QCOMPARE(intervals.size(), 3);
        QCOMPARE(intervals.at(0).from, now.addDays(-30));
        QCOMPARE(intervals.at(0).seconds(), 86400 - 600);
        QCOMPARE(intervals.at(1).seconds(), 600);
        QVERIFY(intervals.at(2).ongoing);
        QCOMPARE(HealthHistory::totalSeconds(intervals), 86400 - 600 + 600 + 300);
    }

    void csvIsRfc4180AndFormulaInert()
    {
        HealthEvent e;
        e.appId = QStringLiteral("app0000001");
        e.at = QDateTime(QDate(2026, 12, 1), QTime(9, 42), QTimeZone::UTC);
        e.reason = QStringLiteral("exited with code 1");
        e.container = QStringLiteral("=HYPERLINK(\"http://evil\")");
        const QByteArray csv = HealthHistory::toCsv({ e });
        QVERIFY(
            csv.startsWith("\xEF\xBB\xBF\"time_utc\",\"app\",\"environment\",\"event\",\"reason\",\"container\"\r\n"));
        QVERIFY2(
            csv.contains("\"2026-12-01T09:42:00.000Z\",\"app0000001\",\"test\",\"failover\",\"exited with code 1\","
                         "\"'=HYPERLINK(\"\"http://evil\"\")\"\r\n"),
            csv.constData());
    }

    void cacheKeepsEachTransitionOnce()
    {
        QTemporaryDir dir;
        CacheDatabase db(dir.filePath(QStringLiteral("cache.sqlite")));
        QCOMPARE(db.open().status, CacheDatabase::OpenStatus::Ready);
        QVERIFY(db.schemaVersion() >= 4); // health_events came with schema 4
        HealthEvent failover;
        failover.appId = QStringLiteral("app0000001");
        failover.at = QDateTime::currentDateTimeUtc().addSecs(-60);
        failover.reason = QStringLiteral("container missing");
        HealthEvent recovery = failover;
        recovery.failover = false;
        recovery.at = failover.at.addSecs(30);
        QVERIFY(db.appendHealthEvents({ failover, recovery }));
        QVERIFY(db.appendHealthEvents({ failover })); // seen again after a reconnect
        const QList<HealthEvent> loaded
            = db.loadHealthEvents(QStringLiteral("app0000001"), QDateTime::currentDateTimeUtc().addDays(-30));
        QCOMPARE(loaded.size(), 2);
        QCOMPARE(loaded.at(0).at, failover.at);
        QVERIFY(loaded.at(0).failover);
        QCOMPARE(loaded.at(0).reason, failover.reason);
        const QList<HealthEvent> latest = db.loadLatestHealthEvents();
        QCOMPARE(latest.size(), 1);
        QVERIFY(!latest.first().failover);
    }
};

QTEST_MAIN(TestHealthMonitor)
#include "tst_healthmonitor.moc"
