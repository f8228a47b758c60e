// `dockmaster LINK` and a second start of the same profile with a link: the
// window shows the app or release request the link names (a GitLab link an
// admin clicked in a chat), clearing filters that hide it, looks for a
// request GitLab has but the cache does not yet, and says when nothing matches.
#include "app/commandline.h"
#include "app/singleinstance.h"
#include "models/modelroles.h"
#include "models/releaserequestsmodel.h"
#include "sandbox/emulator/emulatorstore.h"
#include "sandbox/emulator/gitlabemulator.h"
#include "tests/app/laterstart.h"
#include "tests/ui/sandboxsession.h"
#include "views/panels/applicationspanel.h"
#include "views/panels/approvalspanel.h"

#include <QDockWidget>
#include <QLineEdit>
#include <QStatusBar>
#include <QTest>
#include <QTreeView>

using namespace Dockmaster;
using namespace Dockmaster::Test;
using namespace Qt::StringLiterals;

class TestOpenLinks : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<SandboxSession> m_session;

    MainWindow *window() const { return m_session->shell.mainWindow(); }
    QTreeView *requestList() const { return window()->approvalsPanel()->view(); }
    QTreeView *appList() const { return window()->applicationsPanel()->view(); }

    // A pending request from the synced cache.
    ReleaseRequest someRequest() const
    {
        return requestList()->model()->index(0, 0).data(Roles::RecordRole).value<ReleaseRequest>();
    }

    static bool saidOnce(const QSignalSpy &messages, const QString &text)
    {
        return std::any_of(messages.cbegin(), messages.cend(),
                           [&text](const QList<QVariant> &message) { return message.first().toString() == text; });
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_session = std::make_unique<SandboxSession>();
        window()->resize(1366, 768);
        window()->show();
        QTRY_VERIFY_WITH_TIMEOUT(appList()->model()->rowCount() >= 20 && requestList()->model()->rowCount() >= 2,
                                 120000);
    }
    void cleanupTestCase() { m_session.reset(); }

    void aSecondStartShowsTheRequestItLinksTo()
    {
        SingleInstance running(QStringLiteral("links-test"));
        QVERIFY(running.listen());
        CommandLine::showLinksOfLaterStarts(running, m_session->shell);

        // Not the request selected now, and hidden by the panel's filter.
        const ReleaseRequest request = requestList()
                                           ->model()
                                           ->index(requestList()->model()->rowCount() - 1, 0)
                                           .data(Roles::RecordRole)
                                           .value<ReleaseRequest>();
        requestList()->setCurrentIndex(requestList()->model()->index(0, 0));
        auto *filter = window()->approvalsPanel()->findChild<QLineEdit *>();
        QVERIFY(filter);
        filter->setText(QStringLiteral("no request is called like this"));
        QCOMPARE(requestList()->model()->rowCount(), 0);

        QVERIFY(startLater(QStringLiteral("links-test"),
                           { QStringLiteral("dockmaster"), QStringLiteral("--profile"), QStringLiteral("links-test"),
                             request.webUrl + QStringLiteral("#note_1") }));
        QTRY_VERIFY_WITH_TIMEOUT(window()->approvalsPanel()->currentRequest().has_value()
                                     && window()->approvalsPanel()->currentRequest()->iid == request.iid
                                     && window()->approvalsPanel()->currentRequest()->projectId == request.projectId,
                                 10000);
        QVERIFY(filter->text().isEmpty());
        QVERIFY(!window()->findChild<QDockWidget *>(QStringLiteral("approvalsDock"))->isHidden());
    }

    void aLinkToAnAppsProjectSelectsTheApp()
    {
        const QModelIndex last = appList()->model()->index(appList()->model()->rowCount() - 1, 0);
        const QString appId = last.data(Roles::AppIdRole).toString();
        const AppRecord app = last.data(Roles::RecordRole).value<AppRecord>();
        QVERIFY(!app.codeWebUrl.isEmpty());
        appList()->setCurrentIndex(appList()->model()->index(0, 0));
        QVERIFY(window()->applicationsPanel()->currentAppId() != appId);

        m_session->shell.openLinks({ app.codeWebUrl + QStringLiteral("/-/tree/main") });
        QCOMPARE(window()->applicationsPanel()->currentAppId(), appId);
        m_session->shell.openLinks({ app.id.toUpper() });
        QCOMPARE(window()->applicationsPanel()->currentAppId(), appId);
    }

    // A request filed after the last sync: the console syncs and then shows it.
    void aRequestNewerThanTheCacheIsFoundAfterASync()
    {
        const ReleaseRequest model = someRequest();
        qint64 newIid = 0;
        {
            GitLabEmulator *emulator = static_cast<SandboxPlatform *>(m_session->shell.sandbox())->emulator();
            QMutexLocker lock(&emulator->store().mutex());
            newIid = emulator->store().refileIssue(model.projectId, model.iid);
        }
        QVERIFY(newIid > 0);
        const QString link
            = model.webUrl.left(model.webUrl.lastIndexOf(QLatin1Char('/')) + 1) + QString::number(newIid);

        m_session->shell.openLinks({ link });
        QTRY_VERIFY_WITH_TIMEOUT(window()->approvalsPanel()->currentRequest().has_value()
                                     && window()->approvalsPanel()->currentRequest()->iid == newIid,
                                 60000);
    }

    void aLinkToNothingKnownIsReported()
    {
        const QString current = window()->applicationsPanel()->currentAppId();
        const QString link = QStringLiteral("https://gitlab.elsewhere.example/someone/else");
        QSignalSpy messages(window()->statusBar(), &QStatusBar::messageChanged);
        m_session->shell.openLinks({ link });
        // Other news (live health) may follow it in the status bar: any message counts.
        QTRY_VERIFY_WITH_TIMEOUT(
            saidOnce(messages, u"No application or open release request of this profile matches "_s + link + u"."_s),
            60000);
        QCOMPARE(window()->applicationsPanel()->currentAppId(), current);
    }

    // An issue of an app's project that is no release request (or no longer
    // open): after one sync, its app is shown and the admin is told why.
    void aLinkToAnIssueThatIsNoRequestShowsItsApp()
    {
        const QModelIndex last = appList()->model()->index(appList()->model()->rowCount() - 1, 0);
        const AppRecord app = last.data(Roles::RecordRole).value<AppRecord>();
        appList()->setCurrentIndex(appList()->model()->index(0, 0));
        QSignalSpy messages(window()->statusBar(), &QStatusBar::messageChanged);
        m_session->shell.openLinks({ app.codeWebUrl + u"/-/issues/999#note_4"_s });
        QTRY_VERIFY_WITH_TIMEOUT(
            saidOnce(messages,
                     u"Issue #999 is not an open release request: showing its application "_s + app.id + u"."_s),
            60000);
        QCOMPARE(window()->applicationsPanel()->currentAppId(), app.id);
    }

    // `dockmaster LINK` on its own: the link waits for the first paint.
    void aLinkGivenAtStartIsShownOncePainted()
    {
        const ReleaseRequest request = someRequest();
        m_session.reset(); // one sandbox at a time
        QTemporaryDir dir;
        ShellOptions options = SandboxSession::optionsFor(dir);
        options.links = CommandLine::linksOf({ QStringLiteral("dockmaster"), QStringLiteral("--sandbox"),
                                               QStringLiteral("--lang"), QStringLiteral("en"), request.appId });
        QCOMPARE(options.links, QStringList { request.appId });
        Shell shell(options);
        shell.start();
        QTRY_VERIFY_WITH_TIMEOUT(shell.mainWindow()->applicationsPanel()->currentAppId() == request.appId, 120000);
    }
};

QTEST_MAIN(TestOpenLinks)
#include "tst_openlinks.moc"
