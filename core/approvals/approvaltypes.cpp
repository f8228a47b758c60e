#include "core/approvals/approvaltypes.h"

namespace Dockmaster {

QString releaseActionName(ReleaseOutcome::Action action)
{
    switch (action) {
    case ReleaseOutcome::Action::Approve:
        return QStringLiteral("release.approve");
    case ReleaseOutcome::Action::Reject:
        return QStringLiteral("release.reject");
    case ReleaseOutcome::Action::DeployTag:
        return QStringLiteral("deploy.tag");
    case ReleaseOutcome::Action::Rollback:
        return QStringLiteral("deploy.rollback");
    case ReleaseOutcome::Action::Recover:
        return QStringLiteral("release.recover");
    }
    return QStringLiteral("release");
}

} // namespace Dockmaster
