// Each app's key/value namespace on a real valkey-server (issue 18): an app's
// ACL user reaches its own keys and channels and nothing else (not another
// app's keys, not the server, not the names of others' keys); a password
// rotation never drops a connected plugin; archiving removes the user and
// exactly the app's keys.
#include "core/platform/appkeyspace.h"
#include "core/platform/valkeyconnection.h"
#include "tests/support/valkeyserver.h"

#include <QTest>

using namespace Dockmaster;
using namespace Dockmaster::Test;

namespace {

const QString Shop = QStringLiteral("app1000001");
const QString Blog = QStringLiteral("app1000002");

QByteArray key(const QString &appId, const QByteArray &name)
{
    return AppKeyspace::keyPrefix(appId) + name;
}

// Refused by the ACL, not by anything else (a typo, a broken connection).
bool refusedByAcl(const ValkeyReply &reply)
{
    return reply.isError() && reply.text.startsWith("NOPERM");
}

} // namespace

class TestValkeyIsolation : public QObject
{
    Q_OBJECT

private:
    ValkeyServer m_server;
    ValkeyConnection *m_admin = nullptr; // the server's

    // What the app's rules say of `command`, asked of the server (ACL DRYRUN).
    bool aclPermits(const QString &appId, const QList<QByteArray> &command)
    {
        QList<QByteArray> dryRun { "ACL", "DRYRUN", AppKeyspace::userName(appId) };
        dryRun += command;
        return m_admin->command(dryRun).text == "OK";
    }

    void ensure(const QString &appId, const QString &password)
    {
        const QString problem = AppKeyspaceAdmin(*m_admin).ensureUser(appId, password);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString problem = m_server.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        m_admin = &m_server.adminConnection();
    }

    void anAppReachesOnlyItsOwnKeys()
    {
        ensure(Shop, QStringLiteral("shop-password"));
        ensure(Blog, QStringLiteral("blog-password"));
        QCOMPARE(m_admin->command({ "SET", key(Blog, "secret"), "the blog's" }).text, QByteArray("OK"));

        ValkeyConnection shop(m_server.as(Shop, QStringLiteral("shop-password")));
        QVERIFY2(shop.isOpen(), qPrintable(shop.error()));
        // Its own keys, with the data types the SDK offers.
        QCOMPARE(shop.command({ "SET", key(Shop, "cart:7"), "3 items", "EX", "60" }).text, QByteArray("OK"));
        QCOMPARE(shop.command({ "GET", key(Shop, "cart:7") }).text, QByteArray("3 items"));
        QCOMPARE(shop.command({ "INCR", key(Shop, "visits") }).integer, 1);
        QCOMPARE(shop.command({ "HSET", key(Shop, "user:1"), "name", "Ann" }).integer, 1);
        QCOMPARE(shop.command({ "MGET", key(Shop, "cart:7"), key(Shop, "visits") }).elements.size(), 2);
        QVERIFY(!shop.command({ "PUBLISH", key(Shop, "events"), "hello" }).isError());

        // Another app's keys: neither read, written, deleted, nor renamed into.
        QVERIFY(refusedByAcl(shop.command({ "GET", key(Blog, "secret") })));
        QVERIFY(refusedByAcl(shop.command({ "SET", key(Blog, "secret"), "overwritten" })));
        QVERIFY(refusedByAcl(shop.command({ "DEL", key(Blog, "secret") })));
        QVERIFY(refusedByAcl(shop.command({ "RENAME", key(Shop, "visits"), key(Blog, "visits") })));
        QVERIFY(refusedByAcl(shop.command({ "MGET", key(Shop, "visits"), key(Blog, "secret") })));
        QVERIFY(refusedByAcl(shop.command({ "GET", "unprefixed" })));
        QVERIFY(refusedByAcl(shop.command({ "PUBLISH", key(Blog, "events"), "spoofed" })));
        QVERIFY(refusedByAcl(shop.command({ "SUBSCRIBE", key(Blog, "events") })));
        // The server itself.
        for (const QList<QByteArray> &command :
             QList<QList<QByteArray>> { { "FLUSHALL" },
                                        { "FLUSHDB" },
                                        { "KEYS", "*" },
                                        { "CONFIG", "GET", "*" },
                                        { "CONFIG", "SET", "maxmemory", "1" },
                                        { "ACL", "LIST" },
                                        { "CLIENT", "LIST" },
                                        { "SHUTDOWN" },
                                        { "DEBUG", "SLEEP", "0" },
                                        { "EVAL", "return redis.call('get', KEYS[1])", "1", key(Blog, "secret") },
                                        { "MONITOR" },
                                        { "SELECT", "1" },
                                        { "MOVE", key(Shop, "visits"), "1" } }) {
            // Refused to the app, and by its rules (not only by the server's
            // settings, which refuse DEBUG to everybody here).
            const ValkeyReply reply = shop.command(command);
            QVERIFY2(reply.isError(), qPrintable(QString::fromUtf8(command.constFirst() + " answered " + reply.text)));
            QVERIFY2(!aclPermits(Shop, command), qPrintable(QString::fromUtf8(command.constFirst())));
        }
        // Nor the names of others' keys or channels.
        for (const QList<QByteArray> &command : QList<QList<QByteArray>> {
                 { "SCAN", "0" }, { "RANDOMKEY" }, { "DBSIZE" }, { "PUBSUB", "CHANNELS" }, { "MEMORY", "STATS" } }) {
            const ValkeyReply reply = shop.command(command);
            QVERIFY2(refusedByAcl(reply),
                     qPrintable(QString::fromUtf8(command.constFirst() + " answered " + reply.text)));
        }
        // The blog's key is as it was.
        QCOMPARE(m_admin->command({ "GET", key(Blog, "secret") }).text, QByteArray("the blog's"));
    }

