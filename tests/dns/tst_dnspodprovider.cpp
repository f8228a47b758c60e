#include "core/dns/dnspodprovider.h"
#include "tests/dns/dnstesthelpers.h"
#include "tests/support/dnspodemulator.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace Dockmaster;
using namespace Dockmaster::Test;

// Against an emulator of DNSPod's API 3.0 that verifies every TC3 signature
// with its own code (tests/dns/dnspodemulator.*).
class TestDnsPodProvider : public QObject
{
    Q_OBJECT

    std::unique_ptr<DnsPodEmulator> m_dnspod;
    const QString m_secretId = QStringLiteral("AKIDdockmasterTest");
    const QString m_secretKey = QStringLiteral("dockmaster-secret-key");
    const QString m_zone = QStringLiteral("plugins.example.cn");

    std::unique_ptr<DnsPodProvider> provider(const QString &secretKey = {}) const
    {
        return std::make_unique<DnsPodProvider>(m_secretId, secretKey.isEmpty() ? m_secretKey : secretKey,
                                                QStringList { m_zone }, m_dnspod->url());
    }

private Q_SLOTS:
    void init()
    {
        m_dnspod = std::make_unique<DnsPodEmulator>(m_secretId, m_secretKey);
        QVERIFY(m_dnspod->listen());
        m_dnspod->addDomain(m_zone);
    }

    void upsertCreatesThenDoesNothing()
    {
        const auto dp = provider();
        const QString name = QStringLiteral("app0000001.test.plugins.example.cn");
        const Outcome created = await(dp->upsertARecord(name, QStringLiteral("192.0.2.10"), 600));
        QVERIFY2(created.ok, qPrintable(created.error));
        QCOMPARE(created.change, DnsOperation::Change::Created);
        const auto records = m_dnspod->records(m_zone, QStringLiteral("app0000001.test"));
        QCOMPARE(records.size(), 1);
        QCOMPARE(records.first().value, QStringLiteral("192.0.2.10"));
        QCOMPARE(records.first().line, QString::fromUtf8("默认"));
        QCOMPARE(records.first().ttl, 600);

        const Outcome again = await(dp->upsertARecord(name, QStringLiteral("192.0.2.10"), 600));
        QVERIFY2(again.ok, qPrintable(again.error));
        QCOMPARE(again.change, DnsOperation::Change::None);
        QCOMPARE(m_dnspod->countOf("CreateRecord"), 1);
        QCOMPARE(m_dnspod->countOf("ModifyRecord"), 0);
        QCOMPARE(m_dnspod->signatureFailures(), 0);

        // Every request carried the documented common headers.
        for (const HttpRequest &request : m_dnspod->log()) {
            QCOMPARE(request.headers.value("x-tc-version"), QByteArray("2021-03-23"));
            QVERIFY(!request.headers.value("x-tc-timestamp").isEmpty());
            QVERIFY(
                request.headers.value("authorization").startsWith("TC3-HMAC-SHA256 Credential=AKIDdockmasterTest/"));
            QVERIFY(!request.headers.value("authorization").contains(m_secretKey.toUtf8()));
        }
    }

    void emptyListIsNotAnError()
    {
        // DNSPod answers "no records" with ResourceNotFound.NoDataOfRecord.
        const auto dp = provider();
        const Outcome listed = await(dp->listRecords(QStringLiteral("app0000002.test.plugins.example.cn")));
        QVERIFY2(listed.ok, qPrintable(listed.error));
        QVERIFY(listed.records.isEmpty());
    }

    void upsertModifiesAndRemovesExtras()
    {
        const qint64 id = m_dnspod->addRecord(m_zone, QStringLiteral("app0000003"), QStringLiteral("203.0.113.1"));
        m_dnspod->addRecord(m_zone, QStringLiteral("app0000003"), QStringLiteral("203.0.113.2"));
        const auto dp = provider();
        const Outcome outcome = await(
            dp->upsertARecord(QStringLiteral("app0000003.plugins.example.cn"), QStringLiteral("192.0.2.30"), 600));
        QVERIFY2(outcome.ok, qPrintable(outcome.error));
        QCOMPARE(outcome.change, DnsOperation::Change::Updated);
        const auto records = m_dnspod->records(m_zone, QStringLiteral("app0000003"));
        QCOMPARE(records.size(), 1);
        QCOMPARE(records.first().id, id);
        QCOMPARE(records.first().value, QStringLiteral("192.0.2.30"));
        QCOMPARE(m_dnspod->countOf("ModifyRecord"), 1);
        QCOMPARE(m_dnspod->countOf("DeleteRecord"), 1);
        QCOMPARE(m_dnspod->countOf("CreateRecord"), 0);
    }

