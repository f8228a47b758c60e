#pragma once

#include "core/gitlab/gitlabtypes.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

// The machine-readable parts of what Dockmaster writes to GitLab: commit
// trailers on environment branches and hidden markers in issue comments.
// They are how a console (this one after a crash, or another one) tells that
// an action already happened, so nothing is ever done twice.
namespace Dockmaster::ReleaseTrailers {

inline constexpr auto ReleaseRequestKey = "Release-Request";
inline constexpr auto ApprovedByKey = "Approved-By";
inline constexpr auto RequestedByKey = "Requested-By";
inline constexpr auto ReleaseRefKey = "Release-Ref";
inline constexpr auto CodesCommitKey = "Codes-Commit";
inline constexpr auto DeployTagKey = "Deploy-Tag";
inline constexpr auto RollbackToKey = "Rollback-To";
inline constexpr auto RolledBackFromKey = "Rolled-Back-From";
inline constexpr auto AlsoApprovedByKey = "Also-Approved-By";
// A tag deploy or rollback: the id the console gave it before pushing, so
// the pushing console (after a restart) finds its commit, a retried push
// never makes a second one, and any console can finish it.
inline constexpr auto OperationKey = "Dockmaster-Operation";

// "plugins/apps/app0000042#3"
QString requestKey(const QString &codeProjectPath, qint64 iid);
// "Release-Request: plugins/apps/app0000042#3", the guard line of an approval.
QString requestLine(const QString &requestKey);
// A new operation id (a UUID without braces) and its guard line
// ("Dockmaster-Operation: <id>"); operationKey names it in markers.
QString newOperationId();
QString operationLine(const QString &operationId);
QString operationKey(const QString &operationId);

struct Trailers {
    QString releaseRequest;
    QString approvedBy;
    QString requestedBy;
    QString releaseRef;
    QString codesCommit;
    QString deployTag;
    QString rollbackTo;
    QString operation;
};
// Reads "Key: value" lines anywhere in the message (first occurrence wins).
Trailers parse(const QString &message);

// earlierApprovers: the recorded approvals before this last one (two-person rule).
QString approvalMessage(const QString &requestKey, const QString &environment, const QString &ref, const QString &sha,
                        const QString &admin, const QString &requester, const QStringList &earlierApprovers = {});
QString deployTagMessage(const QString &environment, const QString &tagOrSha, const QString &sha, const QString &admin,
                         const QString &operationId = {});
QString rollbackMessage(const QString &environment, const QString &targetSha, const QString &fromSha,
                        const QString &admin, const QString &operationId = {});

// Hidden markers (HTML comments render invisibly on GitLab).
QString approvedMarker(const QString &requestKey, const QString &commit, const QString &admin);
QString rejectedMarker(const QString &requestKey, const QString &admin);
QString finishedMarker(const QString &requestKey, const QString &commit, const QString &status);
// The prefix that identifies a marker of that kind for a request, whatever the rest.
QString approvedMarkerPrefix(const QString &requestKey);
QString rejectedMarkerPrefix(const QString &requestKey);
QString finishedMarkerPrefix(const QString &requestKey, const QString &commit);
// The status a finished marker of that prefix records among notes, or empty.
QString finishedStatus(const QList<GitLabNote> &notes, const QString &markerPrefix);
// One approval of a request that is not yet enough to deploy (two-person
// rule), as a comment with this marker records it:
//   <!-- dockmaster:approval request=<key> sha=<sha> by=<admin> count=<k>/<n> -->
// It names the SHA the admin saw: once the ref moves on, it no longer counts.
QString approvalMarker(const QString &requestKey, const QString &sha, const QString &admin, int given, int required);
// Identifies the approval of that admin for that SHA, whatever the count.
QString approvalMarkerPrefix(const QString &requestKey, const QString &sha, const QString &admin);
struct RecordedApproval {
    QString admin;
    qint64 authorId = 0; // GitLab's user id of the comment's author
    QString sha;
    QDateTime at;
};
// The approvals recorded for requestKey in notes (any order), oldest first,
// one per admin and SHA. A marker counts only in a comment its admin wrote:
// anyone who may comment can type one, so GitLab's author must match `by=`.
QList<RecordedApproval> recordedApprovals(const QList<GitLabNote> &notes, const QString &requestKey);

// The admin a comment written by any Dockmaster says approved/rejected
// ("Approved by @alice: ..."), or empty (also when the name is not one GitLab
// could have: Validation::gitlabUsername).
QString actorOf(const QString &noteBody, const QString &verb);

bool isFullSha(const QString &value);

// text in a fenced code block that the text itself cannot close (GitLab
// renders it as it is: third-party paths and code stay inert).
QString fencedBlock(const QString &text);

// The last `lines` lines of a job log, without ANSI colours, in a fenced
// code block that the log itself cannot close.
QString logTailBlock(const QByteArray &trace, int lines);

} // namespace Dockmaster::ReleaseTrailers
