// Diagnostic logging with every dockmaster.* category on (what --verbose
// does): a real sync against the seeded emulator and real PowerDNS calls log
// what they do, and no credential appears in any line of any category, not
// even when GitLab and PowerDNS refuse a wrong one.
#include "core/cache/cacheservice.h"
#include "core/dns/powerdnsprovider.h"
#include "core/gitlab/gitlabclient.h"
#include "core/sync/syncengine.h"
#include "core/sync/synclog.h"
#include "core/util/logging.h"
#include "sandbox/emulator/gitlabemulator.h"
#include "sandbox/emulator/sandboxseeder.h"
#include "tests/dns/dnstesthelpers.h"
#include "tests/gitlab/gitlabtesthelpers.h"
#include "tests/support/messagerecorder.h"
#include "tests/support/pdnsserver.h"

#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Dockmaster;
using namespace Dockmaster::Test;

class TestDiagnosticLog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static QStringList leaks(const MessageRecorder &messages, const QStringList &secrets)
    {
        QStringList found;
        for (const QString &secret : secrets)
            found += messages.containing(secret);
        return found;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void offByDefault()
    {
        QVERIFY(!lcGitLab().isDebugEnabled());
        QVERIFY(!lcSync().isDebugEnabled());
        QVERIFY(!lcDns().isDebugEnabled());
        QVERIFY(lcGitLab().isWarningEnabled());
    }

    void syncAndDnsLogWithoutSecrets()
    {
        QLoggingCategory::setFilterRules(QString::fromLatin1(Logging::VerboseRules));
        MessageRecorder messages;

        GitLabEmulator emulator(m_dir.filePath(QStringLiteral("gitlab")));
        QVERIFY(emulator.start());
        SandboxSeedOptions seedOptions;
        seedOptions.appCount = 3;
        const SandboxSeedResult seed = SandboxSeeder(emulator).seed(seedOptions);
        QCOMPARE(seed.appIds.size(), 3);

        // A full sync: the client's requests, the sync's phases, the cache, the inventory fetch over git.
        CacheService cache(m_dir.filePath(QStringLiteral("cache.sqlite")));
        QSignalSpy opened(&cache, &CacheService::opened);
        cache.open();
        QVERIFY(opened.wait(10000));
        GitLabClient client;
        client.setBaseUrl(emulator.baseUrl());
        client.setToken(seed.adminToken);
        SyncEngine sync(&client, &cache);
        SyncOptions syncOptions;
        syncOptions.inventoryMirrorDir = m_dir.filePath(QStringLiteral("inventory.git"));
        sync.setOptions(syncOptions);
        logSyncPhases(&sync);
        QSignalSpy finished(&sync, &SyncEngine::finished);
        QSignalSpy failed(&sync, &SyncEngine::failed);
        sync.start(SyncEngine::Mode::Full);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty() || !failed.isEmpty(), 60000);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));

        // GitLab refusing a wrong token.
        const QString wrongToken = QStringLiteral("glpat-wrongwrongwrong0123");
        GitLabClient stranger;
        stranger.setBaseUrl(emulator.baseUrl());
        stranger.setToken(wrongToken);
        const auto refused = waitFor<GitLabUser>([&](auto done) { return stranger.currentUser(this, done); });
        QVERIFY(refused && !refused->error.isOk());

        // PowerDNS: a record set, read and removed, and a wrong key refused.
        PdnsServer pdns;
        const QString problem = pdns.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY(pdns.createZone(QStringLiteral("plugins.test")).isEmpty());
        PowerDnsProvider provider(pdns.apiUrl(), pdns.apiKey(), { QStringLiteral("plugins.test") });
        const QString name = QStringLiteral("app0000001.plugins.test");
        QVERIFY(await(provider.upsertARecord(name, QStringLiteral("192.0.2.10"), 300)).ok);
        QVERIFY(await(provider.listRecords(name)).ok);
        QVERIFY(await(provider.deleteRecords(name)).ok);
        const QString wrongKey = QStringLiteral("not-the-pdns-key-7f3a");
        PowerDnsProvider wrong(pdns.apiUrl(), wrongKey, { QStringLiteral("plugins.test") });
        QVERIFY(!await(wrong.listRecords(name)).ok);

        // Each subsystem said something, so the check below is not vacuous...
        for (const char *category :
             { "dockmaster.gitlab", "dockmaster.sync", "dockmaster.cache", "dockmaster.git", "dockmaster.dns" })
            QVERIFY2(!messages.ofCategory(QString::fromLatin1(category)).isEmpty(), category);
        const QStringList requests = messages.ofCategory(QStringLiteral("dockmaster.gitlab"));
        QVERIFY2(requests.first().startsWith(QStringLiteral("GET ")), qPrintable(requests.first()));
        QVERIFY2(requests.first().contains(QStringLiteral(" ms")), qPrintable(requests.first()));
        // ...and no line of any category holds a credential.
        const QStringList leaked
            = leaks(messages, { seed.adminToken, wrongToken, pdns.apiKey(), wrongKey, seed.secondAdminToken });
        QVERIFY2(leaked.isEmpty(), qPrintable(leaked.join(u'\n')));
        QLoggingCategory::setFilterRules(QString());
    }
};

QTEST_GUILESS_MAIN(TestDiagnosticLog)
#include "tst_diagnosticlog.moc"
