// A keychain that is there but locked (the admin's session locked it, or it
// was never unlocked after login): reading the GitLab token says the
// keychain is locked, in time, and never passes for "no token stored".
//
// A real GNOME Keyring of the test's own: main() starts the test again in a
// private D-Bus session with a new keyring, so locking it touches no other
// test's keychain.
#include "core/keychain/secretstore.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusInterface>
#include <QDBusObjectPath>
#include <QDBusReply>
#include <QDBusVariant>
#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <unistd.h>

using namespace Dockmaster;

namespace {

const QString SecretService = QStringLiteral("org.freedesktop.secrets");
const QString LoginCollection = QStringLiteral("/org/freedesktop/secrets/collection/login");
const char *PrivateSessionVariable = "DOCKMASTER_PRIVATE_KEYRING";

// Locked, as the keychain reports it over D-Bus.
bool collectionLocked()
{
    QDBusInterface properties(SecretService, LoginCollection, QStringLiteral("org.freedesktop.DBus.Properties"));
    const QDBusReply<QDBusVariant> reply = properties.call(
        QStringLiteral("Get"), QStringLiteral("org.freedesktop.Secret.Collection"), QStringLiteral("Locked"));
    return reply.isValid() && reply.value().variant().toBool();
}

} // namespace

class TestKeychainLocked : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void lockedKeychainIsNamedAndNotTakenForAMissingToken()
    {
        KeychainSecretStore secrets(QStringLiteral("Dockmaster-test"));
        const QString key = SecretStore::gitlabTokenKey(QStringLiteral("locked"));
        QSignalSpy written(&secrets, &SecretStore::secretWritten);
        QSignalSpy failed(&secrets, &SecretStore::failed);
        QSignalSpy read(&secrets, &SecretStore::secretRead);
        secrets.write(key, QStringLiteral("glpat-kept-in-a-locked-keychain"));
        QTRY_VERIFY_WITH_TIMEOUT(!written.isEmpty() || !failed.isEmpty(), 20000);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(1).toString()));

        // The session locks the keychain (no password is asked to lock).
        QDBusInterface service(SecretService, QStringLiteral("/org/freedesktop/secrets"),
                               QStringLiteral("org.freedesktop.Secret.Service"));
        const QDBusMessage locked = service.call(
            QStringLiteral("Lock"), QVariant::fromValue(QList<QDBusObjectPath> { QDBusObjectPath(LoginCollection) }));
        QVERIFY2(locked.type() == QDBusMessage::ReplyMessage, qPrintable(locked.errorMessage()));
        QVERIFY(collectionLocked());

        // Reading now: an answer within a bounded time, saying "locked".
        QElapsedTimer clock;
        clock.start();
        secrets.read(key);
        QTRY_VERIFY_WITH_TIMEOUT(!read.isEmpty() || !failed.isEmpty(), 60000);
        qInfo() << "answered in" << clock.elapsed() << "ms";
        QVERIFY2(read.isEmpty() || read.constFirst().at(2).toBool(),
                 "a locked keychain was reported as a missing token");
        QVERIFY2(read.isEmpty(), "a locked keychain gave the secret without being unlocked");
        const QString message = failed.constFirst().at(1).toString();
        QVERIFY2(message.contains(QStringLiteral("locked")), qPrintable(message));
        QVERIFY2(!message.contains(QStringLiteral("glpat-")), qPrintable(message));

        // Removing it is not reported as done either: it is still there.
        QSignalSpy removed(&secrets, &SecretStore::secretRemoved);
        failed.clear();
        secrets.remove(key);
        QTRY_VERIFY_WITH_TIMEOUT(!removed.isEmpty() || !failed.isEmpty(), 60000);
        QVERIFY2(removed.isEmpty(), "a locked keychain reported the secret as removed");
        QVERIFY2(failed.constFirst().at(1).toString().contains(QStringLiteral("locked")),
                 qPrintable(failed.constFirst().at(1).toString()));
    }
};

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty(PrivateSessionVariable)) {
        // Again, in a D-Bus session of its own with a new, unlocked keyring.
        qputenv(PrivateSessionVariable, "1");
        QStringList arguments { QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"),
                                QStringLiteral("printf '\\n' | gnome-keyring-daemon --unlock --components=secrets "
                                               ">/dev/null && exec \"$@\""),
                                QStringLiteral("sh") };
        for (int i = 0; i < argc; ++i)
            arguments.append(QString::fromLocal8Bit(argv[i]));
        QStringList argvList { QStringLiteral("dbus-run-session") };
        argvList += arguments;
        std::vector<QByteArray> storage;
        for (const QString &argument : argvList)
            storage.push_back(argument.toLocal8Bit());
        std::vector<char *> pointers;
        for (QByteArray &argument : storage)
            pointers.push_back(argument.data());
        pointers.push_back(nullptr);
        execvp(pointers.front(), pointers.data());
        qFatal("dbus-run-session could not be started");
    }
    QCoreApplication app(argc, argv);
    TestKeychainLocked test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_keychainlocked.moc"
