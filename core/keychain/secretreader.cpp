#include "core/keychain/secretreader.h"

#include "core/keychain/secretstore.h"

namespace Dockmaster {

SecretReader::SecretReader(SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_secrets(secrets)
{
    connect(secrets, &SecretStore::secretRead, this, &SecretReader::answer);
    connect(secrets, &SecretStore::failed, this,
            [this](const QString &key, const QString &) { answer(key, QString(), false); });
}

void SecretReader::read(const QString &key, Use use)
{
    QList<Use> &waiting = m_waiting[key];
    waiting.append(std::move(use));
    if (waiting.size() == 1 && m_secrets)
        m_secrets->read(key);
}

void SecretReader::answer(const QString &key, const QString &secret, bool found)
{
    const QList<Use> waiting = m_waiting.take(key);
    for (const Use &use : waiting)
        use(secret, found);
}

} // namespace Dockmaster
