#pragma once

#include "core/git/gittypes.h"
#include "core/util/retrypolicy.h"

#include <QObject>
#include <QStringList>
#include <QUrl>

#include <source_location>

struct git_repository;
struct git_oid;

namespace Dockmaster {

// Thrown by GitWorker's calls; GitWorkspace hands it to the caller as a
// failed GitResult.
struct GitError {
    GitFailure kind;
    QString message;
};

// Does the libgit2 work of a GitWorkspace on the workspace's own thread. It
// owns the one git_repository handle (libgit2 objects are not thread-safe) and
// is reached only through queued calls. Every call returns its result or
// throws GitError.
class GitWorker final : public QObject
{
    Q_OBJECT
public:
    explicit GitWorker(QString cacheRoot);
    ~GitWorker() override;

    GitOpened open(const QUrl &url, const QString &username, const QString &token, const QString &branch);
    QStringList listFiles();
    GitFile readFile(const QString &path, const QString &commit);
    GitPushResult commitAndPush(const QString &path, const QByteArray &content, const QString &message,
                                const Dockmaster::GitAuthor &author, const QString &baseCommit);
    // The unpushed commits GitOpened listed: push one again on top of the
    // server's head (a rejection when its file changed there meanwhile), keep
    // one as a branch on the server (returns the branch), or drop one.
    GitPushResult pushUnpushed(const QString &commitId);
    QString keepUnpushedAsBranch(const QString &commitId);
    void discardUnpushed(const QString &commitId);
    GitRebaseResult rebaseEdit(const QString &path, const QByteArray &content, const QString &baseCommit);
    GitFile discardEdit(const QString &path);
    QList<GitHistoryEntry> history(const QString &path, int maxCount);
    QString diffText(const QString &path, const QByteArray &text, const QString &commit);
    GitlinkMoveResult moveGitlink(const QUrl &url, const QString &username, const QString &token, const QString &branch,
                                  const Dockmaster::GitlinkMove &move);
    QList<GitlinkHistoryEntry> gitlinkHistory(const QUrl &url, const QString &username, const QString &token,
                                              const QString &branch, const QString &path, int maxCount);

private:
    // Walks the first maxCount commits from the local head (newest first)
    // and calls visit for each; stops early when visit returns false.
    template<typename Visit> void walkHistory(bool firstParentOnly, Visit &&visit) const;
    void requireRepository() const;
    void attach(const QUrl &url, const QString &username, const QString &token, const QString &branch);
    bool pushBranch(const QString &base);
    QString gitlinkAt(const QString &commit, const QString &path) const;
    void fetch();
    void keepUnpushedCommits();
    void dropKeptAlreadyOnBranch();
    QList<GitUnpushedCommit> unpushedCommits() const;
    GitUnpushedCommit unpushedCommit(const QString &commitId) const;
    git_oid requireKept(const QString &commitId) const;
    void withoutSymlinks();
    QByteArray unpushedRef(const QString &commitId) const;
    void resetBranchTo(const QString &commit);
    QString localHead() const;
    QString remoteHead() const;
    QStringList files() const;
    bool readBlob(const QString &commit, const QString &path, QByteArray *content) const;
    QList<GitCommitInfo> commitsBetween(const QString &base, const QString &head, int maxCount) const;
    QString displayUrl() const;

    QString m_cacheRoot;
    git_repository *m_repository = nullptr;
    QUrl m_url;
    QString m_username;
    QString m_token;
    QString m_branch;
    RetryPolicy m_retryPolicy; // fetch, clone and push ride out 429s, 5xx and resets
};

} // namespace Dockmaster
