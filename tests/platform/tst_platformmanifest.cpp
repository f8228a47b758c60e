// The plugin's platform.json (issue 18) is third-party input: what it asks
// for is read only when every value keeps to the rules the edge and the
// store apply; anything else refuses the manifest as a whole, with reasons
// an admin can read and no hidden characters passed on.
#include "core/platform/platformmanifest.h"
#include "core/provisioning/pluginskeleton.h"

#include <QTest>

using namespace Dockmaster;

class TestPlatformManifest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aWellFormedManifestIsRead()
    {
        const PlatformManifestResult r = PlatformManifests::parse(R"({
            "permissions": {"orders.read": " See the orders ", "orders.write": "Change orders"},
            "anonymous_paths": ["/health.php", "/public/", "/health.php"],
            "kv_quota_mb": 50
        })");
        QVERIFY2(r.ok(), qPrintable(r.errors.join(u'\n')));
        QCOMPARE(r.manifest.permissions.size(), 2);
        QCOMPARE(r.manifest.permissions.constFirst().description, QStringLiteral("See the orders"));
        QCOMPARE(r.manifest.anonymousPaths, QStringList({ QStringLiteral("/health.php"), QStringLiteral("/public/") }));
        QCOMPARE(r.manifest.kvQuotaMb, 50);
    }

    void theSkeletonsManifestIsValid()
    {
        const QByteArray shipped = PluginSkeleton::files(QStringLiteral("app0000042"), QStringLiteral("Shop"), {}, {})
                                       .value(QStringLiteral("platform.json"));
        const PlatformManifestResult r = PlatformManifests::parse(shipped);
        QVERIFY2(r.ok(), qPrintable(r.errors.join(u'\n')));
        QCOMPARE(r.manifest.anonymousPaths, QStringList { QStringLiteral("/health.php") });
    }

    void hostileManifestsAreRefusedWithReasons_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("reason");
        QTest::newRow("not json") << QByteArray("{permissions:") << QStringLiteral("not valid JSON");
        QTest::newRow("an array") << QByteArray("[]") << QStringLiteral("one JSON object");
        QTest::newRow("too large") << QByteArray(70 * 1024, ' ') << QStringLiteral("larger than");
        QTest::newRow("regex in a name") << QByteArray(R"({"permissions": {"orders.*": "all"}})")
                                         << QStringLiteral("not allowed");
        QTest::newRow("role syntax in a name")
            << QByteArray(R"({"permissions": {"a=admin": "x"}})") << QStringLiteral("not allowed");
        QTest::newRow("bidi in a description")
            << QByteArray("{\"permissions\": {\"a\": \"ok\xe2\x80\xae evil\"}}") << QStringLiteral("hidden characters");
        QTest::newRow("two lines") << QByteArray(R"({"permissions": {"a": "one\ntwo"}})")
                                   << QStringLiteral("one-line description");
        QTest::newRow("description not text")
            << QByteArray(R"({"permissions": {"a": {"x": 1}}})") << QStringLiteral("one-line description");
        QTest::newRow("the whole site open")
            << QByteArray(R"({"anonymous_paths": ["/"]})") << QStringLiteral("not the whole site");
        QTest::newRow("a way out") << QByteArray(R"({"anonymous_paths": ["/public/../admin/"]})")
                                   << QStringLiteral("is not allowed");
        QTest::newRow("the sign-in check")
            << QByteArray(R"({"anonymous_paths": ["/_platform_auth_x"]})") << QStringLiteral("is not allowed");
        QTest::newRow("a path not text") << QByteArray(R"({"anonymous_paths": [7]})")
                                         << QStringLiteral("is not allowed");
        QTest::newRow("paths not a list")
            << QByteArray(R"({"anonymous_paths": "/public/"})") << QStringLiteral("list of paths");
        QTest::newRow("quota zero") << QByteArray(R"({"kv_quota_mb": 0})") << QStringLiteral("whole number");
        QTest::newRow("quota fraction") << QByteArray(R"({"kv_quota_mb": 1.5})") << QStringLiteral("whole number");
        QTest::newRow("quota text") << QByteArray(R"({"kv_quota_mb": "10"})") << QStringLiteral("whole number");
        QTest::newRow("quota too big") << QByteArray(R"({"kv_quota_mb": 100000})") << QStringLiteral("whole number");
        QTest::newRow("unknown entry") << QByteArray(R"({"grants": {"orders.read": ["admin"]}})")
                                       << QStringLiteral("unknown entry");
        QByteArray many = "{\"permissions\": {";
        for (int i = 0; i < 65; ++i)
            many += (i ? "," : "") + QByteArray("\"p") + QByteArray::number(i) + "\": \"d\"";
        many += "}}";
        QTest::newRow("too many permissions") << many << QStringLiteral("at most 64");
    }

    void hostileManifestsAreRefusedWithReasons()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, reason);
        const PlatformManifestResult r = PlatformManifests::parse(json);
        QVERIFY(!r.ok());
        QVERIFY2(r.errors.join(u'\n').contains(reason), qPrintable(r.errors.join(u'\n')));
        QCOMPARE(r.manifest, PlatformManifest {}); // nothing half-read
        for (const QString &error : r.errors)
            QVERIFY2(!error.contains(QChar(0x202e)), "a hidden character reached the message");
    }
};

QTEST_GUILESS_MAIN(TestPlatformManifest)
#include "tst_platformmanifest.moc"
