#pragma once

#include "core/gitlab/gitlabtypes.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace Dockmaster {

// What the cache last saw of GitLab: the release request it saw updated most
// recently. GitLab never moves an issue's updated_at back, so the same issue
// answering older, or not at all, means GitLab's database went back in time
// (restored from a backup): what the cache learnt since may be gone from
// GitLab, and an incremental sync (which asks only for what changed since
// its cursor) would never notice. The next sync then reads everything.
struct SyncWitness {
    qint64 projectId = 0;
    qint64 iid = 0;
    QDateTime updatedAt;

    bool isValid() const { return projectId > 0 && iid > 0 && updatedAt.isValid(); }
    // Kept in the cache's sync state as "<project id>/<iid>/<updated_at>".
    QString toString() const;
    static SyncWitness fromString(const QString &text);

    // The most recently updated of `previous` and `issues`.
    static SyncWitness newest(const SyncWitness &previous, const QList<GitLabIssue> &issues);
    // Whether GitLab's answer for the witness today (nothing: 404) shows
    // that its data went back in time.
    bool contradictedBy(const std::optional<GitLabIssue> &now) const;
};

} // namespace Dockmaster
