#pragma once

#include <QString>
#include <QStringList>

namespace Dockmaster::PlatformVariables {

// The CI/CD variables through which the platform's services reach an app's
// code: provisioning sets them on the app's management project, the deploy
// job hands them to the container and the host-local fallback, and the
// plugin SDK (resources/skeleton/Platform.php) reads them. The names are the
// platform's own: an app's extra environment names may not repeat them.
inline QStringList keyValueNames()
{
    return { QStringLiteral("PLATFORM_KV_HOST"),     QStringLiteral("PLATFORM_KV_PORT"),
             QStringLiteral("PLATFORM_KV_SEEDS"),    QStringLiteral("PLATFORM_KV_USER"),
             QStringLiteral("PLATFORM_KV_PASSWORD"), QStringLiteral("PLATFORM_KV_PREFIX") };
}

inline bool isPlatformName(const QString &name)
{
    return keyValueNames().contains(name);
}

} // namespace Dockmaster::PlatformVariables
