// Renders the main window with realistic data in English and Chinese and
// saves the pictures under <build>/screenshots (used in the README). Checks
// that text really rendered, so a missing font or transparent text fails.
#include "core/gitlab/connectioncheck.h"
#include "core/keychain/secretstore.h"
#include "core/platform/keyspacebrowser.h"
#include "core/platform/platformmanifest.h"
#include "core/profile/profilestore.h"
#include "models/applicationsmodel.h"
#include "models/platform/keyspacemodel.h"
#include "models/releaserequestsmodel.h"
#include "sandbox/platform/sandboxkeyvalue.h"
#include "tests/gitlab/gitlabtesthelpers.h"
#include "tests/support/valkeyserver.h"
#include "tests/ui/demodata.h"
#include "views/mainwindow.h"
#include "views/panels/applicationspanel.h"
#include "views/platform/grantseditor.h"
#include "views/platform/keyvalueviewer.h"
#include "views/platform/platformservicesview.h"
#include "views/settings/connectioncheckdialog.h"
#include "views/settings/settingsdialog.h"
#include "views/shell/translations.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QTreeView>

using namespace Dockmaster;
using Dockmaster::Test::demoRequests;
using Dockmaster::Test::useLanguage;

namespace {

QList<AppRecord> demoApps()
{
    const QStringList names { QStringLiteral("Guestbook"),      QStringLiteral("Weather widget"),
                              QStringLiteral("Shop cart"),      QStringLiteral("Photo gallery"),
                              QStringLiteral("Forum bridge"),   QStringLiteral("Newsletter"),
                              QStringLiteral("Event calendar"), QStringLiteral("Survey builder") };
    const QStringList owners { QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("chen.wei"),
                               QStringLiteral("dana") };
    QList<AppRecord> apps;
    for (int i = 0; i < names.size(); ++i) {
        AppRecord app;
        app.id = QStringLiteral("app%1").arg(1000 + i * 37, 7, 10, QLatin1Char('0'));
        app.name = names.at(i);
        app.owner = owners.at(i % owners.size());
        app.status
            = i == 5 ? QStringLiteral("failed") : (i == 7 ? QStringLiteral("provisioning") : QStringLiteral("active"));
        app.codeWebUrl = QStringLiteral("https://gitlab.example.com/plugins/apps/") + app.id;
        for (Environment environment : AllEnvironments) {
            if (environment == Environment::Production && i == 7)
                continue;
            EnvironmentState state;
            state.environment = environment;
            const bool production = environment == Environment::Production;
            state.host = production ? QStringLiteral("dock-prod-%1").arg(1 + i % 2) : QStringLiteral("dock-test-1");
            state.domain = app.id
                + (production ? QStringLiteral(".plugins.example.com") : QStringLiteral(".test.plugins.example.com"));
            state.containerPort = 21000 + i;
            state.fallbackPort = 22000 + i;
            state.liveRef = QStringLiteral("v1.%1.%2").arg(i).arg(production ? 0 : 1);
            state.liveSha = QStringLiteral("%1e3b0c44298fc1c149afbf4c8996fb92427ae41").arg(i);
            state.pipelineStatus = QStringLiteral("success");
            app.environments.append(state);
        }
        apps.append(app);
    }
    return apps;
}

// Counts pixels that differ clearly from the window background: text and
// icons. A blank or tofu-free-but-empty window has almost none.
int inkPixels(const QImage &image, const QRect &area)
{
    const QColor background = image.pixelColor(area.topLeft() + QPoint(2, 2));
    int ink = 0;
    for (int y = area.top(); y < area.bottom(); y += 2) {
        for (int x = area.left(); x < area.right(); x += 2) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.lightness() - background.lightness()) > 80)
                ++ink;
        }
    }
    return ink;
}

// A profile with the fields every profile needs, typed into the dialog.
void fillRequiredFields(SettingsDialog &settings, const QString &name, const QString &gitlabUrl)
{
    settings.field(QStringLiteral("name"))->setText(name);
    settings.field(QStringLiteral("gitlabUrl"))->setText(gitlabUrl);
    settings.field(QStringLiteral("testDomainSuffix"))->setText(QStringLiteral("test.plugins.example.com"));
    settings.field(QStringLiteral("productionDomainSuffix"))->setText(QStringLiteral("plugins.example.com"));
}

