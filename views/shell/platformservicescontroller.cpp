#include "views/shell/platformservicescontroller.h"

#include "core/gitlab/gitlabclient.h"
#include "core/platform/keyspacebrowser.h"
#include "core/platform/platformmanifestreader.h"
#include "views/platform/grantseditor.h"
#include "views/platform/platformservicesview.h"
#include "views/shell/keyvalueaccess.h"

#include <QTabWidget>

namespace Dockmaster {

PlatformServicesController::PlatformServicesController(GitLabClient *client, KeyValueAccess *keyValue, QTabWidget *tabs,
                                                       QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_keyValue(keyValue)
    , m_tabs(tabs)
    , m_grants(std::make_unique<GrantsPublisher>(client))
{
}

PlatformServicesController::~PlatformServicesController() = default;

void PlatformServicesController::setInventory(const QList<AppRecord> &apps, const QList<HostRecord> &hosts)
{
    m_apps = apps;
    m_hosts = hosts;
}

void PlatformServicesController::setEdgeSignIn(const QString &authUrl, const QString &loginUrl)
{
    m_authUrl = authUrl;
    m_loginUrl = loginUrl;
    for (PlatformServicesView *view : views())
        view->grants()->setUnavailable(grantsUnavailable());
}

const AppRecord *PlatformServicesController::appRecord(const QString &appId) const
{
    const auto app
        = std::find_if(m_apps.cbegin(), m_apps.cend(), [&appId](const AppRecord &a) { return a.id == appId; });
    return app != m_apps.cend() ? &*app : nullptr;
}

QString PlatformServicesController::grantsUnavailable() const
{
    return m_authUrl.isEmpty() ? GrantsPublisher::withoutSignInCheck() : QString();
}

QList<PlatformServicesView *> PlatformServicesController::views() const
{
    QList<PlatformServicesView *> found;
    for (int i = 0; i < m_tabs->count(); ++i)
        if (auto *view = qobject_cast<PlatformServicesView *>(m_tabs->widget(i)))
            found.append(view);
    return found;
}

PlatformServicesView *PlatformServicesController::viewOf(const QString &appId) const
{
    for (PlatformServicesView *view : views())
        if (view->appId() == appId)
            return view;
    return nullptr;
}

void PlatformServicesController::open(const AppRecord &app)
{
    if (PlatformServicesView *view = viewOf(app.id)) {
        m_tabs->setCurrentWidget(view);
        return;
    }
    auto *view = new PlatformServicesView(app.id, app.name);
    const int index = m_tabs->addTab(view, tr("%1: Platform services").arg(app.id));
    m_tabs->setCurrentIndex(index);
    connect(view, &PlatformServicesView::changed, this, &PlatformServicesController::audit);
    connect(view, &PlatformServicesView::failed, this, &PlatformServicesController::failed);
    connect(view, &PlatformServicesView::refreshRequested, this, [this, view, app] { readManifest(view, app); });
    GrantsEditor *grants = view->grants();
    QList<Environment> environments;
    for (const EnvironmentState &state : app.environments)
        environments.append(state.environment);
    grants->setUnavailable(grantsUnavailable());
    connect(grants, &GrantsEditor::environmentChosen, this,
            [this, view](Environment environment) { readGrants(view, environment); });
    connect(grants, &GrantsEditor::saveRequested, this,
            [this, view](Environment environment, const EdgeGrants &edited, const GrantsPublisher::Branch &base) {
                publishGrants(view, environment, edited, base);
            });
    grants->setEnvironments(environments);
    connectStore(view);
    readManifest(view, app);
    if (!environments.isEmpty())
        readGrants(view, grants->environment());
}

void PlatformServicesController::readGrants(PlatformServicesView *view, Environment environment,
                                            const QString &statusAfter)
{
    const AppRecord *app = appRecord(view->appId());
    const qint64 opsProject = app ? app->opsProjectId : 0;
    if (opsProject == 0) {
        GrantsPublisher::Branch missing;
        missing.environment = environment;
        missing.error = tr("The management repository of %1 is not known yet; sync first.").arg(view->appId());
        view->grants()->setBranch(missing);
        return;
    }
    m_grants->read(QString::number(opsProject), environment, view,
                   [view, statusAfter](const GrantsPublisher::Branch &branch) {
                       view->grants()->setBranch(branch);
                       if (branch.ok() && !statusAfter.isEmpty())
                           view->grants()->setStatus(statusAfter);
                   });
}

void PlatformServicesController::publishGrants(PlatformServicesView *view, Environment environment,
                                               const EdgeGrants &grants, const GrantsPublisher::Branch &base)
{
    const AppRecord *app = appRecord(view->appId());
    const HostRecord *host = app ? app->hostIn(m_hosts, environment) : nullptr;
    if (!host) {
        view->grants()->setStatus(tr("The host of %1 in %2 is not in the inventory; nothing was written.")
                                      .arg(view->appId(), environmentDisplayName(environment)),
                                  true);
        return;
    }
    GrantsPublisher::Change change;
    change.app = *app;
    change.host = *host;
    change.opsProject = QString::number(app->opsProjectId);
    change.authUrl = m_authUrl;
    change.loginUrl = m_loginUrl;
    change.base = base;
    change.grants = grants;
    change.actor = m_actor;
    m_grants->publish(change, view, [this, view, environment](const GrantsPublisher::Published &published) {
        if (published.commit.isEmpty()) {
            view->grants()->setStatus(published.error, true);
            if (published.conflict)
                readGrants(view, environment);
            return;
        }
        Q_EMIT audit(QStringLiteral("app.grants-set"), view->appId(),
                     tr("%1, commit %2: %3")
                         .arg(environmentBranch(environment), published.commit.left(12),
                              published.changes.join(QStringLiteral("; "))));
        readGrants(view, environment,
                   tr("Committed as %1 to %2; its pipeline deploys the grants to the host.")
                       .arg(published.commit.left(12), environmentBranch(environment)));
    });
}

void PlatformServicesController::reconnect()
{
    for (PlatformServicesView *view : views())
        connectStore(view);
}

void PlatformServicesController::connectStore(PlatformServicesView *view)
{
    if (!m_keyValue)
        return;
    m_keyValue->withBrowser([view = QPointer(view)](KeyspaceBrowser *browser, const QString &error) {
        if (view)
            view->setBrowser(browser, error);
    });
}

void PlatformServicesController::readManifest(PlatformServicesView *view, const AppRecord &app)
{
    if (!m_client)
        return;
    PlatformManifestReader::read(m_client, app, view, [view](const PlatformManifestReader::Result &result) {
        if (!result.error.isEmpty())
            view->setManifestError(result.error);
        else if (!result.found)
            view->setManifestError(
                tr("The plugin has no platform.json at %1: it declares no permission and has the platform's default "
                   "key/value quota.")
                    .arg(result.source));
        else
            view->setManifest(result.manifest, result.source);
    });
}

} // namespace Dockmaster
