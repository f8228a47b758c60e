#pragma once

#include "core/health/healthtypes.h"

namespace Dockmaster {

// One stretch an app environment spent on its fallback.
struct DowntimeInterval {
    Environment environment = Environment::Test;
    QDateTime from;
    QDateTime to; // `until` of downtime() when still on fallback
    bool ongoing = false;
    QString reason;

    qint64 seconds() const { return from.secsTo(to); }
};

// Failover history of one app: intervals and CSV export.
class HealthHistory
{
public:
    // The fallback intervals of `events` (any order) overlapping [from, until),
    // clipped to it. A recovery without its failover (older than the cache) is ignored.
    static QList<DowntimeInterval> downtime(QList<HealthEvent> events, const QDateTime &from, const QDateTime &until);
    static qint64 totalSeconds(const QList<DowntimeInterval> &intervals);

    // RFC 4180 with the audit export's rules (BOM, every field quoted,
    // formula-inert cells): the reasons quote container names.
    static QByteArray toCsv(const QList<HealthEvent> &events);
};

} // namespace Dockmaster
