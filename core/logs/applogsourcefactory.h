#pragma once

#include "core/domain/records.h"

#include <QDateTime>
#include <QHash>
#include <QPointer>
#include <QUrl>

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

    // The host whose TLS client key is passphrase-protected, when following
    // this app's logs needs that passphrase from the keychain; empty otherwise.
    QString hostNeedingPassphrase(const AppRecord &app, Environment environment) const;

    // History from Loki between two times (then live when `thenFollow`). The
    // stream selector is {compose_project="<app>-<env>"}: the label the
    // platform's log shipper copies from the compose project label.
    void setLoki(const QUrl &url, const QString &tenant);
    bool hasLoki() const { return !m_lokiUrl.isEmpty(); }
    std::unique_ptr<LogSource> createHistory(const AppRecord &app, Environment environment, const QDateTime &from,
                                             const QDateTime &to, bool thenFollow, QString *error) const;

private:
    QHash<QString, HostRecord> m_hosts; // by name
    QString m_certificateDir;
    QPointer<SecretStore> m_secrets;
    QString m_profileName;
    QUrl m_lokiUrl;
    QString m_lokiTenant;
};

} // namespace Dockmaster
