#include "views/mainwindow.h"

#include "core/util/untrustedtext.h"
#include "models/auditlogmodel.h"
#include "views/appicon.h"
#include "views/audit/auditpanel.h"
#include "views/buildinfo.h"
#include "views/deploy/deploymentprogresspanel.h"
#include "views/logs/logview.h"
#include "views/panels/applicationspanel.h"
#include "views/panels/approvalspanel.h"
#include "views/panels/taghistorypanel.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QLayout>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabBar>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeView>
#include <QUrl>

#include <KSyntaxHighlighting/Repository>

#include <algorithm>

namespace Dockmaster {
namespace {

QString stateDot(const QColor &color)
{
    return QStringLiteral("<span style=\"color:%1\">&#9679;</span> ").arg(color.name());
}

// Green online, blue syncing, grey offline by choice, orange while
// reconnecting by itself, red where the admin has to act.
QColor stateColor(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Online:
        return { 0x27, 0xae, 0x60 };
    case ConnectionState::Syncing:
        return { 0x29, 0x80, 0xb9 };
    case ConnectionState::Offline:
        return { 0x95, 0xa5, 0xa6 };
    case ConnectionState::Unreachable:
        return { 0xe6, 0x7e, 0x22 };
    case ConnectionState::TokenRejected:
    case ConnectionState::CacheLocked:
    case ConnectionState::CacheReadOnly:
    case ConnectionState::DiskFull:
    case ConnectionState::CacheError:
        break;
    }
    return { 0xc0, 0x39, 0x2b };
}

} // namespace

MainWindow::MainWindow(ApplicationsModel *applications, ReleaseRequestsModel *releaseRequests, QWidget *parent)
    : QMainWindow(parent)
    , m_applicationsPanel(new ApplicationsPanel(applications, this))
    , m_approvalsPanel(new ApprovalsPanel(releaseRequests, this))
    , m_tagHistoryPanel(new TagHistoryPanel(this))
    , m_logView(new LogView(this))
    , m_auditModel(new AuditLogModel(this))
    , m_auditPanel(new AuditPanel(m_auditModel, this))
    , m_deploymentsPanel(new DeploymentProgressPanel(this))
    , m_editorArea(new EditorArea(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Dockmaster"));
    setWindowIcon(appIcon());
    setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);
    // Three columns: Applications, the centre (an open editor over the
    // bottom panels, or the bottom panels alone) and Pending approvals with
    // the review, each side column the window's full height.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);

    m_editorArea->setObjectName(QStringLiteral("editorArea"));
    m_editorArea->setAccessibleName(tr("Configuration editor"));
    m_editorArea->setTabsClosable(true);
    m_editorArea->tabBar()->setAccessibleName(tr("Open editors"));
    m_editorArea->setDocumentMode(true);
    // Nothing open, nothing shown: the panels take the centre until a
    // configuration is opened (Ctrl+E). Hidden from the first show on.
    m_editorArea->setPagesChanged([this] { updateCentre(); });
    setCentralWidget(m_editorArea);

    m_applicationsDock
        = addPanel(m_applicationsPanel, QStringLiteral("applicationsDock"), tr("Applications"), Qt::LeftDockWidgetArea);
    m_approvalsDock
        = addPanel(m_approvalsPanel, QStringLiteral("approvalsDock"), tr("Pending approvals"), Qt::RightDockWidgetArea);
    m_tagHistoryDock
        = addPanel(m_tagHistoryPanel, QStringLiteral("tagHistoryDock"), tr("Tag history"), Qt::BottomDockWidgetArea);
    m_logView->setObjectName(QStringLiteral("logsPanel"));
    m_logView->setAccessibleName(tr("Live logs"));
    // An explicit minimum keeps the log toolbar from forcing a 1300-pixel-wide
    // main window on small screens; its controls compress instead.
    m_logView->setMinimumSize(320, 120);
    m_logsDock = addPanel(m_logView, QStringLiteral("logsDock"), tr("Live logs"), Qt::BottomDockWidgetArea);
    tabifyDockWidget(m_tagHistoryDock, m_logsDock);
    m_auditDock = addPanel(m_auditPanel, QStringLiteral("auditDock"), tr("Audit log"), Qt::BottomDockWidgetArea);
    tabifyDockWidget(m_logsDock, m_auditDock);
    // Like the log view: compress on small screens instead of widening the window.
    m_auditPanel->setMinimumSize(320, 120);
    m_deploymentsPanel->setMinimumSize(320, 120);
    m_deploymentsDock
        = addPanel(m_deploymentsPanel, QStringLiteral("deploymentsDock"), tr("Deployments"), Qt::BottomDockWidgetArea);
    tabifyDockWidget(m_auditDock, m_deploymentsDock);
    m_tagHistoryDock->raise();

    createMenus();
    createStatusBar();
    // A laptop's screen (1366×768) is used whole; a large desktop's mostly.
    // The docks get their sizes when the window is first shown at its size.
    const QRect available = screen()->availableGeometry();
    const bool smallScreen = available.width() < 1600 || available.height() < 1000;
    resize(smallScreen ? available.size() : available.size() * 0.85);
    m_defaultState = saveState();
    m_lastFilterablePanel = m_applicationsPanel;

    // Ctrl+F goes to the panel the user worked in last.
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget *, QWidget *now) {
        for (QWidget *widget = now; widget; widget = widget->parentWidget()) {
            if (auto *panel = qobject_cast<FilterablePanel *>(widget)) {
                m_lastFilterablePanel = panel;
                return;
            }
        }
    });
    setConnectionState(ConnectionState::Offline);
}

