// The GitLab token round-trips through a real Secret Service (the suite runs
// inside dbus-run-session with an unlocked gnome-keyring), and never appears in
// the settings file or the cache.
#include "core/cache/cachedatabase.h"
#include "core/cache/cacheservice.h"
#include "core/gitlab/connectioncheck.h"
#include "core/keychain/secretstore.h"
#include "core/profile/profilestore.h"
#include "sandbox/emulator/gitlabemulator.h"
#include "views/settings/connectioncheckdialog.h"
#include "views/settings/settingsdialog.h"

#include <QApplication>
#include <QDirIterator>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Dockmaster;

namespace {

QStringList filesContaining(const QString &root, const QByteArray &needle)
{
    QStringList hits;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            hits.append(file.fileName());
    }
    return hits;
}

} // namespace

class TestSecrets : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void tokenRoundTripsThroughTheKeychain()
    {
        KeychainSecretStore store(QStringLiteral("Dockmaster-test"));
        const QString key = SecretStore::gitlabTokenKey(QStringLiteral("roundtrip"));
        const QString token = QStringLiteral("glpat-") + QUuid::createUuid().toString(QUuid::Id128);
        QSignalSpy written(&store, &SecretStore::secretWritten);
        QSignalSpy read(&store, &SecretStore::secretRead);
        QSignalSpy removed(&store, &SecretStore::secretRemoved);
        QSignalSpy failed(&store, &SecretStore::failed);

        store.write(key, token);
        QTRY_VERIFY2_WITH_TIMEOUT(written.count() == 1 || failed.count() > 0, "no answer from the keychain", 10000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(1).toString()));

        store.read(key);
        QTRY_COMPARE_WITH_TIMEOUT(read.count(), 1, 10000);
        QCOMPARE(read.first().at(1).toString(), token);
        QCOMPARE(read.first().at(2).toBool(), true);

        store.remove(key);
        QTRY_COMPARE_WITH_TIMEOUT(removed.count(), 1, 10000);
        store.read(key);
        QTRY_COMPARE_WITH_TIMEOUT(read.count(), 2, 10000);
        QCOMPARE(read.last().at(2).toBool(), false);
    }

    void tokenNeverReachesSettingsOrCache()
    {
        QTemporaryDir dir;
        const QString settingsFile = dir.filePath(QStringLiteral("settings.ini"));
        ProfileStore profiles(settingsFile);
        KeychainSecretStore secrets(QStringLiteral("Dockmaster-test"));
        const QString token = QStringLiteral("glpat-") + QUuid::createUuid().toString(QUuid::Id128);

        SettingsDialog dialog(&profiles, &secrets);
        dialog.field(QStringLiteral("name"))->setText(QStringLiteral("secretcheck"));
        dialog.field(QStringLiteral("gitlabUrl"))->setText(QStringLiteral("https://gitlab.example.com"));
        dialog.field(QStringLiteral("gitlabToken"))->setText(token);
        dialog.field(QStringLiteral("testDomainSuffix"))->setText(QStringLiteral("test.plugins.example.com"));
        dialog.field(QStringLiteral("productionDomainSuffix"))->setText(QStringLiteral("plugins.example.com"));
        // The key/value store's admin password goes the same way.
        const QString keyValuePassword = QStringLiteral("kv-") + QUuid::createUuid().toString(QUuid::Id128);
        dialog.field(QStringLiteral("keyValueAddress"))->setText(QStringLiteral("kv.example.com:6379"));
        dialog.field(QStringLiteral("keyValueAdminPassword"))->setText(keyValuePassword);
        QSignalSpy written(&secrets, &SecretStore::secretWritten);
        QVERIFY(dialog.saveCurrent());
        QVERIFY(dialog.field(QStringLiteral("gitlabToken"))->text().isEmpty()); // not kept in the widget either
        QVERIFY(dialog.field(QStringLiteral("keyValueAdminPassword"))->text().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(written.count(), 2, 10000);
        QCOMPARE(profiles.load(QStringLiteral("secretcheck"))->keyValueAddress, QStringLiteral("kv.example.com:6379"));

        // Use the profile the way the app does: open its cache and write to it.
        const QString cachePath = CacheService::defaultFilePathForProfile(QStringLiteral("secretcheck"));
        {
            CacheDatabase cache(cachePath);
            QCOMPARE(cache.open().status, CacheDatabase::OpenStatus::Ready);
            AppRecord app;
            app.id = QStringLiteral("app0000001");
            app.name = QStringLiteral("Probe");
            QVERIFY(cache.upsertApps({ app }));
        }
        const QByteArray needle = token.toUtf8();
        QCOMPARE(filesContaining(dir.path(), needle), QStringList());
        QCOMPARE(filesContaining(QFileInfo(cachePath).absolutePath(), needle), QStringList());
        QCOMPARE(filesContaining(dir.path(), keyValuePassword.toUtf8()), QStringList());
        QVERIFY(QFile::exists(settingsFile));

        QSignalSpy read(&secrets, &SecretStore::secretRead);
        secrets.read(SecretStore::gitlabTokenKey(QStringLiteral("secretcheck")));
        QTRY_COMPARE_WITH_TIMEOUT(read.count(), 1, 10000);
        QCOMPARE(read.first().at(1).toString(), token);
        secrets.remove(SecretStore::gitlabTokenKey(QStringLiteral("secretcheck")));
        QSignalSpy readKeyValue(&secrets, &SecretStore::secretRead);
        secrets.read(SecretStore::keyValueAdminKey(QStringLiteral("secretcheck")));
        QTRY_COMPARE_WITH_TIMEOUT(readKeyValue.count(), 1, 10000);
        QCOMPARE(readKeyValue.first().at(1).toString(), keyValuePassword);
        secrets.remove(SecretStore::keyValueAdminKey(QStringLiteral("secretcheck")));
    }

    // Check connection without a typed token uses the saved profile and its
    // stored token: an edited, unsaved URL never receives the stored token.
    void storedTokenIsCheckedAgainstTheSavedUrlOnly()
    {
        QTemporaryDir dir;
        GitLabEmulator gitlab(dir.filePath(QStringLiteral("gitlab")));
        QVERIFY(gitlab.start());
        ProfileStore profiles(dir.filePath(QStringLiteral("settings.ini")));
        SessionSecretStore secrets;
        SettingsDialog dialog(&profiles, &secrets);
        dialog.field(QStringLiteral("name"))->setText(QStringLiteral("checked"));
        dialog.field(QStringLiteral("gitlabUrl"))->setText(gitlab.baseUrl().toString());
        dialog.field(QStringLiteral("gitlabToken"))->setText(gitlab.adminToken());
        dialog.field(QStringLiteral("testDomainSuffix"))->setText(QStringLiteral("test.plugins.example.com"));
        dialog.field(QStringLiteral("productionDomainSuffix"))->setText(QStringLiteral("plugins.example.com"));
        QVERIFY(dialog.saveCurrent());
        dialog.field(QStringLiteral("gitlabUrl"))->setText(QStringLiteral("https://elsewhere.invalid"));
        dialog.show();
        dialog.findChild<QPushButton *>(QStringLiteral("checkConnectionButton"))->click();
        ConnectionCheckDialog *check = nullptr;
        QVERIFY(
            QTest::qWaitFor([&] { return (check = dialog.findChild<ConnectionCheckDialog *>()) != nullptr; }, 10000));
        QVERIFY(QTest::qWaitFor([check] { return check->check()->isFinished(); }, 60000));
        const auto &version = check->check()->lines().at(int(ConnectionCheckLine::Item::Version));
        QVERIFY2(version.status == ConnectionCheckLine::Status::Ok, qPrintable(version.found));
        QVERIFY(gitlab.requestCount(QStringLiteral("GET"), QStringLiteral("^/api/v4/version$")) == 1);
        check->close();
    }
};

QTEST_MAIN(TestSecrets)
#include "tst_secrets.moc"
