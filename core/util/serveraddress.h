#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace Dockmaster {

// "host:port" as the profile and Valkey's CLUSTER NODES write it, an IPv6
// address in brackets ("[2001:db8::5]:6379"). The host is kept without the
// brackets; whether it is a valid name is the caller's question.
struct ServerAddress {
    QString host;
    quint16 port = 0;

    // nullopt when there is no host or the port is not 1–65535.
    static std::optional<ServerAddress> parse(QStringView text);
    bool operator==(const ServerAddress &) const = default;
};

} // namespace Dockmaster
