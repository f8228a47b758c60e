#pragma once

#include <QString>

#include <optional>

namespace Dockmaster {

// The two deployment environments of every app; each has its own branch
// (`env/test`, `env/production`) in the app's management repository.
enum class Environment { Test, Production };

inline constexpr Environment AllEnvironments[] = { Environment::Test, Environment::Production };

// Stable machine names used in GitLab labels, branches and the cache.
QString environmentKey(Environment environment);
std::optional<Environment> environmentFromKey(const QString &key);
QString environmentBranch(Environment environment);
// Localised, for people.
QString environmentDisplayName(Environment environment);

} // namespace Dockmaster
