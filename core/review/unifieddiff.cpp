#include "core/review/unifieddiff.h"

#include <QRegularExpression>

namespace Dockmaster::UnifiedDiff {

namespace {

QStringList splitLines(const QString &text)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    // A trailing newline ends the last line; it does not start another.
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    for (QString &line : lines) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
    }
    return lines;
}

// "a/src/x.php" -> "src/x.php"; git quotes unusual names ("\"a/x y\"").
QString stripPrefix(QString path)
{
    if (path.size() >= 2 && path.startsWith(QLatin1Char('"')) && path.endsWith(QLatin1Char('"')))
        path = path.mid(1, path.size() - 2);
    if (path == QLatin1String("/dev/null"))
        return {};
    if (path.startsWith(QLatin1String("a/")) || path.startsWith(QLatin1String("b/")))
        return path.mid(2);
    return path;
}

} // namespace

bool parseHunkHeader(QStringView line, HunkHeader *out)
{
    // By hand rather than a regular expression: the scanner reads every line
    // of a release. Same grammar as ^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@
    qsizetype pos = 0;
    auto literal = [&](QStringView s) {
        if (!line.mid(pos).startsWith(s))
            return false;
        pos += s.size();
        return true;
    };
    auto number = [&](int *value) {
        const qsizetype start = pos;
        while (pos < line.size() && line.at(pos) >= QLatin1Char('0') && line.at(pos) <= QLatin1Char('9'))
            ++pos;
        if (pos == start)
            return false;
        *value = line.mid(start, pos - start).toInt(); // 0 on overflow, like QString::toInt
        return true;
    };
    auto count = [&](int *value) {
        *value = 1;
        if (pos >= line.size() || line.at(pos) != QLatin1Char(','))
            return true;
        ++pos;
        return number(value);
    };
    HunkHeader h;
    if (!literal(u"@@ -") || !number(&h.oldStart) || !count(&h.oldCount) || !literal(u" +") || !number(&h.newStart)
        || !count(&h.newCount) || !literal(u" @@"))
        return false;
    *out = h;
    return true;
}

QList<DiffLine> parseLines(const QString &diff)
{
    QList<DiffLine> out;
    forEachLine(diff, [&out](DiffLine::Kind kind, int oldLine, int newLine, QStringView text) {
        // Hunk, header and "\ No newline" lines keep their marker; the others drop it.
        out.append(DiffLine { kind, oldLine, newLine, text.toString() });
    });
    return out;
}

std::pair<int, int> countChanges(const QString &diff)
{
    int added = 0;
    int removed = 0;
    forEachLine(diff, [&](DiffLine::Kind kind, int, int, QStringView) {
        if (kind == DiffLine::Kind::Added)
            ++added;
        else if (kind == DiffLine::Kind::Removed)
            ++removed;
    });
    return { added, removed };
}

QList<FileDiff> parseFiles(const QString &patch)
{
    QList<FileDiff> files;
    static const QRegularExpression gitHeader(QStringLiteral(R"(^diff --git ("?a/.*"?) ("?b/.*"?)$)"));
    QStringList current;
    bool inHeader = false;
    auto flush = [&files, &current] {
        if (current.isEmpty() || files.isEmpty())
            return;
        files.last().diff = current.join(QLatin1Char('\n')) + QLatin1Char('\n');
        current.clear();
    };
    for (const QString &line : splitLines(patch)) {
        if (line.startsWith(QLatin1String("diff --git "))) {
            flush();
            FileDiff file;
            const auto m = gitHeader.match(line);
            if (m.hasMatch()) {
                file.oldPath = stripPrefix(m.captured(1));
                file.newPath = stripPrefix(m.captured(2));
            }
            files.append(file);
            inHeader = true;
            current.append(line);
            continue;
        }
        if (files.isEmpty()) {
            // A plain "--- / +++" patch without git headers starts a file too.
            if (!line.startsWith(QLatin1String("--- ")))
                continue;
            files.append(FileDiff {});
            inHeader = true;
        }
        FileDiff &file = files.last();
        if (line.startsWith(QLatin1String("@@")))
            inHeader = false;
        if (inHeader) {
            if (line.startsWith(QLatin1String("new file mode"))) {
                file.newFile = true;
            } else if (line.startsWith(QLatin1String("deleted file mode"))) {
                file.deletedFile = true;
            } else if (line.startsWith(QLatin1String("rename from "))) {
                file.renamedFile = true;
                file.oldPath = line.mid(12);
            } else if (line.startsWith(QLatin1String("rename to "))) {
                file.renamedFile = true;
                file.newPath = line.mid(10);
            } else if (line.startsWith(QLatin1String("Binary files ")) || line == QLatin1String("GIT binary patch")) {
                file.binary = true;
            } else if (line.startsWith(QLatin1String("--- "))) {
                const QString path = stripPrefix(line.mid(4).section(QLatin1Char('\t'), 0, 0));
                if (path.isEmpty())
                    file.newFile = true;
                else
                    file.oldPath = path;
            } else if (line.startsWith(QLatin1String("+++ "))) {
                const QString path = stripPrefix(line.mid(4).section(QLatin1Char('\t'), 0, 0));
                if (path.isEmpty())
                    file.deletedFile = true;
                else
                    file.newPath = path;
            }
        }
        current.append(line);
    }
    flush();
    for (FileDiff &file : files) {
        if (file.newFile)
            file.oldPath = file.oldPath.isEmpty() ? file.newPath : file.oldPath;
        if (file.deletedFile)
            file.newPath = file.newPath.isEmpty() ? file.oldPath : file.newPath;
    }
    return files;
}

} // namespace Dockmaster::UnifiedDiff
