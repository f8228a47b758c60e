// Issue 13, item 5: the default layout on a 1366×768 laptop and a 2560×1440
// desktop. Every editor action is on the editor's toolbar (which fits, with
// no "»" hiding any) or in the Configuration menu with its shortcut; the
// approvals list shows its rows and the review the rest; nothing open, the
// centre goes to the panels; each profile keeps its own layout and Reset
// layout brings the default back. With DOCKMASTER_LAYOUT_SCREENS set, the
// real shell on the embedded sandbox is pictured at both sizes in English
// and Chinese (run it under Xvfb for the pictures a desktop shows).
#include "core/git/gitworkspace.h"
#include "models/applicationsmodel.h"
#include "models/modelroles.h"
#include "models/releaserequestsmodel.h"
#include "tests/ui/demodata.h"
#include "tests/ui/sandboxsession.h"
#include "views/editor/codeeditor.h"
#include "views/editor/configeditor.h"
#include "views/editor/findreplacebar.h"
#include "views/mainwindow.h"
#include "views/panels/applicationspanel.h"
#include "views/panels/approvalspanel.h"
#include "views/review/reviewpane.h"
#include "views/shell/releasecontroller.h"
#include "views/shell/translations.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMouseEvent>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QSplitterHandle>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QToolButton>
#include <QTranslator>
#include <QTreeView>

#include <KSyntaxHighlighting/Repository>

using namespace Dockmaster;
using Dockmaster::Test::demoRequests;
using Dockmaster::Test::openConfigFile;
using Dockmaster::Test::SandboxSession;
using Dockmaster::Test::useLanguage;

namespace {

QList<AppRecord> demoApps(int count)
{
    QList<AppRecord> apps;
    for (int i = 0; i < count; ++i) {
        AppRecord app;
        app.id = QStringLiteral("app%1").arg(1000 + i * 37, 7, 10, QLatin1Char('0'));
        app.name = QStringLiteral("Plugin %1").arg(i);
        app.owner = QStringLiteral("owner%1").arg(i % 4);
        app.status = QStringLiteral("active");
        apps.append(app);
    }
    return apps;
}

// Rows of `view` shown whole.
int wholeRowsShown(const QTreeView *view)
{
    int rows = 0;
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        const QRect rect = view->visualRect(view->model()->index(row, 0));
        if (rect.isValid() && rect.top() >= 0 && rect.bottom() < view->viewport()->height())
            ++rows;
    }
    return rows;
}

// Sizes restored to within a few pixels (separators and frames are rounded).
bool near(int actual, int expected)
{
    return std::abs(actual - expected) <= 8;
}

QDockWidget *dock(const MainWindow &window, const char *name)
{
    return window.findChild<QDockWidget *>(QString::fromLatin1(name));
}

// Drags the handle of `splitter` between its first two widgets by `by` pixels, as a mouse does.
void dragHandle(QSplitter *splitter, int by)
{
    QSplitterHandle *handle = splitter->handle(1);
    const QPoint from = handle->rect().center();
    const QPoint to = from + (splitter->orientation() == Qt::Vertical ? QPoint(0, by) : QPoint(by, 0));
    QTest::mousePress(handle, Qt::LeftButton, Qt::NoModifier, from);
    QMouseEvent move(QEvent::MouseMove, to, handle->mapToGlobal(to), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(handle, &move);
    QTest::mouseRelease(handle, Qt::LeftButton, Qt::NoModifier, to);
}

// The Configuration menu as it opens with the current editor in front.
QList<QAction *> configurationMenu(const MainWindow &window)
{
    auto *menu = window.findChild<QMenu *>(QStringLiteral("configurationMenu"));
    if (!menu)
        return {};
    Q_EMIT menu->aboutToShow();
    return menu->actions();
}

// Every action of the editor is on its toolbar, shown, or in the menu with
// its shortcut; returns what is not (empty: all are).
QStringList unreachableEditorActions(const MainWindow &window, ConfigEditor *editor)
{
    QStringList problems;
    auto *toolbar = editor->findChild<QToolBar *>(QStringLiteral("editorToolbar"));
    if (!toolbar)
        return { QStringLiteral("no editor toolbar") };
    if (auto *more = toolbar->findChild<QToolButton *>(QStringLiteral("qt_toolbar_ext_button"));
        more && more->isVisible())
        problems.append(QStringLiteral("the toolbar hides actions behind its extension button"));
    for (QAction *action : toolbar->actions()) {
        QWidget *button = toolbar->widgetForAction(action);
        if (!action->isSeparator() && (!button || !button->isVisible()))
            problems.append(QStringLiteral("not shown on the toolbar: ") + action->text());
    }
    const QList<QAction *> menu = configurationMenu(window);
    for (QAction *action : editor->actions()) {
        if (action->isSeparator())
            continue;
        if (!menu.contains(action))
            problems.append(QStringLiteral("not in the Configuration menu: ") + action->text());
        if (action->shortcut().isEmpty())
            problems.append(QStringLiteral("no shortcut: ") + action->text());
    }
    return problems;
}

} // namespace

