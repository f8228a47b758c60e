#pragma once

#include "tests/support/nginxinstance.h"
#include "tests/support/testcertificates.h"

#include <QList>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QUrl>

namespace Dockmaster::Test {

// GitLab's front as a console meets it: nginx terminating TLS and speaking
// HTTP/2 (ALPN) to the console, proxying to the emulator over HTTP/1.1 on
// kept-alive connections, as the nginx bundled with GitLab does in front of
// Workhorse (omnibus-gitlab's gitlab-http.conf: `listen 443 ssl`, `http2 on`,
// an upstream with keepalive), and the same on a plain HTTP/1.1 port. Its certificate is signed by an authority of
// its own (authority()). Its access log records every request with its
// protocol, its connection and its timing: the counting proxy of the tests
// and benchmarks.
class GitLabFront final
{
public:
    struct Request {
        QByteArray protocol; // "HTTP/2.0", "HTTP/1.1"
        qint64 connection = 0;
        int status = 0;
        QByteArray method;
        QByteArray target;    // path and query
        double startedAt = 0; // seconds since the epoch
        double seconds = 0;   // until the answer's last byte was sent
    };

    GitLabFront() = default;

    // How many requests a client connection carries before nginx closes it
    // (HTTP/2: GOAWAY). Before start(); nginx's default, which GitLab's
    // configuration keeps, is 1,000.
    void setRequestsPerConnection(int requests) { m_requestsPerConnection = requests; }
    bool start(const QUrl &upstream, QString *error);
    QUrl baseUrl() const;  // https://127.0.0.1:<port>: TLS, HTTP/2 (or 1.1 for git)
    QUrl plainUrl() const; // http://127.0.0.1:<port>: HTTP/1.1, for a console that cannot trust the authority
    QList<QSslCertificate> authority() const;
    QString authorityFile() const { return m_certificates.pem(QStringLiteral("front-ca")); }
    // Adds authority() to this process's default TLS configuration, as an
    // admin's machine trusts the company's CA.
    void trustAuthorityInThisProcess() const;

    // Every request answered since start() or the last clearLog().
    QList<Request> requests() const;
    void clearLog();
    QString accessLog() const; // nginx's own log file
    // The most requests that were being answered at one moment.
    static int mostAtOnce(const QList<Request> &requests);

private:
    QTemporaryDir m_prefix;
    TestCertificates m_certificates { m_prefix.path() + QStringLiteral("/conf") };
    quint16 m_port = 0;
    quint16 m_plainPort = 0;
    int m_requestsPerConnection = 1000;
    NginxInstance m_nginx; // last: stopped before the folder goes
};

} // namespace Dockmaster::Test
