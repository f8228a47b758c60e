#pragma once

#include "core/approvals/takeovertiming.h"
#include "core/cache/cachedatabase.h"
#include "core/domain/connectionstate.h"
#include "core/domain/environment.h"
#include "core/profile/profile.h"
#include "core/sandbox/sandbox.h"
#include "core/sync/reconnectbackoff.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <memory>
#include <optional>

class QSettings;
class QTemporaryDir;

namespace KSyntaxHighlighting {
class Repository;
}

namespace Dockmaster {

class ConfigPushJournal;
class ApplicationsModel;
class DnsAccess;
class KeyValueAccess;
class LinkOpener;
class LogsController;
class EditorTabs;
class PlatformServicesController;
class ProvisioningController;
class ReleaseController;
class ReviewController;
struct SyncStats;
class CacheService;
class GitLabClient;
class HealthController;
class HealthMonitor;
class Sandbox;
class SyncEngine;
class MainWindow;
class ProfileStore;
class ReleaseRequestsModel;
class SecretStore;
struct CacheSnapshot;

struct ShellOptions {
    QString profileName;               // --profile; empty = last used
    bool offline = false;              // --offline
    bool sandbox = false;              // --sandbox
    QStringList links;                 // apps or release requests to show once painted (dockmaster LINK...)
    SandboxFactory sandboxFactory;     // what --sandbox runs; unset in builds without the sandbox
    QString settingsFile;              // empty = the user's native settings (tests pass a temp file)
    int syncIntervalMs = 60 * 1000;    // the periodic incremental sync while GitLab answers (tests: shorter)
    ReconnectBackoffOptions reconnect; // the waits after GitLab could not be reached
    TakeOverTiming takeOver;           // when this console finishes what another one left (tests: shorter)
};

// The composition root: builds the services and models, wires them to the
// main window and runs the start-up sequence (profile, cache, first paint).
class Shell final : public QObject
{
    Q_OBJECT
public:
    explicit Shell(ShellOptions options, QObject *parent = nullptr);
    ~Shell() override;

    void start();
    // Shows the apps or release requests `links` name (GitLab links, app
    // IDs or names), e.g. those of a second start of this profile.
    void openLinks(const QStringList &links);
    MainWindow *mainWindow() const { return m_window.get(); }
    const Profile &profile() const { return m_profile; }
    SecretStore *secrets() const { return m_secrets.get(); }
    Sandbox *sandbox() const { return m_sandbox.get(); } // null unless --sandbox
    HealthMonitor *health() const { return m_health.get(); }
    HealthController *healthView() const { return m_healthView.get(); }
    ReleaseController *releases() const { return m_releases.get(); }
    // Why the chosen profile was refused when loaded (empty: it was not).
    QString profileRefusal() const { return m_profileRefusal; }
    ProvisioningController *provisioning() const { return m_provisioning.get(); }
    // Where the cache and the clones live (the sandbox's: a temporary folder
    // removed with the shell). Empty before a profile is open.
    QString dataFolder() const;

Q_SIGNALS:
    void firstPaintReady(); // the panels show the cached data
    void quitRequested(int exitCode);

private:
    bool chooseProfile();
    bool runFirstRunDialog();
    void openCache(const QString &filePath);
    void onCacheOpened(const CacheDatabase::OpenResult &result);
    void onSnapshot(const CacheSnapshot &snapshot);
    void updateConnection();
    // What the status bar says, most urgent cause first; nullopt: leave it
    // to the step in progress (the sandbox starting, the first sync).
    struct ConnectionView {
        ConnectionState state = ConnectionState::Offline;
        QString detail;
        QString subject;
    };
    std::optional<ConnectionView> connectionView() const;
    void scheduleReconnect();
    void stopReconnecting();
    void showHistoryOf(const QString &appId);
    void startSandbox();
    void onTokenRead(const QString &token, bool found);
    void startSync();
    void onSyncFinished(const Dockmaster::SyncStats &stats);
    void onSyncFailed(const QString &message);
    void openConfig(const QString &appId, Environment environment);
    void openLogs(const QString &appId, Environment environment);
    void openLogHistory(const QString &appId, Environment environment);
    void recordAudit(const QString &action, const QString &appId, const QString &environment, const QString &detail);
    void appendAudit(const AuditEntry &entry);
    void reloadAudit();
    void learnAdminIdentity();
    // Once the admin is known and the panels show a sync of this session:
    // offers to resume apps a previous run left half-created.
    void offerUnfinishedSetUps();
    void openSettings();
    void saveLayout();

