#pragma once

#include "core/approvals/approvaltypes.h"
#include "core/gitlab/gitlabtypes.h"

#include <QObject>

#include <functional>

namespace Dockmaster {

class GitLabClient;
class GitWorkspace;
struct GitLabError;

// What a release job gets from its ReleaseApprover when it starts.
struct ReleaseJobSetup {
    quint64 id = 0;
    GitLabClient *client = nullptr;
    GitWorkspace *workspace = nullptr;
    ApprovalOptions options;
    QString commitEmail;
    bool online = true;
    std::function<void(quint64 id, const QString &step)> progress;
    // Every outcome goes out through the approver (finished() and the audit log).
    std::function<void(quint64 id, const ReleaseOutcome &outcome)> finished;
    // Tag deploys and rollbacks, once before their first push (operationId
    // and targetSha set): the push waits for `proceed`, so the intent is on
    // disk before anything reaches GitLab. Unset: the push starts at once.
    std::function<void(const ReleaseOutcome &outcome, std::function<void()> proceed)> beforePush;
};

// One admin action on a release while it runs. The job is a child of its
// ReleaseApprover and the context of all its GitLab and git calls, so when the
// approver goes away the job goes with it and the answers still in flight are
// dropped: nothing keeps a job alive but its parent. A job deletes itself once
// it has finished. Its messages are ReleaseApprover's (one translation context).
class ReleaseJob : public QObject
{
public:
    ReleaseJob(ReleaseJobSetup setup, ReleaseOutcome::Action action, const QString &admin, QObject *parent);
    ~ReleaseJob() override;

    quint64 id() const { return m_setup.id; }
    const ReleaseOutcome &outcome() const { return m_outcome; }
    // Runs after the outcome went out, before the job is deleted (recovery
    // continues with its next request).
    void setThen(std::function<void(const ReleaseOutcome &)> then) { m_then = std::move(then); }

    static QString codeProjectPath(const ApprovalOptions &options, const QString &appId);
    static QString opsProjectPath(const ApprovalOptions &options, const QString &appId);
    // The release:: state of an issue (or "closed").
    static QString stateOf(const GitLabIssue &issue);

protected:
    // Refuses at once (answering on the next turn of the event loop) what
    // needs no GitLab to refuse: offline, a bad user name or app id, no token.
    bool refuseEarly();
    void finish(ReleaseOutcome::Kind kind, const QString &message);
    // The caller gets the id before any result.
    void finishLater(ReleaseOutcome::Kind kind, const QString &message);
    void finishWithError(const GitLabError &error, const QString &failed);
    void reportProgress(const QString &step);

    // The start that approve and reject share: the reviewed request, checked
    // without GitLab, then its issue read. False: refused (the job finishes).
    void takeRequest(const ReleaseRequest &request);
    bool refuseRequest();
    void readIssue(std::function<void(const GitLabIssue &)> next);
    // The request is no longer pending: says who acted on it first.
    void reportNotPending(const GitLabIssue &issue);

    // Comments once: a comment from an earlier attempt (a crash, another
    // console's recovery) is never posted twice.
    void postNoteOnce(const QString &markerPrefix, const QString &body, std::function<void()> next);
    // Looks a while for the pipeline of the pushed commit, so comments can link it.
    void lookupPipeline(int attempt, std::function<void()> next);

    GitLabClient *client() const { return m_setup.client; }
    const ApprovalOptions &options() const { return m_setup.options; }

    ReleaseJobSetup m_setup;
    ReleaseOutcome m_outcome;
    ReleaseRequest m_request; // approve and reject: what the admin reviewed
    QString m_codeProject;
    QString m_opsProject;
    QString m_key;      // request key, "plugins/apps/app0000042#3"
    QString m_approver; // named in the approval comment (Recover: the original approver)

private:
    std::function<void(const ReleaseOutcome &)> m_then;
    bool m_finished = false;
};

} // namespace Dockmaster
