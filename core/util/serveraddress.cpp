#include "core/util/serveraddress.h"

#include <algorithm>

namespace Dockmaster {

std::optional<ServerAddress> ServerAddress::parse(QStringView text)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return std::nullopt;
    const QStringView digits = text.mid(colon + 1);
    const bool onlyDigits = !digits.isEmpty() && digits.size() <= 5
        && std::all_of(digits.begin(), digits.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
    const uint port = onlyDigits ? digits.toUInt() : 0;
    if (port == 0 || port > 65535)
        return std::nullopt;
    QStringView host = text.left(colon);
    const bool bracketed = host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']'));
    if (bracketed)
        host = host.mid(1, host.size() - 2);
    // An IPv6 address has to be in brackets, or its last group would be
    // taken for the port.
    if (host.isEmpty() || (!bracketed && host.contains(QLatin1Char(':'))))
        return std::nullopt;
    return ServerAddress { host.toString(), quint16(port) };
}

} // namespace Dockmaster
