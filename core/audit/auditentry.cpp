#include "core/audit/auditentry.h"

namespace Dockmaster {

AuditEntry stampedAuditEntry(const QString &actor, const QString &action, const QString &appId,
                             const QString &environment, const QString &detail)
{
    AuditEntry entry;
    entry.at = QDateTime::currentDateTimeUtc();
    entry.actor = actor;
    entry.action = action;
    entry.appId = appId;
    entry.environment = environment;
    entry.detail = detail;
    return entry;
}

} // namespace Dockmaster
