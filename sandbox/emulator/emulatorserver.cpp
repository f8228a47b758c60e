#include "sandbox/emulator/emulatorserver.h"

#include "sandbox/emulator/emulatorrepository.h"
#include "sandbox/emulator/emulatorshared.h"
#include "sandbox/emulator/emulatorstate.h"
#include "sandbox/emulator/githttpbackend.h"
#include "sandbox/emulator/gitlabapi.h"
#include "sandbox/emulator/httpconnection.h"
#include "sandbox/emulator/pipelinerunner.h"

#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace Dockmaster {

EmulatorServer::EmulatorServer(GitLabEmulator::Shared &shared, GitLabEmulator *facade)
    : m_shared(shared)
    , m_facade(facade)
{
}

EmulatorServer::~EmulatorServer() = default;

quint16 EmulatorServer::listen()
{
    m_server = new QTcpServer(this);
    connect(m_server, &QTcpServer::newConnection, this, &EmulatorServer::onNewConnection);
    quint16 previous = 0;
    {
        QMutexLocker lock(&m_shared.store.mutex());
        previous = m_shared.store.listenPort;
    }
    if ((previous == 0 || !m_server->listen(QHostAddress::LocalHost, previous))
        && !m_server->listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = m_server->serverPort();
    {
        QMutexLocker lock(&m_shared.store.mutex());
        m_shared.store.listenPort = port;
    }
    QUrl base;
    base.setScheme(QStringLiteral("http"));
    base.setHost(QStringLiteral("127.0.0.1"));
    base.setPort(port);
    m_api = std::make_unique<GitLabApi>(m_shared.store);
    m_api->setBaseUrl(base);
    m_api->setRunnerOnline([shared = &m_shared] { return shared->runnerAvailable.load(); });
    m_git = new GitHttpBackend(m_shared.store.repositoriesRoot(), this);
    m_pipelines = new PipelineRunner(m_shared, m_facade, this);
    m_api->setBranchMovedHandler(
        [this](qint64 projectId, const QString &branch, const QString &before, const QString &after, qint64 userId) {
            return m_pipelines ? m_pipelines->branchMoved(projectId, branch, before, after, userId) : qint64(0);
        });
    {
        QMutexLocker lock(&m_shared.store.mutex());
        EmulatorState::requeueInterrupted(m_shared.store);
    }
    if (m_shared.runnerAvailable.load())
        m_pipelines->startPending();
    return port;
}

void EmulatorServer::shutdown()
{
    if (m_server)
        m_server->close();
    if (m_saveTimer)
        m_saveTimer->stop(); // GitLabEmulator::stop saves
    // Connections, running CGI processes and the pipeline runner go with their parent.
    const auto children = findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly);
    for (HttpConnection *c : children)
        delete c;
    delete m_pipelines;
    m_pipelines = nullptr;
    delete m_git;
    m_git = nullptr;
}

void EmulatorServer::runnerAvailable()
{
    if (m_pipelines)
        m_pipelines->startPending();
}

std::optional<HttpResponse> EmulatorServer::httpsRedirect(const HttpRequest &request) const
{
    QMutexLocker lock(&m_shared.store.mutex());
    if (!m_shared.store.redirectHttpToHttps)
        return std::nullopt;
    // Omnibus's nginx answers 301 to https://$host$request_uri before GitLab
    // sees the request (omnibus-gitlab nginx['redirect_http_to_https']).
    QByteArray host = request.header("host");
    if (host.isEmpty())
        host = "127.0.0.1";
    HttpResponse r = HttpResponse::text(301, "Moved Permanently\n");
    r.setHeader("Location", "https://" + host + request.target);
    return r;
}

void EmulatorServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        auto *connection = new HttpConnection(socket, this);
        connect(connection, &HttpConnection::requestReady, this,
                [this, connection](const HttpRequest &request) { onRequest(connection, request); });
        connect(connection, &HttpConnection::closed, connection, &QObject::deleteLater);
    }
}

