#pragma once

#include "core/domain/records.h"

#include <QObject>
#include <QPointer>

class QTabWidget;

namespace Dockmaster {

class GitLabClient;
class KeyValueAccess;
class PlatformServicesView;

// Opens an app's Platform services tab in the editor area (one per app),
// gives it the store's browser from KeyValueAccess and the plugin's
// platform.json from GitLab, and passes its changes on to the audit log.
class PlatformServicesController final : public QObject
{
    Q_OBJECT
public:
    // None is owned; `tabs` is the editor area.
    PlatformServicesController(GitLabClient *client, KeyValueAccess *keyValue, QTabWidget *tabs,
                               QObject *parent = nullptr);

    void open(const AppRecord &app);
    // The profile changed: each open tab gets the new store's browser.
    void reconnect();
    PlatformServicesView *viewOf(const QString &appId) const;

Q_SIGNALS:
    void audit(const QString &action, const QString &appId, const QString &detail);
    void failed(const QString &message);

private:
    void connectStore(PlatformServicesView *view);
    void readManifest(PlatformServicesView *view, const AppRecord &app);
    QList<PlatformServicesView *> views() const;

    QPointer<GitLabClient> m_client;
    QPointer<KeyValueAccess> m_keyValue;
    QTabWidget *m_tabs;
};

} // namespace Dockmaster
