// Live health in the window: the status bar count, the details pane with its
// 30-day timeline, rate-limited notifications, the history in the cache and
// its CSV export.
#include "core/cache/cacheservice.h"
#include "core/health/healthmonitor.h"
#include "models/applicationsmodel.h"
#include "models/releaserequestsmodel.h"
#include "views/health/healthcontroller.h"
#include "views/health/healthdetails.h"
#include "views/health/healthtimeline.h"
#include "views/mainwindow.h"
#include "views/panels/applicationspanel.h"

#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Dockmaster;

namespace {

constexpr qint64 Second = 1000000000LL;

qint64 nowNs()
{
    return QDateTime::currentMSecsSinceEpoch() * 1000000LL;
}

ContainerObservation container(const QString &project, ContainerPhase phase, qint64 atNs)
{
    ContainerObservation c;
    c.id = project + QStringLiteral("-id");
    c.name = QStringLiteral("<b>") + project + QStringLiteral("</b>"); // third-party text
    c.project = project;
    c.phase = phase;
    c.atNs = atNs;
    c.exitCode = phase == ContainerPhase::Exited ? 1 : -1;
    c.hasDeployLabels = true;
    c.codeSha = QStringLiteral("aaaaaaaa11");
    c.configCommit = QStringLiteral("bbbbbbbb22");
    return c;
}

HostHealthBatch batch(QList<ContainerObservation> changes, bool snapshot = false)
{
    HostHealthBatch b;
    b.host = QStringLiteral("h1");
    b.changes = std::move(changes);
    b.snapshot = snapshot;
    b.reachabilityChanged = snapshot;
    b.reachable = true;
    return b;
}

// Pixels of the timeline painted in its "served" green.
int greenPixels(QWidget *timeline)
{
    timeline->resize(400, timeline->sizeHint().height());
    const QImage image = timeline->grab().toImage();
    int green = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            green += c.green() > c.red() + 25 && c.green() > c.blue() + 10 ? 1 : 0;
        }
    }
    return green;
}

} // namespace

class TestHealthView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void windowShowsFailoversAndHistory()
    {
        QTemporaryDir dir;
        ApplicationsModel applications;
        ReleaseRequestsModel requests;
        MainWindow window(&applications, &requests);
        HealthMonitor monitor;
        monitor.setWatching(false);
        HealthController controller(&monitor, &applications, &window);
        controller.setNotificationInterval(600);
        CacheService cache(dir.filePath(QStringLiteral("cache.sqlite")));
        QSignalSpy opened(&cache, &CacheService::opened);
        cache.open();
        QTRY_COMPARE(opened.size(), 1);
        controller.setCache(&cache);

        QList<AppRecord> apps;
        for (const char *id : { "app0000001", "app0000002" }) {
            AppRecord app;
            app.id = QString::fromLatin1(id);
            app.name = app.id;
            app.status = QStringLiteral("active");
            EnvironmentState test;
            test.host = QStringLiteral("h1");
            test.liveSha = QStringLiteral("cccccccc33"); // not what runs: drift
            test.liveRef = QStringLiteral("v1.3.0");
            test.pipelineStatus = QStringLiteral("failed");
            test.deployedAt = QDateTime::currentDateTimeUtc().addSecs(-20 * 60);
            app.environments.append(test);
            apps.append(app);
        }
        applications.setItems(apps);
        monitor.setInventory({}, apps);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        const qint64 start = nowNs() - 60 * Second;
        monitor.applyBatch(batch({ container(QStringLiteral("app0000001-test"), ContainerPhase::Running, start),
                                   container(QStringLiteral("app0000002-test"), ContainerPhase::Running, start) },
                                 true));
        QCOMPARE(controller.statusBarText(), QString());

        monitor.applyBatch(
            batch({ container(QStringLiteral("app0000001-test"), ContainerPhase::Exited, start + 10 * Second) }));
        QTRY_VERIFY2(controller.statusBarText().startsWith(QStringLiteral("1 app")),
                     qPrintable(controller.statusBarText()));
        QCOMPARE(controller.notificationsShown(), 1);
        // It recovers and falls again at once: one notification per app and interval.
        monitor.applyBatch(
            batch({ container(QStringLiteral("app0000001-test"), ContainerPhase::Running, start + 20 * Second),
                    container(QStringLiteral("app0000001-test"), ContainerPhase::Exited, start + 30 * Second) }));
        QCOMPARE(controller.notificationsShown(), 1);
        QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("again")));
        monitor.applyBatch(
            batch({ container(QStringLiteral("app0000002-test"), ContainerPhase::Exited, start + 40 * Second) }));
        QTRY_VERIFY2(controller.statusBarText().startsWith(QStringLiteral("2 app")),
                     qPrintable(controller.statusBarText()));
        QCOMPARE(controller.notificationsShown(), 2);

        // No app selected: the timeline claims nothing, no green "all was well".
        QVERIFY(!controller.details()->timeline()->hasHistory());
        QCOMPARE(greenPixels(controller.details()->timeline()), 0);

        // Select the first app: the details say since when and why, and the drift.
        QSignalSpy shown(&controller, &HealthController::historyShown);
        QTreeView *view = window.applicationsPanel()->view();
        view->setCurrentIndex(view->model()->index(0, 0));
        QTRY_VERIFY(!shown.isEmpty());
        const QString status = controller.details()->statusText();
        QVERIFY2(status.contains(QStringLiteral("Fallback since")), qPrintable(status));
        QVERIFY2(status.contains(QStringLiteral("exited with code 1")), qPrintable(status));
        // Third-party names stay plain text.
        QVERIFY2(status.contains(QStringLiteral("Container <b>app0000001-test</b>")), qPrintable(status));
        QVERIFY2(status.contains(QStringLiteral("Drift: running aaaaaaaa (config bbbbbbbb), approved v1.3.0 "
                                                "(cccccccc) 20 min ago: pipeline failed?")),
                 qPrintable(status));
        // The cache holds the three transitions of app 1: two failovers, one recovery.
        QTRY_VERIFY2(controller.details()->downtimeText().contains(QStringLiteral("2 failover")),
                     qPrintable(controller.details()->downtimeText()));
        QCOMPARE(controller.details()->timeline()->intervals().size(), 2);
        QVERIFY(controller.details()->timeline()->intervals().last().ongoing);
        QVERIFY(controller.details()->timeline()->hasHistory());
        QVERIFY(greenPixels(controller.details()->timeline()) > 100);

        QSignalSpy exported(&controller, &HealthController::historyExported);
        const QString csvPath = dir.filePath(QStringLiteral("failovers.csv"));
        controller.exportHistory(QStringLiteral("app0000001"), csvPath);
        QTRY_COMPARE(exported.size(), 1);
        QCOMPARE(exported.first().at(1).toString(), QString());
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().split('\n');
        QCOMPARE(lines.size(), 5); // header, three events, and the empty end
        QVERIFY(lines.at(1).contains("\"failover\""));
        QVERIFY(lines.at(2).contains("\"recovery\""));
    }
};

QTEST_MAIN(TestHealthView)
#include "tst_healthview.moc"
