#pragma once

#include <QString>
#include <QStringList>

// Strict checks for everything that reaches a DNS provider's API. Each returns
// an empty string when the value is acceptable, otherwise a message that names
// the field, for the person who typed the value.
namespace Dockmaster::DnsValidation {

inline constexpr int MinimumTtl = 60;
inline constexpr int MaximumTtl = 86400;

// Absolute host name, ASCII lower-case LDH labels, at least two labels, no
// trailing dot, at most 253 characters. Unicode lookalikes never pass.
QString recordName(const QString &value);
QString zoneName(const QString &value);
// Dotted quad without leading zeros (no octal ambiguity), nothing else.
QString ipv4Address(const QString &value);
QString ttl(int value);
// Record types this console reads: A, AAAA, CNAME, TXT.
QString recordType(const QString &value);
// Credentials must be a single printable ASCII token: they go into HTTP headers.
QString credential(const QString &value, const QString &fieldName);

// The longest configured zone that `name` lies in (or equals), or empty.
QString zoneOf(const QString &name, const QStringList &zones);

} // namespace Dockmaster::DnsValidation
