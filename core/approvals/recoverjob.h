#pragma once

#include "core/approvals/releasejob.h"

namespace Dockmaster {

// On start-up: finds pending requests whose approval commit is already on
// their environment branch and completes their comment and labels, one after
// another (an ApproveJob each), never a second commit.
class RecoverJob final : public ReleaseJob
{
public:
    // recovered: runs once at the end, also when the job ends early.
    RecoverJob(ReleaseJobSetup setup, const QString &admin,
               std::function<void(quint64 id, int completed, const QString &problems)> recovered, QObject *parent);

    void start();

private:
    void recoverOne(const GitLabIssue &issue, std::function<void()> next);

    std::function<void(quint64, int, const QString &)> m_recovered;
    int m_completed = 0;
    QStringList m_problems;
};

} // namespace Dockmaster
