#include "core/git/gitworkspace.h"

#include "core/git/gitworker.h"

#include <QThread>

namespace Dockmaster {

GitWorkspace::GitWorkspace(const QString &cacheRoot, QObject *parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    , m_worker(new GitWorker(cacheRoot))
{
    qRegisterMetaType<GitFailure>();
    qRegisterMetaType<GitAuthor>();
    qRegisterMetaType<GitPushRejection>();
    qRegisterMetaType<GitRebaseResult>();
    qRegisterMetaType<QList<GitHistoryEntry>>();
    qRegisterMetaType<GitlinkMove>();
    qRegisterMetaType<GitlinkMoveResult>();
    qRegisterMetaType<QList<GitlinkHistoryEntry>>();
    m_thread->setObjectName(QStringLiteral("GitWorkspace"));
    m_worker->moveToThread(m_thread);
    // The worker dies on its own thread, before wait() in our destructor returns.
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &GitWorker::opened, this, &GitWorkspace::opened);
    connect(m_worker, &GitWorker::filesListed, this, &GitWorkspace::filesListed);
    connect(m_worker, &GitWorker::fileRead, this, &GitWorkspace::fileRead);
    connect(m_worker, &GitWorker::pushed, this, &GitWorkspace::pushed);
    connect(m_worker, &GitWorker::pushRejected, this, &GitWorkspace::pushRejected);
    connect(m_worker, &GitWorker::rebased, this, &GitWorkspace::rebased);
    connect(m_worker, &GitWorker::historyReady, this, &GitWorkspace::historyReady);
    connect(m_worker, &GitWorker::diffReady, this, &GitWorkspace::diffReady);
    connect(m_worker, &GitWorker::gitlinkMoved, this, &GitWorkspace::gitlinkMoved);
    connect(m_worker, &GitWorker::gitlinkHistoryReady, this, &GitWorkspace::gitlinkHistoryReady);
    connect(m_worker, &GitWorker::failed, this, &GitWorkspace::failed);
    connect(m_worker, &GitWorker::finished, this, &GitWorkspace::onFinished);
    m_thread->start();
}

GitWorkspace::~GitWorkspace()
{
    m_thread->requestInterruption();
    m_thread->quit();
    m_thread->wait();
}

template<typename Fn> quint64 GitWorkspace::post(Fn &&fn)
{
    const quint64 request = m_nextRequest++;
    if (++m_pending == 1) {
        Q_EMIT busyChanged(true);
    }
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, request, fn = std::forward<Fn>(fn)] { fn(worker, request); },
        Qt::QueuedConnection);
    return request;
}

void GitWorkspace::onFinished(quint64)
{
    if (--m_pending == 0) {
        Q_EMIT busyChanged(false);
    }
}

quint64 GitWorkspace::open(const QUrl &url, const QString &token, const QString &branch, const QString &username)
{
    m_url = url.adjusted(QUrl::RemoveUserInfo);
    m_branch = branch;
    return post([url, token, branch, username](GitWorker *worker, quint64 request) {
        worker->open(request, url, username, token, branch);
    });
}

quint64 GitWorkspace::listFiles()
{
    return post([](GitWorker *worker, quint64 request) { worker->listFiles(request); });
}

quint64 GitWorkspace::readFile(const QString &path, const QString &commit)
{
    return post([path, commit](GitWorker *worker, quint64 request) { worker->readFile(request, path, commit); });
}

quint64 GitWorkspace::commitAndPush(const QString &path, const QByteArray &content, const QString &message,
                                    const GitAuthor &author, const QString &baseCommit)
{
    return post([path, content, message, author, baseCommit](GitWorker *worker, quint64 request) {
        worker->commitAndPush(request, path, content, message, author, baseCommit);
    });
}

quint64 GitWorkspace::rebaseEdit(const QString &path, const QByteArray &content, const QString &baseCommit)
{
    return post([path, content, baseCommit](GitWorker *worker, quint64 request) {
        worker->rebaseEdit(request, path, content, baseCommit);
    });
}

quint64 GitWorkspace::discardEdit(const QString &path)
{
    return post([path](GitWorker *worker, quint64 request) { worker->discardEdit(request, path); });
}

quint64 GitWorkspace::history(const QString &path, int maxCount)
{
    return post([path, maxCount](GitWorker *worker, quint64 request) { worker->history(request, path, maxCount); });
}

quint64 GitWorkspace::diffText(const QString &path, const QByteArray &text, const QString &commit)
{
    return post(
        [path, text, commit](GitWorker *worker, quint64 request) { worker->diffText(request, path, text, commit); });
}

quint64 GitWorkspace::moveGitlink(const QUrl &url, const QString &token, const QString &branch, const GitlinkMove &move,
                                  const QString &username)
{
    m_url = url.adjusted(QUrl::RemoveUserInfo);
    m_branch = branch;
    return post([url, token, branch, move, username](GitWorker *worker, quint64 request) {
        worker->moveGitlink(request, url, username, token, branch, move);
    });
}

quint64 GitWorkspace::gitlinkHistory(const QUrl &url, const QString &token, const QString &branch, const QString &path,
                                     int maxCount, const QString &username)
{
    m_url = url.adjusted(QUrl::RemoveUserInfo);
    m_branch = branch;
    return post([url, token, branch, path, maxCount, username](GitWorker *worker, quint64 request) {
        worker->gitlinkHistory(request, url, username, token, branch, path, maxCount);
    });
}

} // namespace Dockmaster