QDockWidget *MainWindow::addPanel(QWidget *panel, const QString &objectName, const QString &title,
                                  Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName); // saveState() keys the layout by object name
    dock->setAccessibleName(title);
    dock->setWidget(panel);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable
                      | QDockWidget::DockWidgetClosable);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *settings = file->addAction(tr("&Settings and profiles..."), this, &MainWindow::settingsRequested);
    settings->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    settings->setMenuRole(QAction::PreferencesRole);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *filter = edit->addAction(tr("&Filter current panel"), this, &MainWindow::focusCurrentFilter);
    filter->setShortcut(QKeySequence::Find);
    filter->setShortcutContext(Qt::ApplicationShortcut);
    // The open editor's Find is Ctrl+F too, and two enabled actions on one key
    // trigger neither ("ambiguous shortcut"): the panel filter steps aside
    // while the focus is in the editor.
    connect(qApp, &QApplication::focusChanged, filter, [this, filter](QWidget *, QWidget *now) {
        filter->setEnabled(!(now && m_editorArea && m_editorArea->isAncestorOf(now)));
    });

    // The open editor's own actions (validate, diff, commit, history, drift,
    // find…) with their shortcuts, so none hides behind its toolbar's "»".
    QMenu *configuration = menuBar()->addMenu(tr("&Configuration"));
    configuration->setObjectName(QStringLiteral("configurationMenu"));
    connect(configuration, &QMenu::aboutToShow, this, [this, configuration] {
        configuration->clear();
        const QWidget *page = m_editorArea->currentWidget();
        const QList<QAction *> actions = page ? page->actions() : QList<QAction *>();
        if (actions.isEmpty())
            configuration->addAction(tr("Open a configuration first (Ctrl+E)"))->setEnabled(false);
        configuration->addActions(actions);
    });

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *refresh = view->addAction(tr("&Refresh from GitLab"), this, &MainWindow::refreshRequested);
    refresh->setObjectName(QStringLiteral("refreshAction"));
    refresh->setShortcut(QKeySequence::Refresh);
    m_retryNowAction = view->addAction(tr("Retry the &connection now"), this, &MainWindow::retryNowRequested);
    m_retryNowAction->setObjectName(QStringLiteral("retryNowAction"));
    m_retryNowAction->setEnabled(false);
    view->addSeparator();
    for (QDockWidget *dock :
         { m_applicationsDock, m_approvalsDock, m_tagHistoryDock, m_logsDock, m_deploymentsDock, m_auditDock })
        view->addAction(dock->toggleViewAction());
    // Alt+1…6 bring a panel forward and put the keyboard in it (its toggle
    // above would hide a panel that is already shown).
    QMenu *goTo = view->addMenu(tr("&Go to panel"));
    int number = 0;
    for (QDockWidget *dock :
         { m_applicationsDock, m_approvalsDock, m_tagHistoryDock, m_logsDock, m_auditDock, m_deploymentsDock }) {
        QAction *action = goTo->addAction(dock->windowTitle(), this, [this, dock] { focusPanel(dock); });
        action->setObjectName(dock->objectName() + QStringLiteral("FocusAction"));
        action->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + number++)));
    }
    view->addSeparator();
    QAction *reset = view->addAction(tr("Reset &layout"), this, &MainWindow::resetLayout);
    reset->setObjectName(QStringLiteral("resetLayoutAction"));
    reset->setStatusTip(tr("Put every panel back where it starts, sized for this window"));

    // The release decisions, for the keyboard: they press the panels' own
    // buttons and menus, which confirm first and say why they cannot act.
    QMenu *release = menuBar()->addMenu(tr("&Release"));
    release->setToolTipsVisible(true);
    const auto press = [this](QAbstractButton *button) {
        if (button->isEnabled())
            button->click();
        else
            showError(button->toolTip());
    };
    QAction *approve = release->addAction(tr("&Approve selected request…"), this,
                                          [this, press] { press(m_approvalsPanel->approveButton()); });
    approve->setObjectName(QStringLiteral("approveAction"));
    approve->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    QAction *reject = release->addAction(tr("&Reject selected request…"), this,
                                         [this, press] { press(m_approvalsPanel->rejectButton()); });
    reject->setObjectName(QStringLiteral("rejectAction"));
    reject->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    release->addSeparator();
    QList<QAction *> rollbacks;
    for (Environment environment : AllEnvironments) {
        QAction *rollback = release->addAction(
            tr("Roll %1 &back to the previous deployment…").arg(environmentDisplayName(environment)), this,
            [this, environment] {
                if (!m_tagHistoryPanel->rollBack(environment))
                    showError(tr("Select an application with a %1 environment first (Tag history shows it).")
                                  .arg(environmentDisplayName(environment)));
            });
        rollback->setObjectName(environmentKey(environment) + QStringLiteral("RollbackAction"));
        rollback->setShortcut(environment == Environment::Test ? QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B)
                                                               : QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_B));
        rollbacks.append(rollback);
    }

    QMenu *application = menuBar()->addMenu(tr("&Application"));
    application->setToolTipsVisible(true); // says why an action is disabled
    QAction *openTest = application->addAction(tr("Open &test configuration"), this, [this] {
        const QString appId = m_applicationsPanel->currentAppId();
        if (!appId.isEmpty())
            Q_EMIT openConfigRequested(appId, Environment::Test);
    });
    openTest->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    QAction *openProduction = application->addAction(tr("Open &production configuration"), this, [this] {
        const QString appId = m_applicationsPanel->currentAppId();
        if (!appId.isEmpty())
            Q_EMIT openConfigRequested(appId, Environment::Production);
    });
    openProduction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    application->addSeparator();
    QAction *createApp = application->addAction(tr("&New application…"), this, &MainWindow::createAppRequested);
    createApp->setObjectName(QStringLiteral("createAppAction"));
    createApp->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    QAction *checkDns = application->addAction(tr("Check &DNS records…"), this, [this] {
        const QString appId = m_applicationsPanel->currentAppId();
        if (!appId.isEmpty())
            Q_EMIT dnsCheckRequested(appId);
    });
    checkDns->setObjectName(QStringLiteral("checkDnsAction"));
    QAction *platformServices = application->addAction(tr("&Platform services"), this, [this] {
        const QString appId = m_applicationsPanel->currentAppId();
        if (!appId.isEmpty())
            Q_EMIT platformServicesRequested(appId);
    });
    platformServices->setObjectName(QStringLiteral("platformServicesAction"));
    const std::pair<KeyValueChange, QString> keyValueActions[] = {
        { KeyValueChange::Enrol, tr("Set up the app's &key/value store…") },
        { KeyValueChange::BeginRotation, tr("&Rotate key/value password…") },
        { KeyValueChange::FinishRotation, tr("&Finish key/value password rotation…") },
    };
    for (const auto &[change, text] : keyValueActions) {
        QAction *action = application->addAction(text, this, [this, change] {
            const QString appId = m_applicationsPanel->currentAppId();
            if (!appId.isEmpty())
                Q_EMIT keyValueChangeRequested(appId, change);
        });
        action->setObjectName(change == KeyValueChange::Enrol ? QStringLiteral("enrolKeyValueAction")
                                  : change == KeyValueChange::BeginRotation
                                  ? QStringLiteral("rotateKeyValuePasswordAction")
                                  : QStringLiteral("finishKeyValueRotationAction"));
    }
    QAction *archiveApp = application->addAction(tr("&Archive application…"), this, [this] {
        const QString appId = m_applicationsPanel->currentAppId();
        if (!appId.isEmpty())
            Q_EMIT archiveAppRequested(appId);
    });
    archiveApp->setObjectName(QStringLiteral("archiveAppAction"));
    application->addSeparator();
    for (Environment environment : AllEnvironments) {
        QAction *logs = application->addAction(tr("Follow %1 live &logs").arg(environmentDisplayName(environment)),
                                               this, [this, environment] {
                                                   const QString appId = m_applicationsPanel->currentAppId();
                                                   if (!appId.isEmpty())
                                                       Q_EMIT openLogsRequested(appId, environment);
                                               });
        logs->setObjectName(environmentKey(environment) + QStringLiteral("LogsAction"));
        logs->setShortcut(environment == Environment::Test ? QKeySequence(Qt::CTRL | Qt::Key_L)
                                                           : QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    }
    m_gitlabActions = { openTest, openProduction, createApp, checkDns, archiveApp, approve, reject };
    m_gitlabActions.append(rollbacks);
    connect(m_applicationsPanel, &ApplicationsPanel::openConfigRequested, this, &MainWindow::openConfigRequested);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Dockmaster"), this, &MainWindow::showAbout)->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::createStatusBar()
{
    m_profileLabel = new QLabel(this);
    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(QStringLiteral("connectionState"));
    m_connectionLabel->setTextFormat(Qt::RichText);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(180);
    m_progress->setMaximumHeight(16);
    m_progress->setTextVisible(false);
    m_progress->setVisible(false);
    m_retryNowButton = new QToolButton(this);
    m_retryNowButton->setObjectName(QStringLiteral("retryNowButton"));
    m_retryNowButton->setText(tr("Retry now"));
    m_retryNowButton->setToolTip(tr("Try to reach GitLab at once instead of waiting"));
    m_retryNowButton->setAutoRaise(true);
    m_retryNowButton->setVisible(false);
    connect(m_retryNowButton, &QToolButton::clicked, m_retryNowAction, &QAction::trigger);
    m_cacheLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_cacheLabel);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_connectionLabel);
    statusBar()->addPermanentWidget(m_retryNowButton);
    statusBar()->addPermanentWidget(m_profileLabel);
}

