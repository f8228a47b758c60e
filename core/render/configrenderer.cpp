#include "core/render/configrenderer.h"

#include "core/domain/platformvariables.h"
#include "core/render/templateengine.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace Dockmaster {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Dockmaster::ConfigRenderer", text);
}

// Functions a hosted plugin never needs and an attacker always wants: process
// execution, signals and privilege changes, loading code, environment writes.
const QString disabledFunctions
    = QStringLiteral("exec,passthru,shell_exec,system,proc_open,popen,proc_nice,proc_terminate,proc_get_status,"
                     "pcntl_exec,pcntl_fork,pcntl_signal,pcntl_alarm,pcntl_waitpid,posix_kill,posix_setuid,"
                     "posix_setgid,posix_seteuid,posix_setegid,posix_setpgid,posix_setsid,posix_mkfifo,dl,putenv,"
                     "mail,symlink,link,chgrp,chown,lchown,lchgrp,ini_restore,openlog,syslog");

QString number(int value)
{
    return QString::number(value);
}

// A literal for an nginx regular expression: the checked values only hold
// letters, digits and "/_.-", of which the dot is special.
QString regexLiteral(const QString &text)
{
    QString out = text;
    return out.replace(QLatin1Char('.'), QStringLiteral("\\."));
}

// Headers of these names from clients never reach the plugin: set empty,
// nginx does not send them at all.
QString noIdentityHeaders()
{
    return QStringLiteral("        proxy_set_header X-Platform-User \"\";\n"
                          "        proxy_set_header X-Platform-Roles \"\";\n"
                          "        proxy_set_header X-Platform-Permissions \"\";");
}

// Identity at the edge (issue 18), as pieces of the outer site. Off (no
// sign-in check): the X-Platform-* headers are still set empty, so a client
// can never send them to the plugin. On: every request is first checked by
// the company's auth endpoint (auth_request), which answers 2xx with the
// user and roles, 401 or 403; the permissions the admins granted to those
// roles for this app and environment are worked out here (a map per
// permission), and anonymous paths skip the check.
void insertIdentity(QHash<QString, QString> &v, const RenderInput &input)
{
    const QString id = input.appId() + QLatin1Char('_') + input.environmentKey();
    const QString user = QStringLiteral("$platform_user_") + id;
    const QString roles = QStringLiteral("$platform_roles_") + id;
    if (input.authUrl().isEmpty()) {
        v.insert(QStringLiteral("identity_maps"), QString());
        v.insert(QStringLiteral("identity_locations"), QString());
        v.insert(QStringLiteral("identity_check"), QString());
        v.insert(QStringLiteral("identity_headers"), noIdentityHeaders());
        return;
    }
    QStringList maps;
    QStringList permissionVariables;
    const QList<RenderInput::Grant> grants = input.permissionGrants();
    for (qsizetype i = 0; i < grants.size(); ++i) {
        const QString variable = QStringLiteral("$platform_permission_%1_%2").arg(id).arg(i);
        QStringList alternatives;
        for (const QString &role : grants.at(i).roles)
            alternatives.append(regexLiteral(role));
        maps.append(QStringLiteral("map %1 %2 {\n    default \"\";\n    \"~(^|,)\\s*(%3)\\s*(,|$)\" \"%4\";\n}")
                        .arg(roles, variable, alternatives.join(QLatin1Char('|')), grants.at(i).permission));
        permissionVariables.append(variable);
    }
    v.insert(QStringLiteral("identity_maps"),
             QStringLiteral("# The permissions granted to roles for this app and environment (managed in\n"
                            "# Dockmaster).\n")
                 + maps.join(QStringLiteral("\n")) + QLatin1Char('\n'));

    QString unauthenticated;
    if (!input.loginUrl().isEmpty()) {
        unauthenticated = QStringLiteral("    error_page 401 = @platform_login_%1;\n"
                                         "    location @platform_login_%1 {\n"
                                         "        return 302 %2?rd=https://$host$request_uri;\n"
                                         "    }\n")
                              .arg(id, input.loginUrl());
    }
    v.insert(QStringLiteral("identity_locations"),
             QStringLiteral("    # The company's sign-in check, asked before every request (not the body).\n"
                            "    location = /_platform_auth_%1 {\n"
                            "        internal;\n"
                            "        proxy_pass %2;\n"
                            "        proxy_pass_request_body off;\n"
                            "        proxy_set_header Content-Length \"\";\n"
                            "        proxy_set_header X-Original-URI $request_uri;\n"
                            "        proxy_set_header X-Original-Method $request_method;\n"
                            "        proxy_set_header X-Platform-App %3;\n"
                            "        proxy_set_header X-Platform-Environment %4;\n"
                            "        proxy_connect_timeout 5s;\n"
                            "        proxy_read_timeout 10s;\n"
                            "    }\n")
                     .arg(id, input.authUrl(), input.appId(), input.environmentKey())
                 + unauthenticated);
    v.insert(QStringLiteral("identity_check"),
             QStringLiteral("        auth_request /_platform_auth_%1;\n"
                            "        auth_request_set %2 $upstream_http_x_platform_user;\n"
                            "        auth_request_set %3 $upstream_http_x_platform_roles;")
                 .arg(id, user, roles));
    // Set (possibly empty, then not sent) whatever the client sent.
    v.insert(QStringLiteral("identity_headers"),
             QStringLiteral("        proxy_set_header X-Platform-User %1;\n"
                            "        proxy_set_header X-Platform-Roles %2;\n"
                            "        proxy_set_header X-Platform-Permissions \"%3\";")
                 .arg(user, roles, permissionVariables.join(QLatin1Char(','))));
}

