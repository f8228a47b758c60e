#pragma once

#include "core/platform/valkeyconnection.h"

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace Dockmaster::Test {

// A real valkey-server on 127.0.0.1 at a free port, in a temporary folder,
// nothing saved to disk; its default user (the platform's admin) has a
// password. It ends with this object, or with the test's thread if the
// test dies (PR_SET_PDEATHSIG).
class ValkeyServer final
{
public:
    ValkeyServer() = default;
    ~ValkeyServer();
    ValkeyServer(const ValkeyServer &) = delete;
    ValkeyServer &operator=(const ValkeyServer &) = delete;

    // Empty on success, otherwise why it did not start. Blocks until it
    // answers PING (tests only), then keeps an admin connection open. A cluster node (cluster-enabled, its bus on
    // port + 10000) joins nothing until ValkeyCluster::create().
    QString start(bool clusterNode = false);
    // Before start(): TLS only (no plain port), with this certificate and key
    // (PEM); admin() then trusts caFile and connects to "localhost". Clients
    // show no certificate.
    void useTls(const QString &certificateFile, const QString &keyFile, const QString &caFile);
    quint16 port() const { return m_port; }
    // The admin's way in, and an app user's.
    ValkeyEndpoint admin() const;
    ValkeyEndpoint as(const QString &user, const QString &password) const;
    QString adminPassword() const { return m_adminPassword; }
    ValkeyConnection &adminConnection() { return *m_adminConnection; } // after start()

private:
    QStringList m_tlsArguments;
    QString m_caFile;
    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
    std::unique_ptr<ValkeyConnection> m_adminConnection;
    const QString m_adminPassword = QStringLiteral("admin-password-for-the-test");
};

// A Valkey Cluster of three masters on loopback (no replicas): each slot has
// one node, as the platform's scale-out runs it.
class ValkeyCluster final
{
public:
    QString start(); // empty on success; blocks until the cluster says "ok"
    QList<ValkeyEndpoint> admins() const;
    QStringList seeds() const; // "127.0.0.1:port" of every node

private:
    ValkeyServer m_nodes[3];
};

} // namespace Dockmaster::Test
