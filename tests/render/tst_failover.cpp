#include "render/configrenderer.h"
#include "render/renderinput.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>
#include <signal.h>
#include <unistd.h>

using namespace Dockmaster;

namespace {

constexpr int connectTimeoutS = 1;
constexpr int readTimeoutS = 2;
constexpr int failTimeoutS = 3;

// A server started by the test in its own process group, so the master and
// its workers are signalled (and always killed) together.
class ServerProcess
{
public:
    ServerProcess(QString program, QStringList arguments)
        : m_program(std::move(program))
        , m_arguments(std::move(arguments))
    {
    }
    ~ServerProcess() { kill(); }
    ServerProcess(const ServerProcess &) = delete;
    ServerProcess &operator=(const ServerProcess &) = delete;

    bool start()
    {
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process->setStandardOutputFile(QProcess::nullDevice());
        m_process->setChildProcessModifier([] { ::setsid(); });
        m_process->start(m_program, m_arguments);
        if (!m_process->waitForStarted(5000))
            return false;
        m_pid = static_cast<pid_t>(m_process->processId());
        return m_pid > 0;
    }

    void signalGroup(int signal) const
    {
        if (m_pid > 0)
            ::kill(-m_pid, signal);
    }

    void kill()
    {
        if (!m_process)
            return;
        signalGroup(SIGCONT);
        signalGroup(SIGKILL);
        m_process->waitForFinished(5000);
        m_process.reset();
        m_pid = 0;
    }

    pid_t pid() const { return m_pid; }

private:
    QString m_program;
    QStringList m_arguments;
    std::unique_ptr<QProcess> m_process;
    pid_t m_pid = 0;
};

struct Response {
    int status = 0;
    QByteArray body;
    QByteArray server;
    QByteArray location;
    QByteArray poweredBy;
    QString error;
    qint64 elapsedMs = 0;
};

quint16 freePort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

bool waitForPort(quint16 port, int timeoutMs = 5000)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (socket.waitForConnected(200))
            return true;
        QTest::qWait(20);
    }
    return false;
}

bool writeText(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
}

QString findServer(const QString &name)
{
    const QString found = QStandardPaths::findExecutable(name);
    return found.isEmpty()
        ? QStandardPaths::findExecutable(name, { QStringLiteral("/usr/sbin"), QStringLiteral("/sbin") })
        : found;
}

QByteArray nginxMain(const QString &prefix, const QStringList &includes, const QByteArray &extraHttp = {})
{
    QByteArray text = "user www-data www-data;\nworker_processes 1;\npid " + prefix.toUtf8() + "/nginx.pid;\nerror_log "
        + prefix.toUtf8() + "/error.log info;\nevents { worker_connections 256; }\nhttp {\n  access_log "
        + prefix.toUtf8() + "/access.log;\n  client_body_temp_path " + prefix.toUtf8()
        + "/tmp/body;\n  proxy_temp_path " + prefix.toUtf8() + "/tmp/proxy;\n  fastcgi_temp_path " + prefix.toUtf8()
        + "/tmp/fastcgi;\n  uwsgi_temp_path " + prefix.toUtf8() + "/tmp/uwsgi;\n  scgi_temp_path " + prefix.toUtf8()
        + "/tmp/scgi;\n" + extraHttp;
    for (const QString &include : includes)
        text += "  include " + include.toUtf8() + ";\n";
    return text + "}\n";
}

} // namespace

