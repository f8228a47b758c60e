#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace Dockmaster {

// One resource record as every provider reports it. Names are absolute,
// lower-case and written without the trailing dot ("app0000042.test.example.com").
struct DnsRecord {
    QString name;
    QString type = QStringLiteral("A");
    QString content; // "192.0.2.10" for A records
    int ttl = 0;
    QString id; // provider's record id (Cloudflare, DNSPod); empty for PowerDNS

    bool operator==(const DnsRecord &) const = default;
};

enum class DnsRecordState { Ok, Missing, Drift, Extra };

// Stable machine key ("ok", "missing", "drift", "extra"), also what
// EnvironmentState::dnsState stores.
QString dnsRecordStateKey(DnsRecordState state);
QString dnsRecordStateDisplayName(DnsRecordState state);

// One line of "what should be" against "what the provider says".
struct DnsComparison {
    QString label; // what the record is for, e.g. "test" / "production"
    QString name;
    QString expectedAddress; // empty for Extra
    QString actualAddress;   // empty for Missing
    int actualTtl = 0;
    DnsRecordState state = DnsRecordState::Missing;

    bool operator==(const DnsComparison &) const = default;
};

// An A record we want: name -> address, with a label for people.
struct ExpectedDnsRecord {
    QString label;
    QString name;
    QString address;
    int ttl = 300;

    bool operator==(const ExpectedDnsRecord &) const = default;
};

// Compares expected A records against the records the provider listed for
// those names. Every expected name yields one Ok, Missing or Drift line; any
// further address at an expected name is an Extra line. Records at names
// nobody expects are ignored (we only ever list the names we own).
QList<DnsComparison> compareDnsRecords(const QList<ExpectedDnsRecord> &expected, const QList<DnsRecord> &actual);

} // namespace Dockmaster

Q_DECLARE_METATYPE(Dockmaster::DnsRecord)
Q_DECLARE_METATYPE(Dockmaster::DnsComparison)
