#pragma once

#include "sandbox/emulator/emulatorfaults.h"
#include "sandbox/emulator/emulatorstore.h"

#include <QHash>
#include <QObject>
#include <QUrl>

#include <functional>
#include <memory>

class QThread;

namespace Dockmaster {

class EmulatorServer;
class ThreadMailbox;

// What a deploy step gets to work with (all values already validated).
struct EmulatorDeployContext {
    QString dataDir;
    QString repositoryPath; // bare repository of the management repo
    QString projectPath;    // path_with_namespace
    QString environment;    // "test" or "production"
    QString ref;            // branch, e.g. env/test
    QString sha;
    QString username;
    qint64 projectId = 0;
    qint64 pipelineId = 0;
    qint64 jobId = 0;
    // Submodules the runner cloned with the job token (GIT_SUBMODULE_STRATEGY).
    struct Submodule {
        QString path;           // e.g. "codes"
        QString repositoryPath; // bare repository of the submodule's project
        QString sha;
    };
    QList<Submodule> submodules;
    // CI/CD variables the job received (masked values included).
    QHash<QString, QString> variables;
};

struct EmulatorDeployResult {
    bool success = true;
    QString message;
};

// Runs on a worker thread; `log` appends a line to the job trace.
using EmulatorDeployer = std::function<EmulatorDeployResult(const EmulatorDeployContext &,
                                                            const std::function<void(const QString &)> &log)>;

// The default deploy step: checks out the pushed tree, and each submodule the
// runner cloned into its path, to <dataDir>/hosts/<environment>/<project path>.
EmulatorDeployer localFolderDeployer();

// A small GitLab (REST v4 subset + git smart HTTP) on 127.0.0.1 with a free
// port, serving from its own thread so callers may wait synchronously.
class GitLabEmulator final : public QObject
{
    Q_OBJECT
public:
    static constexpr auto AdminToken = "emulator-admin-token";

    explicit GitLabEmulator(const QString &dataDir, QObject *parent = nullptr);
    ~GitLabEmulator() override;

    bool start();
    void stop();
    // Writes the state file now, as a backup of GitLab's database would be
    // taken (the server writes it at most 200 ms after a change on its own).
    void saveState();
    bool isRunning() const;
    QUrl baseUrl() const; // http://127.0.0.1:<port>
    QUrl apiUrl() const;  // baseUrl + /api/v4
    // GitLab's external_url, which links, web_url and http_url_to_repo use.
    // By default a host that never resolves (http://gitlab-emulator.invalid),
    // so a client that follows it instead of its configured URL fails.
    void setExternalUrl(const QUrl &url);
    QUrl externalUrl() const;
    // The instance's default_project_visibility ("private" unless changed).
    void setDefaultProjectVisibility(const QString &visibility);
    // What GET /version reports (default "17.5.0-emulator").
    void setVersion(const QString &version);
    // The scopes and expiry date of `username`'s token (default: api, no expiry).
    void setTokenScopes(const QString &username, const QStringList &scopes, const QDate &expiresAt = {});
    // Answer every request with a 301 to its https:// form (Omnibus's
    // nginx['redirect_http_to_https']); the emulator itself serves no TLS.
    void setRedirectHttpToHttps(bool redirect);
    // Moves the emulator's clock forward (timestamps, Date headers, the
    // hourly last_activity_at throttle): "an hour later" without waiting.
    void advanceClock(qint64 seconds);
    QString dataDir() const;

    // The "root" administrator every emulator starts with.
    QString adminToken() const;
    EmulatorUser addUser(const QString &username, const QString &name, bool admin, const QString &token);
    // Direct access for seeding and white-box checks; lock store().mutex().
    EmulatorStore &store();
    QString repositoryPath(qint64 projectId);

    // Fault injection and request log.
    int addFault(const EmulatorFault &fault);
    void removeFault(int id);
    void clearFaults();
    QList<EmulatorRequestLogEntry> requestLog() const;
    void clearRequestLog();
    int requestCount(const QString &method, const QString &pathRegex) const;
    // GitLab's authenticated API throttle (off by default on self-managed
    // GitLab): with `enforce`, requests over the limit in a window get 429
    // with Retry-After and the RateLimit-* headers (lib/gitlab/rack_attack.rb).
    // The window is fixed and aligned to the epoch, as Rack::Attack's are
    // (throttle_authenticated_api_period_in_seconds, 60 by default).
    void setRateLimit(int requestsPerPeriod, bool enforce, int periodSeconds = 60);
    // RateLimit-* on every answer while the throttle is on, not only on 429s:
    // GitLab's feature flag rate_limiting_headers_for_unthrottled_requests
    // (lib/gitlab/middleware/rack_attack_headers.rb; off by default, 18.6).
    void setRateLimitHeadersOnEveryAnswer(bool on);
    // Every answer leaves this much later, as over a real network to a busy
    // GitLab; requests are still served side by side meanwhile.
    void setLatency(int ms);

    // Pipelines created by pushes to env/test and env/production of <root>/ops/*.
    void setDeployer(EmulatorDeployer deployer);
    void failNextDeploy(const QString &message);
    void setPipelineStepMs(int ms);
    // Without a runner, new jobs stay "pending" (as in GitLab, which never
    // fails them for that); setting it back picks up the waiting ones.
    void setRunnerAvailable(bool available);
    // A pipeline is created, pending or running: the runner still moves it
    // (and writes the state file). Tests wait for false before comparing.
    bool hasUnfinishedPipelines() const;

    // Internal state shared with the server thread (emulatorshared.h).
    struct Shared;

Q_SIGNALS:
    // Emitted from the server thread on every pipeline status change.
    void pipelineStatusChanged(qint64 projectId, qint64 pipelineId, const QString &status);

private:
    std::unique_ptr<Shared> m_shared;
    std::unique_ptr<QThread> m_thread;
    EmulatorServer *m_server = nullptr;  // lives in m_thread, deleted there
    ThreadMailbox *m_toServer = nullptr; // likewise; calls to the server go through it
    QUrl m_baseUrl;
};

} // namespace Dockmaster
