#pragma once

#include "sandbox/emulator/emulatorfaults.h"

#include <QObject>
#include <QUrl>

class QTcpServer;

namespace Dockmaster::Test {

// A fault-injecting HTTP/1.1 proxy on 127.0.0.1 for peers that are not the
// GitLab emulator (pdns_server, a Docker engine). Each request goes to the
// upstream (TCP host:port or a unix socket) on a connection of its own
// (`Connection: close`), and the answer is relayed as it comes, so an endless
// answer such as Docker's log follow keeps streaming.
//
// Faults are the emulator's EmulatorFault, matched by method and path regex
// the same way: the ones that answer instead of the upstream (status, 429,
// dropped connection, redirect away) never reach it; the others reshape the
// upstream's answer (slow, cut, stalled, malformed, wrong shape, huge). A cut
// or stalled answer relays part of what the upstream sent, so it works on a
// stream too (an answer without a body is reset or withheld whole); the
// others wait for the whole answer.
class FaultProxy final : public QObject
{
    Q_OBJECT
public:
    explicit FaultProxy(QObject *parent = nullptr);
    ~FaultProxy() override;

    void setUpstream(const QString &host, quint16 port);
    void setUnixUpstream(const QString &socketPath);
    bool listen();
    QUrl url() const; // http://127.0.0.1:<port>
    quint16 port() const;

    // While refusing, nothing listens on the port (a peer that is down); the
    // same port listens again afterwards.
    bool setRefusing(bool refusing);

    int addFault(const EmulatorFault &fault);
    void removeFault(int id);
    void clearFaults();
    // Requests a fault has hit so far.
    int faultsHit() const { return m_hits; }

private:
    class Exchange;
    void onNewConnection();

    QTcpServer *m_server;
    quint16 m_port = 0;
    QString m_upstreamHost;
    quint16 m_upstreamPort = 0;
    QString m_upstreamSocket;
    EmulatorFaultInjector m_faults;
    int m_hits = 0;
};

} // namespace Dockmaster::Test
