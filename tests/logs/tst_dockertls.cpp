// Docker over TLS with client certificates: CA, certificate and an encrypted
// key from the profile, the key's passphrase from the keychain.
#include "core/keychain/secretstore.h"
#include "core/logs/dockerlogsource.h"
#include "core/logs/httpstreamclient.h"
#include "tests/support/fakedockerengine.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSslKey>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Dockmaster;
using Dockmaster::Test::FakeDockerEngine;

class TestDockerTls : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void clientCertificateWithPassphrase();
    void wrongPassphraseFails();
    void withoutClientCertificateIsRefused();
    void logSourceReadsPassphraseFromSecretStore();

private:
    bool openssl(const QStringList &args);
    QString path(const char *name) const { return m_dir.filePath(QLatin1String(name)); }
    DockerEndpoint endpoint(quint16 port, const QByteArray &passphrase) const;
    QSslConfiguration serverConfig() const;

    QTemporaryDir m_dir;
};

bool TestDockerTls::openssl(const QStringList &args)
{
    QProcess process;
    process.setWorkingDirectory(m_dir.path());
    process.start(QStringLiteral("openssl"), args);
    process.waitForFinished(30000);
    if (process.exitCode() != 0)
        qWarning("openssl %s: %s", qPrintable(args.join(QLatin1Char(' '))), process.readAllStandardError().constData());
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

void TestDockerTls::initTestCase()
{
    if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
        QSKIP("openssl is not installed: cannot make test certificates");
    QVERIFY(m_dir.isValid());
    const QStringList ec = { QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                             QStringLiteral("ec_paramgen_curve:prime256v1") };
    QVERIFY(
        openssl(QStringList { QStringLiteral("req"), QStringLiteral("-x509") } + ec
                + QStringList { QStringLiteral("-nodes"), QStringLiteral("-keyout"), QStringLiteral("ca.key"),
                                QStringLiteral("-out"), QStringLiteral("ca.pem"), QStringLiteral("-days"),
                                QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=Test Docker CA") }));
    QFile serverExt(path("server.ext"));
    QVERIFY(serverExt.open(QIODevice::WriteOnly));
    serverExt.write("subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
    serverExt.close();
    QFile clientExt(path("client.ext"));
    QVERIFY(clientExt.open(QIODevice::WriteOnly));
    clientExt.write("extendedKeyUsage=clientAuth\n");
    clientExt.close();
    QVERIFY(openssl(QStringList { QStringLiteral("req") } + ec
                    + QStringList { QStringLiteral("-nodes"), QStringLiteral("-keyout"), QStringLiteral("server.key"),
                                    QStringLiteral("-out"), QStringLiteral("server.csr"), QStringLiteral("-subj"),
                                    QStringLiteral("/CN=127.0.0.1") }));
    QVERIFY(openssl({ QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                      QStringLiteral("server.csr"), QStringLiteral("-CA"), QStringLiteral("ca.pem"),
                      QStringLiteral("-CAkey"), QStringLiteral("ca.key"), QStringLiteral("-CAcreateserial"),
                      QStringLiteral("-out"), QStringLiteral("server.pem"), QStringLiteral("-days"),
                      QStringLiteral("2"), QStringLiteral("-extfile"), QStringLiteral("server.ext") }));
    // The client key is encrypted: its passphrase lives in the keychain.
    QVERIFY(
        openssl(QStringList { QStringLiteral("req") } + ec
                + QStringList { QStringLiteral("-keyout"), QStringLiteral("client.key"), QStringLiteral("-passout"),
                                QStringLiteral("pass:s3cret phrase"), QStringLiteral("-out"),
                                QStringLiteral("client.csr"), QStringLiteral("-subj"), QStringLiteral("/CN=admin") }));
    QVERIFY(openssl({ QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                      QStringLiteral("client.csr"), QStringLiteral("-CA"), QStringLiteral("ca.pem"),
                      QStringLiteral("-CAkey"), QStringLiteral("ca.key"), QStringLiteral("-CAcreateserial"),
                      QStringLiteral("-out"), QStringLiteral("client.pem"), QStringLiteral("-days"),
                      QStringLiteral("2"), QStringLiteral("-extfile"), QStringLiteral("client.ext") }));
}

QSslConfiguration TestDockerTls::serverConfig() const
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificate(QSslCertificate::fromPath(path("server.pem")).first());
    QFile key(path("server.key"));
    key.open(QIODevice::ReadOnly);
    config.setPrivateKey(QSslKey(key.readAll(), QSsl::Ec));
    config.setCaCertificates(QSslCertificate::fromPath(path("ca.pem")));
    config.setPeerVerifyMode(QSslSocket::VerifyPeer); // like dockerd --tlsverify
    return config;
}

DockerEndpoint TestDockerTls::endpoint(quint16 port, const QByteArray &passphrase) const
{
    DockerEndpoint endpoint;
    endpoint.url = QUrl(QStringLiteral("tcp://127.0.0.1:%1").arg(port));
    endpoint.tls = true;
    endpoint.caCertificateFile = path("ca.pem");
    endpoint.clientCertificateFile = path("client.pem");
    endpoint.clientKeyFile = path("client.key");
    endpoint.keyPassphrase = passphrase;
    return endpoint;
}

void TestDockerTls::clientCertificateWithPassphrase()
{
    const QSslConfiguration config = serverConfig();
    FakeDockerEngine engine(nullptr, &config);
    engine.addContainer({ QStringLiteral("c1"), QStringLiteral("web"), QStringLiteral("p"), false, {} });
    HttpStreamClient client(endpoint(engine.port(), "s3cret phrase"));
    QByteArray body;
    QSignalSpy finished(&client, &HttpStreamClient::finished);
    QSignalSpy failed(&client, &HttpStreamClient::failed);
    client.get("/v1.41/containers/c1/json", [&](QByteArrayView data) { body.append(data); });
    QTRY_VERIFY(finished.size() + failed.size() > 0);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    QVERIFY(body.contains("\"Tty\":false"));
}

void TestDockerTls::wrongPassphraseFails()
{
    const QSslConfiguration config = serverConfig();
    FakeDockerEngine engine(nullptr, &config);
    HttpStreamClient client(endpoint(engine.port(), "wrong"));
    QSignalSpy failed(&client, &HttpStreamClient::failed);
    client.get("/_ping", {});
    QTRY_COMPARE(failed.size(), 1);
    QVERIFY(failed.first().first().toString().contains(QStringLiteral("passphrase")));
}

void TestDockerTls::withoutClientCertificateIsRefused()
{
    const QSslConfiguration config = serverConfig();
    FakeDockerEngine engine(nullptr, &config);
    DockerEndpoint anonymous = endpoint(engine.port(), {});
    anonymous.clientCertificateFile.clear();
    anonymous.clientKeyFile.clear();
    HttpStreamClient client(anonymous);
    QSignalSpy failed(&client, &HttpStreamClient::failed);
    QSignalSpy finished(&client, &HttpStreamClient::finished);
    client.get("/_ping", {});
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(finished.size(), 0);
}

void TestDockerTls::logSourceReadsPassphraseFromSecretStore()
{
    const QSslConfiguration config = serverConfig();
    FakeDockerEngine engine(nullptr, &config);
    engine.addContainer({ QStringLiteral("c1"),
                          QStringLiteral("web"),
                          QStringLiteral("p"),
                          false,
                          { { 1795550491000000000LL, LogStream::Stdout, "over tls" } } });
    SessionSecretStore secrets;
    secrets.write(SecretStore::dockerKeyPassphraseKey(QStringLiteral("prod"), QStringLiteral("docker1")),
                  QStringLiteral("s3cret phrase"));
    DockerLogOptions options;
    options.composeProject = QStringLiteral("p");
    DockerLogSource source(endpoint(engine.port(), {}), options);
    source.setPassphraseSource(&secrets, QStringLiteral("prod"), QStringLiteral("docker1"));
    QStringList lines;
    connect(&source, &LogSource::linesAvailable, this, [&](const LogBatch &batch) {
        for (const LogBatchLine &line : batch.lines)
            lines.append(QString::fromUtf8(batch.lineText(line)));
    });
    source.start();
    QTRY_COMPARE(lines, QStringList { QStringLiteral("over tls") });
}

QTEST_GUILESS_MAIN(TestDockerTls)
#include "tst_dockertls.moc"
