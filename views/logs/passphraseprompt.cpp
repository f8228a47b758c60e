#include "views/logs/passphraseprompt.h"

#include "core/keychain/secretstore.h"
#include "views/dialogs.h"

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
                              ask(key, host, then);
                          });
    m_secrets->read(key);
}

void PassphrasePrompt::ask(const QString &key, const QString &host, const std::function<void()> &then)
{
    // Opened after the keychain's reply has been handled; `then` runs once the
    // typed passphrase is stored.
    auto *dialog = new QInputDialog(m_parentWidget);
    dialog->setWindowTitle(tr("Docker key passphrase"));
    dialog->setLabelText(tr("The TLS client key for host %1 is protected by a passphrase. Enter it once; "
                            "it is kept in the system keychain.")
                             .arg(host));
    dialog->setTextEchoMode(QLineEdit::Password);
    Dialogs::openThen(dialog, this, [this, dialog, key, then] {
        const QString passphrase = dialog->textValue();
        if (passphrase.isEmpty() || !m_secrets)
            return;
        auto written = std::make_shared<QMetaObject::Connection>();
        *written
            = connect(m_secrets, &SecretStore::secretWritten, this, [key, written, then](const QString &writtenKey) {
                  if (writtenKey != key)
                      return;
                  disconnect(*written);
                  then();
              });
        m_secrets->write(key, passphrase);
    });
}

} // namespace Dockmaster
