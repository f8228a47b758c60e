#pragma once

#include "core/domain/appstatus.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

// The writable view of the inventory project (<root>/ops/inventory) that the
// allocator needs: hosts with their port ranges and capacity, one allocation
// record per app, and one port ledger per host.
//
// ledger/<host>.json is the serialisation point for ports: every allocation
// and release rewrites the ledger of each host it touches, with the ledger's
// last_commit_id. Two admins allocating on the same host therefore always
// edit the same file, and the second commit is refused as stale even when
// their allocation files have different names (which alone would not
// conflict). IDs are serialised by the allocation file itself: "create"
// fails when allocations/<id>.json already exists.
namespace Dockmaster {

struct InventoryHostSpec {
    QString name;
    QString address;
    QString environment; // "test" | "production"
    int containerLow = 0;
    int containerHigh = 0;
    int fallbackLow = 0;
    int fallbackHigh = 0;
    int capacity = 0;
    QString hostKey; // pinned known_hosts line, when the inventory has one
};

struct InventoryConfig {
    QString rootGroup;
    QHash<QString, QString> domainSuffix; // environment key -> suffix
    QList<InventoryHostSpec> hosts;

    const InventoryHostSpec *host(const QString &name) const;
    // hosts.json; nullopt with `error` when it is not the documented shape.
    static std::optional<InventoryConfig> parse(const QByteArray &json, QString *error);
};

struct AllocationPlacement {
    QString environment;
    QString host;
    QString address;
    int containerPort = 0;
    int fallbackPort = 0;
    QString domain;
};

// allocations/<id>.json. Keys the allocator does not know are kept as they
// were, so other tools may add fields.
struct AllocationRecord {
    QString id;
    QString name;
    QString owner;
    QString description;
    QString status; // provisioning, active, test-only, failed, archived
    QString fallbackMode;
    QString codeProject; // full paths
    QString opsProject;
    qint64 codeProjectId = 0;
    qint64 opsProjectId = 0;
    QString deployPublicKey;
    QString createdAt;
    QString nonce; // tells the writer its own record apart after an ambiguous failure
    QStringList stepsDone;
    QList<AllocationPlacement> placements;
    QJsonObject extra;

    const AllocationPlacement *placement(const QString &environment) const;
    bool holdsResources() const { return !isAppStatus(status, AppStatus::Archived); }
    QByteArray toJson() const;
    static std::optional<AllocationRecord> parse(const QByteArray &json, QString *error);
};

struct HostLedgerEntry {
    QString appId;
    int containerPort = 0;
    int fallbackPort = 0;
};

struct HostLedger {
    QString host;
    QList<HostLedgerEntry> entries;
    QString lastCommitId; // empty: the file does not exist yet
    QJsonObject extra;

    QByteArray toJson() const;
    static std::optional<HostLedger> parse(const QByteArray &json, QString *error);
};

// What is taken on one host: the union of its ledger and of every live
// allocation record placed there (records written before ledgers existed).
struct HostUsage {
    QSet<int> containerPorts;
    QSet<int> fallbackPorts;
    QSet<QString> apps;

    void add(const QString &appId, int containerPort, int fallbackPort);
    int freeSlots(const InventoryHostSpec &host) const;
};

namespace InventoryPlanning {

// "app0000042" for 42.
QString appIdFor(int number);
// The number of a well-formed ID, or -1.
int appNumber(const QString &id);
// The lowest free port of [low, high] not in `taken`, or 0.
int firstFreePort(int low, int high, const QSet<int> &taken);

} // namespace InventoryPlanning

} // namespace Dockmaster
