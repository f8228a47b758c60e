#include "core/editor/configcheck.h"

#include <algorithm>

namespace Dockmaster {

QList<ValidationIssue> StructuralConfigCheck::conflictMarkers(const QString &text)
{
    const QStringList lines = text.split(QLatin1Char('\n'));
    QList<ValidationIssue> issues;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        if (line.startsWith(QLatin1String("<<<<<<<")) || line.startsWith(QLatin1String(">>>>>>>"))
            || line == QLatin1String("=======") || line.startsWith(QLatin1String("||||||| "))) {
            issues.append(ValidationIssue::error(int(i + 1), tr("Unresolved merge conflict marker.")));
        }
    }
    return issues;
}

QList<ValidationIssue> StructuralConfigCheck::check(const QString &path, const QString &text) const
{
    QList<ValidationIssue> issues = conflictMarkers(text);
    if (!issues.isEmpty()) {
        return issues; // the structure of a half-merged file says nothing useful
    }
    const QStringList lines = text.split(QLatin1Char('\n'));
    const ConfigFileKind kind = configFileKindForPath(path);
    if (kind == ConfigFileKind::NginxSite) {
        checkNginx(lines, &issues);
    } else if (kind == ConfigFileKind::PhpFpmPool) {
        checkIni(lines, &issues);
    } else if (isYamlKind(kind)) {
        checkYaml(lines, &issues);
    }
    std::stable_sort(issues.begin(), issues.end(),
                     [](const ValidationIssue &a, const ValidationIssue &b) { return a.line < b.line; });
    return issues;
}

void StructuralConfigCheck::checkNginx(const QStringList &lines, QList<ValidationIssue> *issues)
{
    QList<int> openBlocks; // line of each unclosed '{'
    int statementLine = 0; // line where the pending statement began, 0: none
    QChar quote;
    int quoteLine = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const int lineNumber = int(i + 1);
        const QString &line = lines.at(i);
        for (qsizetype c = 0; c < line.size(); ++c) {
            const QChar ch = line.at(c);
            if (!quote.isNull()) {
                if (ch == QLatin1Char('\\')) {
                    ++c;
                } else if (ch == quote) {
                    quote = QChar();
                }
                continue;
            }
            if (ch == QLatin1Char('#')) {
                break;
            }
            if (ch == QLatin1Char('"') || ch == QLatin1Char('\'')) {
                quote = ch;
                quoteLine = lineNumber;
                if (!statementLine) {
                    statementLine = lineNumber;
                }
            } else if (ch == QLatin1Char('{')) {
                // Block headers sit on one line; one that starts earlier is
                // a directive whose ';' is missing.
                if (statementLine && statementLine != lineNumber) {
                    issues->append(
                        ValidationIssue::error(statementLine, tr("Missing ';' at the end of this directive.")));
                }
                openBlocks.append(lineNumber);
                statementLine = 0;
            } else if (ch == QLatin1Char('}')) {
                if (statementLine) {
                    issues->append(
                        ValidationIssue::error(statementLine, tr("Missing ';' at the end of this directive.")));
                    statementLine = 0;
                }
                if (openBlocks.isEmpty()) {
                    issues->append(ValidationIssue::error(lineNumber, tr("'}' closes a block that was never opened."),
                                                          int(c + 1)));
                } else {
                    openBlocks.removeLast();
                }
            } else if (ch == QLatin1Char(';')) {
                statementLine = 0;
            } else if (!ch.isSpace() && !statementLine) {
                statementLine = lineNumber;
            }
        }
    }
    if (!quote.isNull()) {
        // Everything after the quote was swallowed by it; one message says it all.
        issues->append(ValidationIssue::error(quoteLine, tr("This quoted string is never closed.")));
        return;
    }
    if (statementLine) {
        issues->append(ValidationIssue::error(statementLine, tr("Missing ';' at the end of this directive.")));
    }
    for (const int line : std::as_const(openBlocks)) {
        issues->append(ValidationIssue::error(line, tr("The block opened here is never closed with '}'.")));
    }
}

void StructuralConfigCheck::checkYaml(const QStringList &lines, QList<ValidationIssue> *issues)
{
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        for (qsizetype c = 0; c < line.size() && line.at(c).isSpace(); ++c) {
            if (line.at(c) == QLatin1Char('\t')) {
                issues->append(
                    ValidationIssue::error(int(i + 1), tr("YAML does not allow tabs for indentation."), int(c + 1)));
                break;
            }
        }
    }
}

void StructuralConfigCheck::checkIni(const QStringList &lines, QList<ValidationIssue> *issues)
{
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char(';')) || line.startsWith(QLatin1Char('#'))) {
            continue;
        }
        if (line.startsWith(QLatin1Char('['))) {
            if (!line.endsWith(QLatin1Char(']'))) {
                issues->append(ValidationIssue::error(int(i + 1), tr("The section name is not closed with ']'.")));
            }
        } else if (!line.contains(QLatin1Char('=')) || line.startsWith(QLatin1Char('='))) {
            issues->append(ValidationIssue::error(int(i + 1), tr("Expected \"name = value\".")));
        }
    }
}

} // namespace Dockmaster
