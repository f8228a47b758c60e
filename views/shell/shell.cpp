#include "views/shell/shell.h"

#include "core/audit/auditentry.h"
#include "core/cache/cacheservice.h"
#include "core/editor/configpushjournal.h"
#include "core/gitlab/gitlabclient.h"
#include "core/health/healthmonitor.h"
#include "core/keychain/secretstore.h"
#include "core/profile/profilestore.h"
#include "core/sync/syncengine.h"
#include "core/sync/synclog.h"
#include "core/util/logging.h"
#include "models/applicationsmodel.h"
#include "models/auditlogmodel.h"
#include "models/releaserequestsmodel.h"
#include "views/dialogs.h"
#include "views/health/healthcontroller.h"
#include "views/mainwindow.h"
#include "views/panels/applicationspanel.h"
#include "views/panels/approvalspanel.h"
#include "views/panels/taghistorypanel.h"
#include "views/settings/settingsdialog.h"
#include "views/shell/dnsaccess.h"
#include "views/shell/editortabs.h"
#include "views/shell/keyvalueaccess.h"
#include "views/shell/linkopener.h"
#include "views/shell/logscontroller.h"
#include "views/shell/platformservicescontroller.h"
#include "views/shell/provisioningcontroller.h"
#include "views/shell/releasecontroller.h"
#include "views/shell/reviewcontroller.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>

#include <KSyntaxHighlighting/Repository>

