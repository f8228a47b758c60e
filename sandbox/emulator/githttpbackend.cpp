#include "sandbox/emulator/githttpbackend.h"

#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

namespace Dockmaster {

GitHttpBackend::GitHttpBackend(const QString &projectRoot, QObject *parent)
    : QObject(parent)
    , m_projectRoot(projectRoot)
{
}

QString GitHttpBackend::backendProgram()
{
    static const QString candidates[] = { QStringLiteral("/usr/lib/git-core/git-http-backend"),
                                          QStringLiteral("/usr/libexec/git-core/git-http-backend") };
    for (const QString &c : candidates) {
        if (QFileInfo(c).isExecutable())
            return c;
    }
    return QStandardPaths::findExecutable(QStringLiteral("git-http-backend"));
}

void GitHttpBackend::handle(const HttpRequest &request, const QString &pathInfo, const QString &remoteUser,
                            const QHash<QString, QString> &extraEnvironment, Done done)
{
    auto *process = new QProcess(this);
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH", QStringLiteral("/usr/bin:/bin")));
    env.insert(QStringLiteral("HOME"), m_projectRoot);
    env.insert(QStringLiteral("GIT_PROJECT_ROOT"), m_projectRoot);
    env.insert(QStringLiteral("GIT_HTTP_EXPORT_ALL"), QStringLiteral("1"));
    env.insert(QStringLiteral("GIT_CONFIG_NOSYSTEM"), QStringLiteral("1"));
    // The repositories may belong to another user than the one running git.
    env.insert(QStringLiteral("GIT_CONFIG_COUNT"), QStringLiteral("1"));
    env.insert(QStringLiteral("GIT_CONFIG_KEY_0"), QStringLiteral("safe.directory"));
    env.insert(QStringLiteral("GIT_CONFIG_VALUE_0"), QStringLiteral("*"));
    env.insert(QStringLiteral("PATH_INFO"), pathInfo);
    env.insert(QStringLiteral("REMOTE_USER"), remoteUser);
    env.insert(QStringLiteral("REMOTE_ADDR"), QStringLiteral("127.0.0.1"));
    env.insert(QStringLiteral("QUERY_STRING"), QString::fromUtf8(request.rawQuery));
    env.insert(QStringLiteral("REQUEST_METHOD"), QString::fromLatin1(request.method));
    env.insert(QStringLiteral("CONTENT_TYPE"), QString::fromUtf8(request.header("content-type")));
    env.insert(QStringLiteral("CONTENT_LENGTH"), QString::number(request.body.size()));
    env.insert(QStringLiteral("GATEWAY_INTERFACE"), QStringLiteral("CGI/1.1"));
    env.insert(QStringLiteral("SERVER_PROTOCOL"), QStringLiteral("HTTP/1.1"));
    const QByteArray protocol = request.header("git-protocol");
    if (!protocol.isEmpty())
        env.insert(QStringLiteral("HTTP_GIT_PROTOCOL"), QString::fromUtf8(protocol));
    const QByteArray encoding = request.header("content-encoding");
    if (!encoding.isEmpty())
        env.insert(QStringLiteral("HTTP_CONTENT_ENCODING"), QString::fromUtf8(encoding));
    for (auto it = extraEnvironment.cbegin(); it != extraEnvironment.cend(); ++it)
        env.insert(it.key(), it.value());
    process->setProcessEnvironment(env);
    process->setProgram(backendProgram());

    connect(process, &QProcess::started, process, [process, body = request.body] {
        process->write(body);
        process->closeWriteChannel();
    });
    connect(process, &QProcess::finished, this, [process, done](int exitCode, QProcess::ExitStatus status) {
        process->deleteLater();
        const QByteArray out = process->readAllStandardOutput();
        HttpResponse r;
        if (status != QProcess::NormalExit) {
            r = HttpResponse::text(500, "git http-backend crashed\n");
            done(r);
            return;
        }
        qsizetype split = out.indexOf("\r\n\r\n");
        qsizetype skip = 4;
        if (split < 0) {
            split = out.indexOf("\n\n");
            skip = 2;
        }
        if (split < 0) {
            r = HttpResponse::text(500,
                                   "git http-backend: no CGI header (exit " + QByteArray::number(exitCode) + ")\n");
            done(r);
            return;
        }
        const QList<QByteArray> lines = out.left(split).split('\n');
        for (const QByteArray &raw : lines) {
            const QByteArray line = raw.trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name.compare("Status", Qt::CaseInsensitive) == 0)
                r.status = value.left(3).toInt();
            else
                r.setHeader(name, value);
        }
        r.body = out.mid(split + skip);
        done(r);
    });
    connect(process, &QProcess::errorOccurred, this, [process, done](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            process->deleteLater();
            done(HttpResponse::text(500, "git http-backend is not available\n"));
        }
    });
    process->start();
}

} // namespace Dockmaster
