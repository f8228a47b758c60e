#include "app/profilecheck.h"

#include "core/gitlab/connectioncheck.h"
#include "core/gitlab/gitlabclient.h"
#include "core/keychain/secretstore.h"
#include "core/profile/profilestore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTextStream>

#include <optional>

namespace Dockmaster {

ProfileCheck::ProfileCheck(ProfileStore *profiles, SecretStore *secrets, QTextStream *out, QTextStream *err,
                           QObject *parent)
    : QObject(parent)
    , m_profiles(profiles)
    , m_secrets(secrets)
    , m_out(out)
    , m_err(err)
{
    connect(m_secrets, &SecretStore::secretRead, this, [this](const QString &key, const QString &secret, bool found) {
        if (m_done || key != SecretStore::gitlabTokenKey(m_name))
            return;
        if (!found || secret.isEmpty()) {
            fail(tr("No GitLab token is stored in the keychain for the profile \"%1\": add one in Settings "
                    "(Ctrl+,).")
                     .arg(m_name));
            return;
        }
        *m_out << m_summary << '\n' << tr("The GitLab token is in the keychain.") << '\n';
        m_out->flush();
        checkConnection(secret);
    });
    connect(m_secrets, &SecretStore::failed, this, [this](const QString &key, const QString &message) {
        if (!m_done && key == SecretStore::gitlabTokenKey(m_name))
            fail(tr("The keychain could not be read for the profile \"%1\": %2").arg(m_name, message));
    });
}

void ProfileCheck::start(const QString &name)
{
    m_name = name;
    const QStringList names = m_profiles->profileNames();
    if (!names.contains(name)) {
        fail(names.isEmpty()
                 ? tr("There is no profile named \"%1\": no profile exists yet in %2. Start Dockmaster to create "
                      "one.")
                       .arg(name.left(64), m_profiles->fileName())
                 : tr("There is no profile named \"%1\" in %2. Profiles: %3.")
                       .arg(name.left(64), m_profiles->fileName(), names.join(QStringLiteral(", "))));
        return;
    }
    QString refusal;
    const std::optional<Profile> profile = m_profiles->loadForUse(name, &refusal);
    if (!profile) {
        fail(refusal);
        return;
    }
    m_gitlabUrl = profile->gitlabUrl;
    m_rootGroup = profile->rootGroup;
    m_summary = tr("Profile \"%1\": GitLab %2, root group %3, inventory %4.")
                    .arg(name, profile->gitlabUrl.toString(), profile->rootGroup, profile->inventoryProject);
    m_secrets->read(SecretStore::gitlabTokenKey(name));
}

void ProfileCheck::checkConnection(const QString &token)
{
    m_client = new GitLabClient(this);
    m_client->setBaseUrl(m_gitlabUrl);
    m_client->setToken(token);
    m_check = new ConnectionCheck(m_client, m_rootGroup, this);
    connect(m_check, &ConnectionCheck::finished, this, [this] {
        if (m_done)
            return;
        m_done = true;
        *m_out << tr("Connection check of %1:").arg(m_gitlabUrl.toString()) << '\n'
               << ConnectionCheck::toText(m_check->lines());
        m_out->flush();
        Q_EMIT finished(ConnectionCheck::exitCode(m_check->lines()) == 0 ? Complete : CheckFailed);
    });
    m_check->start();
}

void ProfileCheck::fail(const QString &message)
{
    m_done = true;
    *m_err << message << '\n';
    m_err->flush();
    Q_EMIT finished(Incomplete);
}

int runProfileCheck(const QString &name)
{
    ProfileStore profiles;
    KeychainSecretStore secrets;
    QTextStream out(stdout);
    QTextStream err(stderr);
    ProfileCheck check(&profiles, &secrets, &out, &err);
    // A loop of its own: the keychain answers asynchronously (over D-Bus),
    // and there is no window to keep responsive.
    QEventLoop loop;
    std::optional<int> exitCode;
    QObject::connect(&check, &ProfileCheck::finished, &loop, [&loop, &exitCode](int code) {
        exitCode = code;
        loop.quit();
    });
    check.start(name);
    if (!exitCode)
        loop.exec();
    return exitCode.value_or(ProfileCheck::Incomplete);
}

} // namespace Dockmaster
