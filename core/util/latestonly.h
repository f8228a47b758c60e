#pragma once

#include <QtGlobal>

#include <memory>
#include <utility>

namespace Dockmaster {

// Keeps track of the one job whose answer still matters (after hotspot's
// JobTracker): starting a job makes every earlier one stale, and callbacks
// wrapped by guard() run only while their job is still the latest. Use it
// where a newer request replaces an older one (reload, refilter, re-follow);
// an answer of a replaced request is dropped, never shown. Not thread-safe:
// start, guard and the wrapped callbacks all run on the owner's thread.
class LatestOnly final
{
public:
    using Job = quint64;

    // A new job; from now on all earlier ones are stale.
    Job start() { return ++*m_latest; }
    // Makes every job stale (a reset, or the owner going idle).
    void invalidate() { ++*m_latest; }
    bool isLatest(Job job) const { return job == *m_latest; }
    Job latest() const { return *m_latest; }

    // Wraps fn so it runs only while job is the latest. The wrapper may
    // outlive the tracker: it then drops the call.
    template<typename Fn> auto guard(Job job, Fn fn) const
    {
        return [tracker = std::weak_ptr<Job>(m_latest), job, fn = std::move(fn)](auto &&...args) mutable {
            const auto current = tracker.lock();
            if (current && *current == job)
                fn(std::forward<decltype(args)>(args)...);
        };
    }
    // start() and guard() in one: the usual case.
    template<typename Fn> auto startGuarded(Fn fn) { return guard(start(), std::move(fn)); }

private:
    std::shared_ptr<Job> m_latest = std::make_shared<Job>(0);
};

} // namespace Dockmaster
