#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace Dockmaster {

// One node of a Valkey Cluster, as CLUSTER NODES lists it:
// "<id> <ip:port@bus[,hostname]> <flags> <primary> <ping> <pong> <epoch> <link> [<slot>|<from>-<to>]...".
struct ClusterNode {
    QString host;
    quint16 port = 0;
    bool primary = false;
    QList<std::pair<int, int>> slots; // served ranges, both ends included
};

namespace ClusterNodes {

// Every node that answers: failed nodes, nodes still joining and nodes
// without an address are left out; slots being migrated ("[…]") are skipped.
QList<ClusterNode> parse(const QByteArray &listing);
// The primary that serves `slot`.
std::optional<ClusterNode> ownerOf(const QList<ClusterNode> &nodes, int slot);

} // namespace ClusterNodes
} // namespace Dockmaster
