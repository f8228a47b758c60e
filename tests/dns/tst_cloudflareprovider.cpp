#include "core/dns/cloudflareprovider.h"
#include "tests/dns/dnstesthelpers.h"
#include "tests/support/cloudflareemulator.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Dockmaster;
using namespace Dockmaster::Test;

// Against an emulator of Cloudflare's documented v4 API (tests/dns/cloudflareemulator.*).
class TestCloudflareProvider : public QObject
{
    Q_OBJECT

    std::unique_ptr<CloudflareEmulator> m_cloudflare;
    const QString m_token = QStringLiteral("cf-test-token-123");
    const QString m_zone = QStringLiteral("plugins.example.com");

    QString cloudflareZoneId() const { return m_zoneId; }
    QString m_zoneId;

    std::unique_ptr<CloudflareProvider> provider(const QString &token = {}) const
    {
        return std::make_unique<CloudflareProvider>(token.isEmpty() ? m_token : token, QStringList { m_zone },
                                                    m_cloudflare->baseUrl());
    }

    QStringList contentsAt(const QString &name) const
    {
        QStringList values;
        const QList<CloudflareEmulator::Record> records = m_cloudflare->records(name);
        for (const auto &record : records)
            values.append(record.content);
        values.sort();
        return values;
    }

private Q_SLOTS:
    void init()
    {
        m_cloudflare = std::make_unique<CloudflareEmulator>(m_token);
        QVERIFY(m_cloudflare->listen());
        m_zoneId = m_cloudflare->addZone(m_zone);
        m_cloudflare->addZone(QStringLiteral("other.example.org"));
    }

    void upsertCreatesThenDoesNothing()
    {
        const auto cf = provider();
        const QString name = QStringLiteral("app0000001.plugins.example.com");
        const Outcome created = await(cf->upsertARecord(name, QStringLiteral("192.0.2.10"), 300));
        QVERIFY2(created.ok, qPrintable(created.error));
        QCOMPARE(created.change, DnsOperation::Change::Created);
        QCOMPARE(contentsAt(name), QStringList { QStringLiteral("192.0.2.10") });
        QCOMPARE(m_cloudflare->countOf("POST"), 1);

        const Outcome again = await(cf->upsertARecord(name, QStringLiteral("192.0.2.10"), 300));
        QVERIFY2(again.ok, qPrintable(again.error));
        QCOMPARE(again.change, DnsOperation::Change::None);
        // Never a second POST: that would fail (81057) or duplicate the record.
        QCOMPARE(m_cloudflare->countOf("POST"), 1);
        QCOMPARE(m_cloudflare->records(name).size(), 1);
    }

    void upsertUpdatesInPlaceAndRemovesExtras()
    {
        const QString name = QStringLiteral("app0000002.plugins.example.com");
        const QString firstId = m_cloudflare->addRecord(m_zone, name, QStringLiteral("203.0.113.1"));
        m_cloudflare->addRecord(m_zone, name, QStringLiteral("203.0.113.2"));
        const auto cf = provider();
        const Outcome outcome = await(cf->upsertARecord(name, QStringLiteral("192.0.2.20"), 600));
        QVERIFY2(outcome.ok, qPrintable(outcome.error));
        QCOMPARE(outcome.change, DnsOperation::Change::Updated);
        const QList<CloudflareEmulator::Record> records = m_cloudflare->records(name);
        QCOMPARE(records.size(), 1);
        QCOMPARE(records.first().id, firstId); // updated by id, not re-created
        QCOMPARE(records.first().content, QStringLiteral("192.0.2.20"));
        QCOMPARE(records.first().ttl, 600);
        QCOMPARE(m_cloudflare->countOf("POST"), 0);
        QCOMPARE(m_cloudflare->countOf("PUT"), 1);
        QCOMPARE(m_cloudflare->countOf("DELETE"), 1);
    }

    void duplicatePostRaceEndsInUpdate()
    {
        // Another admin creates the record between our list and our POST: the
        // POST fails with 81057, and the provider lists again and settles.
        const QString name = QStringLiteral("app0000003.plugins.example.com");
        m_cloudflare->raceCreateAfterNextList(name, QStringLiteral("192.0.2.30"));
        const auto cf = provider();
        const Outcome outcome = await(cf->upsertARecord(name, QStringLiteral("192.0.2.30"), 300));
        QVERIFY2(outcome.ok, qPrintable(outcome.error));
        QCOMPARE(m_cloudflare->countOf("POST"), 1);
        QCOMPARE(contentsAt(name), QStringList { QStringLiteral("192.0.2.30") });
    }

    void emulatorRefusesDuplicatePost()
    {
        // The emulator is as strict as Cloudflare: a plain second POST of the
        // same record fails with 81057, which is why upserts never POST blindly.
        QNetworkAccessManager network;
        QUrl url = m_cloudflare->baseUrl();
        url.setPath(url.path() + QStringLiteral("/zones/%1/dns_records").arg(cloudflareZoneId()));
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        const QByteArray body
            = R"({"type":"A","name":"app0000004.plugins.example.com","content":"192.0.2.40","ttl":300})";
        QByteArray answers[2];
        int statuses[2] = {};
        for (int i = 0; i < 2; ++i) {
            QNetworkReply *reply = network.post(request, body);
            QSignalSpy done(reply, &QNetworkReply::finished);
            QVERIFY(done.wait());
            statuses[i] = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            answers[i] = reply->readAll();
            reply->deleteLater();
        }
        QCOMPARE(statuses[0], 200);
        QCOMPARE(statuses[1], 400);
        QVERIFY2(answers[1].contains("81057"), answers[1].constData());
    }

