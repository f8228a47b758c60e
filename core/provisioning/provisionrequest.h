#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Dockmaster {

// What an admin asks for when creating an app, exactly as typed.
struct ProvisionRequest {
    QString name;
    QString owner; // GitLab username of the plugin developer
    QString description;
    QStringList environments; // "test", "production"
    QString testHost;         // empty: automatic (most free capacity)
    QString productionHost;   // empty: automatic
    QString fallbackMode;     // "hardened-php" | "static"
};

// One refused field: its key ("name", "owner", "description",
// "environments", "test_host", "production_host", "fallback_mode") and why.
struct ProvisionFieldError {
    QString field;
    QString message;
    bool operator==(const ProvisionFieldError &) const = default;
};

namespace ProvisionValidation {

// The longest name and description accepted (the wizard's fields let one
// more character in, so the message, not a silent cut, says so).
inline constexpr int MaxNameLength = 40;
inline constexpr int MaxDescriptionLength = 200;

// Each returns an empty string when the value is acceptable. All patterns
// are ASCII allow-lists, so look-alike letters, quotes, `$`, `;`, braces,
// slashes and line breaks never pass.
QString name(const QString &value);
QString owner(const QString &value);
QString description(const QString &value);
QString environments(const QStringList &value);
QString host(const QString &value); // empty is fine: automatic
QString fallbackMode(const QString &value);

// Every problem of the request, one per field, in form order.
QList<ProvisionFieldError> check(const ProvisionRequest &request);

// "hardened-php" or "static-maintenance" (the renderer's key) for a valid mode.
QString renderFallbackKey(const QString &mode);

} // namespace ProvisionValidation
} // namespace Dockmaster
