#include "core/render/configvalidation.h"

#include "core/render/yamlsyntax.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>

#include <grp.h>
#include <pwd.h>

namespace Dockmaster {
namespace {

constexpr int toolTimeoutMs = 20000;

// The strings' context at run time. Not a free tr(): lupdate files a free
// function's tr() under the enclosing namespace, where no lookup finds it.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(Dockmaster::ConfigValidation)
};

QString findTool(const QString &name)
{
    const QString onPath = QStandardPaths::findExecutable(name);
    if (!onPath.isEmpty())
        return onPath;
    // nginx and php-fpm live in sbin, which a desktop user's PATH often lacks.
    return QStandardPaths::findExecutable(
        name, { QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"), QStringLiteral("/usr/local/sbin") });
}

struct ProcessOutput {
    bool started = false;
    int exitCode = -1;
    QString output;
};

ProcessOutput runTool(const QString &program, const QStringList &arguments, const QString &workingDirectory = {})
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start(program, arguments);
    ProcessOutput result;
    if (!process.waitForStarted(toolTimeoutMs))
        return result;
    result.started = true;
    if (!process.waitForFinished(toolTimeoutMs)) {
        process.kill();
        process.waitForFinished(1000);
        result.output = Text::tr("%1 did not finish in time.").arg(QFileInfo(program).fileName());
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.output = QString::fromUtf8(process.readAll());
    return result;
}

// A tool that exits with a failure but names no error still fails the file:
// its whole output (or `silent` when it printed nothing) is the error.
void addUnexplainedFailure(const ProcessOutput &out, const QString &silent, QList<ValidationIssue> *issues)
{
    const bool explained = std::any_of(issues->cbegin(), issues->cend(), [](const ValidationIssue &i) {
        return i.severity == ValidationIssue::Severity::Error;
    });
    if (out.exitCode != 0 && !explained)
        issues->append(ValidationIssue::error(0, out.output.trimmed().isEmpty() ? silent : out.output.trimmed()));
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
}

QList<QByteArray> splitLines(const QByteArray &content)
{
    return content.split('\n');
}

// Rewrites, line by line (so line numbers stay), the directives whose
// arguments are paths on the target host: logs go to /dev/null and missing
// certificates are replaced by a throwaway pair, so nginx -t checks syntax
// and semantics without needing the host's files or root.
quint16 freeLoopbackPort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

QByteArray nginxForLocalCheck(const QByteArray &content, const QString &certificate, const QString &key,
                              QList<ValidationIssue> *issues)
{
    // nginx -t binds every listen address: the host's addresses and ports
    // (80, 443, the container port) are not ours to bind here, so each
    // distinct one is checked for form and then moved to a free loopback port.
    static const QRegularExpression listenLine(QStringLiteral("^(\\s*listen\\s+)([^;\\s]+)"));
    static const QRegularExpression listenTarget(QStringLiteral(
        "\\A(?:(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
        ":|\\[[0-9A-Fa-f:]+\\]:|\\*:|localhost:)?([0-9]{1,5})\\z"));
    QHash<QString, quint16> movedPorts;
    static const QRegularExpression logLine(QStringLiteral("^(\\s*(?:access_log|error_log)\\s+)([^;\\s]+)"));
    static const QRegularExpression certLine(
        QStringLiteral("^(\\s*)(ssl_certificate|ssl_certificate_key)(\\s+)([^;\\s]+)"));
    QList<QByteArray> lines = splitLines(content);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QByteArray &raw = lines[i];
        QString line = QString::fromUtf8(raw);
        const QRegularExpressionMatch log = logLine.match(line);
        const QRegularExpressionMatch listen = listenLine.match(line);
        if (listen.hasMatch()) {
            const QString target = listen.captured(2);
            const QRegularExpressionMatch parts = listenTarget.match(target);
            const int port = parts.hasMatch() ? parts.captured(1).toInt() : 0;
            if (port < 1 || port > 65535) {
                issues->append(ValidationIssue::error(
                    static_cast<int>(i + 1),
                    Text::tr("listen needs an IPv4 address and port such as 127.0.0.1:8080, or a port.")));
            } else {
                if (!movedPorts.contains(target))
                    movedPorts.insert(target, freeLoopbackPort());
                line.replace(listen.capturedStart(2), listen.capturedLength(2),
                             QStringLiteral("127.0.0.1:%1").arg(movedPorts.value(target)));
            }
        } else if (log.hasMatch() && log.captured(2) != QLatin1String("off")) {
            line.replace(log.capturedStart(2), log.capturedLength(2), QStringLiteral("/dev/null"));
        } else if (const QRegularExpressionMatch cert = certLine.match(line); cert.hasMatch()) {
            const QFileInfo existing(cert.captured(4));
            if (!existing.isFile() || !existing.isReadable()) {
                const QString stand = cert.captured(2) == QLatin1String("ssl_certificate") ? certificate : key;
                line.replace(cert.capturedStart(4), cert.capturedLength(4), stand);
            }
        }
        raw = line.toUtf8();
    }
    return lines.join('\n');
}

QList<ValidationIssue> checkNginx(const QString &nginx, const QString &openssl, const QByteArray &content,
                                  QString *checker)
{
    QTemporaryDir dir;
    if (!dir.isValid())
        return { ValidationIssue::error(0, Text::tr("Cannot create a temporary folder for nginx -t.")) };
    QDir().mkpath(dir.filePath(QStringLiteral("conf")));
    QDir().mkpath(dir.filePath(QStringLiteral("logs")));
    QDir().mkpath(dir.filePath(QStringLiteral("tmp")));
    const QString certificate = dir.filePath(QStringLiteral("conf/standin.crt"));
    const QString key = dir.filePath(QStringLiteral("conf/standin.key"));
    if (content.contains("ssl_certificate") && !openssl.isEmpty()) {
        runTool(openssl,
                { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                  QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                  QStringLiteral("-subj"), QStringLiteral("/CN=dockmaster-check"), QStringLiteral("-days"),
                  QStringLiteral("1"), QStringLiteral("-keyout"), key, QStringLiteral("-out"), certificate });
    }
    const QString site = dir.filePath(QStringLiteral("conf/site.conf"));
    const QByteArray wrapper = QByteArrayLiteral("worker_processes 1;\npid logs/nginx.pid;\nerror_log stderr;\n"
                                                 "events { worker_connections 64; }\nhttp {\n"
                                                 "  access_log off;\n  client_body_temp_path tmp/body;\n"
                                                 "  proxy_temp_path tmp/proxy;\n  fastcgi_temp_path tmp/fastcgi;\n"
                                                 "  uwsgi_temp_path tmp/uwsgi;\n  scgi_temp_path tmp/scgi;\n  include ")
        + site.toUtf8() + QByteArrayLiteral(";\n}\n");
    QList<ValidationIssue> issues;
    if (!writeFile(site, nginxForLocalCheck(content, certificate, key, &issues))
        || !writeFile(dir.filePath(QStringLiteral("conf/nginx.conf")), wrapper))
        return { ValidationIssue::error(0, Text::tr("Cannot write the files for nginx -t.")) };

    *checker = QStringLiteral("nginx -t");
    const ProcessOutput out
        = runTool(nginx,
                  { QStringLiteral("-t"), QStringLiteral("-q"), QStringLiteral("-p"), dir.path(), QStringLiteral("-c"),
                    QStringLiteral("conf/nginx.conf"), QStringLiteral("-e"), QStringLiteral("stderr") });
    if (!out.started)
        return { ValidationIssue::error(0, Text::tr("nginx could not be started.")) };
    static const QRegularExpression message(
        QStringLiteral("\\[(emerg|alert|crit|error|warn)\\] (.*?)(?: in (\\S+):(\\d+))?$"));
    const QStringList lines = out.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const QRegularExpressionMatch match = message.match(line);
        if (!match.hasMatch())
            continue;
        const bool inSite = match.captured(3) == site;
        const int lineNumber = inSite ? match.captured(4).toInt() : 0;
        QString text = match.captured(2);
        text.replace(dir.path() + QLatin1Char('/'), QString());
        issues.append(match.captured(1) == QLatin1String("warn") ? ValidationIssue::warning(lineNumber, text)
                                                                 : ValidationIssue::error(lineNumber, text));
    }
    addUnexplainedFailure(out, Text::tr("nginx -t failed."), &issues);
    return issues;
}

bool userExists(const QString &name)
{
    return getpwnam(name.toUtf8().constData()) != nullptr;
}

bool groupExists(const QString &name)
{
    return getgrnam(name.toUtf8().constData()) != nullptr;
}

// php-fpm -t resolves the pool's users; those exist on the target host, not
// necessarily here, so unknown ones are swapped (same line) for nobody.
QByteArray poolForLocalCheck(const QByteArray &content)
{
    static const QRegularExpression userLine(
        QStringLiteral("^(\\s*(user|group|listen\\.owner|listen\\.group)\\s*=\\s*)([A-Za-z0-9_.-]+)\\s*$"));
    QList<QByteArray> lines = splitLines(content);
    for (QByteArray &raw : lines) {
        const QString line = QString::fromUtf8(raw);
        const QRegularExpressionMatch match = userLine.match(line);
        if (!match.hasMatch())
            continue;
        const bool isGroup = match.captured(2).endsWith(QLatin1String("group"));
        const QString name = match.captured(3);
        if (isGroup ? groupExists(name) : userExists(name))
            continue;
        raw = (match.captured(1) + (isGroup ? QStringLiteral("nogroup") : QStringLiteral("nobody"))).toUtf8();
    }
    return lines.join('\n');
}

QList<ValidationIssue> checkPhpFpm(const QString &phpFpm, const QByteArray &content, QString *checker)
{
    QTemporaryDir dir;
    if (!dir.isValid())
        return { ValidationIssue::error(0, Text::tr("Cannot create a temporary folder for php-fpm -t.")) };
    const QString pool = dir.filePath(QStringLiteral("pool.conf"));
    const QString wrapper = dir.filePath(QStringLiteral("php-fpm.conf"));
    const QByteArray global = QByteArrayLiteral("[global]\nerror_log = /dev/null\ndaemonize = no\npid = ")
        + dir.filePath(QStringLiteral("php-fpm.pid")).toUtf8() + QByteArrayLiteral("\ninclude = ") + pool.toUtf8()
        + '\n';
    if (!writeFile(pool, poolForLocalCheck(content)) || !writeFile(wrapper, global))
        return { ValidationIssue::error(0, Text::tr("Cannot write the files for php-fpm -t.")) };
    *checker = QFileInfo(phpFpm).fileName() + QStringLiteral(" -t");
    const ProcessOutput out = runTool(phpFpm, { QStringLiteral("-t"), QStringLiteral("-y"), wrapper });
    if (!out.started)
        return { ValidationIssue::error(0, Text::tr("php-fpm could not be started.")) };
    QList<ValidationIssue> issues;
    static const QRegularExpression message(QStringLiteral("(ERROR|ALERT|WARNING): (.*)$"));
    static const QRegularExpression location(QStringLiteral("\\[(\\S+):(\\d+)\\] ?"));
    const QStringList lines = out.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const QRegularExpressionMatch match = message.match(line);
        if (!match.hasMatch())
            continue;
        QString text = match.captured(2);
        int lineNumber = 0;
        const QRegularExpressionMatch where = location.match(text);
        if (where.hasMatch() && where.captured(1) == pool) {
            lineNumber = where.captured(2).toInt();
            text.remove(where.capturedStart(), where.capturedLength());
        }
        text.replace(dir.path() + QLatin1Char('/'), QString());
        if (text.startsWith(QLatin1String("FPM initialization failed")))
            continue;
        issues.append(match.captured(1) == QLatin1String("WARNING") ? ValidationIssue::warning(lineNumber, text)
                                                                    : ValidationIssue::error(lineNumber, text));
    }
    addUnexplainedFailure(out, Text::tr("php-fpm -t failed."), &issues);
    return issues;
}

