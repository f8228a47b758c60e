#include "sandbox/emulator/gitlabemulator.h"

#include "core/domain/pipelinestatus.h"
#include "core/util/threadmailbox.h"
#include "sandbox/emulator/emulatorserver.h"
#include "sandbox/emulator/emulatorshared.h"

#include <QDir>
#include <QThread>

#include <git2.h>

#include <algorithm>

namespace Dockmaster {

GitLabEmulator::GitLabEmulator(const QString &dataDir, QObject *parent)
    : QObject(parent)
    , m_shared(std::make_unique<Shared>(dataDir))
{
    git_libgit2_init();
    QDir().mkpath(m_shared->store.repositoriesRoot());
    // A data folder an emulator used before: carry on with its state.
    QString error;
    if (EmulatorState::load(m_shared->store, &error))
        return;
    if (!error.isEmpty())
        qWarning().noquote() << "emulator: its saved state is unreadable, starting afresh:" << error;
    m_shared->store.addUser(QStringLiteral("root"), QStringLiteral("Administrator"), true,
                            QString::fromLatin1(AdminToken));
    m_shared->store.externalUrl = QUrl(QStringLiteral("http://gitlab-emulator.invalid"));
}

GitLabEmulator::~GitLabEmulator()
{
    stop();
    m_shared->saveState(); // what seeding put straight into the store, too
    // libgit2 stays initialised: a shutdown deletes its thread-local key
    // while pool threads that used it still live, leaking their state.
}

bool GitLabEmulator::start()
{
    if (m_thread)
        return true;
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("GitLabEmulator"));
    m_server = new EmulatorServer(*m_shared, this);
    m_server->moveToThread(m_thread.get());
    m_toServer = new ThreadMailbox;
    m_toServer->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::finished, m_server, &QObject::deleteLater);
    connect(m_thread.get(), &QThread::finished, m_toServer, &QObject::deleteLater);
    m_thread->start();
    quint16 port = 0;
    m_toServer->run([this, &port] { port = m_server->listen(); });
    if (port == 0) {
        stop();
        return false;
    }
    m_baseUrl.setScheme(QStringLiteral("http"));
    m_baseUrl.setHost(QStringLiteral("127.0.0.1"));
    m_baseUrl.setPort(port);
    return true;
}

void GitLabEmulator::stop()
{
    if (!m_thread)
        return;
    m_shared->saveState();
    m_toServer->run([this] { m_server->shutdown(); });
    m_thread->quit();
    m_thread->wait();
    m_thread.reset();
    m_server = nullptr;
    m_toServer = nullptr;
    m_baseUrl = QUrl();
}

void GitLabEmulator::saveState()
{
    m_shared->saveState();
}

bool GitLabEmulator::isRunning() const
{
    return m_thread != nullptr;
}

QUrl GitLabEmulator::baseUrl() const
{
    return m_baseUrl;
}

QUrl GitLabEmulator::apiUrl() const
{
    QUrl url = m_baseUrl;
    url.setPath(QStringLiteral("/api/v4"));
    return url;
}

void GitLabEmulator::setExternalUrl(const QUrl &url)
{
    QMutexLocker lock(&m_shared->store.mutex());
    m_shared->store.externalUrl = url;
}

QUrl GitLabEmulator::externalUrl() const
{
    QMutexLocker lock(&m_shared->store.mutex());
    return m_shared->store.externalUrl;
}

void GitLabEmulator::setDefaultProjectVisibility(const QString &visibility)
{
    QMutexLocker lock(&m_shared->store.mutex());
    m_shared->store.defaultProjectVisibility = visibility;
}

void GitLabEmulator::setVersion(const QString &version)
{
    QMutexLocker lock(&m_shared->store.mutex());
    m_shared->store.version = version;
}

