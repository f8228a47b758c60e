#pragma once

#include <QtGlobal>

#include <functional>
#include <optional>

namespace Dockmaster {

struct ReconnectBackoffOptions {
    qint64 initialMs = 2000; // the first wait
    qint64 maxMs = 120000;   // the wait stops doubling here
    double jitter = 0.2;     // each wait is spread by up to ±20%
};

// When to try GitLab again after it could not be reached: exponential backoff
// with jitter, so consoles that lost the same server do not all come back in
// the same second. Pure logic; the randomness and the clock are injectable.
class ReconnectBackoff final
{
public:
    using Options = ReconnectBackoffOptions;
    using Random = std::function<double()>; // uniform in [0, 1)
    using Clock = std::function<qint64()>;  // monotonic milliseconds

    // Unset `random` / `clock`: QRandomGenerator and a steady clock.
    explicit ReconnectBackoff(Options options = {}, Random random = {}, Clock clock = {});

    // After a failed attempt: plans the next one and returns its delay in ms.
    qint64 scheduleNext();
    // The attempt is being made now (when due, or "Retry now"): nothing is
    // planned, but the failures so far still count for the next wait.
    void cancel() { m_dueAt.reset(); }
    // GitLab answered: the next failure waits the initial delay again.
    void reset();

    bool isScheduled() const { return m_dueAt.has_value(); }
    qint64 msUntilRetry() const;
    // For the countdown: rounded up, so "0 s" is never shown while waiting.
    int secondsUntilRetry() const;
    int failures() const { return m_failures; }
    // The wait before jitter for the next failure (tests, tooltips).
    qint64 baseDelayMs() const;
    const Options &options() const { return m_options; }

private:
    Options m_options;
    Random m_random;
    Clock m_clock;
    int m_failures = 0;
    std::optional<qint64> m_dueAt;
};

} // namespace Dockmaster
