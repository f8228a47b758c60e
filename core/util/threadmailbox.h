#pragma once

#include <QObject>

#include <deque>
#include <functional>
#include <memory>
#include <mutex>

namespace Dockmaster {

// Runs jobs on the thread this object lives on, in the order they were
// posted from any thread. The one way our long-lived workers and their owners
// hand work and results to each other.
//
// Why not QMetaObject::invokeMethod with a lambda: the job's data would then
// travel inside a closure that Qt builds and orders with a lock inside
// libQt6Core. That is correct, but ThreadSanitizer cannot see that lock
// (Debian's Qt is not built with TSan), so every value handed over reads as a
// race and real races drown in them. Here the jobs go through a std::mutex,
// which TSan sees, and Qt only carries an argument-less "drain" signal.
class ThreadMailbox final : public QObject
{
    Q_OBJECT
public:
    explicit ThreadMailbox(QObject *parent = nullptr);
    ~ThreadMailbox() override;

    // Runs `job` on this mailbox's thread after the jobs posted before it.
    // Jobs still queued when the mailbox dies are dropped.
    void post(std::function<void()> job);
    // Runs `job` there and waits for it; never call it on that thread.
    void run(const std::function<void()> &job);

    // Posts for a sender that may outlive the mailbox (a pool job whose
    // owner closed meanwhile): after the mailbox is gone the job is dropped.
    class Address
    {
    public:
        void post(std::function<void()> job);

    private:
        friend class ThreadMailbox;
        std::mutex m_mutex;
        ThreadMailbox *m_box = nullptr; // guarded by m_mutex
    };
    std::shared_ptr<Address> address() const { return m_address; }

Q_SIGNALS:
    void posted(); // internal: queued to drain() on this mailbox's thread

private:
    void drain();

    std::mutex m_mutex;
    std::deque<std::function<void()>> m_jobs; // guarded by m_mutex
    std::shared_ptr<Address> m_address;
};

} // namespace Dockmaster
