#include "core/util/threadmailbox.h"

#include <future>

namespace Dockmaster {

ThreadMailbox::ThreadMailbox(QObject *parent)
    : QObject(parent)
    , m_address(std::make_shared<Address>())
{
    m_address->m_box = this;
    connect(this, &ThreadMailbox::posted, this, &ThreadMailbox::drain, Qt::QueuedConnection);
}

ThreadMailbox::~ThreadMailbox()
{
    {
        const std::lock_guard lock(m_address->m_mutex);
        m_address->m_box = nullptr;
    }
    const std::lock_guard lock(m_mutex);
    m_jobs.clear();
}

void ThreadMailbox::Address::post(std::function<void()> job)
{
    // Held while posting, so the mailbox cannot die halfway.
    const std::lock_guard lock(m_mutex);
    if (m_box)
        m_box->post(std::move(job));
}

void ThreadMailbox::post(std::function<void()> job)
{
    // The signal goes out under the lock too: emitting reads this object
    // (its meta-object), and the receiving thread may delete it once it has
    // drained; taking the lock there orders that after this emission.
    const std::lock_guard lock(m_mutex);
    m_jobs.push_back(std::move(job));
    Q_EMIT posted();
}

void ThreadMailbox::run(const std::function<void()> &job)
{
    std::promise<void> finished;
    std::future<void> done = finished.get_future();
    post([&job, &finished] {
        job();
        finished.set_value();
    });
    done.wait();
}

void ThreadMailbox::drain()
{
    std::deque<std::function<void()>> jobs;
    {
        const std::lock_guard lock(m_mutex);
        jobs.swap(m_jobs);
    }
    // A job may post again (to this mailbox too): that one comes with its
    // own signal and runs in a later drain.
    for (std::function<void()> &job : jobs)
        job();
}

} // namespace Dockmaster
