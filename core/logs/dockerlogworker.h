#pragma once

#include "core/logs/dockerendpoint.h"
#include "core/logs/dockerframedemuxer.h"
#include "core/logs/dockerlogsource.h"
#include "core/logs/logsource.h"

#include <QElapsedTimer>
#include <QHash>
#include <QTimer>

#include <deque>
#include <map>
#include <memory>
#include <vector>

namespace Dockmaster {

class HttpStreamClient;

// The Docker side of DockerLogSource, living on its worker thread.
class DockerLogWorker final : public LogWorker
{
    Q_OBJECT
public:
    DockerLogWorker(const DockerEndpoint &endpoint, const DockerLogOptions &options);
    ~DockerLogWorker() override;

    void start() override;
    void stop() override;
    void pauseReading() override;
    void resumeReading() override;

private:
    struct Follow {
        QString id;
        QString name;
        int source = 0;
        bool tty = false;
        bool running = true;
        bool ended = false;
        bool catchingUp = false; // reading what a follow that ended may have left out
        HttpStreamClient *client = nullptr;
        DockerFrameDemuxer demuxer;
        LogLineAssembler lines[4];
        // A frame that continues a line (an engine splits a long line into
        // partial messages, each with its own timestamp): its timestamp,
        // perhaps cut across reads, is read here and dropped.
        bool readingContinuationStamp[4] = {};
        QByteArray continuationStamp[4];
        qint64 lastTimeNs = -1;
        // (time, content hash) of recent lines, to recognise them when a
        // reconnect with since= (whole seconds) sends them again.
        std::deque<std::pair<qint64, size_t>> recent;
        QHash<quint64, int> replay; // lines expected again after a reconnect
        qint64 replayUntilNs = -1;
        int retryMs = 0;
        QTimer retryTimer;
        QByteArray errorBody;
        // For finding a follow that hangs: the container seen stopped at the
        // last rescan, and whether anything came since.
        bool stoppedAtScan = false;
        bool heardSinceScan = false;
        int silentScans = 0;        // in a row, with the container stopped
        int silentScansAllowed = 1; // doubles each time it counts as hung
    };
    struct Pending {
        qint64 timeNs;
        qint64 arrivalMs;
        quint32 offset;
        quint32 length;
        int source;
        LogStream stream;
        LogLevel level;
    };

    // Docker's error answer ({"message": ...}) in words, never raw JSON or HTML.
    static QString errorDetail(const QByteArray &body);
    void rescan();
    void onContainerList(const QByteArray &json);
    void inspectAndFollow(Follow *follow);
    enum class Reading { Follow, CatchUp };
    void follow(Follow *follow, Reading reading = Reading::Follow);
    bool isHung(Follow *follow, bool running);
    void onBody(Follow *follow, QByteArrayView data);
    void clearLines(Follow *follow); // a new response starts at a new line
    void onPiece(Follow *follow, LogStream stream, QByteArrayView piece, bool frameStart);
    void onLine(Follow *follow, LogStream stream, QByteArrayView line);
    void onFinished(Follow *follow);
    void onFailed(Follow *follow, const QString &reason);
    void flush(bool everything);
    int activeFollows() const;

    DockerEndpoint m_endpoint;
    DockerLogOptions m_options;
    std::map<QString, std::unique_ptr<Follow>> m_follows; // by container id
    QStringList m_sources;
    HttpStreamClient *m_listClient = nullptr;
    QByteArray m_listBody;
    QTimer m_rescanTimer;
    QTimer m_flushTimer;
    QElapsedTimer m_clock;
    QByteArray m_pendingText;
    std::vector<Pending> m_pending;
    bool m_stopped = false;
    bool m_reportedNoContainers = false;
    bool m_readingPaused = false;
};

} // namespace Dockmaster