void EmulatorServer::onRequest(HttpConnection *connection, const HttpRequest &request)
{
    const auto fault = m_shared.faults.take(QString::fromLatin1(request.method), QString::fromUtf8(request.rawPath));
    QPointer<HttpConnection> guard(connection);
    int delayMs = m_shared.latencyMs.load();
    if (fault && fault->kind == EmulatorFault::Kind::Delay)
        delayMs += qMax(0, fault->delayMs);
    if (delayMs > 0) {
        QTimer::singleShot(delayMs, this, [this, guard, request, fault] { dispatch(guard, request, fault); });
        return;
    }
    dispatch(guard, request, fault);
}

void EmulatorServer::dispatch(QPointer<HttpConnection> connection, const HttpRequest &request,
                              const std::optional<EmulatorFault> &fault)
{
    if (!connection)
        return;
    if (fault && fault->kind == EmulatorFault::Kind::BeforeAnswer) {
        if (fault->beforeAnswer)
            fault->beforeAnswer();
        dispatch(connection, request, std::nullopt);
        return;
    }
    if (fault) {
        if (const std::optional<HttpResponse> instead = fault->answerInstead(request)) {
            finish(connection, request, *instead, fault);
            return;
        }
    }
    if (overRateLimit()) {
        const int period = m_shared.rateLimitPeriodSeconds.load();
        finish(connection, request,
               EmulatorFault::retryLater(period - int(QDateTime::currentSecsSinceEpoch() % period)), fault);
        return;
    }
    if (const std::optional<HttpResponse> redirect = httpsRedirect(request)) {
        finish(connection, request, *redirect, fault);
        return;
    }
    static const QRegularExpression GitPath(
        QStringLiteral("^/(.+\\.git)/(info/refs|git-upload-pack|git-receive-pack)$"));
    if (GitPath.match(QString::fromUtf8(request.rawPath)).hasMatch()) {
        handleGit(connection, request, fault);
        return;
    }
    // GitLab answers GraphQL on GET too (reads only); the client posts.
    const bool graphql = request.rawPath == "/api/graphql" && (request.method == "POST" || request.method == "GET");
    HttpResponse response = graphql              ? m_api->handleGraphql(request)
        : request.rawPath.startsWith("/api/v4/") ? m_api->handle(request)
                                                 : HttpResponse::message(404, QStringLiteral("404 Not Found"));
    finish(connection, request, response, fault);
}

namespace {

// Branches a git-receive-pack answer reports as updated: report-status lines
// "ok refs/heads/<name>", possibly wrapped in side-band packets.
QSet<QString> acceptedBranches(const QByteArray &body)
{
    static const QRegularExpression okLine(QStringLiteral("[0-9a-f]{4}ok refs/heads/([^\\n\\x00]+)\\n"));
    QSet<QString> branches;
    auto it = okLine.globalMatch(QString::fromLatin1(body));
    while (it.hasNext())
        branches.insert(it.next().captured(1));
    return branches;
}

} // namespace