    void listsAcrossPages()
    {
        m_cloudflare->setPageSize(2);
        const QString name = QStringLiteral("app0000005.plugins.example.com");
        for (int i = 1; i <= 5; ++i)
            m_cloudflare->addRecord(m_zone, name, QStringLiteral("192.0.2.%1").arg(i));
        const auto cf = provider();
        const Outcome listed = await(cf->listRecords(name));
        QVERIFY2(listed.ok, qPrintable(listed.error));
        QCOMPARE(contents(listed.records).size(), 5);
        QCOMPARE(m_cloudflare->countOf("GET"), 1 + 3); // zone lookup + pages 1..3

        const Outcome deleted = await(cf->deleteRecords(name));
        QVERIFY2(deleted.ok, qPrintable(deleted.error));
        QCOMPARE(deleted.change, DnsOperation::Change::Deleted);
        QVERIFY(m_cloudflare->records(name).isEmpty());
    }

    void deleteOfNothingIsNoChange()
    {
        const auto cf = provider();
        const Outcome deleted = await(cf->deleteRecords(QStringLiteral("app0000006.plugins.example.com")));
        QVERIFY(deleted.ok);
        QCOMPARE(deleted.change, DnsOperation::Change::None);
        QCOMPARE(m_cloudflare->countOf("DELETE"), 0);
    }

    void rateLimitIsWaitedOut()
    {
        m_cloudflare->rateLimitNext(1, 1);
        const auto cf = provider();
        QElapsedTimer timer;
        timer.start();
        const Outcome outcome = await(
            cf->upsertARecord(QStringLiteral("app0000007.plugins.example.com"), QStringLiteral("192.0.2.70"), 300));
        QVERIFY2(outcome.ok, qPrintable(outcome.error));
        QVERIFY(timer.elapsed() >= 900);
    }

    void rateLimitBeyondTheAllowedWaitFailsTransiently()
    {
        m_cloudflare->rateLimitNext(1, 300);
        const auto cf = provider();
        cf->setMaximumRetryWait(5);
        const Outcome outcome = await(cf->listRecords(QStringLiteral("app0000008.plugins.example.com")));
        QVERIFY(!outcome.ok);
        QVERIFY(outcome.transient);
        QCOMPARE(outcome.status, 429);
        QVERIFY2(outcome.error.contains(QLatin1String("300")), qPrintable(outcome.error));
    }

    void wrongTokenIsRefusedClearly()
    {
        const auto cf = provider(QStringLiteral("wrong-token"));
        const Outcome outcome = await(
            cf->upsertARecord(QStringLiteral("app0000009.plugins.example.com"), QStringLiteral("192.0.2.90"), 300));
        QVERIFY(!outcome.ok);
        QVERIFY(!outcome.transient);
        QCOMPARE(outcome.code, QStringLiteral("10000"));
        QVERIFY2(outcome.error.contains(QLatin1String("token")), qPrintable(outcome.error));
        QVERIFY(!outcome.error.contains(QLatin1String("wrong-token")));
        // Every request carried the token as a Bearer header, nothing else.
        for (const HttpRequest &request : m_cloudflare->log())
            QCOMPARE(request.headers.value("authorization"), QByteArray("Bearer wrong-token"));
    }

    void unknownZoneIsReported()
    {
        CloudflareProvider cf(m_token, { QStringLiteral("missing.example.net") }, m_cloudflare->baseUrl());
        const Outcome outcome = await(cf.listRecords(QStringLiteral("app1.missing.example.net")));
        QVERIFY(!outcome.ok);
        QVERIFY2(outcome.error.contains(QLatin1String("missing.example.net")), qPrintable(outcome.error));
    }

    void destroyingProviderMidRequestIsSafe()
    {
        // A server that accepts and never answers; the manager is shared and
        // outlives the provider, so the pending reply must be cut off cleanly.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        QUrl url(QStringLiteral("http://127.0.0.1/client/v4"));
        url.setPort(silent.serverPort());
        QNetworkAccessManager shared;
        auto cf = std::make_unique<CloudflareProvider>(m_token, QStringList { m_zone }, url, &shared);
        bool finished = false;
        DnsOperation *operation = cf->listRecords(QStringLiteral("app1.plugins.example.com"));
        connect(operation, &DnsOperation::finished, this, [&finished] { finished = true; });
        QVERIFY(QTest::qWaitFor([&silent] { return silent.hasPendingConnections(); }, 5000));
        QTcpSocket *socket = silent.nextPendingConnection();
        QVERIFY(socket);
        cf.reset();
        Q_UNUSED(socket);
        // The pending reply was aborted and released with the provider.
        QVERIFY(QTest::qWaitFor([&shared] { return shared.findChildren<QNetworkReply *>().isEmpty(); }, 5000));
        QTest::qWait(50);
        QVERIFY(!finished); // nobody is called back about a provider that is gone
    }

    void zoneIdIsLookedUpOnce()
    {
        const auto cf = provider();
        QVERIFY(await(cf->listRecords(QStringLiteral("a.plugins.example.com"))).ok);
        QVERIFY(await(cf->listRecords(QStringLiteral("b.plugins.example.com"))).ok);
        const auto zoneLookups
            = std::count_if(m_cloudflare->log().cbegin(), m_cloudflare->log().cend(), [](const HttpRequest &request) {
                  return request.path == QLatin1String("/client/v4/zones");
              });
        QCOMPARE(zoneLookups, 1);
    }
};

QTEST_GUILESS_MAIN(TestCloudflareProvider)
#include "tst_cloudflareprovider.moc"
