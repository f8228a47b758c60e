#include "review/reviewresult.h"

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
    if (tooLarge) {
        const auto collapsed
            = std::count_if(files.cbegin(), files.cend(), [](const ReviewFile &f) { return f.tooLarge; });
        if (collapsed > 0)
            out.append(
                tr("%n file(s) are too large to show here; they were not scanned for risks.", nullptr, int(collapsed)));
        if (omittedFiles > 0)
            out.append(tr("%n more file(s) change but exceed the review limit; they were not scanned.", nullptr,
                          omittedFiles));
    }
    if (firstRelease)
        out.append(tr("First release to this environment: every file is new."));
    return out;
}

} // namespace Dockmaster
