// Issue 13, items 6 to 8: what a screen reader and a keyboard-only admin get.
// The accessibility tree (what Qt hands to AT-SPI) of the main window with
// real data on the sandbox, the create-app wizard, the editor, the review
// pane and the log view has a name on every control that takes the keyboard
// and readable text; and a day's release work is done without a mouse.
#include "core/approvals/approvaltypes.h"
#include "core/logs/logtypes.h"
#include "models/logs/logmodel.h"
#include "models/modelroles.h"
#include "sandbox/platform/sandboxplatform.h"
#include "tests/ui/sandboxsession.h"
#include "views/editor/codeeditor.h"
#include "views/editor/configeditor.h"
#include "views/editor/findreplacebar.h"
#include "views/logs/loglistview.h"
#include "views/logs/logview.h"
#include "views/mainwindow.h"
#include "views/panels/applicationspanel.h"
#include "views/panels/approvalspanel.h"
#include "views/panels/taghistorypanel.h"
#include "views/provisioning/createappdialog.h"
#include "views/review/approvalconfirmdialog.h"
#include "views/review/reviewpane.h"
#include "views/shell/provisioningcontroller.h"
#include "views/shell/releasecontroller.h"
#include "views/shell/shell.h"

#include <QAbstractButton>
#include <QAccessible>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Dockmaster;
using Dockmaster::Test::buttonNamed;
using Dockmaster::Test::SandboxSession;
using Dockmaster::Test::shownChild;

namespace {

QString describe(const QWidget *widget)
{
    QStringList path;
    for (const QWidget *w = widget; w; w = w->parentWidget())
        path.prepend(w->objectName().isEmpty() ? QString::fromLatin1(w->metaObject()->className()) : w->objectName());
    return path.join(QLatin1Char('/'));
}

// Every control in `root`'s accessibility tree that takes the keyboard but
// has no name a screen reader could say. Cells of item views are named by
// their data and are left to the model tests; the walk follows widgets.
QStringList unnamedFocusableControls(QWidget *root)
{
    QStringList found;
    std::function<void(QAccessibleInterface *, int)> walk = [&](QAccessibleInterface *node, int depth) {
        if (!node || !node->isValid() || depth > 80)
            return;
        auto *widget = qobject_cast<QWidget *>(node->object());
        // A combo box's popup list is Qt's own, reached (and named) through
        // its combo box; the items are read by their text.
        if (widget && widget->window()->inherits("QComboBoxPrivateContainer"))
            return;
        if (widget) {
            const bool takesKeyboard = node->state().focusable && (widget->focusPolicy() & Qt::TabFocus);
            if (takesKeyboard && node->text(QAccessible::Name).trimmed().isEmpty())
                found.append(describe(widget) + QStringLiteral(" (") + QString::number(int(node->role()), 16)
                             + QLatin1Char(')'));
        }
        for (int i = 0; i < node->childCount(); ++i) {
            QAccessibleInterface *child = node->child(i);
            if (child && qobject_cast<QWidget *>(child->object()))
                walk(child, depth + 1);
        }
    };
    walk(QAccessible::queryAccessibleInterface(root), 0);
    return found;
}

bool hasFrameCharacters(const QString &text)
{
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if ((u >= 0xfdd0 && u <= 0xfdef) || u >= 0xfff0)
            return true;
    }
    return false;
}

// What a screen reader reads of a text widget: its text interface's whole text.
QString readableText(QWidget *widget)
{
    QAccessibleInterface *node = QAccessible::queryAccessibleInterface(widget);
    if (!node || !node->textInterface())
        return {};
    return node->textInterface()->text(0, node->textInterface()->characterCount());
}

// Where the keys go: the focus inside the window the keyboard is in (the
// main window or a dialog), as it moves with Tab on screen. The offscreen
// platform does not activate windows the way a window manager does, so the
// application's own focus cannot be followed.
QPointer<QWidget> g_window;

QWidget *keyboardFocus()
{
    if (g_window)
        return g_window->focusWidget() ? g_window->focusWidget() : g_window.data();
    return QApplication::focusWidget();
}

// The keyboard goes into `window` (a dialog just opened, or the main window again).
bool enter(QWidget *window)
{
    g_window = window;
    return window->isVisible();
}

void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QTest::keyClick(keyboardFocus(), key, modifiers);
}

// Back in the main window once a dialog closed (a window manager activates it again).
bool backTo(QWidget *window)
{
    window->activateWindow();
    const bool active = QTest::qWaitForWindowActive(window);
    return enter(window) && active;
}

