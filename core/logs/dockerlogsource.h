#pragma once

#include "core/logs/dockerendpoint.h"
#include "core/logs/logsource.h"

#include <QPointer>

namespace Dockmaster {

class SecretStore;

struct DockerLogOptions {
    QString composeProject; // containers labelled com.docker.compose.project=<this>
    int tail = 1000;        // history lines per container on first connect (-1: all)
    int flushIntervalMs = 25;
    int mergeHoldbackMs = 300; // how long lines wait for other containers' older lines
    int reconnectInitialMs = 250;
    int reconnectMaxMs = 5000;
    int rescanIntervalMs = 3000; // finds new and restarted containers
};

// Live logs of one app's containers through a host's Docker Engine API (also
// podman's compatible service). Reconnects after drops with since=<last
// timestamp> and drops the lines it had already delivered.
class DockerLogSource final : public LogSource
{
    Q_OBJECT
public:
    DockerLogSource(const DockerEndpoint &endpoint, const DockerLogOptions &options, QObject *parent = nullptr);
    ~DockerLogSource() override;

    // For a TLS key with a passphrase: read from the store under
    // SecretStore::dockerKeyPassphraseKey(profile, host) before connecting.
    void setPassphraseSource(SecretStore *store, const QString &profile, const QString &host);

protected:
    LogWorker *createWorker() override;
    void prepare(const std::function<void()> &proceed) override;

private:
    DockerEndpoint m_endpoint;
    DockerLogOptions m_options;
    QPointer<SecretStore> m_secrets;
    QString m_secretKey;
    QMetaObject::Connection m_secretConnection;
    QMetaObject::Connection m_secretFailedConnection;
};

} // namespace Dockmaster
