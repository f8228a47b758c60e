#include "views/shell/keyvalueaccess.h"

#include "core/keychain/secretstore.h"
#include "core/platform/valkeyappadmin.h"

namespace Dockmaster {

KeyValueAccess::KeyValueAccess(SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_secrets(secrets)
{
    connect(secrets, &SecretStore::secretRead, this, &KeyValueAccess::onSecret);
    // A keychain failure reads as "not found": the waiting callers get told.
    connect(secrets, &SecretStore::failed, this,
            [this](const QString &key, const QString &) { onSecret(key, QString(), false); });
}

KeyValueAccess::~KeyValueAccess() = default;

void KeyValueAccess::setProfile(const Profile &profile)
{
    if (profile == m_profile)
        return;
    m_profile = profile;
    // Built from the old profile's settings; a job already running on it
    // still answers (its reply goes to whoever asked, not through this).
    if (m_admin)
        std::exchange(m_admin, nullptr)->deleteLater();
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
    m_waiting.append(std::move(use));
    if (m_waiting.size() == 1 && m_secrets)
        m_secrets->read(SecretStore::keyValueAdminKey(m_profile.name));
}

void KeyValueAccess::onSecret(const QString &key, const QString &secret, bool found)
{
    if (key != SecretStore::keyValueAdminKey(m_profile.name) || m_waiting.isEmpty())
        return;
    QString error;
    if (!found || secret.isEmpty()) {
        error = tr("The key/value store's admin password is not in the system keychain: enter it in the profile "
                   "settings.");
    } else if (!m_admin) {
        ValkeyEndpoint endpoint;
        const qsizetype colon = m_profile.keyValueAddress.lastIndexOf(QLatin1Char(':'));
        endpoint.host = m_profile.keyValueAddress.left(colon);
        if (endpoint.host.startsWith(QLatin1Char('[')) && endpoint.host.endsWith(QLatin1Char(']')))
            endpoint.host = endpoint.host.mid(1, endpoint.host.size() - 2); // an IPv6 address
        endpoint.port = quint16(m_profile.keyValueAddress.mid(colon + 1).toUInt());
        endpoint.user = m_profile.keyValueAdminUser;
        endpoint.password = secret;
        const QString forApps
            = m_profile.keyValueAppAddress.isEmpty() ? m_profile.keyValueAddress : m_profile.keyValueAppAddress;
        m_admin = new ValkeyAppAdmin(endpoint, forApps, this);
    }
    const auto waiting = std::exchange(m_waiting, {});
    for (const auto &use : waiting)
        use(m_admin, m_admin ? QString() : error);
}

} // namespace Dockmaster
