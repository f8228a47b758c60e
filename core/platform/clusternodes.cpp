#include "core/platform/clusternodes.h"

#include "core/util/serveraddress.h"

namespace Dockmaster::ClusterNodes {

QList<ClusterNode> parse(const QByteArray &listing)
{
    QList<ClusterNode> nodes;
    for (const QByteArray &raw : listing.split('\n')) {
        const QList<QByteArray> fields = raw.trimmed().split(' ');
        if (fields.size() < 3)
            continue;
        ClusterNode node;
        bool usable = true;
        for (const QByteArray &flag : fields.at(2).split(',')) {
            if (flag == "fail" || flag == "handshake" || flag == "noaddr")
                usable = false;
            node.primary = node.primary || flag == "master";
        }
        const QByteArray &address = fields.at(1);
        const std::optional<ServerAddress> parsed
            = ServerAddress::parse(QString::fromLatin1(address.left(address.indexOf('@'))));
        if (!usable || !parsed)
            continue;
        node.host = parsed->host;
        node.port = parsed->port;
        for (qsizetype i = 8; i < fields.size(); ++i) {
            const QByteArray &range = fields.at(i);
            if (range.startsWith('['))
                continue;
            const qsizetype dash = range.indexOf('-');
            bool fromOk = false;
            bool toOk = false;
            const int from = (dash < 0 ? range : range.left(dash)).toInt(&fromOk);
            const int to = dash < 0 ? from : range.mid(dash + 1).toInt(&toOk);
            if (fromOk && (dash < 0 || toOk))
                node.slots.append({ from, to });
        }
        nodes.append(node);
    }
    return nodes;
}

std::optional<ClusterNode> ownerOf(const QList<ClusterNode> &nodes, int slot)
{
    for (const ClusterNode &node : nodes) {
        if (!node.primary)
            continue;
        for (const auto &[from, to] : node.slots) {
            if (slot >= from && slot <= to)
                return node;
        }
    }
    return std::nullopt;
}

} // namespace Dockmaster::ClusterNodes
