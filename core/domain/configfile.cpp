#include "core/domain/configfile.h"

#include <QFileInfo>

namespace Dockmaster {

ConfigFileKind configFileKindForPath(const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    if (name == QLatin1String(".gitlab-ci.yml"))
        return ConfigFileKind::GitlabCi;
    if (name.startsWith(QLatin1String("docker-compose")) || name.startsWith(QLatin1String("compose"))) {
        if (name.endsWith(QLatin1String(".yaml")) || name.endsWith(QLatin1String(".yml")))
            return ConfigFileKind::Compose;
    }
    if (name.startsWith(QLatin1String("php-fpm")) && name.endsWith(QLatin1String(".conf")))
        return ConfigFileKind::PhpFpmPool;
    if (name.startsWith(QLatin1String("nginx")) && name.endsWith(QLatin1String(".conf")))
        return ConfigFileKind::NginxSite;

    const QString lower = path.toLower();
    const QString suffix = QFileInfo(lower).suffix();
    if (suffix == QLatin1String("yml") || suffix == QLatin1String("yaml"))
        return name.contains(QLatin1String("compose")) ? ConfigFileKind::Compose : ConfigFileKind::Yaml;
    if (suffix == QLatin1String("php"))
        return ConfigFileKind::Php;
    if (suffix == QLatin1String("sh") || suffix == QLatin1String("bash"))
        return ConfigFileKind::Shell;
    const bool fpm = lower.contains(QLatin1String("fpm")) || lower.contains(QLatin1String("pool"))
        || lower.contains(QLatin1String("php"));
    if (suffix == QLatin1String("ini") || (suffix == QLatin1String("conf") && fpm))
        return ConfigFileKind::PhpFpmPool;
    if (suffix == QLatin1String("conf") || lower.contains(QLatin1String("nginx"))
        || QFileInfo(lower).fileName() == QLatin1String("site"))
        return ConfigFileKind::NginxSite;
    return ConfigFileKind::Other;
}

bool isYamlKind(ConfigFileKind kind)
{
    return kind == ConfigFileKind::Compose || kind == ConfigFileKind::GitlabCi || kind == ConfigFileKind::Yaml;
}

} // namespace Dockmaster
