#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

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

// Moves a gitlink (a submodule pointer, e.g. `codes`) to another commit in
// one new commit on top of the server's branch head.
struct GitlinkMove {
    QString path = QStringLiteral("codes");
    QString target; // full commit id the gitlink will point at
    QString message;
    GitAuthor author;
    // When a commit among the branch's newest guardDepth has this exact line
    // in its message, nothing is committed: the move was made before (by this
    // or another console) and must not be made twice.
    QString guardLine;
    int guardDepth = 500;
    // When set, the gitlink must point here now (what a preflight showed as
    // live), otherwise nothing is committed and the operation fails.
    QString expectedCurrent;
};

struct GitlinkMoveResult {
    // Set when the server refused the push because the branch moved on
    // meanwhile (nothing was committed there); the other fields are then empty.
    std::optional<GitPushRejection> rejection;
    bool alreadyPresent = false; // the guard line was found; commit is that earlier commit
    QString commit;
    QString parent;         // the branch head the new commit was made on (empty when alreadyPresent)
    QString previousTarget; // the gitlink before the move
    GitCommitInfo info;     // the new (or the earlier) commit
};

// One commit of an environment branch with the gitlink it pins.
struct GitlinkHistoryEntry {
    GitCommitInfo commit;
    QString target;     // empty when the commit has no gitlink at that path
    bool moved = false; // target differs from the first parent's
};

// A freshly opened (cloned or fetched) workspace.
// A commit made in this workspace whose push never completed (the console or
// the machine died between the two). Kept until the admin pushes it, keeps it
// as a branch on the server, or discards it.
struct GitUnpushedCommit {
    GitCommitInfo commit;
    QString parent;
    QStringList paths; // the files it changes
};

struct GitOpened {
    QString headCommit;
    QStringList files;
    QList<GitUnpushedCommit> unpushed; // oldest first
};

// One file's content at one commit.
struct GitFile {
    QString path;
    QString commit;
    QByteArray content;
};

struct GitPushResult {
    QString path;
    QString commit; // the pushed commit (empty when rejected)
    // Set when someone else pushed first: the edit was not accepted.
    std::optional<GitPushRejection> rejection;
};

// The answer to one GitWorkspace call: a value, or why it failed.
template<typename T> struct GitResult {
    T value {};
    bool failed = false;
    GitFailure failure = GitFailure::General;
    QString error; // translated, when failed

    bool ok() const { return !failed; }
};

} // namespace Dockmaster

Q_DECLARE_METATYPE(Dockmaster::GitFailure)
Q_DECLARE_METATYPE(Dockmaster::GitAuthor)
Q_DECLARE_METATYPE(Dockmaster::GitCommitInfo)
Q_DECLARE_METATYPE(Dockmaster::GitHistoryEntry)
Q_DECLARE_METATYPE(Dockmaster::GitPushRejection)
Q_DECLARE_METATYPE(Dockmaster::GitRebaseResult)
Q_DECLARE_METATYPE(Dockmaster::GitlinkMove)
Q_DECLARE_METATYPE(Dockmaster::GitlinkMoveResult)
Q_DECLARE_METATYPE(Dockmaster::GitlinkHistoryEntry)
