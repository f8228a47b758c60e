#include "tests/render/failoverharness.h"

#include "core/util/processowner.h"

#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <signal.h>
#include <unistd.h>

namespace Dockmaster::FailoverHarness {

ServerProcess::ServerProcess(QString program, QStringList arguments, QProcessEnvironment environment)
    : m_program(std::move(program))
    , m_arguments(std::move(arguments))
    , m_environment(std::move(environment))
{
}

ServerProcess::~ServerProcess()
{
    kill();
}

bool ServerProcess::start()
{
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process->setStandardOutputFile(QProcess::nullDevice());
    if (!m_environment.isEmpty())
        m_process->setProcessEnvironment(m_environment);
    m_process->setChildProcessModifier([] {
        ::setsid(); // its own group, so kill() reaches nginx's and php-fpm's workers too
        Dockmaster::ProcessOwner::endWithStarter();
    });
    m_process->start(m_program, m_arguments);
    if (!m_process->waitForStarted(5000))
        return false;
    m_pid = static_cast<pid_t>(m_process->processId());
    return m_pid > 0;
}

void ServerProcess::signalGroup(int signal) const
{
    if (m_pid > 0)
        ::kill(-m_pid, signal);
}

void ServerProcess::kill()
{
    if (!m_process)
        return;
    signalGroup(SIGCONT);
    signalGroup(SIGKILL);
    m_process->waitForFinished(5000);
    m_process.reset();
    m_pid = 0;
}

quint16 freePort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

bool waitForPort(quint16 port, int timeoutMs)
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

QByteArray nginxMain(const QString &prefix, const QStringList &includes)
{
    const QByteArray p = prefix.toUtf8();
    QByteArray text = "user www-data www-data;\nworker_processes 1;\npid " + p + "/nginx.pid;\nerror_log " + p
        + "/error.log info;\nevents { worker_connections 256; }\nhttp {\n  access_log " + p
        + "/access.log;\n  client_body_temp_path " + p + "/tmp/body;\n  proxy_temp_path " + p
        + "/tmp/proxy;\n  fastcgi_temp_path " + p + "/tmp/fastcgi;\n  uwsgi_temp_path " + p
        + "/tmp/uwsgi;\n  scgi_temp_path " + p + "/tmp/scgi;\n";
    for (const QString &include : includes)
        text += "  include " + include.toUtf8() + ";\n";
    return text + "}\n";
}

int runCommand(const QString &program, const QStringList &arguments, QByteArray *output,
               const QProcessEnvironment &environment, int timeoutMs)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    if (!environment.isEmpty())
        process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForStarted(5000))
        return -1;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(2000);
        return -1;
    }
    if (output)
        *output = process.readAll();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

FrontStack::FrontStack() = default;

FrontStack::~FrontStack()
{
    stop();
}

void FrontStack::stop()
{
    // Ends the network manager's TLS thread while OpenSSL is still intact.
    m_network.reset();
    m_front.reset();
    m_fpm.reset();
}

QByteArray FrontStack::renderedFile(const QString &relativePath) const
{
    for (const RenderedFile &file : m_files) {
        if (file.path == relativePath)
            return file.content;
    }
    return {};
}

