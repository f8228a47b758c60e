#pragma once

#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

namespace Dockmaster {

// What the shell needs of the demo platform behind `dockmaster --sandbox`: a
// GitLab with demo data and, where the machine allows, containers and a DNS
// server. The implementation (sandbox/platform) and the GitLab emulator it
// runs are built only with DOCKMASTER_WITH_SANDBOX; app/main.cpp plugs them in
// through a SandboxFactory, so the product libraries never link them.
class Sandbox : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~Sandbox() override = default;

    // ready() or failed() follows; then containersReady() or
    // containersUnavailable(), dnsReady() or dnsUnavailable(), and
    // keyValueReady() or keyValueUnavailable().
    virtual void start() = 0;
    virtual QUrl gitlabUrl() const = 0;
    virtual QString adminToken() const = 0;
    // The domain suffixes of the demo inventory.
    virtual QString testDomainSuffix() const = 0;
    virtual QString productionDomainSuffix() const = 0;
    // Sign-in at the edge as the demo platform has it (empty: none).
    virtual QString edgeAuthUrl() const { return {}; }
    virtual QString edgeLoginUrl() const { return {}; }

Q_SIGNALS:
    void ready();
    void failed(const QString &message);
    void containersReady(const QStringList &appIds);
    void containersUnavailable(const QString &reason);
    void dnsReady(const QUrl &apiUrl, const QString &apiKey, quint16 dnsPort);
    void dnsUnavailable(const QString &reason);
    // The platform's key/value store ("host:port", no TLS: it is on this
    // computer), its admin being the default user with this password.
    void keyValueReady(const QString &address, const QString &adminPassword);
    void keyValueUnavailable(const QString &reason);
};

using SandboxFactory = std::function<std::unique_ptr<Sandbox>()>;

} // namespace Dockmaster
