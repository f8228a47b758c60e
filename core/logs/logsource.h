#pragma once

#include "core/logs/logtypes.h"
#include "core/util/latestonly.h"

#include <QObject>
#include <QThread>

#include <functional>

namespace Dockmaster {

// Runs inside a LogSource's worker thread: connects, parses, and hands lines
// on in batches. Talks to its LogSource only through queued signals.
class LogWorker : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void start() = 0;
    virtual void stop() = 0;

Q_SIGNALS:
    void batchReady(const Dockmaster::LogBatch &batch);
    void sourcesChanged(const QStringList &names);
    void statusChanged(const QString &message);
    void reconnecting(const QString &source, const QString &reason);
    void streamEnded(const QString &source);
    void droppedByServer(qint64 count); // e.g. Loki's dropped_entries
    void failed(const QString &message);
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

    QThread m_thread;
    LogWorker *m_worker = nullptr; // lives in m_thread, deleted when it finishes
    LatestOnly m_runs;             // start() and stop() end the deliveries of the worker before
};

} // namespace Dockmaster
