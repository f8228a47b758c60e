#include "core/editor/validatorcheck.h"

namespace Dockmaster {

namespace {

// The kinds the renderer's checks know; the others get the editor's
// StructuralConfigCheck.
bool validatorKnows(ConfigFileKind kind)
{
    return kind == ConfigFileKind::NginxSite || kind == ConfigFileKind::PhpFpmPool || kind == ConfigFileKind::Compose
        || kind == ConfigFileKind::GitlabCi;
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

QList<ValidationIssue> ValidatorConfigCheck::check(const QString &path, const QString &text) const
{
    const ConfigFileKind kind = configFileKindForPath(path);
    if (!validatorKnows(kind) || !StructuralConfigCheck::conflictMarkers(text).isEmpty()) {
        return StructuralConfigCheck().check(path, text);
    }
    const ValidationReport report = ConfigValidation::run(path, text.toUtf8(), kind, m_tools);
    // The editor's problem list names the checker that found each issue.
    QList<ValidationIssue> issues = report.issues;
    for (ValidationIssue &issue : issues) {
        issue.message = issue.severity == ValidationIssue::Severity::Warning
            ? tr("Warning (%1): %2").arg(report.checker, issue.message)
            : tr("%1: %2").arg(report.checker, issue.message);
    }
    return issues;
}

} // namespace Dockmaster
