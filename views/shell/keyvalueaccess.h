#pragma once

#include "core/platform/valkeyconnection.h"
#include "core/profile/profile.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace Dockmaster {

class AppKeyValueAdmin;
class KeyspaceBrowser;
class SecretReader;
class SecretStore;

// The profile's key/value store as its admin, for provisioning (an app's
// user made and removed): built once the admin password has been read from
// the keychain, rebuilt when the profile changes.
class KeyValueAccess final : public QObject
{
    Q_OBJECT
public:
    explicit KeyValueAccess(SecretStore *secrets, QObject *parent = nullptr);
    ~KeyValueAccess() override;

    void setProfile(const Profile &profile);
    // Calls back with the store's admin, or null and why not. A profile
    // without a key/value store answers null with no reason: there is
    // nothing to do there, which is not a failure.
    void withAdmin(std::function<void(AppKeyValueAdmin *admin, const QString &error)> use);
    // The same for the Platform services tab's browser. A profile without a
    // store answers null and says so.
    void withBrowser(std::function<void(KeyspaceBrowser *browser, const QString &error)> use);

private:
    // Reads the admin password from the keychain (once per profile), then `use`.
    void withPassword(std::function<void(const QString &password, const QString &error)> use);
    ValkeyEndpoint endpoint(const QString &password) const;

    SecretReader *m_secretReader; // child of this
    Profile m_profile;
    AppKeyValueAdmin *m_admin = nullptr; // child of this
    QPointer<KeyspaceBrowser> m_browser; // child of this
};

} // namespace Dockmaster