void MainWindow::setProfileName(const QString &name, bool sandbox)
{
    if (sandbox) {
        m_profileLabel->setText(tr("Sandbox platform"));
        setWindowTitle(tr("Dockmaster - Sandbox platform"));
        return;
    }
    m_profileLabel->setText(tr("Profile: %1").arg(name));
    setWindowTitle(tr("Dockmaster - %1").arg(name));
}

void MainWindow::setConnectionState(ConnectionState state, const QString &detail, const QString &subject)
{
    m_connectionState = state;
    m_connectionDetail = detail;
    m_connectionSubject = subject;
    if (state != ConnectionState::Unreachable)
        m_reconnectSeconds = -1;
    m_progress->setVisible(state == ConnectionState::Syncing);
    if (state == ConnectionState::Syncing)
        m_progress->setRange(0, 0);
    updateConnectionLabel();
    const bool offline = !reachesGitLab(state);
    m_applicationsPanel->setOffline(offline, detail);
    for (QAction *action : std::as_const(m_gitlabActions)) {
        action->setEnabled(!offline);
        const QString why
            = offline ? tr("Needs a connection to GitLab: %1").arg(detail.left(UntrustedText::BlockLimit)) : QString();
        action->setToolTip(UntrustedText::plainToolTip(why));
        action->setStatusTip(why);
    }
    m_approvalsPanel->setActionsEnabled(!offline, tr("Approving and rejecting need a connection to GitLab."));
    m_tagHistoryPanel->setActionsEnabled(!offline, tr("Deploying and rolling back need a connection to GitLab."));
}

