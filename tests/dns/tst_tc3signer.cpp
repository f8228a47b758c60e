#include "core/dns/tc3signer.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cstdlib>
#include <ctime>

using namespace Dockmaster;

// Two independent references:
// 1. The worked example of Tencent Cloud's public "Signature v3" page
//    (TencentCloud API 3.0, e.g. https://www.tencentcloud.com/document/product/267/37447;
//    the CVM DescribeInstances example, timestamp 1551113065), with every
//    intermediate value the page prints. It signs "application/json; charset=utf-8".
// 2. tests/data/dns_tc3/dnspod_vector.json, computed once with Python's
//    hashlib/hmac by tests/data/dns_tc3/make_vector.py (documented there) for
//    a DNSPod CreateRecord body with UTF-8 ("默认") in it, and committed.
class TestTc3Signer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // The date in the scope must be UTC; run in UTC+8 where 1551113065 is
        // already the next day, so a local-time date would break the example.
        qputenv("TZ", "Asia/Shanghai");
        tzset();
    }

    void tencentWorkedExample()
    {
        const Tc3Signer signer(QStringLiteral("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"),
                               QStringLiteral("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"), QStringLiteral("cvm"));
        Tc3Signer::Request request;
        request.host = "cvm.tencentcloudapi.com";
        request.contentType = "application/json; charset=utf-8";
        request.payload = R"({"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]})";
        request.timestamp = 1551113065;

        QCOMPARE(Tc3Signer::sha256Hex(request.payload),
                 QByteArray("35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064"));
        QCOMPARE(signer.canonicalRequest(request),
                 QByteArray("POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\n"
                            "content-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064"));
        QCOMPARE(Tc3Signer::date(request.timestamp), QByteArray("2019-02-25"));
        QCOMPARE(signer.stringToSign(request),
                 QByteArray("TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n"
                            "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031"));
        QCOMPARE(signer.signature(request),
                 QByteArray("72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"));
        QCOMPARE(
            signer.authorization(request),
            QByteArray("TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, "
                       "SignedHeaders=content-type;host, "
                       "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"));
    }

    void pythonVectorForDnsPod()
    {
        QFile file(QFINDTESTDATA("../data/dns_tc3/dnspod_vector.json"));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        const QJsonObject vector = QJsonDocument::fromJson(file.readAll()).object();
        QVERIFY(!vector.isEmpty());

        const Tc3Signer signer(vector.value(QLatin1String("secretId")).toString(),
                               vector.value(QLatin1String("secretKey")).toString(),
                               vector.value(QLatin1String("service")).toString());
        Tc3Signer::Request request;
        request.host = vector.value(QLatin1String("host")).toString().toUtf8();
        request.contentType = vector.value(QLatin1String("contentType")).toString().toUtf8();
        request.payload = vector.value(QLatin1String("payload")).toString().toUtf8();
        request.timestamp = vector.value(QLatin1String("timestamp")).toInteger();

        QCOMPARE(QString::fromUtf8(signer.canonicalRequest(request)),
                 vector.value(QLatin1String("canonicalRequest")).toString());
        QCOMPARE(QString::fromUtf8(signer.stringToSign(request)),
                 vector.value(QLatin1String("stringToSign")).toString());
        QCOMPARE(QString::fromUtf8(signer.signature(request)), vector.value(QLatin1String("signature")).toString());
        QCOMPARE(QString::fromUtf8(signer.authorization(request)),
                 vector.value(QLatin1String("authorization")).toString());
    }

    void everySignedPartMatters_data()
    {
        QTest::addColumn<int>("part");
        QTest::newRow("payload") << 0;
        QTest::newRow("host") << 1;
        QTest::newRow("timestamp") << 2;
        QTest::newRow("content type") << 3;
    }

    void everySignedPartMatters()
    {
        QFETCH(int, part);
        const Tc3Signer signer(QStringLiteral("id"), QStringLiteral("key"), QStringLiteral("dnspod"));
        Tc3Signer::Request request { "dnspod.tencentcloudapi.com", "application/json", "{}", 1764028800 };
        const QByteArray original = signer.signature(request);
        switch (part) {
        case 0:
            request.payload = "{ }";
            break;
        case 1:
            request.host = "evil.example.com";
            break;
        case 2:
            request.timestamp += 1;
            break;
        default:
            request.contentType = "text/plain";
            break;
        }
        QVERIFY(signer.signature(request) != original);
        const Tc3Signer otherKey(QStringLiteral("id"), QStringLiteral("key2"), QStringLiteral("dnspod"));
        QVERIFY(otherKey.signature(
                    Tc3Signer::Request { "dnspod.tencentcloudapi.com", "application/json", "{}", 1764028800 })
                != original);
    }
};

QTEST_GUILESS_MAIN(TestTc3Signer)
#include "tst_tc3signer.moc"
