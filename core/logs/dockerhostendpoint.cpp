#include "core/logs/dockerhostendpoint.h"

#include "core/util/validation.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHostAddress>
#include <QRegularExpression>

namespace Dockmaster {
namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("Dockmaster::DockerHostEndpoint", text);
}

bool isSafeSocketPath(const QString &path)
{
    static const QRegularExpression pattern(QStringLiteral("^(/[A-Za-z0-9._-]+)+$"));
    return path.size() <= 200 && pattern.match(path).hasMatch()
        && !path.split(QLatin1Char('/')).contains(QStringLiteral(".."));
}

} // namespace

std::optional<DockerEndpoint> DockerHostEndpoint::resolve(const HostRecord &host, const QString &certificateDir,
                                                          QString *error)
{
    if (host.dockerApi.isEmpty()) {
        *error = translate("The inventory gives no Docker Engine API for host %1 (\"docker_api\").").arg(host.name);
        return std::nullopt;
    }
    const QUrl url(host.dockerApi, QUrl::StrictMode);
    DockerEndpoint endpoint;
    if (url.scheme() == QLatin1String("unix") && url.host().isEmpty() && !url.hasQuery() && !url.hasFragment()
        && url.userInfo().isEmpty() && isSafeSocketPath(url.path())) {
        endpoint.url = url;
        return endpoint;
    }
    const bool hostIsValid
        = !url.host().isEmpty() && (!QHostAddress(url.host()).isNull() || Validation::hostName(url.host()).isEmpty());
    if (url.scheme() != QLatin1String("tcp") || !hostIsValid || url.port() < 1 || !url.userInfo().isEmpty()
        || !(url.path().isEmpty() || url.path() == QLatin1String("/")) || url.hasQuery() || url.hasFragment()) {
        *error = translate("Host %1 has an unusable Docker Engine API address; expected unix:///path/to/docker.sock "
                           "or tcp://host:port.")
                     .arg(host.name);
        return std::nullopt;
    }
    endpoint.url = url;
    if (url.port() != TlsPort)
        return endpoint;

    // The host name becomes a folder name: it must not lead anywhere else.
    if (!Validation::hostName(host.name).isEmpty()) {
        *error = translate("The inventory's host name \"%1\" is not a valid host name.").arg(host.name);
        return std::nullopt;
    }
    if (certificateDir.isEmpty()) {
        *error = translate("Host %1 serves its Docker Engine API over TLS: set the folder of the client "
                           "certificates in the profile settings.")
                     .arg(host.name);
        return std::nullopt;
    }
    const QDir folder(QDir(certificateDir).filePath(host.name));
    endpoint.tls = true;
    endpoint.caCertificateFile = folder.filePath(QStringLiteral("ca.pem"));
    endpoint.clientCertificateFile = folder.filePath(QStringLiteral("cert.pem"));
    endpoint.clientKeyFile = folder.filePath(QStringLiteral("key.pem"));
    for (const QString &file : { endpoint.caCertificateFile, endpoint.clientCertificateFile, endpoint.clientKeyFile }) {
        if (!QFileInfo(file).isReadable()) {
            *error = translate("The TLS client certificate file %1 for host %2 is missing or unreadable.")
                         .arg(QDir::toNativeSeparators(file), host.name);
            return std::nullopt;
        }
    }
    return endpoint;
}

} // namespace Dockmaster
