#pragma once

#include <QList>

#include <vector>

namespace Dockmaster {

// Finds requests the network stack lost before sending them. Qt sends one
// server's requests in the order they were issued (one queue per server; over
// HTTP/2 one stream after another), so a request still unsent while one issued
// after it has been on its way for a while is not waiting its turn: it is
// stuck. Qt 6.8 strands the requests it had queued for an HTTP/2 connection
// that the server ends with GOAWAY (nginx does after 1,000 requests,
// `keepalive_requests`, GitLab's bundled nginx included) and fails them only
// at the transfer timeout. GitLab never saw such a request, so sending it
// again is safe for any method.
//
// Tickets are handed out in issue order; the caller reports when each request
// went out (its first bytes) and when it ended. Time is the caller's clock.
class UnsentWatch final
{
public:
    explicit UnsentWatch(qint64 graceMs = 3000)
        : m_graceMs(graceMs)
    {
    }

    void setGraceMs(qint64 graceMs) { m_graceMs = graceMs; }
    quint64 issued();
    void sent(quint64 ticket, qint64 nowMs);
    void ended(quint64 ticket);
    // The unsent tickets overtaken at least the grace period ago, oldest
    // first; they are forgotten (the caller issues them again).
    QList<quint64> takeStuck(qint64 nowMs);
    // When takeStuck() may next find one; -1: none is overtaken.
    qint64 nextCheckAtMs() const;

private:
    struct Unsent {
        quint64 ticket = 0;
        qint64 overtakenAtMs = -1; // when a later ticket was sent first
    };

    qint64 m_graceMs;
    quint64 m_lastTicket = 0;
    std::vector<Unsent> m_unsent; // in ticket order
};

} // namespace Dockmaster
