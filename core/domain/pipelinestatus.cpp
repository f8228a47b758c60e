#include "core/domain/pipelinestatus.h"

namespace Dockmaster {
namespace {

template<typename Predicate> bool holds(QStringView key, Predicate predicate)
{
    const auto status = enumFromKey(PipelineStatuses, key);
    return status && predicate(*status);
}

} // namespace

bool isFinished(PipelineStatus status)
{
    return status == PipelineStatus::Success || status == PipelineStatus::Failed || status == PipelineStatus::Canceled
        || status == PipelineStatus::Skipped;
}

bool isUnfinished(PipelineStatus status)
{
    return status == PipelineStatus::Created || status == PipelineStatus::WaitingForResource
        || status == PipelineStatus::Preparing || status == PipelineStatus::Pending
        || status == PipelineStatus::Running;
}

bool isWaitingForRunner(PipelineStatus status)
{
    return status == PipelineStatus::Pending || status == PipelineStatus::Created;
}

bool hasStarted(PipelineStatus status)
{
    return status != PipelineStatus::Created && status != PipelineStatus::Pending && status != PipelineStatus::Manual
        && status != PipelineStatus::Skipped && status != PipelineStatus::WaitingForResource
        && status != PipelineStatus::Scheduled;
}

bool isFinished(QStringView status)
{
    return holds(status, [](PipelineStatus s) { return isFinished(s); });
}

bool isUnfinished(QStringView status)
{
    return holds(status, [](PipelineStatus s) { return isUnfinished(s); });
}

bool isWaitingForRunner(QStringView status)
{
    return holds(status, [](PipelineStatus s) { return isWaitingForRunner(s); });
}

bool hasStarted(QStringView status)
{
    // A status this version does not know is taken as started: reading a
    // log that is not there yet only gives an empty one.
    const auto known = enumFromKey(PipelineStatuses, status);
    return !known || hasStarted(*known);
}

} // namespace Dockmaster