// Presses Tab until `target` has the focus.
bool tabTo(QWidget *target, int maxPresses = 120)
{
    QStringList visited;
    for (int i = 0; i < maxPresses && keyboardFocus() != target; ++i) {
        QWidget *focus = keyboardFocus();
        if (!focus)
            break;
        visited.append(describe(focus));
        press(Qt::Key_Tab);
    }
    if (keyboardFocus() == target)
        return true;
    visited.removeDuplicates();
    qWarning("Tab never reached %s; it went through:\n%s", qPrintable(describe(target)),
             qPrintable(visited.join(QLatin1Char('\n'))));
    return false;
}

// Tabs to `button` of the dialog the keyboard is in, presses Space and waits
// for the one outcome that follows (default-constructed: none came).
ReleaseOutcome pressAndWait(QAbstractButton *button, QSignalSpy &outcomes)
{
    outcomes.clear();
    if (!button || !button->isEnabled() || !tabTo(button))
        return {};
    press(Qt::Key_Space);
    if (!QTest::qWaitFor([&outcomes] { return !outcomes.isEmpty(); }, 30000))
        return {};
    return outcomes.first().first().value<ReleaseOutcome>();
}

} // namespace

class TestAccessibility : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QAccessible::setActive(true); // what a running screen reader does
    }

    void everyControlHasANameAndReadableText()
    {
        SandboxSession session;
        Shell &shell = session.shell;
        MainWindow *window = shell.mainWindow();
        QTreeView *apps = window->applicationsPanel()->view();
        QTreeView *requests = window->approvalsPanel()->view();
        QTRY_VERIFY_WITH_TIMEOUT(
            apps->model()->rowCount() > 0 && requests->model()->rowCount() > 0 && shell.releases()->canAct(), 90000);

        // Everything filled: an app's details, a request's review, an
        // editor with its find bar, lines in the log view.
        apps->setCurrentIndex(apps->model()->index(0, 0));
        requests->setCurrentIndex(requests->model()->index(0, 0));
        auto *review = window->findChild<ReviewPane *>(QStringLiteral("reviewPane"));
        QVERIFY(review);
        QTRY_VERIFY_WITH_TIMEOUT(
            review->state() == ReviewPane::State::Ready || review->state() == ReviewPane::State::Error, 30000);
        const QString appId = window->applicationsPanel()->currentAppId();
        ConfigEditor *editor = Test::openConfigFile(window, appId, QStringLiteral("conf/nginx-container.conf"));
        QVERIFY(editor);
        editor->showReplace();
        LogBatch batch;
        const int source = batch.sourceIndex(QStringLiteral("web"));
        batch.append(source, 1795550491000000000LL, LogStream::Stdout, LogLevel::Info,
                     QByteArray("GET /cart 200 0.012"));
        batch.append(source, 1795550492000000000LL, LogStream::Stderr, LogLevel::Error,
                     QByteArray("PHP Warning: Undefined index: sku"));
        window->logView()->model()->appendBatch(batch);
        window->logView()->model()->flushNow();
        window->logsDock()->raise();

        QStringList unnamed = unnamedFocusableControls(window);
        QVERIFY2(unnamed.isEmpty(), qPrintable(QStringLiteral("\n") + unnamed.join(QLatin1Char('\n'))));

        // The wizard.
        QSignalSpy opened(shell.provisioning(), &ProvisioningController::dialogOpened);
        Q_EMIT window->createAppRequested();
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 10000);
        auto *wizard = qobject_cast<CreateAppDialog *>(opened.first().first().value<QWidget *>());
        QVERIFY(wizard);
        unnamed = unnamedFocusableControls(wizard);
        QVERIFY2(unnamed.isEmpty(), qPrintable(QStringLiteral("\n") + unnamed.join(QLatin1Char('\n'))));
        QCOMPARE(QAccessible::queryAccessibleInterface(wizard->nameEdit())->text(QAccessible::Name),
                 QStringLiteral("Name"));
        wizard->close();

        // The log view's lines are readable, as a list of items.
        QAccessibleInterface *lines = QAccessible::queryAccessibleInterface(window->logView()->listView());
        QVERIFY(lines);
        QCOMPARE(lines->role(), QAccessible::List);
        QCOMPARE(lines->childCount(), 2);
        QVERIFY2(lines->child(1)->text(QAccessible::Name).contains(QStringLiteral("Undefined index: sku")),
                 qPrintable(lines->child(1)->text(QAccessible::Name)));
        QCOMPARE(lines->child(1)->role(), QAccessible::ListItem);
        QCOMPARE(lines->indexOfChild(lines->child(1)), 1);
        QCOMPARE(lines->child(1)->parent(), lines);

        // The details pane reads as text, without table frame characters.
        auto *details = window->applicationsPanel()->findChild<QTextBrowser *>();
        QVERIFY(details);
        const QString detailsText = readableText(details);
        QVERIFY2(detailsText.contains(appId), qPrintable(detailsText));
        QVERIFY2(!hasFrameCharacters(detailsText), qPrintable(detailsText));

        // The connection state is words, not markup.
        auto *state = window->findChild<QLabel *>(QStringLiteral("connectionState"));
        const QString stateName = QAccessible::queryAccessibleInterface(state)->text(QAccessible::Name);
        QVERIFY2(stateName.contains(QStringLiteral("Online")) && !stateName.contains(QLatin1Char('<')),
                 qPrintable(stateName));

        // The review header reads what it shows, not what kind of line it is.
        auto *ref = review->findChild<QLabel *>(QStringLiteral("reviewRef"));
        QVERIFY(ref && !ref->text().isEmpty());
        QCOMPARE(QAccessible::queryAccessibleInterface(ref)->text(QAccessible::Name), ref->text());

        // Editor text fields expose their text.
        QVERIFY(!readableText(editor->codeEditor()).isEmpty());
    }

    // Approve, reject, roll back and open the logs with the keyboard alone:
    // the menu shortcuts, Tab and Space.
    void aReleaseDayWithoutAMouse()
    {
        SandboxSession session;
        Shell &shell = session.shell;
        MainWindow *window = shell.mainWindow();
        ReleaseController *releases = shell.releases();
        QTreeView *requests = window->approvalsPanel()->view();
        QTRY_VERIFY_WITH_TIMEOUT(requests->model()->rowCount() > 1 && releases->canAct(), 90000);
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window));
        QVERIFY(enter(window));

        // Alt+2: the Pending approvals panel; Tab to its list.
        press(Qt::Key_2, Qt::AltModifier);
        QVERIFY(window->approvalsPanel()->isAncestorOf(keyboardFocus()));
        QVERIFY(tabTo(requests));
        // Down until a pending test request is current.
        auto current = [requests] {
            return requests->currentIndex().data(Roles::RecordRole).value<ReleaseRequest>();
        };
        const auto decidable = [&current] {
            const ReleaseRequest request = current();
            return request.state == ReleaseState::Pending && request.environment == Environment::Test
                && request.resolvedSha.size() == 40;
        };
        press(Qt::Key_Home);
        for (int i = 0; i < requests->model()->rowCount() && !decidable(); ++i)
            press(Qt::Key_Down);
        QVERIFY2(decidable(), "no pending test request with a resolved ref");
        const ReleaseRequest toApprove = current();
        auto *review = window->findChild<ReviewPane *>(QStringLiteral("reviewPane"));
        QTRY_VERIFY_WITH_TIMEOUT(review->state() == ReviewPane::State::Ready, 30000);

        // Ctrl+Shift+A: the confirmation; each flag ticked with Space, then Approve.
        QSignalSpy confirmations(releases, &ReleaseController::approvalConfirmationOpened);
        QSignalSpy outcomes(releases, &ReleaseController::outcomeReady);
        press(Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE(confirmations.size(), 1);
        auto *confirmation = qobject_cast<ApprovalConfirmDialog *>(confirmations.first().first().value<QDialog *>());
        QVERIFY(confirmation);
        QVERIFY(enter(confirmation));
        if (QListWidget *list = confirmation->acknowledgements()) {
            QVERIFY(tabTo(list));
            press(Qt::Key_Home);
            for (int i = 0; i < list->count(); ++i) {
                if (list->currentItem() && (list->currentItem()->flags() & Qt::ItemIsUserCheckable))
                    press(Qt::Key_Space);
                press(Qt::Key_Down);
            }
        }
        if (confirmation->needsTypedAppId()) {
            QVERIFY(tabTo(confirmation->appIdField()));
            QTest::keyClicks(keyboardFocus(), toApprove.appId);
        }
        const ReleaseOutcome approved = pressAndWait(confirmation->approveButton(), outcomes);
        QVERIFY2(approved.ok(), qPrintable(approved.message));

        // Ctrl+Shift+R: reject another pending request, reason typed, Tab, Space.
        QVERIFY(backTo(window));
        requests->setFocus(Qt::OtherFocusReason);
        const auto rejectable = [&current, &toApprove] {
            const ReleaseRequest request = current();
            return request.state == ReleaseState::Pending
                && !(request.projectId == toApprove.projectId && request.iid == toApprove.iid);
        };
        press(Qt::Key_Home);
        for (int i = 0; i < requests->model()->rowCount() && !rejectable(); ++i)
            press(Qt::Key_Down);
        QVERIFY2(rejectable(), "no second pending request");
        const ReleaseRequest toReject = current();
        outcomes.clear();
        press(Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        QDialog *rejectDialog = nullptr;
        QTRY_VERIFY((rejectDialog = window->findChild<QDialog *>(QStringLiteral("rejectDialog"))));
        QVERIFY(enter(rejectDialog));
        auto *reason = rejectDialog->findChild<QPlainTextEdit *>(QStringLiteral("rejectReason"));
        QVERIFY(tabTo(reason));
        QTest::keyClicks(reason, QStringLiteral("Writes to /etc/cron.d."));
        const ReleaseOutcome rejected = pressAndWait(buttonNamed(rejectDialog, QStringLiteral("Reject")), outcomes);
        QVERIFY2(rejected.ok(), qPrintable(rejected.message));
        QCOMPARE(rejected.appId, toReject.appId);

        // Alt+1, type the approved app's ID in the filter, Tab to the list:
        // Ctrl+Shift+B rolls its test environment back (Tab to Roll back, Space).
        QVERIFY(backTo(window));
        press(Qt::Key_1, Qt::AltModifier);
        auto *filter = window->applicationsPanel()->findChild<QLineEdit *>(QStringLiteral("applicationFilter"));
        QVERIFY(keyboardFocus() == filter);
        QTest::keyClicks(filter, toApprove.appId);
        QTreeView *apps = window->applicationsPanel()->view();
        QVERIFY(tabTo(apps));
        press(Qt::Key_Home);
        QCOMPARE(window->applicationsPanel()->currentAppId(), toApprove.appId);
        QTRY_COMPARE(window->tagHistoryPanel()->appId(), toApprove.appId);
        outcomes.clear();
        // The pipeline of the approval may still run: the rollback goes after it.
        QTRY_VERIFY_WITH_TIMEOUT(releases->canAct(), 60000);
        press(Qt::Key_B, Qt::ControlModifier | Qt::ShiftModifier);
        QMessageBox *rollbackQuestion = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((rollbackQuestion = shownChild<QMessageBox>(window)), 30000);
        QVERIFY(enter(rollbackQuestion));
        const ReleaseOutcome rolledBack
            = pressAndWait(buttonNamed(rollbackQuestion, QStringLiteral("Roll back")), outcomes);
        QVERIFY2(rolledBack.ok(), qPrintable(rolledBack.message));
        QCOMPARE(rolledBack.appId, toApprove.appId);

        // Ctrl+L: the test environment's live logs, in the raised logs dock.
        QVERIFY(backTo(window));
        apps->setFocus(Qt::OtherFocusReason);
        press(Qt::Key_L, Qt::ControlModifier);
        QTRY_VERIFY(window->logsDock()->windowTitle().contains(toApprove.appId));
        QVERIFY(window->logsDock()->isVisible());
        // Alt+4 puts the keyboard in it.
        press(Qt::Key_4, Qt::AltModifier);
        QVERIFY(window->logView()->isAncestorOf(keyboardFocus()));
    }

    // Tab indents in the code editor; Ctrl+Tab, or Esc then Tab, leaves it.
    void theCodeEditorLetsTheKeyboardOut()
    {
        QWidget window;
        auto *layout = new QVBoxLayout(&window);
        auto *before = new QLineEdit(&window);
        auto *editor = new CodeEditor(&window);
        auto *after = new QLineEdit(&window);
        layout->addWidget(before);
        layout->addWidget(editor);
        layout->addWidget(after);
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        editor->setFocus();
        press(Qt::Key_Tab); // indents
        QCOMPARE(editor->toPlainText(), QStringLiteral("\t"));
        QVERIFY(QApplication::focusWidget() == editor);
        press(Qt::Key_Tab, Qt::ControlModifier);
        QVERIFY(QApplication::focusWidget() == after);
        editor->setFocus();
        press(Qt::Key_Backtab, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(QApplication::focusWidget() == before);
        editor->setFocus();
        press(Qt::Key_Escape);
        press(Qt::Key_Tab);
        QVERIFY(QApplication::focusWidget() == after);
        // Esc only frees the Tab right after it.
        editor->setFocus();
        press(Qt::Key_Escape);
        press(Qt::Key_X);
        press(Qt::Key_Tab);
        QVERIFY(QApplication::focusWidget() == editor);
        QCOMPARE(editor->toPlainText(), QStringLiteral("\tx\t"));
    }
};

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
