// The Docker key passphrase: asked once (masked), kept in the keychain, and
// not asked again when the keychain has it.
#include "core/keychain/secretstore.h"
#include "views/logs/passphraseprompt.h"

#include <QApplication>
#include <QInputDialog>
#include <QLineEdit>
#include <QTest>
#include <QTimer>

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
        bool asked = false;
        QTimer::singleShot(50, this, [&asked] {
            auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            QCOMPARE(dialog->textEchoMode(), QLineEdit::Password);
            asked = true;
            dialog->setTextValue(QStringLiteral("s3cret pass"));
            dialog->accept();
        });
        int continued = 0;
        prompt.ensure(QStringLiteral("prod"), QStringLiteral("dock-prod-1"), [&continued] { ++continued; });
        QTRY_COMPARE(continued, 1);
        QVERIFY(asked);

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
