#pragma once

#include "core/approvals/branchheadquery.h"
#include "core/approvals/releasejob.h"
#include "core/gitlab/releaserequestparser.h"

#include <QHash>
#include <QSet>

#include <optional>

namespace Dockmaster {

// Finds the requests an approval left unfinished and completes them, one
// after another (an ApproveJob each), never a second commit: pending ones
// whose approval commit is already on their environment branch (the console
// stopped between push and labels), and approved ones (the console stopped,
// or lost an answer, before the pipeline's result was recorded), which are
// handed on as outcomes so their pipeline is followed to the end. GitLab's
// state drives it, so any console finishes what any other started.
class RecoverJob final : public ReleaseJob
{
public:
    // approvedOnly: skip pending requests (the periodic pass: it costs one
    // search when nothing is approved). recovered: runs once at the end,
    // also when the job ends early.
    RecoverJob(ReleaseJobSetup setup, const QString &admin, bool approvedOnly, QSet<QString> skip,
               std::function<void(quint64 id, int completed, const QString &problems)> recovered, QObject *parent);

    void start();

private:
    // A request of this platform's layout the pass looks at, and where its
    // approval commit would be.
    struct Candidate {
        GitLabIssue issue;
        ReleaseRequestParser::Parsed parsed;
        QString projectPath;
        QString appId;
        QString opsProject;
        QString key;
    };
    std::optional<Candidate> candidate(const GitLabIssue &issue) const;
    // Reads when the pending requests' branches last moved (BranchHeadQuery),
    // then runs `then`; a batch GitLab does not answer leaves its requests
    // to be read commit by commit.
    void readBranchHeads(const QList<Candidate> &candidates, std::function<void()> then);
    // Whether the request's branch moved since it was opened (or nobody knows).
    bool branchMovedSince(const Candidate &candidate) const;
    void recoverOne(const Candidate &found, std::function<void()> next);

    std::function<void(quint64, int, const QString &)> m_recovered;
    int m_completed = 0;
    QStringList m_problems;
    bool m_approvedOnly = false;
    QSet<QString> m_skip;                           // request keys someone here already follows
    QHash<QString, BranchHeadQuery::Heads> m_heads; // by ops project in lower case, as GitLab answered
};

} // namespace Dockmaster
