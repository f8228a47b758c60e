#pragma once

#include "sandbox/emulator/gitlabemulator.h"
#include "sandbox/emulator/httpmessage.h"

#include <QObject>
#include <QPointer>

#include <memory>

class QTcpServer;
class QTimer;

namespace Dockmaster {

class GitHttpBackend;
class GitLabApi;
class HttpConnection;
class PipelineRunner;

// Lives on the emulator's thread: accepts connections, applies faults and
// rate limits, and routes each request to the REST API or git-http-backend.
class EmulatorServer final : public QObject
{
    Q_OBJECT
public:
    EmulatorServer(GitLabEmulator::Shared &shared, GitLabEmulator *facade);
    ~EmulatorServer() override;

    Q_INVOKABLE quint16 listen();
    Q_INVOKABLE void shutdown();
    // A runner came back: start the jobs that waited for one.
    Q_INVOKABLE void runnerAvailable();

private:
    void onNewConnection();
    void onRequest(HttpConnection *connection, const HttpRequest &request);
    void dispatch(QPointer<HttpConnection> connection, const HttpRequest &request,
                  const std::optional<EmulatorFault> &fault);
    void handleGit(QPointer<HttpConnection> connection, const HttpRequest &request,
                   const std::optional<EmulatorFault> &fault);
    void finish(QPointer<HttpConnection> connection, const HttpRequest &request, HttpResponse response,
                const std::optional<EmulatorFault> &fault);
    // Omnibus's http-to-https redirect, when the emulator is set to send it.
    std::optional<HttpResponse> httpsRedirect(const HttpRequest &request) const;
    void addRateLimitHeaders(HttpResponse &response);
    bool overRateLimit();
    void saveSoon();

    GitLabEmulator::Shared &m_shared;
    GitLabEmulator *m_facade;
    QTcpServer *m_server = nullptr;
    std::unique_ptr<GitLabApi> m_api;
    GitHttpBackend *m_git = nullptr;
    PipelineRunner *m_pipelines = nullptr;
    QTimer *m_saveTimer = nullptr;
    qint64 m_windowStart = 0;
    int m_windowCount = 0;
};

} // namespace Dockmaster
