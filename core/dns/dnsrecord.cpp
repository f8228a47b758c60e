#include "core/dns/dnsrecord.h"

#include "core/util/enumkeys.h"

namespace Dockmaster {

namespace {

constexpr EnumKey<DnsRecordState> DnsRecordStates[] = {
    { DnsRecordState::Ok, "ok", QT_TRANSLATE_NOOP("Dockmaster::DnsRecord", "OK") },
    { DnsRecordState::Missing, "missing", QT_TRANSLATE_NOOP("Dockmaster::DnsRecord", "Missing") },
    { DnsRecordState::Drift, "drift", QT_TRANSLATE_NOOP("Dockmaster::DnsRecord", "Wrong address") },
    { DnsRecordState::Extra, "extra", QT_TRANSLATE_NOOP("Dockmaster::DnsRecord", "Unexpected record") },
};

} // namespace

QString dnsRecordStateKey(DnsRecordState state)
{
    return enumKey(DnsRecordStates, state);
}

QString dnsRecordStateDisplayName(DnsRecordState state)
{
    return enumText("Dockmaster::DnsRecord", DnsRecordStates, state);
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
