#pragma once

#include "profile/profile.h"

#include <QSettings>

#include <memory>
#include <optional>

namespace Dockmaster {

// Saves and loads profiles in QSettings. Never sees a secret.
class ProfileStore final
{
public:
    ProfileStore();                                    // the user's native settings
    explicit ProfileStore(const QString &iniFilePath); // a given file (tests, portable use)

    QStringList profileNames() const;
    std::optional<Profile> load(const QString &name) const;
    void save(const Profile &profile);
    void remove(const QString &name);

    QString lastUsedProfile() const;
    void setLastUsedProfile(const QString &name);

    QString fileName() const { return m_settings->fileName(); }

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace Dockmaster
