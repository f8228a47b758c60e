#include "core/keychain/secretstore.h"

#include <QTimer>
#include <qt6keychain/keychain.h>

namespace Dockmaster {
namespace {

QString describeKeychainError(QKeychain::Error error, const QString &detail)
{
    switch (error) {
    case QKeychain::NoBackendAvailable:
        return SecretStore::tr("No keychain is available on this desktop (for example GNOME Keyring or KWallet). "
                               "The secret was not stored anywhere; start a keychain service and try again.");
    case QKeychain::AccessDeniedByUser:
        return SecretStore::tr("Access to the keychain was refused.");
    case QKeychain::AccessDenied:
        return SecretStore::tr("The keychain denied access; it may be locked. Unlock it and try again.");
    case QKeychain::NotImplemented:
        return SecretStore::tr("This keychain does not support the operation.");
    default:
        return SecretStore::tr("The keychain reported an error: %1").arg(detail);
    }
}

} // namespace

QString SecretStore::gitlabTokenKey(const QString &profile)
{
    return profile + QStringLiteral("/gitlab-token");
}

QString SecretStore::dnsCredentialKey(const QString &profile)
{
    return profile + QStringLiteral("/dns-credential");
}

QString SecretStore::dockerKeyPassphraseKey(const QString &profile, const QString &host)
{
    return profile + QStringLiteral("/docker-key-passphrase/") + host;
}

KeychainSecretStore::KeychainSecretStore(const QString &serviceName, QObject *parent)
    : SecretStore(parent)
    , m_serviceName(serviceName)
{
}

// Each job owns itself: QtKeychain deletes it after `finished` (autoDelete).
// It must not be parented to the store, because a job destroyed while the
// backend's asynchronous D-Bus call is still in flight gets called back after
// it is gone. The store is only the connection context, so a result arriving
// after the store died is dropped.
void KeychainSecretStore::read(const QString &key)
{
    auto *job = new QKeychain::ReadPasswordJob(m_serviceName);
    job->setKey(key);
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, this, [this, job, key] {
        if (job->error() == QKeychain::NoError)
            Q_EMIT secretRead(key, job->textData(), true);
        else if (job->error() == QKeychain::EntryNotFound)
            Q_EMIT secretRead(key, QString(), false);
        else
            Q_EMIT failed(key, describeKeychainError(job->error(), job->errorString()));
    });
    job->start();
}

void KeychainSecretStore::write(const QString &key, const QString &secret)
{
    auto *job = new QKeychain::WritePasswordJob(m_serviceName);
    job->setKey(key);
    job->setInsecureFallback(false);
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, this, [this, job, key] {
        if (job->error() == QKeychain::NoError)
            Q_EMIT secretWritten(key);
        else
            Q_EMIT failed(key, describeKeychainError(job->error(), job->errorString()));
    });
    job->start();
}

void KeychainSecretStore::remove(const QString &key)
{
    auto *job = new QKeychain::DeletePasswordJob(m_serviceName);
    job->setKey(key);
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, this, [this, job, key] {
        if (job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound)
            Q_EMIT secretRemoved(key);
        else
            Q_EMIT failed(key, describeKeychainError(job->error(), job->errorString()));
    });
    job->start();
}

// Results are delivered from the event loop, like a real keychain, so callers
// cannot come to depend on synchronous answers.
void SessionSecretStore::read(const QString &key)
{
    QTimer::singleShot(0, this, [this, key] {
        const auto it = m_secrets.constFind(key);
        Q_EMIT secretRead(key, it == m_secrets.constEnd() ? QString() : *it, it != m_secrets.constEnd());
    });
}

void SessionSecretStore::write(const QString &key, const QString &secret)
{
    m_secrets.insert(key, secret);
    QTimer::singleShot(0, this, [this, key] { Q_EMIT secretWritten(key); });
}

void SessionSecretStore::remove(const QString &key)
{
    m_secrets.remove(key);
    QTimer::singleShot(0, this, [this, key] { Q_EMIT secretRemoved(key); });
}

} // namespace Dockmaster
