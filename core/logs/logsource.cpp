#include "logs/logsource.h"

namespace Dockmaster {

LogSource::LogSource(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<LogBatch>();
    m_thread.setObjectName(QStringLiteral("LogSource"));
}

LogSource::~LogSource()
{
    stop();
}

void LogSource::start()
{
    stop();
    const quint64 generation = ++m_generation;
    prepare([this, generation] {
        if (generation == m_generation && !m_worker)
            launch();
    });
}

void LogSource::launch()
{
    m_worker = createWorker();
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &LogWorker::batchReady, this, &LogSource::linesAvailable);
    connect(m_worker, &LogWorker::sourcesChanged, this, &LogSource::sourcesChanged);
    connect(m_worker, &LogWorker::statusChanged, this, &LogSource::statusChanged);
    connect(m_worker, &LogWorker::reconnecting, this, &LogSource::reconnecting);
    connect(m_worker, &LogWorker::streamEnded, this, &LogSource::streamEnded);
    connect(m_worker, &LogWorker::droppedByServer, this, &LogSource::droppedByServer);
    connect(m_worker, &LogWorker::failed, this, &LogSource::failed);
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, &LogWorker::start, Qt::QueuedConnection);
}

void LogSource::stop()
{
    ++m_generation;
    if (!m_worker)
        return;
    QMetaObject::invokeMethod(m_worker, &LogWorker::stop, Qt::BlockingQueuedConnection);
    m_worker->disconnect(this);
    m_thread.requestInterruption();
    m_thread.quit();
    m_thread.wait();
    m_worker = nullptr;
}

} // namespace Dockmaster
