#include "tests/support/valkeyserver.h"

#include "core/util/processowner.h"

#include <QDeadlineTimer>
#include <QTcpServer>
#include <QThread>

namespace Dockmaster::Test {

ValkeyServer::~ValkeyServer()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(10000))
            m_process.kill();
        m_process.waitForFinished(10000);
    }
}

QString ValkeyServer::start()
{
    if (!m_dir.isValid())
        return QStringLiteral("no temporary folder");
    // A free port: one the kernel hands out, released just before use.
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost))
            return QStringLiteral("no free port");
        m_port = probe.serverPort();
    }
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setWorkingDirectory(m_dir.path());
    m_process.setChildProcessModifier(&ProcessOwner::endWithStarter);
    m_process.start(QStringLiteral("valkey-server"),
                    { QStringLiteral("--port"), QString::number(m_port), QStringLiteral("--bind"),
                      QStringLiteral("127.0.0.1"), QStringLiteral("--save"), QString(), QStringLiteral("--appendonly"),
                      QStringLiteral("no"), QStringLiteral("--dir"), m_dir.path(), QStringLiteral("--requirepass"),
                      m_adminPassword });
    if (!m_process.waitForStarted(30000))
        return QStringLiteral("valkey-server did not start: ") + m_process.errorString();
    const QDeadlineTimer deadline(60000);
    while (!deadline.hasExpired()) {
        if (m_process.state() == QProcess::NotRunning)
            return QStringLiteral("valkey-server ended: ") + QString::fromUtf8(m_process.readAll());
        ValkeyConnection connection(admin());
        if (connection.isOpen() && connection.command({ "PING" }).text == "PONG")
            return {};
        QThread::msleep(50);
    }
    return QStringLiteral("valkey-server did not answer: ") + QString::fromUtf8(m_process.readAll());
}

ValkeyEndpoint ValkeyServer::admin() const
{
    return as(QString(), m_adminPassword);
}

ValkeyEndpoint ValkeyServer::as(const QString &user, const QString &password) const
{
    ValkeyEndpoint endpoint;
    endpoint.port = m_port;
    endpoint.user = user;
    endpoint.password = password;
    return endpoint;
}

} // namespace Dockmaster::Test
