#include "core/platform/valkeyconnection.h"
#include "tests/support/testcertificates.h"
#include "tests/support/valkeyserver.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Dockmaster;
using Dockmaster::Test::TestCertificates;
using Dockmaster::Test::ValkeyServer;

// The console's connection to the platform's key/value store over TLS
// (issue 18), against a real valkey-server with certificates made here by
// openssl: the certificate must chain to the profile's CA and name the host
// the console connects to; anything else is refused with a clear reason
// before a password is sent.
class TestValkeyTls : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    TestCertificates m_certificates { m_dir.path() };
    ValkeyServer m_tlsServer; // certificate for DNS:localhost only
    ValkeyServer m_plainServer;

    QString path(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }

    ValkeyEndpoint tlsEndpoint() const
    {
        ValkeyEndpoint endpoint = m_tlsServer.admin();
        endpoint.timeoutMs = 10000;
        return endpoint;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_certificates.makeAuthority(QStringLiteral("platform-ca")));
        QVERIFY(m_certificates.makeAuthority(QStringLiteral("other-ca")));
        QVERIFY(m_certificates.makeServerCertificate(QStringLiteral("kv"), QStringLiteral("platform-ca"),
                                                     QStringLiteral("DNS:localhost")));
        m_tlsServer.useTls(path("kv.pem"), path("kv.key"), path("platform-ca.pem"));
        QString problem = m_tlsServer.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        problem = m_plainServer.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void trustedCertificateNamingTheHostCarriesCommands()
    {
        const ValkeyEndpoint endpoint = tlsEndpoint();
        QCOMPARE(endpoint.host, QStringLiteral("localhost"));
        ValkeyConnection connection(endpoint);
        QVERIFY2(connection.isOpen(), qPrintable(connection.error()));
        QCOMPARE(connection.command({ "PING" }).text, QByteArray("PONG"));
        // Several TLS records each way, pipelined.
        const QByteArray big(3 * 1024 * 1024, 'v');
        const QList<ValkeyReply> replies
            = connection.pipeline({ { "SET", "big", big }, { "GET", "big" }, { "STRLEN", "big" } });
        QCOMPARE(replies.size(), 3);
        QCOMPARE(replies.at(1).text, big);
        QCOMPARE(replies.at(2).integer, qint64(big.size()));
        // The server's side agrees the connection is TLS-only: no plain port.
        QCOMPARE(connection.command({ "CONFIG", "GET", "port" }).elements.value(1).text, QByteArray("0"));
    }

    // The certificate names localhost, not 127.0.0.1: the same server, by
    // its address, is refused.
    void certificateForAnotherNameIsRefused()
    {
        ValkeyEndpoint endpoint = tlsEndpoint();
        endpoint.host = QStringLiteral("127.0.0.1");
        ValkeyConnection connection(endpoint);
        QVERIFY(!connection.isOpen());
        QVERIFY2(connection.error().contains(QStringLiteral("not trusted")), qPrintable(connection.error()));
        QVERIFY2(connection.error().contains(QStringLiteral("mismatch")), qPrintable(connection.error()));
        QVERIFY(!connection.error().contains(endpoint.password));
    }

    void certificateFromAnotherAuthorityIsRefused()
    {
        ValkeyEndpoint endpoint = tlsEndpoint();
        endpoint.caFile = path("other-ca.pem");
        ValkeyConnection connection(endpoint);
        QVERIFY(!connection.isOpen());
        QVERIFY2(connection.error().contains(QStringLiteral("not trusted")), qPrintable(connection.error()));
    }

    // Without a CA file the system's CAs decide, and they do not know the
    // platform's own CA.
    void systemAuthoritiesDoNotKnowAPrivateCa()
    {
        ValkeyEndpoint endpoint = tlsEndpoint();
        endpoint.caFile.clear();
        ValkeyConnection connection(endpoint);
        QVERIFY(!connection.isOpen());
        QVERIFY2(connection.error().contains(QStringLiteral("not trusted")), qPrintable(connection.error()));
    }

    void missingCaFileIsNamed()
    {
        ValkeyEndpoint endpoint = tlsEndpoint();
        endpoint.caFile = path("no-such-ca.pem");
        ValkeyConnection connection(endpoint);
        QVERIFY(!connection.isOpen());
        QVERIFY2(connection.error().contains(endpoint.caFile), qPrintable(connection.error()));
    }

    // A profile that says TLS for a store without it, and one that does not
    // for a store with it: both end with a message, neither hangs.
    void tlsToAPlainServerFails()
    {
        ValkeyEndpoint endpoint = m_plainServer.admin();
        endpoint.tls = true;
        endpoint.caFile = path("platform-ca.pem");
        endpoint.timeoutMs = 5000;
        ValkeyConnection connection(endpoint);
        QVERIFY(!connection.isOpen());
        QVERIFY2(connection.error().contains(QStringLiteral("TLS")), qPrintable(connection.error()));
    }

    void plainToATlsServerFails()
    {
        ValkeyEndpoint endpoint = tlsEndpoint();
        endpoint.tls = false;
        endpoint.password.clear(); // nothing secret goes out in clear
        endpoint.timeoutMs = 5000;
        ValkeyConnection connection(endpoint);
        const ValkeyReply answer = connection.command({ "PING" });
        QVERIFY(answer.isError());
    }
};

QTEST_GUILESS_MAIN(TestValkeyTls)
#include "tst_valkeytls.moc"
