#include "core/platform/edgegrants.h"

#include "core/platform/platformmanifest.h"
#include "core/util/untrustedtext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

namespace Dockmaster {

QByteArray EdgeGrants::toJson() const
{
    QJsonObject grants;
    for (auto it = roles.cbegin(); it != roles.cend(); ++it)
        grants.insert(it.key(), QJsonArray::fromStringList(it.value()));
    QJsonObject root;
    root.insert(QStringLiteral("grants"), grants);
    root.insert(QStringLiteral("open_paths"), QJsonArray::fromStringList(openPaths));
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QString EdgeGrants::permissionGrantsField() const
{
    QStringList entries;
    for (auto it = roles.cbegin(); it != roles.cend(); ++it)
        entries.append(it.key() + QLatin1Char('=') + it.value().join(QLatin1Char('|')));
    return entries.join(QLatin1Char(';'));
}

QString EdgeGrants::openPathsField() const
{
    return openPaths.join(QLatin1Char(','));
}

QStringList EdgeGrants::changesFrom(const EdgeGrants &before, Wording wording) const
{
    const auto text = [wording](const char *source) {
        return wording == Wording::Translated ? EdgeGrantsFile::tr(source) : QString::fromLatin1(source);
    };
    QStringList changes;
    QStringList permissions = roles.keys() + before.roles.keys();
    permissions.removeDuplicates();
    std::sort(permissions.begin(), permissions.end());
    for (const QString &permission : std::as_const(permissions)) {
        const QStringList now = roles.value(permission);
        const QStringList was = before.roles.value(permission);
        if (now == was)
            continue;
        if (now.isEmpty())
            changes.append(text(QT_TRANSLATE_NOOP("Dockmaster::EdgeGrantsFile", "%1: granted to nobody (was %2)"))
                               .arg(permission, was.join(u", ")));
        else if (was.isEmpty())
            changes.append(text(QT_TRANSLATE_NOOP("Dockmaster::EdgeGrantsFile", "%1: granted to %2"))
                               .arg(permission, now.join(u", ")));
        else
            changes.append(text(QT_TRANSLATE_NOOP("Dockmaster::EdgeGrantsFile", "%1: granted to %2 (was %3)"))
                               .arg(permission, now.join(u", "), was.join(u", ")));
    }
    for (const QString &path : openPaths)
        if (!before.openPaths.contains(path))
            changes.append(text(QT_TRANSLATE_NOOP("Dockmaster::EdgeGrantsFile", "%1: open without sign-in")).arg(path));
    for (const QString &path : before.openPaths)
        if (!openPaths.contains(path))
            changes.append(
                text(QT_TRANSLATE_NOOP("Dockmaster::EdgeGrantsFile", "%1: behind the sign-in again")).arg(path));
    return changes;
}

bool EdgeGrantsFile::isRoleName(const QString &role)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_.-]{1,64}$"));
    return pattern.match(role).hasMatch();
}

namespace {

// Adds one permission's roles, checked, sorted and without repeats.
void addRoles(EdgeGrantsResult &result, const QString &permission, QStringList roles)
{
    if (!PlatformManifests::isPermissionName(permission)) {
        result.errors.append(EdgeGrantsFile::tr("the permission name %1 is not allowed: lower-case letters, digits "
                                                "and ._- only, starting with a letter.")
                                 .arg(UntrustedText::line(permission)));
        return;
    }
    for (const QString &role : std::as_const(roles)) {
        if (!EdgeGrantsFile::isRoleName(role)) {
            result.errors.append(
                EdgeGrantsFile::tr("the role %1 of %2 is not allowed: letters, digits and ._- only, at most 64.")
                    .arg(UntrustedText::line(role), permission));
            return;
        }
    }
    std::sort(roles.begin(), roles.end());
    roles.erase(std::unique(roles.begin(), roles.end()), roles.end());
    if (roles.size() > EdgeGrants::MaxRolesPerPermission) {
        result.errors.append(EdgeGrantsFile::tr("%1 is granted to %2 roles: at most %3 are allowed.")
                                 .arg(permission)
                                 .arg(roles.size())
                                 .arg(EdgeGrants::MaxRolesPerPermission));
        return;
    }
    if (roles.isEmpty())
        result.grants.roles.remove(permission);
    else
        result.grants.roles.insert(permission, roles);
    if (result.grants.roles.size() > PlatformManifest::MaxPermissions)
        result.errors.append(
            EdgeGrantsFile::tr("at most %1 permissions can be granted.").arg(PlatformManifest::MaxPermissions));
}

} // namespace

EdgeGrantsResult EdgeGrantsFile::parse(const QByteArray &json)
{
    EdgeGrantsResult result;
    if (json.size() > EdgeGrants::MaxBytes) {
        result.errors.append(tr("the file is larger than %1 KiB.").arg(EdgeGrants::MaxBytes / 1024));
        return result;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (!document.isObject()) {
        result.errors.append(tr("it is not a JSON object (%1).").arg(parseError.errorString()));
        return result;
    }
    const QJsonObject root = document.object();
    const QJsonValue grants = root.value(QStringLiteral("grants"));
    if (!grants.isUndefined() && !grants.isObject())
        result.errors.append(tr("\"grants\" must map each permission to a list of roles."));
    const QJsonObject grantObject = grants.toObject();
    for (auto it = grantObject.constBegin(); it != grantObject.constEnd(); ++it) {
        if (!it.value().isArray()) {
            result.errors.append(tr("the roles of %1 must be a list.").arg(UntrustedText::line(it.key())));
            continue;
        }
        QStringList roles;
        for (const QJsonValue &role : it.value().toArray())
            roles.append(role.isString() ? role.toString() : QStringLiteral("?"));
        addRoles(result, it.key(), roles);
    }
    const QJsonValue paths = root.value(QStringLiteral("open_paths"));
    if (!paths.isUndefined() && !paths.isArray())
        result.errors.append(tr("\"open_paths\" must be a list of paths."));
    for (const QJsonValue &path : paths.toArray()) {
        if (!path.isString() || !PlatformManifests::isOpenPath(path.toString())) {
            result.errors.append(tr("the open path %1 is not allowed: it starts with / and has letters, digits and "
                                    "/_.- only (a folder ends with /; not the whole site).")
                                     .arg(UntrustedText::line(path.toVariant().toString())));
            continue;
        }
        if (!result.grants.openPaths.contains(path.toString()))
            result.grants.openPaths.append(path.toString());
    }
    if (result.grants.openPaths.size() > PlatformManifest::MaxPaths)
        result.errors.append(tr("at most %1 paths can be open.").arg(PlatformManifest::MaxPaths));
    std::sort(result.grants.openPaths.begin(), result.grants.openPaths.end());
    if (!result.ok())
        result.grants = {};
    return result;
}

EdgeGrantsResult EdgeGrantsFile::withRoles(EdgeGrants grants, const QString &permission, const QString &typedRoles)
{
    EdgeGrantsResult result;
    result.grants = std::move(grants);
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    addRoles(result, permission, typedRoles.split(separators, Qt::SkipEmptyParts));
    return result;
}

} // namespace Dockmaster
