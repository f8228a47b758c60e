#include "core/util/retrypolicy.h"

#include <QRandomGenerator>

#include <algorithm>

namespace Dockmaster {

int RetryPolicy::jittered(int baseMs, int capMs, int step)
{
    const qint64 exponential = qint64(std::max(baseMs, 0)) << std::clamp(step, 0, 16);
    const qint64 capped = std::min<qint64>(exponential, capMs);
    return int(capped / 2 + QRandomGenerator::global()->bounded(capped / 2 + 1));
}

} // namespace Dockmaster
