#include "core/render/renderinput.h"

#include "core/domain/platformvariables.h"
#include "core/platform/edgegrants.h"
#include "core/platform/platformmanifest.h"
#include "core/util/validation.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

namespace Dockmaster {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Dockmaster::RenderInput", text);
}

bool matchesWhole(const QString &value, const QString &pattern)
{
    // Compiled once per thread: validation runs for every form edit.
    thread_local QHash<QString, QRegularExpression> compiled;
    auto it = compiled.find(pattern);
    if (it == compiled.end()) {
        it = compiled.insert(pattern, QRegularExpression(QStringLiteral("\\A(?:") + pattern + QStringLiteral(")\\z")));
        it->optimize();
    }
    return it->match(value).hasMatch();
}

const QString ipv4Octet = QStringLiteral("(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

// Collects errors field by field so one pass reports everything wrong.
class Checker
{
public:
    explicit Checker(const AppEnvironmentSpec &spec)
        : m_spec(spec)
    {
    }

    QList<FieldError> errors() const { return m_errors; }

    void fail(RenderField field, const QString &reason)
    {
        m_errors.append({ field, tr("%1: %2").arg(renderFieldLabel(field), reason) });
    }

    bool failed(RenderField field) const
    {
        return std::any_of(m_errors.cbegin(), m_errors.cend(),
                           [field](const FieldError &e) { return e.field == field; });
    }

    // Shared gate for every text field: present, bounded, printable ASCII
    // only. Control characters (newline, NUL), spaces and every non-ASCII
    // character (lookalike letters) stop here before any pattern runs.
    std::optional<QString> text(RenderField field, qsizetype maxLength)
    {
        const QString value = m_spec.value(field);
        if (value.isEmpty()) {
            fail(field, tr("enter a value."));
            return std::nullopt;
        }
        if (value.size() > maxLength) {
            fail(field, tr("the value is too long (at most %1 characters).").arg(maxLength));
            return std::nullopt;
        }
        for (const QChar c : value) {
            if (c.unicode() < 0x21 || c.unicode() > 0x7e) {
                fail(field,
                     tr("only plain ASCII letters, digits and punctuation are allowed (no spaces, line "
                        "breaks or look-alike characters)."));
                return std::nullopt;
            }
        }
        return value;
    }

    std::optional<QString> pattern(RenderField field, qsizetype maxLength, const QString &regex, const QString &hint)
    {
        const std::optional<QString> value = text(field, maxLength);
        if (!value)
            return std::nullopt;
        if (!matchesWhole(*value, regex)) {
            fail(field, hint);
            return std::nullopt;
        }
        return value;
    }

    int number(RenderField field, int minimum, int maximum)
    {
        const std::optional<QString> value = text(field, 7);
        if (!value)
            return 0;
        // Digits only: no sign, no spaces, no leading zeros, no locale digits.
        bool ok = matchesWhole(*value, QStringLiteral("0|[1-9][0-9]{0,6}"));
        const int parsed = ok ? value->toInt(&ok) : 0;
        if (!ok || parsed < minimum || parsed > maximum) {
            fail(field, tr("enter a whole number from %1 to %2.").arg(minimum).arg(maximum));
            return 0;
        }
        return parsed;
    }

    QString ipv4(RenderField field, bool allowAnyAddress)
    {
        const std::optional<QString> value
            = pattern(field, 15, ipv4Octet + QStringLiteral("(?:\\.") + ipv4Octet + QStringLiteral("){3}"),
                      tr("enter an IPv4 address such as 192.0.2.10."));
        if (!value)
            return {};
        if (*value == QLatin1String("255.255.255.255") || (!allowAnyAddress && *value == QLatin1String("0.0.0.0"))) {
            fail(field, tr("this address cannot be used here."));
            return {};
        }
        return *value;
    }

    // Absolute, normalised POSIX path: no "..", ".", "//", trailing "/" or
    // shell, nginx or YAML metacharacters anywhere.
    QString absolutePath(RenderField field)
    {
        const std::optional<QString> value = pattern(
            field, 200, QStringLiteral("(?:/[A-Za-z0-9_][A-Za-z0-9_.-]{0,63})+"),
            tr("enter an absolute path made of letters, digits, '.', '_' and '-', for example /srv/plugins."));
        if (!value)
            return {};
        const QStringList segments = value->split(QLatin1Char('/'), Qt::SkipEmptyParts);
        for (const QString &segment : segments) {
            if (segment.contains(QStringLiteral(".."))) {
                fail(field, tr("'..' is not allowed in a path."));
                return {};
            }
        }
        return *value;
    }

    QString image(RenderField field)
    {
        static const QString component = QStringLiteral("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
        const QString regex = QStringLiteral("(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}"
                                             "[a-z0-9])?)*(?::[1-9][0-9]{0,4})?/)?")
            + component + QStringLiteral("(?:/") + component
            + QStringLiteral(")*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?");
        const std::optional<QString> value = pattern(
            field, 255, regex, tr("enter an image reference such as registry.example.com/platform/php-runtime:8.4."));
        return value.value_or(QString());
    }

private:
    const AppEnvironmentSpec &m_spec;
    QList<FieldError> m_errors;
};

} // namespace

namespace {

struct EdgeIdentity {
    QString authUrl;
    QString loginUrl;
    QStringList anonymousPaths;
    QList<RenderInput::Grant> grants;
};

// Identity at the edge (issue 18): every value goes into nginx directives.
EdgeIdentity checkIdentity(const AppEnvironmentSpec &spec, Checker &check)
{
    EdgeIdentity input;
    // URLs go into nginx directives as they are: a strict shape, nothing
    // nginx would read as a variable, a quote or the end of a directive.
    const QString urlPattern = Validation::edgeUrlPattern();
    const QString urlHint = QCoreApplication::translate(
        "Dockmaster::RenderInput", "use an http:// or https:// address with a path of letters, digits and /_.~- only.");
    if (!spec.value(RenderField::AuthUrl).isEmpty())
        input.authUrl = check.pattern(RenderField::AuthUrl, 512, urlPattern, urlHint).value_or(QString());
    if (!spec.value(RenderField::LoginUrl).isEmpty()) {
        input.loginUrl = check.pattern(RenderField::LoginUrl, 512, urlPattern, urlHint).value_or(QString());
        if (spec.value(RenderField::AuthUrl).isEmpty())
            check.fail(
                RenderField::LoginUrl,
                QCoreApplication::translate("Dockmaster::RenderInput", "a sign-in page needs a sign-in check URL."));
    }
    if (!spec.value(RenderField::AnonymousPaths).isEmpty()) {
        if (const std::optional<QString> paths = check.text(RenderField::AnonymousPaths, 32 * 129)) {
            const QStringList list = paths->split(QLatin1Char(','));
            for (const QString &path : list) {
                // The same rule as a plugin's manifest asks with.
                if (!PlatformManifests::isOpenPath(path)) {
                    check.fail(RenderField::AnonymousPaths,
                               QCoreApplication::translate(
                                   "Dockmaster::RenderInput",
                                   "each path starts with / and has letters, digits and /_.- only; end it with / "
                                   "for a folder."));
                    break;
                }
                if (!input.anonymousPaths.contains(path))
                    input.anonymousPaths.append(path);
            }
            if (list.size() > 32)
                check.fail(RenderField::AnonymousPaths,
                           QCoreApplication::translate("Dockmaster::RenderInput", "at most 32 paths are allowed."));
        }
    }
    if (!spec.value(RenderField::PermissionGrants).isEmpty()) {
        if (const std::optional<QString> grants = check.text(RenderField::PermissionGrants, 64 * 600)) {
            const QStringList list = grants->split(QLatin1Char(';'));
            QSet<QString> seen;
            for (const QString &entry : list) {
                const qsizetype equals = entry.indexOf(QLatin1Char('='));
                const QString permission = entry.left(equals);
                const QStringList roles = entry.mid(equals + 1).split(QLatin1Char('|'));
                const bool rolesOk = std::all_of(roles.cbegin(), roles.cend(),
                                                 [](const QString &role) { return EdgeGrantsFile::isRoleName(role); });
                if (equals < 1 || !PlatformManifests::isPermissionName(permission) || !rolesOk || roles.size() > 8) {
                    check.fail(RenderField::PermissionGrants,
                               QCoreApplication::translate(
                                   "Dockmaster::RenderInput",
                                   "write permission=role|role;… with permissions in lower-case letters, digits "
                                   "and ._- and at most 8 roles each."));
                    break;
                }
                if (seen.contains(permission)) {
                    check.fail(
                        RenderField::PermissionGrants,
                        QCoreApplication::translate("Dockmaster::RenderInput", "the permission %1 is listed twice.")
                            .arg(permission));
                    break;
                }
                seen.insert(permission);
                input.grants.append({ permission, roles });
            }
            if (list.size() > 64)
                check.fail(
                    RenderField::PermissionGrants,
                    QCoreApplication::translate("Dockmaster::RenderInput", "at most 64 permissions are allowed."));
        }
    }
    if ((!input.anonymousPaths.isEmpty() || !input.grants.isEmpty()) && spec.value(RenderField::AuthUrl).isEmpty())
        check.fail(RenderField::AuthUrl,
                   QCoreApplication::translate("Dockmaster::RenderInput",
                                               "enter a value: open paths and permissions need a sign-in check."));
    return input;
}

} // namespace

RenderInputResult RenderInput::validate(const AppEnvironmentSpec &spec)
{
    Checker check(spec);
    RenderInput input;

    input.m_appId = check
                        .pattern(RenderField::AppId, 10, QStringLiteral("app[0-9]{7}"),
                                 tr("use \"app\" followed by exactly 7 digits, for example app0000042."))
                        .value_or(QString());

    if (const std::optional<QString> env = check.text(RenderField::Environment, 16)) {
        if (const std::optional<Environment> parsed = environmentFromKey(*env))
            input.m_environment = *parsed;
        else
            check.fail(RenderField::Environment, tr("use \"test\" or \"production\"."));
    }

    if (const std::optional<QString> host = check.text(RenderField::HostName, 253)) {
        const QString problem = Validation::hostName(*host);
        if (problem.isEmpty())
            input.m_hostName = *host;
        else
            check.fail(RenderField::HostName, problem);
    }

    input.m_hostAddress = check.ipv4(RenderField::HostAddress, false);
    input.m_listenAddress = check.ipv4(RenderField::ListenAddress, true);
    input.m_containerPort = check.number(RenderField::ContainerPort, 1024, 65535);
    input.m_fallbackPort = check.number(RenderField::FallbackPort, 1024, 65535);
    input.m_httpPort = check.number(RenderField::HttpPort, 1, 65535);
    input.m_httpsPort = check.number(RenderField::HttpsPort, 1, 65535);
    if (!check.failed(RenderField::ContainerPort) && !check.failed(RenderField::FallbackPort)
        && input.m_containerPort == input.m_fallbackPort)
        check.fail(RenderField::FallbackPort, tr("must differ from the container port."));
    if (!check.failed(RenderField::HttpPort) && !check.failed(RenderField::HttpsPort)
        && input.m_httpPort == input.m_httpsPort)
        check.fail(RenderField::HttpsPort, tr("must differ from the HTTP port."));

    if (const std::optional<QString> domain = check.text(RenderField::Domain, 253)) {
        const QString problem = Validation::domainSuffix(*domain);
        if (!problem.isEmpty())
            check.fail(RenderField::Domain, problem);
        else if (!input.m_appId.isEmpty() && !domain->startsWith(input.m_appId + QLatin1Char('.')))
            check.fail(RenderField::Domain,
                       tr("the domain must start with the app ID, for example %1.example.com.").arg(input.m_appId));
        else
            input.m_domain = *domain;
    }

    if (const std::optional<QString> mode = check.text(RenderField::FallbackMode, 32)) {
        if (*mode == fallbackModeKey(FallbackMode::HardenedPhp))
            input.m_fallbackMode = FallbackMode::HardenedPhp;
        else if (*mode == fallbackModeKey(FallbackMode::StaticMaintenance))
            input.m_fallbackMode = FallbackMode::StaticMaintenance;
        else
            check.fail(RenderField::FallbackMode, tr("use \"hardened-php\" or \"static-maintenance\"."));
    }

    input.m_image = check.image(RenderField::Image);
    input.m_ciImage = check.image(RenderField::CiImage);

    input.m_memoryLimitMb = check.number(RenderField::MemoryLimitMb, 32, 65536);
    input.m_cpuMillis = check.number(RenderField::CpuMillis, 50, 64000);
    input.m_pidsLimit = check.number(RenderField::PidsLimit, 16, 32768);
    input.m_phpMemoryLimitMb = check.number(RenderField::PhpMemoryLimitMb, 16, 4096);
    input.m_phpMaxExecutionSeconds = check.number(RenderField::PhpMaxExecutionSeconds, 1, 600);
    input.m_phpUploadMaxMb = check.number(RenderField::PhpUploadMaxMb, 1, 1024);
    input.m_phpMaxChildren = check.number(RenderField::PhpMaxChildren, 1, 64);
    input.m_connectTimeoutSeconds = check.number(RenderField::ConnectTimeoutSeconds, 1, 30);
    input.m_readTimeoutSeconds = check.number(RenderField::ReadTimeoutSeconds, 1, 600);
    input.m_failTimeoutSeconds = check.number(RenderField::FailTimeoutSeconds, 1, 600);

    input.m_tlsCertificatePath = check.absolutePath(RenderField::TlsCertificatePath);
    input.m_tlsKeyPath = check.absolutePath(RenderField::TlsKeyPath);
    input.m_deployBaseDir = check.absolutePath(RenderField::DeployBaseDir);
    input.m_runtimeDir = check.absolutePath(RenderField::RuntimeDir);
    // The fallback socket lives here and Unix socket paths are short.
    if (input.m_runtimeDir.size() > 60) {
        check.fail(RenderField::RuntimeDir, tr("use a path of at most 60 characters."));
        input.m_runtimeDir.clear();
    }
    input.m_logDir = check.absolutePath(RenderField::LogDir);
    input.m_nginxSitesDir = check.absolutePath(RenderField::NginxSitesDir);
    input.m_fpmPoolDir = check.absolutePath(RenderField::FpmPoolDir);

    input.m_deployUser = check
                             .pattern(RenderField::DeployUser, 32, QStringLiteral("[a-z_][a-z0-9_-]{0,31}"),
                                      tr("use a Unix user name: lower-case letters, digits, '_' and '-'."))
                             .value_or(QString());

    // Optional: an empty list is fine, but every listed name must be clean.
    const QString rawNames = spec.value(RenderField::ExtraEnvNames);
    if (!rawNames.isEmpty()) {
        if (const std::optional<QString> names = check.text(RenderField::ExtraEnvNames, 32 * 65)) {
            const QStringList list = names->split(QLatin1Char(','));
            QSet<QString> seen;
            for (const QString &name : list) {
                if (!matchesWhole(name, QStringLiteral("[A-Z][A-Z0-9_]{0,63}"))) {
                    check.fail(RenderField::ExtraEnvNames,
                               tr("use upper-case letters, digits and '_' for each name, separated by commas."));
                    break;
                }
                if (PlatformVariables::isPlatformName(name)) {
                    check.fail(RenderField::ExtraEnvNames,
                               tr("%1 is set by the platform for every app: remove it from the list.").arg(name));
                    break;
                }
                if (seen.contains(name)) {
                    check.fail(RenderField::ExtraEnvNames, tr("the name %1 is listed twice.").arg(name));
                    break;
                }
                seen.insert(name);
                input.m_extraEnvNames.append(name);
            }
            if (list.size() > 32)
                check.fail(RenderField::ExtraEnvNames, tr("at most 32 names are allowed."));
        }
    }

    const EdgeIdentity identity = checkIdentity(spec, check);
    input.m_authUrl = identity.authUrl;
    input.m_loginUrl = identity.loginUrl;
    input.m_anonymousPaths = identity.anonymousPaths;
    input.m_permissionGrants = identity.grants;

    RenderInputResult result;
    result.errors = check.errors();
    if (result.errors.isEmpty())
        result.input = input;
    return result;
}

QString RenderInput::siteName() const
{
    return m_appId + QLatin1Char('-') + environmentKey();
}

QString RenderInput::appRoot() const
{
    return m_deployBaseDir + QLatin1Char('/') + m_appId + QLatin1Char('/') + environmentKey();
}

QString RenderInput::codeDir() const
{
    return appRoot() + QStringLiteral("/codes");
}

QString RenderInput::confDir() const
{
    return appRoot() + QStringLiteral("/conf");
}

QString RenderInput::tmpDir() const
{
    return appRoot() + QStringLiteral("/tmp");
}

QString RenderInput::fallbackSocket() const
{
    return m_runtimeDir + QLatin1Char('/') + siteName() + QStringLiteral("-fallback.sock");
}

} // namespace Dockmaster
