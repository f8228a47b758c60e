#pragma once

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

// "plugins/apps/app0000042#3"
QString requestKey(const QString &codeProjectPath, qint64 iid);
// "Release-Request: plugins/apps/app0000042#3", the guard line of an approval.
QString requestLine(const QString &requestKey);

struct Trailers {
    QString releaseRequest;
    QString approvedBy;
    QString requestedBy;
    QString releaseRef;
    QString codesCommit;
    QString deployTag;
    QString rollbackTo;
};
// Reads "Key: value" lines anywhere in the message (first occurrence wins).
Trailers parse(const QString &message);

QString approvalMessage(const QString &requestKey, const QString &environment, const QString &ref, const QString &sha,
                        const QString &admin, const QString &requester);
QString deployTagMessage(const QString &environment, const QString &tagOrSha, const QString &sha, const QString &admin);
QString rollbackMessage(const QString &environment, const QString &targetSha, const QString &fromSha,
                        const QString &admin);

// Hidden markers (HTML comments render invisibly on GitLab).
QString approvedMarker(const QString &requestKey, const QString &commit, const QString &admin);
QString rejectedMarker(const QString &requestKey, const QString &admin);
QString finishedMarker(const QString &requestKey, const QString &commit, const QString &status);
// The prefix that identifies a marker of that kind for a request, whatever the rest.
QString approvedMarkerPrefix(const QString &requestKey);
QString rejectedMarkerPrefix(const QString &requestKey);
QString finishedMarkerPrefix(const QString &requestKey, const QString &commit);
// The admin a comment written by any Dockmaster says approved/rejected
// ("Approved by @alice: ..."), or empty (also when the name is not one GitLab
// could have: Validation::gitlabUsername).
QString actorOf(const QString &noteBody, const QString &verb);

bool isFullSha(const QString &value);

// The last `lines` lines of a job log, without ANSI colours, in a fenced
// code block that the log itself cannot close.
QString logTailBlock(const QByteArray &trace, int lines);

} // namespace Dockmaster::ReleaseTrailers
