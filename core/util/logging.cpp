#include "core/util/logging.h"

namespace Dockmaster {

// QtInfoMsg: debug lines are off until a rule or --verbose turns them on.
Q_LOGGING_CATEGORY(lcGitLab, "dockmaster.gitlab", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSync, "dockmaster.sync", QtInfoMsg)
Q_LOGGING_CATEGORY(lcGit, "dockmaster.git", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCache, "dockmaster.cache", QtInfoMsg)
Q_LOGGING_CATEGORY(lcLogs, "dockmaster.logs", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDns, "dockmaster.dns", QtInfoMsg)
Q_LOGGING_CATEGORY(lcProvisioning, "dockmaster.provisioning", QtInfoMsg)

} // namespace Dockmaster
