#pragma once

namespace Dockmaster {

class SyncEngine;

// Logs the phases of every run of `engine` to dockmaster.sync (start, the
// progress steps, the outcome with its request count and time), from its
// signals. The connections end with the engine.
void logSyncPhases(SyncEngine *engine);

} // namespace Dockmaster