void MainWindow::setReconnectCountdown(int seconds)
{
    if (m_connectionState != ConnectionState::Unreachable)
        return;
    m_reconnectSeconds = seconds;
    updateConnectionLabel();
}

QString MainWindow::connectionName() const
{
    switch (m_connectionState) {
    case ConnectionState::Online:
        return tr("Online");
    case ConnectionState::Syncing:
        return tr("Syncing");
    case ConnectionState::Offline:
        return tr("Offline");
    case ConnectionState::Unreachable:
        if (m_reconnectSeconds > 0)
            return tr("GitLab unreachable · Reconnecting in %n s", nullptr, m_reconnectSeconds);
        return m_reconnectSeconds == 0 ? tr("GitLab unreachable · Reconnecting…") : tr("GitLab unreachable");
    case ConnectionState::TokenRejected:
        return tr("Signed out: GitLab rejected the token");
    case ConnectionState::CacheLocked:
        return m_connectionSubject.isEmpty() ? tr("Cache locked by another program")
                                             : tr("Cache locked by %1").arg(UntrustedText::line(m_connectionSubject));
    case ConnectionState::CacheReadOnly:
        return tr("Cache read-only");
    case ConnectionState::DiskFull:
        return tr("Disk full");
    case ConnectionState::CacheError:
        return tr("Cache disk error");
    }
    return {};
}