// docker-compose names the offending key, not the line; find the key's line.
int lineOfYamlKeyPath(const QByteArray &content, const QString &path)
{
    const QStringList keys = path.split(QLatin1Char('.'), Qt::SkipEmptyParts);
    if (keys.isEmpty())
        return 0;
    const QList<QByteArray> lines = splitLines(content);
    qsizetype keyIndex = 0;
    int found = 0;
    for (qsizetype i = 0; i < lines.size() && keyIndex < keys.size(); ++i) {
        const QString trimmed = QString::fromUtf8(lines.at(i)).trimmed();
        if (trimmed.startsWith(keys.at(keyIndex) + QLatin1Char(':'))) {
            found = static_cast<int>(i + 1);
            ++keyIndex;
        }
    }
    return found;
}

QList<ValidationIssue> checkCompose(const QString &compose, const QByteArray &content, QString *checker)
{
    QTemporaryDir dir;
    if (!dir.isValid())
        return { ValidationIssue::error(0, Text::tr("Cannot create a temporary folder for docker-compose config.")) };
    const QString file = dir.filePath(QStringLiteral("docker-compose.yaml"));
    if (!writeFile(file, content))
        return { ValidationIssue::error(0, Text::tr("Cannot write the file for docker-compose config.")) };
    *checker = QStringLiteral("docker-compose config");
    const ProcessOutput out
        = runTool(compose, { QStringLiteral("-f"), file, QStringLiteral("config"), QStringLiteral("-q") }, dir.path());
    if (!out.started)
        return { ValidationIssue::error(0, Text::tr("docker-compose could not be started.")) };
    if (out.exitCode == 0)
        return {};
    static const QRegularExpression yamlLine(QStringLiteral("line (\\d+)"));
    static const QRegularExpression keyPath(
        QStringLiteral("((?:services|networks|volumes|secrets|configs)(?:\\.[A-Za-z0-9_-]+)+)"));
    QString text = out.output.trimmed();
    text.replace(file, QFileInfo(file).fileName());
    text.replace(dir.path() + QLatin1Char('/'), QString());
    int lineNumber = 0;
    if (const QRegularExpressionMatch m = yamlLine.match(text); m.hasMatch())
        lineNumber = m.captured(1).toInt();
    else if (const QRegularExpressionMatch k = keyPath.match(text); k.hasMatch())
        lineNumber = lineOfYamlKeyPath(content, k.captured(1));
    return { ValidationIssue::error(lineNumber, text) };
}