void GitLabEmulator::setTokenScopes(const QString &username, const QStringList &scopes, const QDate &expiresAt)
{
    QMutexLocker lock(&m_shared->store.mutex());
    for (EmulatorUser &u : m_shared->store.users) {
        if (u.username == username) {
            u.tokenScopes = scopes;
            u.tokenExpiresAt = expiresAt;
        }
    }
}

void GitLabEmulator::setRedirectHttpToHttps(bool redirect)
{
    QMutexLocker lock(&m_shared->store.mutex());
    m_shared->store.redirectHttpToHttps = redirect;
}

void GitLabEmulator::advanceClock(qint64 seconds)
{
    QMutexLocker lock(&m_shared->store.mutex());
    m_shared->store.advanceClock(seconds);
}

QString GitLabEmulator::dataDir() const
{
    return m_shared->store.dataDir();
}

QString GitLabEmulator::adminToken() const
{
    return QString::fromLatin1(AdminToken);
}

EmulatorUser GitLabEmulator::addUser(const QString &username, const QString &name, bool admin, const QString &token)
{
    QMutexLocker lock(&m_shared->store.mutex());
    return m_shared->store.addUser(username, name, admin, token);
}

EmulatorStore &GitLabEmulator::store()
{
    return m_shared->store;
}

QString GitLabEmulator::repositoryPath(qint64 projectId)
{
    QMutexLocker lock(&m_shared->store.mutex());
    const EmulatorProject *p = m_shared->store.project(projectId);
    return p ? m_shared->store.repositoryPath(*p) : QString();
}

int GitLabEmulator::addFault(const EmulatorFault &fault)
{
    return m_shared->faults.add(fault);
}

void GitLabEmulator::removeFault(int id)
{
    m_shared->faults.remove(id);
}

void GitLabEmulator::clearFaults()
{
    m_shared->faults.clear();
}

QList<EmulatorRequestLogEntry> GitLabEmulator::requestLog() const
{
    return m_shared->log.entries();
}

void GitLabEmulator::clearRequestLog()
{
    m_shared->log.clear();
}

int GitLabEmulator::requestCount(const QString &method, const QString &pathRegex) const
{
    return m_shared->log.count(method, QRegularExpression(pathRegex));
}

void GitLabEmulator::setRateLimit(int requestsPerPeriod, bool enforce, int periodSeconds)
{
    m_shared->rateLimit = requestsPerPeriod;
    m_shared->rateLimitPeriodSeconds = qMax(1, periodSeconds);
    m_shared->enforceRateLimit = enforce;
}

void GitLabEmulator::setRateLimitHeadersOnEveryAnswer(bool on)
{
    m_shared->rateLimitHeadersOnEveryAnswer = on;
}

void GitLabEmulator::setLatency(int ms)
{
    m_shared->latencyMs = qMax(0, ms);
}

void GitLabEmulator::setDeployer(EmulatorDeployer deployer)
{
    QMutexLocker lock(&m_shared->deployMutex);
    m_shared->deployer = std::move(deployer);
}

void GitLabEmulator::failNextDeploy(const QString &message)
{
    QMutexLocker lock(&m_shared->deployMutex);
    m_shared->failNext = true;
    m_shared->failNextMessage = message;
}

void GitLabEmulator::setPipelineStepMs(int ms)
{
    m_shared->pipelineStepMs = qMax(0, ms);
}

bool GitLabEmulator::hasUnfinishedPipelines() const
{
    QMutexLocker lock(&m_shared->store.mutex());
    const QMap<qint64, EmulatorPipeline> &pipelines = m_shared->store.pipelines;
    return std::any_of(pipelines.cbegin(), pipelines.cend(),
                       [](const EmulatorPipeline &p) { return isUnfinished(QStringView(p.status)); });
}

void GitLabEmulator::setRunnerAvailable(bool available)
{
    m_shared->runnerAvailable = available;
    if (available && m_server)
        m_toServer->post([server = m_server] { server->runnerAvailable(); });
}

} // namespace Dockmaster