namespace Dockmaster {
namespace {

ConnectionState stateOfStore(StoreFailure failure)
{
    switch (failure) {
    case StoreFailure::Locked:
        return ConnectionState::CacheLocked;
    case StoreFailure::ReadOnly:
        return ConnectionState::CacheReadOnly;
    case StoreFailure::DiskFull:
        return ConnectionState::DiskFull;
    default:
        return ConnectionState::CacheError;
    }
}

} // namespace

Shell::Shell(ShellOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_backoff(m_options.reconnect)
{
    if (m_options.settingsFile.isEmpty()) {
        m_settings = std::make_unique<QSettings>();
        m_profiles = std::make_unique<ProfileStore>();
    } else {
        m_settings = std::make_unique<QSettings>(m_options.settingsFile, QSettings::IniFormat);
        m_profiles = std::make_unique<ProfileStore>(m_options.settingsFile);
    }
    // The sandbox's credentials are generated per run and must never reach
    // the user's real keychain.
    if (m_options.sandbox)
        m_secrets = std::make_unique<SessionSecretStore>();
    else
        m_secrets = std::make_unique<KeychainSecretStore>();

    m_client = std::make_unique<GitLabClient>();
    m_applications = std::make_unique<ApplicationsModel>();
    m_releaseRequests = std::make_unique<ReleaseRequestsModel>();
    m_window = std::make_unique<MainWindow>(m_applications.get(), m_releaseRequests.get());
    connect(m_window.get(), &MainWindow::settingsRequested, this, &Shell::openSettings);
    connect(m_window.get(), &MainWindow::closing, this, &Shell::saveLayout);
    connect(m_window.get(), &MainWindow::refreshRequested, this, &Shell::startSync);
    connect(m_window.get(), &MainWindow::retryNowRequested, this, &Shell::startSync);
    connect(m_window.get(), &MainWindow::openConfigRequested, this, &Shell::openConfig);
    connect(m_window->applicationsPanel(), &ApplicationsPanel::openLogsRequested, this, &Shell::openLogs);
    connect(m_window.get(), &MainWindow::openLogsRequested, this, &Shell::openLogs);
    connect(m_window->tagHistoryPanel(), &TagHistoryPanel::openLogsRequested, this, &Shell::openLogs);
    connect(m_window->applicationsPanel(), &ApplicationsPanel::logHistoryRequested, this, &Shell::openLogHistory);
    m_releases = std::make_unique<ReleaseController>(m_client.get(), m_window.get());
    m_releases->setTakeOverTiming(m_options.takeOver);
    connect(m_window->approvalsPanel(), &ApprovalsPanel::approveRequested, m_releases.get(),
            &ReleaseController::approve);
    connect(m_window->approvalsPanel(), &ApprovalsPanel::rejectRequested, m_releases.get(), &ReleaseController::reject);
    connect(m_window->tagHistoryPanel(), &TagHistoryPanel::deployTagRequested, m_releases.get(),
            &ReleaseController::deployTag);
    connect(m_window->tagHistoryPanel(), &TagHistoryPanel::rollbackRequested, m_releases.get(),
            &ReleaseController::rollback);
    connect(m_releases.get(), &ReleaseController::auditEntry, this, &Shell::appendAudit);
    connect(m_releases.get(), &ReleaseController::historyLoaded, m_window->tagHistoryPanel(),
            &TagHistoryPanel::setEnvironmentHistory);
    connect(m_releases.get(), &ReleaseController::releaseChanged, this, [this] {
        if (m_sync && !m_sync->isRunning())
            startSync();
    });
    m_logs = std::make_unique<LogsController>(m_secrets.get(), m_window.get());
    m_health = std::make_unique<HealthMonitor>();
    m_healthView = std::make_unique<HealthController>(m_health.get(), m_applications.get(), m_window.get());
    m_dns = std::make_unique<DnsAccess>(m_secrets.get(), m_window.get());
    connect(m_dns.get(), &DnsAccess::recordsFixed, this, [this](const QString &appId, bool ok) {
        if (ok)
            recordAudit(QStringLiteral("dns.fix"), appId, QString(), tr("DNS records set to the expected addresses"));
    });
    connect(m_window.get(), &MainWindow::dnsCheckRequested, this, [this](const QString &appId) {
        const int row = m_applications->rowOfKey(appId);
        if (row >= 0)
            m_dns->showRecordsOf(m_applications->itemAt(row));
    });
    m_keyValue = std::make_unique<KeyValueAccess>(m_secrets.get());
    m_provisioning
        = std::make_unique<ProvisioningController>(m_client.get(), m_dns.get(), m_keyValue.get(), m_window.get());
    connect(m_window.get(), &MainWindow::createAppRequested, m_provisioning.get(), &ProvisioningController::createApp);
    connect(m_window.get(), &MainWindow::archiveAppRequested, this, [this](const QString &appId) {
        const int row = m_applications->rowOfKey(appId);
        if (row >= 0)
            m_provisioning->archiveApp(appId, m_applications->itemAt(row).name);
    });
    connect(m_window.get(), &MainWindow::keyValueChangeRequested, this,
            [this](const QString &appId, KeyValueChange change) {
                const int row = m_applications->rowOfKey(appId);
                if (row >= 0)
                    m_provisioning->changeKeyValueCredentials(m_applications->itemAt(row), change);
            });
    connect(m_provisioning.get(), &ProvisioningController::audit, this,
            [this](const QString &action, const QString &appId, const QString &detail) {
                recordAudit(action, appId, QString(), detail);
            });
    connect(m_provisioning.get(), &ProvisioningController::appsChanged, this, [this] {
        if (m_sync && !m_sync->isRunning())
            startSync();
    });
    m_syntax = std::make_unique<KSyntaxHighlighting::Repository>();
    m_editors = std::make_unique<EditorTabs>(m_window->editorArea(), *m_syntax);
    m_platformServices
        = std::make_unique<PlatformServicesController>(m_client.get(), m_keyValue.get(), m_window->editorArea());
    const auto openPlatformServices = [this](const QString &appId) {
        if (const int row = m_applications->rowOfKey(appId); row >= 0)
            m_platformServices->open(m_applications->itemAt(row));
    };
    connect(m_window.get(), &MainWindow::platformServicesRequested, this, openPlatformServices);
    connect(m_window->applicationsPanel(), &ApplicationsPanel::platformServicesRequested, this, openPlatformServices);
    connect(m_platformServices.get(), &PlatformServicesController::audit, this,
            [this](const QString &action, const QString &appId, const QString &detail) {
                recordAudit(action, appId, QString(), detail);
            });
    connect(m_platformServices.get(), &PlatformServicesController::failed, m_window.get(), &MainWindow::showError);
    // Quitting never loses an uncommitted edit: each one is committed or discarded first.
    m_window->setCloseGuard([this](std::function<void()> closeNow) {
        if (!m_editors->hasUncommittedEdits())
            return true;
        m_editors->resolveUncommittedEdits(std::move(closeNow));
        return false;
    });
    m_releases->setReviewContext(m_applications.get(), m_syntax.get());
    m_review = std::make_unique<ReviewController>(m_client.get(), m_window->approvalsPanel(), m_applications.get(),
                                                  m_syntax.get());
    m_releases->setReviewPane(m_review->pane()); // the approval confirmation states its verdict
    connect(m_editors.get(), &EditorTabs::statusMessage, m_window.get(), &MainWindow::showError);
    connect(m_editors.get(), &EditorTabs::configCommitted, this,
            [this](const QString &appId, Environment environment, const QString &path, const QString &commit,
                   const QString &operationId) {
                // Recorded before the push: its journal writes the row once.
                if (!operationId.isEmpty() && m_configPushes) {
                    m_configPushes->pushed(operationId, commit);
                    return;
                }
                ConfigPush push;
                push.appId = appId;
                push.environment = environment;
                push.path = path;
                push.actor = m_adminLogin.isEmpty() ? tr("(unknown admin)") : m_adminLogin;
                appendAudit(ConfigPushJournal::pushedEntry(push, commit));
            });
    connect(m_window->applicationsPanel(), &ApplicationsPanel::currentAppChanged, this, &Shell::showHistoryOf);
    m_links = std::make_unique<LinkOpener>(m_applications.get(), m_releaseRequests.get(), m_window.get(), [this] {
        if (m_options.offline)
            return 0;
        if (!m_hasToken || !m_sync)
            return m_tokenAnswered ? 0 : 1; // the start-up syncs once the keychain answered
        // A running sync read GitLab before the link came: the one it queues now did not.
        const bool running = m_sync->isRunning();
        startSync();
        return running ? 2 : 1;
    });
    m_links->open(m_options.links);
    connect(m_secrets.get(), &SecretStore::secretRead, this,
            [this](const QString &key, const QString &secret, bool found) {
                if (key == SecretStore::gitlabTokenKey(m_profile.name))
                    onTokenRead(secret, found);
            });
    connect(m_secrets.get(), &SecretStore::secretWritten, this, [this](const QString &key) {
        // The sandbox's generated token has just been stored for this session.
        if (m_profile.isSandbox && key == SecretStore::gitlabTokenKey(m_profile.name))
            m_secrets->read(key);
    });
    m_syncTimer.setInterval(m_options.syncIntervalMs); // incremental syncs are cheap: a few probes
    connect(&m_syncTimer, &QTimer::timeout, this, [this] {
        if (m_cache)
            m_cache->retryUnavailable();
        // An unreachable GitLab is tried on the backoff's schedule instead; a
        // rejected token not at all until it is renewed.
        if (m_link == GitLabLink::Answering && m_sync && !m_sync->isRunning())
            m_sync->start();
    });
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &Shell::startSync);
    m_countdownTimer.setInterval(1000);
    connect(&m_countdownTimer, &QTimer::timeout, this, [this] {
        m_window->setReconnectCountdown(m_sync && m_sync->isRunning() ? 0 : m_backoff.secondsUntilRetry());
    });
    connect(m_secrets.get(), &SecretStore::failed, this, [this](const QString &key, const QString &message) {
        if (key != SecretStore::gitlabTokenKey(m_profile.name))
            return;
        m_hasToken = false;
        m_tokenAnswered = true;
        m_link = GitLabLink::Unknown;
        stopReconnecting();
        m_offlineReason = message;
        m_links->syncFailed();
        updateConnection();
    });
}

Shell::~Shell()
{
    // The members go in the reverse of their declaration (see shell.h). The
    // sandbox goes nearly last, stopping its servers: nothing it reports then
    // may reach this half-destroyed shell.
    if (m_sandbox)
        m_sandbox->disconnect(this);
    m_window->setCloseGuard({}); // it asks the editor tabs, which go first
}

QString Shell::dataFolder() const
{
    if (m_sandboxDir)
        return m_sandboxDir->path();
    return m_cache ? QFileInfo(m_cache->filePath()).absolutePath() : QString();
}

void Shell::start()
{
    m_window->restoreLayout(*m_settings);
    m_window->show();
    if (!chooseProfile())
        return;
    m_window->setProfileName(m_profile.name, m_profile.isSandbox);
    if (!m_profile.isSandbox)
        m_window->restoreLayout(*m_settings, m_profile.name); // where this profile's window was
    m_dns->setProfile(m_profile);
    m_keyValue->setProfile(m_profile);
    m_platformServices->reconnect();
    if (m_profile.isSandbox) {
        m_sandboxDir = std::make_unique<QTemporaryDir>();
        openCache(m_sandboxDir->filePath(QStringLiteral("cache.sqlite")));
        startSandbox();
    } else {
        m_profiles->setLastUsedProfile(m_profile.name);
        openCache(CacheService::defaultFilePathForProfile(m_profile.name));
        m_secrets->read(SecretStore::gitlabTokenKey(m_profile.name));
    }
    updateConnection();
}

bool Shell::chooseProfile()
{
    if (m_options.sandbox) {
        if (!m_options.sandboxFactory) {
            m_window->showError(tr("This build of Dockmaster has no sandbox platform."));
            return false;
        }
        m_sandbox = m_options.sandboxFactory();
        m_profile = Profile();
        m_profile.name = QStringLiteral("sandbox");
        m_profile.isSandbox = true;
        m_profile.testDomainSuffix = m_sandbox->testDomainSuffix();
        m_profile.productionDomainSuffix = m_sandbox->productionDomainSuffix();
        m_profile.edgeAuthUrl = m_sandbox->edgeAuthUrl();
        m_profile.edgeLoginUrl = m_sandbox->edgeLoginUrl();
        return true;
    }
    QString name = m_options.profileName;
    if (name.isEmpty())
        name = m_profiles->lastUsedProfile();
    if (name.isEmpty() && !m_profiles->profileNames().isEmpty())
        name = m_profiles->profileNames().constFirst();
    if (name.isEmpty())
        return runFirstRunDialog();
    // Validated like typed input: a tampered settings file must not send the token anywhere.
    QString refusal;
    const std::optional<Profile> profile = m_profiles->loadForUse(name, &refusal);
    if (!profile) {
        m_profileRefusal = refusal;
        m_window->showError(refusal);
        return runFirstRunDialog();
    }
    m_profile = *profile;
    return true;
}

bool Shell::runFirstRunDialog()
{
    // Non-modal so the window paints; start-up continues once a profile exists.
    auto *dialog = new SettingsDialog(m_profiles.get(), m_secrets.get(), m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Welcome to Dockmaster: create a profile"));
    connect(dialog, &SettingsDialog::profileSaved, this, [this, dialog](const QString &name) {
        if (!m_profile.name.isEmpty())
            return;
        m_options.profileName = name;
        dialog->close();
        start();
    });
    dialog->open();
    m_window->setConnectionState(ConnectionState::Offline,
                                 m_profileRefusal.isEmpty() ? tr("No profile yet: create one in Settings (Ctrl+,).")
                                                            : m_profileRefusal);
    return false;
}

void Shell::openCache(const QString &filePath)
{
    m_cache = std::make_unique<CacheService>(filePath);
    connect(m_cache.get(), &CacheService::opened, this, &Shell::onCacheOpened);
    connect(m_cache.get(), &CacheService::journalOpened, this, [this](const JournalDatabase::OpenResult &result) {
        m_journalProblem = {};
        if (!result.durable && StoreFailures::isTransient(result.failure))
            m_journalProblem = { result.failure, result.message, {} };
        updateConnection();
        if (!result.message.isEmpty())
            m_window->showError(result.message);
        if (!result.movedAsidePath.isEmpty())
            Dialogs::inform(m_window.get(), QMessageBox::Warning, tr("Local cache"), result.message);
        reloadAudit();
    });
    connect(m_cache.get(), &CacheService::snapshotLoaded, this, &Shell::onSnapshot);
    connect(m_cache.get(), &CacheService::failed, m_window.get(), &MainWindow::showError);
    m_cache->open();
    m_healthView->setCache(m_cache.get());
    m_configPushes = std::make_unique<ConfigPushJournal>(m_client.get(), m_cache.get());
    connect(m_configPushes.get(), &ConfigPushJournal::auditEntry, this, &Shell::appendAudit);
    m_editors->setPushJournal(m_configPushes.get());

    m_sync = std::make_unique<SyncEngine>(m_client.get(), m_cache.get());
    logSyncPhases(m_sync.get());
    SyncOptions options;
    options.rootGroup = m_profile.rootGroup;
    options.inventoryProject = m_profile.inventoryProject;
    m_sync->setOptions(options);
    connect(m_sync.get(), &SyncEngine::started, this, [this](bool full) {
        // A reconnect attempt says so ("Reconnecting…"); a cache problem stays
        // in view while GitLab answers.
        const std::optional<ConnectionView> view = connectionView();
        if (m_link != GitLabLink::Unknown && view && view->state != ConnectionState::Online) {
            updateConnection();
            return;
        }
        m_window->setConnectionState(ConnectionState::Syncing,
                                     full ? tr("Reading everything from GitLab...")
                                          : tr("Checking GitLab for changes..."));
    });
    connect(m_sync.get(), &SyncEngine::progress, m_window.get(), &MainWindow::setSyncProgress);
    connect(m_sync.get(), &SyncEngine::finished, this, &Shell::onSyncFinished);
    connect(m_sync.get(), &SyncEngine::failed, this, &Shell::onSyncFailed);
    connect(m_sync.get(), &SyncEngine::cancelled, this, &Shell::updateConnection);

    // Clones for approvals live beside the cache (the sandbox's in its own folder).
    m_provisioning->configure(m_profile.rootGroup, m_profile.inventoryProject);
    m_provisioning->setEdgeSignIn(m_profile.edgeAuthUrl, m_profile.edgeLoginUrl);
    m_platformServices->setEdgeSignIn(m_profile.edgeAuthUrl, m_profile.edgeLoginUrl);
    m_editors->setEdgeSignIn(m_profile.edgeAuthUrl, m_profile.edgeLoginUrl);
    m_releases->configure(m_profile, QFileInfo(filePath).absolutePath() + QStringLiteral("/approvals"), m_cache.get());
}

void Shell::startSandbox()
{
    connect(m_sandbox.get(), &Sandbox::ready, this, [this] {
        m_profile.gitlabUrl = m_sandbox->gitlabUrl();
        // Generated for this run and kept in memory only (SessionSecretStore).
        m_secrets->write(SecretStore::gitlabTokenKey(m_profile.name), m_sandbox->adminToken());
    });
    connect(m_sandbox.get(), &Sandbox::failed, this, [this](const QString &message) {
        m_offlineReason = message;
        m_window->showError(message);
        updateConnection();
    });
    connect(m_sandbox.get(), &Sandbox::containersUnavailable, m_window.get(), &MainWindow::showError);
    connect(m_sandbox.get(), &Sandbox::dnsUnavailable, m_window.get(), &MainWindow::showError);
    connect(m_sandbox.get(), &Sandbox::dnsReady, this, [this](const QUrl &apiUrl, const QString &apiKey) {
        // The sandbox's PowerDNS stands in for the platform's DNS provider.
        m_profile.dnsProvider = DnsProviderKind::PowerDns;
        m_profile.dnsEndpoint = apiUrl;
        m_secrets->write(SecretStore::dnsCredentialKey(m_profile.name), apiKey);
        m_dns->setProfile(m_profile);
        m_keyValue->setProfile(m_profile);
        m_platformServices->reconnect();
    });
    connect(m_sandbox.get(), &Sandbox::keyValueUnavailable, m_window.get(), &MainWindow::showError);
    connect(m_sandbox.get(), &Sandbox::keyValueReady, this, [this](const QString &address, const QString &password) {
        // The sandbox's Valkey stands in for the platform's store.
        m_profile.keyValueAddress = address;
        m_profile.keyValueAdminUser.clear(); // the default user
        m_profile.keyValueTls = false;       // on this computer
        m_secrets->write(SecretStore::keyValueAdminKey(m_profile.name), password);
        m_keyValue->setProfile(m_profile);
        m_platformServices->reconnect();
    });
    m_window->setConnectionState(ConnectionState::Syncing, tr("Preparing the sandbox platform..."));
    m_sandbox->start();
}

void Shell::onTokenRead(const QString &token, bool found)
{
    m_hasToken = found && !token.isEmpty();
    m_tokenAnswered = true;
    // A new (or renewed) token gets a fresh start, also after a 401.
    m_link = GitLabLink::Unknown;
    stopReconnecting();
    if (!m_hasToken) {
        m_client->setToken(QString());
        updateConnection();
        m_links->syncFailed(); // no sync will look for them
        return;
    }
    m_client->setBaseUrl(m_profile.gitlabUrl);
    GitLabClientOptions clientOptions = m_client->options();
    clientOptions.maxConcurrent = m_profile.gitlabMaxConcurrent;
    clientOptions.rateLimitPacing.maxRequestsPerMinute = m_profile.gitlabRequestsPerMinute;
    m_client->setOptions(clientOptions);
    m_client->setToken(token);
    startSync();
}

void Shell::startSync()
{
    // A cache or journal that a full disk, a lock or a read-only folder kept
    // from its file is tried again at every refresh.
    if (m_cache)
        m_cache->retryUnavailable();
    // F5 or "Retry now" while waiting to reconnect: this is the attempt.
    m_reconnectTimer.stop();
    m_countdownTimer.stop();
    m_backoff.cancel();
    if (m_options.offline || !m_hasToken || !m_sync) {
        updateConnection();
        return;
    }
    m_sync->start();
    m_syncTimer.start();
}

void Shell::scheduleReconnect()
{
    const qint64 delay = m_backoff.scheduleNext();
    qCInfo(lcSync) << "GitLab unreachable; reconnect attempt" << m_backoff.failures() << "in" << delay << "ms";
    m_reconnectTimer.start(int(delay));
    m_countdownTimer.start();
}

void Shell::stopReconnecting()
{
    m_reconnectTimer.stop();
    m_countdownTimer.stop();
    m_backoff.reset();
}

void Shell::openConfig(const QString &appId, Environment environment)
{
    const int row = m_applications->rowOfKey(appId);
    if (row < 0)
        return;
    const AppRecord &app = m_applications->itemAt(row);
    if (app.opsWebUrl.isEmpty()) {
        m_window->showError(
            tr("The management repository of %1 is not known yet: refresh from GitLab first.").arg(appId));
        return;
    }
    if (!m_hasToken || m_options.offline) {
        m_window->showError(tr("Opening a configuration needs a connection to GitLab."));
        return;
    }
    const QString login = m_adminLogin.isEmpty() ? QStringLiteral("dockmaster") : m_adminLogin;
    EditorTabs::Session session;
    session.token = m_client->token();
    session.author = { m_adminName.isEmpty() ? login : m_adminName,
                       m_adminEmail.isEmpty() ? login + QStringLiteral("@users.noreply.") + m_profile.gitlabUrl.host()
                                              : m_adminEmail };
    session.opsProject = m_profile.rootGroup + QStringLiteral("/ops/") + app.id;
    session.repositoryUrl = m_client->repositoryUrl(session.opsProject);
    session.actor = m_adminLogin.isEmpty() ? tr("(unknown admin)") : m_adminLogin;
    session.workspaceRoot = dataFolder();
    m_editors->open(app, environment, session);
}

void Shell::learnAdminIdentity()
{
    m_client->currentUser(this, [this](GitLabResult<GitLabUser> result) {
        if (!result.error.isOk())
            return;
        m_adminLogin = result.value.username;
        m_adminName = result.value.name;
        m_adminEmail = result.value.commitAddress(m_profile.gitlabUrl.host());
        m_releases->setAdmin(m_adminLogin);
        m_releases->setCommitEmail(m_adminEmail);
        m_releases->recoverOnce();
        if (m_configPushes)
            m_configPushes->settle(); // edits whose push answer a dead console never saw
        m_provisioning->setAdmin(m_adminLogin, m_adminName, m_adminEmail);
        m_platformServices->setActor(m_adminLogin);
        offerUnfinishedSetUps();
    });
}

void Shell::offerUnfinishedSetUps()
{
    // From the statuses the sync read in the inventory: no request per app.
    if (m_syncedSnapshotShown && !m_adminLogin.isEmpty())
        m_provisioning->offerResumeOnce(m_applications->items());
}

void Shell::onSyncFinished(const SyncStats &stats)
{
    // Apps GitLab sent unreadable data for kept their cached state; say which.
    if (!stats.problems.isEmpty())
        m_window->showError(stats.problems.join(QLatin1Char(' ')));
    if (stats.serverWentBack) {
        m_window->notify(tr("GitLab went back in time"),
                         tr("GitLab no longer has what this console saw at the last sync (was it restored from a "
                            "backup?). Everything was read again: the panels show GitLab's data as it is now."),
                         true);
    }
    if (m_adminLogin.isEmpty())
        learnAdminIdentity();
    if (m_link == GitLabLink::Unreachable)
        qCInfo(lcSync) << "GitLab reachable again after" << m_backoff.failures() << "failed attempts";
    m_link = GitLabLink::Answering;
    stopReconnecting();
    m_writeProblem = {};
    m_offlineReason.clear();
    m_releases->setOnline(true);
    updateConnection();
    m_links->syncFinished();
    m_syncedThisSession = true;
    m_cache->loadSnapshot(); // the panels merge the new rows in
}

void Shell::onSyncFailed(const QString &message)
{
    m_links->syncFailed();
    const GitLabError error = m_sync->lastError();
    const StoreFailure storeFailure = m_sync->lastStoreFailure();
    if (StoreFailures::isTransient(storeFailure)) {
        // GitLab answered everything; only saving it failed (full disk, lock,
        // read-only file): a cache problem, not "Offline".
        m_link = GitLabLink::Answering;
        stopReconnecting();
        m_writeProblem = { storeFailure, message, m_sync->lastStoreHolder() };
        m_offlineReason.clear();
        m_releases->setOnline(true);
        m_window->showError(message);
        updateConnection();
        return;
    }
    if (error.kind == GitLabError::Kind::Unauthorized) {
        // Trying again cannot help, and would hammer GitLab with a dead token.
        m_link = GitLabLink::TokenRejected;
        stopReconnecting();
        m_syncTimer.stop();
        m_releases->setOnline(false);
        m_offlineReason = message;
        updateConnection();
        return;
    }
    // Not reached at all, or not answered in time, or (before GitLab answered
    // once) only errors after every retry: try again later by itself.
    if (error.isOffline() || error.kind == GitLabError::Kind::Timeout
        || (error.isTransient() && m_link != GitLabLink::Answering)) {
        m_link = GitLabLink::Unreachable;
        m_releases->setOnline(false);
        m_offlineReason = message;
        scheduleReconnect();
        updateConnection();
        return;
    }
    // GitLab answered, but something was wrong (permission, conflict...): stay
    // online, keep the previous data, tell the admin.
    m_window->showError(message);
    if (m_link == GitLabLink::Answering)
        m_window->setConnectionState(ConnectionState::Online, message);
    else
        m_window->setConnectionState(ConnectionState::Offline, message);
}

void Shell::onCacheOpened(const CacheDatabase::OpenResult &result)
{
    m_cacheProblem = {};
    if (result.status == CacheDatabase::OpenStatus::InUse
        || (result.status == CacheDatabase::OpenStatus::Unavailable && StoreFailures::isTransient(result.failure)))
        m_cacheProblem = { result.failure, result.message, result.holder };
    updateConnection();
    switch (result.status) {
    case CacheDatabase::OpenStatus::Ready:
        break;
    case CacheDatabase::OpenStatus::InUse: {
        // Said at once, whatever GitLab answers: this window cannot go on.
        m_window->setConnectionState(ConnectionState::CacheLocked, result.message, result.holder);
        // Quits once the admin has read why.
        QMessageBox *box
            = Dialogs::inform(m_window.get(), QMessageBox::Critical, tr("Profile already open"), result.message);
        connect(box, &QMessageBox::finished, this, [this] { Q_EMIT quitRequested(3); });
        return;
    }
    case CacheDatabase::OpenStatus::RecoveredFromCorruption:
    case CacheDatabase::OpenStatus::Unavailable:
        // The app keeps starting while the user reads it. A retry that still
        // fails only updates the status; the box was shown at start.
        if (!result.retried)
            Dialogs::inform(m_window.get(), QMessageBox::Warning, tr("Local cache"), result.message);
        m_window->showError(result.message);
        break;
    }
    if (result.retried && result.status == CacheDatabase::OpenStatus::Ready)
        m_window->showError(tr("The local cache file can be used again."));
    m_cache->loadSnapshot();
}

void Shell::openLogs(const QString &appId, Environment environment)
{
    m_logs->setProfile(m_profile); // the settings may have changed since the last time
    if (const int row = m_applications->rowOfKey(appId); row >= 0)
        m_logs->openLive(m_applications->itemAt(row), environment);
}

void Shell::openLogHistory(const QString &appId, Environment environment)
{
    m_logs->setProfile(m_profile); // the settings may have changed since the last time
    if (const int row = m_applications->rowOfKey(appId); row >= 0)
        m_logs->openHistory(m_applications->itemAt(row), environment);
}

void Shell::recordAudit(const QString &action, const QString &appId, const QString &environment, const QString &detail)
{
    appendAudit(stampedAuditEntry(m_adminLogin.isEmpty() ? tr("(unknown admin)") : m_adminLogin, action, appId,
                                  environment, detail));
}

void Shell::appendAudit(const AuditEntry &entry)
{
    m_cache->appendAudit(entry);
    reloadAudit();
}

void Shell::reloadAudit()
{
    // Queued after any pending write on the same cache thread, so it sees it.
    m_cache->loadAudit(this, [this](const QList<AuditEntry> &entries) { m_window->auditModel()->setItems(entries); });
}

void Shell::onSnapshot(const CacheSnapshot &snapshot)
{
    m_applications->setItems(snapshot.apps);
    m_logs->setHosts(snapshot.hosts);
    if (!m_options.offline) {
        m_health->setCertificateDir(m_profile.dockerCertificateDir);
        m_health->setInventory(snapshot.hosts, snapshot.apps);
    }
    m_editors->setHosts(snapshot.hosts);
    m_platformServices->setInventory(snapshot.apps, snapshot.hosts);
    m_dns->setHosts(snapshot.hosts);
    reloadAudit();
    m_releaseRequests->setSlaHours(m_profile.approvalSlaHours);
    m_releaseRequests->setItems(snapshot.releaseRequests);
    m_releases->resumeUnfinished(snapshot.releaseRequests);
    const QString age = snapshot.lastSyncedAt.isValid()
        ? QLocale().toString(snapshot.lastSyncedAt.toLocalTime(), QLocale::ShortFormat)
        : tr("never");
    m_window->applicationsPanel()->setLastSync(snapshot.lastSyncedAt);
    QString summary = tr("%n apps cached, last sync: %1", nullptr, int(snapshot.apps.size())).arg(age);
    if (!snapshot.storeProblems.isEmpty())
        summary += QStringLiteral(" · ") + snapshot.storeProblems.join(QStringLiteral(" · "));
    m_window->setCacheSummary(summary);
    // The Tag history follows the cache too: after an approval or a rollback
    // of the app it shows, the new live version and deployment appear.
    if (const QString shown = m_window->tagHistoryPanel()->appId(); !shown.isEmpty())
        showHistoryOf(shown);
    m_links->snapshotShown();
    // Delivered after a sync finished, a snapshot was read after the sync's
    // last write (the cache thread answers in order).
    m_syncedSnapshotShown = m_syncedSnapshotShown || m_syncedThisSession;
    offerUnfinishedSetUps();
    Q_EMIT firstPaintReady();
}

void Shell::openLinks(const QStringList &links)
{
    m_links->open(links);
}

void Shell::showHistoryOf(const QString &appId)
{
    TagHistoryPanel *panel = m_window->tagHistoryPanel();
    const int row = m_applications->rowOfKey(appId);
    if (row < 0 || !m_cache) {
        panel->clear();
        return;
    }
    panel->showApp(m_applications->itemAt(row));
    using History = std::pair<QList<TagRecord>, QList<DeploymentRecord>>;
    m_cache->query<History>(
        panel, [appId](CacheDatabase &db) { return History(db.loadTags(appId), db.loadDeployments(appId)); },
        [this, panel, appId](History history) {
            panel->setHistory(appId, history.first, history.second);
            // Then the precise history from the environment branches, when GitLab is reachable.
            m_releases->loadHistory(appId);
        });
}

void Shell::updateConnection()
{
    if (m_profile.name.isEmpty())
        return;
    const std::optional<ConnectionView> view = connectionView();
    if (!view)
        return;
    m_window->setConnectionState(view->state, view->detail, view->subject);
    if (view->state == ConnectionState::Unreachable)
        m_window->setReconnectCountdown(m_sync && m_sync->isRunning() ? 0 : m_backoff.secondsUntilRetry());
}

std::optional<Shell::ConnectionView> Shell::connectionView() const
{
    if (m_options.offline)
        return ConnectionView { ConnectionState::Offline, tr("Started with --offline: showing cached data."), {} };
    if (m_hasToken && m_link == GitLabLink::TokenRejected)
        return ConnectionView { ConnectionState::TokenRejected,
                                tr("%1 Renew the GitLab token of profile %2 in Settings (Ctrl+,); Dockmaster does "
                                   "not try again until then.")
                                    .arg(m_offlineReason, m_profile.name),
                                {} };
    if (m_hasToken && m_link == GitLabLink::Unreachable)
        return ConnectionView { ConnectionState::Unreachable,
                                tr("%1 Dockmaster tries again by itself, waiting longer after each failure (up to "
                                   "about two minutes); Retry now tries at once.")
                                    .arg(m_offlineReason),
                                {} };
    if (!m_hasToken && m_profile.isSandbox && m_offlineReason.isEmpty())
        return std::nullopt; // still preparing: the status says so
    if (!m_hasToken)
        return ConnectionView { ConnectionState::Offline,
                                m_offlineReason.isEmpty()
                                    ? tr("No GitLab token is stored for this profile: add one in Settings.")
                                    : m_offlineReason,
                                {} };
    if (m_link != GitLabLink::Answering) {
        if (m_sync && m_sync->isRunning())
            return std::nullopt; // the first sync says what it does
        return ConnectionView { ConnectionState::Offline,
                                m_offlineReason.isEmpty() ? tr("Not connected to GitLab yet.") : m_offlineReason,
                                {} };
    }
    // GitLab answers: a local store that cannot be written is what needs the admin.
    for (const StoreProblem *problem : { &m_cacheProblem, &m_writeProblem, &m_journalProblem }) {
        if (problem->failure != StoreFailure::None)
            return ConnectionView { stateOfStore(problem->failure), problem->detail, problem->holder };
    }
    return ConnectionView { ConnectionState::Online, m_profile.gitlabUrl.toString(), {} };
}

void Shell::openSettings()
{
    auto *dialog = new SettingsDialog(m_profiles.get(), m_secrets.get(), m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!m_profile.name.isEmpty() && !m_profile.isSandbox)
        dialog->selectProfile(m_profile.name);
    connect(dialog, &SettingsDialog::profileSaved, this, [this](const QString &name) {
        if (name != m_profile.name)
            return;
        // The approval rules apply from the next approval on, without a restart.
        if (const std::optional<Profile> saved = m_profiles->load(name)) {
            m_profile.productionApprovals = saved->productionApprovals;
            m_profile.testApprovals = saved->testApprovals;
            m_profile.refuseProductionBeforeTest = saved->refuseProductionBeforeTest;
            m_profile.requireSecondApprover = saved->requireSecondApprover;
            m_releases->setApprovalRules(m_profile);
        }
        m_secrets->read(SecretStore::gitlabTokenKey(name)); // the token may have changed
    });
    connect(dialog, &SettingsDialog::auditEntry, this, [this](const AuditEntry &entry) {
        if (m_cache) // a repair made before any profile was opened is in GitLab, not in a cache
            appendAudit(entry);
    });
    dialog->open();
}

void Shell::saveLayout()
{
    m_window->saveLayout(*m_settings); // what a new profile starts from
    if (!m_profile.name.isEmpty() && !m_profile.isSandbox)
        m_window->saveLayout(*m_settings, m_profile.name);
    m_settings->sync();
}

} // namespace Dockmaster
