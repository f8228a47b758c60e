#include "core/keychain/secretstore.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>
#include <QTimer>
#include <qt6keychain/keychain.h>

#include <functional>

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

QString lockedMessage()
{
    return SecretStore::tr("The keychain is locked: unlock it (for example in Passwords and Keys, or by logging "
                           "in again), then try again.");
}

// libsecret cannot search a locked keychain without asking the user to
// unlock it; where nobody can be asked (no prompter, a locked screen) it
// answers "not found", which would tell the admin that no token is stored.
// The Secret Service itself says whether its default collection is locked.
// Asynchronous, and never starts a keychain that is not running.
void askWhetherLocked(QObject *context, std::function<void(bool)> answer)
{
    QDBusMessage call = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.secrets"), QStringLiteral("/org/freedesktop/secrets/aliases/default"),
        QStringLiteral("org.freedesktop.DBus.Properties"), QStringLiteral("Get"));
    call << QStringLiteral("org.freedesktop.Secret.Collection") << QStringLiteral("Locked");
    call.setAutoStartService(false);
    constexpr int AnswerWithinMs = 5000;
    auto *watcher = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(call, AnswerWithinMs), context);
    QObject::connect(watcher, &QDBusPendingCallWatcher::finished, context, [watcher, answer = std::move(answer)] {
        watcher->deleteLater();
        const QDBusPendingReply<QDBusVariant> reply = *watcher;
        answer(!reply.isError() && reply.value().variant().toBool());
    });
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

QString SecretStore::keyValueAdminKey(const QString &profile)
{
    return profile + QStringLiteral("/key-value-admin");
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
            askWhetherLocked(this, [this, key](bool locked) {
                if (locked)
                    Q_EMIT failed(key, lockedMessage());
                else
                    Q_EMIT secretRead(key, QString(), false);
            });
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
            // A locked keychain removes nothing, yet libsecret reports no
            // error: "nothing to remove" there is not "gone".
            askWhetherLocked(this, [this, key](bool locked) {
                if (locked)
                    Q_EMIT failed(key, lockedMessage());
                else
                    Q_EMIT secretRemoved(key);
            });
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
