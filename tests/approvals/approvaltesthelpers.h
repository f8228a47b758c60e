#pragma once

#include "core/approvals/pipelinefollower.h"
#include "core/approvals/releaseapprover.h"
#include "core/approvals/releasegitlab.h"
#include "core/approvals/releasetrailers.h"
#include "core/approvals/rollbackpreflight.h"
#include "core/git/gitlibrary.h"
#include "core/git/gitworkspace.h"
#include "core/gitlab/gitlabclient.h"
#include "sandbox/emulator/gitlabemulator.h"
#include "sandbox/emulator/sandboxseeder.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

namespace Dockmaster::Test {

inline QString codeProject(const ReleaseRequest &request)
{
    return QStringLiteral("plugins/apps/") + request.appId;
}

inline QString opsProject(const ReleaseRequest &request)
{
    return QStringLiteral("plugins/ops/") + request.appId;
}

// Runs one typed client call and waits (event loop spinning) for its result.
template<typename T, typename Start> GitLabResult<T> waitCall(Start start, int timeoutMs = 20000)
{
    std::optional<GitLabResult<T>> out;
    start([&out](GitLabResult<T> result) { out = std::move(result); });
    (void)QTest::qWaitFor([&out] { return out.has_value(); }, timeoutMs);
    if (!out) {
        GitLabResult<T> timedOut;
        timedOut.error.kind = GitLabError::Kind::Timeout;
        timedOut.error.message = QStringLiteral("test timed out");
        return timedOut;
    }
    return *out;
}

// Runs one GitWorkspace call and waits (event loop spinning) for its result.
template<typename T, typename Start> GitResult<T> waitGit(Start start, int timeoutMs = 20000)
{
    QObject context;
    std::optional<GitResult<T>> out;
    start(&context, GitWorkspace::Callback<T>([&out](GitResult<T> result) { out = std::move(result); }));
    (void)QTest::qWaitFor([&out] { return out.has_value(); }, timeoutMs);
    if (!out) {
        GitResult<T> timedOut;
        timedOut.failed = true;
        timedOut.error = QStringLiteral("test timed out");
        return timedOut;
    }
    return *out;
}

// Keeps every outcome of one approver by id, so a test waits for exactly its own call.
class OutcomeRecorder final
{
public:
    explicit OutcomeRecorder(ReleaseApprover *approver)
    {
        QObject::connect(approver, &ReleaseApprover::finished, &m_context,
                         [this](quint64 id, const ReleaseOutcome &outcome) { m_outcomes[id].append(outcome); });
        QObject::connect(approver, &ReleaseApprover::recoveryFinished, &m_context,
                         [this](quint64 id, int completed, const QString &problems) {
                             m_recoveries.insert(id, { completed, problems });
                         });
        QObject::connect(approver, &ReleaseApprover::auditEntry, &m_context,
                         [this](const AuditEntry &entry) { audit.append(entry); });
    }

    ReleaseOutcome wait(quint64 id, int timeoutMs = 20000)
    {
        if (!QTest::qWaitFor([&] { return !m_outcomes.value(id).isEmpty(); }, timeoutMs)) {
            ReleaseOutcome timedOut;
            timedOut.message = QStringLiteral("timed out");
            return timedOut;
        }
        return m_outcomes[id].takeFirst();
    }

    std::optional<std::pair<int, QString>> waitRecovery(quint64 id, int timeoutMs = 20000)
    {
        if (!QTest::qWaitFor([&] { return m_recoveries.contains(id); }, timeoutMs))
            return std::nullopt;
        return m_recoveries.take(id);
    }

    QList<ReleaseOutcome> outcomesOf(quint64 id) const { return m_outcomes.value(id); }

    QList<AuditEntry> audit;

private:
    QObject m_context;
    QHash<quint64, QList<ReleaseOutcome>> m_outcomes;
    QHash<quint64, std::pair<int, QString>> m_recoveries;
};

// A seeded emulator (real git over smart HTTP, pipelines on fast timers) and
// what the approval tests need to look at it from outside Dockmaster's code.
class ApprovalFixture
{
public:
    GitLibrary library;
    QTemporaryDir dataDir;
    std::unique_ptr<GitLabEmulator> emulator;
    SandboxSeedResult seed;

