#pragma once

#include "core/approvals/approvaltypes.h"
#include "core/gitlab/gitlabclient.h"
#include "core/gitlab/gitlabtypes.h"
#include "core/util/latestonly.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

namespace Dockmaster {

class CacheService;

struct PipelineFollowOptions {
    int initialPollMs = 500;
    int maxPollMs = 10000;
    double backoff = 1.6;         // the delay grows while nothing changes, and resets when something does
    int findTimeoutMs = 300000;   // how long to wait for GitLab to create the pipeline
    int maxConsecutiveErrors = 6; // then following stops (finished with status "unknown")
    int logTailLines = 40;        // of the failing job, in the failure comment
    // GitLab leaves a job "pending" forever when no runner takes it; after this
    // long (and then every minute) the follower says so.
    int noRunnerWarningMs = 120000;
};

// What to follow, and the release request to update when it ends.
struct PipelineFollowTarget {
    QString opsProject; // "plugins/ops/app0000042"
    QString commit;     // repo AA commit whose pipeline deploys it
    QString appId;
    Environment environment = Environment::Test;
    QString targetSha;   // repo A commit being deployed (for the comment)
    QString codeProject; // "plugins/apps/app0000042"; with iid > 0 the request gets labels and a comment
    qint64 iid = 0;
    QString actor; // for the audit entry
    // A tag deploy or rollback (no request): its result is recorded in a
    // comment on the commit, whose marker names this operation.
    QString operationId;
};

// Follows the pipeline GitLab runs for one pushed commit: finds it (polling
// pipelines?sha= with backoff), reports its status, streams the job logs
// (the REST trace has no offsets: only bytes beyond what was already seen are
// emitted), and at the end records the result on the release request:
// success -> comment, release::deployed, closed; failure -> release::failed
// and a comment with the failing job's log tail. A tag deploy or rollback
// gets that comment on its commit instead (once, whoever follows it), and its
// audit entry then has the origin finishedOrigin(operation).
class PipelineFollower final : public QObject
{
    Q_OBJECT
public:
    explicit PipelineFollower(GitLabClient *client, QObject *parent = nullptr);
    ~PipelineFollower() override;

    void setOptions(const PipelineFollowOptions &options) { m_options = options; }
    // Runs `then` (unless `context` goes first) once the audit rows emitted so
    // far are on disk: a request is closed only after its result's row is in
    // the journal, since nobody comes back to a closed one. Unset: no wait.
    using JournalBarrier = std::function<void(QObject *context, std::function<void()> then)>;
    void setJournalBarrier(JournalBarrier barrier) { m_journalBarrier = std::move(barrier); }
    // The barrier of the profile journal `store` writes the rows to.
    static JournalBarrier journalBarrier(CacheService *store);
    void follow(const PipelineFollowTarget &target);
    void stop();
    bool isActive() const { return m_active; }
    // The audit origin of the recorded result of a tag deploy or rollback.
    static QString finishedOrigin(const QString &operationId);
    // The audit origin of the recorded result of a release request's
    // deployment commit: written before the request is closed, once per journal.
    static QString requestFinishedOrigin(const QString &requestKey, const QString &commit);
    qint64 pipelineId() const { return m_pipeline.id; }
    QString status() const { return m_pipeline.status; }

Q_SIGNALS:
    void pipelineFound(qint64 pipelineId, const QString &webUrl);
    void statusChanged(const QString &status);
    void traceAppended(qint64 jobId, const QString &jobName, const QByteArray &chunk);
    // status: success, failed, canceled, skipped, or "unknown" when it could not be followed.
    void finished(const QString &status, const QString &message);
    // The pipeline is still waiting for a runner (a sentence for people).
    void waitingForRunner(const QString &message);
    void auditEntry(const Dockmaster::AuditEntry &entry);

private:
    void findPipeline();
    void poll();
    void noteWaiting();
    void fetchTraces(const QList<GitLabJob> &jobs, bool final);
    template<typename T>
    std::function<void(GitLabResult<T>)> answer(bool changed, void (PipelineFollower::*retry)(),
                                                std::function<void(const T &)> next);
    void schedule(bool changed, void (PipelineFollower::*step)());
    bool noteError(const GitLabError &error);
    void complete();
    void recordOnRequest(const QString &status, const QString &message);
    void recordOnCommit(const QString &status, const QString &message);
    QString resultComment(const QString &status) const;
    // Stops following and says how it ended; end() also writes the audit row.
    void stop(const QString &status, const QString &message);
    void end(const QString &status, const QString &message, const QString &origin = {});
    AuditEntry resultEntry(const QString &message, const QString &origin) const;

    GitLabClient *m_client;
    PipelineFollowOptions m_options;
    JournalBarrier m_journalBarrier;
    PipelineFollowTarget m_target;
    QElapsedTimer m_since;
    QElapsedTimer m_pendingSince; // while the pipeline waits for a runner
    qint64 m_nextRunnerWarningMs = 0;
    int m_delayMs = 0;
    int m_errors = 0;
    bool m_active = false;
    LatestOnly m_follows; // drops answers that belong to an earlier follow()
    GitLabPipeline m_pipeline;
    QList<GitLabJob> m_jobs;
    QHash<qint64, QByteArray> m_traces;
};

} // namespace Dockmaster
