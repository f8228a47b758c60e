#include "sandbox/emulator/pipelinerunner.h"

#include "core/util/pooljob.h"
#include "sandbox/emulator/emulatorrepository.h"
#include "sandbox/emulator/emulatorshared.h"

#include <QPointer>
#include <QRegularExpression>
#include <QTimer>

#include <condition_variable>
#include <mutex>

namespace Dockmaster {

EmulatorDeployer localFolderDeployer()
{
    return [](const EmulatorDeployContext &context, const std::function<void(const QString &)> &log) {
        const QString target = context.dataDir + QStringLiteral("/hosts/") + context.environment + QLatin1Char('/')
            + context.projectPath;
        log(QStringLiteral("$ rsync codes/ conf/ -> %1").arg(target));
        EmulatorRepository repo(context.repositoryPath);
        QString error;
        if (!repo.isOpen() || !repo.exportTree(context.sha, target, &error))
            return EmulatorDeployResult { false, error.isEmpty() ? QStringLiteral("repository unavailable") : error };
        for (const EmulatorDeployContext::Submodule &submodule : context.submodules) {
            EmulatorRepository code(submodule.repositoryPath);
            if (!code.isOpen() || !code.exportTree(submodule.sha, target + QLatin1Char('/') + submodule.path, &error))
                return EmulatorDeployResult { false,
                                              error.isEmpty() ? QStringLiteral("submodule unavailable") : error };
        }
        log(QStringLiteral("$ docker compose up -d"));
        log(QStringLiteral("Deployed %1 to %2").arg(context.sha.left(8), context.environment));
        return EmulatorDeployResult { true, {} };
    };
}

PipelineRunner::PipelineRunner(GitLabEmulator::Shared &shared, GitLabEmulator *facade, QObject *parent)
    : QObject(parent)
    , m_shared(shared)
    , m_facade(facade)
    , m_replies(new ThreadMailbox(this))
    , m_deploys(std::make_shared<RunningDeploys>())
{
}

// The deploys on the pool: the runner waits for them before it goes (they append to its traces).
struct PipelineRunner::RunningDeploys {
    std::mutex mutex;
    std::condition_variable idle;
    int count = 0; // guarded by mutex

