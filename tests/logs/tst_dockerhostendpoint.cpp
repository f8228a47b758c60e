// The inventory's docker_api is written by whoever can push to the inventory
// repository; only well-formed local sockets and tcp endpoints may come out.
#include "core/logs/applogsourcefactory.h"
#include "core/logs/dockerhostendpoint.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Dockmaster;

class TestDockerHostEndpoint : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void acceptsPlainEndpoints_data();
    void acceptsPlainEndpoints();
    void refusesHostileValues_data();
    void refusesHostileValues();
    void tlsNeedsTheHostsCertificates();
    void encryptedKeysAskForTheirPassphrase();
};

void TestDockerHostEndpoint::acceptsPlainEndpoints_data()
{
    QTest::addColumn<QString>("api");
    QTest::addColumn<QString>("expectedUrl");
    QTest::newRow("unix socket") << "unix:///run/docker.sock"
                                 << "unix:///run/docker.sock";
    QTest::newRow("podman socket") << "unix:///run/user/1000/podman/podman.sock"
                                   << "unix:///run/user/1000/podman/podman.sock";
    QTest::newRow("tcp address") << "tcp://10.0.0.5:2375"
                                 << "tcp://10.0.0.5:2375";
    QTest::newRow("tcp name") << "tcp://dock-test-1.internal:2375"
                              << "tcp://dock-test-1.internal:2375";
}

void TestDockerHostEndpoint::acceptsPlainEndpoints()
{
    QFETCH(QString, api);
    QFETCH(QString, expectedUrl);
    QString error;
    const auto endpoint = DockerHostEndpoint::resolve({ QStringLiteral("dock-test-1"), {}, {}, api }, {}, &error);
    QVERIFY2(endpoint, qPrintable(error));
    QCOMPARE(endpoint->url.toString(), expectedUrl);
    QVERIFY(!endpoint->tls);
}

void TestDockerHostEndpoint::refusesHostileValues_data()
{
    QTest::addColumn<QString>("api");
    QTest::newRow("empty") << "";
    QTest::newRow("http scheme") << "http://10.0.0.5:2375";
    QTest::newRow("no port") << "tcp://10.0.0.5";
    QTest::newRow("credentials") << "tcp://user:pw@10.0.0.5:2375";
    QTest::newRow("path on tcp") << "tcp://10.0.0.5:2375/containers";
    QTest::newRow("query") << "tcp://10.0.0.5:2375?x=1";
    QTest::newRow("relative socket") << "unix://run/docker.sock";
    QTest::newRow("dot-dot socket") << "unix:///run/../etc/shadow";
    QTest::newRow("socket with space") << "unix:///run/docker sock";
    QTest::newRow("newline") << "tcp://10.0.0.5:2375\nHost: evil";
    QTest::newRow("semicolon host") << "tcp://a;b:2375";
    QTest::newRow("file scheme") << "file:///etc/passwd";
    QTest::newRow("overlong socket") << QStringLiteral("unix:///") + QString(300, QLatin1Char('a'));
}

void TestDockerHostEndpoint::refusesHostileValues()
{
    QFETCH(QString, api);
    QString error;
    QVERIFY(!DockerHostEndpoint::resolve({ QStringLiteral("dock-test-1"), {}, {}, api }, {}, &error));
    QVERIFY(error.contains(QStringLiteral("dock-test-1")));
}

void TestDockerHostEndpoint::tlsNeedsTheHostsCertificates()
{
    const HostRecord host { QStringLiteral("dock-prod-1"), QStringLiteral("10.0.1.5"), QStringLiteral("production"),
                            QStringLiteral("tcp://10.0.1.5:2376") };
    QString error;
    QVERIFY(!DockerHostEndpoint::resolve(host, {}, &error));
    QVERIFY2(error.contains(QStringLiteral("settings")), qPrintable(error));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(!DockerHostEndpoint::resolve(host, dir.path(), &error));
    QVERIFY2(error.contains(QStringLiteral("ca.pem")), qPrintable(error));

    QVERIFY(QDir(dir.path()).mkpath(host.name));
    for (const char *name : { "ca.pem", "cert.pem", "key.pem" }) {
        QFile file(dir.filePath(host.name + QLatin1Char('/') + QLatin1String(name)));
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    const auto endpoint = DockerHostEndpoint::resolve(host, dir.path(), &error);
    QVERIFY2(endpoint, qPrintable(error));
    QVERIFY(endpoint->tls);
    QCOMPARE(endpoint->clientKeyFile, dir.filePath(QStringLiteral("dock-prod-1/key.pem")));

    // A host name that would step out of the certificate folder is refused.
    HostRecord sneaky = host;
    sneaky.name = QStringLiteral("../dock-prod-1");
    QVERIFY(!DockerHostEndpoint::resolve(sneaky, dir.path(), &error));
}

// Following an app on a TLS host whose client key is encrypted needs the
// passphrase from the keychain first; a plain key does not.
void TestDockerHostEndpoint::encryptedKeysAskForTheirPassphrase()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("dock-prod-1")));
    auto write = [&dir](const char *name, const QByteArray &content) {
        QFile file(dir.filePath(QStringLiteral("dock-prod-1/") + QLatin1String(name)));
        return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
    };
    QVERIFY(write("ca.pem", "ca") && write("cert.pem", "cert"));
    AppLogSourceFactory factory;
    factory.setCertificateDir(dir.path());
    factory.setHosts({ { QStringLiteral("dock-prod-1"), QStringLiteral("10.0.1.5"), QStringLiteral("production"),
                         QStringLiteral("tcp://10.0.1.5:2376") },
                       { QStringLiteral("dock-test-1"), QStringLiteral("10.0.0.5"), QStringLiteral("test"),
                         QStringLiteral("unix:///run/docker.sock") } });
    AppRecord app;
    app.id = QStringLiteral("app0000042");
    EnvironmentState production;
    production.environment = Environment::Production;
    production.host = QStringLiteral("dock-prod-1");
    EnvironmentState test;
    test.environment = Environment::Test;
    test.host = QStringLiteral("dock-test-1");
    app.environments = { test, production };

    QVERIFY(write("key.pem", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIF\n-----END ENCRYPTED PRIVATE KEY-----\n"));
    QCOMPARE(factory.hostNeedingPassphrase(app, Environment::Production), QStringLiteral("dock-prod-1"));
    QCOMPARE(factory.hostNeedingPassphrase(app, Environment::Test), QString()); // a unix socket
    QVERIFY(write("key.pem", "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n"));
    QCOMPARE(factory.hostNeedingPassphrase(app, Environment::Production), QString());
}

QTEST_GUILESS_MAIN(TestDockerHostEndpoint)
#include "tst_dockerhostendpoint.moc"
