#pragma once

#include "core/util/enumkeys.h"

// The states that GitLab labels, the inventory and the cache store as text.
// Inside Dockmaster they are enums; the text is read and written only through
// their key tables (core/util/enumkeys.h), with today's keys, so the cache
// schema and the labels stay as they were.
namespace Dockmaster {

// A release request's `release::<state>` label; Invalid when its labels
// contradict each other (no env:: label, several release:: labels).
enum class ReleaseState { Pending, Approved, Deployed, Failed, Rejected, Invalid };

inline constexpr EnumKey<ReleaseState> ReleaseStates[] = {
    { ReleaseState::Pending, "pending", QT_TRANSLATE_NOOP("Dockmaster::ReleaseRequestsModel", "Pending") },
    { ReleaseState::Approved, "approved", QT_TRANSLATE_NOOP("Dockmaster::ReleaseRequestsModel", "Approved") },
    { ReleaseState::Deployed, "deployed", QT_TRANSLATE_NOOP("Dockmaster::ReleaseRequestsModel", "Deployed") },
    { ReleaseState::Failed, "failed", QT_TRANSLATE_NOOP("Dockmaster::ReleaseRequestsModel", "Failed") },
    { ReleaseState::Rejected, "rejected", QT_TRANSLATE_NOOP("Dockmaster::ReleaseRequestsModel", "Rejected") },
    { ReleaseState::Invalid, "invalid", QT_TRANSLATE_NOOP("Dockmaster::ReleaseRequestsModel", "Invalid") },
};

// Approved and then deployed, or failed while deploying: someone approved it.
inline bool wasApproved(ReleaseState state)
{
    return state == ReleaseState::Approved || state == ReleaseState::Deployed || state == ReleaseState::Failed;
}

} // namespace Dockmaster