// nginx-outer-proxy.in, once for the signed-in locations and once for each
// path open without signing in: its own location, matched on nginx's
// normalised path (so "/public/../admin" is not open), with no sign-in
// check and no identity.
void insertProxyBlocks(QHash<QString, QString> &v, const RenderInput &input)
{
    QFile file(QStringLiteral(":/templates/nginx-outer-proxy.in"));
    const QString snippet = file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    auto render = [&](const QString &identityHeaders) {
        QHash<QString, QString> values = v;
        values.insert(QStringLiteral("identity_headers"), identityHeaders);
        return TemplateEngine::render(snippet, values).text.trimmed().prepend(QStringLiteral("        "));
    };
    v.insert(QStringLiteral("proxy_to_app"), render(v.value(QStringLiteral("identity_headers"))));
    if (input.authUrl().isEmpty())
        return;
    const QString open = render(noIdentityHeaders());
    QString locations = v.value(QStringLiteral("identity_locations"));
    for (const QString &path : input.anonymousPaths()) {
        locations += QStringLiteral("    location %1 %2 {\n%3\n    }\n")
                         .arg(path.endsWith(QLatin1Char('/')) ? QStringLiteral("^~") : QStringLiteral("="), path, open);
    }
    v.insert(QStringLiteral("identity_locations"), locations);
}

