#include "core/render/templateengine.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace Dockmaster {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Dockmaster::TemplateEngine", text);
}

} // namespace

TemplateEngine::Result TemplateEngine::render(const QString &templateText, const QHash<QString, QString> &values)
{
    static const QRegularExpression placeholder(QStringLiteral("\\{\\{([a-z][a-z0-9_]*)\\}\\}"));
    static const QRegularExpression blockLine(QStringLiteral("\\A([ ]*)\\{\\{([a-z][a-z0-9_]*)\\}\\}[ ]*\\z"));

    Result result;
    QStringList output;
    const QStringList lines = templateText.split(QLatin1Char('\n'));
    for (qsizetype lineIndex = 0; lineIndex < lines.size(); ++lineIndex) {
        const QString &line = lines.at(lineIndex);
        const QRegularExpressionMatch block = blockLine.match(line);
        if (block.hasMatch()) {
            const QString name = block.captured(2);
            const auto it = values.constFind(name);
            if (it == values.cend()) {
                result.error = tr("line %1: unknown placeholder {{%2}}").arg(lineIndex + 1).arg(name);
                return result;
            }
            if (it->isEmpty())
                continue;
            const QString indent = block.captured(1);
            const QStringList valueLines = it->split(QLatin1Char('\n'));
            for (const QString &valueLine : valueLines)
                output.append(valueLine.isEmpty() ? QString() : indent + valueLine);
            continue;
        }

        QString rendered;
        qsizetype position = 0;
        QRegularExpressionMatchIterator matches = placeholder.globalMatch(line);
        while (matches.hasNext()) {
            const QRegularExpressionMatch match = matches.next();
            const auto it = values.constFind(match.captured(1));
            if (it == values.cend()) {
                result.error = tr("line %1: unknown placeholder {{%2}}").arg(lineIndex + 1).arg(match.captured(1));
                return result;
            }
            if (it->contains(QLatin1Char('\n'))) {
                result.error = tr("line %1: {{%2}} has several lines and must stand alone on its line")
                                   .arg(lineIndex + 1)
                                   .arg(match.captured(1));
                return result;
            }
            rendered += QStringView(line).mid(position, match.capturedStart() - position);
            rendered += *it;
            position = match.capturedEnd();
        }
        rendered += QStringView(line).mid(position);
        // Whatever is left that looks like a placeholder is a malformed one.
        QString rest = line;
        rest.remove(placeholder);
        if (rest.contains(QStringLiteral("{{")) || rest.contains(QStringLiteral("}}"))) {
            result.error = tr("line %1: malformed placeholder").arg(lineIndex + 1);
            return result;
        }
        output.append(rendered);
    }
    result.text = output.join(QLatin1Char('\n'));
    return result;
}

} // namespace Dockmaster
