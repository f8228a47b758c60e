#pragma once

#include <QHash>
#include <QObject>
#include <QString>

namespace Dockmaster {

// Where secrets (GitLab token, DNS API keys, Docker key passphrases) live.
// Asynchronous because real keychains may prompt the user or wait on D-Bus.
// Every request ends in exactly one of the result signals for its key.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void read(const QString &key) = 0;
    virtual void write(const QString &key, const QString &secret) = 0;
    virtual void remove(const QString &key) = 0;

    // Key naming shared by everyone: "<profile>/<what>[/<qualifier>]".
    static QString gitlabTokenKey(const QString &profile);
    static QString dnsCredentialKey(const QString &profile);
    static QString keyValueAdminKey(const QString &profile); // the key/value store's admin password
    static QString dockerKeyPassphraseKey(const QString &profile, const QString &host);

Q_SIGNALS:
    void secretRead(const QString &key, const QString &secret, bool found);
    void secretWritten(const QString &key);
    void secretRemoved(const QString &key);
    // `message` is for people and never contains the secret.
    void failed(const QString &key, const QString &message);
};

// The OS keychain through QtKeychain (Secret Service, KWallet, macOS
// Keychain, Windows Credential Store). No insecure plaintext fallback.
class KeychainSecretStore final : public SecretStore
{
    Q_OBJECT
public:
    explicit KeychainSecretStore(const QString &serviceName = QStringLiteral("Dockmaster"), QObject *parent = nullptr);

    void read(const QString &key) override;
    void write(const QString &key, const QString &secret) override;
    void remove(const QString &key) override;

private:
    QString m_serviceName;
};

// Secrets that must not outlive the process, e.g. the embedded sandbox's
// throw-away token. Nothing is written anywhere.
class SessionSecretStore final : public SecretStore
{
    Q_OBJECT
public:
    using SecretStore::SecretStore;

    void read(const QString &key) override;
    void write(const QString &key, const QString &secret) override;
    void remove(const QString &key) override;

private:
    QHash<QString, QString> m_secrets;
};

} // namespace Dockmaster
