#include "core/gitlab/unsentwatch.h"

#include <algorithm>

namespace Dockmaster {

quint64 UnsentWatch::issued()
{
    m_unsent.push_back({ ++m_lastTicket, -1 });
    return m_lastTicket;
}

void UnsentWatch::sent(quint64 ticket, qint64 nowMs)
{
    const auto it = std::find_if(m_unsent.begin(), m_unsent.end(),
                                 [ticket](const Unsent &unsent) { return unsent.ticket == ticket; });
    if (it == m_unsent.end())
        return;
    // Every ticket before it is still unsent: it went out first.
    for (auto earlier = m_unsent.begin(); earlier != it; ++earlier) {
        if (earlier->overtakenAtMs < 0)
            earlier->overtakenAtMs = nowMs;
    }
    m_unsent.erase(it);
}

void UnsentWatch::ended(quint64 ticket)
{
    std::erase_if(m_unsent, [ticket](const Unsent &unsent) { return unsent.ticket == ticket; });
}

QList<quint64> UnsentWatch::takeStuck(qint64 nowMs)
{
    QList<quint64> stuck;
    std::erase_if(m_unsent, [&](const Unsent &unsent) {
        if (unsent.overtakenAtMs < 0 || nowMs - unsent.overtakenAtMs < m_graceMs)
            return false;
        stuck.append(unsent.ticket);
        return true;
    });
    return stuck;
}

qint64 UnsentWatch::nextCheckAtMs() const
{
    qint64 next = -1;
    for (const Unsent &unsent : m_unsent) {
        if (unsent.overtakenAtMs >= 0 && (next < 0 || unsent.overtakenAtMs + m_graceMs < next))
            next = unsent.overtakenAtMs + m_graceMs;
    }
    return next;
}

} // namespace Dockmaster
