#include "core/approvals/testreleasecheck.h"

#include "core/approvals/releaseapprover.h"
#include "core/approvals/releasegitlab.h"
#include "core/gitlab/releaserequestparser.h"

namespace Dockmaster::TestRelease {

void check(GitLabClient *client, const QString &codeProject, const QString &ref, bool refuseBeforeTest,
           QObject *context, std::function<void(const TestReleaseCheck &)> done)
{
    ReleaseGitLab::projectIssues(
        client, codeProject, { QStringLiteral("release-request"), QStringLiteral("env::test") }, context,
        [ref, refuseBeforeTest, done = std::move(done)](GitLabResult<QList<GitLabIssue>> issues) {
            TestReleaseCheck check;
            if (!issues.ok()) {
                check.status = TestReleaseCheck::Status::Unchecked;
                check.error = issues.error;
                check.message = ReleaseApprover::tr("Dockmaster could not check the test request of %1: %2")
                                    .arg(ref, issues.error.message);
                done(check);
                return;
            }
            // The newest test request of this version decides.
            const GitLabIssue *newest = nullptr;
            for (const GitLabIssue &issue : std::as_const(issues.value)) {
                if (ReleaseRequestParser::parse(issue).requestedRef == ref && (!newest || issue.iid > newest->iid))
                    newest = &issue;
            }
            if (!newest) {
                check.message = ReleaseApprover::tr("No test release of %1 was requested.").arg(ref);
                done(check);
                return;
            }
            const ReleaseRequestParser::Parsed test = ReleaseRequestParser::parse(*newest);
            check.found = true;
            check.iid = newest->iid;
            check.state = test.state;
            if (newest->state == QLatin1String("opened") && test.state == ReleaseState::Pending) {
                check.status = TestReleaseCheck::Status::Pending;
                check.message
                    = ReleaseApprover::tr("The test release of %1 (#%2) is still pending.").arg(ref).arg(check.iid);
            } else if (test.state == ReleaseState::Failed) {
                check.status = TestReleaseCheck::Status::Failed;
                check.message = ReleaseApprover::tr("The test release of %1 (#%2) failed.").arg(ref).arg(check.iid);
            } else {
                check.message = ReleaseApprover::tr("The test release of %1 (#%2): %3.")
                                    .arg(ref)
                                    .arg(check.iid)
                                    .arg(enumText("Dockmaster::ReleaseRequestsModel", ReleaseStates, test.state));
            }
            check.refuses = refuseBeforeTest && check.warns();
            done(check);
        });
}

} // namespace Dockmaster::TestRelease
