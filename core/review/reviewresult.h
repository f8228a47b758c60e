#pragma once

#include "core/review/riskscanner.h"
#include "core/review/unifieddiff.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Dockmaster {

struct ReviewCommit {
    QString sha;
    QString shortSha;
    QString title;
    QString author;
    QDateTime date;

    bool operator==(const ReviewCommit &) const = default;
};

struct ReviewFile {
    FileDiff diff;
    int added = 0;
    int removed = 0;
    bool tooLarge = false;  // the patch is not shown: GitLab left it out or it passed a display limit
    bool wholeFile = false; // GitLab sent no patch; `diff` shows the whole file as read for the scan

    QString path() const { return diff.path(); }
    bool operator==(const ReviewFile &) const = default;
};

// A changed file PHP would run that the risk scanner could not read.
struct UnscannedFile {
    QString path;
    QString reason; // translated, short

    bool operator==(const UnscannedFile &) const = default;
};

// Everything a reviewer needs to judge one release: what commits and files
// change between the live SHA and the requested one, and the risk flags.
struct ReviewResult {
    Q_DECLARE_TR_FUNCTIONS(Dockmaster::ReviewResult)

public:
    QString project; // repo A, id or full path
    QString fromSha; // live in the environment; empty for a first release
    QString toSha;   // the requested, pinned SHA
    bool firstRelease = false;
    QList<ReviewCommit> commits; // oldest first
    QList<ReviewFile> files;
    QList<RiskFlag> flags;
    bool compareTimeout = false; // GitLab gave up computing the diff; it may be incomplete
    bool tooLarge = false;       // files or bytes were left out (see files[].tooLarge, omittedFiles)
    int omittedFiles = 0;        // files beyond the limits, not listed at all
    bool sameRef = false;        // nothing to deploy: requested == live
    QString webUrl;              // GitLab's compare page, if known
    // The risk scan: every new, changed or renamed file of the requested tree
    // that PHP would run (scanTotal), how many were read and scanned, and the
    // ones that could not be, with the reason. Independent of the display limits.
    int scanTotal = 0;
    int scanned = 0;
    QList<UnscannedFile> unscanned;
    bool scanFromTrees = false; // the changed files came from the trees, not only GitLab's diff
    // Bounds against a hostile release (ReviewLimits): the requested tree was
    // listed only up to `treeCutAt` entries (0: listed whole), so files past
    // it were neither listed nor scanned; and `skippedByLimit` files PHP would
    // run were past the scan's file count and not read (not named one by one).
    int treeCutAt = 0;
    int skippedByLimit = 0;

    // Everything PHP would run was scanned.
    bool scanComplete() const
    {
        return unscanned.isEmpty() && scanned >= scanTotal && treeCutAt == 0 && skippedByLimit == 0;
    }
    // Translated notes on what the review's limits left out, empty when nothing.
    QStringList limitNotes() const;
    // "Scanned 5,001 of 5,001 PHP files: 2 flags", "3 files not scanned (…)".
    QString verdict() const;
    bool isUnscanned(const QString &path) const;

    int flagCount(const QString &path) const;
    QList<RiskFlag> flagsFor(const QString &path) const;
    const ReviewFile *file(const QString &path) const;
    // Translated notes about an incomplete or empty diff, for a banner.
    QStringList warnings() const;

    bool operator==(const ReviewResult &) const = default;
};

} // namespace Dockmaster

Q_DECLARE_METATYPE(Dockmaster::ReviewResult)
Q_DECLARE_METATYPE(Dockmaster::UnscannedFile)
