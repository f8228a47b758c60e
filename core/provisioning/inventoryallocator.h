#pragma once

#include "core/provisioning/inventorydata.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace Dockmaster {

class GitLabClient;
struct GitLabResponse;

struct AllocationRequest {
    QString name;
    QString owner;
    QString description;
    QString fallbackMode;                // "hardened-php" | "static-maintenance"
    QStringList environments;            // "test", "production"
    QHash<QString, QString> chosenHosts; // environment -> host; missing: the host with most free capacity
};

struct AllocationOutcome {
    std::optional<AllocationRecord> record;
    QString error;         // for people
    bool hostFull = false; // no free port or capacity on the wanted host(s)
    bool notFound = false;
    int attempts = 0; // commits tried (1 when nobody raced us)

    bool ok() const { return record.has_value(); }
};

// Reserves app IDs and per-host ports in the inventory project, and keeps
// allocation records up to date. Every write is one commit through the
// commits API that GitLab refuses when a file it depends on changed since it
// was read; the allocator then re-reads and tries again (a bounded number of
// times). It never overwrites someone else's change.
class InventoryAllocator final : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const AllocationOutcome &)>;

    // inventoryProject: full path, e.g. "plugins/ops/inventory".
    InventoryAllocator(GitLabClient *client, const QString &inventoryProject, QObject *parent = nullptr);
    ~InventoryAllocator() override;

    void setBranch(const QString &branch) { m_branch = branch; }
    void setMaxAttempts(int attempts) { m_maxAttempts = attempts; }
    QString inventoryProject() const { return m_project; }
    // Commits refused because someone else changed the inventory first.
    int conflictsSeen() const { return m_conflicts; }

    // Chooses a host per environment, the lowest free ports there and the
    // next free ID, and writes allocations/<id>.json with status
    // "provisioning".
    void allocate(const AllocationRequest &request, QObject *context, Done done);
    void read(const QString &appId, QObject *context, Done done);
    // Re-reads the record, applies `mutate` (false: nothing to write) and
    // commits it; retried on conflict with the re-read record.
    void update(const QString &appId, const QString &message, std::function<bool(AllocationRecord &)> mutate,
                QObject *context, Done done);
    // Marks the record archived and removes its ports from the host ledgers,
    // in one commit.
    void release(const QString &appId, QObject *context, Done done);
    // hosts.json only.
    void readConfig(QObject *context, std::function<void(std::optional<InventoryConfig>, QString)> done);

private:
    struct Snapshot;
    struct Job;

    void loadSnapshot(const std::shared_ptr<Job> &job, std::function<void(std::shared_ptr<Snapshot>)> next);
    void attemptAllocate(const std::shared_ptr<Job> &job);
    void attemptUpdate(const std::shared_ptr<Job> &job);
    void attemptRelease(const std::shared_ptr<Job> &job);
    void readLedgers(const std::shared_ptr<Job> &job, const QStringList &hosts,
                     std::function<void(QHash<QString, HostLedger>)> next);
    // After a refused or ambiguous commit: try again or give up.
    void retry(const std::shared_ptr<Job> &job, const GitLabResponse &response, const std::function<void()> &again);
    void finish(const std::shared_ptr<Job> &job, AllocationOutcome outcome);
    QString allocationPath(const QString &appId) const;
    static QString ledgerPath(const QString &host);

    QPointer<GitLabClient> m_client;
    QString m_project;
    QString m_branch = QStringLiteral("main");
    int m_maxAttempts = 12;
    int m_conflicts = 0;
    QHash<QString, AllocationRecord> m_recordsByBlob; // allocation files seldom change: read each version once
};

} // namespace Dockmaster
