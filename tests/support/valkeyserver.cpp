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

QString ValkeyServer::start(bool clusterNode)
{
    if (!m_dir.isValid())
        return QStringLiteral("no temporary folder");
    // A free port (and, for a cluster node, its bus port + 10000): ones the
    // kernel hands out, released just before use.
    for (int attempt = 0; attempt < 50 && m_port == 0; ++attempt) {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost))
            return QStringLiteral("no free port");
        if (!clusterNode) {
            m_port = probe.serverPort();
            break;
        }
        QTcpServer bus;
        if (probe.serverPort() < 55535 && bus.listen(QHostAddress::LocalHost, probe.serverPort() + 10000))
            m_port = probe.serverPort();
    }
    if (m_port == 0)
        return QStringLiteral("no free pair of ports for a cluster node");
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setWorkingDirectory(m_dir.path());
    m_process.setChildProcessModifier(&ProcessOwner::endWithStarter);
    QStringList arguments { QStringLiteral("--port"),        QString::number(m_port),
                            QStringLiteral("--bind"),        QStringLiteral("127.0.0.1"),
                            QStringLiteral("--save"),        QString(),
                            QStringLiteral("--appendonly"),  QStringLiteral("no"),
                            QStringLiteral("--dir"),         m_dir.path(),
                            QStringLiteral("--requirepass"), m_adminPassword };
    if (!m_tlsArguments.isEmpty()) {
        arguments[1] = QStringLiteral("0");
        arguments << QStringLiteral("--tls-port") << QString::number(m_port) << m_tlsArguments;
    }
    if (clusterNode) {
        // The nodes speak to each other as the default user too.
        arguments << QStringLiteral("--cluster-enabled") << QStringLiteral("yes")
                  << QStringLiteral("--cluster-config-file") << m_dir.filePath(QStringLiteral("nodes.conf"))
                  << QStringLiteral("--masterauth") << m_adminPassword;
    }
    m_process.start(QStringLiteral("valkey-server"), arguments);
    if (!m_process.waitForStarted(30000))
        return QStringLiteral("valkey-server did not start: ") + m_process.errorString();
    const QDeadlineTimer deadline(60000);
    while (!deadline.hasExpired()) {
        if (m_process.state() == QProcess::NotRunning)
            return QStringLiteral("valkey-server ended: ") + QString::fromUtf8(m_process.readAll());
        auto connection = std::make_unique<ValkeyConnection>(admin());
        if (connection->isOpen() && connection->command({ "PING" }).text == "PONG") {
            m_adminConnection = std::move(connection);
            return {};
        }
        QThread::msleep(50);
    }
    return QStringLiteral("valkey-server did not answer: ") + QString::fromUtf8(m_process.readAll());
}

void ValkeyServer::useTls(const QString &certificateFile, const QString &keyFile, const QString &caFile)
{
    m_tlsArguments = { QStringLiteral("--tls-cert-file"),    certificateFile,
                       QStringLiteral("--tls-key-file"),     keyFile,
                       QStringLiteral("--tls-ca-cert-file"), caFile,
                       QStringLiteral("--tls-auth-clients"), QStringLiteral("no") };
    m_caFile = caFile;
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
    endpoint.tls = !m_tlsArguments.isEmpty();
    endpoint.caFile = m_caFile;
    if (endpoint.tls)
        endpoint.host = QStringLiteral("localhost"); // the name the tests' certificates give

    return endpoint;
}

QString ValkeyCluster::start()
{
    QStringList addresses;
    for (ValkeyServer &node : m_nodes) {
        if (const QString problem = node.start(true); !problem.isEmpty())
            return problem;
        addresses << QStringLiteral("127.0.0.1:%1").arg(node.port());
    }
    QProcess create;
    create.setProcessChannelMode(QProcess::MergedChannels);
    create.start(QStringLiteral("valkey-cli"),
                 QStringList { QStringLiteral("--no-auth-warning"), QStringLiteral("-a"), m_nodes[0].adminPassword(),
                               QStringLiteral("--cluster"), QStringLiteral("create") }
                     + addresses
                     + QStringList { QStringLiteral("--cluster-replicas"), QStringLiteral("0"),
                                     QStringLiteral("--cluster-yes") });
    if (!create.waitForFinished(120000) || create.exitCode() != 0)
        return QStringLiteral("valkey-cli --cluster create failed: ") + QString::fromUtf8(create.readAll());
    const QDeadlineTimer deadline(120000);
    while (!deadline.hasExpired()) {
        bool ok = true;
        for (const ValkeyEndpoint &admin : admins()) {
            ValkeyConnection node(admin);
            ok = ok && node.command({ "CLUSTER", "INFO" }).text.contains("cluster_state:ok");
        }
        if (ok)
            return {};
        QThread::msleep(100);
    }
    return QStringLiteral("the cluster did not reach state ok");
}

QList<ValkeyEndpoint> ValkeyCluster::admins() const
{
    QList<ValkeyEndpoint> out;
    for (const ValkeyServer &node : m_nodes)
        out.append(node.admin());
    return out;
}

QStringList ValkeyCluster::seeds() const
{
    QStringList out;
    for (const ValkeyServer &node : m_nodes)
        out.append(QStringLiteral("127.0.0.1:%1").arg(node.port()));
    return out;
}

} // namespace Dockmaster::Test
