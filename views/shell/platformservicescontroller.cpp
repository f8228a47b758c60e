#include "views/shell/platformservicescontroller.h"

#include "core/gitlab/gitlabclient.h"
#include "core/platform/keyspacebrowser.h"
#include "core/platform/platformmanifestreader.h"
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
{
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
    connectStore(view);
    readManifest(view, app);
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
