#include "core/approvals/pipelinefollower.h"

#include "core/approvals/releasegitlab.h"
#include "core/approvals/releasetrailers.h"
#include "core/domain/pipelinestatus.h"

#include <QTimer>

#include <algorithm>

namespace Dockmaster {

PipelineFollower::PipelineFollower(GitLabClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    qRegisterMetaType<AuditEntry>();
}

PipelineFollower::~PipelineFollower() = default;

void PipelineFollower::follow(const PipelineFollowTarget &target)
{
    ++m_generation;
    m_target = target;
    m_pipeline = {};
    m_jobs.clear();
    m_traces.clear();
    m_errors = 0;
    m_delayMs = m_options.initialPollMs;
    m_active = true;
    m_since.start();
    m_pendingSince.invalidate();
    if (!ReleaseTrailers::isFullSha(target.commit) || target.opsProject.isEmpty()) {
        QTimer::singleShot(0, this, [this, generation = m_generation] {
            if (generation == m_generation)
                end(QStringLiteral("unknown"), tr("There is no pushed commit to follow."));
        });
        return;
    }
    findPipeline();
}

void PipelineFollower::noteWaiting()
{
    const bool waiting = isWaitingForRunner(m_pipeline.status);
    if (!waiting) {
        m_pendingSince.invalidate();
        return;
    }
    if (!m_pendingSince.isValid()) {
        m_pendingSince.start();
        m_nextRunnerWarningMs = m_options.noRunnerWarningMs;
        return;
    }
    const qint64 waited = m_pendingSince.elapsed();
    if (waited < m_nextRunnerWarningMs)
        return;
    m_nextRunnerWarningMs = waited + 60000;
    const int minutes = int(std::max<qint64>(1, waited / 60000));
    Q_EMIT waitingForRunner(
        tr("No runner has picked up pipeline #%1 of %2 for %n minute(s). Check that a runner "
           "serves %3 (online, not paused, matching tags).",
           nullptr, minutes)
            .arg(m_pipeline.id)
            .arg(m_target.appId.isEmpty() ? m_target.opsProject : m_target.appId, m_target.opsProject));
}

void PipelineFollower::stop()
{
    ++m_generation;
    m_active = false;
}

void PipelineFollower::schedule(bool changed, void (PipelineFollower::*step)())
{
    m_delayMs = changed ? m_options.initialPollMs
                        : std::min(m_options.maxPollMs, int(std::max(1, m_delayMs) * m_options.backoff) + 1);
    QTimer::singleShot(m_delayMs, this, [this, step, generation = m_generation] {
        if (generation == m_generation && m_active)
            (this->*step)();
    });
}

bool PipelineFollower::noteError(const GitLabError &error)
{
    if (++m_errors <= m_options.maxConsecutiveErrors)
        return false;
    end(QStringLiteral("unknown"),
        tr("Stopped following the pipeline of %1: %2").arg(m_target.commit.left(12), error.message));
    return true;
}

void PipelineFollower::findPipeline()
{
    ReleaseGitLab::pipelinesForSha(m_client, m_target.opsProject, m_target.commit, this,
                                   [this, generation = m_generation](GitLabResult<QList<GitLabPipeline>> result) {
                                       if (generation != m_generation)
                                           return;
                                       if (!result.ok()) {
                                           if (!noteError(result.error))
                                               schedule(false, &PipelineFollower::findPipeline);
                                           return;
                                       }
                                       m_errors = 0;
                                       if (result.value.isEmpty()) {
                                           if (m_since.elapsed() > m_options.findTimeoutMs) {
                                               end(QStringLiteral("unknown"),
                                                   tr("GitLab started no pipeline for commit %1 of %2.")
                                                       .arg(m_target.commit.left(12), m_target.opsProject));
                                               return;
                                           }
                                           schedule(false, &PipelineFollower::findPipeline);
                                           return;
                                       }
                                       // Newest first: a retried pipeline of the same commit wins.
                                       m_pipeline = result.value.constFirst();
                                       Q_EMIT pipelineFound(m_pipeline.id, m_pipeline.webUrl);
                                       Q_EMIT statusChanged(m_pipeline.status);
                                       poll();
                                   });
}

void PipelineFollower::poll()
{
    m_client->pipeline(m_target.opsProject, m_pipeline.id, this,
                       [this, generation = m_generation](GitLabResult<GitLabPipeline> result) {
                           if (generation != m_generation)
                               return;
                           if (!result.ok()) {
                               if (!noteError(result.error))
                                   schedule(false, &PipelineFollower::poll);
                               return;
                           }
                           m_errors = 0;
                           const bool changed = result.value.status != m_pipeline.status;
                           m_pipeline = result.value;
                           if (changed)
                               Q_EMIT statusChanged(m_pipeline.status);
                           noteWaiting();
                           const bool final = isFinished(m_pipeline.status);
                           m_client->pipelineJobs(
                               m_target.opsProject, m_pipeline.id, this,
                               [this, generation, final, changed](GitLabResult<QList<GitLabJob>> jobs) {
                                   if (generation != m_generation)
                                       return;
                                   if (!jobs.ok()) {
                                       if (!noteError(jobs.error))
                                           schedule(changed, &PipelineFollower::poll);
                                       return;
                                   }
                                   m_jobs = jobs.value;
                                   QList<GitLabJob> withTrace;
                                   for (const GitLabJob &job : std::as_const(m_jobs)) {
                                       if (hasStarted(job.status))
                                           withTrace.append(job);
                                   }
                                   fetchTraces(withTrace, final);
                               });
                       });
}

void PipelineFollower::fetchTraces(QList<GitLabJob> jobs, bool final)
{
    if (jobs.isEmpty()) {
        if (final)
            complete();
        else
            schedule(false, &PipelineFollower::poll);
        return;
    }
    const GitLabJob job = jobs.takeFirst();
    m_client->jobTrace(
        m_target.opsProject, job.id, this,
        [this, job, jobs = std::move(jobs), final, generation = m_generation](GitLabResult<QByteArray> trace) mutable {
            if (generation != m_generation)
                return;
            if (trace.ok()) {
                QByteArray &seen = m_traces[job.id];
                if (trace.value.size() > seen.size() && trace.value.startsWith(seen)) {
                    Q_EMIT traceAppended(job.id, job.name, trace.value.mid(seen.size()));
                } else if (trace.value != seen) {
                    // Rewritten or shorter (erased, restarted): show it whole again.
                    Q_EMIT traceAppended(job.id, job.name, trace.value);
                }
                seen = trace.value;
            }
            fetchTraces(std::move(jobs), final);
        });
}

void PipelineFollower::complete()
{
    const QString status = m_pipeline.status;
    const QString env = environmentDisplayName(m_target.environment);
    QString message;
    if (status == enumKey(PipelineStatuses, PipelineStatus::Success)) {
        message = tr("Pipeline #%1 deployed %2 to %3 of %4.")
                      .arg(m_pipeline.id)
                      .arg(m_target.targetSha.isEmpty() ? m_target.commit.left(12) : m_target.targetSha.left(12), env,
                           m_target.appId);
    } else {
        message = tr("Pipeline #%1 for %2 of %3 ended as %4.").arg(m_pipeline.id).arg(env, m_target.appId, status);
    }
    if (m_target.iid > 0 && !m_target.codeProject.isEmpty())
        recordOnRequest(status, message);
    else
        end(status, message);
}

void PipelineFollower::recordOnRequest(const QString &status, const QString &message)
{
    const bool success = status == enumKey(PipelineStatuses, PipelineStatus::Success);
    const QString key = ReleaseTrailers::requestKey(m_target.codeProject, m_target.iid);
    const QString markerPrefix = ReleaseTrailers::finishedMarkerPrefix(key, m_target.commit);
    const QString env = environmentKey(m_target.environment);
    const QString pipelineLink = QStringLiteral("[#%1](%2)").arg(m_pipeline.id).arg(m_pipeline.webUrl);
    // GitLab content for developers and other consoles: not translated.
    QString body;
    if (success) {
        body = QStringLiteral("Deployed `%1` to %2: pipeline %3 succeeded.\n")
                   .arg(m_target.targetSha.isEmpty() ? m_target.commit : m_target.targetSha, env, pipelineLink);
    } else {
        const auto failedJob = std::find_if(m_jobs.cbegin(), m_jobs.cend(), [](const GitLabJob &job) {
            return job.status == enumKey(PipelineStatuses, PipelineStatus::Failed);
        });
        body = QStringLiteral("Deployment of `%1` to %2 failed: pipeline %3 ended as %4.\n")
                   .arg(m_target.targetSha.isEmpty() ? m_target.commit : m_target.targetSha, env, pipelineLink, status);
        if (failedJob != m_jobs.cend()) {
            body += QStringLiteral("\nLast %1 lines of job `%2`:\n\n").arg(m_options.logTailLines).arg(failedJob->name);
            body += ReleaseTrailers::logTailBlock(m_traces.value(failedJob->id), m_options.logTailLines);
            body += QLatin1Char('\n');
        }
    }
    body += QLatin1Char('\n') + ReleaseTrailers::finishedMarker(key, m_target.commit, status);

    const quint64 generation = m_generation;
    auto label = [this, success, status, message, generation] {
        GitLabClient::IssueUpdate update;
        update.addLabels = { success ? QStringLiteral("release::deployed") : QStringLiteral("release::failed") };
        update.removeLabels = { QStringLiteral("release::approved"), QStringLiteral("release::pending") };
        if (success)
            update.stateEvent = QStringLiteral("close");
        m_client->updateIssue(m_target.codeProject, m_target.iid, update, this,
                              [this, status, message, generation](GitLabResult<GitLabIssue> result) {
                                  if (generation != m_generation)
                                      return;
                                  if (!result.ok()) {
                                      end(status,
                                          message + QLatin1Char(' ')
                                              + tr("The request could not be labelled: %1").arg(result.error.message));
                                      return;
                                  }
                                  end(status, message);
                              });
    };
    // Look before posting: following the same pipeline twice (two consoles,
    // a restart) must not comment twice.
    m_client->issueNotes(
        m_target.codeProject, m_target.iid, 0, this,
        [this, body, markerPrefix, label, status, message, generation](GitLabResult<QList<GitLabNote>> notes) {
            if (generation != m_generation)
                return;
            if (!notes.ok()) {
                end(status,
                    message + QLatin1Char(' ') + tr("The request could not be updated: %1").arg(notes.error.message));
                return;
            }
            const bool present = std::any_of(notes.value.cbegin(), notes.value.cend(),
                                             [&](const GitLabNote &note) { return note.body.contains(markerPrefix); });
            if (present) {
                label();
                return;
            }
            m_client->createIssueNote(
                m_target.codeProject, m_target.iid, body, this,
                [this, label, status, message, generation](GitLabResult<GitLabNote> created) {
                    if (generation != m_generation)
                        return;
                    if (!created.ok()) {
                        end(status,
                            message + QLatin1Char(' ')
                                + tr("The request could not be commented: %1").arg(created.error.message));
                        return;
                    }
                    label();
                });
        });
}

void PipelineFollower::end(const QString &status, const QString &message)
{
    m_active = false;
    ++m_generation;
    Q_EMIT finished(status, message);
    AuditEntry entry;
    entry.at = QDateTime::currentDateTimeUtc();
    entry.actor = m_target.actor;
    entry.action = QStringLiteral("pipeline.finished");
    entry.appId = m_target.appId;
    entry.environment = environmentKey(m_target.environment);
    entry.detail = message;
    Q_EMIT auditEntry(entry);
}

} // namespace Dockmaster
