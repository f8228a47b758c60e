#include "core/gitlab/gitlaberror.h"

namespace Dockmaster {

bool GitLabError::isTransient() const
{
    switch (kind) {
    case Kind::RateLimited:
    case Kind::Server:
    case Kind::Timeout:
    case Kind::Offline:
        return true;
    default:
        return false;
    }
}

} // namespace Dockmaster
