#pragma once

#include <Qt>

// Custom roles shared by models, proxies and delegates. They start at
// Qt::UserRole so they never collide with Qt's own.
namespace Dockmaster::Roles {
enum : int {
    SortRole = Qt::UserRole + 1, // value to sort by when display text would sort wrongly
    AppIdRole,                   // QString "app0000042"
    RecordRole,                  // the whole record as QVariant
    StatusRole,                  // machine status key ("active", "pending", ...)
    EnvironmentRole,             // QString "test" / "production" (or list for apps)
    HostsRole,                   // QStringList of docker hosts
    SearchTextRole,              // lower-case text the filter box matches against
    OverdueRole,                 // bool: older than the approval SLA
};
} // namespace Dockmaster::Roles
