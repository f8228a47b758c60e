#pragma once

#include "sandbox/emulator/emulatorstore.h"

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QTimeZone>

namespace Dockmaster {

class GitLabEmulator;

struct SandboxSeedOptions {
    QString rootGroup = QStringLiteral("plugins");
    int appCount = 20;
    // Bulk: projects, inventory allocations and a few issues, but no git
    // history per app (the repositories stay empty); for sync benchmarks.
    bool bulk = false;
    // When set, every host's "docker_api" (the sandbox points them all at its
    // local podman so live logs work on the demo apps).
    QString dockerApi;
    // Sign-in at the edge as the sandbox profile has it: the environment
    // branches are rendered with it, and the shops grant their permissions in
    // production. Empty: no sign-in, nothing granted.
    QString edgeAuthUrl;
    QString edgeLoginUrl;
    // Every timestamp derives from this, so seeding is reproducible (same SHAs).
    QDateTime epoch = QDateTime(QDate(2026, 1, 5), QTime(9, 0), QTimeZone::UTC);
};

struct SandboxSeedResult {
    qint64 rootGroupId = 0;
    qint64 appsGroupId = 0;
    qint64 opsGroupId = 0;
    qint64 inventoryProjectId = 0;
    QStringList appIds;             // app<7 digits>, in creation order
    QList<EmulatorUser> developers; // tokens "<username>-token"
    QString adminToken;             // the emulator's root administrator
    QString secondAdminToken;       // "alice", a second admin
    QString thirdAdminToken;        // "bob", Maintainer of the root group (no instance administrator)
    int pendingReleaseRequests = 0;
};

// Fills an emulator with the demo platform: groups, an inventory of docker
// hosts and allocations, apps with code and management repositories (real
// git, `codes` submodule pinned per environment), past pipelines and
// deployments, and release requests in various states.
class SandboxSeeder
{
public:
    explicit SandboxSeeder(GitLabEmulator &emulator);

    SandboxSeedResult seed(const SandboxSeedOptions &options = {});

    static QString appId(int index); // index from 0
    // dockerApi empty: each host gets tcp://<address>:2376.
    static QString hostsJson(const QString &rootGroup, const QString &dockerApi = QString());

private:
    GitLabEmulator &m_emulator;
};

} // namespace Dockmaster
