#include "core/render/appenvironmentspec.h"

namespace Dockmaster {

QString fallbackModeKey(FallbackMode mode)
{
    return mode == FallbackMode::StaticMaintenance ? QStringLiteral("static-maintenance")
                                                   : QStringLiteral("hardened-php");
}

AppEnvironmentSpec AppEnvironmentSpec::withDefaults(const QString &appId, Environment environment)
{
    AppEnvironmentSpec spec;
    const QString env = environmentKey(environment);
    spec.setValue(RenderField::AppId, appId);
    spec.setValue(RenderField::Environment, env);
    spec.setValue(RenderField::ListenAddress, QStringLiteral("0.0.0.0"));
    spec.setValue(RenderField::HttpPort, QStringLiteral("80"));
    spec.setValue(RenderField::HttpsPort, QStringLiteral("443"));
    spec.setValue(RenderField::FallbackMode, fallbackModeKey(FallbackMode::HardenedPhp));
    spec.setValue(RenderField::Image, QStringLiteral("registry.example.com/platform/php-runtime:8.4"));
    spec.setValue(RenderField::CiImage, QStringLiteral("registry.example.com/platform/deployer:1"));
    spec.setValue(RenderField::MemoryLimitMb, QStringLiteral("256"));
    spec.setValue(RenderField::CpuMillis, QStringLiteral("500"));
    spec.setValue(RenderField::PidsLimit, QStringLiteral("128"));
    spec.setValue(RenderField::PhpMemoryLimitMb, QStringLiteral("128"));
    spec.setValue(RenderField::PhpMaxExecutionSeconds, QStringLiteral("30"));
    spec.setValue(RenderField::PhpUploadMaxMb, QStringLiteral("8"));
    spec.setValue(RenderField::PhpMaxChildren, QStringLiteral("4"));
    spec.setValue(RenderField::ConnectTimeoutSeconds, QStringLiteral("2"));
    spec.setValue(RenderField::ReadTimeoutSeconds, QStringLiteral("30"));
    spec.setValue(RenderField::FailTimeoutSeconds, QStringLiteral("10"));
    spec.setValue(RenderField::TlsCertificatePath,
                  QStringLiteral("/etc/ssl/dockmaster/") + appId + QLatin1Char('-') + env + QStringLiteral(".crt"));
    spec.setValue(RenderField::TlsKeyPath,
                  QStringLiteral("/etc/ssl/dockmaster/") + appId + QLatin1Char('-') + env + QStringLiteral(".key"));
    spec.setValue(RenderField::DeployBaseDir, QStringLiteral("/srv/plugins"));
    spec.setValue(RenderField::RuntimeDir, QStringLiteral("/run/dockmaster"));
    spec.setValue(RenderField::LogDir, QStringLiteral("/var/log/nginx"));
    spec.setValue(RenderField::NginxSitesDir, QStringLiteral("/etc/nginx/sites-enabled"));
    spec.setValue(RenderField::FpmPoolDir, QStringLiteral("/etc/php/8.4/fpm/pool.d"));
    spec.setValue(RenderField::DeployUser, QStringLiteral("deploy"));
    return spec;
}

void AppEnvironmentSpec::setExtraEnvNames(const QStringList &names)
{
    setValue(RenderField::ExtraEnvNames, names.join(QLatin1Char(',')));
}

} // namespace Dockmaster
