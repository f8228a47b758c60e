#include "core/render/renderfield.h"

#include <QCoreApplication>

namespace Dockmaster {
namespace {

struct FieldNames {
    const char *key;
    const char *label;
};

// QT_TRANSLATE_NOOP keeps the labels visible to lupdate; they are translated
// when shown.
constexpr std::array<FieldNames, RenderFieldCount> fieldNames = { {
    { "appId", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "App ID") },
    { "environment", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "Environment") },
    { "hostName", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "Host name") },
    { "hostAddress", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "Host address") },
    { "containerPort", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "Container port") },
    { "fallbackPort", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "Fallback port") },
    { "listenAddress", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "Public listen address") },
    { "httpPort", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "Public HTTP port") },
    { "httpsPort", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "Public HTTPS port") },
    { "domain", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "Domain") },
    { "fallbackMode", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "Fallback mode") },
    { "image", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "Container image") },
    { "ciImage", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "Deploy job image") },
    { "memoryLimitMb", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "Memory limit (MiB)") },
    { "cpuMillis", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "CPU limit (milli-CPUs)") },
    { "pidsLimit", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "Process limit") },
    { "phpMemoryLimitMb", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "PHP memory limit (MiB)") },
    { "phpMaxExecutionSeconds", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "PHP maximum execution time (s)") },
    { "phpUploadMaxMb", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "Upload limit (MiB)") },
    { "phpMaxChildren", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "PHP worker processes") },
    { "connectTimeoutSeconds", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "Upstream connect timeout (s)") },
    { "readTimeoutSeconds", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "Upstream read timeout (s)") },
    { "failTimeoutSeconds", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "Upstream fail timeout (s)") },
    { "tlsCertificatePath", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "TLS certificate file") },
    { "tlsKeyPath", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "TLS key file") },
    { "deployBaseDir", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "Deploy folder") },
    { "runtimeDir", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "Runtime folder") },
    { "logDir", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "Log folder") },
    { "nginxSitesDir", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "nginx sites folder") },
    { "fpmPoolDir", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "php-fpm pool folder") },
    { "deployUser", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "Deploy user") },
    { "extraEnvNames", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "Extra environment variables") },
    { "authUrl", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "Sign-in check URL") },
    { "loginUrl", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "Sign-in page URL") },
    { "anonymousPaths", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "Paths open without signing in") },
    { "permissionGrants", QT_TRANSLATE_NOOP("Dockmaster::RenderField", "Permissions granted to roles") },
} };

} // namespace

QString renderFieldKey(RenderField field)
{
    return QString::fromLatin1(fieldNames.at(static_cast<std::size_t>(field)).key);
}

std::optional<RenderField> renderFieldFromKey(const QString &key)
{
    for (int i = 0; i < RenderFieldCount; ++i) {
        if (key == QLatin1String(fieldNames.at(static_cast<std::size_t>(i)).key))
            return static_cast<RenderField>(i);
    }
    return std::nullopt;
}

QString renderFieldLabel(RenderField field)
{
    return QCoreApplication::translate("Dockmaster::RenderField", fieldNames.at(static_cast<std::size_t>(field)).label);
}

} // namespace Dockmaster
