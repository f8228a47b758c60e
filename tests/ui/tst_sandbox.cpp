// Command 1 of the README: Dockmaster on the embedded sandbox shows the seeded
// apps and pending release requests, read through the real GitLab client and
// sync engine from the emulator, and is online.
#include "auditlogmodel.h"
#include "editor/configeditor.h"
#include "gitlab/gitlabclient.h"
#include "logs/logmodel.h"
#include "logs/logmodelroles.h"
#include "logs/logview.h"
#include "mainwindow.h"
#include "modelroles.h"
#include "panels/applicationspanel.h"
#include "panels/approvalspanel.h"
#include "panels/taghistorypanel.h"
#include "sandbox/sandboxplatform.h"
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
#include <QToolButton>
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

        // Drift: the committed compose file against what the templates render
        // for this app's allocation and host; re-render puts that in the editor.
        QSignalSpy fileLoaded(editor, &ConfigEditor::fileLoaded);
        editor->openFile(QStringLiteral("conf/docker-compose.yaml"));
        QTRY_VERIFY_WITH_TIMEOUT(!fileLoaded.isEmpty(), 20000);
        QSignalSpy drift(editor, &ConfigEditor::driftChecked);
        editor->checkDrift();
        QVERIFY2(drift.wait(20000), qPrintable(editor->bannerText()));
        editor->applyRenderedTemplate();
        const QString rendered = editor->text();
        QVERIFY2(rendered.contains(QStringLiteral("name: %1-test").arg(appId)), qPrintable(rendered.left(400)));
        const int row = shell.mainWindow()->applicationsPanel()->view()->currentIndex().row();
        const AppRecord app = apps->model()->index(row, 0).data(Roles::RecordRole).value<AppRecord>();
        const EnvironmentState *testEnv = app.environment(Environment::Test);
        QVERIFY(testEnv);
        QVERIFY2(rendered.contains(QString::number(testEnv->containerPort)), qPrintable(rendered));
        QVERIFY(editor->isModified()); // for review: nothing is committed by re-rendering

        // Validate (the real docker-compose check), diff, then commit and push
        // to the environment branch over git smart HTTP.
        QSignalSpy validated(editor, &ConfigEditor::validated);
        editor->validate();
        QTRY_VERIFY_WITH_TIMEOUT(!validated.isEmpty(), 30000);
        QCOMPARE(validated.constFirst().constFirst().toInt(), 0);
        QSignalSpy diffShown(editor, &ConfigEditor::diffShown);
        editor->showDiff();
        QTRY_VERIFY_WITH_TIMEOUT(!diffShown.isEmpty(), 20000);
        QVERIFY(diffShown.constFirst().constFirst().toString().contains(QStringLiteral("+name: %1-test").arg(appId)));
        QSignalSpy committed(editor, &ConfigEditor::committed);
        editor->commitAndPush(QStringLiteral("Re-render docker-compose.yaml from the current templates"));
        QTRY_VERIFY_WITH_TIMEOUT(!committed.isEmpty(), 30000);
        QVERIFY(!editor->isModified());
        const QString commit = committed.constFirst().constFirst().toString();
        // GitLab itself now has that commit at the head of env/test.
        GitLabClient client;
        client.setBaseUrl(shell.sandbox()->gitlabUrl());
        client.setToken(shell.sandbox()->adminToken());
        std::optional<GitLabResult<GitLabBranch>> branch;
        client.branch(QString::number(app.opsProjectId), QStringLiteral("env/test"), this,
                      [&branch](GitLabResult<GitLabBranch> result) { branch = std::move(result); });
        QTRY_VERIFY_WITH_TIMEOUT(branch.has_value(), 10000);
        QVERIFY(branch->error.isOk());
        QCOMPARE(branch->value.commit.id, commit);
        // ...and the local audit trail names the commit.
        AuditLogModel *audit = shell.mainWindow()->auditModel();
        QTRY_VERIFY_WITH_TIMEOUT(audit->rowCount() > 0, 5000);
        const AuditEntry recorded = audit->itemAt(0);
        QCOMPARE(recorded.action, QStringLiteral("config-commit"));
        QCOMPARE(recorded.appId, appId);
        QVERIFY(recorded.detail.contains(commit.left(12)));
    }

    // Live logs of a demo app stream from a real podman container through the
    // Docker Engine API, one click from the Tag history panel.
    void liveLogsStreamFromTheSandboxContainers()
    {
        QTemporaryDir dir;
        ShellOptions options;
        options.sandbox = true;
        options.settingsFile = dir.filePath(QStringLiteral("settings.ini"));
        Shell shell(options);
        shell.start();
        QVERIFY(shell.sandbox());
        QSignalSpy unavailable(shell.sandbox(), &SandboxPlatform::containersUnavailable);
        QTreeView *apps = shell.mainWindow()->applicationsPanel()->view();
        QTRY_VERIFY_WITH_TIMEOUT(apps->model()->rowCount() >= 20, 90000);
        QTRY_VERIFY2_WITH_TIMEOUT(
            !shell.sandbox()->appsWithContainers().isEmpty(),
            qPrintable(unavailable.isEmpty() ? QString() : unavailable.first().first().toString()), 60000);
        const QString appId = shell.sandbox()->appsWithContainers().constFirst();

        // Select that app, then click "Production logs" in the Tag history panel.
        QModelIndex row;
        for (int r = 0; r < apps->model()->rowCount() && !row.isValid(); ++r) {
            if (apps->model()->index(r, 0).data().toString() == appId)
                row = apps->model()->index(r, 1);
        }
        QVERIFY(row.isValid());
        apps->scrollTo(row);
        QTest::mouseClick(apps->viewport(), Qt::LeftButton, {}, apps->visualRect(row).center());
        TagHistoryPanel *history = shell.mainWindow()->tagHistoryPanel();
        QTRY_COMPARE(history->appId(), appId);
        auto *button = history->findChild<QToolButton *>(QStringLiteral("productionLogsButton"));
        QVERIFY(button && button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);

        LogView *logs = shell.mainWindow()->logView();
        QVERIFY(logs->source());
        QVERIFY(shell.mainWindow()->logsDock()->windowTitle().contains(appId));
        QTRY_VERIFY_WITH_TIMEOUT(logs->model()->rowCount() >= 3, 20000);
        // The demo container prints nginx access lines: the view parses them.
        bool sawAccessLine = false;
        for (int r = 0; r < logs->model()->rowCount() && !sawAccessLine; ++r)
            sawAccessLine = logs->model()->index(r, 0).data(LogRoles::HttpStatusRole).toInt() >= 200;
        QVERIFY(sawAccessLine);
        const int before = logs->model()->rowCount();
        QTRY_VERIFY_WITH_TIMEOUT(logs->model()->rowCount() > before, 10000); // live: it keeps coming

        // An app without containers says so instead of showing nothing.
        const QString other = apps->model()->index(apps->model()->rowCount() - 1, 0).data().toString();
        QVERIFY(!shell.sandbox()->appsWithContainers().contains(other));
        Q_EMIT shell.mainWindow()->applicationsPanel()->openLogsRequested(other, Environment::Test);
        QCOMPARE(logs->model()->rowCount(), 0); // the previous app's lines are gone
        auto *status = logs->findChild<QLabel *>(QStringLiteral("logSourceStatus"));
        QVERIFY(status);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(other), 10000);
    }
};

QTEST_MAIN(TestSandbox)
#include "tst_sandbox.moc"