class TestLayout : public QObject
{
    Q_OBJECT

    ApplicationsModel m_apps;
    ReleaseRequestsModel m_requests;
    KSyntaxHighlighting::Repository m_syntax;
    QTemporaryDir m_dir;

    // A configuration editor in the window's centre, as EditorTabs opens one
    // (no repository behind it: the layout does not need one).
    ConfigEditor *openEditor(MainWindow &window)
    {
        auto *workspace = new GitWorkspace(m_dir.filePath(QStringLiteral("clones")), window.editorArea());
        auto *editor = new ConfigEditor(workspace, m_syntax, window.editorArea());
        workspace->setParent(editor);
        window.editorArea()->setCurrentIndex(
            window.editorArea()->addTab(editor, QStringLiteral("app0001000 (Test): conf/nginx-container.conf")));
        return editor;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_apps.setItems(demoApps(24));
        m_requests.setItems(demoRequests(14));
    }

    void defaultLayout_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<int>("minimumRows");
        QTest::newRow("1366x768") << QSize(1366, 768) << 6;
        QTest::newRow("2560x1440") << QSize(2560, 1440) << 12;
    }

    void defaultLayout()
    {
        QFETCH(QSize, size);
        QFETCH(int, minimumRows);
        MainWindow window(&m_apps, &m_requests);
        window.resize(size);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.size(), size);
        // Nothing in the window asks for more than the screen has.
        QVERIFY2(
            window.minimumSizeHint().width() <= size.width() && window.minimumSizeHint().height() <= size.height(),
            qPrintable(
                QStringLiteral("%1x%2").arg(window.minimumSizeHint().width()).arg(window.minimumSizeHint().height())));

        // Nothing open: no empty page in the centre; the panels share the width.
        QVERIFY(window.editorArea()->isHidden());
        QDockWidget *apps = dock(window, "applicationsDock");
        QDockWidget *approvals = dock(window, "approvalsDock");
        QTRY_VERIFY2(approvals->width() >= size.width() * 40 / 100, qPrintable(QString::number(approvals->width())));
        QVERIFY2(apps->width() >= 320 && apps->width() <= size.width() * 30 / 100,
                 qPrintable(QString::number(apps->width())));
        // The approvals list shows its rows; the review below it has the most of the height.
        QTreeView *list = window.approvalsPanel()->view();
        QTRY_VERIFY2(wholeRowsShown(list) >= minimumRows, qPrintable(QString::number(wholeRowsShown(list))));
        auto *splitter = window.approvalsPanel()->findChild<QSplitter *>(QStringLiteral("approvalsSplitter"));
        QVERIFY(list->height() <= splitter->height() / 2);
        qInfo("%dx%d: Applications %d px wide, approvals %d px wide, %d of %d approval rows shown", size.width(),
              size.height(), apps->width(), approvals->width(), wholeRowsShown(list), int(list->model()->rowCount()));

        // An editor opens in the centre with room for its toolbar.
        ConfigEditor *editor = openEditor(window);
        QVERIFY(!window.editorArea()->isHidden());
        QTRY_VERIFY2(window.editorArea()->width() >= editor->sizeHint().width(),
                     qPrintable(QStringLiteral("centre %1, editor wants %2")
                                    .arg(window.editorArea()->width())
                                    .arg(editor->sizeHint().width())));
        const QStringList unreachable = unreachableEditorActions(window, editor);
        QVERIFY2(unreachable.isEmpty(), qPrintable(unreachable.join(QLatin1Char('\n'))));
        QVERIFY(wholeRowsShown(list) >= minimumRows);
        qInfo("%dx%d with an editor: centre %d px wide (its toolbar needs %d), Applications %d, approvals %d",
              size.width(), size.height(), window.editorArea()->width(),
              editor->findChild<QToolBar *>()->sizeHint().width(), apps->width(), approvals->width());

        // The last editor closed, the centre goes back to the panels.
        window.editorArea()->removeTab(0);
        delete editor;
        QVERIFY(window.editorArea()->isHidden());
    }

    // Ctrl+F is the editor's Find while the editor has the focus and the
    // panels' filter elsewhere: two actions on one key would trigger neither.
    void ctrlFFindsInTheEditorAndFiltersThePanelsElsewhere()
    {
        MainWindow window(&m_apps, &m_requests);
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ConfigEditor *editor = openEditor(window);
        window.activateWindow();
        editor->codeEditor()->setFocus();
        QTRY_VERIFY(editor->codeEditor()->hasFocus());
        QVERIFY(!editor->findReplaceBar()->isVisible());
        QTest::keyClick(editor->codeEditor(), Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(editor->findReplaceBar()->isVisible());

        QTreeView *apps = window.applicationsPanel()->view();
        apps->setFocus();
        QTRY_VERIFY(apps->hasFocus());
        QTest::keyClick(apps, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(qobject_cast<QLineEdit *>(QApplication::focusWidget()));
        QVERIFY(window.applicationsPanel()->isAncestorOf(QApplication::focusWidget()));
    }

    void eachProfileKeepsItsLayoutAndResetRestoresTheDefault()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("layouts.ini")), QSettings::IniFormat);
        const QSize size(1366, 768);
        struct Saved {
            int appsWidth;
            int listHeight;
        };
        // alpha: the Applications panel widened and the approvals list dragged taller.
        // beta: the Audit log closed; the list left to fit its rows.
        const auto arrange = [&](const QString &profile, int appsWidth, bool dragList) -> Saved {
            MainWindow window(&m_apps, &m_requests);
            window.resize(size);
            window.show();
            if (!QTest::qWaitForWindowExposed(&window))
                return {};
            window.resizeDocks({ dock(window, "applicationsDock") }, { appsWidth }, Qt::Horizontal);
            auto *splitter = window.approvalsPanel()->findChild<QSplitter *>(QStringLiteral("approvalsSplitter"));
            if (dragList)
                dragHandle(splitter, 90);
            else
                window.auditDock()->close();
            QTest::qWait(20);
            window.saveLayout(settings, profile);
            return { dock(window, "applicationsDock")->width(), window.approvalsPanel()->view()->height() };
        };
        const Saved alpha = arrange(QStringLiteral("alpha"), 600, true);
        const Saved beta = arrange(QStringLiteral("beta"), 340, false);
        QVERIFY2(alpha.appsWidth > beta.appsWidth + 60,
                 qPrintable(QStringLiteral("%1 %2").arg(alpha.appsWidth).arg(beta.appsWidth)));

        MainWindow fitted(&m_apps, &m_requests);
        fitted.resize(size);
        fitted.show();
        QVERIFY(QTest::qWaitForWindowExposed(&fitted));
        const int defaultAppsWidth = dock(fitted, "applicationsDock")->width();
        const int fittedListHeight = fitted.approvalsPanel()->view()->height();
        QVERIFY2(alpha.listHeight > fittedListHeight + 60,
                 qPrintable(QStringLiteral("%1 %2").arg(alpha.listHeight).arg(fittedListHeight)));

        // Each in a window of its own, as a profile opens.
        MainWindow restored(&m_apps, &m_requests);
        MainWindow other(&m_apps, &m_requests);
        for (const auto &[window, profile] :
             { std::pair(&restored, QStringLiteral("alpha")), std::pair(&other, QStringLiteral("beta")) }) {
            window->restoreLayout(settings, profile);
            window->show();
            QVERIFY(QTest::qWaitForWindowExposed(window));
        }
        QTRY_VERIFY2(near(dock(restored, "applicationsDock")->width(), alpha.appsWidth),
                     qPrintable(QString::number(dock(restored, "applicationsDock")->width())));
        QTRY_VERIFY(near(restored.approvalsPanel()->view()->height(), alpha.listHeight));
        QVERIFY(!restored.auditDock()->isHidden());

        QTRY_VERIFY2(near(dock(other, "applicationsDock")->width(), beta.appsWidth),
                     qPrintable(QString::number(dock(other, "applicationsDock")->width())));
        QVERIFY(other.auditDock()->isHidden());
        QTRY_VERIFY(near(other.approvalsPanel()->view()->height(), fittedListHeight));

        // View → Reset layout: the default of a first start, in each.
        for (MainWindow *window : { &restored, &other }) {
            auto *reset = window->findChild<QAction *>(QStringLiteral("resetLayoutAction"));
            QVERIFY(reset);
            reset->trigger();
            QTRY_VERIFY2(near(dock(*window, "applicationsDock")->width(), defaultAppsWidth),
                         qPrintable(QString::number(dock(*window, "applicationsDock")->width())));
            QTRY_VERIFY(near(window->approvalsPanel()->view()->height(), fittedListHeight));
            QVERIFY(window->approvalsPanel()->saveListLayout().isEmpty());
            QVERIFY(!window->auditDock()->isHidden());
            QCOMPARE(window->dockWidgetArea(window->auditDock()), Qt::BottomDockWidgetArea);
        }
    }

    void sandboxScreenshots_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QString>("language");
        for (const QSize size : { QSize(1366, 768), QSize(2560, 1440) }) {
            for (const QString &language : { QStringLiteral("en"), QStringLiteral("zh_CN") })
                QTest::addRow("%d-%s", size.width(), qPrintable(language)) << size << language;
        }
    }

    // The real shell on the embedded sandbox, an app and a request selected
    // and a configuration file open.
    void sandboxScreenshots()
    {
        const QString folder = qEnvironmentVariable("DOCKMASTER_LAYOUT_SCREENS");
        if (folder.isEmpty())
            QSKIP("DOCKMASTER_LAYOUT_SCREENS names no folder for the pictures");
        QFETCH(QSize, size);
        QFETCH(QString, language);
        useLanguage(language);
        SandboxSession session;
        MainWindow *window = session.shell.mainWindow();
        window->resize(size);
        window->resetLayout();
        QTreeView *apps = window->applicationsPanel()->view();
        QTreeView *requests = window->approvalsPanel()->view();
        QTRY_VERIFY_WITH_TIMEOUT(apps->model()->rowCount() > 0 && requests->model()->rowCount() > 0
                                     && session.shell.releases()->canAct(),
                                 120000);
        requests->setCurrentIndex(requests->model()->index(0, 0));
        auto *review = window->findChild<ReviewPane *>(QStringLiteral("reviewPane"));
        QTRY_VERIFY_WITH_TIMEOUT(review->state() == ReviewPane::State::Ready, 30000);
        const QString appId = requests->currentIndex().data(Roles::RecordRole).value<ReleaseRequest>().appId;
        for (int row = 0; row < apps->model()->rowCount(); ++row) {
            if (apps->model()->index(row, 0).data(Roles::RecordRole).value<AppRecord>().id == appId)
                apps->setCurrentIndex(apps->model()->index(row, 0));
        }
        QCOMPARE(window->applicationsPanel()->currentAppId(), appId);
        QDir().mkpath(folder);
        QTest::qWait(300);
        // Before anything is open: the panels share the whole width.
        QVERIFY(window->editorArea()->isHidden());
        QVERIFY(window->grab().toImage().save(
            QStringLiteral("%1/layout-%2-%3-start.png").arg(folder).arg(size.width()).arg(language)));
        ConfigEditor *editor = openConfigFile(window, appId, QStringLiteral("conf/nginx-container.conf"));
        QVERIFY(editor);
        const QStringList unreachable = unreachableEditorActions(*window, editor);
        QVERIFY2(
            unreachable.isEmpty(),
            qPrintable(unreachable.join(QLatin1Char('\n'))
                       + QStringLiteral("\ncentre %1 wide, the editor wants %2; the side panels at least %3 and %4")
                             .arg(window->editorArea()->width())
                             .arg(editor->sizeHint().width())
                             .arg(dock(*window, "applicationsDock")->minimumSizeHint().width())
                             .arg(dock(*window, "approvalsDock")->minimumSizeHint().width())));
        QVERIFY(wholeRowsShown(requests) >= std::min(int(requests->model()->rowCount()), 6));
        QTest::qWait(500);
        const QString path = QStringLiteral("%1/layout-%2-%3.png").arg(folder).arg(size.width()).arg(language);
        QVERIFY(window->grab().toImage().save(path));
        qInfo("screenshot: %s (%d of %d approval rows shown, centre %d px wide)", qPrintable(path),
              wholeRowsShown(requests), int(requests->model()->rowCount()), window->editorArea()->width());
    }
};

// The offscreen screen is 800×600 unless told otherwise; these windows are
// up to 2560×1440, and restored geometry is kept within the screen.
int main(int argc, char **argv)
{
    QTemporaryDir config;
    if (qEnvironmentVariable("QT_QPA_PLATFORM") == QLatin1String("offscreen")) {
        const QString file = config.filePath(QStringLiteral("screens.json"));
        QFile json(file);
        if (json.open(QIODevice::WriteOnly))
            json.write(R"({"screens": [{"name": "desktop", "x": 0, "y": 0, "width": 2560, "height": 1440,
                          "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})");
        json.close();
        qputenv("QT_QPA_PLATFORM", QByteArray(QByteArray("offscreen:configfile=") + file.toLocal8Bit()));
    }
    QApplication app(argc, argv);
    TestLayout test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_layout.moc"
