#include "core/dns/cloudflareprovider.h"
#include "core/dns/powerdnsprovider.h"
#include "tests/dns/dnstesthelpers.h"
#include "tests/support/cloudflareemulator.h"
#include "tests/support/httpemulator.h"

#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Dockmaster;
using namespace Dockmaster::Test;

namespace {

// Sends every request somewhere else, as a hijacked or misconfigured endpoint would.
class Redirector final : public HttpEmulator
{
public:
    QUrl target;

protected:
    HttpResponse handle(const HttpRequest &) override
    {
        HttpResponse response;
        response.status = 302;
        response.headers.append(qMakePair(QByteArrayLiteral("Location"), target.toEncoded()));
        return response;
    }
};

} // namespace

// How credentials travel: TLS is verified, redirects are not followed.
class TestDnsTransport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void selfSignedCertificateIsRefused()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS backend in this Qt");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                        QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"),
                        QStringLiteral("-nodes"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
                        QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1"),
                        QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-keyout"),
                        dir.filePath(QStringLiteral("key.pem")), QStringLiteral("-out"),
                        dir.filePath(QStringLiteral("cert.pem")) });
        QVERIFY(openssl.waitForFinished(30000));
        QCOMPARE(openssl.exitCode(), 0);

        QFile certFile(dir.filePath(QStringLiteral("cert.pem")));
        QFile keyFile(dir.filePath(QStringLiteral("key.pem")));
        QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(QSslCertificate(certFile.readAll()));
        tls.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec));
        QSslServer server;
        server.setSslConfiguration(tls);
        QVERIFY(server.listen(QHostAddress::LocalHost));
        int requestsSeen = 0;
        connect(&server, &QSslServer::pendingConnectionAvailable, this, [&server, &requestsSeen] {
            while (QTcpSocket *socket = server.nextPendingConnection()) {
                socket->setParent(&server);
                connect(socket, &QTcpSocket::readyRead, &server, [&requestsSeen] { ++requestsSeen; });
            }
        });

        QUrl url(QStringLiteral("https://127.0.0.1/client/v4"));
        url.setPort(server.serverPort());
        CloudflareProvider provider(QStringLiteral("secret-token"), { QStringLiteral("example.com") }, url);
        const Outcome outcome = await(provider.listRecords(QStringLiteral("app1.example.com")));
        QVERIFY(outcome.finished);
        QVERIFY(!outcome.ok);
        QVERIFY2(outcome.error.contains(QLatin1String("TLS certificate")), qPrintable(outcome.error));
        QVERIFY(!outcome.transient); // retrying will not make the certificate trustworthy
        QCOMPARE(requestsSeen, 0);   // the token never left over an untrusted channel
    }

    void redirectsAreNotFollowed()
    {
        CloudflareEmulator elsewhere(QStringLiteral("secret-token"));
        QVERIFY(elsewhere.listen());
        elsewhere.addZone(QStringLiteral("example.com"));
        Redirector redirector;
        QVERIFY(redirector.listen());
        redirector.target = elsewhere.url(QStringLiteral("/client/v4/zones"));

        CloudflareProvider cloudflare(QStringLiteral("secret-token"), { QStringLiteral("example.com") },
                                      redirector.url(QStringLiteral("/client/v4")));
        const Outcome outcome = await(cloudflare.listRecords(QStringLiteral("app1.example.com")));
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.status, 302);
        QCOMPARE(elsewhere.requestCount(), 0);

        PowerDnsProvider powerDns(redirector.url(), QStringLiteral("pdns-key"), { QStringLiteral("example.com") });
        QVERIFY(!await(powerDns.listRecords(QStringLiteral("app1.example.com"))).ok);
        QCOMPARE(elsewhere.requestCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestDnsTransport)
#include "tst_dnstransport.moc"
