#include "core/platform/valkeyappadmin.h"

#include "core/platform/appkeyspace.h"
#include "core/platform/clusternodes.h"
#include "core/util/pooljob.h"
#include "core/util/serveraddress.h"
#include "core/util/threadmailbox.h"

#include <QCoreApplication>
#include <QPointer>

namespace Dockmaster {
namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(Dockmaster::ValkeyAppAdmin)
};

} // namespace

ValkeyAppAdmin::ValkeyAppAdmin(const ValkeyEndpoint &admin, const QString &addressForApps, QObject *parent)
    : AppKeyValueAdmin(parent)
    , m_admin(admin)
    , m_addressForApps(addressForApps)
    , m_replies(new ThreadMailbox(this))
{
}

ValkeyAppAdmin::~ValkeyAppAdmin() = default;

QList<std::pair<QString, QString>> ValkeyAppAdmin::connectionVariables(const QString &appId) const
{
    QList<std::pair<QString, QString>> variables;
    if (m_addressForApps.contains(QLatin1Char(','))) {
        variables.append({ QStringLiteral("PLATFORM_KV_SEEDS"), m_addressForApps });
    } else {
        // The profile's check made sure of host:port; an IPv6 host goes
        // without its brackets (the SDK hands it to the redis extension).
        const ServerAddress address = ServerAddress::parse(m_addressForApps).value_or(ServerAddress());
        variables.append({ QStringLiteral("PLATFORM_KV_HOST"), address.host });
        variables.append({ QStringLiteral("PLATFORM_KV_PORT"), QString::number(address.port) });
    }
    variables.append({ QStringLiteral("PLATFORM_KV_USER"), QString::fromUtf8(AppKeyspace::userName(appId)) });
    variables.append({ QStringLiteral("PLATFORM_KV_PREFIX"), QString::fromUtf8(AppKeyspace::keyPrefix(appId)) });
    return variables;
}

std::vector<std::unique_ptr<ValkeyConnection>> ValkeyAppAdmin::connectEveryNode(const ValkeyEndpoint &seed,
                                                                                QString *error)
{
    std::vector<std::unique_ptr<ValkeyConnection>> nodes;
    auto first = std::make_unique<ValkeyConnection>(seed);
    if (!first->isOpen()) {
        *error = first->error();
        return {};
    }
    const ValkeyReply listed = first->command({ "CLUSTER", "NODES" });
    if (listed.isError()) {
        if (listed.text.contains("cluster support disabled")) {
            nodes.push_back(std::move(first));
            return nodes;
        }
        *error = Text::tr("Valkey did not list its cluster's nodes: %1").arg(QString::fromUtf8(listed.text));
        return {};
    }
    for (const ClusterNode &listedNode : ClusterNodes::parse(listed.text)) {
        ValkeyEndpoint node = seed;
        node.host = listedNode.host;
        node.port = listedNode.port;
        auto connection = std::make_unique<ValkeyConnection>(node);
        if (!connection->isOpen()) {
            *error = connection->error();
            return {};
        }
        nodes.push_back(std::move(connection));
    }
    if (nodes.empty())
        *error = Text::tr("Valkey's cluster has no node that answers.");
    return nodes;
}

void ValkeyAppAdmin::run(QObject *context, std::function<QString(AppKeyspaceAdmin &)> work, Done done)
{
    runInPool<QString>(
        *m_replies,
        [seed = m_admin, work = std::move(work)] {
            QString error;
            const auto nodes = connectEveryNode(seed, &error);
            if (nodes.empty())
                return Text::tr("Cannot reach the platform's key/value store: %1").arg(error);
            QList<ValkeyConnection *> raw;
            for (const auto &node : nodes)
                raw.append(node.get());
            AppKeyspaceAdmin admin(raw);
            return work(admin);
        },
        [guard = QPointer<QObject>(context), done = std::move(done)](QString error) {
            if (guard)
                done(error);
        });
}

void ValkeyAppAdmin::ensureUser(const QString &appId, const QString &password, OtherPasswords others, QObject *context,
                                Done done)
{
    run(
        context,
        [appId, password, others](AppKeyspaceAdmin &admin) { return admin.ensureUser(appId, password, others); },
        std::move(done));
}

void ValkeyAppAdmin::removeApp(const QString &appId, QObject *context, Done done)
{
    run(context, [appId](AppKeyspaceAdmin &admin) { return admin.removeApp(appId); }, std::move(done));
}

} // namespace Dockmaster
