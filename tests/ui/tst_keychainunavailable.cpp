// With no keychain reachable, saving a token fails with a clear message and
// the token is stored nowhere (QtKeychain's plaintext fallback stays off).
#include "core/keychain/secretstore.h"
#include "core/profile/profilestore.h"
#include "views/settings/settingsdialog.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Dockmaster;

class TestKeychainUnavailable : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void secretIsNotStoredAnywhere()
    {
        QTemporaryDir dir;
        const QString settingsFile = dir.filePath(QStringLiteral("settings.ini"));
        ProfileStore profiles(settingsFile);
        KeychainSecretStore secrets(QStringLiteral("Dockmaster-test"));
        SettingsDialog dialog(&profiles, &secrets);
        dialog.field(QStringLiteral("name"))->setText(QStringLiteral("nokeychain"));
        dialog.field(QStringLiteral("gitlabUrl"))->setText(QStringLiteral("https://gitlab.example.com"));
        dialog.field(QStringLiteral("gitlabToken"))->setText(QStringLiteral("glpat-must-not-be-stored"));
        dialog.field(QStringLiteral("testDomainSuffix"))->setText(QStringLiteral("test.plugins.example.com"));
        dialog.field(QStringLiteral("productionDomainSuffix"))->setText(QStringLiteral("plugins.example.com"));

        QSignalSpy failed(&secrets, &SecretStore::failed);
        QVERIFY(dialog.saveCurrent());
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 20000);
        // The dialog warns with a window-modal box; read it and close it.
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) != nullptr);
        const QString warningText = box->text();
        box->accept();
        QVERIFY2(warningText.contains(QStringLiteral("keychain"), Qt::CaseInsensitive), qPrintable(warningText));

        QFile settings(settingsFile);
        QVERIFY(settings.open(QIODevice::ReadOnly));
        QVERIFY(!settings.readAll().contains("glpat-must-not-be-stored"));
        QVERIFY(dialog.field(QStringLiteral("gitlabToken"))->text().isEmpty());
    }

    // Without a keychain service, reading the token must say that, not "no
    // token is stored" (which sends the admin looking for the wrong thing).
    void readingSaysTheKeychainIsMissing()
    {
        KeychainSecretStore secrets(QStringLiteral("Dockmaster-test"));
        QSignalSpy failed(&secrets, &SecretStore::failed);
        QSignalSpy read(&secrets, &SecretStore::secretRead);
        secrets.read(SecretStore::gitlabTokenKey(QStringLiteral("nokeychain")));
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty() || !read.isEmpty(), 20000);
        QVERIFY2(read.isEmpty(), "a missing keychain was reported as a missing token");
        const QString message = failed.constFirst().at(1).toString();
        QVERIFY2(message.contains(QStringLiteral("keychain"), Qt::CaseInsensitive), qPrintable(message));
    }
};

int main(int argc, char *argv[])
{
    // No session bus: every Secret Service call must fail.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/dockmaster-no-bus");
    QApplication app(argc, argv);
    TestKeychainUnavailable test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_keychainunavailable.moc"
