#include "domain/records.h"

namespace Dockmaster {

const EnvironmentState *AppRecord::environment(Environment wanted) const
{
    for (const EnvironmentState &state : environments) {
        if (state.environment == wanted)
            return &state;
    }
    return nullptr;
}

} // namespace Dockmaster