    void duplicateCreateRaceEndsInModify()
    {
        // Someone creates the record between our list and our CreateRecord:
        // DomainRecordExist, then the provider lists again and settles.
        m_dnspod->raceCreateAfterNextList(QStringLiteral("app0000008"), QStringLiteral("192.0.2.80"));
        const auto dp = provider();
        const Outcome outcome = await(
            dp->upsertARecord(QStringLiteral("app0000008.plugins.example.cn"), QStringLiteral("192.0.2.80"), 300));
        QVERIFY2(outcome.ok, qPrintable(outcome.error));
        QCOMPARE(m_dnspod->countOf("CreateRecord"), 1);
        QCOMPARE(m_dnspod->countOf("DescribeRecordList"), 2);
        const auto records = m_dnspod->records(m_zone, QStringLiteral("app0000008"));
        QCOMPARE(records.size(), 1);
        QCOMPARE(records.first().value, QStringLiteral("192.0.2.80"));
        QCOMPARE(records.first().ttl, 300); // the racer's 600 was corrected
    }

    void apexUsesAt()
    {
        const auto dp = provider();
        QVERIFY(await(dp->upsertARecord(m_zone, QStringLiteral("192.0.2.1"), 600)).ok);
        QCOMPARE(m_dnspod->records(m_zone, QStringLiteral("@")).size(), 1);
    }

    void listsAcrossPagesAndDeletes()
    {
        m_dnspod->setPageSize(2);
        for (int i = 1; i <= 5; ++i)
            m_dnspod->addRecord(m_zone, QStringLiteral("app0000004"), QStringLiteral("192.0.2.%1").arg(i));
        const auto dp = provider();
        const QString name = QStringLiteral("app0000004.plugins.example.cn");
        const Outcome listed = await(dp->listRecords(name));
        QVERIFY2(listed.ok, qPrintable(listed.error));
        QCOMPARE(listed.records.size(), 5);
        QCOMPARE(m_dnspod->countOf("DescribeRecordList"), 3);

        const Outcome deleted = await(dp->deleteRecords(name));
        QVERIFY2(deleted.ok, qPrintable(deleted.error));
        QCOMPARE(deleted.change, DnsOperation::Change::Deleted);
        QVERIFY(m_dnspod->records(m_zone, QStringLiteral("app0000004")).isEmpty());
    }

    void wrongKeyFailsSignatureCheck()
    {
        const auto dp = provider(QStringLiteral("not-the-secret"));
        const Outcome outcome = await(
            dp->upsertARecord(QStringLiteral("app0000005.plugins.example.cn"), QStringLiteral("192.0.2.50"), 600));
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.code, QStringLiteral("AuthFailure.SignatureFailure"));
        QVERIFY(!outcome.transient);
        QVERIFY2(outcome.error.contains(QLatin1String("SecretKey")), qPrintable(outcome.error));
        QVERIFY(!outcome.error.contains(QLatin1String("not-the-secret")));
        QCOMPARE(m_dnspod->signatureFailures(), 1);
        QVERIFY(m_dnspod->records(m_zone, QStringLiteral("app0000005")).isEmpty());
    }

    void emulatorRejectsTamperedBody()
    {
        // Replays a signed request with a changed body: the emulator's own
        // verifier must notice, or it would not be testing anything.
        const auto dp = provider();
        QVERIFY(await(dp->listRecords(QStringLiteral("app0000006.plugins.example.cn"))).ok);
        QCOMPARE(m_dnspod->requestCount(), 1);
        const HttpRequest signedRequest = m_dnspod->log().first();

        QNetworkAccessManager network;
        QNetworkRequest replay(m_dnspod->url());
        for (auto it = signedRequest.headers.cbegin(); it != signedRequest.headers.cend(); ++it) {
            if (it.key() != "content-length" && it.key() != "connection")
                replay.setRawHeader(it.key(), it.value());
        }
        QByteArray tampered = signedRequest.body;
        tampered.replace("app0000006", "app0000007");
        QNetworkReply *reply = network.post(replay, tampered);
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait());
        const QJsonObject error = QJsonDocument::fromJson(reply->readAll())
                                      .object()
                                      .value(QLatin1String("Response"))
                                      .toObject()
                                      .value(QLatin1String("Error"))
                                      .toObject();
        reply->deleteLater();
        QCOMPARE(error.value(QLatin1String("Code")).toString(), QStringLiteral("AuthFailure.SignatureFailure"));
    }

    void unknownDomainIsReported()
    {
        DnsPodProvider dp(m_secretId, m_secretKey, { QStringLiteral("missing.example.cn") }, m_dnspod->url());
        const Outcome outcome = await(dp.listRecords(QStringLiteral("app1.missing.example.cn")));
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.code, QStringLiteral("InvalidParameterValue.DomainNotExists"));
    }
};

QTEST_GUILESS_MAIN(TestDnsPodProvider)
#include "tst_dnspodprovider.moc"
