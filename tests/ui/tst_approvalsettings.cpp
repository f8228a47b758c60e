// Issue 13, item 1: the two-person rule's settings (how many admins approve
// production and test, and whether production waits for the test release)
// are edited in the Settings dialog with real widgets, kept within 1 to 5,
// explained in their tooltips and saved with the profile.
#include "core/keychain/secretstore.h"
#include "core/profile/profilestore.h"
#include "views/settings/settingsdialog.h"

#include <QCheckBox>
#include <QLineEdit>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace Dockmaster;

namespace {

void fillRequiredFields(SettingsDialog &dialog, const QString &name)
{
    dialog.field(QStringLiteral("name"))->setText(name);
    dialog.field(QStringLiteral("gitlabUrl"))->setText(QStringLiteral("https://gitlab.example.com"));
    dialog.field(QStringLiteral("testDomainSuffix"))->setText(QStringLiteral("test.plugins.example.com"));
    dialog.field(QStringLiteral("productionDomainSuffix"))->setText(QStringLiteral("plugins.example.com"));
}

// Types `text` into the spin box as a person does: select all, type, leave with Tab.
void typeInto(QSpinBox *spin, const QString &text)
{
    spin->setFocus();
    spin->selectAll();
    QTest::keyClicks(spin, text);
    QTest::keyClick(spin, Qt::Key_Tab);
}

} // namespace

class TestApprovalSettings : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void editedWithinOneToFiveAndSaved()
    {
        ProfileStore profiles(m_dir.filePath(QStringLiteral("profiles.ini")));
        SessionSecretStore secrets;
        SettingsDialog dialog(&profiles, &secrets);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *production = dialog.findChild<QSpinBox *>(QStringLiteral("productionApprovals"));
        auto *test = dialog.findChild<QSpinBox *>(QStringLiteral("testApprovals"));
        auto *refuse = dialog.findChild<QCheckBox *>(QStringLiteral("refuseProductionBeforeTest"));
        QVERIFY(production && test && refuse);
        // With the three more rows it still fits a 1366×768 laptop (a panel and the title bar take some).
        QVERIFY2(
            dialog.minimumSizeHint().height() <= 700 && dialog.minimumSizeHint().width() <= 1366,
            qPrintable(
                QStringLiteral("%1x%2").arg(dialog.minimumSizeHint().width()).arg(dialog.minimumSizeHint().height())));

        // A new profile starts from the defaults: 2 for production, 1 for test, a warning only.
        QCOMPARE(production->value(), 2);
        QCOMPARE(test->value(), 1);
        QVERIFY(!refuse->isChecked());
        // Each says what it means.
        QVERIFY2(production->toolTip().contains(QStringLiteral("different admins"))
                     && production->toolTip().contains(QStringLiteral("requested")),
                 qPrintable(production->toolTip()));
        QVERIFY2(test->toolTip().contains(QStringLiteral("test release")), qPrintable(test->toolTip()));
        QVERIFY2(refuse->toolTip().contains(QStringLiteral("pending or failed")), qPrintable(refuse->toolTip()));
        for (QWidget *control : { static_cast<QWidget *>(production), static_cast<QWidget *>(test) })
            QVERIFY(!control->accessibleName().isEmpty());

        // Never fewer than one admin, never more than five.
        typeInto(production, QStringLiteral("9")); // refused as it is typed
        QCOMPARE(production->value(), 2);
        production->setFocus();
        for (int i = 0; i < 6; ++i)
            QTest::keyClick(production, Qt::Key_Up);
        QCOMPARE(production->value(), 5);
        test->setFocus();
        for (int i = 0; i < 3; ++i)
            QTest::keyClick(test, Qt::Key_Down);
        QCOMPARE(test->value(), 1);
        typeInto(test, QStringLiteral("0"));
        QCOMPARE(test->value(), 1);

        typeInto(production, QStringLiteral("3"));
        typeInto(test, QStringLiteral("2"));
        QTest::mouseClick(refuse, Qt::LeftButton, Qt::NoModifier, QPoint(8, refuse->height() / 2));
        QVERIFY(refuse->isChecked());
        fillRequiredFields(dialog, QStringLiteral("strict"));
        QVERIFY(dialog.saveCurrent());
        const std::optional<Profile> saved = profiles.load(QStringLiteral("strict"));
        QVERIFY(saved);
        QCOMPARE(saved->productionApprovals, 3);
        QCOMPARE(saved->testApprovals, 2);
        QVERIFY(saved->refuseProductionBeforeTest);
    }

    void showsTheSavedRulesOfEachProfile()
    {
        ProfileStore profiles(m_dir.filePath(QStringLiteral("two.ini")));
        Profile relaxed;
        relaxed.name = QStringLiteral("relaxed");
        relaxed.gitlabUrl = QUrl(QStringLiteral("https://gitlab.example.com"));
        relaxed.testDomainSuffix = QStringLiteral("test.example.com");
        relaxed.productionDomainSuffix = QStringLiteral("example.com");
        relaxed.productionApprovals = 1;
        Profile strict = relaxed;
        strict.name = QStringLiteral("strict");
        strict.productionApprovals = 4;
        strict.testApprovals = 2;
        strict.refuseProductionBeforeTest = true;
        profiles.save(relaxed);
        profiles.save(strict);
        SessionSecretStore secrets;
        SettingsDialog dialog(&profiles, &secrets);
        auto *production = dialog.findChild<QSpinBox *>(QStringLiteral("productionApprovals"));
        auto *test = dialog.findChild<QSpinBox *>(QStringLiteral("testApprovals"));
        auto *refuse = dialog.findChild<QCheckBox *>(QStringLiteral("refuseProductionBeforeTest"));

        dialog.selectProfile(QStringLiteral("strict"));
        QCOMPARE(production->value(), 4);
        QCOMPARE(test->value(), 2);
        QVERIFY(refuse->isChecked());
        // With several approvers the requester never approves alone: the
        // older switch is implied, and says so instead of pretending to matter.
        auto *twoPerson = dialog.findChild<QCheckBox *>(QStringLiteral("requireSecondApprover"));
        QVERIFY(twoPerson);
        QVERIFY(!twoPerson->isEnabled());
        QVERIFY(!twoPerson->toolTip().isEmpty());
        dialog.selectProfile(QStringLiteral("relaxed"));
        QCOMPARE(production->value(), 1);
        QCOMPARE(test->value(), 1);
        QVERIFY(!refuse->isChecked());
        QVERIFY(twoPerson->isEnabled());
    }
};

QTEST_MAIN(TestApprovalSettings)
#include "tst_approvalsettings.moc"