void MainWindow::updateConnectionLabel()
{
    const QString name = connectionName();
    const bool waiting = m_connectionState == ConnectionState::Unreachable;
    m_retryNowAction->setEnabled(waiting);
    m_retryNowButton->setVisible(waiting);
    m_connectionLabel->setText(stateDot(stateColor(m_connectionState)) + name.toHtmlEscaped());
    m_connectionLabel->setToolTip(UntrustedText::plainToolTip(m_connectionDetail.left(UntrustedText::BlockLimit)));
    // Plain words for a screen reader, not the label's markup.
    const QString plainDetail = UntrustedText::line(m_connectionDetail);
    m_connectionLabel->setAccessibleName(plainDetail.isEmpty() ? tr("Connection: %1").arg(name)
                                                               : tr("Connection: %1 (%2)").arg(name, plainDetail));
}

void MainWindow::setSyncProgress(int done, int total, const QString &what)
{
    m_progress->setRange(0, total); // 0..0 shows a busy bar until the total is known
    m_progress->setValue(done);
    m_progress->setToolTip(UntrustedText::plainToolTip(what.left(UntrustedText::BlockLimit)));
    statusBar()->showMessage(what, 3000);
}

void MainWindow::setCacheSummary(const QString &summary)
{
    m_cacheLabel->setText(summary);
}

void MainWindow::showLogs(LogSource *source, const QString &title)
{
    m_logView->setSource(source);
    m_logsDock->setWindowTitle(tr("Live logs: %1").arg(title));
    m_logsDock->show();
    m_logsDock->raise();
}

void MainWindow::notify(const QString &title, const QString &message, bool problem)
{
    statusBar()->showMessage(QStringLiteral("%1: %2").arg(title, message), 15000);
    if (!QSystemTrayIcon::isSystemTrayAvailable() || !QSystemTrayIcon::supportsMessages())
        return;
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(appIcon(), this);
        m_tray->setToolTip(tr("Dockmaster"));
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            showNormal();
            raise();
            activateWindow();
            m_deploymentsDock->show();
            m_deploymentsDock->raise();
        });
        m_tray->show();
    }
    m_tray->showMessage(title, message, problem ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information, 10000);
}

void MainWindow::showError(const QString &message)
{
    statusBar()->showMessage(message, 15000);
}

namespace {

QString layoutGroup(const QString &profile)
{
    // Percent-encoded: a profile name is free text, a '/' would nest groups.
    return profile.isEmpty()
        ? QStringLiteral("mainWindow")
        : QStringLiteral("profileLayouts/") + QString::fromLatin1(QUrl::toPercentEncoding(profile));
}

} // namespace

void MainWindow::restoreLayout(QSettings &settings, const QString &profile)
{
    settings.beginGroup(layoutGroup(profile));
    m_editorArea->show(); // see showEvent
    const QByteArray geometry = settings.value(QStringLiteral("geometry")).toByteArray();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    const QByteArray state = settings.value(QStringLiteral("state")).toByteArray();
    if (!state.isEmpty() && restoreState(state))
        m_layoutRestored = true;
    for (QSplitter *splitter : layoutSplitters()) {
        const QByteArray sizes = settings.value(QStringLiteral("splitters/") + splitter->objectName()).toByteArray();
        if (!sizes.isEmpty())
            splitter->restoreState(sizes);
    }
    // Empty (never moved by hand): the list keeps fitting its rows.
    m_approvalsPanel->restoreListLayout(settings.value(QStringLiteral("approvalsList")).toByteArray());
    settings.endGroup();
    if (m_shownOnce) {
        settleLayout();
        updateCentre();
    }
}

