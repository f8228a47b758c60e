#include "core/logs/logsource.h"

#include "core/util/logging.h"
#include "core/util/redact.h"
#include "core/util/threadmailbox.h"

namespace Dockmaster {

LogSource::LogSource(QObject *parent)
    : QObject(parent)
    , m_toOwner(new ThreadMailbox(this))
{
    qRegisterMetaType<LogBatch>();
    m_thread.setObjectName(QStringLiteral("LogSource"));
    connect(this, &LogSource::reconnecting, this, [this](const QString &source, const QString &reason) {
        qCDebug(lcLogs).noquote() << metaObject()->className() << "reconnecting" << source << redacted(reason);
    });
    connect(this, &LogSource::streamEnded, this, [this](const QString &source) {
        qCDebug(lcLogs).noquote() << metaObject()->className() << "stream ended:" << source;
    });
    connect(this, &LogSource::failed, this, [this](const QString &message) {
        qCDebug(lcLogs).noquote() << metaObject()->className() << "failed:" << redacted(message);
    });
}

LogSource::~LogSource()
{
    stop();
}

void LogSource::start()
{
    stop();
    const LatestOnly::Job run = m_runs.start();
    prepare([this, run] {
        if (m_runs.isLatest(run) && !m_worker)
            launch();
    });
}

template<typename... Args> void LogSource::relay(void (LogWorker::*from)(Args...), void (LogSource::*to)(Args...))
{
    // The worker's signals cross threads through m_toOwner (threadmailbox.h):
    // this connection runs on the worker's thread. A delivery already posted
    // is not taken back by stop() (the final flush it waits for is one), so
    // each checks it still belongs to the running worker: after stop()
    // nothing of the old stream gets out.
    const LatestOnly::Job run = m_runs.latest();
    connect(
        m_worker, from, m_worker,
        [this, to, run, box = m_toOwner](Args... args) {
            box->post([this, to, run, args...] {
                if (m_runs.isLatest(run) && m_worker)
                    Q_EMIT(this->*to)(args...);
            });
        },
        Qt::DirectConnection);
}

void LogSource::launch()
{
    m_worker = createWorker();
    m_backlog = std::make_shared<LogBacklog>(m_backlogLimit);
    m_worker->setBacklog(m_backlog);
    m_worker->moveToThread(&m_thread);
    m_toWorker = new ThreadMailbox;
    m_toWorker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(&m_thread, &QThread::finished, m_toWorker, &QObject::deleteLater);
    relayBatches();
    relay(&LogWorker::sourcesChanged, &LogSource::sourcesChanged);
    relay(&LogWorker::statusChanged, &LogSource::statusChanged);
    relay(&LogWorker::reconnecting, &LogSource::reconnecting);
    relay(&LogWorker::streamEnded, &LogSource::streamEnded);
    relay(&LogWorker::droppedByServer, &LogSource::droppedByServer);
    relay(&LogWorker::failed, &LogSource::failed);
    m_thread.start();
    qCDebug(lcLogs) << metaObject()->className() << "started";
    m_toWorker->post([worker = m_worker] { worker->start(); });
}

void LogSource::relayBatches()
{
    const LatestOnly::Job run = m_runs.latest();
    connect(
        m_worker, &LogWorker::batchReady, m_worker,
        [this, run, backlog = m_backlog, box = m_toOwner](const LogBatch &batch) {
            box->post([this, run, backlog, batch] {
                if (!m_runs.isLatest(run) || !m_worker)
                    return;
                Q_EMIT linesAvailable(batch);
                // Taken once the receivers have it: a receiver that queues the
                // lines bounds its own queue (LogModel flushes early when it grows).
                if (backlog->taken(batch.text.size()))
                    m_toWorker->post([worker = m_worker] { worker->resumeReading(); });
            });
        },
        Qt::DirectConnection);
}

void LogWorker::postBatch(const LogBatch &batch)
{
    // Counted before it is posted, so the owner never takes more than was counted.
    const bool full = m_backlog && m_backlog->posted(batch.text.size());
    Q_EMIT batchReady(batch);
    if (full)
        pauseReading();
}

void LogSource::stop()
{
    m_runs.invalidate();
    if (!m_worker)
        return;
    m_toWorker->run([worker = m_worker] { worker->stop(); });
    m_thread.requestInterruption();
    m_thread.quit();
    m_thread.wait();
    m_worker = nullptr;
    m_toWorker = nullptr;
    m_backlog.reset();
    qCDebug(lcLogs) << metaObject()->className() << "stopped";
}

} // namespace Dockmaster
