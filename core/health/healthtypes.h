#pragma once

#include "core/domain/environment.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace Dockmaster {

// What the Docker engine says about one container of an app.
enum class ContainerPhase {
    Unknown,   // not reported (yet)
    Created,   // created, never started
    Running,   // running, no health check
    Starting,  // running, health check not decided yet
    Healthy,   // running, health check passing
    Unhealthy, // running, health check failing
    Restarting,
    Exited,
    Removed, // gone from the engine
};

// The labels the rendered docker-compose.yaml puts on every container (see
// resources/templates/docker-compose.yaml.in); the deploy job fills them in.
namespace HealthLabels {
inline constexpr const char *ComposeProject = "com.docker.compose.project";
inline constexpr const char *CodeSha = "org.dockmaster.code-sha";
inline constexpr const char *ConfigCommit = "org.dockmaster.config-commit";
} // namespace HealthLabels

struct ContainerObservation {
    QString id;
    QString name;    // third-party text: shown as plain text only
    QString project; // compose project: <app id>-<environment>
    ContainerPhase phase = ContainerPhase::Unknown;
    int exitCode = -1;
    bool oomKilled = false;
    int restartCount = 0;
    bool hasDeployLabels = false; // false: started outside the pipeline
    QString codeSha;
    QString configCommit;
    qint64 atNs = 0; // engine time of the change (event time), or local time for a listing
    qint64 finishedAtNs = 0;

    bool isServing() const
    {
        return phase == ContainerPhase::Running || phase == ContainerPhase::Starting
            || phase == ContainerPhase::Healthy;
    }
    bool operator==(const ContainerObservation &) const = default;
};

// What one host's watcher reports since its last batch, in order.
struct HostHealthBatch {
    QString host;
    bool reachabilityChanged = false;
    bool reachable = false;
    QString unreachableReason;
    bool snapshot = false; // `containers` is the whole list: anything not in it is gone
    QList<ContainerObservation> changes;
};

// How one environment of one app is doing now.
enum class ServingState {
    Unknown, // the host cannot be reached or is not watched: never shown as healthy
    Serving,
    Fallback, // the container is not serving: the outer nginx serves the fallback
};

struct AppHealth {
    QString appId;
    Environment environment = Environment::Test;
    ServingState serving = ServingState::Unknown;
    ContainerPhase phase = ContainerPhase::Unknown;
    QString reason;        // why on fallback / unknown (translated)
    QDateTime since;       // when the current serving state began (fallback since)
    QString containerName; // third-party text
    int restartCount = 0;
    QString runningCodeSha;
    QString runningConfigCommit;
    bool startedByHand = false;
    bool codeDrift = false; // running code is not the approved (environment branch) pointer

    bool operator==(const AppHealth &) const = default;
};

// A failover or a recovery, as kept in the cache.
struct HealthEvent {
    QString appId;
    Environment environment = Environment::Test;
    QDateTime at;
    bool failover = true; // false: recovery
    QString reason;
    QString container;

    bool operator==(const HealthEvent &) const = default;
};

QString containerPhaseDisplayName(ContainerPhase phase);
// Why a container that is not serving is not serving (translated).
QString fallbackReason(const ContainerObservation &container);
// "2 h 13 min", "5 min", "40 s"
QString durationText(qint64 seconds);

} // namespace Dockmaster

Q_DECLARE_METATYPE(Dockmaster::HostHealthBatch)
Q_DECLARE_METATYPE(Dockmaster::AppHealth)
Q_DECLARE_METATYPE(Dockmaster::HealthEvent)
