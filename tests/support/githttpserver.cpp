#include "tests/support/githttpserver.h"

#include "core/util/processowner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QThread>

namespace Dockmaster::Test {

namespace {

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
}

} // namespace

GitHttpServer::GitHttpServer() = default;

GitHttpServer::~GitHttpServer()
{
    // nginx stops in its own destructor, before the folder both live in goes.
    if (m_fcgiwrap.state() != QProcess::NotRunning) {
        m_fcgiwrap.terminate();
        if (!m_fcgiwrap.waitForFinished(5000)) {
            m_fcgiwrap.kill();
            m_fcgiwrap.waitForFinished(5000);
        }
    }
}

QString GitHttpServer::repositoryPath(const QString &name) const
{
    return m_root.path() + QStringLiteral("/repos/group/") + name + QStringLiteral(".git");
}

QUrl GitHttpServer::repositoryUrl(const QString &name) const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    url.setPath(QStringLiteral("/group/") + name + QStringLiteral(".git"));
    return url;
}

bool GitHttpServer::run(const QString &program, const QStringList &arguments, const QString &workDir, QString *error,
                        QByteArray *output)
{
    QProcess process;
    process.setWorkingDirectory(workDir);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("GIT_TERMINAL_PROMPT"), QStringLiteral("0"));
    environment.insert(QStringLiteral("GIT_CONFIG_NOSYSTEM"), QStringLiteral("1"));
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        *error = program + QLatin1Char(' ') + arguments.join(QLatin1Char(' ')) + QStringLiteral(": ")
            + QString::fromUtf8(process.readAllStandardError());
        return false;
    }
    if (output) {
        *output = process.readAllStandardOutput();
    }
    return true;
}

bool GitHttpServer::start(QString *error)
{
    if (!m_root.isValid()) {
        *error = QStringLiteral("no temporary folder");
        return false;
    }
    const QString root = m_root.path();
    for (const char *folder : { "conf", "logs", "tmp", "repos/group" }) {
        QDir().mkpath(root + QLatin1Char('/') + QLatin1String(folder));
    }
    m_port = NginxInstance::freePort();
    const QString socket = root + QStringLiteral("/fcgiwrap.sock");
    writeFile(root + QStringLiteral("/conf/htpasswd"), "oauth2:{PLAIN}" + token().toUtf8() + '\n');
    const QByteArray http = "  access_log logs/access.log;\n"
                            "  server { listen 127.0.0.1:"
        + QByteArray::number(m_port)
        + "; client_max_body_size 0;\n"
          "    location ~ \\.git(/.*)?$ {\n"
          "      auth_basic \"gitlab-standin\"; auth_basic_user_file htpasswd;\n"
          "      fastcgi_pass unix:"
        + socket.toUtf8()
        + ";\n"
          "      fastcgi_param SCRIPT_FILENAME /usr/lib/git-core/git-http-backend;\n"
          "      fastcgi_param GIT_PROJECT_ROOT "
        + root.toUtf8()
        + "/repos;\n"
          "      fastcgi_param GIT_HTTP_EXPORT_ALL \"\";\n"
          "      fastcgi_param PATH_INFO $uri; fastcgi_param REMOTE_USER $remote_user;\n"
          "      fastcgi_param QUERY_STRING $query_string; "
          "fastcgi_param REQUEST_METHOD $request_method;\n"
          "      fastcgi_param CONTENT_TYPE $content_type; "
          "fastcgi_param CONTENT_LENGTH $content_length;\n"
          "      fastcgi_param HTTP_GIT_PROTOCOL $http_git_protocol; } }\n";

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), root);
    m_fcgiwrap.setProcessEnvironment(environment);
    m_fcgiwrap.setChildProcessModifier(&ProcessOwner::endWithStarter);
    m_fcgiwrap.setStandardInputFile(QProcess::nullDevice());
    m_fcgiwrap.setStandardOutputFile(QProcess::nullDevice());
    m_fcgiwrap.setStandardErrorFile(root + QStringLiteral("/logs/fcgiwrap.log"));
    m_fcgiwrap.start(QStringLiteral("fcgiwrap"), { QStringLiteral("-s"), QStringLiteral("unix:") + socket });
    if (!m_fcgiwrap.waitForStarted()) {
        *error = QStringLiteral("could not start fcgiwrap");
        return false;
    }
    if (!m_nginx.start(root, http, m_port, error))
        return false;
    for (int attempt = 0; attempt < 300 && m_fcgiwrap.state() != QProcess::NotRunning; ++attempt) {
        if (QFileInfo::exists(socket))
            return true;
        QThread::msleep(100);
    }
    *error = QStringLiteral("fcgiwrap did not open its socket");
    return false;
}