// Saves the dialog's current page as SCREENSHOT_DIR/<name>-<language>.png;
// false (and why) when nothing was written or the page drew no text.
QString saveSettingsPage(SettingsDialog &settings, const QString &name, const QString &language)
{
    QTest::qWait(50);
    const QImage image = settings.grab().toImage();
    const QString path = QStringLiteral(SCREENSHOT_DIR "/%1-%2.png").arg(name, language);
    if (!image.save(path))
        return QStringLiteral("could not write ") + path;
    qInfo("screenshot: %s", qPrintable(path));
    const auto *pages = settings.findChild<QTabWidget *>(QStringLiteral("settingsPages"));
    if (inkPixels(image, pages->geometry()) <= 500)
        return QStringLiteral("the page rendered no text");
    return {};
}

} // namespace

class TestScreenshots : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QDir().mkpath(QStringLiteral(SCREENSHOT_DIR)); }

    void mainWindow_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
    }

    void mainWindow()
    {
        QFETCH(QString, language);
        useLanguage(language);
        ApplicationsModel applications;
        ReleaseRequestsModel requests;
        applications.setItems(demoApps());
        requests.setItems(demoRequests());
        MainWindow window(&applications, &requests);
        window.setProfileName(QStringLiteral("production-platform"), false);
        window.setConnectionState(ConnectionState::Online);
        // The shell's own (translated) wording, so the Chinese screenshot is Chinese throughout.
        window.setCacheSummary(
            QCoreApplication::translate("Dockmaster::Shell", "%n apps cached, last sync: %1", nullptr,
                                        applications.rowCount())
                .arg(QLocale().toString(QDateTime(QDate(2026, 11, 25), QTime(9, 41)), QLocale::ShortFormat)));
        window.resize(1440, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.applicationsPanel()->view()->setCurrentIndex(window.applicationsPanel()->view()->model()->index(2, 0));
        QTest::qWait(50);
        const QImage image = window.grab().toImage();
        const QString path = QStringLiteral(SCREENSHOT_DIR "/mainwindow-%1.png").arg(language);
        QVERIFY(image.save(path));
        qInfo("screenshot: %s", qPrintable(path));
        // The Applications table must show text.
        QTreeView *view = window.applicationsPanel()->view();
        const QRect tableArea(view->viewport()->mapTo(&window, QPoint(0, 0)), view->viewport()->size());
        QVERIFY2(inkPixels(image, tableArea) > 500, "the applications table rendered no text");
    }

    void connectionCheck_data() { mainWindow_data(); }

    // Settings → Check connection against an emulator where one app's ops
    // project is missing from the allowlist, the links name another host and
    // the token expires soon; then Repair.
    void connectionCheck()
    {
        QFETCH(QString, language);
        useLanguage(language);
        QTemporaryDir dir;
        GitLabEmulator gitlab(dir.filePath(QStringLiteral("gitlab")));
        QVERIFY(gitlab.start());
        gitlab.setExternalUrl(QUrl(QStringLiteral("https://gitlab.internal.example.com")));
        const Test::EmulatorGroups groups = Test::addPlatformGroups(gitlab, QStringLiteral("plugins"));
        const QString token = QStringLiteral("glpat-screenshot");
        const qint64 owner = gitlab.addUser(QStringLiteral("chen.wei"), QStringLiteral("Chen Wei"), false, token).id;
        gitlab.setTokenScopes(QStringLiteral("chen.wei"), { QStringLiteral("api") }, QDate::currentDate().addDays(9));
        {
            QMutexLocker lock(&gitlab.store().mutex());
            EmulatorStore &store = gitlab.store();
            store.group(groups.root)->members.append(EmulatorMember { owner, 50, {} });
            for (int i = 1; i <= 3; ++i) {
                const qint64 code = store.addProject(Test::appId(i), Test::appId(i), groups.apps).id;
                const qint64 ops = store.addProject(Test::appId(i), Test::appId(i), groups.ops).id;
                if (i != 2)
                    store.project(code)->jobTokenAllowlist.append(ops);
            }
        }

        ProfileStore profiles(dir.filePath(QStringLiteral("profiles.ini")));
        SessionSecretStore secrets;
        SettingsDialog settings(&profiles, &secrets);
        settings.field(QStringLiteral("name"))->setText(QStringLiteral("production-platform"));
        settings.field(QStringLiteral("gitlabUrl"))->setText(gitlab.baseUrl().toString());
        settings.field(QStringLiteral("gitlabToken"))->setText(token);
        settings.field(QStringLiteral("rootGroup"))->setText(QStringLiteral("plugins"));
        settings.field(QStringLiteral("testDomainSuffix"))->setText(QStringLiteral("test.plugins.example.com"));
        settings.field(QStringLiteral("productionDomainSuffix"))->setText(QStringLiteral("plugins.example.com"));
        settings.show();
        settings.findChild<QPushButton *>(QStringLiteral("checkConnectionButton"))->click();
        auto *dialog = settings.findChild<ConnectionCheckDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QVERIFY(QTest::qWaitFor([dialog] { return dialog->check()->isFinished(); }, 60000));
        using Item = ConnectionCheckLine::Item;
        using Status = ConnectionCheckLine::Status;
        const auto status = [dialog](Item item) {
            return dialog->check()->lines().at(int(item)).status;
        };
        QCOMPARE(status(Item::JobTokenAllowlist), Status::Failed);
        QCOMPARE(status(Item::Links), Status::Warning);
        QCOMPARE(status(Item::Token), Status::Warning);
        QCOMPARE(status(Item::Version), Status::Ok);
        auto *repair = dialog->findChild<QPushButton *>(QStringLiteral("repairButton"));
        QVERIFY(repair->isEnabled());
        QTest::qWait(50);
        const QImage image = dialog->grab().toImage();
        const QString path = QStringLiteral(SCREENSHOT_DIR "/connectioncheck-%1.png").arg(language);
        QVERIFY(image.save(path));
        qInfo("screenshot: %s", qPrintable(path));
        QVERIFY2(inkPixels(image, image.rect().adjusted(4, 4, -4, -4)) > 500, "the checklist rendered no text");

        QSignalSpy audited(&settings, &SettingsDialog::auditEntry);
        repair->click();
        QVERIFY(QTest::qWaitFor([&] { return status(Item::JobTokenAllowlist) == Status::Ok; }, 60000));
        QCOMPARE(audited.count(), 1);
        QVERIFY(!repair->isEnabled());
        QTest::qWait(50);
        QVERIFY(dialog->grab().toImage().save(
            QStringLiteral(SCREENSHOT_DIR "/connectioncheck-repaired-%1.png").arg(language)));
        dialog->close();
    }

    // Settings, on its GitLab page: a console sharing GitLab.com's 2,000
    // requests a minute with others keeps to 4 at once and 1,000 a minute.
    void gitlabSettings_data() { mainWindow_data(); }
    void gitlabSettings()
    {
        QFETCH(QString, language);
        useLanguage(language);
        QTemporaryDir dir;
        ProfileStore profiles(dir.filePath(QStringLiteral("settings.ini")));
        SessionSecretStore secrets;
        SettingsDialog settings(&profiles, &secrets);
        fillRequiredFields(settings, QStringLiteral("gitlab-com"), QStringLiteral("https://gitlab.com"));
        settings.findChild<QSpinBox *>(QStringLiteral("gitlabMaxConcurrent"))->setValue(4);
        settings.findChild<QSpinBox *>(QStringLiteral("gitlabRequestsPerMinute"))->setValue(1000);
        settings.show();
        QVERIFY(QTest::qWaitForWindowExposed(&settings));
        settings.findChild<QTabWidget *>(QStringLiteral("settingsPages"))->setCurrentIndex(0);
        const QString problem = saveSettingsPage(settings, QStringLiteral("settings-gitlab"), language);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    // Settings, on its Platform services page: an admin typed the cluster's
    // seeds where one address belongs; saving shows this page and says why.
    void platformServicesSettings_data() { mainWindow_data(); }
    void platformServicesSettings()
    {
        QFETCH(QString, language);
        useLanguage(language);
        QTemporaryDir dir;
        ProfileStore profiles(dir.filePath(QStringLiteral("settings.ini")));
        SessionSecretStore secrets;
        SettingsDialog settings(&profiles, &secrets);
        fillRequiredFields(settings, QStringLiteral("production-platform"),
                           QStringLiteral("https://gitlab.example.com"));
        settings.field(QStringLiteral("keyValueAddress"))->setText(QStringLiteral("10.0.8.11:7000,10.0.8.12:7000"));
        settings.field(QStringLiteral("keyValueAppAddress"))
            ->setText(QStringLiteral("10.0.8.11:7000,10.0.8.12:7000,10.0.8.13:7000"));
        settings.field(QStringLiteral("keyValueAdminUser"))->setText(QStringLiteral("dockmaster"));
        settings.show();
        QVERIFY(QTest::qWaitForWindowExposed(&settings));
        QVERIFY(!settings.saveCurrent());
        auto *pages = settings.findChild<QTabWidget *>(QStringLiteral("settingsPages"));
        QVERIFY(pages->currentWidget()->isAncestorOf(settings.field(QStringLiteral("keyValueAddress"))));
        QVERIFY(profiles.profileNames().isEmpty());
        const QString problem = saveSettingsPage(settings, QStringLiteral("settings-platform-services"), language);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    // An app's Platform services tab on a real valkey-server holding the
    // sandbox's demo keys of a shop, whose manifest asks for a 1 MB quota
    // it has gone over; the big cached catalogue selected.
    void platformServicesTab_data() { mainWindow_data(); }
    void platformServicesTab()
    {
        QFETCH(QString, language);
        useLanguage(language);
        Test::ValkeyServer valkey;
        const QString problem = valkey.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QString appId = QStringLiteral("app0001074");
        for (const ValkeyReply &reply : valkey.adminConnection().pipeline(SandboxKeyValue::demoKeys(appId, 0)))
            QVERIFY2(!reply.isError(), reply.text.constData());
        KeyspaceBrowser browser(valkey.admin());
        PlatformServicesView view(appId, QStringLiteral("Shop cart"));
        view.resize(1280, 860);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setManifest(PlatformManifests::parse(R"({
            "permissions": { "orders.read": "See the orders of the shop", "orders.refund": "Refund an order",
                             "customers.contact": "Send a customer an e-mail about their order" },
            "anonymous_paths": ["/health.php", "/public/"],
            "kv_quota_mb": 1 })"),
                         QStringLiteral("v1.2.0"));
        // Production grants: support and finance see orders, finance refunds,
        // the health check is open; an admin is giving support the e-mails.
        GrantsEditor *grants = view.grants();
        grants->setEnvironments({ Environment::Test, Environment::Production });
        auto *environments = grants->findChild<QComboBox *>(QStringLiteral("grantsEnvironment"));
        environments->setCurrentIndex(1);
        GrantsPublisher::Branch production;
        production.environment = Environment::Production;
        production.hasGrantsFile = true;
        production.grants.roles.insert(QStringLiteral("orders.read"),
                                       { QStringLiteral("finance"), QStringLiteral("support") });
        production.grants.roles.insert(QStringLiteral("orders.refund"), { QStringLiteral("finance") });
        production.grants.openPaths = { QStringLiteral("/health.php") };
        grants->setBranch(production);
        grants->setRoles(QStringLiteral("customers.contact"), QStringLiteral("support"));
        view.setBrowser(&browser);
        QTRY_VERIFY_WITH_TIMEOUT(view.largest()->rowCount() > 0 && view.keys()->rowCount() > 0, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(!view.keys()->isLoading(), 30000);
        view.largestTable()->setCurrentIndex(view.largest()->index(0, 0));
        QTRY_VERIFY_WITH_TIMEOUT(!view.viewer()->isLoading() && !view.viewer()->valueText().isEmpty(), 30000);
        QVERIFY(view.isOverQuota());
        QTest::qWait(50);
        const QImage image = view.grab().toImage();
        const QString path = QStringLiteral(SCREENSHOT_DIR "/platform-services-%1.png").arg(language);
        QVERIFY(image.save(path));
        qInfo("screenshot: %s", qPrintable(path));
        QVERIFY2(inkPixels(image, view.keyTable()->geometry()) > 500, "the key list rendered no text");
    }
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
