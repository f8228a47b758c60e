#include "core/review/reviewresult.h"

#include <QLocale>
#include <QSet>

namespace Dockmaster {

int ReviewResult::flagCount(const QString &path) const
{
    return int(std::count_if(flags.cbegin(), flags.cend(), [&path](const RiskFlag &f) { return f.path == path; }));
}

QList<RiskFlag> ReviewResult::flagsFor(const QString &path) const
{
    QList<RiskFlag> out;
    for (const RiskFlag &f : flags) {
        if (f.path == path)
            out.append(f);
    }
    return out;
}

const ReviewFile *ReviewResult::file(const QString &path) const
{
    for (const ReviewFile &f : files) {
        if (f.path() == path)
            return &f;
    }
    return nullptr;
}

QStringList ReviewResult::warnings() const
{
    QStringList out;
    if (sameRef)
        out.append(tr("The requested commit is already live; this release changes nothing."));
    if (compareTimeout)
        out.append(tr("GitLab timed out computing this comparison; the diff below may be incomplete. Review the "
                      "commits in GitLab before approving."));
    if (!unscanned.isEmpty())
        out.append(tr("%n file(s) PHP would run could not be scanned; approving needs an explicit acknowledgement.",
                      nullptr, int(unscanned.size())));
    if (tooLarge) {
        const auto collapsed
            = std::count_if(files.cbegin(), files.cend(), [](const ReviewFile &f) { return f.tooLarge; });
        if (collapsed > 0)
            out.append(tr("%n file(s) are too large to show here (the risk scan reads them anyway).", nullptr,
                          int(collapsed)));
        if (omittedFiles > 0)
            out.append(tr("%n more file(s) change but exceed the display limit (the risk scan reads them anyway).",
                          nullptr, omittedFiles));
    }
    if (firstRelease)
        out.append(tr("First release to this environment: every file is new."));
    return out;
}

QStringList ReviewResult::limitNotes() const
{
    const QLocale locale;
    QStringList out;
    if (treeCutAt > 0)
        out.append(tr("The release has more than %1 files; the review listed the first %1 only, so files past them "
                      "were not scanned.")
                       .arg(locale.toString(treeCutAt)));
    if (skippedByLimit > 0)
        out.append(tr("%n more file(s) PHP would run were past the review's scan limit and were not scanned.", nullptr,
                      skippedByLimit));
    return out;
}

bool ReviewResult::isUnscanned(const QString &path) const
{
    return std::any_of(unscanned.cbegin(), unscanned.cend(),
                       [&path](const UnscannedFile &f) { return f.path == path; });
}

QString ReviewResult::verdict() const
{
    const QLocale locale;
    const int flagTotal = int(flags.size());
    QString scan;
    if (scanTotal == 0)
        scan = flagTotal == 0 ? tr("No PHP file changes: no risk flags")
                              : tr("No PHP file changes: %n flag(s)", nullptr, flagTotal);
    else if (flagTotal == 0 && scanComplete())
        scan = tr("Scanned %1 of %2 PHP files: none found").arg(locale.toString(scanned), locale.toString(scanTotal));
    else
        scan = tr("Scanned %1 of %2 PHP files: %n flag(s)", nullptr, flagTotal)
                   .arg(locale.toString(scanned), locale.toString(scanTotal));
    QStringList notes = limitNotes();
    if (!notes.isEmpty())
        scan = notes.join(QLatin1Char(' ')) + QStringLiteral(" · ") + scan;
    if (unscanned.isEmpty())
        return scan;
    QStringList reasons;
    for (const UnscannedFile &f : unscanned) {
        if (!reasons.contains(f.reason))
            reasons.append(f.reason);
    }
    return tr("%n file(s) not scanned (%1)", nullptr, int(unscanned.size())).arg(reasons.join(QStringLiteral("; ")))
        + QStringLiteral(" · ") + scan;
}

} // namespace Dockmaster
