// Command 1 of the README: Dockmaster on the embedded sandbox shows the seeded
// apps and pending release requests, read through the real GitLab client and
// sync engine from the emulator, and is online.
#include "editor/configeditor.h"
#include "mainwindow.h"
#include "panels/applicationspanel.h"
#include "panels/approvalspanel.h"
#include "panels/taghistorypanel.h"
#include "shell/shell.h"
#include "tagsmodel.h"

#include <QAction>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Dockmaster;

class TestSandbox : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void sandboxShowsSeededAppsAndRequests()
    {
        QTemporaryDir dir;
        ShellOptions options;
        options.sandbox = true;
        options.settingsFile = dir.filePath(QStringLiteral("settings.ini"));
        Shell shell(options);
        QElapsedTimer clock;
        clock.start();
        shell.start();
        QTreeView *apps = shell.mainWindow()->applicationsPanel()->view();
        QTRY_VERIFY_WITH_TIMEOUT(apps->model()->rowCount() >= 20, 90000);
        qInfo("sandbox: %d apps visible after %lld ms", apps->model()->rowCount(), clock.elapsed());
        // Typing in the filter box narrows the panel; clearing it brings all back.
        auto *filter
            = shell.mainWindow()->applicationsPanel()->findChild<QLineEdit *>(QStringLiteral("applicationFilter"));
        QVERIFY(filter);
        const int all = apps->model()->rowCount();
        const QString someId = apps->model()->index(3, 0).data().toString();
        QTest::keyClicks(filter, someId);
        QCOMPARE(apps->model()->rowCount(), 1);
        QCOMPARE(apps->model()->index(0, 0).data().toString(), someId);
        filter->clear();
        QCOMPARE(apps->model()->rowCount(), all);
        for (QAction *action : shell.mainWindow()->gitlabActions())
            QVERIFY(action->isEnabled()); // online: the GitLab actions work

        QTreeView *requests = shell.mainWindow()->approvalsPanel()->view();
        QTRY_VERIFY_WITH_TIMEOUT(requests->model()->rowCount() > 0, 10000);
        auto *state = shell.mainWindow()->findChild<QLabel *>(QStringLiteral("connectionState"));
        QTRY_VERIFY(state->text().contains(QStringLiteral("Online")));

        // Selecting an app shows its tags from the cache in the Tag history panel.
        const QRect firstRow = apps->visualRect(apps->model()->index(0, 1));
        QTest::mouseClick(apps->viewport(), Qt::LeftButton, {}, firstRow.center());
        QCOMPARE(apps->currentIndex().row(), 0);
        TagsModel *tags = shell.mainWindow()->tagHistoryPanel()->tagsModel();
        QTRY_VERIFY_WITH_TIMEOUT(tags->rowCount() > 0, 10000);
        QVERIFY(!shell.mainWindow()->tagHistoryPanel()->appId().isEmpty());
        // ...and that panel is what the Tag history dock shows.
        QCOMPARE(shell.mainWindow()->tagHistoryDock()->widget(), shell.mainWindow()->tagHistoryPanel());

        // Opening the test configuration clones the management repository over
        // git smart HTTP into a workspace and loads one of its files.
        const QString appId = shell.mainWindow()->applicationsPanel()->currentAppId();
        Q_EMIT shell.mainWindow()->openConfigRequested(appId, Environment::Test);
        QTabWidget *tabs = shell.mainWindow()->editorArea();
        auto *editor = tabs->findChild<ConfigEditor *>(QStringLiteral("editor-%1-test").arg(appId));
        QVERIFY(editor);
        QCOMPARE(tabs->currentWidget(), editor);
        QSignalSpy loaded(editor, &ConfigEditor::fileLoaded);
        QSignalSpy listed(editor, &ConfigEditor::filesListed);
        QTRY_VERIFY_WITH_TIMEOUT(!listed.isEmpty() || !loaded.isEmpty(), 30000);
        QStringList files = listed.isEmpty() ? QStringList() : listed.first().first().toStringList();
        if (!files.isEmpty())
            QVERIFY2(files.contains(QStringLiteral(".gitlab-ci.yml")), qPrintable(files.join(QLatin1Char(' '))));
        // Opening the same app and environment again focuses the existing tab.
        const int tabCount = tabs->count();
        Q_EMIT shell.mainWindow()->openConfigRequested(appId, Environment::Test);
        QCOMPARE(tabs->count(), tabCount);
    }
};

QTEST_MAIN(TestSandbox)
#include "tst_sandbox.moc"
