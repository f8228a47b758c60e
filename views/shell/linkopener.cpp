#include "views/shell/linkopener.h"

#include "core/domain/linktarget.h"
#include "models/applicationsmodel.h"
#include "models/releaserequestsmodel.h"
#include "views/mainwindow.h"

namespace Dockmaster {

LinkOpener::LinkOpener(ApplicationsModel *apps, ReleaseRequestsModel *requests, MainWindow *window,
                       std::function<int()> requestSync, QObject *parent)
    : QObject(parent)
    , m_apps(apps)
    , m_requests(requests)
    , m_window(window)
    , m_requestSync(std::move(requestSync))
{
}

void LinkOpener::open(const QStringList &links)
{
    if (!m_painted) {
        m_beforePaint += links;
        return;
    }
    const QStringList unknown = showEach(links, Attempt::BeforeSync);
    if (unknown.isEmpty())
        return;
    const int syncs = m_requestSync();
    if (syncs <= 0) {
        showOrReport(unknown);
        return;
    }
    m_awaitingSync += unknown;
    m_syncsToWait = std::max(m_syncsToWait, syncs);
    m_window->showError(tr("Looking for %1 in GitLab's newest data…").arg(unknown.join(QStringLiteral(", "))));
}

void LinkOpener::snapshotShown()
{
    m_painted = true;
    if (!m_beforePaint.isEmpty())
        open(std::exchange(m_beforePaint, {}));
    // Links wait until the sync asked for them has ended well (a failure
    // reports them at once and empties the list).
    if (m_syncsToWait > 0 || m_awaitingSync.isEmpty())
        return;
    showOrReport(std::exchange(m_awaitingSync, {}));
}

void LinkOpener::syncFinished()
{
    if (m_syncsToWait > 0)
        --m_syncsToWait;
}

void LinkOpener::syncFailed()
{
    m_syncsToWait = 0;
    showOrReport(std::exchange(m_awaitingSync, {}));
}

bool LinkOpener::show(const QString &link, Attempt attempt)
{
    const std::optional<LinkTarget> target = resolveLink(link, m_apps->items(), m_requests->items());
    if (!target)
        return false;
    if (target->request && m_window->showReleaseRequest(target->request->projectId, target->request->iid))
        return true;
    if (target->uncachedIssueIid == 0)
        return m_window->showApplication(target->appId);
    // Probably a request filed since the last sync: worth one.
    if (attempt == Attempt::BeforeSync)
        return false;
    if (!m_window->showApplication(target->appId))
        return false;
    m_window->showError(tr("Issue #%1 is not an open release request: showing its application %2.")
                            .arg(target->uncachedIssueIid)
                            .arg(target->appId));
    return true;
}

QStringList LinkOpener::showEach(const QStringList &links, Attempt attempt)
{
    QStringList unknown;
    for (const QString &link : links) {
        if (!show(link, attempt))
            unknown.append(link);
    }
    return unknown;
}

void LinkOpener::showOrReport(const QStringList &links)
{
    const QStringList unknown = showEach(links, Attempt::Final);
    if (unknown.isEmpty())
        return;
    m_window->showError(tr("No application or open release request of this profile matches %1.")
                            .arg(unknown.join(QStringLiteral(", "))));
}

} // namespace Dockmaster
