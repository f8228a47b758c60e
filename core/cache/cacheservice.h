#pragma once

#include "core/audit/journaldatabase.h"
#include "core/cache/cachedatabase.h"
#include "core/domain/records.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <memory>

namespace Dockmaster {

class ThreadMailbox;

// What the panels paint at start-up, read in one go from the cache.
struct CacheSnapshot {
    QList<AppRecord> apps;
    QList<ReleaseRequest> releaseRequests;
    QList<HostRecord> hosts;
    QDateTime lastSyncedAt; // invalid when never synced
    // Why a local store works from memory for now ("the disk ... is full"); empty when both use their files.
    QStringList storeProblems;
};

// Owns the profile's two local stores on one worker thread: the disposable
// CacheDatabase and, beside it, the durable JournalDatabase (the audit trail
// and unfinished operations). Every call returns at once; results come back
// on the service's own thread, where every signal is emitted too. Work and
// results cross through ThreadMailboxes.
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
            deliver(guard, done, job(db));
        });
    }

    // The audit journal: appends are written in order, after any pending
    // cache job; the entries come back newest first.
    void appendAudit(const AuditEntry &entry);
    void loadAudit(QObject *receiver, std::function<void(QList<AuditEntry>)> done);
    // Runs `job` on the cache thread with the journal (pending intents).
    void postJournal(std::function<void(JournalDatabase &)> job);
    // Runs `job` on the cache thread with the journal, or null when it is not
    // open, then `done` on the UI thread unless `receiver` is gone by then.
    void withJournal(QObject *receiver, std::function<void(JournalDatabase *)> job, std::function<void()> done);

    // Tries again a store that could not be used for a passing reason (disk
    // full, read-only, locked, I/O error): emits opened() / journalOpened()
    // again when it was retried. Does nothing while both are fine.
    void retryUnavailable();

    QString filePath() const { return m_filePath; }
    QString journalFilePath() const { return JournalDatabase::filePathBeside(m_filePath); }

    static QString defaultFilePathForProfile(const QString &profileName);

Q_SIGNALS:
    void opened(const Dockmaster::CacheDatabase::OpenResult &result);
    // After opened() at start; again after a retry of a journal that could not be written.
    void journalOpened(const Dockmaster::JournalDatabase::OpenResult &result);
    void snapshotLoaded(const Dockmaster::CacheSnapshot &snapshot);
    void failed(const QString &message);

private:
    // From the cache thread to `done` on the UI thread. Posted to this
    // service, which outlives its worker thread; the guard is checked on the
    // UI thread, where the receiver dies.
    template<typename Result> void deliver(QPointer<QObject> guard, std::function<void(Result)> done, Result result)
    {
        // std::function needs a copyable job: the result is shared, not copied.
        toOwner([guard, done = std::move(done), result = std::make_shared<Result>(std::move(result))] {
            if (guard)
                done(std::move(*result));
        });
    }
    void toOwner(std::function<void()> job);  // from the cache thread to this service's thread
    void toWorker(std::function<void()> job); // to the cache thread
    void fail(const QString &message);        // failed(), on this service's thread
    // Runs `job` with `store` on the cache thread, or says `missing` when it is not open.
    template<typename Store>
    void postTo(std::unique_ptr<Store> CacheService::*store, const QString &missing, std::function<void(Store &)> job)
    {
        toWorker([this, store, missing, job = std::move(job)] {
            if (!(this->*store)) {
                fail(missing);
                return;
            }
            job(*(this->*store));
        });
    }
    void moveLegacyAudit(CacheDatabase::OpenResult &result);

    QString m_filePath;
    QThread m_thread;
    ThreadMailbox *m_owner = nullptr;           // child, on this service's thread
    std::unique_ptr<ThreadMailbox> m_worker;    // lives on m_thread
    std::unique_ptr<CacheDatabase> m_database;  // created, used and destroyed on m_thread only
    std::unique_ptr<JournalDatabase> m_journal; // likewise
};

} // namespace Dockmaster

Q_DECLARE_METATYPE(Dockmaster::CacheSnapshot)
Q_DECLARE_METATYPE(Dockmaster::JournalDatabase::OpenResult)
