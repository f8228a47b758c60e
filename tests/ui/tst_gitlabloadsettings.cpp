// Issue 25: how hard a console may use GitLab (requests at once, a ceiling of
// requests a minute) is part of the profile, edited in Settings with real
// widgets, kept within range, and saved.
#include "core/keychain/secretstore.h"
#include "core/profile/profilestore.h"
#include "views/settings/settingsdialog.h"

#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace Dockmaster;

class TestGitLabLoadSettings : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void editedWithinRangeAndSaved()
    {
        ProfileStore profiles(m_dir.filePath(QStringLiteral("profiles.ini")));
        SessionSecretStore secrets;
        SettingsDialog dialog(&profiles, &secrets);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *atOnce = dialog.findChild<QSpinBox *>(QStringLiteral("gitlabMaxConcurrent"));
        auto *perMinute = dialog.findChild<QSpinBox *>(QStringLiteral("gitlabRequestsPerMinute"));
        QVERIFY(atOnce && perMinute);
        QVERIFY2(dialog.minimumSizeHint().height() <= 700,
                 qPrintable(QString::number(dialog.minimumSizeHint().height())));
        // A new profile: six at once (Qt's HTTP/1.1 connections per server), no ceiling.
        QCOMPARE(atOnce->value(), 6);
        QCOMPARE(perMinute->value(), 0);
        QCOMPARE(perMinute->text(), perMinute->specialValueText());
        QVERIFY(!perMinute->toolTip().isEmpty());
        QVERIFY(!atOnce->accessibleName().isEmpty() && !perMinute->accessibleName().isEmpty());

        atOnce->setFocus();
        atOnce->selectAll();
        QTest::keyClicks(atOnce, QStringLiteral("99")); // refused as it is typed: at most 32
        QTest::keyClick(atOnce, Qt::Key_Tab);
        QVERIFY(atOnce->value() <= MaxGitLabConcurrent);
        atOnce->setValue(4);
        perMinute->setFocus();
        perMinute->selectAll();
        QTest::keyClicks(perMinute, QStringLiteral("1000"));
        QTest::keyClick(perMinute, Qt::Key_Tab);
        QCOMPARE(perMinute->value(), 1000);

        dialog.field(QStringLiteral("name"))->setText(QStringLiteral("shared"));
        dialog.field(QStringLiteral("gitlabUrl"))->setText(QStringLiteral("https://gitlab.example.com"));
        dialog.field(QStringLiteral("testDomainSuffix"))->setText(QStringLiteral("test.plugins.example.com"));
        dialog.field(QStringLiteral("productionDomainSuffix"))->setText(QStringLiteral("plugins.example.com"));
        QVERIFY(dialog.saveCurrent());
        const std::optional<Profile> saved = profiles.load(QStringLiteral("shared"));
        QVERIFY(saved);
        QCOMPARE(saved->gitlabMaxConcurrent, 4);
        QCOMPARE(saved->gitlabRequestsPerMinute, 1000);

        // Shown again as saved, and a new profile starts from the defaults.
        const QList<QPushButton *> buttons = dialog.findChildren<QPushButton *>();
        const auto newButton = std::find_if(buttons.cbegin(), buttons.cend(),
                                            [](QPushButton *b) { return b->text() == QStringLiteral("New"); });
        QVERIFY(newButton != buttons.cend());
        QTest::mouseClick(*newButton, Qt::LeftButton);
        QCOMPARE(atOnce->value(), 6);
        QCOMPARE(perMinute->value(), 0);
        dialog.selectProfile(QStringLiteral("shared"));
        QCOMPARE(atOnce->value(), 4);
        QCOMPARE(perMinute->value(), 1000);
    }
};

QTEST_MAIN(TestGitLabLoadSettings)
#include "tst_gitlabloadsettings.moc"
