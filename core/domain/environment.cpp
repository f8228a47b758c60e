#include "core/domain/environment.h"

#include <QCoreApplication>

namespace Dockmaster {

QString environmentKey(Environment environment)
{
    return environment == Environment::Production ? QStringLiteral("production") : QStringLiteral("test");
}

std::optional<Environment> environmentFromKey(const QString &key)
{
    if (key == QLatin1String("test"))
        return Environment::Test;
    if (key == QLatin1String("production"))
        return Environment::Production;
    return std::nullopt;
}

QString environmentBranch(Environment environment)
{
    return QStringLiteral("env/") + environmentKey(environment);
}

QString environmentDisplayName(Environment environment)
{
    return environment == Environment::Production ? QCoreApplication::translate("Dockmaster::Environment", "Production")
                                                  : QCoreApplication::translate("Dockmaster::Environment", "Test");
}

} // namespace Dockmaster
