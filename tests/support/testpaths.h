#pragma once

#include <QString>
#include <QtGlobal>

namespace Dockmaster::Test {

// Where the sources and the build are, from the environment ctest gives each
// test (dockmaster_add_test). Read at run time rather than compiled in, so a
// new clone's test objects still hit the shared compiler cache.
inline QString sourceDir()
{
    return qEnvironmentVariable("DOCKMASTER_SOURCE_DIR");
}

// Screenshots the tests save for people to look at.
inline QString screenshotDir()
{
    return qEnvironmentVariable("DOCKMASTER_BINARY_DIR") + QStringLiteral("/screenshots");
}

} // namespace Dockmaster::Test