QHash<QString, QString> valuesFor(const RenderInput &input)
{
    QHash<QString, QString> v;
    v.insert(QStringLiteral("app_id"), input.appId());
    v.insert(QStringLiteral("environment"), input.environmentKey());
    v.insert(QStringLiteral("branch"), input.branch());
    v.insert(QStringLiteral("site_name"), input.siteName());
    v.insert(QStringLiteral("project_name"), input.siteName());
    v.insert(QStringLiteral("upstream_name"), input.appId() + QLatin1Char('_') + input.environmentKey());
    v.insert(QStringLiteral("host_name"), input.hostName());
    v.insert(QStringLiteral("host_address"), input.hostAddress());
    v.insert(QStringLiteral("container_port"), number(input.containerPort()));
    v.insert(QStringLiteral("fallback_port"), number(input.fallbackPort()));
    v.insert(QStringLiteral("listen_address"), input.listenAddress());
    v.insert(QStringLiteral("http_port"), number(input.httpPort()));
    v.insert(QStringLiteral("https_port"), number(input.httpsPort()));
    v.insert(QStringLiteral("https_port_suffix"),
             input.httpsPort() == 443 ? QString() : QLatin1Char(':') + number(input.httpsPort()));
    v.insert(QStringLiteral("domain"), input.domain());
    v.insert(QStringLiteral("image"), input.image());
    v.insert(QStringLiteral("ci_image"), input.ciImage());
    v.insert(QStringLiteral("memory_limit_mb"), number(input.memoryLimitMb()));
    v.insert(
        QStringLiteral("cpus"),
        QStringLiteral("%1.%2").arg(input.cpuMillis() / 1000).arg(input.cpuMillis() % 1000, 3, 10, QLatin1Char('0')));
    v.insert(QStringLiteral("pids_limit"), number(input.pidsLimit()));
    v.insert(QStringLiteral("php_memory_limit_mb"), number(input.phpMemoryLimitMb()));
    v.insert(QStringLiteral("php_max_execution"), number(input.phpMaxExecutionSeconds()));
    v.insert(QStringLiteral("upload_max_mb"), number(input.phpUploadMaxMb()));
    v.insert(QStringLiteral("php_max_children"), number(input.phpMaxChildren()));
    v.insert(QStringLiteral("connect_timeout"), number(input.connectTimeoutSeconds()));
    v.insert(QStringLiteral("read_timeout"), number(input.readTimeoutSeconds()));
    v.insert(QStringLiteral("fail_timeout"), number(input.failTimeoutSeconds()));
    v.insert(QStringLiteral("tls_certificate"), input.tlsCertificatePath());
    v.insert(QStringLiteral("tls_certificate_key"), input.tlsKeyPath());
    v.insert(QStringLiteral("app_root"), input.appRoot());
    v.insert(QStringLiteral("code_dir"), input.codeDir());
    v.insert(QStringLiteral("conf_dir"), input.confDir());
    v.insert(QStringLiteral("tmp_dir"), input.tmpDir());
    v.insert(QStringLiteral("fallback_socket"), input.fallbackSocket());
    v.insert(QStringLiteral("access_log"),
             input.logDir() + QLatin1Char('/') + input.siteName() + QStringLiteral(".access.log"));
    v.insert(QStringLiteral("fallback_access_log"),
             input.logDir() + QLatin1Char('/') + input.siteName() + QStringLiteral("-fallback.access.log"));
    v.insert(QStringLiteral("nginx_sites_dir"), input.nginxSitesDir());
    v.insert(QStringLiteral("fpm_pool_dir"), input.fpmPoolDir());
    v.insert(QStringLiteral("deploy_user"), input.deployUser());
    v.insert(QStringLiteral("disable_functions"), disabledFunctions);

    // The platform's variables first: the deploy job exports those it has
    // (an app set up before the key/value store existed has none; php-fpm
    // then passes an empty value, which the SDK reads as "not configured").
    QStringList envLines;
    QStringList composeLines { QStringLiteral("environment:") };
    const QStringList names = PlatformVariables::keyValueNames() + input.extraEnvNames();
    for (const QString &name : names) {
        envLines.append(QStringLiteral("env[%1] = $%1").arg(name));
        composeLines.append(QStringLiteral("  - ") + name);
    }
    v.insert(QStringLiteral("fpm_env_lines"), envLines.join(QLatin1Char('\n')));
    v.insert(QStringLiteral("compose_environment"), composeLines.join(QLatin1Char('\n')));
    v.insert(QStringLiteral("platform_variable_names"), PlatformVariables::keyValueNames().join(QLatin1Char(' ')));
    insertIdentity(v, input);
    insertProxyBlocks(v, input);
    return v;
}

struct Template {
    const char *resource;
    const char *output;
};

} // namespace

