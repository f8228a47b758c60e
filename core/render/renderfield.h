#pragma once

#include <QString>

#include <array>
#include <optional>

namespace Dockmaster {

// Every value an admin or the inventory supplies for rendering one app's
// environment. Each has a stable key (forms, inventory JSON, error reports)
// and a translated label (messages).
enum class RenderField {
    AppId,
    Environment,
    HostName,
    HostAddress,
    ContainerPort,
    FallbackPort,
    ListenAddress,
    HttpPort,
    HttpsPort,
    Domain,
    FallbackMode,
    Image,
    CiImage,
    MemoryLimitMb,
    CpuMillis,
    PidsLimit,
    PhpMemoryLimitMb,
    PhpMaxExecutionSeconds,
    PhpUploadMaxMb,
    PhpMaxChildren,
    ConnectTimeoutSeconds,
    ReadTimeoutSeconds,
    FailTimeoutSeconds,
    TlsCertificatePath,
    TlsKeyPath,
    DeployBaseDir,
    RuntimeDir,
    LogDir,
    NginxSitesDir,
    FpmPoolDir,
    DeployUser,
    ExtraEnvNames,
    // Identity at the edge (issue 18); all optional, empty means off.
    AuthUrl,          // the company's auth endpoint, asked for every request
    LoginUrl,         // where an unauthenticated visitor is sent; empty: 401
    AnonymousPaths,   // "/public/,/health.php": served without signing in
    PermissionGrants, // "orders.read=editor|viewer;orders.write=editor"
    COUNT
};

inline constexpr int RenderFieldCount = static_cast<int>(RenderField::COUNT);

QString renderFieldKey(RenderField field);
std::optional<RenderField> renderFieldFromKey(const QString &key);
QString renderFieldLabel(RenderField field);

} // namespace Dockmaster
