#include "core/review/unifieddiff.h"

#include <QRegularExpression>

namespace Dockmaster::UnifiedDiff {

namespace {

const QRegularExpression &hunkHeader()
{
    static const QRegularExpression re(QStringLiteral(R"(^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@)"));
    return re;
}

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

QList<DiffLine> parseLines(const QString &diff)
{
    QList<DiffLine> out;
    int oldLine = 0;
    int newLine = 0;
    int oldLeft = 0; // lines still expected on each side of the current hunk
    int newLeft = 0;
    for (const QString &raw : splitLines(diff)) {
        DiffLine line;
        const auto hunk = raw.startsWith(QLatin1String("@@")) ? hunkHeader().match(raw) : QRegularExpressionMatch();
        if (hunk.hasMatch()) {
            line.kind = DiffLine::Kind::Hunk;
            line.text = raw;
            oldLine = hunk.captured(1).toInt();
            newLine = hunk.captured(3).toInt();
            oldLeft = hunk.capturedLength(2) ? hunk.captured(2).toInt() : 1;
            newLeft = hunk.capturedLength(4) ? hunk.captured(4).toInt() : 1;
            out.append(line);
            continue;
        }
        const bool inHunk = oldLeft > 0 || newLeft > 0;
        const QChar marker = raw.isEmpty() ? QLatin1Char(' ') : raw.at(0);
        if (marker == QLatin1Char('\\')) {
            line.kind = DiffLine::Kind::NoNewline;
            line.text = raw;
        } else if (inHunk && marker == QLatin1Char('+')) {
            line.kind = DiffLine::Kind::Added;
            line.newLine = newLine++;
            --newLeft;
            line.text = raw.mid(1);
        } else if (inHunk && marker == QLatin1Char('-')) {
            line.kind = DiffLine::Kind::Removed;
            line.oldLine = oldLine++;
            --oldLeft;
            line.text = raw.mid(1);
        } else if (inHunk && marker == QLatin1Char(' ')) {
            // An empty line inside a hunk is a context line whose space was trimmed.
            line.kind = DiffLine::Kind::Context;
            line.oldLine = oldLine++;
            line.newLine = newLine++;
            --oldLeft;
            --newLeft;
            line.text = raw.mid(1);
        } else {
            line.kind = DiffLine::Kind::Header;
            line.text = raw;
        }
        out.append(line);
    }
    return out;
}

std::pair<int, int> countChanges(const QString &diff)
{
    int added = 0;
    int removed = 0;
    for (const DiffLine &line : parseLines(diff)) {
        if (line.kind == DiffLine::Kind::Added)
            ++added;
        else if (line.kind == DiffLine::Kind::Removed)
            ++removed;
    }
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
