#include "emulator/pipelinerunner.h"

#include "emulator/emulatorrepository.h"
#include "emulator/emulatorshared.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QTimer>
#include <QtConcurrentRun>

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
        log(QStringLiteral("$ docker compose up -d"));
        log(QStringLiteral("Deployed %1 to %2").arg(context.sha.left(8), context.environment));
        return EmulatorDeployResult { true, {} };
    };
}

PipelineRunner::PipelineRunner(GitLabEmulator::Shared &shared, GitLabEmulator *facade, QObject *parent)
    : QObject(parent)
    , m_shared(shared)
    , m_facade(facade)
{
}

PipelineRunner::~PipelineRunner()
{
    for (QFuture<void> &f : m_running)
        f.waitForFinished();
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
    EmulatorJob &job = store.addJob(pipeline.id, QStringLiteral("deploy"), QStringLiteral("deploy"), environment);
    job.trace = "Running with gitlab-runner (Dockmaster emulator)\n";
    store.addDeployment(projectId, environment, branch, after, userId, pipeline.id, job.id);
    project->lastActivityAt = store.now();
    project->updatedAt = project->lastActivityAt;
    const qint64 id = pipeline.id;
    lock.unlock();
    Q_EMIT m_facade->pipelineStatusChanged(projectId, id, QStringLiteral("created"));
    QTimer::singleShot(m_shared.pipelineStepMs.load(), this, [this, id] { start(id); });
    return id;
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
    if (EmulatorProject *p = store.project(projectId)) {
        p->lastActivityAt = now;
        p->updatedAt = now;
    }
    lock.unlock();
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
    appendTrace(jobId, QStringLiteral("$ deploy %1 at %2").arg(context.ref, context.sha));
    auto result = std::make_shared<EmulatorDeployResult>();
    QPointer<PipelineRunner> self(this);
    QFuture<void> future = QtConcurrent::run([this, context, deployer, fail, failMessage, result] {
        if (fail) {
            *result = EmulatorDeployResult { false, failMessage };
            return;
        }
        *result = deployer(context, [this, id = context.jobId](const QString &line) { appendTrace(id, line); });
    });
    m_running.append(future);
    auto *watcher = new QFutureWatcher<void>(this);
    connect(watcher, &QFutureWatcher<void>::finished, this, [this, watcher, pipelineId, result] {
        watcher->deleteLater();
        m_running.removeIf([](const QFuture<void> &f) { return f.isFinished(); });
        finish(pipelineId, *result);
    });
    watcher->setFuture(future);
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
