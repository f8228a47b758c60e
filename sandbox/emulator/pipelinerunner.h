#pragma once

#include "sandbox/emulator/gitlabemulator.h"

#include <QObject>

#include <memory>

namespace Dockmaster {

class ThreadMailbox;

// Plays GitLab CI for management repos: a push to env/test or env/production
// creates a pipeline with one deploy job and a deployment, and moves them
// through created -> running -> success/failed on timers, running the
// pluggable deploy step on a worker thread.
class PipelineRunner final : public QObject
{
    Q_OBJECT
public:
    PipelineRunner(GitLabEmulator::Shared &shared, GitLabEmulator *facade, QObject *parent = nullptr);
    ~PipelineRunner() override;

    // Call with the store unlocked or locked (recursive); returns the pipeline id or 0.
    qint64 branchMoved(qint64 projectId, const QString &branch, const QString &before, const QString &after,
                       qint64 userId);
    static QString environmentForBranch(const QString &branch);
    // Starts the pipelines that waited in "pending" for a runner.
    void startPending();

private:
    void start(qint64 pipelineId);
    void runDeploy(qint64 pipelineId);
    // What the runner does before the script: CI/CD variables, then the
    // submodules cloned with the job token. Store locked. Empty: fine.
    QString prepareJob(qint64 pipelineId, EmulatorDeployContext &context, QStringList &trace);
    void finish(qint64 pipelineId, const EmulatorDeployResult &result);
    void setStatus(qint64 pipelineId, const QString &status);
    void appendTrace(qint64 jobId, const QString &line);

    GitLabEmulator::Shared &m_shared;
    GitLabEmulator *m_facade;
    struct RunningDeploys;
    ThreadMailbox *m_replies;                  // child: a deploy's end comes back through it
    std::shared_ptr<RunningDeploys> m_deploys; // waited for by the destructor
};

} // namespace Dockmaster
