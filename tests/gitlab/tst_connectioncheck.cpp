// The connection check against the emulator, configured to fail each line in
// turn: GitLab version, token scopes and expiry, role on the root group,
// pagination links naming another host, job token allowlists (and their
// repair), runners, and the http-to-https redirect.
#include "core/gitlab/connectioncheck.h"
#include "tests/gitlab/gitlabtesthelpers.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Dockmaster;
using namespace Dockmaster::Test;

using Item = ConnectionCheckLine::Item;
using Status = ConnectionCheckLine::Status;

class TestConnectionCheck : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<GitLabEmulator> m_emulator;
    std::unique_ptr<GitLabClient> m_client;
    qint64 m_codeProject = 0;
    qint64 m_opsProject = 0;
    qint64 m_ownerId = 0;
    qint64 m_rootGroup = 0;
    int m_runs = 0;

    static constexpr auto OwnerToken = "owner-token";

    std::unique_ptr<ConnectionCheck> runCheck(const ConnectionCheckOptions &options = {})
    {
        auto check = std::make_unique<ConnectionCheck>(m_client.get(), QStringLiteral("plugins"));
        check->setOptions(options);
        QSignalSpy finished(check.get(), &ConnectionCheck::finished);
        check->start();
        if (!check->isFinished())
            (void)finished.wait(60000);
        return check;
    }

    static const ConnectionCheckLine &line(const ConnectionCheck &check, Item item)
    {
        return check.lines().at(int(item));
    }

    static QString describe(const ConnectionCheck &check) { return ConnectionCheck::toText(check.lines()); }

    void setRole(int accessLevel)
    {
        QMutexLocker lock(&m_emulator->store().mutex());
        m_emulator->store().group(m_rootGroup)->members = { EmulatorMember { m_ownerId, accessLevel, {} } };
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_emulator = std::make_unique<GitLabEmulator>(m_dir.filePath(QStringLiteral("emulator%1").arg(++m_runs)));
        QVERIFY(m_emulator->start());
        // A GitLab whose external_url is the address Dockmaster uses.
        m_emulator->setExternalUrl(m_emulator->baseUrl());
        const EmulatorGroups groups = addPlatformGroups(*m_emulator, QStringLiteral("plugins"));
        m_rootGroup = groups.root;
        m_ownerId
            = m_emulator
                  ->addUser(QStringLiteral("owner"), QStringLiteral("Owner"), false, QString::fromLatin1(OwnerToken))
                  .id;
        setRole(50);
        {
            QMutexLocker lock(&m_emulator->store().mutex());
            EmulatorStore &store = m_emulator->store();
            m_codeProject = store.addProject(appId(1), appId(1), groups.apps).id;
            EmulatorProject &ops = store.addProject(appId(1), appId(1), groups.ops);
            m_opsProject = ops.id;
            store.project(m_codeProject)->jobTokenAllowlist.append(m_opsProject);
        }
        m_client = std::make_unique<GitLabClient>();
        m_client->setBaseUrl(m_emulator->baseUrl());
        m_client->setToken(QString::fromLatin1(OwnerToken));
        GitLabClientOptions fast;
        fast.baseBackoffMs = 20;
        fast.maxBackoffMs = 100;
        m_client->setOptions(fast);
    }

    void cleanup()
    {
        m_client.reset();
        m_emulator.reset();
    }

    void everyLinePassesOnAWellSetUpGitLab()
    {
        const auto check = runCheck();
        QVERIFY2(check->isFinished(), qPrintable(describe(*check)));
        for (const ConnectionCheckLine &l : check->lines())
            QVERIFY2(l.status == Status::Ok, qPrintable(describe(*check)));
        QCOMPARE(ConnectionCheck::exitCode(check->lines()), 0);
        QVERIFY(line(*check, Item::Version).found.contains(QStringLiteral("17.5.0")));
        QVERIFY(line(*check, Item::Token).found.contains(QStringLiteral("api")));
    }

    void oldGitLabFails()
    {
        m_emulator->setVersion(QStringLiteral("16.0.8-ee"));
        const auto check = runCheck();
        QCOMPARE(line(*check, Item::Version).status, Status::Failed);
        QVERIFY2(line(*check, Item::Version).fix.contains(QStringLiteral("16.1")), qPrintable(describe(*check)));
        QCOMPARE(ConnectionCheck::exitCode(check->lines()), 1);
    }

    void tokenWithoutTheApiScopeFails()
    {
        m_emulator->setTokenScopes(QStringLiteral("owner"), { QStringLiteral("read_api") });
        const auto check = runCheck();
        QCOMPARE(line(*check, Item::Token).status, Status::Failed);
        QVERIFY2(line(*check, Item::Token).found.contains(QStringLiteral("read_api")), qPrintable(describe(*check)));
        QVERIFY(line(*check, Item::Token).fix.contains(QStringLiteral("api scope")));
        QCOMPARE(ConnectionCheck::exitCode(check->lines()), 1);
    }

    void tokenExpiringSoonIsAWarning()
    {
        const QDate soon = QDate::currentDate().addDays(5);
        m_emulator->setTokenScopes(QStringLiteral("owner"), { QStringLiteral("api") }, soon);
        const auto check = runCheck();
        QCOMPARE(line(*check, Item::Token).status, Status::Warning);
        QVERIFY2(line(*check, Item::Token).found.contains(soon.toString(Qt::ISODate)), qPrintable(describe(*check)));
        QCOMPARE(ConnectionCheck::exitCode(check->lines()), 0);
    }

    void developerOfTheRootGroupFails()
    {
        setRole(30);
        const auto check = runCheck();
        QCOMPARE(line(*check, Item::Role).status, Status::Failed);
        QVERIFY2(line(*check, Item::Role).found.contains(QStringLiteral("Developer")), qPrintable(describe(*check)));
        QVERIFY(line(*check, Item::Role).fix.contains(QStringLiteral("Owner")));
    }

    void linksNamingAnotherHostAreAWarningDockmasterCopesWith()
    {
        m_emulator->setExternalUrl(QUrl(QStringLiteral("https://gitlab.internal.invalid")));
        const auto check = runCheck();
        QCOMPARE(line(*check, Item::Links).status, Status::Warning);
        QVERIFY2(line(*check, Item::Links).found.contains(QStringLiteral("https://gitlab.internal.invalid")),
                 qPrintable(describe(*check)));
        QVERIFY(line(*check, Item::Links).found.contains(QStringLiteral("Dockmaster copes")));
        QVERIFY2(line(*check, Item::Links).fix.contains(m_emulator->baseUrl().toString()),
                 qPrintable(describe(*check)));
        // The allowlist and runner lines paginate through those links and still pass.
        QCOMPARE(line(*check, Item::JobTokenAllowlist).status, Status::Ok);
        QCOMPARE(ConnectionCheck::exitCode(check->lines()), 0);
    }

    void missingAllowlistEntryFailsAndRepairAddsItOnceAudited()
    {
        {
            QMutexLocker lock(&m_emulator->store().mutex());
            m_emulator->store().project(m_codeProject)->jobTokenAllowlist.clear();
        }
        const auto check = runCheck();
        QCOMPARE(line(*check, Item::JobTokenAllowlist).status, Status::Failed);
        QVERIFY2(line(*check, Item::JobTokenAllowlist).found.contains(appId(1)), qPrintable(describe(*check)));
        QCOMPARE(check->missingAllowlistEntries(), 1);

        QSignalSpy audited(check.get(), &ConnectionCheck::auditEntry);
        QSignalSpy repaired(check.get(), &ConnectionCheck::repairFinished);
        QSignalSpy finished(check.get(), &ConnectionCheck::finished);
        check->repair();
        QVERIFY(repaired.count() == 1 || repaired.wait(30000));
        QCOMPARE(repaired.first().first().toString(), QString());
        QVERIFY(check->isFinished() || finished.wait(30000));
        QCOMPARE(line(*check, Item::JobTokenAllowlist).status, Status::Ok);
        QCOMPARE(audited.count(), 1);
        const auto entry = audited.first().first().value<AuditEntry>();
        QCOMPARE(entry.appId, appId(1));
        QCOMPARE(entry.actor, QStringLiteral("owner"));
        QVERIFY(entry.detail.contains(QStringLiteral("plugins/ops/") + appId(1)));
        {
            QMutexLocker lock(&m_emulator->store().mutex());
            QCOMPARE(m_emulator->store().project(m_codeProject)->jobTokenAllowlist, QList<qint64> { m_opsProject });
        }
        const QString post = QStringLiteral("^/api/v4/projects/%1/job_token_scope/allowlist$").arg(m_codeProject);
        QCOMPARE(m_emulator->requestCount(QStringLiteral("POST"), post), 1);

        // Again: nothing is missing, nothing is sent or audited.
        repaired.clear();
        check->repair();
        QVERIFY(repaired.count() == 1 || repaired.wait(30000));
        QCOMPARE(m_emulator->requestCount(QStringLiteral("POST"), post), 1);
        QCOMPARE(audited.count(), 1);
    }

    void repairAuditsNothingWhenSomeoneElseAddedTheEntry()
    {
        {
            QMutexLocker lock(&m_emulator->store().mutex());
            m_emulator->store().project(m_codeProject)->jobTokenAllowlist.clear();
        }
        const auto check = runCheck();
        QCOMPARE(check->missingAllowlistEntries(), 1);
        {
            QMutexLocker lock(&m_emulator->store().mutex());
            m_emulator->store().project(m_codeProject)->jobTokenAllowlist.append(m_opsProject);
        }
        QSignalSpy audited(check.get(), &ConnectionCheck::auditEntry);
        QSignalSpy repaired(check.get(), &ConnectionCheck::repairFinished);
        check->repair();
        QVERIFY(repaired.count() == 1 || repaired.wait(30000));
        QCOMPARE(audited.count(), 0);
        QCOMPARE(m_emulator->requestCount(QStringLiteral("POST"), QStringLiteral("job_token_scope")), 0);
    }

    void noOnlineRunnerFails()
    {
        m_emulator->setRunnerAvailable(false);
        const auto check = runCheck();
        QCOMPARE(line(*check, Item::Runners).status, Status::Failed);
        QVERIFY2(line(*check, Item::Runners).found.contains(appId(1)), qPrintable(describe(*check)));
        QVERIFY(line(*check, Item::Runners).fix.contains(QStringLiteral("plugins/ops")));
    }

    void httpProfileThatRedirectsToHttpsFails()
    {
        m_emulator->setRedirectHttpToHttps(true);
        const auto check = runCheck();
        const ConnectionCheckLine &redirect = line(*check, Item::HttpsRedirect);
        QCOMPARE(redirect.status, Status::Failed);
        QVERIFY2(redirect.fix.contains(QStringLiteral("https://127.0.0.1")), qPrintable(describe(*check)));
        // Every API call is refused the same way, and says so.
        QCOMPARE(line(*check, Item::Version).status, Status::Failed);
        QVERIFY2(line(*check, Item::Version).found.contains(QStringLiteral("redirects to https")),
                 qPrintable(describe(*check)));
    }

    void plainHttpThatDoesNotRedirectIsAWarning()
    {
        // The http:// form of an https profile, here the emulator.
        ConnectionCheckOptions options;
        options.plainHttpUrl = m_emulator->baseUrl();
        const auto plain = runCheck(options);
        QCOMPARE(line(*plain, Item::HttpsRedirect).status, Status::Warning);
        QVERIFY2(line(*plain, Item::HttpsRedirect).fix.contains(QStringLiteral("redirect_http_to_https")),
                 qPrintable(describe(*plain)));

        m_emulator->setRedirectHttpToHttps(true);
        m_client->setBaseUrl(QUrl(QStringLiteral("https://127.0.0.1:1"))); // not reached by this line
        const auto redirected = runCheck(options);
        QCOMPARE(line(*redirected, Item::HttpsRedirect).status, Status::Ok);
        QVERIFY2(line(*redirected, Item::HttpsRedirect).found.contains(QStringLiteral("redirects to https://")),
                 qPrintable(describe(*redirected)));
    }
};

QTEST_GUILESS_MAIN(TestConnectionCheck)
#include "tst_connectioncheck.moc"
