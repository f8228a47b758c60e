#pragma once

#include <QByteArray>
#include <QHash>
#include <QtGlobal>

namespace Dockmaster {

// Spaces a client's requests out so it stays under GitLab's rate limit
// instead of running into 429s, and so several consoles on one GitLab share
// what is left instead of exhausting it together.
//
// Two sources, the stricter wins:
// - the profile's own ceiling, requests per minute (0: none): GitLab sends
//   no rate-limit headers on ordinary answers unless an instance turns on
//   rate_limiting_headers_for_unthrottled_requests, so this is what keeps a
//   console gentle on an instance that does not say how close it is;
// - GitLab's RateLimit-Remaining and RateLimit-Reset (a Unix time; the
//   throttle's window is fixed and aligned to the epoch) when it sends them.
//   While more than half the window is left, requests go at once. Below
//   that, what is left less a reserve (for interactive calls and other
//   consoles) is spread evenly over the time to the reset: N consoles pacing
//   on the same header shrink the remainder but never to the reserve before
//   the window ends. At or below the reserve, nothing goes until the reset.
class RateLimitPacer
{
public:
    struct Options {
        int maxRequestsPerMinute = 0; // the profile's ceiling; 0: none
        int minReserve = 10;          // requests of a window kept back at least
        int reservePercent = 5;       // ... or this share of the window, if more
        qint64 maxSpacingMs = 5000;   // a wrong or far reset never stalls longer than this per request
    };

    RateLimitPacer() = default;
    explicit RateLimitPacer(const Options &options)
        : m_options(options)
    {
    }

    void setOptions(const Options &options) { m_options = options; }
    // One answer's headers (lower-case names) as they arrived at nowEpochMs.
    void observe(const QHash<QByteArray, QByteArray> &headers, qint64 nowEpochMs);
    // How long after the previous request the next one may leave (0: at once).
    qint64 spacingMs(qint64 nowEpochMs) const;

private:
    qint64 windowSpacingMs(qint64 nowEpochMs) const;

    Options m_options;
    int m_windowLimit = -1; // requests the current window allows, when known
    int m_remaining = -1;   // -1: GitLab has not said
    qint64 m_resetEpochMs = 0;
};

} // namespace Dockmaster
