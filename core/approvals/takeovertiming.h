#pragma once

#include <QtGlobal>

namespace Dockmaster {

// When a running console finishes what another console left: a release
// approved, or a tag deploy or rollback pushed, and then not touched for
// `afterMs` is taken over (the console that started it has stopped, or it
// would have finished by then); this is looked for every `intervalMs`.
struct TakeOverTiming {
    qint64 afterMs = 10 * 60 * 1000;
    qint64 intervalMs = 5 * 60 * 1000;
};

} // namespace Dockmaster
