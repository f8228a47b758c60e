#include "views/shell/dnsaccess.h"

#include "core/dns/dnsprovider.h"
#include "core/dns/dnsproviderfactory.h"
#include "core/dns/dnsreconciler.h"
#include "core/keychain/secretreader.h"
#include "core/keychain/secretstore.h"
#include "views/dns/dnsreconciliationview.h"
#include "views/mainwindow.h"

#include <QDialog>
#include <QNetworkAccessManager>
#include <QVBoxLayout>

namespace Dockmaster {

DnsAccess::DnsAccess(SecretStore *secrets, MainWindow *window, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_network(new QNetworkAccessManager(this))
    , m_secretReader(new SecretReader(secrets, this))
{
}

DnsAccess::~DnsAccess() = default;

void DnsAccess::setProfile(const Profile &profile)
{
    if (profile == m_profile)
        return;
    m_profile = profile;
    // Built from the old profile's settings. A provisioning step may be
    // waiting on one of its operations: they finish as cancelled first.
    if (m_provider)
        std::exchange(m_provider, nullptr)->retire();
}

void DnsAccess::withProvider(std::function<void(DnsProvider *, const QString &)> use)
{
    if (m_profile.dnsProvider == DnsProviderKind::None) {
        use(nullptr, tr("This profile manages DNS by hand (no DNS provider in its settings)."));
        return;
    }
    if (m_provider) {
        use(m_provider, QString());
        return;
    }
    const QString key = SecretStore::dnsCredentialKey(m_profile.name);
    m_secretReader->read(key, [this, key, use](const QString &secret, bool found) {
        if (key != SecretStore::dnsCredentialKey(m_profile.name)) {
            withProvider(use); // the profile changed meanwhile: its own key
            return;
        }
        QString error;
        if (!found || secret.isEmpty()) {
            error = tr("The DNS provider's API key is not in the system keychain: enter it in the profile settings.");
        } else if (!m_provider) {
            m_provider = createDnsProvider(m_profile, secret, m_network, this, &error);
        }
        use(m_provider, m_provider ? QString() : error);
    });
}

QString DnsAccess::addressOf(const AppRecord &app, Environment environment) const
{
    const HostRecord *host = app.hostIn(m_hosts, environment);
    return host ? host->address : QString();
}

void DnsAccess::showRecordsOf(const AppRecord &app)
{
    withProvider([this, app](DnsProvider *provider, const QString &error) {
        if (!m_window)
            return;
        if (!provider) {
            m_window->showError(tr("Cannot check the DNS records of %1: %2").arg(app.id, error));
            return;
        }
        auto *dialog = new QDialog(m_window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setObjectName(QStringLiteral("dnsRecordsDialog"));
        dialog->setWindowTitle(tr("DNS records of %1").arg(app.id));
        auto *reconciler = new DnsReconciler(provider, dialog);
        reconciler->setExpected(
            DnsReconciler::expectedForApp(app.id, m_profile.testDomainSuffix, addressOf(app, Environment::Test),
                                          m_profile.productionDomainSuffix, addressOf(app, Environment::Production)));
        connect(reconciler, &DnsReconciler::fixFinished, this,
                [this, id = app.id](bool ok) { Q_EMIT recordsFixed(id, ok); });
        auto *view = new DnsReconciliationView(reconciler, dialog);
        auto *layout = new QVBoxLayout(dialog);
        layout->addWidget(view);
        dialog->resize(760, 320);
        dialog->show();
        reconciler->refresh();
    });
}

} // namespace Dockmaster