bool GitHttpServer::createRepository(const QString &name, const QString &branch, const QMap<QString, QByteArray> &files,
                                     QString *error)
{
    const QString bare = repositoryPath(name);
    const QString seed = m_root.path() + QStringLiteral("/seed-") + name;
    const QString git = QStringLiteral("git");
    if (!run(git,
             { QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("--bare"), QStringLiteral("-b"), branch,
               bare },
             m_root.path(), error)
        || !run(git, { QStringLiteral("config"), QStringLiteral("http.receivepack"), QStringLiteral("true") }, bare,
                error)
        || !run(git, { QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), branch, seed },
                m_root.path(), error)) {
        return false;
    }
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        if (!writeFile(seed + QLatin1Char('/') + it.key(), it.value())) {
            *error = QStringLiteral("could not write ") + it.key();
            return false;
        }
    }
    const QStringList identity = { QStringLiteral("-c"), QStringLiteral("user.name=Seed"), QStringLiteral("-c"),
                                   QStringLiteral("user.email=seed@example.com") };
    return run(git, { QStringLiteral("add"), QStringLiteral("-A") }, seed, error)
        && run(git,
               identity
                   + QStringList { QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"),
                                   QStringLiteral("Initial configs") },
               seed, error)
        && run(git, { QStringLiteral("push"), QStringLiteral("-q"), bare, branch }, seed, error);
}

bool GitHttpServer::commitSymlink(const QString &name, const QString &branch, const QString &path,
                                  const QString &target, QString *error)
{
    return commitInSeed(name, branch, error, [&](const QString &seed) {
        const QString link = seed + QLatin1Char('/') + path;
        QDir().mkpath(QFileInfo(link).absolutePath());
        if (!QFile::link(target, link)) {
            *error = QStringLiteral("could not link ") + path;
            return false;
        }
        return run(QStringLiteral("git"), { QStringLiteral("add"), path }, seed, error);
    });
}

bool GitHttpServer::commitGitlink(const QString &name, const QString &branch, const QString &path,
                                  const QString &commit, QString *error)
{
    return commitInSeed(name, branch, error, [&](const QString &seed) {
        return run(QStringLiteral("git"),
                   { QStringLiteral("update-index"), QStringLiteral("--add"), QStringLiteral("--cacheinfo"),
                     QStringLiteral("160000,%1,%2").arg(commit, path) },
                   seed, error);
    });
}

bool GitHttpServer::commitInSeed(const QString &name, const QString &branch, QString *error,
                                 const std::function<bool(const QString &seed)> &change)
{
    const QString seed = m_root.path() + QStringLiteral("/seed-") + name;
    const QString bare = repositoryPath(name);
    const QString git = QStringLiteral("git");
    return run(git, { QStringLiteral("pull"), QStringLiteral("-q"), bare, branch }, seed, error) && change(seed)
        && run(git,
               { QStringLiteral("-c"), QStringLiteral("user.name=Seed"), QStringLiteral("-c"),
                 QStringLiteral("user.email=seed@example.com"), QStringLiteral("commit"), QStringLiteral("-q"),
                 QStringLiteral("-m"), QStringLiteral("Change") },
               seed, error)
        && run(git, { QStringLiteral("push"), QStringLiteral("-q"), bare, branch }, seed, error);
}

QByteArray GitHttpServer::git(const QString &name, const QStringList &arguments) const
{
    QString error;
    QByteArray output;
    run(QStringLiteral("git"), QStringList { QStringLiteral("--git-dir=") + repositoryPath(name) } + arguments,
        m_root.path(), &error, &output);
    return output;
}

} // namespace Dockmaster::Test
