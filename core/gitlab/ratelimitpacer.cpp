#include "core/gitlab/ratelimitpacer.h"

#include <algorithm>

namespace Dockmaster {
namespace {

int headerInt(const QHash<QByteArray, QByteArray> &headers, const char *name, int fallback)
{
    bool ok = false;
    const int value = headers.value(QByteArray(name)).trimmed().toInt(&ok);
    return ok && value >= 0 ? value : fallback;
}

} // namespace

void RateLimitPacer::observe(const QHash<QByteArray, QByteArray> &headers, qint64 nowEpochMs)
{
    const int remaining = headerInt(headers, "ratelimit-remaining", -1);
    if (remaining < 0)
        return; // no throttle reported on this answer
    bool resetOk = false;
    const qint64 reset = headers.value(QByteArrayLiteral("ratelimit-reset")).trimmed().toLongLong(&resetOk);
    const qint64 resetMs = resetOk && reset > 0 ? reset * 1000 : nowEpochMs + 1000;
    if (resetMs < m_resetEpochMs)
        return; // an answer from a window that has already ended
    // Answers overtake each other; within one window the smallest remainder is the newest.
    m_remaining = resetMs == m_resetEpochMs && m_remaining >= 0 ? std::min(m_remaining, remaining) : remaining;
    m_resetEpochMs = resetMs;
    // What the window allows is what was observed plus what is left:
    // RateLimit-Limit is scaled to a minute whatever the throttle's period
    // (lib/gitlab/rack_attack.rb, rounded_limit).
    const int observed = headerInt(headers, "ratelimit-observed", -1);
    m_windowLimit = observed >= 0 ? observed + remaining : headerInt(headers, "ratelimit-limit", -1);
}

qint64 RateLimitPacer::windowSpacingMs(qint64 nowEpochMs) const
{
    if (m_remaining < 0 || nowEpochMs >= m_resetEpochMs)
        return 0; // nothing known, or a new window has begun
    const int limit = m_windowLimit > 0 ? m_windowLimit : m_remaining;
    if (m_windowLimit > 0 && m_remaining > limit / 2)
        return 0;
    const int reserve = std::max(m_options.minReserve, limit * m_options.reservePercent / 100);
    const qint64 untilReset = m_resetEpochMs - nowEpochMs;
    const int budget = m_remaining - reserve;
    return budget > 0 ? untilReset / budget : untilReset;
}

qint64 RateLimitPacer::spacingMs(qint64 nowEpochMs) const
{
    const qint64 ceiling = m_options.maxRequestsPerMinute > 0 ? 60000 / m_options.maxRequestsPerMinute : 0;
    return std::clamp<qint64>(std::max(ceiling, windowSpacingMs(nowEpochMs)), 0,
                              std::max(m_options.maxSpacingMs, ceiling));
}

} // namespace Dockmaster
