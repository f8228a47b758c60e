#include "views/logs/passphraseprompt.h"

#include "core/keychain/secretstore.h"

#include <QInputDialog>
#include <QLineEdit>

#include <memory>

namespace Dockmaster {

PassphrasePrompt::PassphrasePrompt(SecretStore *secrets, QWidget *parentWidget, QObject *parent)
    : QObject(parent)
    , m_secrets(secrets)
    , m_parentWidget(parentWidget)
{
}

void PassphrasePrompt::ensure(const QString &profile, const QString &host, std::function<void()> then)
{
    if (!m_secrets)
        return;
    const QString key = SecretStore::dockerKeyPassphraseKey(profile, host);
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(m_secrets, &SecretStore::secretRead, this,
                          [this, key, host, connection, then](const QString &readKey, const QString &, bool found) {
                              if (readKey != key)
                                  return;
                              disconnect(*connection);
                              if (found) {
                                  then();
                                  return;
                              }
                              bool ok = false;
                              const QString passphrase = QInputDialog::getText(
                                  m_parentWidget, tr("Docker key passphrase"),
                                  tr("The TLS client key for host %1 is protected by a passphrase. Enter it once; "
                                     "it is kept in the system keychain.")
                                      .arg(host),
                                  QLineEdit::Password, QString(), &ok);
                              if (!ok || passphrase.isEmpty())
                                  return;
                              auto written = std::make_shared<QMetaObject::Connection>();
                              *written = connect(m_secrets, &SecretStore::secretWritten, this,
                                                 [key, written, then](const QString &writtenKey) {
                                                     if (writtenKey != key)
                                                         return;
                                                     disconnect(*written);
                                                     then();
                                                 });
                              m_secrets->write(key, passphrase);
                          });
    m_secrets->read(key);
}

} // namespace Dockmaster
