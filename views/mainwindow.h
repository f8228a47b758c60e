#pragma once

#include "core/domain/connectionstate.h"
#include "core/domain/environment.h"
#include "core/provisioning/keyvaluechange.h"
#include "views/editorarea.h"

#include <QMainWindow>

#include <functional>

class QDockWidget;
class QLabel;
class QProgressBar;
class QSettings;
class QSplitter;
class QSystemTrayIcon;
class QTabWidget;
class QToolButton;

namespace Dockmaster {

class ApplicationsModel;
class ApplicationsPanel;
class ApprovalsPanel;
class FilterablePanel;
class LogSource;
class ReleaseRequestsModel;
class TagHistoryPanel;

// The console's window: four dockable panels around a central editor area,
// menus, shortcuts and a status bar telling the connection state.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(ApplicationsModel *applications, ReleaseRequestsModel *releaseRequests, QWidget *parent = nullptr);

    ApplicationsPanel *applicationsPanel() const { return m_applicationsPanel; }
    ApprovalsPanel *approvalsPanel() const { return m_approvalsPanel; }
    TagHistoryPanel *tagHistoryPanel() const { return m_tagHistoryPanel; }
    const QList<QAction *> &gitlabActions() const { return m_gitlabActions; }
    QTabWidget *editorArea() const { return m_editorArea; }
    QDockWidget *tagHistoryDock() const { return m_tagHistoryDock; }
    QDockWidget *logsDock() const { return m_logsDock; }
    QDockWidget *auditDock() const { return m_auditDock; }
    QDockWidget *deploymentsDock() const { return m_deploymentsDock; }
    class DeploymentProgressPanel *deploymentsPanel() const { return m_deploymentsPanel; }
    // A desktop notification (system tray) when there is one, else the status bar.
    void notify(const QString &title, const QString &message, bool problem = false);
    class AuditPanel *auditPanel() const { return m_auditPanel; }
    // The audit rows the panel shows (the shell fills it from the cache).
    class AuditLogModel *auditModel() const { return m_auditModel; }
    class LogView *logView() const { return m_logView; }

    void setProfileName(const QString &name, bool sandbox);
    // `detail` goes in the tooltip (why, and what to do); `subject` names
    // what the state is about where the label says it (the process holding
    // the cache). Leaving Unreachable ends any reconnect countdown.
    void setConnectionState(ConnectionState state, const QString &detail = {}, const QString &subject = {});
    ConnectionState connectionState() const { return m_connectionState; }
    // Unreachable: seconds until the console tries GitLab again (0: trying now).
    void setReconnectCountdown(int seconds);
    // "Retry now" (status bar and View menu): enabled while waiting to reconnect.
    QAction *retryNowAction() const { return m_retryNowAction; }
    // total == 0: progress not known yet (busy indicator).
    void setSyncProgress(int done, int total, const QString &what);
    void setCacheSummary(const QString &summary);
    // Streams `source` (the log view takes it over) in the logs dock, titled
    // with what it shows, and brings the dock forward.
    void showLogs(LogSource *source, const QString &title);
    void showError(const QString &message); // non-modal: in the status bar for 15 seconds
    // Bring the Applications panel / Pending approvals to the front with the
    // app / request selected (a link opened from outside); false if not listed.
    bool showApplication(const QString &appId);
    bool showReleaseRequest(qint64 projectId, qint64 iid);

    // Geometry, dock layout and the panels' splitters. Each profile keeps its
    // own (`profile` empty: the layout a profile starts from before it has one).
    void restoreLayout(QSettings &settings, const QString &profile = QString());
    // The default layout for the window's current size (View → Reset layout):
    // the panels where they start, the Applications panel about a quarter of
    // the width, the bottom panels about a quarter of the height, the
    // approvals list sized by its rows, and the centre hidden until a
    // configuration is open.
    void resetLayout();
    // Asked before the window closes (File → Quit, the close button): true
    // lets it close now; false keeps it open, and the guard calls `closeNow`
    // later if the close may go on after all (after asking the admin).
    using CloseGuard = std::function<bool(std::function<void()> closeNow)>;
    void setCloseGuard(CloseGuard guard) { m_closeGuard = std::move(guard); }
    void saveLayout(QSettings &settings, const QString &profile = QString()) const;

Q_SIGNALS:
    void refreshRequested();
    void retryNowRequested(); // reconnect at once instead of waiting for the countdown
    void settingsRequested();
    void closing(); // the owner saves the layout and shuts services down
    void createAppRequested();
    void dnsCheckRequested(const QString &appId);
    void archiveAppRequested(const QString &appId);
    // Key/value password rotation: begin (both passwords, deploys started)
    // or finish (only the new one).
    void keyValueChangeRequested(const QString &appId, KeyValueChange change);
    // The app's Platform services tab: permissions and its key/value store.
    void platformServicesRequested(const QString &appId);
    void openConfigRequested(const QString &appId, Dockmaster::Environment environment);
    void openLogsRequested(const QString &appId, Dockmaster::Environment environment);

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void childEvent(QChildEvent *event) override;

private:
    QDockWidget *addPanel(QWidget *panel, const QString &objectName, const QString &title, Qt::DockWidgetArea area);
    void createMenus();
    void createStatusBar();
    void focusCurrentFilter();
    void focusPanel(QDockWidget *dock);
    void showAbout();
    void applyDefaultSizes();
    void settleLayout();
    // Shows the centre while an editor is open (hidden, the panels take it).
    void updateCentre();
    // Gives a centre just shown the width its editor's toolbar needs.
    void makeRoomForEditor();
    // The panels' named splitters whose sizes are part of the layout.
    QList<QSplitter *> layoutSplitters() const;
    QString connectionName() const;
    void updateConnectionLabel();

    ApplicationsPanel *m_applicationsPanel;
    ApprovalsPanel *m_approvalsPanel;
    TagHistoryPanel *m_tagHistoryPanel;
    class LogView *m_logView;
    QDockWidget *m_applicationsDock = nullptr;
    QDockWidget *m_approvalsDock = nullptr;
    QDockWidget *m_tagHistoryDock = nullptr;
    QDockWidget *m_logsDock = nullptr;
    class AuditLogModel *m_auditModel;
    class AuditPanel *m_auditPanel;
    QDockWidget *m_auditDock = nullptr;
    class DeploymentProgressPanel *m_deploymentsPanel;
    QDockWidget *m_deploymentsDock = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    EditorArea *m_editorArea;
    QLabel *m_connectionLabel = nullptr;
    QToolButton *m_retryNowButton = nullptr;
    QAction *m_retryNowAction = nullptr;
    QString m_connectionDetail;
    QString m_connectionSubject;
    int m_reconnectSeconds = -1; // -1: no countdown
    QProgressBar *m_progress = nullptr;
    QLabel *m_cacheLabel = nullptr;
    QLabel *m_profileLabel = nullptr;
    FilterablePanel *m_lastFilterablePanel = nullptr;
    QByteArray m_defaultState;
    bool m_layoutRestored = false; // a saved layout was applied: the first show keeps it
    bool m_shownOnce = false;
    CloseGuard m_closeGuard;
    bool m_closeAllowed = false; // the guard said yes (after asking): the next close goes through
    ConnectionState m_connectionState = ConnectionState::Offline;
    QList<QAction *> m_gitlabActions; // need GitLab: disabled offline, with the reason as tooltip
};

} // namespace Dockmaster
