#include "core/editor/validatorcheck.h"

#include <QFileInfo>

namespace Dockmaster {

namespace {

ConfigFileKind validatorKind(const QString &path)
{
    const ConfigFileKind byName = configFileKindForPath(path);
    if (byName != ConfigFileKind::Other) {
        return byName;
    }
    // Management repositories also keep files under other names
    // (nginx/site.conf, php-fpm/pool.conf): fall back to the editor's guess.
    switch (configKindForPath(path)) {
    case ConfigKind::Nginx:
        return ConfigFileKind::NginxSite;
    case ConfigKind::PhpFpmPool:
        return ConfigFileKind::PhpFpmPool;
    case ConfigKind::Yaml:
        return QFileInfo(path).fileName().contains(QLatin1String("compose")) ? ConfigFileKind::Compose
                                                                             : ConfigFileKind::Other;
    case ConfigKind::Php:
    case ConfigKind::Shell:
    case ConfigKind::Other:
        break;
    }
    return ConfigFileKind::Other;
}

} // namespace

ValidatorConfigCheck::ValidatorConfigCheck()
    : m_tools(ConfigValidation::Tools::detect())
{
}

ValidatorConfigCheck::ValidatorConfigCheck(ConfigValidation::Tools tools)
    : m_tools(std::move(tools))
{
}

QList<ConfigIssue> ValidatorConfigCheck::check(const QString &path, const QString &text) const
{
    const ConfigFileKind kind = validatorKind(path);
    if (kind == ConfigFileKind::Other || !StructuralConfigCheck::conflictMarkers(text).isEmpty()) {
        return StructuralConfigCheck().check(path, text);
    }
    const ValidationReport report = ConfigValidation::run(path, text.toUtf8(), kind, m_tools);
    QList<ConfigIssue> issues;
    for (const ValidationIssue &issue : report.issues) {
        const QString message = issue.severity == ValidationIssue::Severity::Warning
            ? tr("Warning (%1): %2").arg(report.checker, issue.message)
            : tr("%1: %2").arg(report.checker, issue.message);
        issues.append({ issue.line, issue.column, message });
    }
    return issues;
}

} // namespace Dockmaster
