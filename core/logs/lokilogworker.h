#pragma once

#include "core/logs/lokilogsource.h"

#include <QPointer>
#include <QTimer>

class QNetworkAccessManager;
class QWebSocket;

namespace Dockmaster {

class LokiLogWorker final : public LogWorker
{
    Q_OBJECT
public:
    explicit LokiLogWorker(const LokiLogOptions &options);
    ~LokiLogWorker() override;

    void start() override;
    void stop() override;
    // The history is read a page at a time: a paused worker asks for the next
    // page only when resumed. The live tail is Loki's to bound (its
    // dropped_entries are reported).
    void pauseReading() override { m_readingPaused = true; }
    void resumeReading() override;

    // Turns one Loki "streams" result into a batch ordered by time; returns the
    // newest timestamp seen (or -1).
    static qint64 appendStreams(const QJsonArray &streams, const QStringList &sourceLabels, LogBatch *batch);

private:
    void fetchPage(qint64 startNs);
    void openTail();
    void onTailMessage(const QString &message);
    void scheduleTailReconnect(const QString &reason);
    QUrl endpoint(const QString &path) const;

    LokiLogOptions m_options;
    QNetworkAccessManager *m_network = nullptr;
    QWebSocket *m_socket = nullptr;
    QTimer m_retryTimer;
    qint64 m_endNs = 0;
    qint64 m_lastNs = -1;
    int m_retryMs = 0;
    bool m_stopped = false;
    bool m_readingPaused = false;
    qint64 m_pageWhenResumed = -1; // the start of the page a pause put off
};

} // namespace Dockmaster
