#pragma once

#include "core/keychain/secretstore.h"
#include "core/profile/profilestore.h"
#include "views/shell/shell.h"

#include <QSignalSpy>
#include <QTest>
#include <QUrl>

namespace Dockmaster::Test {

// Options for a whole console (Shell) on a profile `name` for the seeded
// GitLab at `gitlab`, kept in settingsFile, its token in the real keychain.
inline ShellOptions consoleOnProfile(const QString &settingsFile, const QString &name, const QUrl &gitlab,
                                     const QString &token)
{
    ShellOptions options;
    options.settingsFile = settingsFile;
    ProfileStore profiles(options.settingsFile);
    Profile profile;
    profile.name = name;
    profile.gitlabUrl = gitlab;
    profile.rootGroup = QStringLiteral("plugins");
    profile.inventoryProject = QStringLiteral("plugins/ops/inventory");
    profile.testDomainSuffix = QStringLiteral("test.plugins.example.com");
    profile.productionDomainSuffix = QStringLiteral("plugins.example.com");
    profiles.save(profile);
    profiles.setLastUsedProfile(name);
    options.profileName = name;
    KeychainSecretStore secrets;
    QSignalSpy written(&secrets, &SecretStore::secretWritten);
    QSignalSpy failed(&secrets, &SecretStore::failed);
    secrets.write(SecretStore::gitlabTokenKey(name), token);
    if (!QTest::qWaitFor([&] { return !written.isEmpty() || !failed.isEmpty(); }, 30000) || !failed.isEmpty())
        qWarning("the keychain did not store the token");
    return options;
}

} // namespace Dockmaster::Test
