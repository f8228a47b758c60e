#pragma once

#include "core/render/appenvironmentspec.h"

#include <QString>

// Render inputs shared by the render tests; the golden files in
// tests/data/render/<case>/ are what these produce.
namespace Dockmaster::RenderFixtures {

inline AppEnvironmentSpec phpTest()
{
    AppEnvironmentSpec spec = AppEnvironmentSpec::withDefaults(QStringLiteral("app0000042"), Environment::Test);
    spec.setValue(RenderField::HostName, QStringLiteral("docker-test-1.example.net"));
    spec.setValue(RenderField::HostAddress, QStringLiteral("192.0.2.10"));
    spec.setValue(RenderField::ContainerPort, QStringLiteral("21042"));
    spec.setValue(RenderField::FallbackPort, QStringLiteral("20042"));
    spec.setValue(RenderField::Domain, QStringLiteral("app0000042.test.plugins.example.com"));
    spec.setExtraEnvNames({ QStringLiteral("PLATFORM_KV_TOKEN"), QStringLiteral("PLATFORM_AUTH_TOKEN") });
    return spec;
}

inline AppEnvironmentSpec staticProduction()
{
    AppEnvironmentSpec spec = AppEnvironmentSpec::withDefaults(QStringLiteral("app0000043"), Environment::Production);
    spec.setValue(RenderField::HostName, QStringLiteral("docker-prod-2.example.net"));
    spec.setValue(RenderField::HostAddress, QStringLiteral("198.51.100.7"));
    spec.setValue(RenderField::ContainerPort, QStringLiteral("21043"));
    spec.setValue(RenderField::FallbackPort, QStringLiteral("20043"));
    spec.setValue(RenderField::Domain, QStringLiteral("app0000043.plugins.example.com"));
    spec.setValue(RenderField::FallbackMode, QStringLiteral("static-maintenance"));
    spec.setValue(RenderField::MemoryLimitMb, QStringLiteral("512"));
    spec.setValue(RenderField::CpuMillis, QStringLiteral("1500"));
    spec.setValue(RenderField::ReadTimeoutSeconds, QStringLiteral("15"));
    return spec;
}

} // namespace Dockmaster::RenderFixtures
