#pragma once

#include "core/domain/records.h"

namespace Dockmaster {

// An audit entry stamped with the current time (UTC); the one way services
// and the shell start an entry.
AuditEntry stampedAuditEntry(const QString &actor, const QString &action, const QString &appId,
                             const QString &environment = {}, const QString &detail = {});

} // namespace Dockmaster
