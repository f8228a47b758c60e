#include "core/audit/journaldatabase.h"
#include "core/cache/cachedatabase.h"
#include "core/cache/cacheservice.h"
#include "core/profile/profilestore.h"
#include "models/applicationsmodel.h"
#include "models/auditlogmodel.h"
#include "models/releaserequestsmodel.h"
#include "views/mainwindow.h"
#include "views/panels/applicationspanel.h"
#include "views/shell/shell.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

#include <algorithm>
#include <tuple>

using namespace Dockmaster;

namespace {

QList<QAction *> allActions(QMenuBar *bar)
{
    QList<QAction *> actions;
    for (QAction *menu : bar->actions()) {
        if (menu->menu())
            actions += menu->menu()->actions();
    }
    return actions;
}

QAction *actionWithShortcut(QMenuBar *bar, const QKeySequence &shortcut)
{
    for (QAction *action : allActions(bar)) {
        if (action->shortcut() == shortcut)
            return action;
    }
    return nullptr;
}

Profile makeProfile(const QString &name)
{
    Profile profile;
    profile.name = name;
    profile.gitlabUrl = QUrl(QStringLiteral("https://gitlab.example.com"));
    profile.testDomainSuffix = QStringLiteral("test.plugins.example.com");
    profile.productionDomainSuffix = QStringLiteral("plugins.example.com");
    return profile;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void everyPanelExistsWithAnAccessibleName()
    {
        ApplicationsModel applications;
        ReleaseRequestsModel requests;
        MainWindow window(&applications, &requests);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (const char *name : { "applicationsDock", "approvalsDock", "tagHistoryDock", "logsDock" }) {
            auto *dock = window.findChild<QDockWidget *>(QString::fromLatin1(name));
            QVERIFY2(dock, name);
            QVERIFY(dock->isVisible() || window.tabifiedDockWidgets(dock).size() > 0);
            QVERIFY(!dock->accessibleName().isEmpty());
            QVERIFY(dock->widget());
            QVERIFY(!dock->widget()->accessibleName().isEmpty()
                    || !dock->widget()->findChildren<QTreeView *>().isEmpty());
        }
        QVERIFY(window.editorArea());
        QCOMPARE(window.centralWidget(), window.editorArea());
        QVERIFY(!window.editorArea()->accessibleName().isEmpty());
        // A sensible default size: on a small screen (a 1366x768 laptop) the
        // whole of it, never more than the three columns need at least.
        const QSize screen = window.screen()->availableGeometry().size();
        QVERIFY2(window.width() <= std::max(screen.width(), window.minimumSizeHint().width())
                     && window.height() <= screen.height() && window.width() >= screen.width() * 9 / 10
                     && window.height() >= screen.height() * 9 / 10,
                 qPrintable(QStringLiteral("%1x%2, at least %3x%4 on %5x%6")
                                .arg(window.width())
                                .arg(window.height())
                                .arg(window.minimumSizeHint().width())
                                .arg(window.minimumSizeHint().height())
                                .arg(screen.width())
                                .arg(screen.height())));
    }

    void shortcutsAreWired()
    {
        ApplicationsModel applications;
        ReleaseRequestsModel requests;
        MainWindow window(&applications, &requests);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(actionWithShortcut(window.menuBar(), QKeySequence(Qt::Key_F5)));
        QVERIFY(actionWithShortcut(window.menuBar(), QKeySequence(Qt::CTRL | Qt::Key_Comma)));
        QVERIFY(actionWithShortcut(window.menuBar(), QKeySequence(Qt::CTRL | Qt::Key_F)));

        QSignalSpy refresh(&window, &MainWindow::refreshRequested);
        QSignalSpy settings(&window, &MainWindow::settingsRequested);
        actionWithShortcut(window.menuBar(), QKeySequence(Qt::Key_F5))->trigger();
        actionWithShortcut(window.menuBar(), QKeySequence(Qt::CTRL | Qt::Key_Comma))->trigger();
        QCOMPARE(refresh.count(), 1);
        QCOMPARE(settings.count(), 1);

        // Ctrl+F puts the cursor into the filter box of the current panel.
        window.applicationsPanel()->view()->setFocus();
        actionWithShortcut(window.menuBar(), QKeySequence(Qt::CTRL | Qt::Key_F))->trigger();
        auto *filter = qobject_cast<QLineEdit *>(QApplication::focusWidget());
        QVERIFY(filter);
        QVERIFY(window.applicationsPanel()->isAncestorOf(filter));
    }

    // Issue 13: approve, reject, roll back and the live logs have shortcuts
    // in menus, Alt+1…6 put the keyboard in a panel, and the open editor's
    // actions are in the Configuration menu.
    void keyboardReachesEveryDecisionAndPanel()
    {
        ApplicationsModel applications;
        ReleaseRequestsModel requests;
        MainWindow window(&applications, &requests);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        for (const QKeySequence &keys :
             { QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
               QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_B),
               QKeySequence(Qt::CTRL | Qt::Key_L), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L) })
            QVERIFY2(actionWithShortcut(window.menuBar(), keys), qPrintable(keys.toString()));

