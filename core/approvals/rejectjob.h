#pragma once

#include "core/approvals/releasejob.h"

namespace Dockmaster {

// Rejects a pending release request with a reason: comments once, labels and
// closes it, unless an approval won the race (its commit is on the branch).
class RejectJob final : public ReleaseJob
{
public:
    using ReleaseJob::ReleaseJob;

    void start(const ReleaseRequest &request, const QString &reason);

private:
    void rejectIssue(const GitLabIssue &issue);

    QString m_reason;
    QStringList m_removeLabels;
};

} // namespace Dockmaster
