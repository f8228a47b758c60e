#pragma once

#include "core/domain/records.h"
#include "core/provisioning/inventoryallocator.h"
#include "core/provisioning/keyvaluechange.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <memory>

namespace Dockmaster {

class DnsAccess;
class KeyValueAccess;
class KeyValueRotation;
class GitLabClient;
class MainWindow;
class Provisioner;
struct AuditEntry;

// Creating and archiving apps from the Application menu: the create-app
// wizard and the archive confirmation, both driving one Provisioner, and on
// start-up an offer to resume an app a previous run left half-created.
class ProvisioningController final : public QObject
{
    Q_OBJECT
public:
    ProvisioningController(GitLabClient *client, DnsAccess *dns, KeyValueAccess *keyValue, MainWindow *window,
                           QObject *parent = nullptr);
    ~ProvisioningController() override;

    void configure(const QString &rootGroup, const QString &inventoryProject);
    void setEdgeSignIn(const QString &authUrl, const QString &loginUrl);
    void setAdmin(const QString &login, const QString &name, const QString &email);
    // Once per session, after a sync: offers to resume the apps that the
    // inventory the sync read shows in "provisioning" (a start costs no
    // request per app).
    void offerResumeOnce(const QList<AppRecord> &apps);

    void createApp();
    void resumeApp(const QString &appId);
    void archiveApp(const QString &appId, const QString &appName);
    // The two halves of KeyValueRotation, each confirmed and audited.
    // Asks the admin to confirm, then runs it with the store's admin from the
    // keychain; one at a time, each audited (app.kv-enrol, app.kv-rotate).
    void changeKeyValueCredentials(const AppRecord &app, KeyValueChange change);

    Provisioner *provisioner() const { return m_provisioner.get(); }
    // Resume offers are asked in a message box; tests answer them.
    void setAskBeforeResume(bool ask) { m_askBeforeResume = ask; }

Q_SIGNALS:
    void audit(const QString &action, const QString &appId, const QString &detail);
    void appsChanged(); // time to sync
    void dialogOpened(QWidget *dialog);

private:
    // The DNS provider and the key/value store's admin set on the
    // provisioner, then `then`. Without the store's admin (its password not
    // in the keychain) nothing starts: provisioning would record its step
    // done without the app's user, and archiving would leave its keys.
    void withServices(const std::function<void()> &then);
    void offerResume(QList<AppRecord> unfinished);

    GitLabClient *m_client;
    QPointer<DnsAccess> m_dns;
    QPointer<KeyValueAccess> m_keyValue;
    QPointer<MainWindow> m_window;
    std::unique_ptr<InventoryAllocator> m_allocator;
    std::unique_ptr<Provisioner> m_provisioner;
    std::unique_ptr<KeyValueRotation> m_rotation;
    QString m_rootGroup;
    bool m_rotating = false;
    QString m_login;
    bool m_resumeOffered = false;
    bool m_askBeforeResume = true;
};

} // namespace Dockmaster
