#include "core/platform/platformmanifest.h"

#include "core/util/untrustedtext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace Dockmaster {

bool PlatformManifests::isPermissionName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z][a-z0-9_.-]{0,63}$"));
    return pattern.match(name).hasMatch();
}

bool PlatformManifests::isOpenPath(const QString &path)
{
    static const QRegularExpression pattern(QStringLiteral("^/[A-Za-z0-9/_.-]{0,127}$"));
    return pattern.match(path).hasMatch() && path != QLatin1String("/") && !path.contains(QLatin1String("//"))
        && !path.contains(QLatin1String("/../")) && !path.endsWith(QLatin1String("/.."))
        && !path.startsWith(QLatin1String("/_platform"));
}

PlatformManifestResult PlatformManifests::parse(const QByteArray &json)
{
    PlatformManifestResult result;
    if (json.size() > PlatformManifest::MaxBytes) {
        result.errors.append(tr("platform.json is larger than %1 KiB.").arg(PlatformManifest::MaxBytes / 1024));
        return result;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        result.errors.append(parseError.error != QJsonParseError::NoError
                                 ? tr("platform.json is not valid JSON (%1 at byte %2).")
                                       .arg(parseError.errorString())
                                       .arg(parseError.offset)
                                 : tr("platform.json must hold one JSON object."));
        return result;
    }
    const QJsonObject root = document.object();
    static const QStringList known { QStringLiteral("permissions"), QStringLiteral("anonymous_paths"),
                                     QStringLiteral("kv_quota_mb") };
    for (auto it = root.constBegin(); it != root.constEnd(); ++it) {
        if (!known.contains(it.key()))
            result.errors.append(tr("platform.json has an unknown entry %1.").arg(UntrustedText::line(it.key())));
    }

    const QJsonValue permissions = root.value(QLatin1StringView("permissions"));
    if (!permissions.isUndefined() && !permissions.isObject()) {
        result.errors.append(tr("\"permissions\" must map each permission name to a one-line description."));
    } else {
        const QJsonObject map = permissions.toObject();
        if (map.size() > PlatformManifest::MaxPermissions)
            result.errors.append(tr("at most %1 permissions may be declared.").arg(PlatformManifest::MaxPermissions));
        for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
            const QString description = it.value().toString();
            if (!isPermissionName(it.key())) {
                result.errors.append(tr("the permission name %1 is not allowed: lower-case letters, digits and ._- "
                                        "only, starting with a letter.")
                                         .arg(UntrustedText::line(it.key())));
            } else if (!it.value().isString() || description.trimmed().isEmpty() || description.size() > 200
                       || description.contains(QLatin1Char('\n')) || UntrustedText::hasHiddenCharacters(description)) {
                result.errors.append(tr("the permission %1 needs a one-line description of at most 200 "
                                        "characters, without hidden characters.")
                                         .arg(it.key()));
            } else {
                result.manifest.permissions.append({ it.key(), description.trimmed() });
            }
        }
    }

    const QJsonValue paths = root.value(QLatin1StringView("anonymous_paths"));
    if (!paths.isUndefined() && !paths.isArray()) {
        result.errors.append(tr("\"anonymous_paths\" must be a list of paths."));
    } else {
        const QJsonArray list = paths.toArray();
        if (list.size() > PlatformManifest::MaxPaths)
            result.errors.append(tr("at most %1 open paths may be asked for.").arg(PlatformManifest::MaxPaths));
        for (const QJsonValue &path : list) {
            if (!path.isString() || !isOpenPath(path.toString())) {
                result.errors.append(tr("the open path %1 is not allowed: it starts with / and has letters, digits "
                                        "and /_.- only (a folder ends with /; not the whole site).")
                                         .arg(UntrustedText::line(path.toVariant().toString())));
            } else if (!result.manifest.anonymousPaths.contains(path.toString())) {
                result.manifest.anonymousPaths.append(path.toString());
            }
        }
    }

    const QJsonValue quota = root.value(QLatin1StringView("kv_quota_mb"));
    if (!quota.isUndefined()) {
        const double mb = quota.toDouble(-1);
        if (!quota.isDouble() || mb != double(int(mb)) || mb < 1 || mb > PlatformManifest::MaxQuotaMb)
            result.errors.append(
                tr("\"kv_quota_mb\" must be a whole number from 1 to %1.").arg(PlatformManifest::MaxQuotaMb));
        else
            result.manifest.kvQuotaMb = int(mb);
    }
    if (!result.ok())
        result.manifest = {};
    return result;
}

} // namespace Dockmaster
