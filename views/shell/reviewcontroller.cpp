#include "views/shell/reviewcontroller.h"

#include "core/review/reviewloader.h"
#include "models/applicationsmodel.h"
#include "views/panels/approvalspanel.h"
#include "views/review/reviewpane.h"

#include <QTreeView>

namespace Dockmaster {

ReviewController::ReviewController(GitLabClient *client, ApprovalsPanel *panel, const ApplicationsModel *apps,
                                   const KSyntaxHighlighting::Repository *syntax, QObject *parent)
    : QObject(parent)
    , m_apps(apps)
    , m_loader(new ReviewLoader(client, this))
    , m_pane(new ReviewPane(syntax, panel))
{
    m_pane->setObjectName(QStringLiteral("reviewPane"));
    panel->setReviewWidget(m_pane); // the panel owns the pane from here
    connect(m_loader, &ReviewLoader::loaded, m_pane, &ReviewPane::setResult);
    connect(m_loader, &ReviewLoader::failed, m_pane, &ReviewPane::setError);
    connect(m_loader, &ReviewLoader::progress, m_pane, &ReviewPane::setProgress);
    connect(panel, &ApprovalsPanel::currentRequestChanged, this, &ReviewController::review);
    // The request under review follows the cache: approved or rejected (here
    // or elsewhere), or pinned to a new commit by a push.
    connect(panel->view()->model(), &QAbstractItemModel::dataChanged, this, [this, panel] {
        if (const std::optional<ReleaseRequest> request = panel->currentRequest())
            review(request);
    });
}

void ReviewController::review(const std::optional<ReleaseRequest> &request)
{
    if (!request) {
        m_loader->cancel();
        m_pane->clear();
        return;
    }
    const bool sameRequest = m_pane->request().projectId == request->projectId && m_pane->request().iid == request->iid
        && m_pane->request().resolvedSha == request->resolvedSha;
    m_pane->setRequest(*request);
    if (sameRequest && m_pane->state() != ReviewPane::State::Error)
        return; // a refresh of the list: the loaded diff still applies
    if (request->resolvedSha.size() != 40) {
        m_loader->cancel();
        m_pane->setError(tr("The requested ref %1 does not resolve to a commit of the app's repository, so there is "
                            "nothing to review or deploy.")
                             .arg(request->requestedRef));
        return;
    }
    QString liveSha;
    const int row = m_apps->rowOfKey(request->appId);
    if (row >= 0) {
        if (const EnvironmentState *state = m_apps->itemAt(row).environment(request->environment))
            liveSha = state->liveSha;
    }
    m_pane->setLoading();
    m_loader->load(QString::number(request->projectId), liveSha, request->resolvedSha);
}

} // namespace Dockmaster