// A YAML parse in-process (yaml-cpp): no interpreter needed at run time.
QList<ValidationIssue> checkYaml(const QByteArray &content, QString *checker)
{
    *checker = QStringLiteral("yaml");
    const std::optional<YamlSyntaxError> found = YamlSyntax::firstError(content);
    if (!found)
        return {};
    ValidationIssue issue = ValidationIssue::error(found->line, found->message, found->column);
    if (found->column > 0)
        issue.message = QCoreApplication::translate("Dockmaster::ConfigValidation", "column %1: %2")
                            .arg(found->column)
                            .arg(found->message);
    return { issue };
}

} // namespace

bool ValidationReport::ok() const
{
    return errors().isEmpty();
}

QList<ValidationIssue> ValidationReport::errors() const
{
    QList<ValidationIssue> result;
    for (const ValidationIssue &issue : issues) {
        if (issue.severity == ValidationIssue::Severity::Error)
            result.append(issue);
    }
    return result;
}

ConfigValidation::Tools ConfigValidation::Tools::detect()
{
    Tools tools;
    tools.nginx = findTool(QStringLiteral("nginx"));
    tools.phpFpm = findTool(QStringLiteral("php-fpm8.4"));
    if (tools.phpFpm.isEmpty())
        tools.phpFpm = findTool(QStringLiteral("php-fpm"));
    tools.dockerCompose = findTool(QStringLiteral("docker-compose"));
    tools.openssl = findTool(QStringLiteral("openssl"));
    return tools;
}

