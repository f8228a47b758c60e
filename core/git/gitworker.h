#pragma once

#include "core/git/gittypes.h"

#include <QObject>
#include <QStringList>
#include <QUrl>

#include <source_location>

struct git_repository;

namespace Dockmaster {

// Does the libgit2 work of a GitWorkspace on the workspace's own thread. It
// owns the one git_repository handle (libgit2 objects are not thread-safe) and
// is reached only through queued calls; results go out as signals.
class GitWorker final : public QObject
{
    Q_OBJECT
public:
    explicit GitWorker(QString cacheRoot);
    ~GitWorker() override;

    void open(quint64 request, const QUrl &url, const QString &username, const QString &token, const QString &branch);
    void listFiles(quint64 request);
    void readFile(quint64 request, const QString &path, const QString &commit);
    void commitAndPush(quint64 request, const QString &path, const QByteArray &content, const QString &message,
                       const Dockmaster::GitAuthor &author, const QString &baseCommit);
    void rebaseEdit(quint64 request, const QString &path, const QByteArray &content, const QString &baseCommit);
    void discardEdit(quint64 request, const QString &path);
    void history(quint64 request, const QString &path, int maxCount);
    void diffText(quint64 request, const QString &path, const QByteArray &text, const QString &commit);
    void moveGitlink(quint64 request, const QUrl &url, const QString &username, const QString &token,
                     const QString &branch, const Dockmaster::GitlinkMove &move);
    void gitlinkHistory(quint64 request, const QUrl &url, const QString &username, const QString &token,
                        const QString &branch, const QString &path, int maxCount);

Q_SIGNALS:
    void opened(quint64 request, const QString &headCommit, const QStringList &files);
    void filesListed(quint64 request, const QStringList &files);
    void fileRead(quint64 request, const QString &path, const QString &commit, const QByteArray &content);
    void pushed(quint64 request, const QString &path, const QString &commit);
    void pushRejected(quint64 request, const Dockmaster::GitPushRejection &rejection);
    void rebased(quint64 request, const Dockmaster::GitRebaseResult &result);
    void historyReady(quint64 request, const QString &path, const QList<Dockmaster::GitHistoryEntry> &entries);
    void diffReady(quint64 request, const QString &path, const QString &diff);
    void gitlinkMoved(quint64 request, const Dockmaster::GitlinkMoveResult &result);
    void gitlinkHistoryReady(quint64 request, const QList<Dockmaster::GitlinkHistoryEntry> &entries);
    void failed(quint64 request, Dockmaster::GitFailure kind, const QString &message);
    void finished(quint64 request);

private:
    // Runs fn, turning a GitError into failed(); logs the caller and its time.
    template<typename Fn>
    void guarded(quint64 request, Fn &&fn, std::source_location caller = std::source_location::current());
    void requireRepository() const;
    void attach(const QUrl &url, const QString &username, const QString &token, const QString &branch);
    bool pushBranch(const QString &base);
    QString gitlinkAt(const QString &commit, const QString &path) const;
    void fetch();
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
};

} // namespace Dockmaster
