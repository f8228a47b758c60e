#include "core/logs/logbacklog.h"

namespace Dockmaster {

bool LogBacklog::posted(qint64 bytes)
{
    const QMutexLocker lock(&m_mutex);
    m_bytes += bytes;
    m_highest = qMax(m_highest, m_bytes);
    if (m_bytes > m_limit)
        m_paused = true;
    return m_paused;
}

bool LogBacklog::taken(qint64 bytes)
{
    const QMutexLocker lock(&m_mutex);
    m_bytes -= bytes;
    // Resuming only at half the limit keeps the worker from pausing and
    // resuming on every batch at the edge.
    if (!m_paused || m_bytes > m_limit / 2)
        return false;
    m_paused = false;
    return true;
}

qint64 LogBacklog::bytes() const
{
    const QMutexLocker lock(&m_mutex);
    return m_bytes;
}

qint64 LogBacklog::highestBytes() const
{
    const QMutexLocker lock(&m_mutex);
    return m_highest;
}

} // namespace Dockmaster