QString FrontStack::start(quint16 primaryPort, const std::function<void(AppEnvironmentSpec &)> &adjust)
{
    const QString nginx = findServer(QStringLiteral("nginx"));
    const QString phpFpm = findServer(QStringLiteral("php-fpm8.4"));
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (nginx.isEmpty() || phpFpm.isEmpty() || openssl.isEmpty())
        return QStringLiteral("nginx, php-fpm8.4 and openssl are needed");
    if (!m_dir.isValid())
        return QStringLiteral("no temporary folder");
    // Workers run as www-data and php as nobody, as on a real host.
    QFile::setPermissions(m_dir.path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                              | QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
                              | QFileDevice::ExeOther);
    m_fallbackPort = freePort();
    m_httpPort = freePort();
    m_httpsPort = freePort();
    for (const char *sub : { "front/tmp", "logs", "run", "tls", "srv" })
        QDir().mkpath(path(QString::fromLatin1(sub)));

    if (runCommand(openssl,
                   { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                     QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"),
                     QStringLiteral("-nodes"), QStringLiteral("-subj"),
                     QStringLiteral("/CN=app0000042.test.plugins.example.com"), QStringLiteral("-days"),
                     QStringLiteral("1"), QStringLiteral("-keyout"), path(QStringLiteral("tls/site.key")),
                     QStringLiteral("-out"), path(QStringLiteral("tls/site.crt")) })
        != 0)
        return QStringLiteral("openssl could not make a certificate");

    // The render input a test host would get, with short timeouts.
    AppEnvironmentSpec spec = AppEnvironmentSpec::withDefaults(QStringLiteral("app0000042"), Environment::Test);
    spec.setValue(RenderField::HostName, QStringLiteral("localhost"));
    spec.setValue(RenderField::HostAddress, QStringLiteral("127.0.0.1"));
    spec.setValue(RenderField::ListenAddress, QStringLiteral("127.0.0.1"));
    spec.setValue(RenderField::ContainerPort, QString::number(primaryPort));
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
    if (adjust)
        adjust(spec);
    const RenderInputResult checked = RenderInput::validate(spec);
    if (!checked.ok())
        return checked.errors.constFirst().message;
    m_input = checked.input;
    const ConfigRenderer::Result rendered = ConfigRenderer::render(*m_input);
    if (!rendered.ok())
        return rendered.error;
    m_files = rendered.files;
    // As the deploy job leaves it on the host: the repo's conf/ under the app root.
    const QString written = ConfigRenderer::writeFiles(rendered.files, m_input->appRoot());
    if (!written.isEmpty())
        return written;

    // The app's code, as synced from the code repo. The PHP page reports
    // whether the pool's confinement holds.
    if (!writeText(m_input->codeDir() + QStringLiteral("/web/index.php"),
                   "<?php\n"
                   "$confined = @file_get_contents('/etc/passwd') === false ? 'confined' : 'LEAK';\n"
                   "$noexec = function_exists('shell_exec') || function_exists('proc_open') ? 'EXEC' : 'noexec';\n"
                   "header('Content-Type: text/plain');\n"
                   "echo \"fallback $confined $noexec\\n\";\n"))
        return QStringLiteral("cannot write the app code");
    for (auto it = m_code.cbegin(); it != m_code.cend(); ++it) {
        const QString file = m_input->codeDir() + QLatin1Char('/') + it.key();
        QDir().mkpath(QFileInfo(file).absolutePath());
        if (!writeText(file, it.value()))
            return QStringLiteral("cannot write the app code");
    }
    QDir().mkpath(m_input->tmpDir());

    // The pool's own user (app0000042) exists on real hosts only; here it
    // runs as nobody, everything else exactly as rendered.
    QByteArray pool = renderedFile(QStringLiteral("conf/php-fpm-fallback.conf"));
    if (!pool.contains("\nuser = app0000042\ngroup = app0000042\n"))
        return QStringLiteral("the pool does not run as the app's user");
    pool.replace("\nuser = app0000042\ngroup = app0000042\n", "\nuser = nobody\ngroup = nogroup\n");
    // As ci-fallback-php.in appends them on the host.
    for (const auto &[name, value] : std::as_const(m_poolEnvironment))
        pool += "env[" + name.toUtf8() + "] = \"" + value.toUtf8() + "\"\n";
    if (!writeText(path(QStringLiteral("fpm/pool.conf")), pool)
        || !writeText(path(QStringLiteral("fpm/php-fpm.conf")),
                      "[global]\npid = " + path(QStringLiteral("fpm/php-fpm.pid")).toUtf8()
                          + "\nerror_log = " + path(QStringLiteral("logs/php-fpm.log")).toUtf8()
                          + "\ndaemonize = no\ninclude = " + path(QStringLiteral("fpm/pool.conf")).toUtf8() + "\n"))
        return QStringLiteral("cannot write the php-fpm files");
    m_fpm = std::make_unique<ServerProcess>(
        phpFpm, QStringList { QStringLiteral("-F"), QStringLiteral("-y"), path(QStringLiteral("fpm/php-fpm.conf")) });
    if (!m_fpm->start())
        return QStringLiteral("php-fpm did not start");
    QElapsedTimer timer;
    timer.start();
    while (!QFile::exists(m_input->fallbackSocket()) && timer.elapsed() < 5000)
        QTest::qWait(20);
    if (!QFile::exists(m_input->fallbackSocket()))
        return QStringLiteral("php-fpm did not open its socket");

    // The host's nginx with the rendered outer and fallback sites, unchanged.
    if (!writeText(path(QStringLiteral("front/nginx.conf")),
                   nginxMain(path(QStringLiteral("front")),
                             { m_input->confDir() + QStringLiteral("/nginx-outer.conf"),
                               m_input->confDir() + QStringLiteral("/nginx-fallback.conf") })))
        return QStringLiteral("cannot write nginx.conf");
    m_front = std::make_unique<ServerProcess>(
        nginx,
        QStringList { QStringLiteral("-p"), path(QStringLiteral("front")), QStringLiteral("-c"),
                      path(QStringLiteral("front/nginx.conf")), QStringLiteral("-e"), QStringLiteral("stderr"),
                      QStringLiteral("-g"), QStringLiteral("daemon off;") });
    if (!m_front->start() || !waitForPort(m_httpsPort) || !waitForPort(m_fallbackPort))
        return QStringLiteral("the front nginx did not start");
    m_network = std::make_unique<QNetworkAccessManager>();
    return {};
}

Response FrontStack::get(const QString &url, const QByteArray &forwardedFor,
                         const QList<QPair<QByteArray, QByteArray>> &headers)
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
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QElapsedTimer timer;
    timer.start();
    std::unique_ptr<QNetworkReply> reply(m_network->get(request));
    QEventLoop loop;
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
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

Response FrontStack::front()
{
    return get(QStringLiteral("https://127.0.0.1:%1/").arg(m_httpsPort));
}

qint64 FrontStack::waitForBody(const QByteArray &prefix, int *errors)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < (failTimeoutS + 5) * 1000) {
        const Response r = front();
        if (r.status != 200)
            ++*errors;
        if (r.body.startsWith(prefix))
            return timer.elapsed();
        QTest::qWait(100);
    }
    return -1;
}

} // namespace Dockmaster::FailoverHarness
