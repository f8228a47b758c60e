// The one redaction helper every diagnostic line goes through: what it takes
// out, and that ordinary text stays readable.
#include "core/util/redact.h"

#include <QTest>
#include <QUrl>

using namespace Dockmaster;

class TestRedact : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void urls()
    {
        const QUrl url(
            QStringLiteral("http://root:glpat-0123456789abcdefghij@127.0.0.1:8080/api/v4/user?access_token=t0k"));
        const QString out = redacted(url);
        QVERIFY2(!out.contains(QStringLiteral("glpat-0123456789abcdefghij")), qPrintable(out));
        QVERIFY2(!out.contains(QStringLiteral("t0k")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("127.0.0.1:8080/api/v4/user")), qPrintable(out));
    }

    void redactsSecrets_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("kept"); // what must still be readable

        QTest::newRow("gitlab token") << QStringLiteral("token glpat-AbCdEf1234567890xyz_- was refused")
                                      << QStringLiteral("glpat-AbCdEf1234567890xyz_-") << QStringLiteral("was refused");
        QTest::newRow("PRIVATE-TOKEN header")
            << QStringLiteral("PRIVATE-TOKEN: s3cr3t-admin\r\nAccept: application/json")
            << QStringLiteral("s3cr3t-admin") << QStringLiteral("Accept: application/json");
        QTest::newRow("bearer") << QStringLiteral("Authorization: Bearer cf-9f8e7d6c5b4a")
                                << QStringLiteral("cf-9f8e7d6c5b4a") << QStringLiteral("Authorization");
        QTest::newRow("powerdns key header")
            << QStringLiteral("X-API-Key: pdns-key-42") << QStringLiteral("pdns-key-42") << QStringLiteral("X-API-Key");
        QTest::newRow("query token") << QStringLiteral("GET /api/v4/projects?private_token=abc123&page=2")
                                     << QStringLiteral("abc123") << QStringLiteral("page=2");
        QTest::newRow("json password") << QStringLiteral(R"({"username":"root","password":"hunter2"})")
                                       << QStringLiteral("hunter2") << QStringLiteral("root");
        QTest::newRow("api_key=") << QStringLiteral("api_key=K3Y, zone plugins.test") << QStringLiteral("K3Y")
                                  << QStringLiteral("zone plugins.test");
        QTest::newRow("secret id") << QStringLiteral("SecretId: AKIDexample SecretKey=shh") << QStringLiteral("shh")
                                   << QStringLiteral("SecretId");
        QTest::newRow("passphrase") << QStringLiteral("passphrase: opensesame for dock-prod-1")
                                    << QStringLiteral("opensesame") << QStringLiteral("dock-prod-1");
        QTest::newRow("url user info") << QStringLiteral("fetching https://oauth2:tok3n@gitlab.example.com/x.git")
                                       << QStringLiteral("tok3n") << QStringLiteral("gitlab.example.com/x.git");
    }

    void redactsSecrets()
    {
        QFETCH(QString, text);
        QFETCH(QString, secret);
        QFETCH(QString, kept);
        const QString out = redacted(text);
        QVERIFY2(!out.contains(secret), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("<redacted>")), qPrintable(out));
        QVERIFY2(out.contains(kept), qPrintable(out));
    }

    void leavesOrdinaryTextAlone_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("request") << QStringLiteral("GET http://127.0.0.1:8080/api/v4/projects/12/pipelines?page=2 200");
        QTest::newRow("sentence") << QStringLiteral("2 tokens left; the secret of good logs is brevity");
        QTest::newRow("step") << QStringLiteral("code-repository was already done");
    }

    void leavesOrdinaryTextAlone()
    {
        QFETCH(QString, text);
        QCOMPARE(redacted(text), text);
    }
};

QTEST_GUILESS_MAIN(TestRedact)
#include "tst_redact.moc"
