#include "tests/support/gitlabfront.h"

#include <QDir>
#include <QFile>
#include <QSslConfiguration>

#include <algorithm>

namespace Dockmaster::Test {

bool GitLabFront::start(const QUrl &upstream, QString *error)
{
    if (!m_prefix.isValid()) {
        *error = QStringLiteral("no temporary folder");
        return false;
    }
    QDir().mkpath(m_prefix.path() + QStringLiteral("/conf"));
    if (!m_certificates.makeAuthority(QStringLiteral("front-ca"))
        || !m_certificates.makeServerCertificate(QStringLiteral("front"), QStringLiteral("front-ca"),
                                                 QStringLiteral("IP:127.0.0.1,DNS:localhost"))) {
        *error = QStringLiteral("openssl could not make the front's certificates");
        return false;
    }
    m_port = NginxInstance::freePort();
    m_plainPort = NginxInstance::freePort();
    const QByteArray location
        = "    client_max_body_size 0;\n"
          "    location / {\n"
          "      proxy_pass http://gitlab; proxy_http_version 1.1; proxy_set_header Connection \"\";\n"
          "      proxy_set_header Host $http_host; proxy_set_header X-Forwarded-Proto $scheme;\n"
          "      proxy_read_timeout 600s; proxy_buffering off; proxy_request_buffering off;\n"
          "    }\n";
    // $msec is when the answer's last byte went out; $request_time how long
    // since the request's first byte came in.
    const QByteArray http
        = "  log_format counting '$msec $request_time $connection $server_protocol $status $request_method "
          "$request_uri';\n"
          "  access_log logs/access.log counting;\n"
          "  keepalive_requests "
        + QByteArray::number(m_requestsPerConnection)
        + ";\n"
          "  upstream gitlab { server "
        + upstream.host().toUtf8() + ':' + QByteArray::number(upstream.port())
        + "; keepalive 64; }\n"
          "  server {\n"
          "    listen 127.0.0.1:"
        + QByteArray::number(m_port)
        + " ssl; http2 on;\n"
          "    ssl_certificate front.pem; ssl_certificate_key front.key;\n"
          "    ssl_protocols TLSv1.2 TLSv1.3;\n"
        + location
        + "  }\n"
          "  server {\n"
          "    listen 127.0.0.1:"
        + QByteArray::number(m_plainPort) + ";\n" + location + "  }";
    return m_nginx.start(m_prefix.path(), http, m_port, error);
}

QUrl GitLabFront::baseUrl() const
{
    return QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_port));
}

QUrl GitLabFront::plainUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_plainPort));
}

QList<QSslCertificate> GitLabFront::authority() const
{
    return QSslCertificate::fromPath(authorityFile());
}

void GitLabFront::trustAuthorityInThisProcess() const
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.addCaCertificates(authority());
    QSslConfiguration::setDefaultConfiguration(configuration);
}

QString GitLabFront::accessLog() const
{
    return m_prefix.path() + QStringLiteral("/logs/access.log");
}

QList<GitLabFront::Request> GitLabFront::requests() const
{
    QFile file(accessLog());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<Request> requests;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        const QList<QByteArray> fields = line.split(' ');
        if (fields.size() != 7)
            continue;
        Request request;
        const double endedAt = fields.at(0).toDouble();
        request.seconds = fields.at(1).toDouble();
        request.startedAt = endedAt - request.seconds;
        request.connection = fields.at(2).toLongLong();
        request.protocol = fields.at(3);
        request.status = fields.at(4).toInt();
        request.method = fields.at(5);
        request.target = fields.at(6);
        requests.append(request);
    }
    return requests;
}

void GitLabFront::clearLog()
{
    // nginx appends (O_APPEND): after truncation its next line starts the file.
    QFile::resize(accessLog(), 0);
}

int GitLabFront::mostAtOnce(const QList<Request> &requests)
{
    // At one instant an end sorts before a start (-1 < +1): nginx's clock has
    // milliseconds, and a request that ended as another began did not overlap it.
    QList<std::pair<double, int>> edges;
    for (const Request &request : requests) {
        edges.append({ request.startedAt, +1 });
        edges.append({ request.startedAt + request.seconds, -1 });
    }
    std::sort(edges.begin(), edges.end());
    int now = 0;
    int most = 0;
    for (const auto &[at, change] : edges) {
        now += change;
        most = std::max(most, now);
    }
    return most;
}

} // namespace Dockmaster::Test
