#pragma once

#include "core/domain/records.h"
#include "core/logs/applogsourcefactory.h"
#include "core/profile/profile.h"

#include <QObject>
#include <QPointer>
#include <QSet>

namespace Dockmaster {

class MainWindow;
class PassphrasePrompt;
class SecretStore;

// Opens an app's logs in the logs dock: live from the Docker Engine API of
// its host (asking once for an encrypted TLS key's passphrase), or a time
// range of history from Loki.
class LogsController final : public QObject
{
    Q_OBJECT
public:
    LogsController(SecretStore *secrets, MainWindow *window, QObject *parent = nullptr);

    void setProfile(const Profile &profile) { m_profile = profile; }
    void setHosts(const QList<HostRecord> &hosts) { m_sources.setHosts(hosts); }

    void openLive(const AppRecord &app, Environment environment);
    void openHistory(const AppRecord &app, Environment environment);

private:
    QPointer<SecretStore> m_secrets;
    QPointer<MainWindow> m_window;
    Profile m_profile;
    AppLogSourceFactory m_sources;
    PassphrasePrompt *m_passphrases;
    QSet<QString> m_unlockedHosts; // hosts whose key passphrase is in the keychain
};

} // namespace Dockmaster
