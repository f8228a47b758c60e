#include "core/editor/configcheck.h"

#include <QFileInfo>

#include <algorithm>

namespace Dockmaster {

ConfigKind configKindForPath(const QString &path)
{
    const QString lower = path.toLower();
    const QString name = QFileInfo(lower).fileName();
    const QString suffix = QFileInfo(lower).suffix();
    if (suffix == QLatin1String("yml") || suffix == QLatin1String("yaml")) {
        return ConfigKind::Yaml;
    }
    if (suffix == QLatin1String("php")) {
        return ConfigKind::Php;
    }
    if (suffix == QLatin1String("sh") || suffix == QLatin1String("bash")) {
        return ConfigKind::Shell;
    }
    const bool fpm = lower.contains(QLatin1String("fpm")) || lower.contains(QLatin1String("pool"))
        || lower.contains(QLatin1String("php"));
    if (suffix == QLatin1String("ini") || (suffix == QLatin1String("conf") && fpm)) {
        return ConfigKind::PhpFpmPool;
    }
    if (suffix == QLatin1String("conf") || lower.contains(QLatin1String("nginx")) || name == QLatin1String("site")) {
        return ConfigKind::Nginx;
    }
    return ConfigKind::Other;
}

QList<ConfigIssue> StructuralConfigCheck::conflictMarkers(const QString &text)
{
    const QStringList lines = text.split(QLatin1Char('\n'));
    QList<ConfigIssue> issues;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        if (line.startsWith(QLatin1String("<<<<<<<")) || line.startsWith(QLatin1String(">>>>>>>"))
            || line == QLatin1String("=======") || line.startsWith(QLatin1String("||||||| "))) {
            issues.append({ int(i + 1), 0, tr("Unresolved merge conflict marker.") });
        }
    }
    return issues;
}

QList<ConfigIssue> StructuralConfigCheck::check(const QString &path, const QString &text) const
{
    QList<ConfigIssue> issues = conflictMarkers(text);
    if (!issues.isEmpty()) {
        return issues; // the structure of a half-merged file says nothing useful
    }
    const QStringList lines = text.split(QLatin1Char('\n'));
    switch (configKindForPath(path)) {
    case ConfigKind::Nginx:
        checkNginx(lines, &issues);
        break;
    case ConfigKind::Yaml:
        checkYaml(lines, &issues);
        break;
    case ConfigKind::PhpFpmPool:
        checkIni(lines, &issues);
        break;
    case ConfigKind::Php:
    case ConfigKind::Shell:
    case ConfigKind::Other:
        break;
    }
    std::stable_sort(issues.begin(), issues.end(),
                     [](const ConfigIssue &a, const ConfigIssue &b) { return a.line < b.line; });
    return issues;
}

void StructuralConfigCheck::checkNginx(const QStringList &lines, QList<ConfigIssue> *issues)
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
                    issues->append({ statementLine, 0, tr("Missing ';' at the end of this directive.") });
                }
                openBlocks.append(lineNumber);
                statementLine = 0;
            } else if (ch == QLatin1Char('}')) {
                if (statementLine) {
                    issues->append({ statementLine, 0, tr("Missing ';' at the end of this directive.") });
                    statementLine = 0;
                }
                if (openBlocks.isEmpty()) {
                    issues->append({ lineNumber, int(c + 1), tr("'}' closes a block that was never opened.") });
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
        issues->append({ quoteLine, 0, tr("This quoted string is never closed.") });
        return;
    }
    if (statementLine) {
        issues->append({ statementLine, 0, tr("Missing ';' at the end of this directive.") });
    }
    for (const int line : std::as_const(openBlocks)) {
        issues->append({ line, 0, tr("The block opened here is never closed with '}'.") });
    }
}

void StructuralConfigCheck::checkYaml(const QStringList &lines, QList<ConfigIssue> *issues)
{
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        for (qsizetype c = 0; c < line.size() && line.at(c).isSpace(); ++c) {
            if (line.at(c) == QLatin1Char('\t')) {
                issues->append({ int(i + 1), int(c + 1), tr("YAML does not allow tabs for indentation.") });
                break;
            }
        }
    }
}

void StructuralConfigCheck::checkIni(const QStringList &lines, QList<ConfigIssue> *issues)
{
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char(';')) || line.startsWith(QLatin1Char('#'))) {
            continue;
        }
        if (line.startsWith(QLatin1Char('['))) {
            if (!line.endsWith(QLatin1Char(']'))) {
                issues->append({ int(i + 1), 0, tr("The section name is not closed with ']'.") });
            }
        } else if (!line.contains(QLatin1Char('=')) || line.startsWith(QLatin1Char('='))) {
            issues->append({ int(i + 1), 0, tr("Expected \"name = value\".") });
        }
    }
}

} // namespace Dockmaster
