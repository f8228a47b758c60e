#pragma once

#include "core/sync/inventory.h"

#include <QString>
#include <QUrl>

#include <atomic>

namespace Dockmaster {

struct InventoryFetchRequest {
    QString repositoryDir; // local bare mirror, created on first use
    QUrl remoteUrl;        // http(s)://host/<root>/ops/inventory.git (no credentials in it)
    QString token;         // sent as oauth2:<token> basic auth, never stored
    QString branch = QStringLiteral("main");
    QString hostsFile = QStringLiteral("hosts.json");
    QString allocationsDir = QStringLiteral("allocations");
    int timeoutMs = 30000;
};

struct InventoryFetchResult {
    bool ok = false;
    bool offline = false;
    QString commit; // the inventory commit that was read
    Inventory inventory;
    QString error; // for people
};

// Fetches the inventory repository with libgit2 into a local bare mirror and
// reads hosts.json and every allocations/<id>.json from the fetched commit.
// One git fetch replaces thousands of file requests, and later fetches only
// transfer what changed. Blocking: run it on a worker thread. Two fetchers
// on the same mirror take turns (a lock file next to it).
InventoryFetchResult fetchInventory(const InventoryFetchRequest &request, const std::atomic_bool *cancelled = nullptr);

} // namespace Dockmaster
