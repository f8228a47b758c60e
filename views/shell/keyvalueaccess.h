#pragma once

#include "core/profile/profile.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace Dockmaster {

class AppKeyValueAdmin;
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

private:
    AppKeyValueAdmin *createAdmin(const QString &password);

    SecretReader *m_secretReader; // child of this
    Profile m_profile;
    AppKeyValueAdmin *m_admin = nullptr; // child of this
};

} // namespace Dockmaster
