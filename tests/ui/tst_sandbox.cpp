// Command 1 of the README: Dockmaster on the embedded sandbox shows the seeded
// apps and pending release requests, read through the real GitLab client and
// sync engine from the emulator, and is online.
#include "core/approvals/approvaltypes.h"
#include "core/gitlab/gitlabclient.h"
#include "models/auditlogmodel.h"
#include "models/deploymentsmodel.h"
#include "models/logs/logmodel.h"
#include "models/logs/logmodelroles.h"
#include "models/modelroles.h"
#include "models/platform/keyspacemodel.h"
#include "models/tagsmodel.h"
#include "sandbox/emulator/sandboxseeder.h"
#include "sandbox/platform/sandboxplatform.h"
#include "tests/support/messagerecorder.h"
#include "tests/ui/sandboxsession.h"
#include "views/deploy/deploymentprogresspanel.h"
#include "views/dns/dnsreconciliationview.h"
#include "views/editor/codeeditor.h"
#include "views/editor/commitdialog.h"
#include "views/editor/configeditor.h"
#include "views/logs/logview.h"
#include "views/mainwindow.h"
#include "views/panels/applicationspanel.h"
#include "views/panels/approvalspanel.h"
#include "views/panels/taghistorypanel.h"
#include "views/platform/grantseditor.h"
#include "views/platform/keyvalueviewer.h"
#include "views/platform/platformservicesview.h"
#include "views/provisioning/createappdialog.h"
#include "views/review/approvalconfirmdialog.h"
#include "views/review/reviewpane.h"
#include "views/shell/provisioningcontroller.h"
#include "views/shell/releasecontroller.h"
#include "views/shell/shell.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextCursor>
#include <QThread>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>

using namespace Dockmaster;
using Dockmaster::Test::buttonNamed;
using Dockmaster::Test::SandboxSession;
using Dockmaster::Test::shownChild;

namespace {

SandboxPlatform *platform(const Shell &shell)
{
    return static_cast<SandboxPlatform *>(shell.sandbox());
}

} // namespace

