#pragma once

#include <QStringList>

#include <span>

namespace Dockmaster {

// The cache's schema as a list of forward migrations; migration N turns a
// version N-1 file into version N. `PRAGMA user_version` records the version.
// Never edit a released migration: append a new one.
struct CacheMigration {
    int version;
    QStringList statements;
};

std::span<const CacheMigration> cacheMigrations();
int latestCacheSchemaVersion();

} // namespace Dockmaster
