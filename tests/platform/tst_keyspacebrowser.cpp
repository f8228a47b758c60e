// The Platform services tab's view of an app's keys (issue 18), against a
// real valkey-server: 100,000 keys paged through by prefix (SCAN, never
// KEYS) without blocking the window's thread, each value type read with a
// bound, edits that keep the expiry, removals, and never a key of another app.
#include "core/platform/appkeyspace.h"
#include "core/platform/keyspacebrowser.h"
#include "tests/support/valkeyserver.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTest>
#include <QTimer>

using namespace Dockmaster;
using namespace Dockmaster::Test;

namespace {

const QString Shop = QStringLiteral("app3000001");
const QString Other = QStringLiteral("app3000002");
constexpr int StringKeys = 100000;

} // namespace

class TestKeyspaceBrowser : public QObject
{
    Q_OBJECT

private:
    ValkeyServer m_server;
    std::unique_ptr<KeyspaceBrowser> m_browser;

    QByteArray key(const QString &appId, const QByteArray &name) const { return AppKeyspace::keyPrefix(appId) + name; }

    template<typename Result, typename Call> Result await(Call call)
    {
        std::optional<Result> result;
        call([&result](Result r) { result = std::move(r); });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 60000))
            return {};
        return *result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString problem = m_server.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        ValkeyConnection &admin = m_server.adminConnection();
        QList<QList<QByteArray>> writes;
        for (int i = 0; i < StringKeys; i += 1000) {
            QList<QByteArray> set { "MSET" };
            for (int j = i; j < i + 1000; ++j)
                set << key(Shop, "item:" + QByteArray::number(j)) << "value " + QByteArray::number(j);
            writes.append(set);
        }
        for (int i = 0; i < 50; ++i)
            writes.append({ "SET", key(Other, "secret:" + QByteArray::number(i)), "not the shop's" });
        for (const ValkeyReply &reply : admin.pipeline(writes))
            QVERIFY2(!reply.isError(), reply.text.constData());
        QList<QByteArray> hash { "HSET", key(Shop, "user:1") };
        QList<QByteArray> list { "RPUSH", key(Shop, "queue") };
        QList<QByteArray> set { "SADD", key(Shop, "tags") };
        for (int i = 0; i < 1500; ++i) {
            hash << "field" + QByteArray::number(i) << "v";
            list << "job" + QByteArray::number(i);
            set << "tag" + QByteArray::number(i);
        }
        for (const QList<QByteArray> &command :
             QList<QList<QByteArray>> { hash,
                                        list,
                                        set,
                                        { "ZADD", key(Shop, "scores"), "1.5", "ann", "3", "bob" },
                                        { "SET", key(Shop, "session"), "abc", "EX", "3600" } }) {
            const ValkeyReply reply = admin.command(command);
            QVERIFY2(!reply.isError(), reply.text.constData());
        }
        m_browser = std::make_unique<KeyspaceBrowser>(m_server.admin());
    }

    void pagesThroughEveryKeyWithoutBlockingTheWindow()
    {
        // The window's thread: a timer that should fire every 10 ms.
        QElapsedTimer sinceTick;
        qint64 longestStallMs = 0;
        QTimer ticker;
        ticker.setInterval(10);
        connect(&ticker, &QTimer::timeout, this,
                [&] { longestStallMs = std::max(longestStallMs, sinceTick.restart()); });
        sinceTick.start();
        ticker.start();

        QSet<QByteArray> seen;
        int pages = 0;
        QByteArray cursor = "0";
        QElapsedTimer clock;
        clock.start();
        do {
            const KeyspacePage page
                = await<KeyspacePage>([&](auto done) { m_browser->page(Shop, cursor, this, done); });
            QVERIFY2(page.error.isEmpty(), qPrintable(page.error));
            for (const KeyspaceKey &k : page.keys) {
                QVERIFY2(!k.name.startsWith('{') && !k.name.startsWith("secret:"), k.name.constData());
                seen.insert(k.name);
            }
            cursor = page.cursor;
            ++pages;
        } while (cursor != "0" && pages < 10000);
        ticker.stop();
        qInfo("%d keys in %d pages, %lld ms; the window's thread stalled at most %lld ms", int(seen.size()), pages,
              clock.elapsed(), longestStallMs);
        QCOMPARE(seen.size(), StringKeys + 5);
        // Bounded far above a busy machine's scheduling, far below the
        // seconds a scan on the window's thread would take.
        QVERIFY2(longestStallMs < 1000, qPrintable(QString::number(longestStallMs)));
    }

    void eachTypeIsReadWithABound()
    {
        const KeyspaceValue hash
            = await<KeyspaceValue>([&](auto done) { m_browser->value(Shop, "user:1", this, done); });
        QCOMPARE(hash.type, QStringLiteral("hash"));
        QCOMPARE(hash.length, 1500);
        QCOMPARE(hash.entries.size(), KeyspaceValue::ValueLimit);
        QVERIFY(hash.truncated);
        const KeyspaceValue list
            = await<KeyspaceValue>([&](auto done) { m_browser->value(Shop, "queue", this, done); });
        QCOMPARE(list.items.size(), KeyspaceValue::ValueLimit);
        QCOMPARE(list.items.constFirst(), QByteArray("job0"));
        QVERIFY(list.truncated);
        const KeyspaceValue set = await<KeyspaceValue>([&](auto done) { m_browser->value(Shop, "tags", this, done); });
        QCOMPARE(set.length, 1500);
        QVERIFY(set.items.size() <= KeyspaceValue::ValueLimit && set.items.size() >= 500);
        const KeyspaceValue zset
            = await<KeyspaceValue>([&](auto done) { m_browser->value(Shop, "scores", this, done); });
        QCOMPARE(zset.entries.size(), 2);
        QCOMPARE(zset.entries.constFirst().first, QByteArray("ann"));
        QCOMPARE(zset.entries.constFirst().second, QByteArray("1.5"));
        QVERIFY(!zset.truncated);
        const KeyspaceValue string
            = await<KeyspaceValue>([&](auto done) { m_browser->value(Shop, "item:7", this, done); });
        QCOMPARE(string.text, QByteArray("value 7"));
        const KeyspaceValue gone
            = await<KeyspaceValue>([&](auto done) { m_browser->value(Shop, "missing", this, done); });
        QVERIFY(!gone.error.isEmpty());
    }

    // The tab's header: every key of the app counted once, its memory the
    // sum of what the server reports, the largest keys first; none of the
    // other app's keys.
    void summaryCountsTheWholeNamespaceAndFindsTheLargestKeys()
    {
        const KeyspaceSummary summary
            = await<KeyspaceSummary>([&](auto done) { m_browser->summary(Shop, this, done); });
        QVERIFY2(summary.error.isEmpty(), qPrintable(summary.error));
        QCOMPARE(summary.keys, StringKeys + 5);
        ValkeyConnection &admin = m_server.adminConnection();
        const qint64 hashBytes = admin.command({ "MEMORY", "USAGE", key(Shop, "user:1") }).integer;
        QVERIFY(summary.bytes > StringKeys * 16 + hashBytes);
        QCOMPARE(summary.largest.size(), KeyspaceSummary::LargestCount);
        QSet<QByteArray> biggest;
        for (qsizetype i = 0; i < summary.largest.size(); ++i) {
            biggest.insert(summary.largest.at(i).name);
            if (i > 0)
                QVERIFY(summary.largest.at(i - 1).bytes >= summary.largest.at(i).bytes);
        }
        for (const QByteArray &name : { QByteArray("user:1"), QByteArray("queue"), QByteArray("tags") })
            QVERIFY2(biggest.contains(name), name.constData());
        const KeyspaceSummary other = await<KeyspaceSummary>([&](auto done) { m_browser->summary(Other, this, done); });
        QCOMPARE(other.keys, 50);
    }

    void editingKeepsTheExpiryAndRemovalRemovesOnlyThatKey()
    {
        QCOMPARE(await<QString>([&](auto done) { m_browser->setString(Shop, "session", "abc", "edited", this, done); }),
                 QString());
        // Edited from what the admin saw: a value the plugin wrote since is kept.
        const QString stale
            = await<QString>([&](auto done) { m_browser->setString(Shop, "session", "abc", "mine", this, done); });
        QVERIFY2(stale.contains(QStringLiteral("changed")), qPrintable(stale));
        ValkeyConnection &admin = m_server.adminConnection();
        QCOMPARE(admin.command({ "GET", key(Shop, "session") }).text, QByteArray("edited"));
        QVERIFY(admin.command({ "TTL", key(Shop, "session") }).integer > 3000);
        QCOMPARE(await<QString>([&](auto done) { m_browser->remove(Shop, "item:0", this, done); }), QString());
        QCOMPARE(admin.command({ "EXISTS", key(Shop, "item:0"), key(Shop, "item:1") }).integer, 1);
        // A name that looks like a pattern is only a name.
        QCOMPARE(await<QString>([&](auto done) { m_browser->remove(Shop, "item:*", this, done); }), QString());
        QCOMPARE(admin.command({ "EXISTS", key(Shop, "item:1") }).integer, 1);
        QCOMPARE(admin.command({ "EXISTS", key(Other, "secret:0") }).integer, 1);
    }

    // Scale-out: the profile names one node of a three-node cluster, and the
    // app's keys (one slot, by the hash tag) live on another. The browser
    // finds the node that serves them.
    void browsesAnAppWhoseKeysLiveOnAnotherClusterNode()
    {
        ValkeyCluster cluster;
        const QString problem = cluster.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QList<ValkeyEndpoint> nodes = cluster.admins();
        ValkeyConnection first(nodes.at(0));
        QString appId;
        for (int n = 5000001; n < 5000100 && appId.isEmpty(); ++n) {
            const QString candidate = QStringLiteral("app%1").arg(n);
            // A key of this app stored through the first node is redirected when another node serves it.
            if (first.command({ "SET", key(candidate, "probe"), "x" }).text.startsWith("MOVED"))
                appId = candidate;
        }
        QVERIFY(!appId.isEmpty());
        std::unique_ptr<ValkeyConnection> owner;
        for (const ValkeyEndpoint &node : nodes) {
            auto connection = std::make_unique<ValkeyConnection>(node);
            if (!connection->command({ "SET", key(appId, "probe"), "x" }).isError()) {
                owner = std::move(connection);
                break;
            }
        }
        QVERIFY(owner);
        QList<QByteArray> set { "MSET" };
        for (int i = 0; i < 1199; ++i)
            set << key(appId, "k" + QByteArray::number(i)) << "v";
        QVERIFY(!owner->command(set).isError());

        KeyspaceBrowser browser(nodes.at(0));
        QSet<QByteArray> seen;
        QByteArray cursor = "0";
        int pages = 0;
        do {
            const KeyspacePage page = await<KeyspacePage>([&](auto done) { browser.page(appId, cursor, this, done); });
            QVERIFY2(page.error.isEmpty(), qPrintable(page.error));
            for (const KeyspaceKey &k : page.keys)
                seen.insert(k.name);
            cursor = page.cursor;
        } while (cursor != "0" && ++pages < 1000);
        QCOMPARE(seen.size(), 1200);
        const KeyspaceSummary summary = await<KeyspaceSummary>([&](auto done) { browser.summary(appId, this, done); });
        QCOMPARE(summary.keys, 1200);
        QCOMPARE(await<KeyspaceValue>([&](auto done) { browser.value(appId, "k7", this, done); }).text,
                 QByteArray("v"));
        QCOMPARE(await<QString>([&](auto done) { browser.remove(appId, "k7", this, done); }), QString());
        QCOMPARE(owner->command({ "EXISTS", key(appId, "k7") }).integer, 0);
    }

    void anotherAppsIdOrAGoneServerIsAnError()
    {
        QVERIFY(!await<QString>([&](auto done) { m_browser->remove(QStringLiteral("*"), "x", this, done); }).isEmpty());
        ValkeyEndpoint nowhere = m_server.admin();
        nowhere.port = 1;
        KeyspaceBrowser offline(nowhere);
        const KeyspacePage page = await<KeyspacePage>([&](auto done) { offline.page(Shop, "0", this, done); });
        QVERIFY2(page.error.contains(QStringLiteral("127.0.0.1:1")), qPrintable(page.error));
    }
};

QTEST_GUILESS_MAIN(TestKeyspaceBrowser)
#include "tst_keyspacebrowser.moc"