class TestSandbox : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void sandboxShowsSeededAppsAndRequests()
    {
        QElapsedTimer clock; // from start-up (construction is quick) to apps on screen
        clock.start();
        auto session = std::make_unique<SandboxSession>();
        Shell &shell = session->shell;
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
        // The seeded file was rendered with the platform's older memory limit.
        const QString diff = diffShown.constFirst().constFirst().toString();
        QVERIFY2(diff.contains(QStringLiteral("-    mem_limit: 192m"))
                     && diff.contains(QStringLiteral("+    mem_limit: 256m")),
                 qPrintable(diff));
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
        QTRY_VERIFY_WITH_TIMEOUT(audit->rowCount() > 0, 30000);
        const AuditEntry recorded = audit->itemAt(0);
        QCOMPARE(recorded.action, QStringLiteral("config.commit"));
        QCOMPARE(recorded.appId, appId);
        QVERIFY(recorded.detail.contains(commit.left(12)));

        // Quitting removes the sandbox's folder, and only after the SQLite
        // cache (and its lock file) and the clones in it are closed: no
        // complaint about any file in it, nothing left.
        const QString folder = shell.dataFolder();
        QVERIFY(QFileInfo::exists(folder + QStringLiteral("/cache.sqlite")));
        QVERIFY(QFileInfo::exists(folder + QStringLiteral("/cache.sqlite.lock")));
        {
            Test::MessageRecorder messages;
            session.reset();
            const QStringList aboutTheFolder = messages.containing(folder);
            QVERIFY2(aboutTheFolder.isEmpty(), qPrintable(aboutTheFolder.join(u'\n')));
        }
        QVERIFY2(!QFileInfo::exists(folder), qPrintable(folder));
    }

    // Live logs of a demo app stream from a real podman container through the
    // Docker Engine API, one click from the Tag history panel.
    void liveLogsStreamFromTheSandboxContainers()
    {
        SandboxSession session;
        Shell &shell = session.shell;
        QVERIFY(shell.sandbox());
        QSignalSpy unavailable(shell.sandbox(), &Sandbox::containersUnavailable);
        QTreeView *apps = shell.mainWindow()->applicationsPanel()->view();
        QTRY_VERIFY_WITH_TIMEOUT(apps->model()->rowCount() >= 20, 90000);
        QTRY_VERIFY2_WITH_TIMEOUT(
            !platform(shell)->appsWithContainers().isEmpty(),
            qPrintable(unavailable.isEmpty() ? QString() : unavailable.first().first().toString()), 60000);
        const QString appId = platform(shell)->appsWithContainers().constFirst();

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
        QVERIFY(!platform(shell)->appsWithContainers().contains(other));
        Q_EMIT shell.mainWindow()->applicationsPanel()->openLogsRequested(other, Environment::Test);
        QCOMPARE(logs->model()->rowCount(), 0); // the previous app's lines are gone
        auto *status = logs->findChild<QLabel *>(QStringLiteral("logSourceStatus"));
        QVERIFY(status);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(other), 10000);
    }

    // The heart of the day: approve a pending request, watch its pipeline
    // deploy it, see the new live version, then roll it back.
    void approveDeployAndRollBack()
    {
        SandboxSession session;
        Shell &shell = session.shell;
        ReleaseController *releases = shell.releases();
        ApprovalsPanel *approvals = shell.mainWindow()->approvalsPanel();
        QTreeView *requests = approvals->view();
        QTRY_VERIFY_WITH_TIMEOUT(requests->model()->rowCount() > 0 && releases->canAct(), 90000);

        auto liveSha = [&shell](const QString &appId) {
            QAbstractItemModel *model = shell.mainWindow()->applicationsPanel()->view()->model();
            for (int r = 0; r < model->rowCount(); ++r) {
                const auto app = model->index(r, 0).data(Roles::RecordRole).value<AppRecord>();
                if (app.id == appId)
                    return app.environment(Environment::Test) ? app.environment(Environment::Test)->liveSha : QString();
            }
            return QString();
        };
        // A pending test-environment request with its ref pinned to a SHA that is not live yet.
        ReleaseRequest request;
        for (int r = 0; r < requests->model()->rowCount(); ++r) {
            const auto candidate = requests->model()->index(r, 0).data(Roles::RecordRole).value<ReleaseRequest>();
            if (candidate.state == ReleaseState::Pending && candidate.environment == Environment::Test
                && candidate.resolvedSha.size() == 40 && candidate.resolvedSha != liveSha(candidate.appId)) {
                requests->setCurrentIndex(requests->model()->index(r, 0));
                request = candidate;
                break;
            }
        }
        QVERIFY2(!request.appId.isEmpty(), "the sandbox has no pending test request with a resolved ref");
        const QString before = liveSha(request.appId);
        QVERIFY(!before.isEmpty());
        QVERIFY(before != request.resolvedSha);

        // Selecting it loads its review: the commits between the live and the requested SHA.
        auto *review = approvals->findChild<ReviewPane *>(QStringLiteral("reviewPane"));
        QVERIFY(review);
        QTRY_COMPARE_WITH_TIMEOUT(review->state(), ReviewPane::State::Ready, 20000);
        QCOMPARE(review->result().toSha, request.resolvedSha);
        QCOMPARE(review->result().fromSha, before);
        QVERIFY(!review->result().commits.isEmpty());
        QVERIFY(!review->result().files.isEmpty());

        // The app's Tag history is open while it is approved and rolled back.
        QTreeView *appsView = shell.mainWindow()->applicationsPanel()->view();
        for (int r = 0; r < appsView->model()->rowCount(); ++r) {
            if (appsView->model()->index(r, 0).data().toString() == request.appId)
                appsView->setCurrentIndex(appsView->model()->index(r, 0));
        }
        TagHistoryPanel *tagHistory = shell.mainWindow()->tagHistoryPanel();
        QCOMPARE(tagHistory->appId(), request.appId);
        DeploymentsModel *history = tagHistory->deploymentsModel();
        auto newestTest = [history]() -> DeploymentRecord {
            for (const DeploymentRecord &record : history->items()) {
                if (record.environment == Environment::Test)
                    return record; // newest first
            }
            return {};
        };
        QTRY_COMPARE_WITH_TIMEOUT(newestTest().sha, before, 20000); // the branch's history: the app's SHA

        QSignalSpy outcomes(releases, &ReleaseController::outcomeReady);
        QSignalSpy deployed(releases, &ReleaseController::deploymentFinished);
        QSignalSpy confirmations(releases, &ReleaseController::approvalConfirmationOpened);
        auto *approve = approvals->findChild<QPushButton *>(QStringLiteral("approveButton"));
        QVERIFY(approve && approve->isEnabled());
        // The confirmation opens without an event loop of its own: the click
        // returns with it open. (Were it exec()'d, the click would only return
        // once the watchdog had closed it.)
        bool clickReturned = false;
        bool closedByWatchdog = false;
        QTimer watchdog; // ends with this function, unlike a singleShot
        watchdog.setSingleShot(true);
        connect(&watchdog, &QTimer::timeout, this, [&] {
            if (clickReturned)
                return;
            closedByWatchdog = true;
            if (QWidget *modal = QApplication::activeModalWidget())
                modal->close();
        });
        watchdog.start(20000);
        QTest::mouseClick(approve, Qt::LeftButton);
        clickReturned = true;
        watchdog.stop();
        QVERIFY2(!closedByWatchdog, "approving ran a nested event loop for its confirmation");
        QCOMPARE(confirmations.size(), 1);
        auto *confirmation = qobject_cast<ApprovalConfirmDialog *>(confirmations.first().first().value<QDialog *>());
        QVERIFY(confirmation && confirmation->isVisible());

        // A sync runs to its end while the confirmation is open. It is handled
        // by the application's own event loop, not inside the approval waiting
        // for its answer, and it starts nothing of the approval.
        const int loopLevel = QThread::currentThread()->loopLevel();
        int syncLoopLevel = -1;
        const QMetaObject::Connection painted = connect(&shell, &Shell::firstPaintReady, this, [&syncLoopLevel] {
            syncLoopLevel = QThread::currentThread()->loopLevel();
        });
        Q_EMIT shell.mainWindow()->refreshRequested();
        QTRY_VERIFY_WITH_TIMEOUT(syncLoopLevel >= 0, 60000);
        disconnect(painted);
        QCOMPARE(syncLoopLevel, loopLevel);
        QVERIFY(confirmation->isVisible());
        QVERIFY(outcomes.isEmpty());

        // Approving now does it, once.
        QListWidget *acknowledgements = confirmation->acknowledgements(); // null: nothing to acknowledge
        for (int i = 0; acknowledgements && i < acknowledgements->count(); ++i) {
            QListWidgetItem *item = acknowledgements->item(i);
            if (item->flags() & Qt::ItemIsUserCheckable)
                item->setCheckState(Qt::Checked);
        }
        if (confirmation->needsTypedAppId())
            confirmation->appIdField()->setText(request.appId);
        QVERIFY(confirmation->approveButton()->isEnabled());
        QTest::mouseClick(confirmation->approveButton(), Qt::LeftButton);
        releases->setConfirmationsEnabled(false); // the rollback below is confirmed without a person
        QTRY_VERIFY_WITH_TIMEOUT(outcomes.size() >= 1, 30000);
        QTest::qWait(200);
        QCOMPARE(outcomes.size(), 1); // the approval only: nothing taken for an interrupted one
        const auto approved = outcomes.first().first().value<ReleaseOutcome>();
        QVERIFY2(approved.ok(), qPrintable(approved.message));
        QCOMPARE(approved.targetSha, request.resolvedSha);
        QTRY_COMPARE_WITH_TIMEOUT(deployed.size(), 1, 30000);
        QCOMPARE(deployed.first().at(2).toString(), QStringLiteral("success"));
        // The Deployments dock followed it, job log included.
        DeploymentProgressPanel *progress = shell.mainWindow()->deploymentsPanel();
        QCOMPARE(progress->list()->topLevelItem(0)->text(1), QStringLiteral("Deployed"));
        QVERIFY(!progress->logView()->toPlainText().isEmpty());
        // After the sync the Applications panel shows the new live version.
        QTRY_COMPARE_WITH_TIMEOUT(liveSha(request.appId), request.resolvedSha, 30000);

        // Tag history, open on this app since before the approval, followed
        // the cache: the new deployment (the tag, the app's SHA, who approved
        // it) and the new live tag, without selecting the app again.
        QTRY_COMPARE_WITH_TIMEOUT(newestTest().sha, request.resolvedSha, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(tagHistory->tagsModel()->liveSha(Environment::Test), request.resolvedSha, 20000);
        QCOMPARE(newestTest().ref, request.requestedRef);
        QCOMPARE(newestTest().user, QStringLiteral("root"));

        // Roll back to the previous successful deployment.
        outcomes.clear();
        deployed.clear();
        Q_EMIT shell.mainWindow()->tagHistoryPanel()->rollbackRequested(request.appId, Environment::Test, QString());
        QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), 1, 30000);
        const auto rolledBack = outcomes.first().first().value<ReleaseOutcome>();
        QVERIFY2(rolledBack.ok(), qPrintable(rolledBack.message));
        QCOMPARE(rolledBack.targetSha, before);
        QTRY_COMPARE_WITH_TIMEOUT(deployed.size(), 1, 30000);
        QCOMPARE(deployed.first().at(2).toString(), QStringLiteral("success"));
        QTRY_COMPARE_WITH_TIMEOUT(liveSha(request.appId), before, 30000);
        // ...and so does the Tag history, still on the same app.
        QCOMPARE(tagHistory->appId(), request.appId);
        QTRY_COMPARE_WITH_TIMEOUT(tagHistory->tagsModel()->liveSha(Environment::Test), before, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(newestTest().sha, before, 20000);

        // Both actions are in the audit log.
        AuditLogModel *audit = shell.mainWindow()->auditModel();
        QStringList actions;
        for (const AuditEntry &entry : audit->items())
            actions.append(entry.action);
        QVERIFY2(actions.contains(QStringLiteral("release.approve")), qPrintable(actions.join(u',')));
        QVERIFY2(actions.contains(QStringLiteral("deploy.rollback")), qPrintable(actions.join(u',')));
    }

    // Issue 13: File → Quit (and the close button, the same close event)
    // asks about every uncommitted edit, tab by tab: Cancel keeps everything
    // open, Discard closes that tab, Commit commits and pushes it first.
    void quitAsksAboutEveryUncommittedEdit()
    {
        SandboxSession session;
        Shell &shell = session.shell;
        MainWindow *window = shell.mainWindow();
        QTreeView *apps = window->applicationsPanel()->view();
        QTRY_VERIFY_WITH_TIMEOUT(apps->model()->rowCount() >= 2 && shell.releases()->canAct(), 90000);
        const auto openEdited = [window, apps](int row) -> ConfigEditor * {
            const QString appId = apps->model()->index(row, 0).data().toString();
            ConfigEditor *editor
                = Dockmaster::Test::openConfigFile(window, appId, QStringLiteral("conf/nginx-container.conf"));
            if (!editor)
                return nullptr;
            editor->codeEditor()->moveCursor(QTextCursor::End);
            QTest::keyClick(editor->codeEditor(), Qt::Key_Return);
            QTest::keyClicks(editor->codeEditor(), QStringLiteral("# tuned by hand"));
            return editor;
        };
        QPointer<ConfigEditor> first = openEdited(0);
        QPointer<ConfigEditor> second = openEdited(1);
        QVERIFY(first && second);
        QVERIFY(first->isModified() && second->isModified());
        auto *quit = window->findChild<QAction *>(QStringLiteral("quitAction"));
        QVERIFY(quit);
        QSignalSpy closing(window, &MainWindow::closing);

        // Cancel: nothing closes, nothing is lost.
        quit->trigger();
        QMessageBox *question = shownChild<QMessageBox>(window);
        QVERIFY2(question, "quitting with uncommitted edits did not ask");
        QVERIFY(window->isVisible());
        QVERIFY(closing.isEmpty());
        QVERIFY(buttonNamed(question, QStringLiteral("Commit…")));
        QVERIFY(buttonNamed(question, QStringLiteral("Discard")));
        question->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!shownChild<QMessageBox>(window));
        QVERIFY(window->isVisible());
        QVERIFY(closing.isEmpty());
        QVERIFY(first && first->isModified() && second && second->isModified());

        // Quit again: Discard the first edit, then Commit the second one.
        quit->trigger();
        question = shownChild<QMessageBox>(window);
        QVERIFY(question);
        QVERIFY(window->editorArea()->currentWidget() == first.data()); // the question is about the tab in front
        buttonNamed(question, QStringLiteral("Discard"))->click();
        QTRY_VERIFY(!first);
        QTRY_VERIFY(shownChild<QMessageBox>(window));
        question = shownChild<QMessageBox>(window);
        QVERIFY(window->editorArea()->currentWidget() == second.data());
        QVERIFY(window->isVisible());
        QSignalSpy committed(second.data(), &ConfigEditor::committed);
        buttonNamed(question, QStringLiteral("Commit…"))->click();
        QTRY_VERIFY(shownChild<CommitDialog>(window));
        CommitDialog *commitDialog = shownChild<CommitDialog>(window);
        commitDialog->setMessage(QStringLiteral("Tune nginx by hand"));
        commitDialog->accept();
        QTRY_COMPARE_WITH_TIMEOUT(committed.size(), 1, 30000);
        // Nothing is left uncommitted: the window closes.
        QTRY_COMPARE(closing.size(), 1);
        QVERIFY(!window->isVisible());
    }

    // The sandbox's own PowerDNS: an app's records are checked against the
    // inventory and fixed with one click; dig then answers with the host.
    void dnsRecordsAreCheckedAndFixed()
    {
        SandboxSession session;
        Shell &shell = session.shell;
        QVERIFY(shell.sandbox());
        QSignalSpy dnsReady(shell.sandbox(), &Sandbox::dnsReady);
        QSignalSpy dnsUnavailable(shell.sandbox(), &Sandbox::dnsUnavailable);
        QTreeView *apps = shell.mainWindow()->applicationsPanel()->view();
        QTRY_VERIFY_WITH_TIMEOUT(apps->model()->rowCount() >= 20, 90000);
        QTRY_VERIFY2_WITH_TIMEOUT(
            !dnsReady.isEmpty(),
            qPrintable(dnsUnavailable.isEmpty() ? QString() : dnsUnavailable.first().first().toString()), 30000);
        const quint16 dnsPort = quint16(dnsReady.first().at(2).toUInt());
        apps->setCurrentIndex(apps->model()->index(0, 0));
        const AppRecord app = apps->model()->index(0, 0).data(Roles::RecordRole).value<AppRecord>();
        Q_EMIT shell.mainWindow()->dnsCheckRequested(app.id);
        QDialog *dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (dialog = shell.mainWindow()->findChild<QDialog *>(QStringLiteral("dnsRecordsDialog"))) != nullptr, 10000);
        auto *view = dialog->findChild<DnsReconciliationView *>();
        QVERIFY(view);
        // Nothing was ever published for the seeded apps: the fix is offered.
        QTRY_VERIFY_WITH_TIMEOUT(view->fixButton()->isEnabled(), 15000);
        QTest::mouseClick(view->fixButton(), Qt::LeftButton);
        // The fix is audited when it has finished.
        AuditLogModel *audit = shell.mainWindow()->auditModel();
        QTRY_VERIFY2_WITH_TIMEOUT(!audit->items().isEmpty() && audit->itemAt(0).action == QLatin1String("dns.fix"),
                                  qPrintable(view->statusLabel()->text()), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(!view->fixButton()->isEnabled(), 10000); // all records match now
        const EnvironmentState *test = app.environment(Environment::Test);
        QVERIFY(test);
        QProcess dig;
        dig.start(QStringLiteral("dig"),
                  { QStringLiteral("@127.0.0.1"), QStringLiteral("-p"), QString::number(dnsPort), test->domain,
                    QStringLiteral("A"), QStringLiteral("+short") });
        QVERIFY(dig.waitForFinished(10000));
        const QString answer = QString::fromUtf8(dig.readAllStandardOutput()).trimmed();
        QVERIFY2(!answer.isEmpty() && answer.count(QLatin1Char('.')) == 3, qPrintable(answer));
    }

    // The sandbox's key/value store behind the Platform services tab: the
    // first demo app (a shop) opened from the Application menu shows the
    // permissions its platform.json declares, its keys paged from the real
    // valkey-server, its memory over the 1 MB it asked for, and a value;
    // deleting a key is audited.
    void platformServicesTabShowsTheSandboxStore()
    {
        SandboxSession session;
        Shell &shell = session.shell;
        QVERIFY(shell.sandbox());
        QSignalSpy ready(shell.sandbox(), &Sandbox::keyValueReady);
        QSignalSpy unavailable(shell.sandbox(), &Sandbox::keyValueUnavailable);
        QTreeView *apps = shell.mainWindow()->applicationsPanel()->view();
        QTRY_VERIFY_WITH_TIMEOUT(apps->model()->rowCount() >= 20, 90000);
        QTRY_VERIFY2_WITH_TIMEOUT(
            !ready.isEmpty(), qPrintable(unavailable.isEmpty() ? QString() : unavailable.first().first().toString()),
            60000);
        const QString shop = SandboxSeeder::appId(0);
        for (int row = 0; row < apps->model()->rowCount(); ++row)
            if (apps->model()->index(row, 0).data().toString() == shop)
                apps->setCurrentIndex(apps->model()->index(row, 0));
        QCOMPARE(shell.mainWindow()->applicationsPanel()->currentAppId(), shop);
        auto *open = shell.mainWindow()->findChild<QAction *>(QStringLiteral("platformServicesAction"));
        QVERIFY(open);
        open->trigger();
        PlatformServicesView *view = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((view = shownChild<PlatformServicesView>(shell.mainWindow())) != nullptr, 10000);
        QCOMPARE(view->appId(), shop);
        QTRY_COMPARE_WITH_TIMEOUT(view->permissionNames(),
                                  (QStringList { QStringLiteral("orders.read"), QStringLiteral("orders.refund") }),
                                  30000);
        QTRY_VERIFY_WITH_TIMEOUT(view->largest()->rowCount() > 0, 60000);
        QCOMPARE(view->largest()->keyAt(0).name, QByteArray("cache:catalogue"));
        QVERIFY2(view->isOverQuota(), qPrintable(view->quotaText()));
        QTRY_VERIFY_WITH_TIMEOUT(view->keys()->rowCount() > 0 && !view->keys()->isLoading(), 30000);
        // Opened again from the menu: the same tab comes forward.
        open->trigger();
        QCOMPARE(shell.mainWindow()->findChildren<PlatformServicesView *>().size(), 1);

        view->largestTable()->setCurrentIndex(view->largest()->index(0, 0));
        KeyValueViewer *viewer = view->viewer();
        QTRY_VERIFY_WITH_TIMEOUT(viewer->valueText().startsWith(QStringLiteral("[{\"sku\"")), 30000);
        viewer->findChild<QPushButton *>(QStringLiteral("deleteKeyValue"))->click();
        QMessageBox *confirm = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((confirm = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())), 10000);
        QAbstractButton *remove = nullptr;
        for (QAbstractButton *button : confirm->buttons())
            if (button->text() == QStringLiteral("Delete"))
                remove = button;
        QVERIFY(remove);
        remove->click();
        AuditLogModel *audit = shell.mainWindow()->auditModel();
        QTRY_VERIFY_WITH_TIMEOUT(!audit->items().isEmpty() && audit->itemAt(0).action == QLatin1String("app.kv-delete"),
                                 15000);
        QCOMPARE(audit->itemAt(0).appId, shop);
        QTRY_VERIFY_WITH_TIMEOUT(!view->isOverQuota(), 30000); // the catalogue was most of it

        // Grants: in production the shop lets finance and support see
        // orders; an admin lets finance refund too, in one audited commit.
        GrantsEditor *grants = view->grants();
        auto *environments = grants->findChild<QComboBox *>(QStringLiteral("grantsEnvironment"));
        QVERIFY(environments);
        environments->setCurrentIndex(environments->findData(QStringLiteral("production")));
        QTRY_COMPARE_WITH_TIMEOUT(grants->savedGrants().roles.value(QStringLiteral("orders.read")),
                                  (QStringList { QStringLiteral("finance"), QStringLiteral("support") }), 30000);
        QVERIFY(!grants->saveButton()->isEnabled()); // nothing changed yet
        grants->setRoles(QStringLiteral("orders.refund"), QStringLiteral("finance"));
        QVERIFY(grants->saveButton()->isEnabled());
        grants->saveButton()->click();
        QMessageBox *confirmGrants = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (confirmGrants = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) != nullptr, 10000);
        QVERIFY(confirmGrants->informativeText().contains(QLatin1String("orders.refund: granted to finance")));
        confirmGrants->button(QMessageBox::Save)->click();
        QTRY_VERIFY_WITH_TIMEOUT(
            !audit->items().isEmpty() && audit->itemAt(0).action == QLatin1String("app.grants-set"), 60000);
        QCOMPARE(audit->itemAt(0).appId, shop);
        QTRY_COMPARE_WITH_TIMEOUT(grants->savedGrants().roles.value(QStringLiteral("orders.refund")),
                                  QStringList { QStringLiteral("finance") }, 30000);
        QVERIFY2(grants->statusText().contains(QLatin1String("Committed as")), qPrintable(grants->statusText()));
    }

    // Deploying a tag from Tag history shows the same review as an approval
    // (diff from the live version, risk flags) and deploys only when confirmed.
    void deployTagIsReviewedFirst()
    {
        SandboxSession session;
        Shell &shell = session.shell;
        ReleaseController *releases = shell.releases();
        QTreeView *requests = shell.mainWindow()->approvalsPanel()->view();
        QTRY_VERIFY_WITH_TIMEOUT(requests->model()->rowCount() > 0 && releases->canAct(), 90000);
        // The newest tag of an app awaiting approval on test is not live there yet.
        ReleaseRequest pending;
        for (int r = 0; r < requests->model()->rowCount() && pending.appId.isEmpty(); ++r) {
            const auto candidate = requests->model()->index(r, 0).data(Roles::RecordRole).value<ReleaseRequest>();
            if (candidate.environment == Environment::Test && candidate.resolvedSha.size() == 40)
                pending = candidate;
        }
        QVERIFY(!pending.appId.isEmpty());
        QSignalSpy opened(releases, &ReleaseController::reviewDialogOpened);
        QSignalSpy outcomes(releases, &ReleaseController::outcomeReady);
        Q_EMIT shell.mainWindow()->tagHistoryPanel()->deployTagRequested(pending.appId, Environment::Test,
                                                                         pending.requestedRef, pending.resolvedSha);
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 30000);
        auto *dialog = opened.first().first().value<QDialog *>();
        auto *pane = dialog->findChild<ReviewPane *>();
        auto *deploy = dialog->findChild<QPushButton *>(QStringLiteral("deployButton"));
        QVERIFY(pane && deploy);
        QVERIFY(!deploy->isEnabled()); // nothing to confirm before the review is there
        QTRY_COMPARE_WITH_TIMEOUT(pane->state(), ReviewPane::State::Ready, 20000);
        QCOMPARE(pane->result().toSha, pending.resolvedSha);
        QVERIFY(!pane->result().commits.isEmpty());
        QVERIFY(outcomes.isEmpty());
        QTest::mouseClick(deploy, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), 1, 30000);
        const auto outcome = outcomes.first().first().value<ReleaseOutcome>();
        QVERIFY2(outcome.ok(), qPrintable(outcome.message));
        QCOMPARE(outcome.action, ReleaseOutcome::Action::DeployTag);
        QCOMPARE(outcome.targetSha, pending.resolvedSha);
    }

    // Issue 4's promise: a new app from the wizard, with its repositories,
    // branches, submodule, CI variables and DNS records, shown in the panel.
    void wizardCreatesAnApp()
    {
        QElapsedTimer clock;
        clock.start();
        // Where the time goes, in the log: a run that times out says at which step.
        const auto step = [&clock](const char *what) {
            qInfo("wizard: %s after %lld ms", what, clock.elapsed());
        };
        SandboxSession session;
        Shell &shell = session.shell;
        QSignalSpy dnsReady(shell.sandbox(), &Sandbox::dnsReady);
        QTreeView *apps = shell.mainWindow()->applicationsPanel()->view();
        QTRY_VERIFY_WITH_TIMEOUT(apps->model()->rowCount() >= 20 && shell.releases()->canAct(), 90000);
        QTRY_VERIFY_WITH_TIMEOUT(!dnsReady.isEmpty(), 30000);
        step("apps listed, actions ready, DNS up");
        const quint16 dnsPort = quint16(dnsReady.first().at(2).toUInt());
        const int appsBefore = apps->model()->rowCount();

        QSignalSpy opened(shell.provisioning(), &ProvisioningController::dialogOpened);
        Q_EMIT shell.mainWindow()->createAppRequested();
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 10000);
        auto *wizard = qobject_cast<CreateAppDialog *>(opened.first().first().value<QWidget *>());
        QVERIFY(wizard);
        QTRY_VERIFY_WITH_TIMEOUT(wizard->testHostCombo()->count() > 1, 60000); // hosts from the inventory
        QTest::keyClicks(wizard->nameEdit(), QStringLiteral("Event Board"));
        QTest::keyClicks(wizard->ownerEdit(), QStringLiteral("dev02"));
        QTest::keyClicks(wizard->descriptionEdit(), QStringLiteral("Events, with tickets."));
        QSignalSpy created(wizard, &CreateAppDialog::appCreated);
        QTest::mouseClick(wizard->createButton(), Qt::LeftButton);
        step("form filled");
        QTRY_COMPARE_WITH_TIMEOUT(created.size(), 1, 90000);
        step("app created");
        const QString id = created.first().first().toString();

        // The Applications panel shows it after the sync that follows.
        QTRY_COMPARE_WITH_TIMEOUT(apps->model()->rowCount(), appsBefore + 1, 30000);
        step("listed after the sync");
        AppRecord app;
        for (int r = 0; r < apps->model()->rowCount(); ++r) {
            const auto candidate = apps->model()->index(r, 0).data(Roles::RecordRole).value<AppRecord>();
            if (candidate.id == id)
                app = candidate;
        }
        QCOMPARE(app.name, QStringLiteral("Event Board"));
        QCOMPARE(app.owner, QStringLiteral("dev02"));
        QVERIFY(app.codeProjectId > 0 && app.opsProjectId > 0);

        // In GitLab: the environment branch holds `codes` as a submodule and rendered conf/.
        GitLabClient client;
        client.setBaseUrl(shell.sandbox()->gitlabUrl());
        client.setToken(shell.sandbox()->adminToken());
        std::optional<GitLabResult<QList<GitLabTreeEntry>>> tree;
        client.tree(QString::number(app.opsProjectId), QStringLiteral("env/test"), {}, this,
                    [&tree](GitLabResult<QList<GitLabTreeEntry>> result) { tree = std::move(result); });
        QTRY_VERIFY_WITH_TIMEOUT(tree.has_value(), 10000);
        QVERIFY(tree->error.isOk());
        QStringList entries;
        for (const GitLabTreeEntry &entry : tree->value)
            entries.append(entry.path + QLatin1Char(':') + entry.type);
        QVERIFY2(entries.contains(QStringLiteral("codes:commit")), qPrintable(entries.join(u' ')));
        QVERIFY2(entries.contains(QStringLiteral(".gitmodules:blob")), qPrintable(entries.join(u' ')));
        QVERIFY2(entries.contains(QStringLiteral("conf:tree")), qPrintable(entries.join(u' ')));
        // CI/CD variables: the deploy key is masked and protected.
        std::optional<GitLabResponse> variables;
        GitLabRequest request;
        request.path = GitLabClient::projectPath(QString::number(app.opsProjectId)) + QStringLiteral("/variables");
        client.send(request, this, [&variables](const GitLabResponse &response) { variables = response; });
        QTRY_VERIFY_WITH_TIMEOUT(variables.has_value(), 10000);
        bool keyIsGuarded = false;
        for (const QJsonValue &value : QJsonDocument::fromJson(variables->body).array()) {
            const QJsonObject variable = value.toObject();
            if (variable.value(QStringLiteral("key")).toString().startsWith(QStringLiteral("DEPLOY_SSH_KEY")))
                keyIsGuarded = variable.value(QStringLiteral("masked")).toBool()
                    && variable.value(QStringLiteral("protected")).toBool();
        }
        QVERIFY2(keyIsGuarded, variables->body.constData());
        // DNS: the sandbox's PowerDNS answers for the new domain.
        const EnvironmentState *test = app.environment(Environment::Test);
        QVERIFY(test);
        QProcess dig;
        dig.start(QStringLiteral("dig"),
                  { QStringLiteral("@127.0.0.1"), QStringLiteral("-p"), QString::number(dnsPort), test->domain,
                    QStringLiteral("A"), QStringLiteral("+short") });
        QVERIFY(dig.waitForFinished(10000));
        QVERIFY2(!QString::fromUtf8(dig.readAllStandardOutput()).trimmed().isEmpty(), qPrintable(test->domain));
    }
};

QTEST_MAIN(TestSandbox)
#include "tst_sandbox.moc"
