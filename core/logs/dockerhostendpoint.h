#pragma once

#include "core/domain/records.h"
#include "core/logs/dockerendpoint.h"

#include <optional>

namespace Dockmaster {

// Turns an inventory host's `docker_api` into a connectable endpoint. The
// value comes from a repository many people can write to, so it is checked
// strictly: unix:///absolute/path or tcp://host:port, nothing else. Port 2376
// is Docker's TLS port: the client certificate files are then expected in
// <certificateDir>/<host name>/{ca,cert,key}.pem (Docker's DOCKER_CERT_PATH
// layout), and their absence is an error rather than a silent plain connection.
struct DockerHostEndpoint {
    static constexpr int TlsPort = 2376;

    static std::optional<DockerEndpoint> resolve(const HostRecord &host, const QString &certificateDir, QString *error);
};

} // namespace Dockmaster
