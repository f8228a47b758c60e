#pragma once

#include "domain/records.h"

#include <QHash>
#include <QPointer>

#include <memory>

namespace Dockmaster {

class LogSource;
class SecretStore;

// Builds the live-log source of one app in one environment: the environment's
// host from the inventory, that host's Docker Engine API, and the compose
// project the rendered docker-compose.yaml names (<app id>-<environment>).
class AppLogSourceFactory final
{
public:
    void setHosts(const QList<HostRecord> &hosts);
    void setCertificateDir(const QString &dir) { m_certificateDir = dir; }
    // Where a TLS key's passphrase is looked up (per profile and host).
    void setSecrets(SecretStore *secrets, const QString &profileName);

    static QString composeProject(const QString &appId, Environment environment);

    // nullptr and `error` set when the app cannot be reached.
    std::unique_ptr<LogSource> create(const AppRecord &app, Environment environment, QString *error) const;

private:
    QHash<QString, HostRecord> m_hosts; // by name
    QString m_certificateDir;
    QPointer<SecretStore> m_secrets;
    QString m_profileName;
};

} // namespace Dockmaster
