#include "core/domain/records.h"

namespace Dockmaster {

const EnvironmentState *AppRecord::environment(Environment wanted) const
{
    for (const EnvironmentState &state : environments) {
        if (state.environment == wanted)
            return &state;
    }
    return nullptr;
}

const HostRecord *AppRecord::hostIn(const QList<HostRecord> &hosts, Environment wanted) const
{
    const EnvironmentState *state = environment(wanted);
    if (!state)
        return nullptr;
    for (const HostRecord &host : hosts) {
        if (host.name == state->host)
            return &host;
    }
    return nullptr;
}

} // namespace Dockmaster