void MainWindow::saveLayout(QSettings &settings, const QString &profile) const
{
    settings.beginGroup(layoutGroup(profile));
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), saveState());
    for (QSplitter *splitter : layoutSplitters())
        settings.setValue(QStringLiteral("splitters/") + splitter->objectName(), splitter->saveState());
    settings.setValue(QStringLiteral("approvalsList"), m_approvalsPanel->saveListLayout());
    settings.endGroup();
}

QList<QSplitter *> MainWindow::layoutSplitters() const
{
    // Named ones only, and none of an editor tab's: those come and go.
    QList<QSplitter *> splitters;
    for (QSplitter *splitter : findChildren<QSplitter *>()) {
        if (!splitter->objectName().isEmpty() && !m_editorArea->isAncestorOf(splitter)
            && splitter->parentWidget() != m_approvalsPanel)
            splitters.append(splitter);
    }
    return splitters;
}

void MainWindow::resetLayout()
{
    restoreState(m_defaultState); // where each panel starts, shown or not, tabbed with which
    for (QSplitter *splitter : layoutSplitters()) {
        // Back to the proportions the panel asked for (its stretch factors).
        QList<int> sizes;
        int total = 0;
        for (int i = 0; i < splitter->count(); ++i) {
            const QSizePolicy policy = splitter->widget(i)->sizePolicy();
            const int stretch = std::max(
                1, splitter->orientation() == Qt::Horizontal ? policy.horizontalStretch() : policy.verticalStretch());
            sizes.append(stretch);
            total += stretch;
        }
        const int length
            = std::max(total, splitter->orientation() == Qt::Horizontal ? splitter->width() : splitter->height());
        for (int &size : sizes)
            size = size * length / total;
        splitter->setSizes(sizes);
    }
    m_approvalsPanel->restoreListLayout({});
    applyDefaultSizes();
}

void MainWindow::applyDefaultSizes()
{
    // The review (diff, flags) gets the widest column; Tag history and the
    // logs the middle one until an editor takes its top. Sized with the
    // centre shown: while it is hidden, QMainWindow shares the width out by
    // the panels' size hints instead of the sizes asked for.
    m_editorArea->show();
    settleLayout();
    const int apps = std::clamp(width() * 25 / 100, 320, 600);
    const int approvals = std::clamp(width() * 45 / 100, 560, 1200);
    resizeDocks({ m_applicationsDock, m_approvalsDock }, { apps, approvals }, Qt::Horizontal);
    settleLayout();
    if (m_editorArea->count() > 0)
        makeRoomForEditor();
    else
        m_editorArea->hide();
}

void MainWindow::settleLayout()
{
    // resizeDocks() shares out the docks' current sizes: they must be laid
    // out for the window's size now, not the one it had when last shown.
    layout()->invalidate();
    layout()->activate();
}

void MainWindow::updateCentre()
{
    if (!m_shownOnce)
        return; // laid out with the centre shown first (see showEvent)
    const bool open = m_editorArea->count() > 0;
    if (open == !m_editorArea->isHidden())
        return;
    m_editorArea->setVisible(open);
    if (open)
        makeRoomForEditor();
}

