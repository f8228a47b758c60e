#include "core/health/healthhistory.h"

#include "core/audit/auditcsv.h"

#include <algorithm>

namespace Dockmaster {

QList<DowntimeInterval> HealthHistory::downtime(QList<HealthEvent> events, const QDateTime &from,
                                                const QDateTime &until)
{
    std::stable_sort(events.begin(), events.end(),
                     [](const HealthEvent &a, const HealthEvent &b) { return a.at < b.at; });
    QList<DowntimeInterval> intervals;
    for (Environment environment : AllEnvironments) {
        std::optional<DowntimeInterval> open;
        for (const HealthEvent &event : std::as_const(events)) {
            if (event.environment != environment)
                continue;
            if (event.failover) {
                if (!open) // a second failover while down is the same downtime
                    open = DowntimeInterval { environment, event.at, QDateTime(), false, event.reason };
            } else if (open) {
                open->to = event.at;
                intervals.append(*open);
                open.reset();
            }
        }
        if (open) {
            open->to = until;
            open->ongoing = true;
            intervals.append(*open);
        }
    }
    QList<DowntimeInterval> clipped;
    for (DowntimeInterval interval : std::as_const(intervals)) {
        if (interval.to <= from || interval.from >= until)
            continue;
        interval.from = qMax(interval.from, from);
        interval.to = qMin(interval.to, until);
        clipped.append(interval);
    }
    std::sort(clipped.begin(), clipped.end(),
              [](const DowntimeInterval &a, const DowntimeInterval &b) { return a.from < b.from; });
    return clipped;
}

qint64 HealthHistory::totalSeconds(const QList<DowntimeInterval> &intervals)
{
    qint64 total = 0;
    for (const DowntimeInterval &interval : intervals)
        total += interval.seconds();
    return total;
}

QByteArray HealthHistory::toCsv(const QList<HealthEvent> &events)
{
    QByteArray out("\xEF\xBB\xBF");
    // Stable English column names, as in the audit export: scripts read these.
    out += "\"time_utc\",\"app\",\"environment\",\"event\",\"reason\",\"container\"\r\n";
    for (const HealthEvent &event : events) {
        out += AuditCsv::field(event.at.toUTC().toString(Qt::ISODateWithMs)) + ',' + AuditCsv::field(event.appId) + ','
            + AuditCsv::field(environmentKey(event.environment)) + ','
            + AuditCsv::field(event.failover ? QStringLiteral("failover") : QStringLiteral("recovery")) + ','
            + AuditCsv::field(event.reason) + ',' + AuditCsv::field(event.container) + "\r\n";
    }
    return out;
}

} // namespace Dockmaster