    bool start(int apps = 6)
    {
        if (!dataDir.isValid())
            return false;
        emulator = std::make_unique<GitLabEmulator>(dataDir.path());
        SandboxSeedOptions options;
        options.appCount = apps;
        seed = SandboxSeeder(*emulator).seed(options);
        if (!emulator->start())
            return false;
        emulator->setPipelineStepMs(20);
        return true;
    }

    std::unique_ptr<GitLabClient> client(const QString &token) const
    {
        auto client = std::make_unique<GitLabClient>();
        client->setBaseUrl(emulator->baseUrl());
        client->setToken(token);
        GitLabClientOptions options;
        options.baseBackoffMs = 50;
        options.transferTimeoutMs = 10000;
        client->setOptions(options);
        return client;
    }

    static ApprovalOptions options(const QString &cacheRoot)
    {
        ApprovalOptions options;
        options.cacheRoot = cacheRoot;
        options.pipelineLookupDelayMs = 40;
        return options;
    }

    static PipelineFollowOptions followOptions()
    {
        PipelineFollowOptions options;
        options.initialPollMs = 20;
        options.maxPollMs = 150;
        options.findTimeoutMs = 10000;
        return options;
    }

    QString developerToken(int appIndex) const
    {
        return seed.developers.at(appIndex % seed.developers.size()).username + QStringLiteral("-token");
    }

    QString bareRepository(const QString &projectPath)
    {
        qint64 id = 0;
        {
            QMutexLocker lock(&emulator->store().mutex());
            if (EmulatorProject *project = emulator->store().projectByPath(projectPath))
                id = project->id;
        }
        return id ? emulator->repositoryPath(id) : QString();
    }

