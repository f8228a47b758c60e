#include "core/util/validation.h"

#include "core/util/serveraddress.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QRegularExpression>
#include <QUrl>

namespace Dockmaster::Validation {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Dockmaster::Validation", text);
}

bool matchesWhole(const QString &value, const QRegularExpression &pattern)
{
    return pattern.match(value).hasMatch();
}

// ASCII only, on purpose: unicode lookalikes ("аpp" with a Cyrillic a) must
// never pass as a name that reaches a path, a URL or a config file.
const QRegularExpression &groupSegment()
{
    static const QRegularExpression pattern(QStringLiteral("\\A[a-z0-9](?:[a-z0-9_.-]{0,62}[a-z0-9])?\\z"));
    return pattern;
}

} // namespace

QString profileName(const QString &value)
{
    static const QRegularExpression pattern(QStringLiteral("\\A[A-Za-z0-9][A-Za-z0-9_.-]{0,47}\\z"));
    if (value.isEmpty())
        return tr("Enter a profile name.");
    if (!matchesWhole(value, pattern))
        return tr("Use up to 48 letters, digits, '.', '_' or '-', starting with a letter or digit.");
    return {};
}

QString gitlabGroupPath(const QString &value)
{
    if (value.isEmpty())
        return tr("Enter the group path, for example \"plugins\".");
    if (value.size() > 255)
        return tr("The group path is too long.");
    const QStringList segments = value.split(QLatin1Char('/'));
    for (const QString &segment : segments) {
        if (segment == QLatin1String("..") || !matchesWhole(segment, groupSegment()))
            return tr("Use lower-case letters, digits, '.', '_' and '-' separated by '/', for example "
                      "\"plugins\".");
    }
    return {};
}

QString gitlabProjectPath(const QString &value)
{
    if (!value.contains(QLatin1Char('/')))
        return tr("Enter the full project path, for example \"plugins/ops/inventory\".");
    return gitlabGroupPath(value);
}

QString hostName(const QString &value)
{
    static const QRegularExpression label(QStringLiteral("\\A[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\z"));
    if (value.isEmpty())
        return tr("Enter a host name.");
    if (value.size() > 253)
        return tr("The host name is too long.");
    const QStringList labels = value.split(QLatin1Char('.'));
    for (const QString &part : labels) {
        if (!matchesWhole(part, label))
            return tr("Use lower-case letters, digits and '-' in dot-separated labels, for example "
                      "\"plugins.example.com\".");
    }
    return {};
}

QString serverAddresses(const QString &value)
{
    const QStringList addresses = value.split(QLatin1Char(','));
    for (const QString &raw : addresses) {
        const std::optional<ServerAddress> address = ServerAddress::parse(raw.trimmed());
        const bool hostOk = address && (!QHostAddress(address->host).isNull() || hostName(address->host).isEmpty());
        if (!hostOk)
            return tr("Enter host:port, for example \"kv.example.com:6379\" (several separated by commas for a "
                      "cluster).");
    }
    return {};
}

QString domainSuffix(const QString &value)
{
    if (!value.contains(QLatin1Char('.')))
        return tr("Enter a domain with at least two labels, for example \"test.plugins.example.com\".");
    return hostName(value);
}

QString serverUrl(const QString &value, bool allowPlainHttpOnLoopback)
{
    const QUrl url(value, QUrl::StrictMode);
    if (value.isEmpty())
        return tr("Enter the server address, for example https://gitlab.example.com.");
    if (!url.isValid() || url.host().isEmpty() || !url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment())
        return tr("This is not a valid server address.");
    if (url.scheme() == QLatin1String("https"))
        return {};
    const QHostAddress address(url.host());
    const bool loopback = url.host() == QLatin1String("localhost") || (!address.isNull() && address.isLoopback());
    if (url.scheme() == QLatin1String("http") && loopback && allowPlainHttpOnLoopback)
        return {};
    return tr("Use https:// (plain http is only accepted for servers on this computer).");
}

QString edgeUrlPattern()
{
    return QStringLiteral("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9/_.~-]*)?");
}

QString edgeUrl(const QString &value)
{
    static const QRegularExpression pattern(QRegularExpression::anchoredPattern(edgeUrlPattern()));
    if (value.size() > 512 || !pattern.match(value).hasMatch())
        return tr("Use an http:// or https:// address with a path of letters, digits and /_.~- only.");
    return serverUrl(value);
}

QString gitlabUsername(const QString &value)
{
    if (value.isEmpty())
        return tr("Enter the GitLab username.");
    // GitLab's own rule (gitlabhq lib/gitlab/path_regex.rb, NAMESPACE_FORMAT_REGEX
    // and NO_SUFFIX_REGEX; app/models/namespace.rb caps a path at 255): a first
    // character of [A-Za-z0-9_.], then [A-Za-z0-9_.-], a last character that is
    // not '.', and no ".git" or ".atom" ending (compared case-sensitively, as
    // GitLab does). Refusing more would lock out real users, accepting more
    // would let a name through that GitLab can never have created.
    static const QRegularExpression pattern(
        QStringLiteral("\\A(?:[A-Za-z0-9_.][A-Za-z0-9_.-]*[A-Za-z0-9_-]|[A-Za-z0-9_])\\z"));
    if (value.size() > 255)
        return tr("The username is too long.");
    if (!matchesWhole(value, pattern) || value.endsWith(QLatin1String(".git"))
        || value.endsWith(QLatin1String(".atom")))
        return tr("This is not a GitLab username: use letters, digits, '_', '-' and '.', do not start with '-' "
                  "and do not end in '.', \".git\" or \".atom\".");
    return {};
}

bool isGitLabUsername(const QString &value)
{
    return gitlabUsername(value).isEmpty();
}

} // namespace Dockmaster::Validation