// The rendered outer site in front of a primary (a second nginx standing in
// for the container) and the rendered fallback site served by real php-fpm:
// the business stays up when the primary dies, hangs or fails.
class TestFailover : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    quint16 m_primaryPort = 0;
    quint16 m_fallbackPort = 0;
    quint16 m_httpPort = 0;
    quint16 m_httpsPort = 0;
    QString m_nginx;
    QString m_phpFpm;
    QString m_flag;
    std::unique_ptr<ServerProcess> m_front;
    std::unique_ptr<ServerProcess> m_primary;
    std::unique_ptr<ServerProcess> m_fpm;
    QNetworkAccessManager m_network;

    QString path(const QString &relative) const { return m_dir.filePath(relative); }

    Response get(const QString &url, const QByteArray &forwardedFor = {})
    {
        QNetworkRequest request { QUrl(url) };
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
        request.setSslConfiguration(ssl);
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        request.setTransferTimeout(15000);
        if (!forwardedFor.isEmpty())
            request.setRawHeader("X-Forwarded-For", forwardedFor);
        QElapsedTimer timer;
        timer.start();
        std::unique_ptr<QNetworkReply> reply(m_network.get(request));
        QEventLoop loop;
        connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        Response response;
        response.elapsedMs = timer.elapsed();
        response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        response.body = reply->readAll();
        response.server = reply->rawHeader("Server");
        response.location = reply->rawHeader("Location");
        response.poweredBy = reply->rawHeader("X-Powered-By");
        if (reply->error() != QNetworkReply::NoError && response.status == 0)
            response.error = reply->errorString();
        return response;
    }

    Response front() { return get(QStringLiteral("https://127.0.0.1:%1/").arg(m_httpsPort)); }

    bool startPrimary()
    {
        m_primary = std::make_unique<ServerProcess>(
            m_nginx,
            QStringList { QStringLiteral("-p"), path(QStringLiteral("primary")), QStringLiteral("-c"),
                          path(QStringLiteral("primary/nginx.conf")), QStringLiteral("-e"), QStringLiteral("stderr"),
                          QStringLiteral("-g"), QStringLiteral("daemon off;") });
        return m_primary->start() && waitForPort(m_primaryPort);
    }

    // Polls until the primary answers through the front again; every
    // response on the way must still be a success.
    qint64 waitForPrimary(int *errors)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < (failTimeoutS + 5) * 1000) {
            const Response r = front();
            if (r.status != 200)
                ++*errors;
            if (r.body.startsWith("primary"))
                return timer.elapsed();
            QTest::qWait(100);
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_nginx = findServer(QStringLiteral("nginx"));
        m_phpFpm = findServer(QStringLiteral("php-fpm8.4"));
        const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
        QVERIFY2(!m_nginx.isEmpty() && !m_phpFpm.isEmpty() && !openssl.isEmpty(),
                 "nginx, php-fpm8.4 and openssl are needed");
        QVERIFY(m_dir.isValid());
        // Workers run as www-data and php as nobody, as on a real host.
        QVERIFY(QFile::setPermissions(m_dir.path(),
                                      QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                          | QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
                                          | QFileDevice::ExeOther));
        m_primaryPort = freePort();
        m_fallbackPort = freePort();
        m_httpPort = freePort();
        m_httpsPort = freePort();
        QVERIFY(m_primaryPort && m_fallbackPort && m_httpPort && m_httpsPort);
        for (const char *sub : { "front/tmp", "primary/tmp", "logs", "run", "tls", "srv" })
            QVERIFY(QDir().mkpath(path(QString::fromLatin1(sub))));

        QProcess tls;
        tls.start(openssl,
                  { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                    QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"),
                    QStringLiteral("-nodes"), QStringLiteral("-subj"),
                    QStringLiteral("/CN=app0000042.test.plugins.example.com"), QStringLiteral("-days"),
                    QStringLiteral("1"), QStringLiteral("-keyout"), path(QStringLiteral("tls/site.key")),
                    QStringLiteral("-out"), path(QStringLiteral("tls/site.crt")) });
        QVERIFY(tls.waitForFinished(20000) && tls.exitCode() == 0);

        // The render input a test host would get, with short timeouts.
        AppEnvironmentSpec spec = AppEnvironmentSpec::withDefaults(QStringLiteral("app0000042"), Environment::Test);
        spec.setValue(RenderField::HostName, QStringLiteral("localhost"));
        spec.setValue(RenderField::HostAddress, QStringLiteral("127.0.0.1"));
        spec.setValue(RenderField::ListenAddress, QStringLiteral("127.0.0.1"));
        spec.setValue(RenderField::ContainerPort, QString::number(m_primaryPort));
        spec.setValue(RenderField::FallbackPort, QString::number(m_fallbackPort));
        spec.setValue(RenderField::HttpPort, QString::number(m_httpPort));
        spec.setValue(RenderField::HttpsPort, QString::number(m_httpsPort));
        spec.setValue(RenderField::Domain, QStringLiteral("app0000042.test.plugins.example.com"));
        spec.setValue(RenderField::ConnectTimeoutSeconds, QString::number(connectTimeoutS));
        spec.setValue(RenderField::ReadTimeoutSeconds, QString::number(readTimeoutS));
        spec.setValue(RenderField::FailTimeoutSeconds, QString::number(failTimeoutS));
        spec.setValue(RenderField::TlsCertificatePath, path(QStringLiteral("tls/site.crt")));
        spec.setValue(RenderField::TlsKeyPath, path(QStringLiteral("tls/site.key")));
        spec.setValue(RenderField::DeployBaseDir, path(QStringLiteral("srv")));
        spec.setValue(RenderField::RuntimeDir, path(QStringLiteral("run")));
        spec.setValue(RenderField::LogDir, path(QStringLiteral("logs")));
        const RenderInputResult checked = RenderInput::validate(spec);
        QVERIFY2(checked.ok(), checked.ok() ? "" : qPrintable(checked.errors.constFirst().message));
        const RenderInput &input = *checked.input;
        const ConfigRenderer::Result rendered = ConfigRenderer::render(input);
        QVERIFY2(rendered.ok(), qPrintable(rendered.error));
        QCOMPARE(ConfigRenderer::writeFiles(rendered.files, path(QStringLiteral("repo"))), QString());

        // The app's code as the deploy job would have synced it.
        QVERIFY(
            writeText(input.codeDir() + QStringLiteral("/web/index.php"),
                      "<?php\n"
                      "$confined = @file_get_contents('/etc/passwd') === false ? 'confined' : 'LEAK';\n"
                      "$noexec = function_exists('shell_exec') || function_exists('proc_open') ? 'EXEC' : 'noexec';\n"
                      "header('Content-Type: text/plain');\n"
                      "echo \"fallback $confined $noexec\\n\";\n"));
        QVERIFY(QDir().mkpath(input.tmpDir()));

        // php-fpm with the rendered pool. The pool's own user (app0000042)
        // exists on real hosts only; here it runs as nobody, the rest as is.
        QFile poolFile(path(QStringLiteral("repo/conf/php-fpm-fallback.conf")));
        QVERIFY(poolFile.open(QIODevice::ReadOnly));
        QByteArray pool = poolFile.readAll();
        QVERIFY(pool.contains("\nuser = app0000042\ngroup = app0000042\n"));
        pool.replace("\nuser = app0000042\ngroup = app0000042\n", "\nuser = nobody\ngroup = nogroup\n");
        QVERIFY(writeText(path(QStringLiteral("fpm/pool.conf")), pool));
        QVERIFY(writeText(path(QStringLiteral("fpm/php-fpm.conf")),
                          "[global]\npid = " + path(QStringLiteral("fpm/php-fpm.pid")).toUtf8() + "\nerror_log = "
                              + path(QStringLiteral("logs/php-fpm.log")).toUtf8() + "\ndaemonize = no\ninclude = "
                              + path(QStringLiteral("fpm/pool.conf")).toUtf8() + "\n"));
        m_fpm = std::make_unique<ServerProcess>(
            m_phpFpm,
            QStringList { QStringLiteral("-F"), QStringLiteral("-y"), path(QStringLiteral("fpm/php-fpm.conf")) });
        QVERIFY(m_fpm->start());
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(input.fallbackSocket()), 5000);

        // The host's nginx: the rendered outer and fallback sites, unchanged.
        QVERIFY(writeText(path(QStringLiteral("front/nginx.conf")),
                          nginxMain(path(QStringLiteral("front")),
                                    { path(QStringLiteral("repo/conf/nginx-outer.conf")),
                                      path(QStringLiteral("repo/conf/nginx-fallback.conf")) })));
        m_front = std::make_unique<ServerProcess>(
            m_nginx,
            QStringList { QStringLiteral("-p"), path(QStringLiteral("front")), QStringLiteral("-c"),
                          path(QStringLiteral("front/nginx.conf")), QStringLiteral("-e"), QStringLiteral("stderr"),
                          QStringLiteral("-g"), QStringLiteral("daemon off;") });
        QVERIFY(m_front->start());
        QVERIFY(waitForPort(m_httpsPort));
        QVERIFY(waitForPort(m_fallbackPort));

        // The container stand-in: echoes the client address headers it got,
        // and answers 502 while the flag file exists.
        m_flag = path(QStringLiteral("primary/fail-502"));
        const QByteArray primarySite = "server {\n  listen 127.0.0.1:" + QByteArray::number(m_primaryPort)
            + ";\n  location / {\n    if (-f " + m_flag.toUtf8()
            + ") { return 502; }\n    default_type text/plain;\n"
              "    return 200 \"primary $http_x_real_ip $http_x_forwarded_for $http_x_forwarded_proto\\n\";\n  }\n}\n";
        QVERIFY(writeText(path(QStringLiteral("primary/site.conf")), primarySite));
        QVERIFY(writeText(path(QStringLiteral("primary/nginx.conf")),
                          nginxMain(path(QStringLiteral("primary")), { path(QStringLiteral("primary/site.conf")) })));
        QVERIFY(startPrimary());
    }

    void cleanupTestCase()
    {
        // Killed by PID (process group) even when a test step failed.
        m_front.reset();
        m_primary.reset();
        m_fpm.reset();
    }

    void primaryServesWithClientAddressHeaders()
    {
        const Response r = get(QStringLiteral("https://127.0.0.1:%1/").arg(m_httpsPort), "203.0.113.66");
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.status, 200);
        // A client-supplied X-Forwarded-For never reaches the app.
        QCOMPARE(r.body, QByteArray("primary 127.0.0.1 127.0.0.1 https\n"));
        QCOMPARE(r.server, QByteArray("nginx")); // server_tokens off: no version
    }

    void plainHttpRedirectsToHttps()
    {
        const Response r = get(QStringLiteral("http://127.0.0.1:%1/shop?item=1").arg(m_httpPort));
        QCOMPARE(r.status, 301);
        QCOMPARE(r.location,
                 QByteArray("https://app0000042.test.plugins.example.com:") + QByteArray::number(m_httpsPort)
                     + "/shop?item=1");
    }

    void fallbackRunsConfinedPhp()
    {
        const Response r = get(QStringLiteral("http://127.0.0.1:%1/").arg(m_fallbackPort));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("fallback confined noexec\n"));
        QVERIFY(r.poweredBy.isEmpty());
    }

    void killedPrimaryFailsOverWithoutClientErrors()
    {
        int errors = 0;
        int fromPrimary = 0;
        int fromFallback = 0;
        qint64 firstFallbackMs = -1;
        for (int i = 0; i < 40; ++i) {
            if (i == 10)
                m_primary->kill(); // SIGKILL to master and workers: connection refused from now on
            const Response r = front();
            if (r.status != 200 || !r.error.isEmpty())
                ++errors;
            if (r.body.startsWith("primary"))
                ++fromPrimary;
            if (r.body.startsWith("fallback")) {
                ++fromFallback;
                if (firstFallbackMs < 0)
                    firstFallbackMs = r.elapsedMs;
            }
            QTest::qWait(20);
        }
        QCOMPARE(errors, 0);
        QCOMPARE(fromPrimary, 10);
        QCOMPARE(fromFallback, 30);
        qInfo("failover_after_kill_first_response %lld ms", firstFallbackMs);
        QVERIFY(firstFallbackMs < 1000);
    }

    void trafficReturnsWhenThePrimaryIsBack()
    {
        QVERIFY(startPrimary());
        int errors = 0;
        const qint64 recovered = waitForPrimary(&errors);
        qInfo("recovery_after_restart %lld ms (fail_timeout %d s)", recovered, failTimeoutS);
        QVERIFY(recovered >= 0);
        QCOMPARE(errors, 0);
    }

    void hungPrimaryFailsOverAfterTheReadTimeout()
    {
        m_primary->signalGroup(SIGSTOP); // accepts TCP (kernel backlog) but never answers
        const Response first = front();
        QCOMPARE(first.status, 200);
        QCOMPARE(first.body, QByteArray("fallback confined noexec\n"));
        qInfo("failover_after_hang_first_response %lld ms (read timeout %d s)", first.elapsedMs, readTimeoutS);
        QVERIFY(first.elapsedMs >= readTimeoutS * 1000 - 100);
        QVERIFY(first.elapsedMs < readTimeoutS * 1000 + 2000);
        // The primary is now marked failed: the next visitors do not wait.
        const Response second = front();
        QCOMPARE(second.status, 200);
        QVERIFY(second.body.startsWith("fallback"));
        QVERIFY(second.elapsedMs < 1000);

        m_primary->signalGroup(SIGCONT);
        int errors = 0;
        QVERIFY(waitForPrimary(&errors) >= 0);
        QCOMPARE(errors, 0);
    }

    void primaryAnswering502FailsOver()
    {
        QVERIFY(writeText(m_flag, "1"));
        const Response r = front();
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("fallback confined noexec\n"));
        qInfo("failover_after_502 %lld ms", r.elapsedMs);
        QVERIFY(r.elapsedMs < 1000);

        QVERIFY(QFile::remove(m_flag));
        int errors = 0;
        QVERIFY(waitForPrimary(&errors) >= 0);
        QCOMPARE(errors, 0);
    }
};

QTEST_GUILESS_MAIN(TestFailover)
#include "tst_failover.moc"
