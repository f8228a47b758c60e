#include "core/approvals/approvaltypes.h"

#include "core/util/enumkeys.h"

namespace Dockmaster {

namespace {

// The audit journal's action keys.
constexpr EnumKey<ReleaseOutcome::Action> ReleaseActions[] = {
    { ReleaseOutcome::Action::Approve, "release.approve" }, { ReleaseOutcome::Action::Reject, "release.reject" },
    { ReleaseOutcome::Action::DeployTag, "deploy.tag" },    { ReleaseOutcome::Action::Rollback, "deploy.rollback" },
    { ReleaseOutcome::Action::Recover, "release.recover" },
};

} // namespace

QString releaseActionName(ReleaseOutcome::Action action)
{
    return enumKey(ReleaseActions, action);
}

} // namespace Dockmaster
