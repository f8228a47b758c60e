#include "core/dns/powerdnsprovider.h"
#include "core/git/gitlibrary.h"
#include "core/provisioning/inventoryallocator.h"
#include "sandbox/emulator/emulatorfaults.h"
#include "sandbox/emulator/sandboxseeder.h"
#include "tests/provisioning/provisioningtesthelpers.h"
#include "tests/support/pdnsserver.h"
#include "views/provisioning/createappdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace Dockmaster;
using namespace Dockmaster::Test;

// The create-app wizard, offscreen, driven by keystrokes and clicks against
// the GitLab emulator and a real pdns_server.
class TestCreateAppDialog : public QObject
{
    Q_OBJECT

    GitLibrary m_git;
    Dockmaster::Test::PdnsServer m_pdns;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<GitLabEmulator> m_emulator;
    std::unique_ptr<GitLabClient> m_client;
    std::unique_ptr<InventoryAllocator> m_allocator;
    std::unique_ptr<PowerDnsProvider> m_dns;
    std::unique_ptr<Provisioner> m_provisioner;
    std::unique_ptr<CreateAppDialog> m_dialog;

    void fillValidForm()
    {
        QTest::keyClicks(m_dialog->nameEdit(), QStringLiteral("Event Board"));
        QTest::keyClicks(m_dialog->ownerEdit(), QStringLiteral("dev02"));
        QTest::keyClicks(m_dialog->descriptionEdit(), QStringLiteral("Events, with tickets."));
    }

    QStringList stepTexts() const
    {
        QStringList texts;
        for (int i = 0; i < m_dialog->stepList()->count(); ++i)
            texts.append(m_dialog->stepList()->item(i)->text());
        return texts;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString problem = m_pdns.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY(m_pdns.createZone(QStringLiteral("plugins.example")).isEmpty());
    }

    void cleanupTestCase() { m_pdns.stop(); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_emulator = std::make_unique<GitLabEmulator>(m_dir->path());
        SandboxSeeder(*m_emulator).seed();
        QVERIFY(m_emulator->start());
        m_client = clientFor(*m_emulator, m_emulator->adminToken());
        m_allocator = std::make_unique<InventoryAllocator>(m_client.get(), QStringLiteral("plugins/ops/inventory"));
        m_dns = std::make_unique<PowerDnsProvider>(m_pdns.apiUrl(), m_pdns.apiKey(),
                                                   QStringList { QStringLiteral("plugins.example") });
        m_provisioner = std::make_unique<Provisioner>(m_client.get(), m_allocator.get());
        m_provisioner->setDnsProvider(m_dns.get());
        m_dialog = std::make_unique<CreateAppDialog>(m_provisioner.get(), m_allocator.get());
        m_dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    }

    void cleanup()
    {
        m_dialog.reset();
        m_provisioner.reset();
        m_dns.reset();
        m_allocator.reset();
        m_client.reset();
        m_emulator.reset();
        m_dir.reset();
    }

    void messagesAppearNextToTheFieldAsYouType()
    {
        QVERIFY(!m_dialog->createButton()->isEnabled());
        QCOMPARE(m_dialog->fieldMessage(QStringLiteral("name")), QString()); // untouched: no scolding yet
        QTest::keyClicks(m_dialog->nameEdit(), QStringLiteral("Shop; rm"));
        QVERIFY(!m_dialog->fieldMessage(QStringLiteral("name")).isEmpty());
        QTest::keyClicks(m_dialog->ownerEdit(), QStringLiteral("dev$01"));
        QVERIFY(!m_dialog->fieldMessage(QStringLiteral("owner")).isEmpty());
        QTest::keyClicks(m_dialog->descriptionEdit(), QStringLiteral("ok \"quoted\""));
        QVERIFY(!m_dialog->fieldMessage(QStringLiteral("description")).isEmpty());
        QVERIFY(!m_dialog->createButton()->isEnabled());

        m_dialog->nameEdit()->clear();
        QTest::keyClicks(m_dialog->nameEdit(), QStringLiteral("Shop"));
        m_dialog->ownerEdit()->clear();
        QTest::keyClicks(m_dialog->ownerEdit(), QStringLiteral("dev01"));
        m_dialog->descriptionEdit()->clear();
        QCOMPARE(m_dialog->fieldMessage(QStringLiteral("name")), QString());
        QCOMPARE(m_dialog->fieldMessage(QStringLiteral("owner")), QString());
        QVERIFY(m_dialog->createButton()->isEnabled());

        m_dialog->testCheck()->setChecked(false);
        m_dialog->productionCheck()->setChecked(false);
        QVERIFY(!m_dialog->fieldMessage(QStringLiteral("environments")).isEmpty());
        QVERIFY(!m_dialog->createButton()->isEnabled());
        QCOMPARE(m_emulator->requestCount(QStringLiteral("POST"), QStringLiteral(".")), 0);
    }