void MainWindow::makeRoomForEditor()
{
    // The editor gets the width its toolbar needs (at least 45% of the
    // window) from the review's column first, and the top two thirds of the
    // middle column; the bottom panels keep the rest below it.
    settleLayout();
    const QWidget *page = m_editorArea->currentWidget();
    const int wanted = std::clamp(std::max(page ? page->sizeHint().width() : 0, width() * 45 / 100), 480,
                                  std::max(480, width() * 60 / 100));
    const int apps = std::min(m_applicationsDock->width(), std::clamp(width() * 25 / 100, 320, 600));
    resizeDocks({ m_applicationsDock, m_approvalsDock }, { apps, std::max(0, width() - apps - wanted) },
                Qt::Horizontal);
    resizeDocks({ m_tagHistoryDock }, { std::clamp(height() * 30 / 100, 160, 420) }, Qt::Vertical);
    // What the panels' minimum widths and the separators kept, the review's
    // column gives, then the Applications one.
    for (QDockWidget *side : { m_approvalsDock, m_applicationsDock }) {
        settleLayout();
        if (const int missing = wanted - m_editorArea->width(); missing > 0 && !side->isFloating())
            resizeDocks({ side }, { side->width() - missing }, Qt::Horizontal);
    }
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_shownOnce)
        return;
    m_shownOnce = true;
    // Sized for the window as it first appears (screen, restored geometry),
    // unless a saved layout says otherwise; either is laid out with the
    // centre shown before it is hidden, so the docks keep those sizes.
    if (m_layoutRestored) {
        settleLayout();
        updateCentre();
    } else {
        applyDefaultSizes();
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_closeGuard && !m_closeAllowed) {
        const bool now = m_closeGuard([window = QPointer<MainWindow>(this)] {
            if (!window)
                return;
            window->m_closeAllowed = true;
            window->close();
        });
        if (!now) {
            event->ignore();
            return;
        }
    }
    m_closeAllowed = false; // a window shown again asks again
    Q_EMIT closing();
    event->accept();
}

void MainWindow::childEvent(QChildEvent *event)
{
    QMainWindow::childEvent(event);
    // The tabs of docks stacked on each other are made by QMainWindow as it
    // needs them; a screen reader names the row by what it switches.
    if (event->type() == QEvent::ChildPolished) {
        auto *tabs = qobject_cast<QTabBar *>(event->child());
        if (tabs && tabs->accessibleName().isEmpty())
            tabs->setAccessibleName(tr("Panels"));
    }
}

bool MainWindow::showApplication(const QString &appId)
{
    if (!m_applicationsPanel->showApp(appId))
        return false;
    m_applicationsDock->show();
    m_applicationsDock->raise();
    m_applicationsPanel->view()->setFocus(Qt::OtherFocusReason);
    return true;
}

bool MainWindow::showReleaseRequest(qint64 projectId, qint64 iid)
{
    if (!m_approvalsPanel->showRequest(projectId, iid))
        return false;
    m_approvalsDock->show();
    m_approvalsDock->raise();
    m_approvalsPanel->view()->setFocus(Qt::OtherFocusReason);
    return true;
}

void MainWindow::focusPanel(QDockWidget *dock)
{
    dock->show();
    dock->raise();
    // The first control of the panel that takes the keyboard, in Tab order.
    QWidget *panel = dock->widget();
    for (QWidget *widget = panel->nextInFocusChain(); widget && widget != panel; widget = widget->nextInFocusChain()) {
        if (panel->isAncestorOf(widget) && widget->isVisible() && widget->isEnabled()
            && (widget->focusPolicy() & Qt::TabFocus)) {
            widget->setFocus(Qt::ShortcutFocusReason);
            return;
        }
    }
    panel->setFocus(Qt::ShortcutFocusReason);
}

void MainWindow::focusCurrentFilter()
{
    if (m_lastFilterablePanel)
        m_lastFilterablePanel->focusFilter();
}

void MainWindow::showAbout()
{
    QStringList versions;
    for (const auto &[name, version] : buildComponents())
        versions.append(QString(name + QLatin1Char(' ') + version).toHtmlEscaped());
    // QMessageBox::about() would run its own event loop; this one just opens.
    auto *box = new QMessageBox(this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowTitle(tr("About Dockmaster"));
    box->setIconPixmap(windowIcon().pixmap(64, 64));
    box->setTextFormat(Qt::RichText); // our own text; the versions are escaped
    box->setText(
        tr("<h3>Dockmaster %1</h3>"
           "<p>The desktop console for the admins of the plugin hosting platform: applications, release "
           "approvals, tag and deployment history, live container logs and the configuration editor.</p>"
           "<p>GitLab is the source of truth; the local cache keeps the console fast and usable offline.</p>"
           "<p>%2</p>")
            .arg(QCoreApplication::applicationVersion().toHtmlEscaped(), versions.join(QStringLiteral("<br>"))));
    box->open();
}

} // namespace Dockmaster
