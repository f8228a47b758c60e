#pragma once

#include "core/util/enumkeys.h"

// An app's lifecycle status as the inventory records it and the cache keeps
// it. Records keep the text (an inventory written by a newer console may hold
// a status this one does not know, and it must survive a round trip); code
// names the statuses only through this enum and its key table.
namespace Dockmaster {

enum class AppStatus { Provisioning, Active, TestOnly, Failed, Archived };

inline constexpr EnumKey<AppStatus> AppStatuses[] = {
    { AppStatus::Provisioning, "provisioning", QT_TRANSLATE_NOOP("Dockmaster::ApplicationsModel", "Provisioning") },
    { AppStatus::Active, "active", QT_TRANSLATE_NOOP("Dockmaster::ApplicationsModel", "Active") },
    { AppStatus::TestOnly, "test-only", QT_TRANSLATE_NOOP("Dockmaster::ApplicationsModel", "Test only") },
    { AppStatus::Failed, "failed", QT_TRANSLATE_NOOP("Dockmaster::ApplicationsModel", "Failed") },
    { AppStatus::Archived, "archived", QT_TRANSLATE_NOOP("Dockmaster::ApplicationsModel", "Archived") },
};

// True when the recorded text `key` is `status`.
inline bool isAppStatus(QStringView key, AppStatus status)
{
    return enumFromKey(AppStatuses, key) == status;
}

} // namespace Dockmaster
