#pragma once

#include <QLoggingCategory>

// Diagnostic logging, one category per subsystem. Debug output is off by
// default; `dockmaster --verbose` turns every category on, and
// QT_LOGGING_RULES picks some ("dockmaster.gitlab.debug=true"). Whatever a
// line quotes that could hold a secret (URLs, headers, messages from a server)
// goes through redacted() (core/util/redact.h) first.
namespace Dockmaster {

Q_DECLARE_LOGGING_CATEGORY(lcGitLab)       // dockmaster.gitlab: each request, its status and time
Q_DECLARE_LOGGING_CATEGORY(lcSync)         // dockmaster.sync: the phases of a sync run
Q_DECLARE_LOGGING_CATEGORY(lcGit)          // dockmaster.git: libgit2 operations
Q_DECLARE_LOGGING_CATEGORY(lcCache)        // dockmaster.cache: opening, migrating, recovering the SQLite cache
Q_DECLARE_LOGGING_CATEGORY(lcLogs)         // dockmaster.logs: log sources starting, stopping, failing
Q_DECLARE_LOGGING_CATEGORY(lcDns)          // dockmaster.dns: each DNS provider request
Q_DECLARE_LOGGING_CATEGORY(lcProvisioning) // dockmaster.provisioning: the steps of creating or archiving an app

namespace Logging {
// The filter rule that turns all of the above on (what --verbose sets).
inline constexpr char VerboseRules[] = "dockmaster.*.debug=true";
} // namespace Logging

} // namespace Dockmaster
