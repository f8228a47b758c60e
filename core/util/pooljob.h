#pragma once

#include "core/util/threadmailbox.h"

#include <QRunnable>
#include <QThreadPool>

#include <functional>
#include <memory>

#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#define DOCKMASTER_TSAN_HANDOVER 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#include <sanitizer/tsan_interface.h>
#define DOCKMASTER_TSAN_HANDOVER 1
#endif
#endif

namespace Dockmaster {

// For the few hand-overs that must go through a Qt object (a QFuture's
// result): `send` in the sending thread after the data is written, `receive`
// in the taking thread before it reads. Nothing outside TSan builds.
namespace ThreadHandover {
inline void send([[maybe_unused]] const void *channel)
{
#ifdef DOCKMASTER_TSAN_HANDOVER
    __tsan_release(const_cast<void *>(channel));
#endif
}
inline void receive([[maybe_unused]] const void *channel)
{
#ifdef DOCKMASTER_TSAN_HANDOVER
    __tsan_acquire(const_cast<void *>(channel));
#endif
}
} // namespace ThreadHandover

// One-shot work on Qt's global thread pool (libgit2 calls, a filter over a
// million lines), its result handed to `done` through `replies` on the
// owner's thread. Like ThreadMailbox, this exists so ThreadSanitizer sees the
// hand-overs: the job is built before it is released to the pool, and its
// run() acquires first, so what the job carries is ordered for TSan, not only
// by the pool's lock inside libQt6Core. (QtConcurrent::run builds its task
// inside the same call that starts it, which no annotation can order.)
class PoolJob final : public QRunnable
{
public:
    static void start(std::function<void()> work)
    {
        auto *job = new PoolJob(std::move(work));
        ThreadHandover::send(job);
        QThreadPool::globalInstance()->start(job); // deletes it after run()
    }

    void run() override
    {
        ThreadHandover::receive(this);
        m_work();
    }

private:
    explicit PoolJob(std::function<void()> work)
        : m_work(std::move(work))
    {
    }
    std::function<void()> m_work;
};

// `work` on the pool, then `done(result)` on the thread of `replies`, unless
// that mailbox is gone by then.
template<typename Result>
void runInPool(const ThreadMailbox &replies, std::function<Result()> work, std::function<void(Result)> done)
{
    PoolJob::start([replies = replies.address(), work = std::move(work), done = std::move(done)] {
        auto result = std::make_shared<Result>(work());
        replies->post([done, result] { done(std::move(*result)); });
    });
}

} // namespace Dockmaster
