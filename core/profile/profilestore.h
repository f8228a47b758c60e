#pragma once

#include "core/profile/profile.h"

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
    // As stored, for editing (the settings dialog shows what is wrong).
    std::optional<Profile> load(const QString &name) const;
    // For connecting: the settings file is as untrusted as anything typed, so
    // a profile the settings dialog would refuse to save (a plain-http URL to
    // another computer, a malformed group, ...) is refused here, before any
    // token is sent, with a message naming the field.
    std::optional<Profile> loadForUse(const QString &name, QString *refusal) const;
    void save(const Profile &profile);
    void remove(const QString &name);

    QString lastUsedProfile() const;
    void setLastUsedProfile(const QString &name);

    QString fileName() const { return m_settings->fileName(); }

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace Dockmaster