QStringList ConfigRenderer::filePaths(FallbackMode mode)
{
    QStringList paths { QStringLiteral("conf/nginx-outer.conf"), QStringLiteral("conf/nginx-fallback.conf") };
    if (mode == FallbackMode::HardenedPhp)
        paths.append(QStringLiteral("conf/php-fpm-fallback.conf"));
    else
        paths.append(QStringLiteral("conf/maintenance/index.html"));
    paths.append({ QStringLiteral("conf/nginx-container.conf"), QStringLiteral("conf/php-fpm-container.conf"),
                   QStringLiteral("conf/docker-compose.yaml"), QStringLiteral(".gitlab-ci.yml") });
    return paths;
}

ConfigRenderer::Result ConfigRenderer::render(const RenderInput &input)
{
    Result result;
    QHash<QString, QString> values = valuesFor(input);
    const bool php = input.fallbackMode() == FallbackMode::HardenedPhp;

    auto load = [&result](const QString &name) -> QString {
        QFile file(QStringLiteral(":/templates/") + name);
        if (!file.open(QIODevice::ReadOnly)) {
            result.error = tr("The template %1 is missing from this build.").arg(name);
            return {};
        }
        return QString::fromUtf8(file.readAll());
    };
    auto fill = [&result, &values](const QString &name, const QString &text) -> QString {
        const TemplateEngine::Result rendered = TemplateEngine::render(text, values);
        if (!rendered.ok())
            result.error = tr("Template %1: %2").arg(name, rendered.error);
        return rendered.text;
    };

    // The deploy job's fallback step is a fragment chosen by the mode.
    const QString fragmentName = php ? QStringLiteral("ci-fallback-php.in") : QStringLiteral("ci-fallback-static.in");
    QString fragment = fill(fragmentName, load(fragmentName));
    while (fragment.endsWith(QLatin1Char('\n')))
        fragment.chop(1);
    values.insert(QStringLiteral("fallback_deploy"), fragment);

    const QStringList outputs = filePaths(input.fallbackMode());
    const QStringList templates {
        QStringLiteral("nginx-outer.conf.in"),
        php ? QStringLiteral("nginx-fallback-php.conf.in") : QStringLiteral("nginx-fallback-static.conf.in"),
        php ? QStringLiteral("php-fpm-fallback.conf.in") : QStringLiteral("maintenance.html.in"),
        QStringLiteral("nginx-container.conf.in"),
        QStringLiteral("php-fpm-container.conf.in"),
        QStringLiteral("docker-compose.yaml.in"),
        QStringLiteral("gitlab-ci.yml.in")
    };
    for (qsizetype i = 0; i < templates.size() && result.ok(); ++i) {
        const QString text = load(templates.at(i));
        if (!result.ok())
            break;
        const QString rendered = fill(templates.at(i), text);
        result.files.append({ outputs.at(i), rendered.toUtf8() });
    }
    if (!result.ok())
        result.files.clear();
    return result;
}

QString ConfigRenderer::writeFiles(const QList<RenderedFile> &files, const QString &directory, QStringList *written)
{
    const QDir root(directory);
    for (const RenderedFile &file : files) {
        const QString target = root.filePath(file.path);
        if (!QDir().mkpath(QFileInfo(target).absolutePath()))
            return tr("Cannot create the folder for %1.").arg(file.path);
        QSaveFile out(target);
        if (!out.open(QIODevice::WriteOnly) || out.write(file.content) != file.content.size() || !out.commit())
            return tr("Cannot write %1: %2").arg(file.path, out.errorString());
        if (written)
            written->append(file.path);
    }
    return {};
}

ConfigRenderer::WriteResult ConfigRenderer::renderToDirectory(const AppEnvironmentSpec &spec, const QString &directory)
{
    WriteResult result;
    const RenderInputResult checked = RenderInput::validate(spec);
    if (!checked.ok()) {
        result.fieldErrors = checked.errors;
        return result;
    }
    const Result rendered = render(*checked.input);
    if (!rendered.ok()) {
        result.error = rendered.error;
        return result;
    }
    result.error = writeFiles(rendered.files, directory, &result.written);
    return result;
}

} // namespace Dockmaster
