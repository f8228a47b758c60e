#pragma once

#include "core/git/gitlibrary.h"
#include "core/git/gittypes.h"

#include <QObject>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <source_location>

class QThread;

namespace Dockmaster {

class GitWorker;
class ThreadMailbox;

// A local clone of one management repository (one environment branch) under
// the cache folder. All libgit2 work runs on the workspace's own thread; every
// call returns at once and its result arrives later as a GitResult in `done`,
// on this object's thread, unless `context` was destroyed meanwhile (as with
// GitLabClient). Requests run one after another in call order.
class GitWorkspace final : public QObject
{
    Q_OBJECT
public:
    template<typename T> using Callback = std::function<void(GitResult<T>)>;

    // cacheRoot: the folder that holds workspaces (a "git" subfolder is made).
    explicit GitWorkspace(const QString &cacheRoot, QObject *parent = nullptr);
    ~GitWorkspace() override;

    // Clones (or fetches an earlier clone of) url and checks out branch at
    // the server's head. The token is sent as the password of username
    // (GitLab: "oauth2"); it is kept in memory only, never written to disk.
    void open(const QUrl &url, const QString &token, const QString &branch, QObject *context, Callback<GitOpened> done,
              const QString &username = QStringLiteral("oauth2"));
    void listFiles(QObject *context, Callback<QStringList> done);
    // commit empty: the branch head.
    void readFile(const QString &path, const QString &commit, QObject *context, Callback<GitFile> done);
    // Commits content as the new version of path on top of baseCommit (the
    // commit the edit started from) and pushes the branch. The result carries
    // a rejection when someone else pushed first.
    void commitAndPush(const QString &path, const QByteArray &content, const QString &message, const GitAuthor &author,
                       const QString &baseCommit, QObject *context, Callback<GitPushResult> done);
    // What to do with an unpushed commit GitOpened listed (see GitWorker).
    void pushUnpushed(const QString &commitId, QObject *context, Callback<GitPushResult> done);
    void keepUnpushedAsBranch(const QString &commitId, QObject *context, Callback<QString> done);
    void discardUnpushed(const QString &commitId, QObject *context, Callback<bool> done);
    // After a rejection: re-applies the edit on the server's new head (a
    // 3-way merge when the file changed there too).
    void rebaseEdit(const QString &path, const QByteArray &content, const QString &baseCommit, QObject *context,
                    Callback<GitRebaseResult> done);
    // After a rejection: drops the edit and reads the server's version.
    void discardEdit(const QString &path, QObject *context, Callback<GitFile> done);
    void history(const QString &path, int maxCount, QObject *context, Callback<QList<GitHistoryEntry>> done);
    // Unified diff from the committed version (commit empty: branch head) to text.
    void diffText(const QString &path, const QByteArray &text, const QString &commit, QObject *context,
                  Callback<QString> done);

    // Clones or fetches url, then commits move.target as the gitlink move.path
    // on top of the server's head of branch and pushes it (never forced).
    // Succeeds also when move.guardLine shows the move was made before
    // (alreadyPresent: nothing is committed then); carries a rejection when
    // the branch moved on the server meanwhile. Leaves the workspace on branch.
    void moveGitlink(const QUrl &url, const QString &token, const QString &branch, const GitlinkMove &move,
                     QObject *context, Callback<GitlinkMoveResult> done,
                     const QString &username = QStringLiteral("oauth2"));
    // The branch's newest commits with the gitlink at path each one pins.
    void gitlinkHistory(const QUrl &url, const QString &token, const QString &branch, const QString &path, int maxCount,
                        QObject *context, Callback<QList<GitlinkHistoryEntry>> done,
                        const QString &username = QStringLiteral("oauth2"));

    bool isBusy() const { return m_pending > 0; }
    QString branch() const { return m_branch; }
    QUrl url() const { return m_url; }

Q_SIGNALS:
    void busyChanged(bool busy);

private:
    // Runs work on the worker's thread and hands its result (or GitError) to
    // done on ours, unless context died; logs the caller and its time.
    template<typename T, typename Work>
    void post(QObject *context, Callback<T> done, Work work,
              std::source_location caller = std::source_location::current());
    void onFinished();

    GitLibrary m_library; // first member: outlives the worker
    const QString m_root; // where the clones live, on this computer
    QThread *m_thread = nullptr;
    GitWorker *m_worker = nullptr;       // lives on m_thread, deleted there by our destructor
    ThreadMailbox *m_toWorker = nullptr; // lives on m_thread: the work goes through it
    ThreadMailbox *m_toOwner = nullptr;  // child, on this object's thread: the results
    int m_pending = 0;
    QUrl m_url;
    QString m_branch;
};

} // namespace Dockmaster
