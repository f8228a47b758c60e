#include "core/dns/dnsprovider.h"
#include "core/keychain/secretstore.h"
#include "views/shell/dnsaccess.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Dockmaster;

// DnsAccess owns the profile's DNS provider and replaces it when the profile
// changes. Whoever waits on one of the old provider's operations (a
// provisioning step) must still hear back.
class TestDnsAccess : public QObject
{
    Q_OBJECT

    // A DNS API that takes the request and never answers, so an operation
    // is still running when the profile changes.
    QTcpServer m_silentApi;
    QList<QTcpSocket *> m_held;

    Profile profile(const QString &name) const
    {
        Profile p;
        p.name = name;
        p.testDomainSuffix = QStringLiteral("test.example.com");
        p.productionDomainSuffix = QStringLiteral("example.com");
        p.dnsProvider = DnsProviderKind::PowerDns;
        p.dnsEndpoint = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_silentApi.serverPort()));
        return p;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_silentApi.listen(QHostAddress::LocalHost));
        connect(&m_silentApi, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_silentApi.nextPendingConnection())
                m_held.append(socket);
        });
    }

    void replacingTheProviderFinishesItsOperationsAsCancelled()
    {
        SessionSecretStore secrets;
        secrets.write(SecretStore::dnsCredentialKey(QStringLiteral("first")), QStringLiteral("key-1"));
        DnsAccess access(&secrets, nullptr);
        access.setProfile(profile(QStringLiteral("first")));

        QPointer<DnsProvider> provider;
        access.withProvider([&provider](DnsProvider *p, const QString &) { provider = p; });
        QTRY_VERIFY(provider);

        DnsOperation *operation
            = provider->upsertARecord(QStringLiteral("app0000001.test.example.com"), QStringLiteral("192.0.2.1"), 300);
        QSignalSpy finished(operation, &DnsOperation::finished);
        QString error;
        bool transient = false;
        connect(operation, &DnsOperation::finished, this, [&error, &transient](DnsOperation *done) {
            error = done->errorMessage();
            transient = done->isTransient();
        });
        QTRY_VERIFY(!m_held.isEmpty()); // the request is on the wire
        QVERIFY(finished.isEmpty());

        access.setProfile(profile(QStringLiteral("second")));
        QVERIFY(finished.isEmpty()); // never during the call
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QVERIFY(error.contains(QLatin1String("Cancelled")));
        QVERIFY(transient);
        QTRY_VERIFY(provider.isNull()); // and the old provider is gone
    }
};

QTEST_GUILESS_MAIN(TestDnsAccess)
#include "tst_dnsaccess.moc"
