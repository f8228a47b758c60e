#pragma once

#include "core/logs/logtypes.h"

#include <QByteArray>
#include <QList>
#include <QPointer>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrlQuery>

#include <memory>

namespace Dockmaster::Test {

// A small Docker Engine API peer for unit tests: container listing, inspect
// and log streaming (multiplexed frames in HTTP chunks cut at arbitrary
// places), with knobs to drop connections mid-frame and to end streams while
// keeping the connection open, as podman does.
//
// It stays on a raw QTcpServer/QSslSocket rather than QHttpServer (Qt 6.8):
// its tests need chunk boundaries that fall inside a Docker frame
// (chunkCut), the first half of a frame followed by a dropped connection
// (dropFollowersMidFrame), and a terminating chunk with the connection kept
// open. QHttpServerResponder writes whole chunks only and cannot abort the
// socket under a response.
class FakeDockerEngine : public QObject
{
    Q_OBJECT
public:
    struct Line {
        qint64 timeNs;
        Dockmaster::LogStream stream;
        QByteArray text;
    };
    struct Container {
        QString id;
        QString name;
        QString project;
        bool tty = false;
        QList<Line> lines;
        bool running = true;
    };

    // With tls set, speaks HTTPS and (by the configuration) may require client certificates.
    explicit FakeDockerEngine(QObject *parent = nullptr, const QSslConfiguration *tls = nullptr);
    quint16 port() const { return m_server->serverPort(); }

    bool wholeSecondTimestamps = false; // podman
    int chunkCut = 7;                   // chunk boundaries fall every N bytes, not on frames
    // As Docker's 16 KiB and conmon's buffer: longer lines are sent as partial
    // messages of this many bytes (0: whole lines).
    int partialMessageBytes = 0;
    // podman issue 21914: the follow of a stopped container ends after this
    // many lines although the log has more (-1: sends everything and follows).
    int stoppedFollowEndsAfter = -1;
    // As podman with a gigabyte's log once: the follow of a stopped container
    // stops sending after this many lines, its connection open (-1: never).
    int stoppedFollowHangsAfter = -1;
    // As podman, which reads a long log file from its start to find since=:
    // a reading with since= is answered only after this long.
    int sinceAnswerDelayMs = 0;

    void addContainer(const Container &container) { m_containers.append(container); }
    void appendLine(int container, const Line &line); // pushed to open follow streams
    // Sends the first half of the next line's frame to every follower, then drops them.
    void dropFollowersMidFrame(int container, const Line &nextLine);
    void endFollowStreams(); // terminating chunk; the connection stays open
    void setRunning(int container, bool running) { m_containers[container].running = running; }
    int openFollowers() const;
    QList<QByteArray> requests; // request targets in arrival order

private:
    struct Follower {
        QPointer<QTcpSocket> socket;
        int container;
    };
    void onConnection();
    void handle(QTcpSocket *socket, const QByteArray &target);
    void answerLogs(QTcpSocket *socket, int container, const QUrlQuery &query);
    QByteArray encode(const Container &container, const Line &line) const;
    void sendChunked(QTcpSocket *socket, const QByteArray &data);
    static void respond(QTcpSocket *socket, int status, const QByteArray &body);

    std::unique_ptr<QTcpServer> m_server;
    QList<Container> m_containers;
    QList<Follower> m_followers;
};

} // namespace Dockmaster::Test