void EmulatorServer::handleGit(QPointer<HttpConnection> connection, const HttpRequest &request,
                               const std::optional<EmulatorFault> &fault)
{
    static const QRegularExpression GitPath(
        QStringLiteral("^/(.+)\\.git/(info/refs|git-upload-pack|git-receive-pack)$"));
    const auto match = GitPath.match(QUrl::fromPercentEncoding(request.rawPath));
    const QString projectPath = match.captured(1);
    const bool push = match.captured(2) == QLatin1String("git-receive-pack")
        || request.queryValue(QStringLiteral("service")) == QLatin1String("git-receive-pack");

    auto unauthorized = [] {
        HttpResponse r = HttpResponse::text(401, "HTTP Basic: Access denied\n");
        r.setHeader("WWW-Authenticate", "Basic realm=\"GitLab\"");
        return r;
    };
    const QByteArray auth = request.header("authorization");
    if (!auth.startsWith("Basic ")) {
        finish(connection, request, unauthorized(), fault);
        return;
    }
    const QByteArray decoded = QByteArray::fromBase64(auth.mid(6).trimmed());
    const qsizetype colon = decoded.indexOf(':');
    const QString token = QString::fromUtf8(decoded.mid(colon + 1));

    QString repoPath;
    QString pathInfo;
    QString remoteUser;
    QHash<QString, QString> hookEnvironment;
    qint64 projectId = 0;
    qint64 userId = 0;
    {
        QMutexLocker lock(&m_shared.store.mutex());
        const EmulatorUser *user = colon > 0 ? m_shared.store.userByToken(token) : nullptr;
        if (!user) {
            finish(connection, request, unauthorized(), fault);
            return;
        }
        EmulatorProject *project = m_shared.store.projectByPath(projectPath);
        const int level = project ? m_shared.store.accessLevel(*user, *project) : 0;
        if (!project || level < int(AccessLevel::Reporter)) {
            finish(connection, request,
                   HttpResponse::text(404, "The project you were looking for could not be found.\n"), fault);
            return;
        }
        if (push && level < int(AccessLevel::Developer)) {
            finish(connection, request, HttpResponse::text(403, "You are not allowed to push code to this project.\n"),
                   fault);
            return;
        }
        repoPath = m_shared.store.repositoryPath(*project);
        if (push) {
            // What lib/gitlab/checks/branch_check.rb decides, handed to the
            // repository's pre-receive hook (EmulatorRepository::create): one
            // "<pattern> <may push> <may force push>" line per protected branch.
            const bool empty = EmulatorRepository(repoPath).branches().isEmpty();
            QList<EmulatorProtectedBranch> rules = project->protectedBranches;
            if (empty && m_shared.store.protectionFor(*project, project->defaultBranch).isEmpty())
                rules.append(m_shared.store.protectionFor(*project, project->defaultBranch, true));
            QStringList lines;
            for (const EmulatorProtectedBranch &rule : std::as_const(rules)) {
                const bool mayPush = rule.pushAccessLevel > 0 && (user->admin || level >= rule.pushAccessLevel);
                lines.append(
                    QStringLiteral("%1 %2 %3").arg(rule.name).arg(mayPush ? 1 : 0).arg(rule.allowForcePush ? 1 : 0));
            }
            hookEnvironment.insert(QStringLiteral("DOCKMASTER_BRANCH_RULES"), lines.join(QLatin1Char('\n')));
            hookEnvironment.insert(QStringLiteral("DOCKMASTER_DEFAULT_BRANCH"), project->defaultBranch);
        }
        pathInfo
            = QLatin1Char('/') + m_shared.store.projectFullPath(*project) + QStringLiteral(".git/") + match.captured(2);
        remoteUser = user->username;
        projectId = project->id;
        userId = user->id;
    }
    const bool receive = request.method == "POST" && match.captured(2) == QLatin1String("git-receive-pack");
    QHash<QString, QString> before;
    if (receive)
        before = EmulatorRepository(repoPath).branches();
    m_git->handle(
        request, pathInfo, remoteUser, hookEnvironment,
        [this, connection, request, fault, receive, before, repoPath, projectId, userId](const HttpResponse &r) {
            finish(connection, request, r, fault);
            if (!receive || !m_pipelines)
                return;
            const QHash<QString, QString> after = EmulatorRepository(repoPath).branches();
            {
                QMutexLocker lock(&m_shared.store.mutex());
                if (EmulatorProject *p = m_shared.store.project(projectId)) {
                    if (after != before) {
                        m_shared.store.recordActivity(*p);
                        // The first push of the default branch protects it.
                        if (!before.contains(p->defaultBranch) && after.contains(p->defaultBranch))
                            m_shared.store.protectDefaultBranch(*p);
                    }
                }
            }
            // Only the refs this push updated, as its report-status says: a
            // concurrent push that was rejected sees the winner's ref move in
            // its before/after snapshots and must not start a second pipeline
            // (GitLab runs one per ref update, from the post-receive hook).
            const QSet<QString> accepted = acceptedBranches(r.body);
            for (auto it = after.cbegin(); it != after.cend(); ++it) {
                if (before.value(it.key()) != it.value() && accepted.contains(it.key()))
                    m_pipelines->branchMoved(projectId, it.key(), before.value(it.key()), it.value(), userId);
            }
        });
}

