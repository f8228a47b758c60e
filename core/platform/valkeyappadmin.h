#pragma once

#include "core/platform/valkeyconnection.h"
#include "core/provisioning/appkeyvalueadmin.h"

#include <memory>
#include <vector>

namespace Dockmaster {

class AppKeyspaceAdmin;
class ThreadMailbox;

// The platform's Valkey as provisioning sees it: each app's ACL user made
// and removed with the admin's credentials, on the thread pool, on every
// node of a cluster (ACL users are not shared between nodes).
class ValkeyAppAdmin final : public AppKeyValueAdmin
{
    Q_OBJECT
public:
    // `addressForApps`: where the apps' containers reach the store, as the
    // CI/CD variables will say it ("host:port", or a cluster's seeds).
    ValkeyAppAdmin(const ValkeyEndpoint &admin, const QString &addressForApps, QObject *parent = nullptr);
    ~ValkeyAppAdmin() override;

    // PLATFORM_KV_HOST and _PORT (or _SEEDS for a cluster), _USER, _PREFIX,
    // as the plugin SDK (resources/skeleton/Platform.php) reads them.
    QList<std::pair<QString, QString>> connectionVariables(const QString &appId) const override;
    void ensureUser(const QString &appId, const QString &password, OtherPasswords others, QObject *context,
                    Done done) override;
    void removeApp(const QString &appId, QObject *context, Done done) override;

    // Connections to every node behind `seed`: the seed alone when it is a
    // single server, each reachable node (replicas too) when it is part of a
    // cluster. Empty, with `error` set, when a node cannot be reached.
    static std::vector<std::unique_ptr<ValkeyConnection>> connectEveryNode(const ValkeyEndpoint &seed, QString *error);

private:
    void run(QObject *context, std::function<QString(AppKeyspaceAdmin &)> work, Done done);

    ValkeyEndpoint m_admin;
    QString m_addressForApps;
    ThreadMailbox *m_replies; // child
};

} // namespace Dockmaster
