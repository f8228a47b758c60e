#include "core/sync/syncwitness.h"

namespace Dockmaster {

QString SyncWitness::toString() const
{
    if (!isValid())
        return {};
    return QStringLiteral("%1/%2/%3").arg(projectId).arg(iid).arg(updatedAt.toUTC().toString(Qt::ISODateWithMs));
}

SyncWitness SyncWitness::fromString(const QString &text)
{
    const QStringList parts = text.split(QLatin1Char('/'));
    if (parts.size() != 3)
        return {};
    SyncWitness witness;
    witness.projectId = parts.at(0).toLongLong();
    witness.iid = parts.at(1).toLongLong();
    witness.updatedAt = QDateTime::fromString(parts.at(2), Qt::ISODateWithMs);
    return witness.isValid() ? witness : SyncWitness();
}

SyncWitness SyncWitness::newest(const SyncWitness &previous, const QList<GitLabIssue> &issues)
{
    SyncWitness result = previous;
    for (const GitLabIssue &issue : issues) {
        if (issue.projectId <= 0 || issue.iid <= 0 || !issue.updatedAt.isValid())
            continue;
        if (!result.isValid() || issue.updatedAt > result.updatedAt)
            result = SyncWitness { issue.projectId, issue.iid, issue.updatedAt };
    }
    return result;
}

bool SyncWitness::contradictedBy(const std::optional<GitLabIssue> &now) const
{
    if (!isValid())
        return false;
    // Gone (GitLab never deletes a request it listed unless an admin deletes
    // the issue, which the next full sync handles too) or older than seen.
    return !now || (now->updatedAt.isValid() && now->updatedAt < updatedAt);
}

} // namespace Dockmaster
