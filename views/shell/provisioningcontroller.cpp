#include "views/shell/provisioningcontroller.h"

#include "core/domain/environment.h"
#include "core/provisioning/inventoryallocator.h"
#include "core/provisioning/keyvaluerotation.h"
#include "core/provisioning/provisioner.h"
#include "core/provisioning/provisioninglog.h"
#include "views/dialogs.h"
#include "views/mainwindow.h"
#include "views/provisioning/archiveappdialog.h"
#include "views/provisioning/createappdialog.h"
#include "views/shell/dnsaccess.h"
#include "views/shell/keyvalueaccess.h"

#include <QMessageBox>

namespace Dockmaster {

ProvisioningController::ProvisioningController(GitLabClient *client, DnsAccess *dns, KeyValueAccess *keyValue,
                                               MainWindow *window, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_dns(dns)
    , m_keyValue(keyValue)
    , m_window(window)
{
}

ProvisioningController::~ProvisioningController() = default;

void ProvisioningController::configure(const QString &rootGroup, const QString &inventoryProject)
{
    m_provisioner.reset(); // it refers to the allocator
    m_allocator = std::make_unique<InventoryAllocator>(m_client, inventoryProject);
    m_provisioner = std::make_unique<Provisioner>(m_client, m_allocator.get());
    m_provisioner->setRootGroup(rootGroup);
    m_rootGroup = rootGroup;
    logProvisioningSteps(m_provisioner.get());
    connect(m_provisioner.get(), &Provisioner::finished, this, [this](const QString &appId) {
        Q_EMIT audit(QStringLiteral("app.provision"), appId, tr("created by %1").arg(m_login));
        Q_EMIT appsChanged();
    });
    connect(m_provisioner.get(), &Provisioner::archived, this, [this](const QString &appId) {
        Q_EMIT audit(QStringLiteral("app.archive"), appId,
                     tr("DNS records removed, key/value user and keys deleted, repositories archived"));
        Q_EMIT appsChanged();
    });
    connect(m_provisioner.get(), &Provisioner::failed, this, [this](Provisioner::Step step, const QString &reason) {
        Q_EMIT audit(QStringLiteral("app.provision"), m_provisioner->appId(),
                     tr("stopped at \"%1\": %2").arg(Provisioner::stepTitle(step), reason));
    });
    m_resumeOffered = false;
}

void ProvisioningController::setEdgeSignIn(const QString &authUrl, const QString &loginUrl)
{
    if (m_provisioner)
        m_provisioner->setEdgeSignIn(authUrl, loginUrl);
}

void ProvisioningController::setAdmin(const QString &login, const QString &name, const QString &email)
{
    m_login = login;
    if (m_provisioner)
        m_provisioner->setCommitAuthor(name.isEmpty() ? login : name, email);
}

void ProvisioningController::withServices(const std::function<void()> &then)
{
    const auto withKeyValue = [this, then] {
        if (!m_keyValue) {
            then();
            return;
        }
        m_keyValue->withAdmin([this, then](AppKeyValueAdmin *admin, const QString &error) {
            if (!m_provisioner)
                return;
            if (!error.isEmpty()) {
                if (m_window)
                    m_window->showError(tr("Apps cannot be set up or archived now: %1").arg(error));
                return;
            }
            m_provisioner->setKeyValueAdmin(admin);
            then();
        });
    };
    if (!m_dns) {
        withKeyValue();
        return;
    }
    m_dns->withProvider([this, withKeyValue](DnsProvider *provider, const QString &error) {
        m_provisioner->setDnsProvider(provider);
        if (!provider && m_window)
            m_window->showError(tr("DNS records will not be set: %1").arg(error));
        withKeyValue();
    });
}

void ProvisioningController::createApp()
{
    if (!m_provisioner || m_provisioner->isBusy()) {
        m_window->showError(tr("Another app is being set up; wait for it to finish."));
        return;
    }
    withServices([this] {
        auto *dialog = new CreateAppDialog(m_provisioner.get(), m_allocator.get(), m_window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setObjectName(QStringLiteral("createAppDialog"));
        dialog->open();
        Q_EMIT dialogOpened(dialog);
    });
}

void ProvisioningController::resumeApp(const QString &appId)
{
    if (!m_provisioner || m_provisioner->isBusy())
        return;
    withServices([this, appId] {
        auto *dialog = new CreateAppDialog(m_provisioner.get(), m_allocator.get(), m_window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setObjectName(QStringLiteral("createAppDialog"));
        dialog->open();
        dialog->resumeApp(appId);
        Q_EMIT dialogOpened(dialog);
    });
}

void ProvisioningController::archiveApp(const QString &appId, const QString &appName)
{
    if (!m_provisioner || m_provisioner->isBusy())
        return;
    withServices([this, appId, appName] {
        auto *dialog = new ArchiveAppDialog(m_provisioner.get(), appId, appName, m_window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setObjectName(QStringLiteral("archiveAppDialog"));
        dialog->open();
        Q_EMIT dialogOpened(dialog);
    });
}

void ProvisioningController::changeKeyValueCredentials(const AppRecord &app, KeyValueChange change)
{
    if (!m_keyValue || !m_window)
        return;
    if (m_rotating) {
        m_window->showError(tr("A key/value password change is running; wait for it to end."));
        return;
    }
    QString title;
    QString text;
    QString confirm;
    switch (change) {
    case KeyValueChange::Enrol:
        title = tr("Set up the app's key/value store");
        text = tr("Give %1 its own user in the platform's key/value store? It was set up before the store was "
                  "configured. Its password becomes a masked CI/CD variable of the app, and every environment "
                  "deploys again so the containers get the store's variables.")
                   .arg(app.id);
        confirm = tr("Set up");
        break;
    case KeyValueChange::BeginRotation:
        title = tr("Rotate the key/value password");
        text = tr("Give %1 a new key/value password? The store accepts the old and the new password while every "
                  "environment deploys again with the new one; then finish the rotation from this menu.")
                   .arg(app.id);
        confirm = tr("Rotate");
        break;
    case KeyValueChange::FinishRotation:
        title = tr("Finish the key/value password rotation");
        text = tr("Finish the rotation for %1? From now on only the new password opens its key/value store. Do "
                  "this once the deploys started by the rotation have succeeded in every environment; a "
                  "container still running with the old password loses its store.")
                   .arg(app.id);
        confirm = tr("Finish");
        break;
    }
    Dialogs::confirm(m_window, title, text, confirm, this, [this, app, change] {
        m_keyValue->withAdmin([this, app, change](AppKeyValueAdmin *admin, const QString &error) {
            if (!admin) {
                m_window->showError(error.isEmpty() ? tr("This profile has no key/value store.") : error);
                return;
            }
            if (m_rotating)
                return;
            m_rotating = true;
            m_rotation = std::make_unique<KeyValueRotation>(m_client, admin);
            const QString ops = m_rootGroup + QStringLiteral("/ops/") + app.id;
            const auto done = [this, app, change](const QString &failure) {
                m_rotating = false;
                QString detail;
                if (!failure.isEmpty())
                    detail = change == KeyValueChange::Enrol ? tr("key/value store not set up: %1").arg(failure)
                                                             : tr("key/value rotation stopped: %1").arg(failure);
                else if (change == KeyValueChange::Enrol)
                    detail = tr("key/value store set up: user, variables, deploys started");
                else if (change == KeyValueChange::BeginRotation)
                    detail = tr("key/value rotation begun: new password, deploys started");
                else
                    detail = tr("key/value rotation finished: only the new password");
                Q_EMIT audit(change == KeyValueChange::Enrol ? QStringLiteral("app.kv-enrol")
                                                             : QStringLiteral("app.kv-rotate"),
                             app.id, detail);
                if (!failure.isEmpty() && m_window)
                    m_window->showError(failure);
            };
            if (change == KeyValueChange::FinishRotation) {
                m_rotation->finish(app.id, ops, done);
                return;
            }
            QStringList branches;
            for (const EnvironmentState &environment : app.environments)
                branches.append(environmentBranch(environment.environment));
            if (change == KeyValueChange::Enrol)
                m_rotation->enrol(app.id, ops, branches, done);
            else
                m_rotation->begin(app.id, ops, branches, done);
        });
    });
}

void ProvisioningController::offerResumeOnce(const QList<AppRecord> &apps)
{
    if (m_resumeOffered || !m_allocator)
        return;
    m_resumeOffered = true;
    QList<AppRecord> unfinished;
    for (const AppRecord &app : apps) {
        if (isAppStatus(app.status, AppStatus::Provisioning))
            unfinished.append(app);
    }
    offerResume(unfinished);
}

void ProvisioningController::offerResume(QList<AppRecord> unfinished)
{
    if (unfinished.isEmpty() || !m_window)
        return;
    const AppRecord record = unfinished.takeFirst();
    if (!m_askBeforeResume) {
        resumeApp(record.id);
        return; // one at a time
    }
    // Asked after this reply's handler has returned; a refusal offers the next one.
    Dialogs::ask(
        m_window, tr("Unfinished app"),
        tr("%1 (%2) was not completely set up: an earlier run stopped part-way. Continue setting it up now?")
            .arg(record.name, record.id),
        this, [this, id = record.id] { resumeApp(id); }, [this, unfinished] { offerResume(unfinished); });
}

} // namespace Dockmaster
