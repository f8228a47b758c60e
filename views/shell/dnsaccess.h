#pragma once

#include "core/domain/records.h"
#include "core/profile/profile.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QNetworkAccessManager;

namespace Dockmaster {

class DnsProvider;
class MainWindow;
class SecretReader;
class SecretStore;

// The profile's DNS provider, built once its credential has been read from
// the keychain, for the create-app wizard and the DNS records check. Also
// opens the per-app reconciliation window (expected records against what the
// provider reports, one click to fix).
class DnsAccess final : public QObject
{
    Q_OBJECT
public:
    DnsAccess(SecretStore *secrets, MainWindow *window, QObject *parent = nullptr);
    ~DnsAccess() override;

    void setProfile(const Profile &profile);
    void setHosts(const QList<HostRecord> &hosts) { m_hosts = hosts; }
    // Calls back with the provider, or null and why not (no provider set up,
    // keychain entry missing).
    void withProvider(std::function<void(DnsProvider *provider, const QString &error)> use);
    // The reconciliation window of one app.
    void showRecordsOf(const AppRecord &app);

Q_SIGNALS:
    void recordsFixed(const QString &appId, bool ok);

private:
    QString addressOf(const AppRecord &app, Environment environment) const;

    QPointer<MainWindow> m_window;
    Profile m_profile;
    QList<HostRecord> m_hosts;
    QNetworkAccessManager *m_network;
    DnsProvider *m_provider = nullptr; // child of this
    SecretReader *m_secretReader;      // child of this
};

} // namespace Dockmaster
