#pragma once

#include "core/domain/records.h"
#include "core/platform/grantspublisher.h"

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
    ~PlatformServicesController() override;

    void open(const AppRecord &app);
    // The profile changed: each open tab gets the new store's browser.
    void reconnect();
    PlatformServicesView *viewOf(const QString &appId) const;
    // What a grant change renders with: the apps and hosts as last synced,
    // the profile's sign-in at the edge, and who commits.
    void setInventory(const QList<AppRecord> &apps, const QList<HostRecord> &hosts);
    void setEdgeSignIn(const QString &authUrl, const QString &loginUrl);
    void setActor(const QString &login) { m_actor = login; }

Q_SIGNALS:
    void audit(const QString &action, const QString &appId, const QString &detail);
    void failed(const QString &message);

private:
    void connectStore(PlatformServicesView *view);
    void readManifest(PlatformServicesView *view, const AppRecord &app);
    QList<PlatformServicesView *> views() const;
    void readGrants(PlatformServicesView *view, Environment environment, const QString &statusAfter = {});
    void publishGrants(PlatformServicesView *view, Environment environment, const EdgeGrants &grants,
                       const GrantsPublisher::Branch &base);
    QString grantsUnavailable() const;
    // The app as last synced; null when the sync has not seen it.
    const AppRecord *appRecord(const QString &appId) const;

    QPointer<GitLabClient> m_client;
    QPointer<KeyValueAccess> m_keyValue;
    QTabWidget *m_tabs;
    std::unique_ptr<GrantsPublisher> m_grants;
    QList<AppRecord> m_apps;
    QList<HostRecord> m_hosts;
    QString m_authUrl;
    QString m_loginUrl;
    QString m_actor;
};

} // namespace Dockmaster