    void aWrongPasswordOrAnotherAppsIsRefused()
    {
        ensure(Shop, QStringLiteral("shop-password"));
        ValkeyConnection wrong(m_server.as(Shop, QStringLiteral("blog-password")));
        QVERIFY(!wrong.isOpen());
        QVERIFY2(wrong.error().contains(Shop), qPrintable(wrong.error()));
        QVERIFY2(!wrong.error().contains(QStringLiteral("blog-password")), qPrintable(wrong.error()));
        QVERIFY(wrong.command({ "GET", key(Shop, "cart:7") }).isError());
    }

    void rotationKeepsConnectedPluginsWorking()
    {
        const QString app = QStringLiteral("app1000003");
        ensure(app, QStringLiteral("old-password"));
        ValkeyConnection running(m_server.as(app, QStringLiteral("old-password")));
        QVERIFY2(running.isOpen(), qPrintable(running.error()));

        // Step 1: the new password is added; both work.
        AppKeyspaceAdmin admin(*m_admin);
        QVERIFY(admin.addPassword(app, QStringLiteral("new-password")).isEmpty());
        QCOMPARE(running.command({ "SET", key(app, "k"), "1" }).text, QByteArray("OK"));
        QVERIFY(ValkeyConnection(m_server.as(app, QStringLiteral("new-password"))).isOpen());
        QVERIFY(ValkeyConnection(m_server.as(app, QStringLiteral("old-password"))).isOpen());
        // Provisioning again meanwhile (an idempotent re-run) keeps both.
        ensure(app, QStringLiteral("new-password"));
        QVERIFY(ValkeyConnection(m_server.as(app, QStringLiteral("old-password"))).isOpen());

        // Step 2, after the deploy: the old one is removed. New connections
        // need the new password; the connected plugin is not dropped.
        QVERIFY(admin.removePassword(app, QStringLiteral("old-password")).isEmpty());
        QVERIFY(!ValkeyConnection(m_server.as(app, QStringLiteral("old-password"))).isOpen());
        QVERIFY(ValkeyConnection(m_server.as(app, QStringLiteral("new-password"))).isOpen());
        QCOMPARE(running.command({ "GET", key(app, "k") }).text, QByteArray("1"));
    }

    void archivingRemovesTheUserAndExactlyItsKeys()
    {
        const QString app = QStringLiteral("app1000004");
        ensure(app, QStringLiteral("archived"));
        ensure(Blog, QStringLiteral("blog-password"));
        ValkeyConnection plugin(m_server.as(app, QStringLiteral("archived")));
        QVERIFY(plugin.isOpen());
        constexpr int Keys = 2500; // more than one SCAN step
        for (int i = 0; i < Keys; i += 100) {
            QList<QByteArray> set { "MSET" };
            for (int j = i; j < i + 100; ++j)
                set << key(app, "k" + QByteArray::number(j)) << "v";
            QCOMPARE(plugin.command(set).text, QByteArray("OK"));
        }
        // A key that only looks alike: another app's, whose id starts the same.
        QCOMPARE(m_admin->command({ "SET", "{app1000004-x}:k1", "kept" }).text, QByteArray("OK"));
        const qint64 blogKeys = m_admin->command({ "EXISTS", key(Blog, "secret") }).integer;

        qint64 removed = 0;
        const QString problem = AppKeyspaceAdmin(*m_admin).removeApp(app, &removed);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(removed, Keys);
        QCOMPARE(m_admin->command({ "EXISTS", key(app, "k0"), key(app, "k2499") }).integer, 0);
        QCOMPARE(m_admin->command({ "GET", "{app1000004-x}:k1" }).text, QByteArray("kept"));
        QCOMPARE(m_admin->command({ "EXISTS", key(Blog, "secret") }).integer, blogKeys);
        // The user is gone: its connection was closed, and it cannot come back.
        QVERIFY(plugin.command({ "GET", key(app, "k0") }).isError());
        QVERIFY(!ValkeyConnection(m_server.as(app, QStringLiteral("archived"))).isOpen());
    }

    void appIdsThatWouldWidenTheRulesAreRefused_data()
    {
        QTest::addColumn<QString>("appId");
        QTest::newRow("glob") << QStringLiteral("*");
        QTest::newRow("rule inside") << QStringLiteral("app1 ~*");
        QTest::newRow("brace") << QStringLiteral("app1}:x{");
        QTest::newRow("upper case") << QStringLiteral("App1");
        QTest::newRow("empty") << QString();
        QTest::newRow("newline") << QStringLiteral("app1\nallkeys");
    }

    void appIdsThatWouldWidenTheRulesAreRefused()
    {
        QFETCH(QString, appId);
        const qint64 usersBefore = m_admin->command({ "ACL", "USERS" }).elements.size();
        AppKeyspaceAdmin admin(*m_admin);
        QVERIFY(!admin.ensureUser(appId, QStringLiteral("p")).isEmpty());
        QVERIFY(!admin.removeApp(appId).isEmpty());
        QCOMPARE(m_admin->command({ "ACL", "USERS" }).elements.size(), usersBefore);
    }

    void anUnreachableServerIsNamed()
    {
        ValkeyEndpoint nowhere = m_server.admin();
        nowhere.port = 1; // nobody listens there
        ValkeyConnection connection(nowhere);
        QVERIFY(!connection.isOpen());
        QVERIFY2(connection.error().contains(QStringLiteral("127.0.0.1:1")), qPrintable(connection.error()));
        QVERIFY(connection.command({ "PING" }).isError());
    }
};

QTEST_GUILESS_MAIN(TestValkeyIsolation)
#include "tst_valkeyisolation.moc"
