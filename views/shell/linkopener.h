#pragma once

#include <QObject>
#include <QStringList>

#include <functional>

namespace Dockmaster {

class ApplicationsModel;
class MainWindow;
class ReleaseRequestsModel;

// Opens links handed to Dockmaster from outside (`dockmaster LINK`, or a
// second start of the same profile): selects the app or release request
// they name in the window. Links given before the cache was painted wait
// for it; a link the cache does not know (a request filed a minute ago) is
// looked for once more after a sync of GitLab's newest data, then reported.
class LinkOpener final : public QObject
{
    Q_OBJECT
public:
    // `requestSync` asks for a sync that starts from now on and answers how
    // many syncs end before that one has (1: it starts now, 2: one runs and
    // the asked-for one follows it, 0: none will run: offline, no token).
    LinkOpener(ApplicationsModel *apps, ReleaseRequestsModel *requests, MainWindow *window,
               std::function<int()> requestSync, QObject *parent = nullptr);

    void open(const QStringList &links);

    // The panels show a new snapshot of the cache.
    void snapshotShown();
    // A sync ended. Once the one asked for has, the next snapshot is the last
    // chance for links the cache did not know; a failure reports them at once.
    void syncFinished();
    void syncFailed();

private:
    enum class Attempt {
        BeforeSync, // a link to an issue the cache does not have waits for a sync
        Final,      // after it (or when none can run): its app is shown instead
    };
    // Selects what `link` names; false if the cache does not know it.
    bool show(const QString &link, Attempt attempt);
    // Shows each link; returns the links that matched nothing.
    QStringList showEach(const QStringList &links, Attempt attempt);
    // Shows what the cache knows of `links` and names the rest.
    void showOrReport(const QStringList &links);

    ApplicationsModel *m_apps;
    ReleaseRequestsModel *m_requests;
    MainWindow *m_window;
    std::function<int()> m_requestSync;
    bool m_painted = false;
    QStringList m_beforePaint;  // given before the first snapshot
    QStringList m_awaitingSync; // unknown to the cache: looked for after the sync
    int m_syncsToWait = 0;      // sync ends until the one asked for m_awaitingSync has
};

} // namespace Dockmaster
