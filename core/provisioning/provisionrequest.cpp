#include "core/provisioning/provisionrequest.h"

#include "core/util/validation.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

namespace Dockmaster::ProvisionValidation {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Dockmaster::ProvisionValidation", text);
}

bool matches(const QString &value, const char *pattern)
{
    const QRegularExpression re(QString::fromLatin1(pattern));
    return re.match(value).hasMatch();
}

} // namespace

QString name(const QString &value)
{
    if (value.isEmpty())
        return tr("Enter a name for the app.");
    if (value.size() > MaxNameLength)
        return tr("The name is too long (at most %1 characters).").arg(MaxNameLength);
    if (!matches(value, "^[A-Za-z0-9](?:[A-Za-z0-9 _-]*[A-Za-z0-9])?$") || value.contains(QLatin1String("  ")))
        return tr("The name may contain only letters A-Z, digits, single spaces, '-' and '_', and must start and "
                  "end with a letter or digit.");
    return {};
}

QString owner(const QString &value)
{
    if (value.isEmpty())
        return tr("Enter the GitLab username of the plugin's developer.");
    return Validation::gitlabUsername(value);
}

QString description(const QString &value)
{
    if (value.size() > MaxDescriptionLength)
        return tr("The description is too long (at most %1 characters).").arg(MaxDescriptionLength);
    if (!matches(value, "^[A-Za-z0-9 .,:!?()_+-]*$"))
        return tr("The description may contain only letters A-Z, digits, spaces and . , : ! ? ( ) _ + -");
    return {};
}

QString environments(const QStringList &value)
{
    if (value.isEmpty())
        return tr("Choose at least one environment.");
    QSet<QString> seen;
    for (const QString &environment : value) {
        if (environment != QLatin1String("test") && environment != QLatin1String("production"))
            return tr("Unknown environment (only test and production exist).");
        if (seen.contains(environment))
            return tr("An environment is listed twice.");
        seen.insert(environment);
    }
    return {};
}

QString host(const QString &value)
{
    if (value.isEmpty())
        return {};
    if (value.size() > 63 || !matches(value, "^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$"))
        return tr("This is not a host name of the inventory (lower-case letters, digits and '-').");
    return {};
}

QString fallbackMode(const QString &value)
{
    if (value != QLatin1String("hardened-php") && value != QLatin1String("static")
        && value != QLatin1String("static-maintenance"))
        return tr("Choose the fallback: hardened host PHP or a static maintenance page.");
    return {};
}

QList<ProvisionFieldError> check(const ProvisionRequest &request)
{
    QList<ProvisionFieldError> errors;
    auto add = [&errors](const QString &field, const QString &message) {
        if (!message.isEmpty())
            errors.append({ field, message });
    };
    add(QStringLiteral("name"), name(request.name));
    add(QStringLiteral("owner"), owner(request.owner));
    add(QStringLiteral("description"), description(request.description));
    add(QStringLiteral("environments"), environments(request.environments));
    add(QStringLiteral("test_host"), host(request.testHost));
    add(QStringLiteral("production_host"), host(request.productionHost));
    add(QStringLiteral("fallback_mode"), fallbackMode(request.fallbackMode));
    return errors;
}

QString renderFallbackKey(const QString &mode)
{
    return mode == QLatin1String("hardened-php") ? QStringLiteral("hardened-php")
                                                 : QStringLiteral("static-maintenance");
}

} // namespace Dockmaster::ProvisionValidation