void EmulatorServer::finish(QPointer<HttpConnection> connection, const HttpRequest &request, HttpResponse response,
                            const std::optional<EmulatorFault> &fault)
{
    if (fault)
        fault->reshapeAnswer(request, response);
    if (response.delivery != HttpResponse::Delivery::Dropped) {
        addRateLimitHeaders(response);
        QDateTime now;
        {
            QMutexLocker lock(&m_shared.store.mutex());
            now = m_shared.store.now();
        }
        response.setHeader("Date",
                           QLocale::c().toString(now, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1());
    }
    m_shared.log.append(EmulatorRequestLogEntry {
        QString::fromLatin1(request.method), QString::fromUtf8(request.rawPath), QString::fromUtf8(request.rawQuery),
        response.delivery == HttpResponse::Delivery::Dropped ? 0 : response.status, QDateTime::currentDateTimeUtc() });
    // A GraphQL query is a POST that reads (the emulator has no mutations).
    if (request.method != "GET" && request.method != "HEAD" && request.rawPath != "/api/graphql")
        saveSoon();
    if (connection)
        connection->respond(response);
}

// The state file is written at most every 200 ms while writes come in, and
// when the emulator stops (GitLabEmulator::stop). Writing the whole store on
// every write cost 40-60 ms each under ASan, half of a provisioning run. What
// the file is for, an emulator started again on the same folder, comes after
// a stop. Only a crash of the process that hosts the emulator (the sandbox's
// console) can lose the last 200 ms: the console's own journal is written
// before each request, and its recovery asks GitLab again.
void EmulatorServer::saveSoon()
{
    if (!m_saveTimer) {
        m_saveTimer = new QTimer(this);
        m_saveTimer->setSingleShot(true);
        m_saveTimer->setInterval(200);
        connect(m_saveTimer, &QTimer::timeout, this, [this] { m_shared.saveState(); });
    }
    if (!m_saveTimer->isActive())
        m_saveTimer->start();
}

bool EmulatorServer::overRateLimit()
{
    const qint64 window = QDateTime::currentSecsSinceEpoch() / m_shared.rateLimitPeriodSeconds.load();
    if (window != m_windowStart) {
        m_windowStart = window;
        m_windowCount = 0;
    }
    ++m_windowCount;
    return m_shared.enforceRateLimit.load() && m_windowCount > m_shared.rateLimit.load();
}

void EmulatorServer::addRateLimitHeaders(HttpResponse &response)
{
    // Only a throttle that is on reports itself, and only on the answers
    // GitLab adds them to: its 429s, and every answer with the feature flag.
    if (!m_shared.enforceRateLimit.load() || (response.status != 429 && !m_shared.rateLimitHeadersOnEveryAnswer.load()))
        return;
    const int limit = m_shared.rateLimit.load();
    const int period = m_shared.rateLimitPeriodSeconds.load();
    response.setHeader("RateLimit-Name", "throttle_authenticated_api");
    // Rack::Attack's limit per period, reported per minute (rack_attack.rb: rounded_limit).
    response.setHeader("RateLimit-Limit", QByteArray::number((qint64(limit) * 60 + period - 1) / period));
    response.setHeader("RateLimit-Observed", QByteArray::number(m_windowCount));
    response.setHeader("RateLimit-Remaining", QByteArray::number(qMax(0, limit - m_windowCount)));
    response.setHeader("RateLimit-Reset", QByteArray::number((m_windowStart + 1) * period));
}

} // namespace Dockmaster
