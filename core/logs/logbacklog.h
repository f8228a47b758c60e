#pragma once

#include <QMutex>
#include <QtGlobal>

namespace Dockmaster {

// How much of a log stream is on its way from a worker to the window: the
// text of the batches posted and not yet taken. A container can print far
// faster than the window can show (a gigabyte in seconds), and queued events
// have no limit of their own, so the worker stops reading its connections
// while the backlog is over the limit; the engine then waits on the socket
// and nothing is lost. Reading starts again once the window has taken half.
// Shared by the worker's thread (posted) and the owner's thread (taken).
class LogBacklog final
{
public:
    static constexpr qint64 DefaultLimitBytes = 16 * 1024 * 1024;

    explicit LogBacklog(qint64 limitBytes = DefaultLimitBytes)
        : m_limit(limitBytes)
    {
    }

    // The worker posted a batch of `bytes`; true when it must stop reading.
    bool posted(qint64 bytes);
    // The owner took a batch of `bytes`; true when the worker stopped reading
    // and may start again (the caller tells it, once).
    bool taken(qint64 bytes);

    qint64 bytes() const;
    qint64 highestBytes() const; // the most ever waiting, for tests and figures
    qint64 limit() const { return m_limit; }

private:
    mutable QMutex m_mutex;
    const qint64 m_limit;
    qint64 m_bytes = 0;
    qint64 m_highest = 0;
    bool m_paused = false;
};

} // namespace Dockmaster
