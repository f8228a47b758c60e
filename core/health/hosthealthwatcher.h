#pragma once

#include "core/health/healthtypes.h"
#include "core/logs/dockerendpoint.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <functional>

namespace Dockmaster {

class HttpStreamClient;
class ThreadMailbox;

struct HostWatchOptions {
    int reconnectInitialMs = 250;
    int reconnectMaxMs = 15000;
    int flushIntervalMs = 100; // changes are handed on in batches
    int connectTimeoutMs = 5000;
};

// Watches the containers of one Docker host: one `GET /events` stream for the
// whole host, and `GET /containers/json` (plus one inspect per container, one
// request at a time) when the stream (re)connects. After a drop it reconnects
// with backoff and asks for the events since the last one it saw, skipping
// the ones it already had, so no transition is lost or seen twice. Lives on a
// worker thread; results go to `sink` on `context`'s thread, in batches.
class HostHealthWatcher final : public QObject
{
    Q_OBJECT
public:
    using Sink = std::function<void(const HostHealthBatch &)>;

    // `sink` runs through `replies`, on its thread (the owner's), which outlives this watcher.
    HostHealthWatcher(QString host, const DockerEndpoint &endpoint, const HostWatchOptions &options,
                      ThreadMailbox *replies, Sink sink);
    ~HostHealthWatcher() override;

    void start();
    void stop();

private:
    void connectEvents();
    void onEventsHeaders(int status);
    void onEventsBody(QByteArrayView data);
    void onEventsLost(const QString &reason);
    void listContainers();
    void onList(const QByteArray &json);
    void handleEvent(const QJsonObject &event);
    void queueInspect(const QString &id);
    void inspectNext();
    void finishSnapshotIfInspected();
    void onInspect(const QString &id, const QByteArray &json);
    void record(const ContainerObservation &observation);
    void setReachable(bool reachable, const QString &reason);
    void flush();

    QString m_host;
    DockerEndpoint m_endpoint;
    HostWatchOptions m_options;
    ThreadMailbox *m_replies = nullptr;
    Sink m_sink;

    HttpStreamClient *m_events = nullptr;
    HttpStreamClient *m_list = nullptr;
    HttpStreamClient *m_inspect = nullptr;
    QByteArray m_eventCarry;
    QByteArray m_eventError;
    QByteArray m_listBody;
    QByteArray m_inspectBody;
    QString m_inspecting;
    qint64 m_inspectEventMark = 0; // the newest event of m_inspecting when it was asked for
    QStringList m_inspectQueue;
    QHash<QString, ContainerObservation> m_containers; // by id
    QHash<QString, qint64> m_lastEventOf;              // container id -> newest event time applied

    // Resuming: since= takes whole seconds, so the events of the newest
    // second come again after a reconnect; these keys recognise them.
    qint64 m_lastEventNs = 0;
    QSet<QByteArray> m_seenInLastSecond;
    qint64 m_lostAtSecs = 0;

    int m_retryMs = 0;
    QTimer m_retryTimer;
    QTimer m_flushTimer;
    bool m_reachable = false;
    bool m_reachabilityKnown = false;
    bool m_stopped = false;
    bool m_snapshotPending = false;
    HostHealthBatch m_pending;
};

} // namespace Dockmaster
