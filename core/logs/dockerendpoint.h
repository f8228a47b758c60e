#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace Dockmaster {

// Where a host's Docker Engine API listens: unix:///run/docker.sock,
// tcp://host:2375, or tcp://host:2376 with TLS client certificates (paths from
// the profile). The key passphrase comes from the SecretStore at connect time
// and is never persisted.
struct DockerEndpoint {
    QUrl url;
    bool tls = false;
    QString caCertificateFile;
    QString clientCertificateFile;
    QString clientKeyFile;
    QByteArray keyPassphrase;
    QString apiVersion = QStringLiteral("v1.41"); // podman's compat API; Docker serves it too

    bool isUnixSocket() const { return url.scheme() == QLatin1String("unix"); }
    // Prefixes an API path ("/containers/json") with the API version.
    QByteArray target(const QByteArray &pathAndQuery) const;
};

} // namespace Dockmaster
