#pragma once

#include "core/cache/sqliteconnection.h"

#include <span>

namespace Dockmaster {

// The cache's schema as a list of forward migrations; migration N turns a
// version N-1 file into version N. `PRAGMA user_version` records the version.
// Never edit a released migration: append a new one.
using CacheMigration = SqliteMigration;

std::span<const CacheMigration> cacheMigrations();
int latestCacheSchemaVersion();

} // namespace Dockmaster
