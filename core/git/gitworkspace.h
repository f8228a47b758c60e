#pragma once

#include "core/git/gitlibrary.h"
#include "core/git/gittypes.h"

#include <QObject>
#include <QStringList>
#include <QUrl>

class QThread;

namespace Dockmaster {

class GitWorker;

// A local clone of one management repository (one environment branch) under
// the cache folder. All libgit2 work runs on the workspace's own thread; every
// call returns at once with a request id that the matching result signal, or
// failed(), carries back. Requests run one after another in call order.
class GitWorkspace final : public QObject
{
    Q_OBJECT
public:
    // cacheRoot: the folder that holds workspaces (a "git" subfolder is made).
    explicit GitWorkspace(const QString &cacheRoot, QObject *parent = nullptr);
    ~GitWorkspace() override;

    // Clones (or fetches an earlier clone of) url and checks out branch at
    // the server's head. The token is sent as the password of username
    // (GitLab: "oauth2"); it is kept in memory only, never written to disk.
    quint64 open(const QUrl &url, const QString &token, const QString &branch,
                 const QString &username = QStringLiteral("oauth2"));
    quint64 listFiles();
    // commit empty: the branch head.
    quint64 readFile(const QString &path, const QString &commit = QString());
    // Commits content as the new version of path on top of baseCommit (the
    // commit the edit started from) and pushes the branch. Ends in pushed(),
    // pushRejected() when someone else pushed first, or failed().
    quint64 commitAndPush(const QString &path, const QByteArray &content, const QString &message,
                          const GitAuthor &author, const QString &baseCommit);
    // After a rejection: re-applies the edit on the server's new head (a
    // 3-way merge when the file changed there too). Ends in rebased().
    quint64 rebaseEdit(const QString &path, const QByteArray &content, const QString &baseCommit);
    // After a rejection: drops the edit and reads the server's version (fileRead()).
    quint64 discardEdit(const QString &path);
    quint64 history(const QString &path, int maxCount = 200);
    // Unified diff from the committed version (commit empty: branch head) to text.
    quint64 diffText(const QString &path, const QByteArray &text, const QString &commit = QString());

    // Clones or fetches url, then commits move.target as the gitlink move.path
    // on top of the server's head of branch and pushes it (never forced).
    // Ends in gitlinkMoved() (also when move.guardLine shows the move was
    // made before: nothing is committed then), pushRejected() when the branch
    // moved on the server meanwhile, or failed(). Leaves the workspace on branch.
    quint64 moveGitlink(const QUrl &url, const QString &token, const QString &branch, const GitlinkMove &move,
                        const QString &username = QStringLiteral("oauth2"));
    // The branch's newest commits with the gitlink at path each one pins.
    quint64 gitlinkHistory(const QUrl &url, const QString &token, const QString &branch,
                           const QString &path = QStringLiteral("codes"), int maxCount = 200,
                           const QString &username = QStringLiteral("oauth2"));

    bool isBusy() const { return m_pending > 0; }
    QString branch() const { return m_branch; }
    QUrl url() const { return m_url; }

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
    void busyChanged(bool busy);

private:
    template<typename Fn> quint64 post(Fn &&fn);
    void onFinished(quint64 request);

    GitLibrary m_library; // first member: outlives the worker
    QThread *m_thread = nullptr;
    GitWorker *m_worker = nullptr;
    quint64 m_nextRequest = 1;
    int m_pending = 0;
    QUrl m_url;
    QString m_branch;
};

} // namespace Dockmaster