        const QList<QDockWidget *> docks { window.findChild<QDockWidget *>(QStringLiteral("applicationsDock")),
                                           window.findChild<QDockWidget *>(QStringLiteral("approvalsDock")),
                                           window.tagHistoryDock(),
                                           window.logsDock(),
                                           window.auditDock(),
                                           window.deploymentsDock() };
        const QList<QAction *> windowActions = window.findChildren<QAction *>();
        for (int i = 0; i < docks.size(); ++i) {
            const QKeySequence keys(Qt::ALT | Qt::Key(Qt::Key_1 + i));
            const auto found = std::find_if(windowActions.cbegin(), windowActions.cend(),
                                            [&keys](const QAction *action) { return action->shortcut() == keys; });
            QVERIFY2(found != windowActions.cend(), qPrintable(keys.toString()));
            (*found)->trigger();
            QVERIFY2(docks.at(i)->widget()->isAncestorOf(QApplication::focusWidget()),
                     qPrintable(docks.at(i)->objectName()));
        }

        auto *configuration = window.findChild<QMenu *>(QStringLiteral("configurationMenu"));
        QVERIFY(configuration);
        Q_EMIT configuration->aboutToShow();
        QCOMPARE(configuration->actions().size(), 1); // only "open one first", disabled
        QVERIFY(!configuration->actions().constFirst()->isEnabled());
        auto *editorPage = new QWidget;
        auto *validate = new QAction(QStringLiteral("Validate"), editorPage);
        validate->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
        editorPage->addAction(validate);
        window.editorArea()->setCurrentIndex(window.editorArea()->addTab(editorPage, QStringLiteral("app (Test)")));
        Q_EMIT configuration->aboutToShow();
        QCOMPARE(configuration->actions(), QList<QAction *>({ validate }));
    }

    void gitlabActionsAreDisabledOfflineAndSayWhy()
    {
        ApplicationsModel applications;
        ReleaseRequestsModel requests;
        MainWindow window(&applications, &requests);
        window.setConnectionState(ConnectionState::Offline, QStringLiteral("network unreachable"));
        QVERIFY(!window.gitlabActions().isEmpty());
        for (QAction *action : window.gitlabActions()) {
            QVERIFY(!action->isEnabled());
            QVERIFY(action->toolTip().contains(QStringLiteral("network unreachable")));
        }
        window.setConnectionState(ConnectionState::Online);
        for (QAction *action : window.gitlabActions()) {
            QVERIFY(action->isEnabled());
            QVERIFY(action->toolTip().isEmpty() || !action->toolTip().contains(QStringLiteral("unreachable")));
        }
    }

    // Each state names its cause in the status bar; only an unreachable
    // GitLab offers "Retry now", and only states where GitLab answers leave
    // the GitLab actions enabled.
    void connectionStatesSayWhatToDo_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("label");
        QTest::addColumn<bool>("actions");
        QTest::addColumn<bool>("retry");
        QTest::newRow("online") << int(ConnectionState::Online) << QString() << QStringLiteral("Online") << true
                                << false;
        QTest::newRow("offline") << int(ConnectionState::Offline) << QString() << QStringLiteral("Offline") << false
                                 << false;
        QTest::newRow("unreachable") << int(ConnectionState::Unreachable) << QString()
                                     << QStringLiteral("GitLab unreachable") << false << true;
        QTest::newRow("token") << int(ConnectionState::TokenRejected) << QString()
                               << QStringLiteral("Signed out: GitLab rejected the token") << false << false;
        QTest::newRow("locked") << int(ConnectionState::CacheLocked) << QStringLiteral("process 4711 (dockmaster)")
                                << QStringLiteral("Cache locked by process 4711 (dockmaster)") << true << false;
        QTest::newRow("locked, holder unknown") << int(ConnectionState::CacheLocked) << QString()
                                                << QStringLiteral("Cache locked by another program") << true << false;
        QTest::newRow("read-only") << int(ConnectionState::CacheReadOnly) << QString()
                                   << QStringLiteral("Cache read-only") << true << false;
        QTest::newRow("disk full") << int(ConnectionState::DiskFull) << QString() << QStringLiteral("Disk full") << true
                                   << false;
        QTest::newRow("disk error") << int(ConnectionState::CacheError) << QString()
                                    << QStringLiteral("Cache disk error") << true << false;
    }

    void connectionStatesSayWhatToDo()
    {
        QFETCH(int, state);
        QFETCH(QString, subject);
        QFETCH(QString, label);
        QFETCH(bool, actions);
        QFETCH(bool, retry);
        ApplicationsModel applications;
        ReleaseRequestsModel requests;
        MainWindow window(&applications, &requests);
        window.show();
        window.setConnectionState(ConnectionState(state), QStringLiteral("why <b>and</b> what to do"), subject);
        auto *connection = window.findChild<QLabel *>(QStringLiteral("connectionState"));
        QVERIFY2(connection->text().endsWith(label.toHtmlEscaped()), qPrintable(connection->text()));
        QVERIFY(connection->toolTip().contains(QStringLiteral("what to do")));
        QVERIFY(!connection->toolTip().contains(QStringLiteral("<b>"))); // plain text, never markup
        QCOMPARE(window.gitlabActions().first()->isEnabled(), actions);
        auto *retryNow = window.findChild<QToolButton *>(QStringLiteral("retryNowButton"));
        QCOMPARE(retryNow->isVisible(), retry);
        QCOMPARE(window.retryNowAction()->isEnabled(), retry);
        // The countdown belongs to an unreachable GitLab only.
        window.setReconnectCountdown(12);
        QCOMPARE(connection->text().contains(QStringLiteral("Reconnecting in 12 s")), retry);
        if (!retry)
            return;
        window.setReconnectCountdown(0);
        QVERIFY(connection->text().endsWith(QStringLiteral("GitLab unreachable · Reconnecting…")));
        QSignalSpy retries(&window, &MainWindow::retryNowRequested);
        retryNow->click();
        window.retryNowAction()->trigger();
        QCOMPARE(retries.count(), 2);
        window.setConnectionState(ConnectionState::Online);
        QVERIFY(!connection->text().contains(QStringLiteral("Reconnecting")));
        QVERIFY(!retryNow->isVisible());
    }

    void layoutIsRestored()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("layout.ini")), QSettings::IniFormat);
        ApplicationsModel applications;
        ReleaseRequestsModel requests;
        {
            MainWindow window(&applications, &requests);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.findChild<QDockWidget *>(QStringLiteral("approvalsDock"))->hide();
            window.resize(780, 480); // within the 800x600 offscreen screen, which clamps restored geometry
            window.saveLayout(settings);
        }
        MainWindow restored(&applications, &requests);
        restored.restoreLayout(settings);
        restored.show();
        QVERIFY(QTest::qWaitForWindowExposed(&restored));
        QVERIFY(!restored.findChild<QDockWidget *>(QStringLiteral("approvalsDock"))->isVisible());
        // The three columns need the whole width of this small screen: the height tells the layouts apart.
        QCOMPARE(restored.height(), 480);
    }

    void eachProfileKeepsItsOwnLayout()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("layouts.ini")), QSettings::IniFormat);
        ApplicationsModel applications;
        ReleaseRequestsModel requests;
        const auto saveWith = [&](const QString &profile, QSize size, bool approvalsVisible) {
            MainWindow window(&applications, &requests);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.findChild<QDockWidget *>(QStringLiteral("approvalsDock"))->setVisible(approvalsVisible);
            window.resize(size); // within the 800x600 offscreen screen
            window.saveLayout(settings, profile);
        };
        saveWith(QStringLiteral("production/eu"), QSize(780, 480), false);
        saveWith(QStringLiteral("staging"), QSize(780, 560), true);
        for (const auto &[profile, size, approvalsVisible] :
             { std::tuple(QStringLiteral("production/eu"), QSize(780, 480), false),
               std::tuple(QStringLiteral("staging"), QSize(780, 560), true) }) {
            MainWindow restored(&applications, &requests);
            restored.restoreLayout(settings, profile);
            restored.show();
            QVERIFY(QTest::qWaitForWindowExposed(&restored));
            QCOMPARE(restored.height(), size.height()); // the width is all of this small screen's

            QCOMPARE(restored.findChild<QDockWidget *>(QStringLiteral("approvalsDock"))->isVisible(), approvalsVisible);
        }
    }

    void startupPaintsFromCacheBeforeAnyNetwork()
    {
        const QString settingsFile = m_dir.filePath(QStringLiteral("startup.ini"));
        ProfileStore(settingsFile).save(makeProfile(QStringLiteral("cached")));
        {
            CacheDatabase cache(CacheService::defaultFilePathForProfile(QStringLiteral("cached")));
            QCOMPARE(cache.open().status, CacheDatabase::OpenStatus::Ready);
            QList<AppRecord> apps;
            for (int i = 1; i <= 50; ++i) {
                AppRecord app;
                app.id = QStringLiteral("app%1").arg(i, 7, 10, QLatin1Char('0'));
                app.name = QStringLiteral("Plugin %1").arg(i);
                app.status = QStringLiteral("active");
                apps.append(app);
            }
            QVERIFY(cache.upsertApps(apps));
        }
        ShellOptions options;
        options.profileName = QStringLiteral("cached");
        options.offline = true; // and no network exists here anyway
        options.settingsFile = settingsFile;
        Shell shell(options);
        QSignalSpy painted(&shell, &Shell::firstPaintReady);
        shell.start();
        QVERIFY(painted.wait(5000));
        QCOMPARE(shell.mainWindow()->applicationsPanel()->view()->model()->rowCount(), 50);
        QVERIFY(shell.mainWindow()->windowTitle().contains(QStringLiteral("cached")));
    }

    void secondWindowOnSameProfileIsToldAndQuits()
    {
        const QString settingsFile = m_dir.filePath(QStringLiteral("twice.ini"));
        ProfileStore(settingsFile).save(makeProfile(QStringLiteral("twice")));
        ShellOptions options;
        options.profileName = QStringLiteral("twice");
        options.offline = true;
        options.settingsFile = settingsFile;
        Shell first(options);
        QSignalSpy firstPainted(&first, &Shell::firstPaintReady);
        first.start();
        QVERIFY(firstPainted.wait(5000));

        Shell second(options);
        QSignalSpy quit(&second, &Shell::quitRequested);
        second.start();
        // Told in a message box that opens without a loop of its own; it quits once read.
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) != nullptr);
        QVERIFY2(box->text().contains(QStringLiteral("in use")), qPrintable(box->text()));
        // The status bar says it too, naming the process that holds the cache.
        QCOMPARE(second.mainWindow()->connectionState(), ConnectionState::CacheLocked);
        const QString status = second.mainWindow()->findChild<QLabel *>(QStringLiteral("connectionState"))->text();
        QVERIFY2(status.contains(QStringLiteral("Cache locked by process %1").arg(QCoreApplication::applicationPid())),
                 qPrintable(status));
        QVERIFY(quit.isEmpty());
        box->accept();
        QTRY_COMPARE(quit.size(), 1);
        QCOMPARE(quit.first().first().toInt(), 3);
    }

    void corruptCacheIsReportedAndTheAppStarts()
    {
        const QString settingsFile = m_dir.filePath(QStringLiteral("corrupt.ini"));
        ProfileStore(settingsFile).save(makeProfile(QStringLiteral("corrupt")));
        const QString cachePath = CacheService::defaultFilePathForProfile(QStringLiteral("corrupt"));
        QDir().mkpath(QFileInfo(cachePath).absolutePath());
        {
            QFile file(cachePath);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray(4096, 'x'));
        }
        {
            // The audit trail lives beside the cache, in a file of its own.
            JournalDatabase journal(JournalDatabase::filePathBeside(cachePath));
            QVERIFY(journal.open().durable);
            for (int i = 0; i < 3; ++i)
                QVERIFY(journal.appendAudit({ 0,
                                              {},
                                              QStringLiteral("carol"),
                                              QStringLiteral("release.approve"),
                                              QStringLiteral("app0000001"),
                                              QStringLiteral("production"),
                                              QStringLiteral("!%1").arg(i),
                                              {} }));
        }
        ShellOptions options;
        options.profileName = QStringLiteral("corrupt");
        options.offline = true;
        options.settingsFile = settingsFile;
        Shell shell(options);
        QSignalSpy painted(&shell, &Shell::firstPaintReady);
        shell.start();
        QVERIFY(painted.wait(5000));
        QMessageBox *warning = nullptr;
        for (QWidget *widget : QApplication::topLevelWidgets()) {
            if (auto *box = qobject_cast<QMessageBox *>(widget); box && box->isVisible())
                warning = box;
        }
        QVERIFY(warning);
        QVERIFY(warning->text().contains(QStringLiteral("moved to")));
        QVERIFY(warning->text().contains(QStringLiteral("not affected")));
        QVERIFY(shell.mainWindow()->isVisible());
        QTRY_COMPARE(shell.mainWindow()->auditModel()->rowCount(), 3); // the audit dock lost nothing
    }

    void firstRunWithoutProfileOpensTheSettingsDialog()
    {
        ShellOptions options;
        options.settingsFile = m_dir.filePath(QStringLiteral("firstrun.ini"));
        Shell shell(options);
        shell.start();
        QTRY_VERIFY(shell.mainWindow()->findChild<QDialog *>(QStringLiteral("settingsDialog")));
        QVERIFY(shell.mainWindow()->findChild<QDialog *>(QStringLiteral("settingsDialog"))->isVisible());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