ValidationReport ConfigValidation::run(const QString &fileName, const QByteArray &content, ConfigFileKind kind,
                                       const Tools &tools)
{
    ValidationReport report;
    report.file = fileName;
    report.kind = kind == ConfigFileKind::Auto ? configFileKindForPath(fileName) : kind;
    report.checker = QStringLiteral("structural");

    switch (report.kind) {
    case ConfigFileKind::NginxSite:
        report.realTool = !tools.nginx.isEmpty();
        report.issues = report.realTool ? checkNginx(tools.nginx, tools.openssl, content, &report.checker)
                                        : structuralNginx(content);
        break;
    case ConfigFileKind::PhpFpmPool:
        report.realTool = !tools.phpFpm.isEmpty();
        report.issues = report.realTool ? checkPhpFpm(tools.phpFpm, content, &report.checker) : structuralIni(content);
        break;
    case ConfigFileKind::Compose:
        // Without docker-compose the YAML parse still runs, in-process.
        report.realTool = true;
        report.issues = tools.dockerCompose.isEmpty() ? checkYaml(content, &report.checker)
                                                      : checkCompose(tools.dockerCompose, content, &report.checker);
        break;
    case ConfigFileKind::GitlabCi:
        report.issues = checkYaml(content, &report.checker);
        report.realTool = true;
        break;
    case ConfigFileKind::Auto:
    case ConfigFileKind::Yaml:
    case ConfigFileKind::Php:
    case ConfigFileKind::Shell:
    case ConfigFileKind::Other:
        break;
    }
    report.issues.append(policy(report.kind, content));
    std::stable_sort(report.issues.begin(), report.issues.end(),
                     [](const ValidationIssue &a, const ValidationIssue &b) { return a.line < b.line; });
    return report;
}

