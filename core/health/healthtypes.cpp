#include "core/health/healthtypes.h"

#include <QCoreApplication>

namespace Dockmaster {
namespace {

QString translate(const char *text, const char *comment = nullptr, int n = -1)
{
    return QCoreApplication::translate("Dockmaster::Health", text, comment, n);
}

} // namespace

QString containerPhaseDisplayName(ContainerPhase phase)
{
    switch (phase) {
    case ContainerPhase::Unknown:
        return translate("unknown");
    case ContainerPhase::Created:
        return translate("created, not started");
    case ContainerPhase::Running:
        return translate("running");
    case ContainerPhase::Starting:
        return translate("running, health check starting");
    case ContainerPhase::Healthy:
        return translate("healthy");
    case ContainerPhase::Unhealthy:
        return translate("unhealthy");
    case ContainerPhase::Restarting:
        return translate("restarting");
    case ContainerPhase::Exited:
        return translate("exited");
    case ContainerPhase::Removed:
        return translate("missing");
    }
    return QString();
}

QString fallbackReason(const ContainerObservation &container)
{
    switch (container.phase) {
    case ContainerPhase::Unhealthy:
        return translate("health check failing (nginx or php-fpm)");
    case ContainerPhase::Restarting:
        return translate("restarting (%n restarts)", nullptr, container.restartCount);
    case ContainerPhase::Exited:
        if (container.oomKilled)
            return translate("killed: out of memory (exit code %1)").arg(container.exitCode);
        if (container.exitCode >= 0)
            return translate("exited with code %1").arg(container.exitCode);
        return translate("exited");
    case ContainerPhase::Created:
        return translate("created but not started");
    case ContainerPhase::Removed:
    case ContainerPhase::Unknown:
        return translate("container missing");
    case ContainerPhase::Running:
    case ContainerPhase::Starting:
    case ContainerPhase::Healthy:
        break;
    }
    return QString();
}

QString durationText(qint64 seconds)
{
    seconds = qMax<qint64>(0, seconds);
    if (seconds < 60)
        return translate("%1 s").arg(seconds);
    const qint64 minutes = seconds / 60;
    if (minutes < 60)
        return translate("%1 min").arg(minutes);
    const qint64 hours = minutes / 60;
    if (hours < 48)
        return translate("%1 h %2 min").arg(hours).arg(minutes % 60);
    return translate("%1 d %2 h").arg(hours / 24).arg(hours % 24);
}

} // namespace Dockmaster
