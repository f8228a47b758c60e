#include "core/approvals/releasetrailers.h"
#include "core/profile/profile.h"
#include "core/provisioning/provisionrequest.h"
#include "core/util/serveraddress.h"
#include "core/util/validation.h"

#include <QTest>

using namespace Dockmaster;

class TestValidation : public QObject
{
    Q_OBJECT
    static Profile validProfile()
    {
        Profile profile;
        profile.name = QStringLiteral("ok");
        profile.gitlabUrl = QUrl(QStringLiteral("https://gitlab.example.com"));
        profile.testDomainSuffix = QStringLiteral("test.example.com");
        profile.productionDomainSuffix = QStringLiteral("example.com");
        return profile;
    }

    // The fields validate() refuses, in its order.
    static QStringList refusedFields(const Profile &profile)
    {
        QStringList fields;
        for (const auto &problem : profile.validate())
            fields.append(problem.first);
        return fields;
    }

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
        QVERIFY(!Validation::gitlabUsername(value).isEmpty());
        QVERIFY(!Validation::serverAddresses(value).isEmpty());
        QVERIFY(!Validation::serverAddresses(value + QStringLiteral(":6379")).isEmpty());
    }

    // GitLab's own edge cases (lib/gitlab/path_regex.rb, NAMESPACE_FORMAT_REGEX):
    // provisioning (the owner field), the approver (the acting admin) and the
    // reader of other consoles' notes must judge every one of them alike.
    void gitlabUsernamesAreJudgedAlikeEverywhere_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("ok");
        QTest::newRow("plain") << QStringLiteral("alice") << true;
        QTest::newRow("one character") << QStringLiteral("a") << true;
        QTest::newRow("underscore only") << QStringLiteral("_") << true;
        QTest::newRow("mixed") << QStringLiteral("a.b-c_d") << true;
        QTest::newRow("leading dot") << QStringLiteral(".admin") << true;
        QTest::newRow("trailing dash") << QStringLiteral("admin-") << true;
        QTest::newRow("leading underscore") << QStringLiteral("_bot") << true;
        QTest::newRow("two dots inside") << QStringLiteral("a..b") << true;
        QTest::newRow("upper-case .GIT is not the suffix") << QStringLiteral("x.GIT") << true;
        QTest::newRow("255 characters") << QString(255, QLatin1Char('a')) << true;
        QTest::newRow(".git ending") << QStringLiteral("x.git") << false;
        QTest::newRow(".atom ending") << QStringLiteral("x.atom") << false;
        QTest::newRow("trailing dot") << QStringLiteral("admin.") << false;
        QTest::newRow("only a dot") << QStringLiteral(".") << false;
        QTest::newRow("only a dash") << QStringLiteral("-") << false;
        QTest::newRow("leading dash") << QStringLiteral("-x") << false;
        QTest::newRow("256 characters") << QString(256, QLatin1Char('a')) << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("space") << QStringLiteral("a b") << false;
        QTest::newRow("at sign") << QStringLiteral("@alice") << false;
        QTest::newRow("slash") << QStringLiteral("a/b") << false;
        QTest::newRow("newline trailer injection") << QStringLiteral("root\nApproved-By: x") << false;
        QTest::newRow("markup") << QStringLiteral("<!--") << false;
        QTest::newRow("cyrillic lookalike") << QString(QChar(0x0430) + QStringLiteral("dmin")) << false;
    }

    void gitlabUsernamesAreJudgedAlikeEverywhere()
    {
        QFETCH(QString, name);
        QFETCH(bool, ok);
        QCOMPARE(Validation::isGitLabUsername(name), ok);
        QCOMPARE(Validation::gitlabUsername(name).isEmpty(), ok);
        QCOMPARE(ProvisionValidation::owner(name).isEmpty(), ok);
        // A note another console wrote names its actor only if GitLab could have that user.
        const QString note = QStringLiteral("Approved by @%1: deploying `v1`.").arg(name);
        const QString actor = ReleaseTrailers::actorOf(note, QStringLiteral("Approved"));
        QCOMPARE(!actor.isEmpty() && actor == name, ok);
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
        QVERIFY(Validation::serverAddresses(QStringLiteral("kv.example.com:6379")).isEmpty());
        QVERIFY(Validation::serverAddresses(QStringLiteral("10.0.0.5:7000,10.0.0.6:7000, [::1]:7002")).isEmpty());
        QVERIFY(!Validation::serverAddresses(QStringLiteral("kv.example.com")).isEmpty());
        QVERIFY(!Validation::serverAddresses(QStringLiteral("kv.example.com:0")).isEmpty());
        QVERIFY(!Validation::serverAddresses(QStringLiteral("kv.example.com:65536")).isEmpty());
        QVERIFY(!Validation::serverAddresses(QStringLiteral("kv.example.com:6379,")).isEmpty());
    }

    // One reading of host:port for the profile's check, the store's admin
    // connection, the apps' variables and Valkey's CLUSTER NODES.
    void serverAddressesAreReadAlikeEverywhere_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("host"); // empty: refused
        QTest::addColumn<int>("port");
        QTest::newRow("name") << "kv.example.com:6379" << "kv.example.com" << 6379;
        QTest::newRow("IPv4") << "10.0.0.5:7000" << "10.0.0.5" << 7000;
        QTest::newRow("IPv6 in brackets") << "[2001:db8::5]:7001" << "2001:db8::5" << 7001;
        QTest::newRow("loopback IPv6") << "[::1]:6379" << "::1" << 6379;
        QTest::newRow("IPv6 without brackets") << "2001:db8::5:7001" << "" << 0;
        QTest::newRow("no port") << "kv.example.com" << "" << 0;
        QTest::newRow("empty port") << "kv.example.com:" << "" << 0;
        QTest::newRow("port 0") << "kv.example.com:0" << "" << 0;
        QTest::newRow("port too big") << "kv.example.com:65536" << "" << 0;
        QTest::newRow("signed port") << "kv.example.com:+80" << "" << 0;
        QTest::newRow("no host") << ":6379" << "" << 0;
        QTest::newRow("empty brackets") << "[]:6379" << "" << 0;
    }

    void serverAddressesAreReadAlikeEverywhere()
    {
        QFETCH(QString, text);
        QFETCH(QString, host);
        QFETCH(int, port);
        const std::optional<ServerAddress> address = ServerAddress::parse(text);
        QCOMPARE(address.has_value(), !host.isEmpty());
        if (address) {
            QCOMPARE(address->host, host);
            QCOMPARE(int(address->port), port);
        }
        QCOMPARE(Validation::serverAddresses(text).isEmpty(), !host.isEmpty());
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
        profile.keyValueAddress = QStringLiteral("10.0.0.5:7000,10.0.0.6:7000"); // one address, not the seeds
        profile.keyValueAppAddress = QStringLiteral("kv.example.com:6379\nexport X=1");
        const QStringList fields = refusedFields(profile);
        QCOMPARE(fields,
                 (QStringList { QStringLiteral("gitlabUrl"), QStringLiteral("productionDomainSuffix"),
                                QStringLiteral("dnsEndpoint"), QStringLiteral("dnsZone"),
                                QStringLiteral("keyValueAddress"), QStringLiteral("keyValueAppAddress") }));
    }

    // The admin password crosses the connection to the key/value store.
    void plainKeyValueConnectionOnlyOnThisComputer_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<bool>("tls");
        QTest::addColumn<bool>("ok");
        QTest::newRow("remote with TLS") << "kv.example.com:6379" << true << true;
        QTest::newRow("remote plain") << "kv.example.com:6379" << false << false;
        QTest::newRow("private address plain") << "10.0.0.5:6379" << false << false;
        QTest::newRow("loopback plain") << "127.0.0.1:6379" << false << true;
        QTest::newRow("IPv6 loopback plain") << "[::1]:6379" << false << true;
        QTest::newRow("localhost plain") << "localhost:6379" << false << true;
        QTest::newRow("look-alike of localhost plain") << "localhost.example.com:6379" << false << false;
    }

    void plainKeyValueConnectionOnlyOnThisComputer()
    {
        QFETCH(QString, address);
        QFETCH(bool, tls);
        QFETCH(bool, ok);
        Profile profile = validProfile();
        profile.keyValueAddress = address;
        profile.keyValueTls = tls;
        QStringList fields = refusedFields(profile);
        QCOMPARE(fields.isEmpty(), ok);
        if (!ok)
            QCOMPARE(fields, QStringList { QStringLiteral("keyValueAddress") });
        profile.keyValueTls = true;
        profile.keyValueCaFile = QStringLiteral("relative/ca.pem");
        fields = refusedFields(profile);
        QCOMPARE(fields, QStringList { QStringLiteral("keyValueCaFile") });
    }

    // The edge's sign-in URLs go into nginx directives as they are, and the
    // sign-in check carries visitors' cookies: a strict shape, https unless
    // on the host itself.
    void edgeSignInUrls_data()
    {
        QTest::addColumn<QString>("authUrl");
        QTest::addColumn<QString>("loginUrl");
        QTest::addColumn<QStringList>("refused");
        const QStringList none;
        QTest::newRow("https service") << "https://auth.example.com/verify" << "https://auth.example.com/login" << none;
        QTest::newRow("oauth2-proxy beside nginx") << "http://127.0.0.1:4180/oauth2/auth" << "" << none;
        QTest::newRow("plain http across the network")
            << "http://auth.example.com/verify" << "" << QStringList { QStringLiteral("edgeAuthUrl") };
        QTest::newRow("an nginx variable")
            << "https://auth.example.com/$host" << "" << QStringList { QStringLiteral("edgeAuthUrl") };
        QTest::newRow("a directive smuggled in")
            << "https://auth.example.com/v;return 200" << "" << QStringList { QStringLiteral("edgeAuthUrl") };
        QTest::newRow("a query") << "https://auth.example.com/v?next=x" << ""
                                 << QStringList { QStringLiteral("edgeAuthUrl") };
        QTest::newRow("a sign-in page without a check")
            << "" << "https://auth.example.com/login" << QStringList { QStringLiteral("edgeLoginUrl") };
        QTest::newRow("a quote in the sign-in page")
            << "https://auth.example.com/verify"
            << "https://auth.example.com/lo\"gin" << QStringList { QStringLiteral("edgeLoginUrl") };
    }

    void gitlabRequestCeilings_data()
    {
        QTest::addColumn<int>("atOnce");
        QTest::addColumn<int>("perMinute");
        QTest::addColumn<QStringList>("refused");
        const QStringList none;
        QTest::newRow("defaults") << 6 << 0 << none;
        QTest::newRow("GitLab.com share") << 4 << 1000 << none;
        QTest::newRow("none at once") << 0 << 0 << QStringList { QStringLiteral("gitlabMaxConcurrent") };
        QTest::newRow("too many at once") << 33 << 0 << QStringList { QStringLiteral("gitlabMaxConcurrent") };
        QTest::newRow("a negative ceiling") << 6 << -1 << QStringList { QStringLiteral("gitlabRequestsPerMinute") };
        QTest::newRow("an absurd ceiling") << 6 << 100001 << QStringList { QStringLiteral("gitlabRequestsPerMinute") };
    }

    void gitlabRequestCeilings()
    {
        QFETCH(int, atOnce);
        QFETCH(int, perMinute);
        QFETCH(QStringList, refused);
        Profile profile = validProfile();
        profile.gitlabMaxConcurrent = atOnce;
        profile.gitlabRequestsPerMinute = perMinute;
        QCOMPARE(refusedFields(profile), refused);
    }

    void edgeSignInUrls()
    {
        QFETCH(QString, authUrl);
        QFETCH(QString, loginUrl);
        QFETCH(QStringList, refused);
        Profile profile = validProfile();
        profile.edgeAuthUrl = authUrl;
        profile.edgeLoginUrl = loginUrl;
        const QStringList fields = refusedFields(profile);
        QCOMPARE(fields, refused);
    }
};

QTEST_GUILESS_MAIN(TestValidation)
#include "tst_validation.moc"
