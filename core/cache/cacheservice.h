#pragma once

#include "core/cache/cachedatabase.h"
#include "core/domain/records.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <memory>

namespace Dockmaster {

// What the panels paint at start-up, read in one go from the cache.
struct CacheSnapshot {
    QList<AppRecord> apps;
    QList<ReleaseRequest> releaseRequests;
    QList<HostRecord> hosts;
    QDateTime lastSyncedAt; // invalid when never synced
};

// Owns the profile's CacheDatabase on a worker thread. Every call returns at
// once; results come back as signals on the caller's thread.
class CacheService final : public QObject
{
    Q_OBJECT
public:
    explicit CacheService(const QString &filePath, QObject *parent = nullptr);
    ~CacheService() override;

    void open();
    void loadSnapshot();

    // Runs `job` on the cache thread with the open database. Used by the sync
    // engine and actions for transactional writes; `job` must not touch the UI.
    void post(std::function<void(CacheDatabase &)> job);

    // Runs `job` on the cache thread and delivers its result to `done` on the
    // UI thread, unless `receiver` (a UI-thread object) is gone by then.
    template<typename Result>
    void query(QObject *receiver, std::function<Result(CacheDatabase &)> job, std::function<void(Result)> done)
    {
        QPointer<QObject> guard(receiver);
        post([this, guard, job = std::move(job), done = std::move(done)](CacheDatabase &db) {
            Result result = job(db);
            // Posted to this service, which outlives its worker thread; the
            // guard is checked on the UI thread, where the receiver dies.
            QMetaObject::invokeMethod(
                this,
                [guard, done, result = std::move(result)]() mutable {
                    if (guard)
                        done(std::move(result));
                },
                Qt::QueuedConnection);
        });
    }

    QString filePath() const { return m_filePath; }

    static QString defaultFilePathForProfile(const QString &profileName);

Q_SIGNALS:
    void opened(const Dockmaster::CacheDatabase::OpenResult &result);
    void snapshotLoaded(const Dockmaster::CacheSnapshot &snapshot);
    void failed(const QString &message);

private:
    QString m_filePath;
    QThread m_thread;
    std::unique_ptr<QObject> m_worker;         // context object living on m_thread
    std::unique_ptr<CacheDatabase> m_database; // created, used and destroyed on m_thread only
};

} // namespace Dockmaster

Q_DECLARE_METATYPE(Dockmaster::CacheSnapshot)
