#include "core/sync/reconnectbackoff.h"

#include <QRandomGenerator>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace Dockmaster {

ReconnectBackoff::ReconnectBackoff(Options options, Random random, Clock clock)
    : m_options(options)
    , m_random(std::move(random))
    , m_clock(std::move(clock))
{
    if (!m_random)
        m_random = [] {
            return QRandomGenerator::global()->generateDouble();
        };
    if (!m_clock) {
        m_clock = [] {
            return std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::steady_clock::now().time_since_epoch())
                .count();
        };
    }
}

qint64 ReconnectBackoff::baseDelayMs() const
{
    // Doubling stops at the cap; the shift is bounded so it cannot overflow.
    qint64 delay = m_options.initialMs;
    for (int i = 0; i < m_failures && delay < m_options.maxMs; ++i)
        delay *= 2;
    return std::min(delay, m_options.maxMs);
}

qint64 ReconnectBackoff::scheduleNext()
{
    const qint64 base = baseDelayMs();
    ++m_failures;
    // A random source outside [0, 1) must not stretch the spread.
    const double unit = std::clamp(m_random(), 0.0, 1.0);
    const double factor = 1.0 + m_options.jitter * (2.0 * unit - 1.0);
    const qint64 delay = std::max<qint64>(0, std::llround(double(base) * factor));
    m_dueAt = m_clock() + delay;
    return delay;
}

void ReconnectBackoff::reset()
{
    m_failures = 0;
    m_dueAt.reset();
}

qint64 ReconnectBackoff::msUntilRetry() const
{
    return m_dueAt ? std::max<qint64>(0, *m_dueAt - m_clock()) : 0;
}

int ReconnectBackoff::secondsUntilRetry() const
{
    return int((msUntilRetry() + 999) / 1000);
}

} // namespace Dockmaster
