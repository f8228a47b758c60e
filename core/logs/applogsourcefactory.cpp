#include "core/logs/applogsourcefactory.h"

#include "core/keychain/secretstore.h"
#include "core/logs/dockerhostendpoint.h"
#include "core/logs/dockerlogsource.h"
#include "core/logs/lokilogsource.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>

namespace Dockmaster {

void AppLogSourceFactory::setHosts(const QList<HostRecord> &hosts)
{
    m_hosts.clear();
    for (const HostRecord &host : hosts)
        m_hosts.insert(host.name, host);
}

void AppLogSourceFactory::setSecrets(SecretStore *secrets, const QString &profileName)
{
    m_secrets = secrets;
    m_profileName = profileName;
}

QString AppLogSourceFactory::composeProject(const QString &appId, Environment environment)
{
    return appId + QLatin1Char('-') + environmentKey(environment);
}

std::unique_ptr<LogSource> AppLogSourceFactory::create(const AppRecord &app, Environment environment,
                                                       QString *error) const
{
    const auto translate = [](const char *text) {
        return QCoreApplication::translate("Dockmaster::AppLogSourceFactory", text);
    };
    const EnvironmentState *state = app.environment(environment);
    if (!state || state->host.isEmpty()) {
        *error = translate("%1 has no %2 environment on any host.").arg(app.id, environmentDisplayName(environment));
        return nullptr;
    }
    const auto host = m_hosts.constFind(state->host);
    if (host == m_hosts.cend()) {
        *error = translate("Host %1 of %2 is not in the inventory.").arg(state->host, app.id);
        return nullptr;
    }
    const std::optional<DockerEndpoint> endpoint = DockerHostEndpoint::resolve(*host, m_certificateDir, error);
    if (!endpoint)
        return nullptr;
    DockerLogOptions options;
    options.composeProject = composeProject(app.id, environment);
    auto source = std::make_unique<DockerLogSource>(*endpoint, options);
    if (endpoint->tls && m_secrets)
        source->setPassphraseSource(m_secrets, m_profileName, host->name);
    return source;
}

QString AppLogSourceFactory::hostNeedingPassphrase(const AppRecord &app, Environment environment) const
{
    const EnvironmentState *state = app.environment(environment);
    const auto host = state ? m_hosts.constFind(state->host) : m_hosts.cend();
    if (host == m_hosts.cend())
        return QString();
    QString ignored;
    const std::optional<DockerEndpoint> endpoint = DockerHostEndpoint::resolve(*host, m_certificateDir, &ignored);
    if (!endpoint || !endpoint->tls)
        return QString();
    QFile key(endpoint->clientKeyFile);
    // PEM marks encrypted keys in their header ("ENCRYPTED PRIVATE KEY" or a Proc-Type line).
    if (!key.open(QIODevice::ReadOnly) || !key.read(4096).contains("ENCRYPTED"))
        return QString();
    return host->name;
}

void AppLogSourceFactory::setLoki(const QUrl &url, const QString &tenant)
{
    m_lokiUrl = url;
    m_lokiTenant = tenant;
}

std::unique_ptr<LogSource> AppLogSourceFactory::createHistory(const AppRecord &app, Environment environment,
                                                              const QDateTime &from, const QDateTime &to,
                                                              bool thenFollow, QString *error) const
{
    if (m_lokiUrl.isEmpty()) {
        *error = QCoreApplication::translate("Dockmaster::AppLogSourceFactory",
                                             "No Loki is configured in the profile settings.");
        return nullptr;
    }
    static const QRegularExpression appIdPattern(QStringLiteral("^app[0-9]{7}$"));
    if (!appIdPattern.match(app.id).hasMatch()) {
        *error = QCoreApplication::translate("Dockmaster::AppLogSourceFactory", "\"%1\" is not an app id.").arg(app.id);
        return nullptr;
    }
    if (!from.isValid() || !to.isValid() || from >= to) {
        *error = QCoreApplication::translate("Dockmaster::AppLogSourceFactory", "The start must be before the end.");
        return nullptr;
    }
    LokiLogOptions options;
    options.baseUrl = m_lokiUrl;
    options.tenant = m_lokiTenant;
    // The app id and environment key are validated identifiers: safe inside the selector.
    options.query = QStringLiteral("{compose_project=\"%1\"}").arg(composeProject(app.id, environment));
    options.historyStartNs = from.toMSecsSinceEpoch() * 1000000LL;
    options.historyEndNs = to.toMSecsSinceEpoch() * 1000000LL;
    options.live = thenFollow;
    return std::make_unique<LokiLogSource>(options);
}

} // namespace Dockmaster
