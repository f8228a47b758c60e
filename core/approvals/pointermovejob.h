#pragma once

#include "core/approvals/releasejob.h"
#include "core/git/gittypes.h"

namespace Dockmaster {

// A job that deploys by moving the `codes` pointer of an environment branch
// in one pushed commit (never forced): approve, deploy a tag, roll back.
class PointerMoveJob : public ReleaseJob
{
public:
    using ReleaseJob::ReleaseJob;

    // What a successful tag deploy or rollback says (and its audit row).
    static QString movedMessage(const ReleaseOutcome &outcome);

protected:
    // Pins ref to a full SHA of the code repository (m_outcome.targetSha).
    void resolveTarget(const QString &ref, std::function<void()> next);
    // Commits m_message (with m_guardLine and m_expectedCurrent) and pushes it.
    void movePointer();
    // Tag deploys and rollbacks: a new operation id, its guard line and the
    // hook before the first push.
    void startOperation();
    // After the push, or when the guard line showed an earlier move.
    virtual void onMoved(const GitlinkMoveResult &result);

    QString m_message; // commit message
    QString m_guardLine;
    QString m_expectedCurrent; // rollback: the live SHA the preflight showed
    bool m_retryOnRejection = true;

private:
    void pushPointer();

    int m_pushAttempts = 0;
    bool m_announced = false; // beforePush ran
};

// Deploys a tag (or a SHA) of the code repository to an environment.
class DeployTagJob final : public PointerMoveJob
{
public:
    using PointerMoveJob::PointerMoveJob;
    void start(const QString &appId, Environment environment, const QString &tagOrSha);
};

// Goes back to an earlier version; refused when the branch moved since the preflight.
class RollbackJob final : public PointerMoveJob
{
public:
    using PointerMoveJob::PointerMoveJob;
    void start(const QString &appId, Environment environment, const QString &targetSha, const QString &expectedLiveSha);
};

} // namespace Dockmaster
