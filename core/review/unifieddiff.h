#pragma once

#include <QList>
#include <QString>

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

// Every line of one file's patch, in order; `diff` may start with headers or
// straight at the first hunk. Lines outside hunks are headers.
QList<DiffLine> parseLines(const QString &diff);

// Splits a multi-file patch ("diff --git a/x b/x" sections) into files.
QList<FileDiff> parseFiles(const QString &patch);

// Number of added and removed lines.
std::pair<int, int> countChanges(const QString &diff);

} // namespace UnifiedDiff
} // namespace Dockmaster
