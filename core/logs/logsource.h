#pragma once

#include "core/logs/logbacklog.h"
#include "core/logs/logtypes.h"
#include "core/util/latestonly.h"

#include <QObject>
#include <QThread>

#include <functional>
#include <memory>

namespace Dockmaster {

class ThreadMailbox;

// Runs inside a LogSource's worker thread: connects, parses, and hands lines
// on in batches. Talks to its LogSource only through queued signals.
class LogWorker : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void start() = 0;
    virtual void stop() = 0;
    // The window is behind: stop reading the connections (the engine waits),
    // and go on when told. Only called on the worker's thread.
    virtual void pauseReading() { }
    virtual void resumeReading() { }

    // Set by the LogSource before the worker moves to its thread.
    void setBacklog(std::shared_ptr<LogBacklog> backlog) { m_backlog = std::move(backlog); }

Q_SIGNALS:
    // Emitted through postBatch() only, which counts it in the backlog.
    void batchReady(const Dockmaster::LogBatch &batch);
    void sourcesChanged(const QStringList &names);
    void statusChanged(const QString &message);
    void reconnecting(const QString &source, const QString &reason);
    void streamEnded(const QString &source);
    void droppedByServer(qint64 count); // e.g. Loki's dropped_entries
    void failed(const QString &message);

protected:
    // Hands a batch to the window and stops reading when too much is waiting.
    void postBatch(const LogBatch &batch);

private:
    std::shared_ptr<LogBacklog> m_backlog;
};

// A stream of log lines for one app (Docker Engine API or Loki). Parsing runs
// on a worker thread; the owner (UI thread) only receives batches.
class LogSource : public QObject
{
    Q_OBJECT
public:
    explicit LogSource(QObject *parent = nullptr);
    ~LogSource() override;

    void start();
    void stop();
    bool isRunning() const { return m_worker != nullptr; }
    // What the running stream has waiting for the window (null when stopped).
    const LogBacklog *backlog() const { return m_backlog.get(); }
    void setBacklogLimit(qint64 bytes) { m_backlogLimit = bytes; }

Q_SIGNALS:
    void linesAvailable(const Dockmaster::LogBatch &batch);
    void sourcesChanged(const QStringList &names);
    void statusChanged(const QString &message);
    void reconnecting(const QString &source, const QString &reason);
    void streamEnded(const QString &source);
    void droppedByServer(qint64 count);
    void failed(const QString &message);

protected:
    // Called on the owner's thread; the worker is moved to the thread afterwards.
    virtual LogWorker *createWorker() = 0;
    // Lets a subclass fetch secrets before the worker starts; call proceed() when ready.
    virtual void prepare(const std::function<void()> &proceed) { proceed(); }

private:
    void launch();
    template<typename... Args> void relay(void (LogWorker::*from)(Args...), void (LogSource::*to)(Args...));
    void relayBatches();

    QThread m_thread;
    LogWorker *m_worker = nullptr;         // lives in m_thread, deleted when it finishes
    ThreadMailbox *m_toWorker = nullptr;   // likewise; the worker's calls go through it
    ThreadMailbox *m_toOwner = nullptr;    // child, on this thread; the worker's signals come through it
    LatestOnly m_runs;                     // start() and stop() end the deliveries of the worker before
    std::shared_ptr<LogBacklog> m_backlog; // of the running worker
    qint64 m_backlogLimit = LogBacklog::DefaultLimitBytes;
};

} // namespace Dockmaster
