#include "tests/support/nginxinstance.h"

#include "core/util/processowner.h"

#include <QDir>
#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <unistd.h>

namespace Dockmaster::Test {

NginxInstance::~NginxInstance()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

quint16 NginxInstance::freePort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

bool NginxInstance::start(const QString &prefix, const QByteArray &http, quint16 port, QString *error)
{
    for (const char *folder : { "conf", "logs", "tmp" })
        QDir().mkpath(prefix + QLatin1Char('/') + QLatin1String(folder));
    // Running as root (the CI case) the workers stay root, to reach sockets and
    // files in the test's private folders.
    const QByteArray user = geteuid() == 0 ? QByteArrayLiteral("user root;\n") : QByteArray();
    const QByteArray config = user
        + "master_process off; pid logs/nginx.pid; error_log logs/error.log info;\n"
          "events { worker_connections 1024; }\n"
          "http {\n"
          "  client_body_temp_path tmp/body; proxy_temp_path tmp/proxy; "
          "fastcgi_temp_path tmp/fastcgi; uwsgi_temp_path tmp/uwsgi; scgi_temp_path tmp/scgi;\n"
        + http + "\n}\n";
    QFile file(prefix + QStringLiteral("/conf/nginx.conf"));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(config) != config.size()) {
        *error = QStringLiteral("could not write %1").arg(file.fileName());
        return false;
    }
    file.close();

    m_process.setChildProcessModifier(&ProcessOwner::endWithStarter);
    m_process.setStandardInputFile(QProcess::nullDevice());
    m_process.setStandardOutputFile(QProcess::nullDevice());
    m_process.setStandardErrorFile(prefix + QStringLiteral("/logs/nginx.stderr"));
    m_process.start(QStringLiteral("nginx"),
                    { QStringLiteral("-p"), prefix, QStringLiteral("-c"), QStringLiteral("conf/nginx.conf"),
                      QStringLiteral("-e"), QStringLiteral("stderr"), QStringLiteral("-g"),
                      QStringLiteral("daemon off;") });
    if (!m_process.waitForStarted()) {
        *error = QStringLiteral("could not start nginx: %1").arg(m_process.errorString());
        return false;
    }
    // A busy machine is slow to start it, never wrong: up to 30 s.
    for (int attempt = 0; attempt < 300; ++attempt) {
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, port);
        if (probe.waitForConnected(100))
            return true;
        if (m_process.state() == QProcess::NotRunning)
            break;
        QThread::msleep(100);
    }
    QFile log(prefix + QStringLiteral("/logs/nginx.stderr"));
    (void)log.open(QIODevice::ReadOnly);
    *error = QStringLiteral("nginx did not start listening on port %1: %2")
                 .arg(port)
                 .arg(QString::fromUtf8(log.readAll().right(2000)));
    return false;
}

} // namespace Dockmaster::Test
