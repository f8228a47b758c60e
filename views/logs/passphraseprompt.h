#pragma once

#include <QObject>
#include <QPointer>

#include <functional>

class QWidget;

namespace Dockmaster {

class SecretStore;

// Makes sure the keychain holds the passphrase of a host's Docker TLS client
// key: reads it, and when it is missing asks the admin once (masked input)
// and stores it in the keychain, never anywhere else. Then calls `then`.
class PassphrasePrompt final : public QObject
{
    Q_OBJECT
public:
    PassphrasePrompt(SecretStore *secrets, QWidget *parentWidget, QObject *parent = nullptr);

    void ensure(const QString &profile, const QString &host, std::function<void()> then);

private:
    void ask(const QString &key, const QString &host, const std::function<void()> &then);

    QPointer<SecretStore> m_secrets;
    QPointer<QWidget> m_parentWidget;
};

} // namespace Dockmaster