QList<ValidationIssue> ConfigValidation::structuralNginx(const QByteArray &content)
{
    QList<ValidationIssue> issues;
    const QString text = QString::fromUtf8(content);
    int line = 1;
    int depth = 0;
    QList<int> openLines;
    QChar quote;
    int quoteLine = 0;
    bool comment = false;
    bool pendingWords = false; // a statement has started but not ended
    int statementLine = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\n')) {
            ++line;
            comment = false;
            continue;
        }
        if (comment)
            continue;
        if (!quote.isNull()) {
            if (c == QLatin1Char('\\'))
                ++i;
            else if (c == quote)
                quote = QChar();
            continue;
        }
        if (c == QLatin1Char('#')) {
            comment = true;
        } else if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            quote = c;
            quoteLine = line;
            pendingWords = true;
        } else if (c == QLatin1Char('{')) {
            ++depth;
            openLines.append(line);
            pendingWords = false;
        } else if (c == QLatin1Char('}')) {
            if (pendingWords)
                issues.append(
                    ValidationIssue::error(statementLine, Text::tr("missing ';' at the end of this directive.")));
            pendingWords = false;
            if (depth == 0) {
                issues.append(ValidationIssue::error(line, Text::tr("unexpected '}'.")));
            } else {
                --depth;
                openLines.removeLast();
            }
        } else if (c == QLatin1Char(';')) {
            pendingWords = false;
        } else if (!c.isSpace()) {
            if (!pendingWords)
                statementLine = line;
            pendingWords = true;
        }
    }
    if (!quote.isNull())
        issues.append(ValidationIssue::error(quoteLine, Text::tr("this quote is never closed.")));
    if (pendingWords)
        issues.append(ValidationIssue::error(statementLine, Text::tr("missing ';' at the end of this directive.")));
    for (const int open : std::as_const(openLines))
        issues.append(ValidationIssue::error(open, Text::tr("this '{' is never closed.")));
    return issues;
}

QList<ValidationIssue> ConfigValidation::structuralIni(const QByteArray &content)
{
    static const QRegularExpression section(QStringLiteral("^\\[[A-Za-z0-9_.-]+\\]$"));
    static const QRegularExpression entry(QStringLiteral("^[A-Za-z0-9_.]+(?:\\[[A-Za-z0-9_.]+\\])?\\s*=.*$"));
    QList<ValidationIssue> issues;
    const QList<QByteArray> lines = splitLines(content);
    bool inSection = false;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = QString::fromUtf8(lines.at(i)).trimmed();
        const int number = static_cast<int>(i + 1);
        if (line.isEmpty() || line.startsWith(QLatin1Char(';')) || line.startsWith(QLatin1Char('#')))
            continue;
        if (section.match(line).hasMatch()) {
            inSection = true;
        } else if (!entry.match(line).hasMatch()) {
            issues.append(ValidationIssue::error(number, Text::tr("expected \"name = value\" or \"[pool]\".")));
        } else if (!inSection) {
            issues.append(ValidationIssue::error(number, Text::tr("this setting comes before any [pool] section.")));
        }
    }
    return issues;
}

