#include "core/dns/dnsvalidation.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace Dockmaster::DnsValidation {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Dockmaster::DnsValidation", text);
}

bool isHostName(const QString &value)
{
    static const QRegularExpression label(QStringLiteral("\\A[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\z"));
    if (value.isEmpty() || value.size() > 253)
        return false;
    const QStringList labels = value.split(QLatin1Char('.'));
    if (labels.size() < 2)
        return false;
    for (const QString &part : labels) {
        if (!label.match(part).hasMatch())
            return false;
    }
    return true;
}

} // namespace

QString recordName(const QString &value)
{
    if (value.isEmpty())
        return tr("Record name: enter a name such as \"app0000042.test.example.com\".");
    if (value.size() > 253)
        return tr("Record name: the name is longer than 253 characters.");
    if (!isHostName(value))
        return tr("Record name: use lower-case letters, digits and '-' in dot-separated labels of up to 63 "
                  "characters, for example \"app0000042.test.example.com\".");
    return {};
}

QString zoneName(const QString &value)
{
    if (!isHostName(value))
        return tr("Zone: use lower-case letters, digits and '-' in dot-separated labels, for example "
                  "\"test.example.com\".");
    return {};
}

QString ipv4Address(const QString &value)
{
    static const QRegularExpression pattern(QStringLiteral("\\A(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}"
                                                           "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\z"));
    if (value.isEmpty())
        return tr("Address: enter an IPv4 address such as 192.0.2.10.");
    if (!pattern.match(value).hasMatch())
        return tr("Address: use an IPv4 address of four numbers from 0 to 255 without leading zeros, for example "
                  "192.0.2.10.");
    return {};
}

QString ttl(int value)
{
    if (value < MinimumTtl || value > MaximumTtl)
        return tr("TTL: use a number of seconds from %1 to %2.").arg(MinimumTtl).arg(MaximumTtl);
    return {};
}

QString recordType(const QString &value)
{
    static const QStringList known
        = { QStringLiteral("A"), QStringLiteral("AAAA"), QStringLiteral("CNAME"), QStringLiteral("TXT") };
    if (!known.contains(value))
        return tr("Record type: use A, AAAA, CNAME or TXT.");
    return {};
}

QString credential(const QString &value, const QString &fieldName)
{
    static const QRegularExpression pattern(QStringLiteral("\\A[\\x21-\\x7e]{1,512}\\z"));
    if (value.isEmpty())
        return tr("%1: the credential is empty.").arg(fieldName);
    if (!pattern.match(value).hasMatch())
        return tr("%1: the credential contains spaces, control or non-ASCII characters.").arg(fieldName);
    return {};
}

QString zoneOf(const QString &name, const QStringList &zones)
{
    QString best;
    for (const QString &zone : zones) {
        const bool inside = name == zone || name.endsWith(QLatin1Char('.') + zone);
        if (inside && zone.size() > best.size())
            best = zone;
    }
    return best;
}

} // namespace Dockmaster::DnsValidation