    // Issue 13: the field cut names at 80 characters while its message said
    // 40; now a name over the limit stays visible and the message says why.
    void aTooLongNameIsExplainedNotCut()
    {
        const QString typed(60, QLatin1Char('a'));
        QTest::keyClicks(m_dialog->nameEdit(), typed);
        const int limit = ProvisionValidation::MaxNameLength;
        QCOMPARE(m_dialog->nameEdit()->text().size(), limit + 1); // past the limit: the message, not a silent cut
        QCOMPARE(m_dialog->fieldMessage(QStringLiteral("name")),
                 QStringLiteral("The name is too long (at most %1 characters).").arg(limit));
        QTest::keyClick(m_dialog->nameEdit(), Qt::Key_Backspace);
        QCOMPARE(m_dialog->fieldMessage(QStringLiteral("name")), QString()); // exactly the limit is fine
        QTest::keyClicks(m_dialog->descriptionEdit(), QString(250, QLatin1Char('d')));
        QCOMPARE(m_dialog->fieldMessage(QStringLiteral("description")),
                 QStringLiteral("The description is too long (at most %1 characters).")
                     .arg(ProvisionValidation::MaxDescriptionLength));
    }

    // Issue 13: a message that wraps onto several lines was cut off at the
    // bottom of the dialog; the dialog grows until all of it shows.
    void aMultiLineMessageIsNotClipped()
    {
        m_dialog->resize(360, m_dialog->minimumSizeHint().height());
        m_dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
        QTest::keyClicks(m_dialog->nameEdit(), QStringLiteral("-Shop-"));
        QTest::keyClicks(m_dialog->descriptionEdit(), QStringLiteral("ok \"quoted\""));
        QCoreApplication::processEvents();
        for (const char *name : { "nameMessage", "descriptionMessage" }) {
            auto *message = m_dialog->findChild<QLabel *>(QLatin1String(name));
            QVERIFY(message && message->isVisible());
            QVERIFY2(message->height() >= message->heightForWidth(message->width()),
                     qPrintable(QStringLiteral("%1: %2 < %3")
                                    .arg(QLatin1String(name))
                                    .arg(message->height())
                                    .arg(message->heightForWidth(message->width()))));
            const QRect inDialog(message->mapTo(m_dialog.get(), QPoint(0, 0)), message->size());
            QVERIFY2(m_dialog->rect().contains(inDialog), name);
        }
    }

    void unknownOwnerIsShownUnderTheOwnerField()
    {
        QTest::keyClicks(m_dialog->nameEdit(), QStringLiteral("Shop"));
        QTest::keyClicks(m_dialog->ownerEdit(), QStringLiteral("nobody42"));
        QTest::mouseClick(m_dialog->createButton(), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([this] { return !m_dialog->fieldMessage(QStringLiteral("owner")).isEmpty(); }));
        QVERIFY(m_dialog->fieldMessage(QStringLiteral("owner")).contains(QLatin1String("nobody42")));
        QVERIFY(m_dialog->createButton()->isVisible());
    }

    void createsTheAppAndShowsEveryStep()
    {
        // The host list comes from the inventory.
        QVERIFY(QTest::qWaitFor([this] { return m_dialog->productionHostCombo()->count() == 4; }));
        m_dialog->productionHostCombo()->setCurrentIndex(3); // the third production host
        fillValidForm();
        QSignalSpy created(m_dialog.get(), &CreateAppDialog::appCreated);
        QTest::mouseClick(m_dialog->createButton(), Qt::LeftButton);
        QVERIFY(created.wait(60000));
        const QString id = created.first().first().toString();
        QCOMPARE(m_dialog->appId(), id);
        for (const QString &text : stepTexts())
            QVERIFY2(text.endsWith(QLatin1String("done")), qPrintable(text));
        QVERIFY(!m_dialog->retryButton()->isVisible());
        QCOMPARE(m_provisioner->record().placement(QStringLiteral("production"))->host,
                 QStringLiteral("docker-prod-3"));
    }

    void failureNamesTheStepAndRetryResumes()
    {
        connect(m_provisioner.get(), &Provisioner::stepStarted, this, [this](Provisioner::Step step) {
            if (step == Provisioner::Step::Variables)
                m_emulator->addFault(EmulatorFault::serverError(QStringLiteral("/variables$"), 500, -1)
                                         .onMethod(QStringLiteral("POST")));
        });
        fillValidForm();
        QTest::mouseClick(m_dialog->createButton(), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([this] { return m_dialog->retryButton()->isVisible(); }, 60000));
        disconnect(m_provisioner.get(), &Provisioner::stepStarted, this, nullptr);
        QVERIFY(m_dialog->failureLabel()->isVisible());
        QVERIFY(m_dialog->failureLabel()->text().contains(Provisioner::stepTitle(Provisioner::Step::Variables)));
        const qsizetype variables = Provisioner::createSteps().indexOf(Provisioner::Step::Variables);
        QVERIFY(stepTexts().at(variables).endsWith(QLatin1String("failed")));

        m_emulator->clearFaults();
        QSignalSpy created(m_dialog.get(), &CreateAppDialog::appCreated);
        QTest::mouseClick(m_dialog->retryButton(), Qt::LeftButton);
        QVERIFY(created.wait(60000));
        const QStringList texts = stepTexts();
        QVERIFY2(texts.at(1).endsWith(QLatin1String("already done")), qPrintable(texts.at(1)));
        QVERIFY2(texts.at(variables).endsWith(QLatin1String("done")), qPrintable(texts.at(variables)));
        QVERIFY(!m_dialog->failureLabel()->isVisible());
    }
};

QTEST_MAIN(TestCreateAppDialog)
#include "tst_createappdialog.moc"