QList<ValidationIssue> ConfigValidation::policy(ConfigFileKind kind, const QByteArray &content)
{
    struct Rule {
        ConfigFileKind kind;
        const char *pattern;
        const char *message;
    };
    // The platform's non-negotiables (PLATFORM.md): checked on every file, with
    // or without the real tools.
    static const Rule forbidden[] = {
        { ConfigFileKind::GitlabCi, "StrictHostKeyChecking\\s*[= ]\\s*(no|off|accept-new)\\b",
          QT_TRANSLATE_NOOP("Dockmaster::ConfigValidation",
                            "the deploy job must pin the host key; never disable "
                            "StrictHostKeyChecking.") },
        { ConfigFileKind::GitlabCi, "UserKnownHostsFile\\s*[= ]\\s*/dev/null",
          QT_TRANSLATE_NOOP("Dockmaster::ConfigValidation", "the deploy job must keep the pinned known_hosts file.") },
        { ConfigFileKind::Compose, "network_mode:\\s*[\"']?host",
          QT_TRANSLATE_NOOP("Dockmaster::ConfigValidation", "apps must not use the host network.") },
        { ConfigFileKind::Compose, "privileged:\\s*true",
          QT_TRANSLATE_NOOP("Dockmaster::ConfigValidation", "apps must not run privileged containers.") },
        { ConfigFileKind::Compose, "^\\s*-\\s*[\"']?(/var/run/docker\\.sock|/run/docker\\.sock)",
          QT_TRANSLATE_NOOP("Dockmaster::ConfigValidation", "apps must not see the container engine's socket.") },
        { ConfigFileKind::NginxSite, "^\\s*server_tokens\\s+on\\s*;",
          QT_TRANSLATE_NOOP("Dockmaster::ConfigValidation", "keep server_tokens off.") },
    };
    QList<ValidationIssue> issues;
    const QList<QByteArray> lines = splitLines(content);
    for (const Rule &rule : forbidden) {
        if (rule.kind != kind)
            continue;
        const QRegularExpression expression(QString::fromLatin1(rule.pattern),
                                            QRegularExpression::CaseInsensitiveOption);
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QString line = QString::fromUtf8(lines.at(i));
            if (line.trimmed().startsWith(QLatin1Char('#')))
                continue;
            if (expression.match(line).hasMatch())
                issues.append(
                    ValidationIssue::error(static_cast<int>(i + 1),
                                           QCoreApplication::translate("Dockmaster::ConfigValidation", rule.message)));
        }
    }
    static const QRegularExpression conflictMarker(QStringLiteral("^(<<<<<<< |=======$|>>>>>>> )"));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (conflictMarker.match(QString::fromUtf8(lines.at(i))).hasMatch())
            issues.append(ValidationIssue::error(static_cast<int>(i + 1), Text::tr("leftover merge conflict marker.")));
    }
    if (kind == ConfigFileKind::GitlabCi && !content.contains("environment:"))
        issues.append(ValidationIssue::error(
            0, Text::tr("the deploy job needs an environment: section so GitLab records deployments.")));
    static const QRegularExpression upstreamBlock(QStringLiteral("^\\s*upstream\\s+\\S+\\s*\\{"),
                                                  QRegularExpression::MultilineOption);
    if (kind == ConfigFileKind::NginxSite && upstreamBlock.match(QString::fromUtf8(content)).hasMatch()
        && !content.contains(" backup"))
        issues.append(ValidationIssue::warning(
            0, Text::tr("the upstream has no backup server: nothing answers when the container is down.")));
    return issues;
}

} // namespace Dockmaster
