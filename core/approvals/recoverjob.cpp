#include "core/approvals/recoverjob.h"

#include "core/approvals/approvejob.h"
#include "core/approvals/releaseapprover.h"
#include "core/approvals/releasegitlab.h"
#include "core/approvals/releasetrailers.h"
#include "core/gitlab/gitlabclient.h"
#include "core/gitlab/releaserequestparser.h"
#include "core/util/sequential.h"

namespace Dockmaster {

RecoverJob::RecoverJob(ReleaseJobSetup setup, const QString &admin, bool approvedOnly, QSet<QString> skip,
                       std::function<void(quint64, int, const QString &)> recovered, QObject *parent)
    : ReleaseJob(std::move(setup), ReleaseOutcome::Action::Recover, admin, parent)
    , m_recovered(std::move(recovered))
    , m_approvedOnly(approvedOnly)
    , m_skip(std::move(skip))
{
}

void RecoverJob::start()
{
    // Ending early (refused, or the search failed) goes out as an outcome too.
    setThen([this](const ReleaseOutcome &ended) { m_recovered(id(), 0, ended.message); });
    if (refuseEarly())
        return;
    GitLabClient::IssueQuery query;
    // Every open request, filtered in recoverOne(): pending ones also carry
    // release::approved-1-of-2 instead of release::pending when some of their
    // approvals are recorded, so no one label finds them all. The periodic
    // pass wants approved ones only, which one label does find.
    query.labels = { QStringLiteral("release-request") };
    if (m_approvedOnly)
        query.labels.append(QStringLiteral("release::approved"));
    query.state = QStringLiteral("opened");
    client()->issues(query, this, [this](GitLabResult<QList<GitLabIssue>> result) {
        if (!result.ok()) {
            finishWithError(result.error, ReleaseApprover::tr("Could not look for interrupted approvals: %1"));
            return;
        }
        QList<Candidate> candidates;
        for (const GitLabIssue &issue : std::as_const(result.value)) {
            if (std::optional<Candidate> found = candidate(issue))
                candidates.append(std::move(*found));
        }
        readBranchHeads(candidates, [this, candidates] {
            forEachSequential<Candidate>(
                this, candidates,
                [this](const Candidate &found, std::function<void()> next) { recoverOne(found, std::move(next)); },
                [this] {
                    m_recovered(id(), m_completed, m_problems.join(QLatin1Char('\n')));
                    deleteLater();
                });
        });
    });
}

std::optional<RecoverJob::Candidate> RecoverJob::candidate(const GitLabIssue &issue) const
{
    Candidate found;
    found.issue = issue;
    found.parsed = ReleaseRequestParser::parse(issue);
    const bool wanted = found.parsed.state == ReleaseState::Approved
        || (found.parsed.state == ReleaseState::Pending && !m_approvedOnly);
    if (!wanted)
        return std::nullopt;
    found.projectPath = issue.referenceFull.section(QLatin1Char('#'), 0, 0);
    found.appId = ReleaseRequestParser::appIdFromPath(found.projectPath);
    if (found.appId.isEmpty() || found.projectPath != codeProjectPath(options(), found.appId)
        || !found.parsed.environment)
        return std::nullopt; // not a request of this platform's layout: nothing of ours to complete
    found.opsProject = opsProjectPath(options(), found.appId);
    found.key = ReleaseTrailers::requestKey(found.projectPath, issue.iid);
    if (m_skip.contains(found.key))
        return std::nullopt;
    return found;
}

void RecoverJob::readBranchHeads(const QList<Candidate> &candidates, std::function<void()> then)
{
    // Approved requests are read whatever their branch did (their commit is
    // there); pending ones only if their branch moved since.
    QStringList paths;
    for (const Candidate &found : candidates) {
        if (found.parsed.state == ReleaseState::Pending && !paths.contains(found.opsProject))
            paths.append(found.opsProject);
    }
    QList<QStringList> batches;
    for (qsizetype i = 0; i < paths.size(); i += BranchHeadQuery::BatchSize)
        batches.append(paths.mid(i, BranchHeadQuery::BatchSize));
    forEachSequential<QStringList>(
        this, batches,
        [this](const QStringList &batch, std::function<void()> next) {
            client()->graphql(BranchHeadQuery::text(), BranchHeadQuery::variables(batch), this,
                              [this, next = std::move(next)](GitLabResult<GitLabGraphQLAnswer> result) {
                                  const auto heads = result.ok() && result.value.errors.isEmpty()
                                      ? BranchHeadQuery::parse(result.value.data)
                                      : std::nullopt;
                                  if (heads)
                                      m_heads.insert(*heads);
                                  next();
                              });
        },
        std::move(then));
}

bool RecoverJob::branchMovedSince(const Candidate &candidate) const
{
    // The approval commit carries the committing console's clock, which may
    // be off: a branch whose head is older than the request by less than
    // this is read anyway.
    constexpr qint64 ClockSkewMarginSecs = 3600;
    const QString path = candidate.opsProject.toLower();
    const QDateTime opened = candidate.issue.createdAt;
    if (!m_heads.contains(path) || !opened.isValid())
        return true; // not known (not answered, or left out): read it
    const BranchHeadQuery::Heads &heads = m_heads.value(path);
    const auto head = heads.constFind(*candidate.parsed.environment);
    if (head == heads.cend())
        return false; // no such branch: nothing was pushed to it
    return head->secsTo(opened) < ClockSkewMarginSecs;
}

void RecoverJob::recoverOne(const Candidate &found, std::function<void()> next)
{
    if (found.parsed.state == ReleaseState::Pending && !branchMovedSince(found)) {
        next();
        return;
    }
    const GitLabIssue &issue = found.issue;
    const ReleaseRequestParser::Parsed &parsed = found.parsed;
    const QString &projectPath = found.projectPath;
    const QString &appId = found.appId;
    const QString &opsProject = found.opsProject;
    const QString &key = found.key;
    ReleaseGitLab::branchCommits(
        client(), opsProject, environmentBranch(*parsed.environment), options().branchScanDepth, this,
        [this, issue, parsed, projectPath, appId, opsProject, key,
         next = std::move(next)](GitLabResult<QList<GitLabCommit>> commits) {
            if (!commits.ok()) {
                if (commits.error.kind != GitLabError::Kind::NotFound)
                    m_problems.append(
                        ReleaseApprover::tr("%1: could not read %2: %3").arg(key, opsProject, commits.error.message));
                next();
                return;
            }
            const QString guard = ReleaseTrailers::requestLine(key);
            for (const GitLabCommit &commit : std::as_const(commits.value)) {
                if (!commit.message.split(QLatin1Char('\n')).contains(guard))
                    continue;
                const ReleaseTrailers::Trailers trailers = ReleaseTrailers::parse(commit.message);
                const QString approver = trailers.approvedBy.isEmpty() ? m_outcome.actor : trailers.approvedBy;
                ReleaseOutcome pushed;
                pushed.appId = appId;
                pushed.environment = *parsed.environment;
                pushed.projectId = issue.projectId;
                pushed.iid = issue.iid;
                pushed.ref = trailers.releaseRef.isEmpty() ? parsed.requestedRef : trailers.releaseRef;
                pushed.opsProject = opsProject;
                pushed.commit = commit.id;
                pushed.targetSha = trailers.codesCommit;
                auto *completion = new ApproveJob(m_setup, ReleaseOutcome::Action::Recover, m_outcome.actor, this);
                completion->setThen([this, next](const ReleaseOutcome &completed) {
                    if (completed.ok())
                        ++m_completed;
                    else
                        m_problems.append(completed.message);
                    next();
                });
                completion->completePushed(pushed, projectPath, key, approver, issue.labels);
                return;
            }
            // Labelled approved by hand, or its commit is older than the scan:
            // nothing this console can follow, but someone should know.
            if (parsed.state == ReleaseState::Approved)
                m_problems.append(ReleaseApprover::tr("%1 is labelled approved, but none of the last %2 commits of %3 "
                                                      "deploys it.")
                                      .arg(key)
                                      .arg(options().branchScanDepth)
                                      .arg(opsProject));
            next();
        });
}

} // namespace Dockmaster
