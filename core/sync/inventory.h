#pragma once

#include "core/domain/environment.h"
#include "core/domain/records.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

// The allocation data kept in the inventory project (<root>/ops/inventory,
// default branch): hosts.json
//   { "hosts": [ { "name": "dock-test-1", "address": "10.0.0.5", "environment": "test", ... } ] }
// and one allocations/<id>.json per app
//   { "id": "app0000042", "name": "Shop", "owner": "carol", "status": "active",
//     "environments": { "test": { "host": "dock-test-1", "container_port": 21000,
//                                 "fallback_port": 22000, "domain": "app0000042.test.example.com" },
//                       "production": { ... } } }
// (parse() also accepts every allocation inline under "apps").
// Unknown keys are ignored so the provisioning side can add fields freely.
namespace Dockmaster {

struct InventoryHost {
    QString name;
    QString address;
    QString environment;
    QString dockerApi; // "docker_api"; empty when the host has none
};

struct InventoryPlacement {
    Environment environment = Environment::Test;
    QString host;
    QString domain;
    int containerPort = 0;
    int fallbackPort = 0;
};

struct InventoryAllocation {
    QString id;
    QString name;
    QString owner;
    QString description;
    QString status;
    qint64 codeProjectId = 0;
    qint64 opsProjectId = 0;
    QList<InventoryPlacement> placements;
};

struct Inventory {
    QList<InventoryHost> hosts;
    QList<InventoryAllocation> allocations;

    // The hosts as the cache keeps them.
    QList<HostRecord> hostRecords() const;

    // Parses the file strictly: nullopt (and `error` set) when it is not
    // the documented shape, so a broken inventory never wipes the cache.
    static std::optional<Inventory> parse(const QByteArray &json, QString *error);
    // One allocations/<id>.json file of the inventory repository.
    static std::optional<InventoryAllocation> parseAllocation(const QByteArray &json, QString *error);
};

} // namespace Dockmaster
