#pragma once

#include "core/util/enumkeys.h"

// GitLab's status of a pipeline or a job (ci_statuses: the same set for
// both). Which of them are finished, waiting or not started is decided here
// only, not by string comparisons where they are used.
namespace Dockmaster {

enum class PipelineStatus {
    Created,
    WaitingForResource,
    Preparing,
    Pending,
    Running,
    Success,
    Failed,
    Canceling,
    Canceled,
    Skipped,
    Manual,
    Scheduled
};

// GitLab's keys. A status this version does not know (GitLab adds one now
// and then) has no entry: enumFromKey gives nullopt.
inline constexpr EnumKey<PipelineStatus> PipelineStatuses[] = {
    { PipelineStatus::Created, "created" },     { PipelineStatus::WaitingForResource, "waiting_for_resource" },
    { PipelineStatus::Preparing, "preparing" }, { PipelineStatus::Pending, "pending" },
    { PipelineStatus::Running, "running" },     { PipelineStatus::Success, "success" },
    { PipelineStatus::Failed, "failed" },       { PipelineStatus::Canceling, "canceling" },
    { PipelineStatus::Canceled, "canceled" },   { PipelineStatus::Skipped, "skipped" },
    { PipelineStatus::Manual, "manual" },       { PipelineStatus::Scheduled, "scheduled" },
};

// It will not change any more.
bool isFinished(PipelineStatus status);
// Still on its way to a result (not finished, not waiting for a person or a time).
bool isUnfinished(PipelineStatus status);
// Queued but not picked up by a runner yet.
bool isWaitingForRunner(PipelineStatus status);
// A job in this status has started, so it has a log.
bool hasStarted(PipelineStatus status);

// The same, for text as GitLab sent it; an unknown status is none of these,
// except that it counts as started.
bool isFinished(QStringView status);
bool isUnfinished(QStringView status);
bool isWaitingForRunner(QStringView status);
bool hasStarted(QStringView status);

} // namespace Dockmaster