    // git against a bare repository of the emulator (read-only checks).
    QByteArray git(const QString &projectPath, const QStringList &args)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::SeparateChannels);
        process.start(QStringLiteral("git"),
                      QStringList { QStringLiteral("--git-dir=") + bareRepository(projectPath) } + args);
        if (!process.waitForFinished(30000))
            return {};
        return process.readAllStandardOutput();
    }

    QString rev(const QString &projectPath, const QString &ref)
    {
        return QString::fromLatin1(git(projectPath, { QStringLiteral("rev-parse"), ref }).trimmed());
    }

    // Only the push step of an approval of request (to env/test, as approver
    // with token): the approval commit with its trailer, as a console that
    // died before its bookkeeping leaves it. Returns the commit, empty on failure.
    QString pushApprovalCommit(const ReleaseRequest &request, const QString &ref, const QString &approver,
                               const QString &token)
    {
        const QString code = QStringLiteral("plugins/apps/") + request.appId;
        const QString ops = QStringLiteral("plugins/ops/") + request.appId;
        const QString sha = rev(code, ref + QStringLiteral("^{commit}"));
        const QString key = ReleaseTrailers::requestKey(code, request.iid);
        QTemporaryDir cache;
        GitWorkspace workspace(cache.path());
        GitlinkMove move;
        move.target = sha;
        move.message
            = ReleaseTrailers::approvalMessage(key, QStringLiteral("test"), ref, sha, approver, request.requester);
        move.author = { approver, approver + QStringLiteral("@example.test") };
        move.guardLine = ReleaseTrailers::requestLine(key);
        const auto moved = waitGit<GitlinkMoveResult>([&](QObject *context, auto done) {
            workspace.moveGitlink(ReleaseGitLab::repositoryUrl(emulator->baseUrl(), ops), token,
                                  QStringLiteral("env/test"), move, context, done);
        });
        if (!moved.ok() || moved.value.rejection) {
            qWarning().noquote() << "pushing the approval commit failed:" << moved.error;
            return {};
        }
        return moved.value.commit;
    }

    // The commit the `codes` gitlink of branch points at.
    // A seeded tag of appId (the newest first) whose commit is not live on
    // `branch`, so deploying it really moves the pointer; empty if none.
    struct Version {
        QString tag;
        QString sha;
    };
    Version versionNotLiveOn(const QString &appId, const QString &branch)
    {
        const QString live = codesAt(QStringLiteral("plugins/ops/") + appId, branch);
        for (const QString &tag : { QStringLiteral("v1.1.0"), QStringLiteral("v1.0.0") }) {
            const QString sha = rev(QStringLiteral("plugins/apps/") + appId, tag + QStringLiteral("^{commit}"));
            if (!sha.isEmpty() && sha != live)
                return { tag, sha };
        }
        return {};
    }

    // A release request by app's developer for a version not live on test;
    // request.iid is 0 when none could be opened.
    struct OpenedRelease {
        ReleaseRequest request;
        Version version;
    };
    OpenedRelease openRequestForANewVersion(int app)
    {
        OpenedRelease opened;
        opened.version = versionNotLiveOn(seed.appIds.value(app), QStringLiteral("env/test"));
        if (!opened.version.tag.isEmpty())
            opened.request = openRequest(developerToken(app), app, Environment::Test, opened.version.tag);
        return opened;
    }

    QString codesAt(const QString &opsProject, const QString &branch)
    {
        const QByteArray line = git(opsProject, { QStringLiteral("ls-tree"), branch, QStringLiteral("codes") });
        // "160000 commit <sha>\tcodes"
        const QList<QByteArray> parts = line.split('\t').value(0).split(' ');
        if (parts.size() != 3 || parts.at(0) != "160000" || parts.at(1) != "commit")
            return {};
        return QString::fromLatin1(parts.at(2));
    }

    // Commits of branch whose message has the exact line `line`.
    QStringList commitsWithLine(const QString &opsProject, const QString &branch, const QString &line)
    {
        const QByteArray log
            = git(opsProject, { QStringLiteral("log"), QStringLiteral("--format=%H%x01%B%x02"), branch });
        QStringList found;
        const QList<QByteArray> entries = log.split('\x02');
        for (const QByteArray &entry : entries) {
            const QList<QByteArray> parts = entry.trimmed().split('\x01');
            if (parts.size() != 2)
                continue;
            const QStringList lines = QString::fromUtf8(parts.at(1)).split(QLatin1Char('\n'));
            if (lines.contains(line))
                found.append(QString::fromLatin1(parts.at(0)));
        }
        return found;
    }

    int commitCount(const QString &opsProject, const QString &branch)
    {
        return git(opsProject, { QStringLiteral("rev-list"), QStringLiteral("--count"), branch }).trimmed().toInt();
    }

    // A release request as a developer opens it from the template.
    ReleaseRequest openRequest(const QString &authorToken, int appIndex, Environment environment, const QString &ref)
    {
        auto author = client(authorToken);
        const QString appId = seed.appIds.at(appIndex);
        const QString codeProject = QStringLiteral("plugins/apps/") + appId;
        GitLabRequest request;
        request.method = QByteArrayLiteral("POST");
        request.path = GitLabClient::projectPath(codeProject) + QStringLiteral("/issues");
        request.body
            = QJsonDocument(
                  QJsonObject {
                      { QStringLiteral("title"),
                        QStringLiteral("Release %1 to %2").arg(ref, environmentKey(environment)) },
                      { QStringLiteral("description"),
                        QStringLiteral("## Release request\n\nRef: %1\nEnvironment: %2\n")
                            .arg(ref, environmentKey(environment)) },
                      { QStringLiteral("labels"),
                        QStringLiteral("release-request,env::%1,release::pending").arg(environmentKey(environment)) },
                  })
                  .toJson(QJsonDocument::Compact);
        std::optional<GitLabResponse> response;
        author->send(request, nullptr, [&response](const GitLabResponse &r) { response = r; });
        (void)QTest::qWaitFor([&] { return response.has_value(); }, 20000);
        ReleaseRequest out;
        if (!response || !response->error.isOk())
            return out;
        const QJsonObject object = QJsonDocument::fromJson(response->body).object();
        out.projectId = object.value(QStringLiteral("project_id")).toInteger();
        out.iid = object.value(QStringLiteral("iid")).toInteger();
        out.appId = appId;
        out.environment = environment;
        out.requestedRef = ref;
        out.requester = object.value(QStringLiteral("author")).toObject().value(QStringLiteral("username")).toString();
        out.state = ReleaseState::Pending;
        return out;
    }

    // A developer's push to branch of the request's code repository (one new file).
    bool pushFile(const QString &token, const ReleaseRequest &request, const QString &branch, const QString &path,
                  const QString &content)
    {
        GitLabRequest push;
        push.method = QByteArrayLiteral("POST");
        push.path = GitLabClient::projectPath(codeProject(request)) + QStringLiteral("/repository/commits");
        push.body
            = QJsonDocument(
                  QJsonObject { { QStringLiteral("branch"), branch },
                                { QStringLiteral("commit_message"), QStringLiteral("Work in progress") },
                                { QStringLiteral("actions"),
                                  QJsonArray { QJsonObject { { QStringLiteral("action"), QStringLiteral("create") },
                                                             { QStringLiteral("file_path"), path },
                                                             { QStringLiteral("content"), content } } } } })
                  .toJson(QJsonDocument::Compact);
        auto developer = client(token);
        std::optional<GitLabResponse> response;
        developer->send(push, nullptr, [&](const GitLabResponse &r) { response = r; });
        if (!QTest::qWaitFor([&] { return response.has_value(); }, 20000))
            return false;
        if (!response->error.isOk())
            qWarning().noquote() << "push failed:" << response->error.message;
        return response->error.isOk();
    }

    GitLabIssue issue(const ReleaseRequest &request)
    {
        auto admin = client(emulator->adminToken());
        return waitCall<GitLabIssue>([&](auto done) {
                   return admin->issue(QStringLiteral("plugins/apps/") + request.appId, request.iid, nullptr, done);
               })
            .value;
    }

    QList<GitLabNote> notes(const ReleaseRequest &request)
    {
        auto admin = client(emulator->adminToken());
        return waitCall<QList<GitLabNote>>([&](auto done) {
                   return admin->issueNotes(QStringLiteral("plugins/apps/") + request.appId, request.iid, 0, nullptr,
                                            done);
               })
            .value;
    }

    int notesContaining(const ReleaseRequest &request, const QString &text)
    {
        const QList<GitLabNote> all = notes(request);
        return int(std::count_if(all.cbegin(), all.cend(), [&](const GitLabNote &n) { return n.body.contains(text); }));
    }

    // Comments on `commit` of `project` that carry the finished marker of a
    // tag deploy's or rollback's `operation`; -1 without the project.
    int finishedMarkers(const QString &project, const QString &commit, const QString &operation) const
    {
        const QString prefix = ReleaseTrailers::finishedMarkerPrefix(ReleaseTrailers::operationKey(operation), commit);
        QMutexLocker lock(&emulator->store().mutex());
        EmulatorProject *ops = emulator->store().projectByPath(project);
        if (!ops)
            return -1;
        const QList<EmulatorNote> notes = ops->commitNotes.value(commit);
        return int(std::count_if(notes.cbegin(), notes.cend(),
                                 [&](const EmulatorNote &note) { return note.body.contains(prefix); }));
    }

    QList<GitLabPipeline> pipelines(const QString &opsProject, const QString &ref)
    {
        auto admin = client(emulator->adminToken());
        GitLabClient::PipelineQuery query;
        query.ref = ref;
        return waitCall<QList<GitLabPipeline>>(
                   [&](auto done) { return admin->pipelines(opsProject, query, nullptr, done); })
            .value;
    }

    int pipelinesForSha(const QString &opsProject, const QString &ref, const QString &sha)
    {
        const QList<GitLabPipeline> all = pipelines(opsProject, ref);
        return int(std::count_if(all.cbegin(), all.cend(), [&](const GitLabPipeline &p) { return p.sha == sha; }));
    }

    // Waits until no pipeline of the project is still running (timers are fast).
    bool pipelinesSettle(const QString &opsProject, const QString &ref, int timeoutMs = 10000)
    {
        return QTest::qWaitFor(
            [&] {
                const QList<GitLabPipeline> all = pipelines(opsProject, ref);
                return std::none_of(all.cbegin(), all.cend(), [](const GitLabPipeline &p) {
                    return p.status == QLatin1String("created") || p.status == QLatin1String("running")
                        || p.status == QLatin1String("pending");
                });
            },
            timeoutMs);
    }
};

} // namespace Dockmaster::Test
