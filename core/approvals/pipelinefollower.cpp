#include "core/approvals/pipelinefollower.h"

#include "core/approvals/releasegitlab.h"
#include "core/approvals/releasetrailers.h"
#include "core/audit/auditentry.h"
#include "core/cache/cacheservice.h"
#include "core/domain/pipelinestatus.h"
#include "core/util/sequential.h"

#include <QPointer>
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
    m_follows.start();
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
        QTimer::singleShot(0, this, [this, run = m_follows.latest()] {
            if (m_follows.isLatest(run))
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
    m_follows.invalidate();
    m_active = false;
}

void PipelineFollower::schedule(bool changed, void (PipelineFollower::*step)())
{
    m_delayMs = changed ? m_options.initialPollMs
                        : std::min(m_options.maxPollMs, int(std::max(1, m_delayMs) * m_options.backoff) + 1);
    QTimer::singleShot(m_delayMs, this, [this, step, run = m_follows.latest()] {
        if (m_follows.isLatest(run) && m_active)
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

template<typename T>
std::function<void(GitLabResult<T>)> PipelineFollower::answer(bool changed, void (PipelineFollower::*retry)(),
                                                              std::function<void(const T &)> next)
{
    // Answers to an earlier follow() are dropped; an error is counted and the
    // step asked again later (noteError ends the follow when there are too many).
    return m_follows.guard(m_follows.latest(),
                           [this, changed, retry, next = std::move(next)](const GitLabResult<T> &result) {
                               if (!result.ok()) {
                                   if (!noteError(result.error))
                                       schedule(changed, retry);
                                   return;
                               }
                               next(result.value);
                           });
}

void PipelineFollower::findPipeline()
{
    ReleaseGitLab::pipelinesForSha(
        m_client, m_target.opsProject, m_target.commit, this,
        answer<QList<GitLabPipeline>>(false, &PipelineFollower::findPipeline,
                                      [this](const QList<GitLabPipeline> &pipelines) {
                                          m_errors = 0;
                                          if (pipelines.isEmpty()) {
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
                                          m_pipeline = pipelines.constFirst();
                                          Q_EMIT pipelineFound(m_pipeline.id, m_pipeline.webUrl);
                                          Q_EMIT statusChanged(m_pipeline.status);
                                          poll();
                                      }));
}

void PipelineFollower::poll()
{
    m_client->pipeline(m_target.opsProject, m_pipeline.id, this,
                       answer<GitLabPipeline>(false, &PipelineFollower::poll, [this](const GitLabPipeline &pipeline) {
                           m_errors = 0;
                           const bool changed = pipeline.status != m_pipeline.status;
                           m_pipeline = pipeline;
                           if (changed)
                               Q_EMIT statusChanged(m_pipeline.status);
                           noteWaiting();
                           const bool final = isFinished(m_pipeline.status);
                           m_client->pipelineJobs(m_target.opsProject, m_pipeline.id, this,
                                                  answer<QList<GitLabJob>>(changed, &PipelineFollower::poll,
                                                                           [this, final](const QList<GitLabJob> &jobs) {
                                                                               m_jobs = jobs;
                                                                               QList<GitLabJob> withTrace;
                                                                               for (const GitLabJob &job :
                                                                                    std::as_const(m_jobs)) {
                                                                                   if (hasStarted(job.status))
                                                                                       withTrace.append(job);
                                                                               }
                                                                               fetchTraces(withTrace, final);
                                                                           }));
                       }));
}

void PipelineFollower::fetchTraces(const QList<GitLabJob> &jobs, bool final)
{
    const LatestOnly::Job run = m_follows.latest();
    // One trace after another; a failed read just leaves that trace as it was.
    forEachSequential<GitLabJob>(
        this, jobs,
        [this, run](const GitLabJob &job, std::function<void()> next) {
            m_client->jobTrace(m_target.opsProject, job.id, this,
                               m_follows.guard(run, [this, job, next](const GitLabResult<QByteArray> &trace) {
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
                                   next();
                               }));
        },
        [this, final] {
            if (final)
                complete();
            else
                schedule(false, &PipelineFollower::poll);
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
    else if (!m_target.operationId.isEmpty())
        recordOnCommit(status, message);
    else
        end(status, message);
}

QString PipelineFollower::finishedOrigin(const QString &operationId)
{
    return ReleaseTrailers::operationKey(operationId) + QStringLiteral(":finished");
}

QString PipelineFollower::resultComment(const QString &status) const
{
    const QString env = environmentKey(m_target.environment);
    const QString pipelineLink = QStringLiteral("[#%1](%2)").arg(m_pipeline.id).arg(m_pipeline.webUrl);
    const QString deployed = m_target.targetSha.isEmpty() ? m_target.commit : m_target.targetSha;
    // GitLab content for developers and other consoles: not translated.
    if (status == enumKey(PipelineStatuses, PipelineStatus::Success))
        return QStringLiteral("Deployed `%1` to %2: pipeline %3 succeeded.\n").arg(deployed, env, pipelineLink);
    QString body = QStringLiteral("Deployment of `%1` to %2 failed: pipeline %3 ended as %4.\n")
                       .arg(deployed, env, pipelineLink, status);
    const auto failedJob = std::find_if(m_jobs.cbegin(), m_jobs.cend(), [](const GitLabJob &job) {
        return job.status == enumKey(PipelineStatuses, PipelineStatus::Failed);
    });
    if (failedJob != m_jobs.cend()) {
        body += QStringLiteral("\nLast %1 lines of job `%2`:\n\n").arg(m_options.logTailLines).arg(failedJob->name);
        body += ReleaseTrailers::logTailBlock(m_traces.value(failedJob->id), m_options.logTailLines);
        body += QLatin1Char('\n');
    }
    return body;
}

void PipelineFollower::recordOnCommit(const QString &status, const QString &message)
{
    const QString key = ReleaseTrailers::operationKey(m_target.operationId);
    const QString body
        = resultComment(status) + QLatin1Char('\n') + ReleaseTrailers::finishedMarker(key, m_target.commit, status);
    const LatestOnly::Job run = m_follows.latest();
    // Whoever follows it (this console, after a restart, another one), the
    // result is commented once; only then is it recorded as finished.
    ReleaseGitLab::postCommitNoteOnce(
        m_client, m_target.opsProject, m_target.commit, ReleaseTrailers::finishedMarkerPrefix(key, m_target.commit),
        body, this,
        m_follows.guard(run,
                        [this, status, message](const GitLabError &error, ReleaseGitLab::NoteStep) {
                            if (error.isOk()) {
                                end(status, message, finishedOrigin(m_target.operationId));
                                return;
                            }
                            end(status,
                                message + QLatin1Char(' ')
                                    + tr("The result could not be recorded on commit %1: %2")
                                          .arg(m_target.commit.left(12), error.message));
                        }),
        [this, run] { return m_follows.isLatest(run); });
}

void PipelineFollower::recordOnRequest(const QString &status, const QString &message)
{
    const bool success = status == enumKey(PipelineStatuses, PipelineStatus::Success);
    const QString key = ReleaseTrailers::requestKey(m_target.codeProject, m_target.iid);
    const QString markerPrefix = ReleaseTrailers::finishedMarkerPrefix(key, m_target.commit);
    const QString body
        = resultComment(status) + QLatin1Char('\n') + ReleaseTrailers::finishedMarker(key, m_target.commit, status);

    const LatestOnly::Job run = m_follows.latest();
    auto label = [this, success, status, message, run] {
        GitLabClient::IssueUpdate update;
        update.addLabels = { success ? QStringLiteral("release::deployed") : QStringLiteral("release::failed") };
        update.removeLabels = { QStringLiteral("release::approved"), QStringLiteral("release::pending") };
        if (success)
            update.stateEvent = QStringLiteral("close");
        m_client->updateIssue(m_target.codeProject, m_target.iid, update, this,
                              [this, status, message, run](GitLabResult<GitLabIssue> result) {
                                  if (!m_follows.isLatest(run))
                                      return;
                                  // The result is in the journal already.
                                  if (!result.ok()) {
                                      stop(status,
                                           message + QLatin1Char(' ')
                                               + tr("The request could not be labelled: %1").arg(result.error.message));
                                      return;
                                  }
                                  stop(status, message);
                              });
    };
    // Look before posting: following the same pipeline twice (two consoles,
    // a restart) must not comment twice.
    ReleaseGitLab::postNoteOnce(
        m_client, m_target.codeProject, m_target.iid, markerPrefix, body, this,
        m_follows.guard(
            run,
            [this, label, status, message, key, run](const GitLabError &error, ReleaseGitLab::NoteStep step) {
                if (error.isOk()) {
                    // Into the journal before the request is closed: once it
                    // is, no console comes back to it, so a crash in between
                    // would lose the row. Recorded again by whoever follows
                    // it after such a crash; the origin keeps it to one row
                    // per journal.
                    Q_EMIT auditEntry(resultEntry(message, requestFinishedOrigin(key, m_target.commit)));
                    if (m_journalBarrier)
                        m_journalBarrier(this, [this, run, label] {
                            if (m_follows.isLatest(run))
                                label();
                        });
                    else
                        label();
                } else if (step == ReleaseGitLab::NoteStep::Reading) {
                    end(status,
                        message + QLatin1Char(' ') + tr("The request could not be updated: %1").arg(error.message));
                } else {
                    end(status,
                        message + QLatin1Char(' ') + tr("The request could not be commented: %1").arg(error.message));
                }
            }),
        [this, run] { return m_follows.isLatest(run); });
}

PipelineFollower::JournalBarrier PipelineFollower::journalBarrier(CacheService *store)
{
    return [store = QPointer<CacheService>(store)](QObject *context, std::function<void()> then) {
        if (!store) {
            then();
            return;
        }
        // Jobs on the cache thread run in order: this one runs after the writes queued before it.
        store->withJournal(context, [](JournalDatabase *) { }, std::move(then));
    };
}

QString PipelineFollower::requestFinishedOrigin(const QString &requestKey, const QString &commit)
{
    return requestKey + QLatin1Char(':') + commit + QStringLiteral(":finished");
}

void PipelineFollower::stop(const QString &status, const QString &message)
{
    m_active = false;
    m_follows.invalidate();
    Q_EMIT finished(status, message);
}

void PipelineFollower::end(const QString &status, const QString &message, const QString &origin)
{
    stop(status, message);
    Q_EMIT auditEntry(resultEntry(message, origin));
}

AuditEntry PipelineFollower::resultEntry(const QString &message, const QString &origin) const
{
    AuditEntry entry = stampedAuditEntry(m_target.actor, QStringLiteral("pipeline.finished"), m_target.appId,
                                         environmentKey(m_target.environment), message);
    entry.origin = origin;
    return entry;
}

} // namespace Dockmaster
