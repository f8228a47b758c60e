#pragma once

#include "core/gitlab/gitlabtypes.h"
#include "core/sync/inventory.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <array>
#include <functional>
#include <optional>

namespace Dockmaster {

class CacheDatabase;

// What one sync run read from GitLab, before it is merged into the cache.
struct SyncBatch {
    struct OpsDetail {
        QString appId;
        qint64 projectId = 0;
        std::array<bool, 2> branchExists { false, false }; // by Environment
        std::array<QString, 2> liveSha;                    // `codes` submodule pointer per environment branch
        QList<GitLabPipeline> pipelines;                   // newest first
        QList<GitLabDeployment> deployments;               // newest first
    };

    bool full = false;
    QString rootGroup;
    qint64 expectedGeneration = 0; // sync_generation when the run started
    QDateTime cursor;              // where the next incremental run starts (GitLab's clock)

    std::optional<Inventory> inventory; // set when the inventory was (re)read
    QString inventoryCommit;

    QList<GitLabProject> codeProjects;     // <root>/apps: all (full) or changed (incremental)
    QList<GitLabProject> opsProjects;      // <root>/ops without the inventory
    QHash<QString, OpsDetail> ops;         // by app id
    QHash<QString, QList<GitLabTag>> tags; // by app id, for code projects read in this run
    QList<GitLabIssue> issues;             // release-request issues: open ones (full) or updated ones
    QHash<QString, QString> resolvedRefs;  // "<projectId>:<ref>" -> commit SHA
    QSet<QString> skipped;                 // apps GitLab sent unreadable data for: keep what the cache has

    static QString refKey(qint64 projectId, const QString &ref)
    {
        return QString::number(projectId) + QLatin1Char(':') + ref;
    }
};

struct SyncWriteResult {
    bool ok = false;
    bool superseded = false; // another sync committed first; nothing was written
    QString error;
    int apps = 0;
    int appsChanged = 0;
    int appsRemoved = 0;
    int releaseRequests = 0;
};

// Merges a batch into the cache in ONE transaction: either every change and
// the new cursors are stored, or nothing is. `beforeCommit` (tests) runs
// inside the transaction after the writes; returning false rolls back.
SyncWriteResult writeSyncBatch(CacheDatabase &db, const SyncBatch &batch,
                               const std::function<bool(CacheDatabase &)> &beforeCommit = {});

// Sync bookkeeping keys in sync_state.
namespace SyncKeys {
inline constexpr QLatin1StringView Generation("sync_generation");
inline constexpr QLatin1StringView Cursor("sync_cursor");
inline constexpr QLatin1StringView LastSyncAt("last_sync_at");
inline constexpr QLatin1StringView LastFullSyncAt("last_full_sync_at");
inline constexpr QLatin1StringView InventoryCommit("inventory_commit");
inline constexpr QLatin1StringView RootGroup("sync_root_group");
} // namespace SyncKeys

} // namespace Dockmaster
