#include "views/shell/keyvalueaccess.h"

#include "core/keychain/secretreader.h"
#include "core/keychain/secretstore.h"
#include "core/platform/keyspacebrowser.h"
#include "core/platform/valkeyappadmin.h"
#include "core/util/serveraddress.h"

namespace Dockmaster {

KeyValueAccess::KeyValueAccess(SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_secretReader(new SecretReader(secrets, this))
{
}

KeyValueAccess::~KeyValueAccess() = default;

void KeyValueAccess::setProfile(const Profile &profile)
{
    if (profile == m_profile)
        return;
    m_profile = profile;
    // Built from the old profile's settings. Not deleted: a provisioning
    // step may be waiting for a job on it, whose answer would then be lost;
    // it stays a child until this goes.
    m_admin = nullptr;
    // The browser's jobs answer only while their tab is there; the tabs ask
    // for the new one (PlatformServicesController::reconnect).
    if (m_browser)
        m_browser->deleteLater();
    m_browser = nullptr;
}

void KeyValueAccess::withPassword(std::function<void(const QString &, const QString &)> use)
{
    const QString key = SecretStore::keyValueAdminKey(m_profile.name);
    m_secretReader->read(key, [this, key, use](const QString &secret, bool found) {
        if (key != SecretStore::keyValueAdminKey(m_profile.name)) {
            withPassword(use); // the profile changed meanwhile: its own key
            return;
        }
        if (!found || secret.isEmpty()) {
            use({},
                tr("The key/value store's admin password is not in the system keychain: enter it in the "
                   "profile settings."));
            return;
        }
        use(secret, {});
    });
}

void KeyValueAccess::withAdmin(std::function<void(AppKeyValueAdmin *, const QString &)> use)
{
    if (m_profile.keyValueAddress.isEmpty()) {
        use(nullptr, QString());
        return;
    }
    if (m_admin) {
        use(m_admin, QString());
        return;
    }
    withPassword([this, use](const QString &password, const QString &error) {
        if (!error.isEmpty()) {
            use(nullptr, error);
            return;
        }
        if (!m_admin) {
            const QString forApps
                = m_profile.keyValueAppAddress.isEmpty() ? m_profile.keyValueAddress : m_profile.keyValueAppAddress;
            m_admin = new ValkeyAppAdmin(endpoint(password), forApps, this);
        }
        use(m_admin, QString());
    });
}

void KeyValueAccess::withBrowser(std::function<void(KeyspaceBrowser *, const QString &)> use)
{
    if (m_profile.keyValueAddress.isEmpty()) {
        use(nullptr, tr("This profile has no key/value store: name it in the profile settings."));
        return;
    }
    if (m_browser) {
        use(m_browser, QString());
        return;
    }
    withPassword([this, use](const QString &password, const QString &error) {
        if (!error.isEmpty()) {
            use(nullptr, error);
            return;
        }
        if (!m_browser)
            m_browser = new KeyspaceBrowser(endpoint(password), this);
        use(m_browser, QString());
    });
}

ValkeyEndpoint KeyValueAccess::endpoint(const QString &password) const
{
    ValkeyEndpoint endpoint;
    // The profile's check made sure of host:port.
    const ServerAddress address = ServerAddress::parse(m_profile.keyValueAddress).value_or(ServerAddress());
    endpoint.host = address.host;
    endpoint.port = address.port;
    endpoint.user = m_profile.keyValueAdminUser;
    endpoint.tls = m_profile.keyValueTls;
    endpoint.caFile = m_profile.keyValueCaFile;
    endpoint.password = password;
    return endpoint;
}

} // namespace Dockmaster