    void started()
    {
        const std::lock_guard lock(mutex);
        ++count;
    }
    void finished()
    {
        const std::lock_guard lock(mutex);
        if (--count == 0)
            idle.notify_all();
    }
    void waitForAll()
    {
        std::unique_lock lock(mutex);
        idle.wait(lock, [this] { return count == 0; });
    }
};

PipelineRunner::~PipelineRunner()
{
    m_deploys->waitForAll();
}

QString PipelineRunner::environmentForBranch(const QString &branch)
{
    if (branch == QLatin1String("env/test"))
        return QStringLiteral("test");
    if (branch == QLatin1String("env/production"))
        return QStringLiteral("production");
    return {};
}

qint64 PipelineRunner::branchMoved(qint64 projectId, const QString &branch, const QString &before, const QString &after,
                                   qint64 userId)
{
    const QString environment = environmentForBranch(branch);
    if (environment.isEmpty() || after.isEmpty() || after == before)
        return 0;
    QMutexLocker lock(&m_shared.store.mutex());
    EmulatorStore &store = m_shared.store;
    EmulatorProject *project = store.project(projectId);
    if (!project)
        return 0;
    const EmulatorGroup *group = store.group(project->namespaceId);
    if (!group || group->path != QLatin1String("ops") || group->parentId == 0)
        return 0;
    EmulatorPipeline &pipeline = store.addPipeline(projectId, branch, after, userId);
    pipeline.beforeSha = before.isEmpty() ? QString(40, QLatin1Char('0')) : before;
    pipeline.protectedRef = !store.protectionFor(*project, branch).isEmpty();
    EmulatorJob &job = store.addJob(pipeline.id, QStringLiteral("deploy"), QStringLiteral("deploy"), environment);
    job.trace = "Running with gitlab-runner (Dockmaster emulator)\n";
    store.addDeployment(projectId, environment, branch, after, userId, pipeline.id, job.id);
    // Pipelines and deployments create no Event: last_activity_at stays.
    const qint64 id = pipeline.id;
    lock.unlock();
    m_shared.saveState();
    Q_EMIT m_facade->pipelineStatusChanged(projectId, id, QStringLiteral("created"));
    QTimer::singleShot(m_shared.pipelineStepMs.load(), this, [this, id] {
        // No runner: the job waits in "pending" until one appears (GitLab
        // never fails a job for that; the stuck-job timeout is a day).
        if (!m_shared.runnerAvailable.load())
            setStatus(id, QStringLiteral("pending"));
        else
            start(id);
    });
    return id;
}

void PipelineRunner::startPending()
{
    QList<qint64> waiting;
    {
        QMutexLocker lock(&m_shared.store.mutex());
        for (const EmulatorPipeline &p : std::as_const(m_shared.store.pipelines)) {
            if (p.status == QLatin1String("pending"))
                waiting.append(p.id);
        }
    }
    for (qint64 id : std::as_const(waiting))
        QTimer::singleShot(m_shared.pipelineStepMs.load(), this, [this, id] { start(id); });
}

QString PipelineRunner::prepareJob(qint64 pipelineId, EmulatorDeployContext &context, QStringList &trace)
{
    EmulatorStore &store = m_shared.store;
    const EmulatorPipeline &pipeline = store.pipelines[pipelineId];
    const EmulatorProject *project = store.project(pipeline.projectId);
    if (!project)
        return QStringLiteral("project removed");

    // Project CI/CD variables: environment-scoped ones win over "*";
    // protected ones reach only pipelines of protected refs.
    for (const EmulatorVariable &v : project->variables) {
        if (v.isProtected && !pipeline.protectedRef)
            continue;
        const bool exact = v.environmentScope == context.environment;
        if (!exact && v.environmentScope != QLatin1String("*"))
            continue;
        if (!exact && context.variables.contains(v.key))
            continue;
        context.variables.insert(v.key, v.value);
    }

    // Getting source: GIT_SUBMODULE_STRATEGY clones each submodule over HTTPS
    // with the job token. Relative URLs resolve against the project's URL;
    // GitLab lets the token in only when this project is on the target's
    // inbound allowlist (Gitlab::GitAccess, auth_by_job_token_project_not_in_allowlist).
    EmulatorRepository repo(context.repositoryPath);
    const auto gitmodules = repo.file(context.sha, QStringLiteral(".gitmodules"));
    if (gitmodules) {
        QList<QPair<QString, QString>> entries; // path, url
        for (const QString &raw : QString::fromUtf8(gitmodules->content).split(QLatin1Char('\n'))) {
            const QString line = raw.trimmed();
            if (line.startsWith(QLatin1Char('[')))
                entries.append(QPair<QString, QString>());
            else if (!entries.isEmpty() && line.startsWith(QLatin1String("path")))
                entries.last().first = line.section(QLatin1Char('='), 1).trimmed();
            else if (!entries.isEmpty() && line.startsWith(QLatin1String("url")))
                entries.last().second = line.section(QLatin1Char('='), 1).trimmed();
        }
        const auto tree = repo.tree(context.sha, {}, true);
        if (!entries.isEmpty())
            trace.append(QStringLiteral("Updating/initializing submodules recursively with git depth set to 1..."));
        for (const auto &[path, url] : std::as_const(entries)) {
            QString sha;
            for (const auto &entry : tree.value_or(QList<EmulatorRepository::TreeEntry>())) {
                if (entry.path == path && entry.type == QLatin1String("commit"))
                    sha = entry.id;
            }
            if (path.isEmpty() || sha.isEmpty())
                continue;
            QStringList parts = context.projectPath.split(QLatin1Char('/'));
            QString rest = url;
            if (rest.startsWith(QLatin1String("../"))) {
                while (rest.startsWith(QLatin1String("../")) && !parts.isEmpty()) {
                    parts.removeLast();
                    rest = rest.mid(3);
                }
                parts.append(rest);
                rest = parts.join(QLatin1Char('/'));
            } else {
                rest = QUrl(url).path().mid(1);
            }
            if (rest.endsWith(QLatin1String(".git")))
                rest.chop(4);
            const QString shown = store.externalUrl.toString(QUrl::StripTrailingSlash) + QLatin1Char('/') + rest
                + QStringLiteral(".git");
            trace.append(QStringLiteral("Cloning into '/builds/%1/%2'...").arg(context.projectPath, path));
            const EmulatorProject *target = store.projectByPath(rest);
            if (!target) {
                trace.append(QStringLiteral("remote: The project you were looking for could not be found or you "
                                            "don't have permission to view it."));
                trace.append(QStringLiteral("fatal: repository '%1/' not found").arg(shown));
                return QStringLiteral("exit code 1");
            }
            if (target->id != project->id && !target->jobTokenAllowlist.contains(project->id)) {
                trace.append(QStringLiteral("remote: Authentication by CI/CD job token not allowed from %1 to %2.")
                                 .arg(project->path, target->path));
                trace.append(
                    QStringLiteral("fatal: unable to access '%1/': The requested URL returned error: 403").arg(shown));
                trace.append(QStringLiteral("fatal: clone of '%1' into submodule path '/builds/%2/%3' failed")
                                 .arg(shown, context.projectPath, path));
                return QStringLiteral("exit code 1");
            }
            const QString targetRepository = store.repositoryPath(*target);
            if (EmulatorRepository(targetRepository).resolve(sha).isEmpty()) {
                trace.append(QStringLiteral("fatal: remote error: upload-pack: not our ref %1").arg(sha));
                return QStringLiteral("exit code 1");
            }
            trace.append(QStringLiteral("Submodule path '%1': checked out '%2'").arg(path, sha));
            context.submodules.append({ path, targetRepository, sha });
        }
    }

    // before_script: `test -n "$VAR"` fails the job when a variable it needs
    // did not reach it (missing, or protected on an unprotected ref).
    const auto ci = repo.file(context.sha, QStringLiteral(".gitlab-ci.yml"));
    if (ci) {
        static const QRegularExpression required(QStringLiteral("test -n \"\\$([A-Za-z_][A-Za-z0-9_]*)\""));
        auto it = required.globalMatch(QString::fromUtf8(ci->content));
        while (it.hasNext()) {
            const QString key = it.next().captured(1);
            if (context.variables.value(key).isEmpty()) {
                trace.append(QStringLiteral("$ test -n \"$%1\"").arg(key));
                return QStringLiteral("exit code 1");
            }
        }
    }
    return {};
}

void PipelineRunner::setStatus(qint64 pipelineId, const QString &status)
{
    QMutexLocker lock(&m_shared.store.mutex());
    EmulatorStore &store = m_shared.store;
    auto it = store.pipelines.find(pipelineId);
    if (it == store.pipelines.end())
        return;
    const QDateTime now = store.now();
    const bool done = status == QLatin1String("success") || status == QLatin1String("failed");
    it->status = status;
    it->updatedAt = now;
    if (status == QLatin1String("running"))
        it->startedAt = now;
    if (done)
        it->finishedAt = now;
    for (qint64 jobId : std::as_const(it->jobIds)) {
        EmulatorJob &job = store.jobs[jobId];
        job.status = status;
        if (status == QLatin1String("running"))
            job.startedAt = now;
        if (done)
            job.finishedAt = now;
    }
    for (auto &d : store.deployments) {
        if (d.pipelineId == pipelineId) {
            d.status = status;
            d.updatedAt = now;
            if (EmulatorProject *p = store.project(d.projectId)) {
                for (auto &e : p->environments) {
                    if (e.id == d.environmentId)
                        e.updatedAt = now;
                }
            }
        }
    }
    const qint64 projectId = it->projectId;
    lock.unlock();
    m_shared.saveState();
    Q_EMIT m_facade->pipelineStatusChanged(projectId, pipelineId, status);
}

void PipelineRunner::appendTrace(qint64 jobId, const QString &line)
{
    QMutexLocker lock(&m_shared.store.mutex());
    auto it = m_shared.store.jobs.find(jobId);
    if (it != m_shared.store.jobs.end())
        it->trace += line.toUtf8() + '\n';
}

void PipelineRunner::start(qint64 pipelineId)
{
    setStatus(pipelineId, QStringLiteral("running"));
    qint64 jobId = 0;
    {
        QMutexLocker lock(&m_shared.store.mutex());
        const auto it = m_shared.store.pipelines.constFind(pipelineId);
        if (it == m_shared.store.pipelines.cend() || it->jobIds.isEmpty())
            return;
        jobId = it->jobIds.first();
    }
    appendTrace(jobId, QStringLiteral("Preparing the \"shell\" executor"));
    appendTrace(jobId, QStringLiteral("Getting source from Git repository"));
    QTimer::singleShot(m_shared.pipelineStepMs.load(), this, [this, pipelineId] { runDeploy(pipelineId); });
}

void PipelineRunner::runDeploy(qint64 pipelineId)
{
    EmulatorDeployContext context;
    {
        QMutexLocker lock(&m_shared.store.mutex());
        EmulatorStore &store = m_shared.store;
        const auto it = store.pipelines.constFind(pipelineId);
        if (it == store.pipelines.cend() || it->jobIds.isEmpty())
            return;
        const EmulatorProject *project = store.project(it->projectId);
        const EmulatorJob &job = store.jobs[it->jobIds.first()];
        const EmulatorUser *user = store.user(it->userId);
        context.dataDir = store.dataDir();
        context.repositoryPath = store.repositoryPath(*project);
        context.projectPath = store.projectFullPath(*project);
        context.environment = job.environment;
        context.ref = it->ref;
        context.sha = it->sha;
        context.username = user ? user->username : QString();
        context.projectId = it->projectId;
        context.pipelineId = pipelineId;
        context.jobId = job.id;
    }
    EmulatorDeployer deployer;
    bool fail = false;
    QString failMessage;
    {
        QMutexLocker lock(&m_shared.deployMutex);
        deployer = m_shared.deployer ? m_shared.deployer : localFolderDeployer();
        fail = m_shared.failNext;
        failMessage = m_shared.failNextMessage;
        m_shared.failNext = false;
    }
    const qint64 jobId = context.jobId;
    QStringList prepared;
    QString prepareError;
    {
        QMutexLocker lock(&m_shared.store.mutex());
        prepareError = prepareJob(pipelineId, context, prepared);
    }
    for (const QString &line : std::as_const(prepared))
        appendTrace(jobId, line);
    if (!prepareError.isEmpty()) {
        finish(pipelineId, EmulatorDeployResult { false, prepareError });
        return;
    }
    appendTrace(jobId, QStringLiteral("$ deploy %1 at %2").arg(context.ref, context.sha));
    auto result = std::make_shared<EmulatorDeployResult>();
    m_deploys->started();
    PoolJob::start([this, context, deployer, fail, failMessage, result, pipelineId, replies = m_replies->address(),
                    deploys = m_deploys] {
        if (fail)
            *result = EmulatorDeployResult { false, failMessage };
        else
            *result = deployer(context, [this, id = context.jobId](const QString &line) { appendTrace(id, line); });
        replies->post([this, pipelineId, result] { finish(pipelineId, *result); });
        deploys->finished();
    });
}

void PipelineRunner::finish(qint64 pipelineId, const EmulatorDeployResult &result)
{
    qint64 jobId = 0;
    {
        QMutexLocker lock(&m_shared.store.mutex());
        const auto it = m_shared.store.pipelines.constFind(pipelineId);
        if (it == m_shared.store.pipelines.cend() || it->jobIds.isEmpty())
            return;
        jobId = it->jobIds.first();
    }
    if (result.success) {
        appendTrace(jobId, QStringLiteral("Job succeeded"));
        setStatus(pipelineId, QStringLiteral("success"));
    } else {
        appendTrace(jobId, QStringLiteral("ERROR: Job failed: %1").arg(result.message));
        setStatus(pipelineId, QStringLiteral("failed"));
    }
}

} // namespace Dockmaster
