#include "core/git/gitworkspace.h"

#include "core/git/gitworker.h"
#include "core/util/localdisk.h"
#include "core/util/logging.h"
#include "core/util/redact.h"
#include "core/util/threadmailbox.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QThread>

namespace Dockmaster {

GitWorkspace::GitWorkspace(const QString &cacheRoot, QObject *parent)
    : QObject(parent)
    , m_root(cacheRoot)
    , m_thread(new QThread(this))
    , m_worker(new GitWorker(cacheRoot))
    , m_toWorker(new ThreadMailbox)
    , m_toOwner(new ThreadMailbox(this))
{
    m_thread->setObjectName(QStringLiteral("GitWorkspace"));
    m_worker->moveToThread(m_thread);
    m_toWorker->moveToThread(m_thread);

    m_thread->start();
}

GitWorkspace::~GitWorkspace()
{
    // The worker dies on its own thread, and we wait for it there (run()
    // orders its end before ours for ThreadSanitizer; QThread::wait() does not).
    m_thread->requestInterruption(); // a long libgit2 call gives up first
    m_toWorker->run([this] { delete m_worker; });
    m_thread->quit();
    m_thread->wait();
    delete m_toWorker; // safe now: its thread has stopped
}

template<typename T, typename Work>
void GitWorkspace::post(QObject *context, Callback<T> done, Work work, std::source_location caller)
{
    if (++m_pending == 1) {
        Q_EMIT busyChanged(true);
    }
    // The guard is made here and read only on this thread; the worker merely carries it.
    m_toWorker->post([this, worker = m_worker, guard = QPointer<QObject>(context), done = std::move(done),
                      work = std::move(work), caller]() mutable {
        GitResult<T> result;
        QElapsedTimer clock;
        clock.start();
        try {
            result.value = work(worker);
            qCDebug(lcGit).noquote() << caller.function_name() << "done in" << clock.elapsed() << "ms";
        } catch (const GitError &error) {
            result.failed = true;
            result.failure = error.kind;
            // A workspace on a full (or read-only) disk says so in plain words.
            result.error
                = error.kind == GitFailure::General ? LocalDisk::withDiskProblem(error.message, m_root) : error.message;
            qCDebug(lcGit).noquote() << caller.function_name() << "failed after" << clock.elapsed()
                                     << "ms:" << redacted(error.message);
        }
        // Our destructor waits for this thread, so `this` is alive here;
        // a reply still queued when it dies is discarded with it.
        m_toOwner->post([this, guard, done = std::move(done), result = std::move(result)] {
            onFinished();
            if (guard && done) {
                done(result);
            }
        });
    });
}

void GitWorkspace::onFinished()
{
    if (--m_pending == 0) {
        Q_EMIT busyChanged(false);
    }
}

void GitWorkspace::open(const QUrl &url, const QString &token, const QString &branch, QObject *context,
                        Callback<GitOpened> done, const QString &username)
{
    m_url = url.adjusted(QUrl::RemoveUserInfo);
    m_branch = branch;
    post<GitOpened>(context, std::move(done), [url, token, branch, username](GitWorker *worker) {
        return worker->open(url, username, token, branch);
    });
}

void GitWorkspace::listFiles(QObject *context, Callback<QStringList> done)
{
    post<QStringList>(context, std::move(done), [](GitWorker *worker) { return worker->listFiles(); });
}

void GitWorkspace::readFile(const QString &path, const QString &commit, QObject *context, Callback<GitFile> done)
{
    post<GitFile>(context, std::move(done),
                  [path, commit](GitWorker *worker) { return worker->readFile(path, commit); });
}

void GitWorkspace::commitAndPush(const QString &path, const QByteArray &content, const QString &message,
                                 const GitAuthor &author, const QString &baseCommit, QObject *context,
                                 Callback<GitPushResult> done)
{
    post<GitPushResult>(context, std::move(done), [path, content, message, author, baseCommit](GitWorker *worker) {
        return worker->commitAndPush(path, content, message, author, baseCommit);
    });
}

void GitWorkspace::rebaseEdit(const QString &path, const QByteArray &content, const QString &baseCommit,
                              QObject *context, Callback<GitRebaseResult> done)
{
    post<GitRebaseResult>(context, std::move(done), [path, content, baseCommit](GitWorker *worker) {
        return worker->rebaseEdit(path, content, baseCommit);
    });
}

void GitWorkspace::pushUnpushed(const QString &commitId, QObject *context, Callback<GitPushResult> done)
{
    post<GitPushResult>(context, std::move(done),
                        [commitId](GitWorker *worker) { return worker->pushUnpushed(commitId); });
}

void GitWorkspace::keepUnpushedAsBranch(const QString &commitId, QObject *context, Callback<QString> done)
{
    post<QString>(context, std::move(done),
                  [commitId](GitWorker *worker) { return worker->keepUnpushedAsBranch(commitId); });
}

void GitWorkspace::discardUnpushed(const QString &commitId, QObject *context, Callback<bool> done)
{
    post<bool>(context, std::move(done), [commitId](GitWorker *worker) {
        worker->discardUnpushed(commitId);
        return true;
    });
}

void GitWorkspace::discardEdit(const QString &path, QObject *context, Callback<GitFile> done)
{
    post<GitFile>(context, std::move(done), [path](GitWorker *worker) { return worker->discardEdit(path); });
}

void GitWorkspace::history(const QString &path, int maxCount, QObject *context, Callback<QList<GitHistoryEntry>> done)
{
    post<QList<GitHistoryEntry>>(context, std::move(done),
                                 [path, maxCount](GitWorker *worker) { return worker->history(path, maxCount); });
}

void GitWorkspace::diffText(const QString &path, const QByteArray &text, const QString &commit, QObject *context,
                            Callback<QString> done)
{
    post<QString>(context, std::move(done),
                  [path, text, commit](GitWorker *worker) { return worker->diffText(path, text, commit); });
}

void GitWorkspace::moveGitlink(const QUrl &url, const QString &token, const QString &branch, const GitlinkMove &move,
                               QObject *context, Callback<GitlinkMoveResult> done, const QString &username)
{
    m_url = url.adjusted(QUrl::RemoveUserInfo);
    m_branch = branch;
    post<GitlinkMoveResult>(context, std::move(done), [url, token, branch, move, username](GitWorker *worker) {
        return worker->moveGitlink(url, username, token, branch, move);
    });
}

void GitWorkspace::gitlinkHistory(const QUrl &url, const QString &token, const QString &branch, const QString &path,
                                  int maxCount, QObject *context, Callback<QList<GitlinkHistoryEntry>> done,
                                  const QString &username)
{
    m_url = url.adjusted(QUrl::RemoveUserInfo);
    m_branch = branch;
    post<QList<GitlinkHistoryEntry>>(context, std::move(done),
                                     [url, token, branch, path, maxCount, username](GitWorker *worker) {
                                         return worker->gitlinkHistory(url, username, token, branch, path, maxCount);
                                     });
}

} // namespace Dockmaster
