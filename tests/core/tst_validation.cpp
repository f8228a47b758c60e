#include "core/profile/profile.h"
#include "core/util/validation.h"

#include <QTest>

using namespace Dockmaster;

class TestValidation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hostileValuesAreRefusedEverywhere_data()
    {
        QTest::addColumn<QString>("value");
        QTest::newRow("nginx injection") << QStringLiteral("x; include /etc/passwd;");
        QTest::newRow("brace") << QStringLiteral("plugins}");
        QTest::newRow("newline") << QStringLiteral("plugins\nserver");
        QTest::newRow("dollar") << QStringLiteral("$host");
        QTest::newRow("quotes") << QStringLiteral("\"plugins'");
        QTest::newRow("traversal") << QStringLiteral("../etc");
        QTest::newRow("nul") << QString(QStringLiteral("plugins") + QChar(0) + QStringLiteral("x"));
        QTest::newRow("cyrillic a lookalike") << QString(QChar(0x0430) + QStringLiteral("pp"));
        QTest::newRow("fullwidth") << QString(QChar(0xff50) + QStringLiteral("lugins"));
        QTest::newRow("overlong") << QString(300, QLatin1Char('a'));
        QTest::newRow("shell") << QStringLiteral("a`id`");
        QTest::newRow("space") << QStringLiteral("a b");
        QTest::newRow("empty") << QString();
    }

    void hostileValuesAreRefusedEverywhere()
    {
        QFETCH(QString, value);
        QVERIFY(!Validation::profileName(value).isEmpty());
        QVERIFY(!Validation::gitlabGroupPath(value).isEmpty());
        QVERIFY(!Validation::gitlabProjectPath(value).isEmpty());
        QVERIFY(!Validation::hostName(value).isEmpty());
        QVERIFY(!Validation::domainSuffix(value).isEmpty());
        QVERIFY(!Validation::serverUrl(value).isEmpty());
    }

    void ordinaryValuesPass()
    {
        QVERIFY(Validation::profileName(QStringLiteral("prod-platform_2")).isEmpty());
        QVERIFY(Validation::gitlabGroupPath(QStringLiteral("plugins")).isEmpty());
        QVERIFY(Validation::gitlabGroupPath(QStringLiteral("company/plugins")).isEmpty());
        QVERIFY(Validation::gitlabProjectPath(QStringLiteral("plugins/ops/inventory")).isEmpty());
        QVERIFY(Validation::domainSuffix(QStringLiteral("test.plugins.example.com")).isEmpty());
        QVERIFY(Validation::serverUrl(QStringLiteral("https://gitlab.example.com")).isEmpty());
        QVERIFY(Validation::serverUrl(QStringLiteral("http://127.0.0.1:8080")).isEmpty());
    }

    void plainHttpOnlyOnLoopback()
    {
        QVERIFY(!Validation::serverUrl(QStringLiteral("http://gitlab.example.com")).isEmpty());
        QVERIFY(!Validation::serverUrl(QStringLiteral("http://127.0.0.1"), false).isEmpty());
        QVERIFY(!Validation::serverUrl(QStringLiteral("https://user:pw@gitlab.example.com")).isEmpty());
        QVERIFY(!Validation::serverUrl(QStringLiteral("ftp://gitlab.example.com")).isEmpty());
    }

    void profileValidationNamesTheFields()
    {
        Profile profile;
        profile.name = QStringLiteral("ok");
        profile.gitlabUrl = QUrl(QStringLiteral("http://gitlab.example.com"));
        profile.testDomainSuffix = QStringLiteral("test.example.com");
        profile.productionDomainSuffix = QStringLiteral("bad domain");
        profile.dnsProvider = DnsProviderKind::PowerDns;
        QStringList fields;
        for (const auto &problem : profile.validate())
            fields.append(problem.first);
        QCOMPARE(fields,
                 (QStringList { QStringLiteral("gitlabUrl"), QStringLiteral("productionDomainSuffix"),
                                QStringLiteral("dnsEndpoint"), QStringLiteral("dnsZone") }));
    }
};

QTEST_GUILESS_MAIN(TestValidation)
#include "tst_validation.moc"
