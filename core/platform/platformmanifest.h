#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace Dockmaster {

// What a plugin asks of the platform, from platform.json at the root of its
// code repository (issue 18):
//
//   {
//     "permissions": { "orders.read": "See the shop's orders" },
//     "anonymous_paths": ["/health.php", "/public/"],
//     "kv_quota_mb": 10
//   }
//
// Third-party text: every value is checked against the rules the edge and
// the store apply (the same names and paths the render fields accept), and
// a manifest that breaks one is refused as a whole with the reasons.
struct PlatformManifest {
    struct Permission {
        QString name;        // "orders.read"
        QString description; // one line, plain text, shown to admins
        bool operator==(const Permission &) const = default;
    };
    QList<Permission> permissions;
    QStringList anonymousPaths;
    int kvQuotaMb = 0; // 0: the platform's default
    int quotaMb() const { return kvQuotaMb > 0 ? kvQuotaMb : DefaultQuotaMb; }

    static constexpr qsizetype MaxBytes = 64 * 1024;
    static constexpr int MaxPermissions = 64;
    static constexpr int MaxPaths = 32;
    static constexpr int MaxQuotaMb = 1024;
    // What an app that asks for nothing gets (the skeleton's manifest asks for as much).
    static constexpr int DefaultQuotaMb = 10;

    bool operator==(const PlatformManifest &) const = default;
};

struct PlatformManifestResult {
    PlatformManifest manifest;
    QStringList errors; // translated, one per problem; empty when accepted
    bool ok() const { return errors.isEmpty(); }
};

class PlatformManifests
{
    Q_DECLARE_TR_FUNCTIONS(Dockmaster::PlatformManifests)
public:
    static PlatformManifestResult parse(const QByteArray &json);
    static bool isPermissionName(const QString &name);
    static bool isOpenPath(const QString &path);
};

} // namespace Dockmaster
