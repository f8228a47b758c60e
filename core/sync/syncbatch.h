#pragma once

#include "core/cache/storefailure.h"
#include "core/domain/records.h"
#include "core/gitlab/gitlabtypes.h"
#include "core/sync/inventory.h"
#include "core/sync/syncwitness.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <array>
#include <functional>
#include <optional>
#include <utility>

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
    SyncWitness witness;           // the newest request seen, to notice GitLab going back in time

    std::optional<Inventory> inventory; // set when the inventory was (re)read
    QString inventoryCommit;

    QList<GitLabProject> codeProjects;     // <root>/apps: all (full) or changed (incremental)
    QList<GitLabProject> opsProjects;      // <root>/ops without the inventory
    QHash<QString, OpsDetail> ops;         // by app id
    QHash<QString, QList<GitLabTag>> tags; // by app id, for code projects read in this run
    QList<GitLabIssue> issues;             // release-request issues: open ones (full) or updated ones
    QHash<QString, QString> resolvedRefs;  // "<projectId>:<ref>" -> commit SHA
    // Comments of open requests labelled with recorded approvals
    // (release::approved-1-of-2): who approved which SHA. By refKey(projectId, iid).
    QHash<QString, QList<GitLabNote>> approvalNotes;
    QSet<QString> skipped; // apps GitLab sent unreadable data for: keep what the cache has

    static QString refKey(qint64 projectId, const QString &ref)
    {
        return QString::number(projectId) + QLatin1Char(':') + ref;
    }
};

struct SyncWriteResult {
    bool ok = false;
    bool superseded = false; // another sync committed first; nothing was written
    QString error;
    StoreFailure storeFailure = StoreFailure::None; // why the cache refused the write, when it did
    QString storeHolder;                            // Locked: the process holding the file, when known
    int apps = 0;
    int appsChanged = 0;
    int appsRemoved = 0;
    int releaseRequests = 0;
};

// What the cache held before a run, as far as merging a batch needs it.
struct CachedState {
    QList<AppRecord> apps;                 // read for incremental runs, and for the apps a full run skipped
    QHash<QString, QList<TagRecord>> tags; // by app id: apps whose live refs move without new tags; skipped apps
    QList<ReleaseRequest> releaseRequests; // read for full runs, to close the ones no longer open
};

// Everything one batch changes in the cache, computed without SQLite.
struct CacheChanges {
    bool full = false;
    QList<AppRecord> apps;                     // full: all apps (replace every row); else new or changed ones
    QStringList removedApps;                   // incremental runs only
    QHash<QString, QList<TagRecord>> tags;     // by app id, replacing that app's tags
    QHash<QString, QList<TagRecord>> keptTags; // full runs: skipped apps' tags, as the cache had them
    QList<PipelineRecord> pipelines;
    QList<DeploymentRecord> deployments;
    QList<ReleaseRequest> releaseRequests;           // upserted
    QList<std::pair<qint64, qint64>> closedRequests; // (project id, iid) removed
    int appCount = 0;                                // apps known after the merge
};

// The part of the cache a merge of `batch` reads.
CachedState readCachedState(CacheDatabase &db, const SyncBatch &batch);
// Pure: what `batch` changes in a cache that holds `previous`.
CacheChanges mergeSyncBatch(const CachedState &previous, const SyncBatch &batch);
// Writes `changes`; false on the first failed statement (the caller's
// transaction then rolls everything back).
bool applyCacheChanges(CacheDatabase &db, const CacheChanges &changes);

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
inline constexpr QLatin1StringView Witness("sync_witness");
} // namespace SyncKeys

} // namespace Dockmaster
