#pragma once

#include "review/riskscanner.h"
#include "review/unifieddiff.h"

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
    bool tooLarge = false; // GitLab left the patch out (too_large/collapsed) or it passed our limit

    QString path() const { return diff.path(); }
    bool operator==(const ReviewFile &) const = default;
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

    int flagCount(const QString &path) const;
    QList<RiskFlag> flagsFor(const QString &path) const;
    const ReviewFile *file(const QString &path) const;
    // Translated notes about an incomplete or empty diff, for a banner.
    QStringList warnings() const;

    bool operator==(const ReviewResult &) const = default;
};

} // namespace Dockmaster

Q_DECLARE_METATYPE(Dockmaster::ReviewResult)