    ShellOptions m_options;
    // Declared in the order they depend on each other, so they are destroyed
    // in the reverse without a hand-kept sequence: the controllers before the
    // window, the window before the models it shows, the services before the
    // folder that holds their files.
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<ProfileStore> m_profiles;
    std::unique_ptr<QTemporaryDir> m_sandboxDir; // the sandbox's cache and clones: goes after everything using them
    std::unique_ptr<Sandbox> m_sandbox;          // null unless --sandbox; outlives the clients that talk to it
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<GitLabClient> m_client;
    std::unique_ptr<CacheService> m_cache;
    std::unique_ptr<SyncEngine> m_sync;                // uses the client and the cache
    std::unique_ptr<ConfigPushJournal> m_configPushes; // likewise; the editor tabs point to it
    std::unique_ptr<HealthMonitor> m_health;
    std::unique_ptr<ApplicationsModel> m_applications;
    std::unique_ptr<ReleaseRequestsModel> m_releaseRequests;
    std::unique_ptr<KSyntaxHighlighting::Repository> m_syntax; // one per process: editors and the review pane
    std::unique_ptr<MainWindow> m_window;
    // The controllers point to the services, models and window above.
    std::unique_ptr<ReleaseController> m_releases;
    std::unique_ptr<LogsController> m_logs;
    std::unique_ptr<HealthController> m_healthView;
    std::unique_ptr<DnsAccess> m_dns;
    std::unique_ptr<KeyValueAccess> m_keyValue;
    std::unique_ptr<ProvisioningController> m_provisioning; // uses m_dns and m_keyValue
    std::unique_ptr<EditorTabs> m_editors;
    std::unique_ptr<PlatformServicesController> m_platformServices; // uses m_keyValue; its tabs are the editor area's
    std::unique_ptr<ReviewController> m_review;
    std::unique_ptr<LinkOpener> m_links;
    QTimer m_syncTimer;
    // After GitLab could not be reached: the next attempt, and the status
    // bar's countdown to it, every second.
    ReconnectBackoff m_backoff;
    QTimer m_reconnectTimer;
    QTimer m_countdownTimer;
    QString m_profileRefusal; // why the chosen profile was not used, if it was refused
    // What the last sync learnt about GitLab.
    enum class GitLabLink {
        Unknown,       // no sync has finished yet (or the token just changed)
        Answering,     // GitLab answered the last sync
        Unreachable,   // it could not be reached: reconnecting with backoff
        TokenRejected, // 401: no retry until the token changes
    };
    GitLabLink m_link = GitLabLink::Unknown;
    // A local store that cannot be written for a passing reason; shown while
    // GitLab answers, so a cache problem never reads as "Offline".
    struct StoreProblem {
        StoreFailure failure = StoreFailure::None;
        QString detail;
        QString holder; // Locked: who holds the file
    };
    StoreProblem m_cacheProblem;   // the cache works from a copy in memory
    StoreProblem m_journalProblem; // the audit journal works from memory
    StoreProblem m_writeProblem;   // the last sync could not be saved
    QString m_adminName;           // the GitLab account the token belongs to: the author of config commits
    QString m_adminEmail; // its commit email (commit_email, or GitLab's private <id>-<login>@users.noreply form)
    QString m_adminLogin;
    bool m_syncedThisSession = false;   // a sync of this session finished
    bool m_syncedSnapshotShown = false; // and the panels show what it read
    Profile m_profile;
    bool m_hasToken = false;
    bool m_tokenAnswered = false; // the keychain answered whether there is a token
    QString m_offlineReason;
};

} // namespace Dockmaster
