#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace Dockmaster {

// Why an operation failed: the UI words authentication problems differently
// (ask for a new token) from everything else.
enum class GitFailure { General, Authentication, Interrupted };

struct GitAuthor {
    QString name;
    QString email;
};

struct GitCommitInfo {
    QString id;
    QString summary;
    QString message;
    QString authorName;
    QString authorEmail;
    QDateTime when;

    QString shortId() const { return id.left(8); }
};

// One commit that touched a file, with that file's change in the commit.
struct GitHistoryEntry {
    GitCommitInfo commit;
    QString diff; // unified diff of the file against the first parent
};

// A push the server refused because someone else pushed first. Carries what
// changed upstream so the admin can decide to rebase or discard their edit.
struct GitPushRejection {
    QString path;
    QString baseCommit; // the commit the edit was made on
    QString remoteHead; // the branch head on the server now
    bool fileChangedUpstream = false;
    QString upstreamDiff;                 // base -> remote head, for this file only
    QList<GitCommitInfo> upstreamCommits; // newest first
};

struct GitRebaseResult {
    QString path;
    QByteArray content;     // the edit re-applied on the new head
    QString newBase;        // commit the content now applies to
    bool conflicts = false; // content holds conflict markers to resolve
};

} // namespace Dockmaster

Q_DECLARE_METATYPE(Dockmaster::GitFailure)
Q_DECLARE_METATYPE(Dockmaster::GitAuthor)
Q_DECLARE_METATYPE(Dockmaster::GitCommitInfo)
Q_DECLARE_METATYPE(Dockmaster::GitHistoryEntry)
Q_DECLARE_METATYPE(Dockmaster::GitPushRejection)
Q_DECLARE_METATYPE(Dockmaster::GitRebaseResult)
