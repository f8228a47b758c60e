// The Docker key passphrase: asked once (masked), kept in the keychain, and
// not asked again when the keychain has it.
#include "core/keychain/secretstore.h"
#include "views/logs/passphraseprompt.h"

#include <QApplication>
#include <QInputDialog>
#include <QLineEdit>
#include <QTest>

using namespace Dockmaster;

class TestPassphrasePrompt : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void asksOnceAndKeepsItInTheKeychain()
    {
        SessionSecretStore secrets;
        PassphrasePrompt prompt(&secrets, nullptr);
        const QString key = SecretStore::dockerKeyPassphraseKey(QStringLiteral("prod"), QStringLiteral("dock-prod-1"));
        int continued = 0;
        prompt.ensure(QStringLiteral("prod"), QStringLiteral("dock-prod-1"), [&continued] { ++continued; });
        // The keychain's answer arrives, then the question opens; nothing waits in a loop of its own.
        QInputDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget())) != nullptr);
        QCOMPARE(dialog->textEchoMode(), QLineEdit::Password);
        QCOMPARE(continued, 0);
        dialog->setTextValue(QStringLiteral("s3cret pass"));
        dialog->accept();
        QTRY_COMPARE(continued, 1);

        // Now in the keychain: read back, and the next ensure() asks nothing.
        QString stored;
        connect(&secrets, &SecretStore::secretRead, this,
                [&stored, key](const QString &k, const QString &secret, bool) {
                    if (k == key)
                        stored = secret;
                });
        secrets.read(key);
        QTRY_COMPARE(stored, QStringLiteral("s3cret pass"));
        prompt.ensure(QStringLiteral("prod"), QStringLiteral("dock-prod-1"), [&continued] { ++continued; });
        QTRY_COMPARE(continued, 2);
        QVERIFY(!QApplication::activeModalWidget());
    }
};

QTEST_MAIN(TestPassphrasePrompt)
#include "tst_passphraseprompt.moc"
