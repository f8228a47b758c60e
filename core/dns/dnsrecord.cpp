#include "core/dns/dnsrecord.h"

#include <QCoreApplication>

namespace Dockmaster {

QString dnsRecordStateKey(DnsRecordState state)
{
    switch (state) {
    case DnsRecordState::Ok:
        return QStringLiteral("ok");
    case DnsRecordState::Missing:
        return QStringLiteral("missing");
    case DnsRecordState::Drift:
        return QStringLiteral("drift");
    case DnsRecordState::Extra:
        return QStringLiteral("extra");
    }
    return {};
}

QString dnsRecordStateDisplayName(DnsRecordState state)
{
    switch (state) {
    case DnsRecordState::Ok:
        return QCoreApplication::translate("Dockmaster::DnsRecord", "OK");
    case DnsRecordState::Missing:
        return QCoreApplication::translate("Dockmaster::DnsRecord", "Missing");
    case DnsRecordState::Drift:
        return QCoreApplication::translate("Dockmaster::DnsRecord", "Wrong address");
    case DnsRecordState::Extra:
        return QCoreApplication::translate("Dockmaster::DnsRecord", "Unexpected record");
    }
    return {};
}

QList<DnsComparison> compareDnsRecords(const QList<ExpectedDnsRecord> &expected, const QList<DnsRecord> &actual)
{
    QList<DnsComparison> lines;
    for (const ExpectedDnsRecord &want : expected) {
        QList<DnsRecord> present;
        for (const DnsRecord &record : actual) {
            if (record.type == QLatin1String("A") && record.name == want.name)
                present.append(record);
        }
        DnsComparison main;
        main.label = want.label;
        main.name = want.name;
        main.expectedAddress = want.address;
        const auto match = std::find_if(present.cbegin(), present.cend(),
                                        [&want](const DnsRecord &record) { return record.content == want.address; });
        if (present.isEmpty()) {
            main.state = DnsRecordState::Missing;
        } else if (match != present.cend()) {
            main.state = DnsRecordState::Ok;
            main.actualAddress = match->content;
            main.actualTtl = match->ttl;
            present.removeAt(match - present.cbegin());
        } else {
            main.state = DnsRecordState::Drift;
            main.actualAddress = present.first().content;
            main.actualTtl = present.first().ttl;
            present.removeFirst();
        }
        lines.append(main);
        for (const DnsRecord &other : std::as_const(present)) {
            DnsComparison extra;
            extra.label = want.label;
            extra.name = want.name;
            extra.actualAddress = other.content;
            extra.actualTtl = other.ttl;
            extra.state = DnsRecordState::Extra;
            lines.append(extra);
        }
    }
    return lines;
}

} // namespace Dockmaster
