#pragma once

#include "core/keychain/secretstore.h"
#include "core/profile/profilestore.h"
#include "sandbox/emulator/gitlabemulator.h"
#include "sandbox/emulator/sandboxseeder.h"
#include "views/shell/shell.h"

#include <QSignalSpy>
#include <QTest>
#include <QUrl>

#include <functional>
#include <memory>

namespace Dockmaster::Test {

// Options for a whole console (Shell) on a profile `name` for the seeded
// GitLab at `gitlab`, kept in settingsFile, its token in the real keychain;
// `adjust` changes the profile's other settings before it is saved.
inline ShellOptions consoleOnProfile(const QString &settingsFile, const QString &name, const QUrl &gitlab,
                                     const QString &token, const std::function<void(Profile &)> &adjust = {})
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
    if (adjust)
        adjust(profile);
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

// A GitLab emulator with its data in dataDir, seeded in bulk with appCount
// apps (projects and allocations, no git history) and answering; null when
// it could not listen.
inline std::unique_ptr<GitLabEmulator> startSeededGitLab(const QString &dataDir, int appCount, SandboxSeedResult *seed)
{
    auto gitlab = std::make_unique<GitLabEmulator>(dataDir);
    SandboxSeedOptions options;
    options.appCount = appCount;
    options.bulk = true;
    *seed = SandboxSeeder(*gitlab).seed(options);
    if (!gitlab->start())
        return nullptr;
    return gitlab;
}

} // namespace Dockmaster::Test
