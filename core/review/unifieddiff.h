#pragma once

#include <QList>
#include <QString>
#include <QStringView>

// Unified diffs as GitLab (per-file `diffs[].diff`, starting at the first hunk)
// and `git diff` / libgit2 (whole patches with `diff --git` headers) write them,
// with each line mapped to its old and new line numbers.
namespace Dockmaster {

struct DiffLine {
    enum class Kind {
        Header,    // "diff --git", "index", "---", "+++", mode and rename lines
        Hunk,      // "@@ -a,b +c,d @@"
        Context,   // " text"
        Added,     // "+text"
        Removed,   // "-text"
        NoNewline, // "\ No newline at end of file"
    };

    Kind kind = Kind::Context;
    int oldLine = 0; // 0 when the line has no old-side number
    int newLine = 0; // 0 when the line has no new-side number
    QString text;    // without the leading marker

    bool operator==(const DiffLine &) const = default;
};

struct FileDiff {
    QString oldPath;
    QString newPath;
    bool newFile = false;
    bool deletedFile = false;
    bool renamedFile = false;
    bool binary = false;
    QString diff; // the patch text of this file only

    // The path a reviewer knows the file by (the old one for deletions).
    QString path() const { return deletedFile || newPath.isEmpty() ? oldPath : newPath; }
    bool operator==(const FileDiff &) const = default;
};

namespace UnifiedDiff {

// The numbers of a "@@ -a,b +c,d @@" line (b and d are 1 when left out);
// false for anything else.
struct HunkHeader {
    int oldStart = 0;
    int oldCount = 0;
    int newStart = 0;
    int newCount = 0;
};
bool parseHunkHeader(QStringView line, HunkHeader *out);

// Calls visit(kind, oldLine, newLine, text) for every line of one file's
// patch, as parseLines() classifies them; `text` (without the marker) points
// into `diff`. For readers that need no copy of each line, such as the scanner.
template<typename Visit> void forEachLine(QStringView diff, Visit &&visit)
{
    int oldLine = 0;
    int newLine = 0;
    int oldLeft = 0; // lines still expected on each side of the current hunk
    int newLeft = 0;
    qsizetype pos = 0;
    const qsizetype size = diff.size();
    // A trailing newline ends the last line; it does not start another.
    while (pos < size) {
        qsizetype end = diff.indexOf(u'\n', pos);
        if (end < 0)
            end = size;
        QStringView raw = diff.mid(pos, end - pos);
        pos = end + 1;
        if (raw.endsWith(u'\r'))
            raw.chop(1);
        HunkHeader hunk;
        if (raw.startsWith(u"@@") && parseHunkHeader(raw, &hunk)) {
            oldLine = hunk.oldStart;
            newLine = hunk.newStart;
            oldLeft = hunk.oldCount;
            newLeft = hunk.newCount;
            visit(DiffLine::Kind::Hunk, 0, 0, raw);
            continue;
        }
        const bool inHunk = oldLeft > 0 || newLeft > 0;
        const QChar marker = raw.isEmpty() ? QLatin1Char(' ') : raw.at(0);
        if (marker == QLatin1Char('\\')) {
            visit(DiffLine::Kind::NoNewline, 0, 0, raw);
        } else if (inHunk && marker == QLatin1Char('+')) {
            --newLeft;
            visit(DiffLine::Kind::Added, 0, newLine++, raw.mid(1));
        } else if (inHunk && marker == QLatin1Char('-')) {
            --oldLeft;
            visit(DiffLine::Kind::Removed, oldLine++, 0, raw.mid(1));
        } else if (inHunk && marker == QLatin1Char(' ')) {
            // An empty line inside a hunk is a context line whose space was trimmed.
            --oldLeft;
            --newLeft;
            visit(DiffLine::Kind::Context, oldLine++, newLine++, raw.mid(1));
        } else {
            visit(DiffLine::Kind::Header, 0, 0, raw);
        }
    }
}

// Every line of one file's patch, in order; `diff` may start with headers or
// straight at the first hunk. Lines outside hunks are headers.
QList<DiffLine> parseLines(const QString &diff);

// Splits a multi-file patch ("diff --git a/x b/x" sections) into files.
QList<FileDiff> parseFiles(const QString &patch);

// Number of added and removed lines.
std::pair<int, int> countChanges(const QString &diff);

} // namespace UnifiedDiff
} // namespace Dockmaster
