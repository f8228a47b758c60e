#include "core/health/healthmonitor.h"

#include "core/logs/dockerhostendpoint.h"
#include "core/util/threadmailbox.h"

#include <QDateTime>
#include <QTimeZone>

namespace Dockmaster {
namespace {

QDateTime fromNs(qint64 ns)
{
    return ns > 0 ? QDateTime::fromMSecsSinceEpoch(ns / 1000000LL, QTimeZone::UTC) : QDateTime::currentDateTimeUtc();
}

bool sameSha(const QString &a, const QString &b)
{
    if (a.size() < 7 || b.size() < 7)
        return a == b;
    return a.startsWith(b) || b.startsWith(a);
}

} // namespace

HealthMonitor::HealthMonitor(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<HostHealthBatch>();
    qRegisterMetaType<HealthEvent>();
    qRegisterMetaType<QList<HealthEvent>>();
    m_thread.setObjectName(QStringLiteral("HealthWatchers"));
    m_toOwner = new ThreadMailbox(this);
    m_toWatchers = std::make_unique<ThreadMailbox>();
    m_toWatchers->moveToThread(&m_thread);
}

HealthMonitor::~HealthMonitor()
{
    const QStringList hosts = m_watchers.keys();
    for (const QString &host : hosts)
        stopWatcher(host);
    m_thread.requestInterruption();
    m_thread.quit();
    m_thread.wait();
    m_toWatchers.reset(); // safe now: its thread has stopped
}

QString HealthMonitor::projectOf(const QString &appId, Environment environment)
{
    return appId + QLatin1Char('-') + environmentKey(environment);
}

void HealthMonitor::setLastEvents(const QList<HealthEvent> &events)
{
    for (const HealthEvent &event : events) {
        const QString project = projectOf(event.appId, event.environment);
        const auto it = m_lastEvent.constFind(project);
        if (it == m_lastEvent.cend() || it->at < event.at)
            m_lastEvent.insert(project, event);
    }
}

void HealthMonitor::setInventory(const QList<HostRecord> &hosts, const QList<AppRecord> &apps)
{
    QHash<QString, HostRecord> hostsByName;
    for (const HostRecord &host : hosts)
        hostsByName.insert(host.name, host);

    QHash<QString, Watched> projects;
    QHash<QString, QStringList> projectsOfHost;
    for (const AppRecord &app : apps) {
        if (app.status == QLatin1String("archived"))
            continue;
        for (const EnvironmentState &state : app.environments) {
            if (state.host.isEmpty())
                continue;
            const QString project = projectOf(app.id, state.environment);
            projects.insert(project, { app.id, state.environment, state.host, state.liveSha });
            projectsOfHost[state.host].append(project);
        }
    }
    m_projects = projects;
    m_projectsOfHost = projectsOfHost;

    // Forget what is no longer watched.
    const QStringList known = m_health.keys();
    for (const QString &project : known) {
        if (!m_projects.contains(project)) {
            m_definite.remove(project);
            forget(project);
        }
    }

    if (m_watching) {
        const QStringList running = m_watchers.keys();
        for (const QString &host : running) {
            if (!projectsOfHost.contains(host) || !(hostsByName.value(host) == m_watchedHosts.value(host)))
                stopWatcher(host);
        }
        for (auto it = projectsOfHost.cbegin(); it != projectsOfHost.cend(); ++it) {
            if (m_watchers.contains(it.key()))
                continue;
            const auto host = hostsByName.constFind(it.key());
            if (host == hostsByName.cend()) {
                HostState &state = m_hosts[it.key()];
                state.reachable = false;
                state.listed = false;
                state.reason = tr("host %1 is not in the inventory").arg(it.key());
                continue;
            }
            startWatcher(*host);
        }
    }

    QList<HealthEvent> events;
    QSet<QString> changed;
    for (auto it = m_projects.cbegin(); it != m_projects.cend(); ++it)
        evaluate(it.key(), &events, &changed);
    if (!events.isEmpty())
        Q_EMIT transitions(events);
    if (!changed.isEmpty())
        Q_EMIT healthChanged(QStringList(changed.cbegin(), changed.cend()));
}

void HealthMonitor::startWatcher(const HostRecord &host)
{
    QString error;
    const std::optional<DockerEndpoint> endpoint = DockerHostEndpoint::resolve(host, m_certificateDir, &error);
    HostState &state = m_hosts[host.name];
    if (!endpoint) {
        state.reachable = false;
        state.listed = false;
        state.reason = error;
        return;
    }
    state = HostState();
    state.reason = tr("connecting to the Docker engine");
    m_watchedHosts.insert(host.name, host);
    auto *watcher = new HostHealthWatcher(
        host.name, *endpoint, m_options, m_toOwner,
        m_watches[host.name].startGuarded([this](const HostHealthBatch &batch) { applyBatch(batch); }));
    watcher->moveToThread(&m_thread);
    m_watchers.insert(host.name, watcher);
    if (!m_thread.isRunning())
        m_thread.start();
    m_toWatchers->post([watcher] { watcher->start(); });
}

void HealthMonitor::stopWatcher(const QString &host)
{
    HostHealthWatcher *watcher = m_watchers.take(host);
    m_watchedHosts.remove(host);
    m_watches.erase(host);
    m_hosts.remove(host);
    if (!watcher)
        return;
    if (m_thread.isRunning()) {
        m_toWatchers->run([watcher] { watcher->stop(); });
        watcher->deleteLater();
    } else {
        delete watcher;
    }
}

void HealthMonitor::applyBatch(const HostHealthBatch &batch)
{
    HostState &host = m_hosts[batch.host];
    QSet<QString> projects;
    QList<HealthEvent> events;
    QSet<QString> changed;
    bool wholeHost = false;
    if (batch.reachabilityChanged) {
        // An unreachable host keeps what it last knew, so events replayed
        // after the reconnect are compared with it (no transition is lost).
        host.reachable = batch.reachable;
        host.reason = batch.unreachableReason;
        wholeHost = true;
    }
    for (const ContainerObservation &container : batch.changes) {
        const auto previous = host.containers.constFind(container.id);
        // Never back in time: a change older than what is known was applied
        // before (a replay). Listings carry no engine time (0) and always apply.
        if (previous != host.containers.cend() && container.atNs > 0 && container.atNs < previous->atNs)
            continue;
        if (previous != host.containers.cend() && previous->project != container.project)
            host.byProject[previous->project].remove(container.id);
        host.containers.insert(container.id, container);
        host.byProject[container.project].insert(container.id);
        // One change at a time, in order: a crash and its restart in the same
        // batch are two transitions, each with its own time.
        if (host.listed && host.reachable && m_projects.contains(container.project))
            evaluate(container.project, &events, &changed);
        else
            projects.insert(container.project);
    }
    if (batch.snapshot && !host.listed) {
        host.listed = true;
        wholeHost = true;
    }
    if (wholeHost) {
        for (const QString &project : m_projectsOfHost.value(batch.host))
            projects.insert(project);
    }
    for (const QString &project : std::as_const(projects)) {
        if (m_projects.contains(project))
            evaluate(project, &events, &changed);
    }
    if (!events.isEmpty())
        Q_EMIT transitions(events);
    if (!changed.isEmpty())
        Q_EMIT healthChanged(QStringList(changed.cbegin(), changed.cend()));
}

void HealthMonitor::evaluate(const QString &project, QList<HealthEvent> *events, QSet<QString> *changed)
{
    const Watched watched = m_projects.value(project);
    AppHealth next;
    next.appId = watched.appId;
    next.environment = watched.environment;
    const auto hostIt = m_hosts.constFind(watched.host);
    qint64 changeNs = 0;
    if (hostIt == m_hosts.cend() || !hostIt->reachable || !hostIt->listed) {
        next.serving = ServingState::Unknown;
        next.reason = hostIt == m_hosts.cend() || hostIt->reason.isEmpty()
            ? tr("host %1 is not watched").arg(watched.host)
            : tr("host %1: %2").arg(watched.host, hostIt->reason);
    } else {
        const ContainerObservation *best = nullptr;
        const QSet<QString> ids = hostIt->byProject.value(project);
        for (const QString &id : ids) {
            const auto found = hostIt->containers.constFind(id);
            if (found == hostIt->containers.cend())
                continue;
            const ContainerObservation &candidate = *found;
            if (candidate.phase == ContainerPhase::Removed) {
                changeNs = qMax(changeNs, candidate.atNs);
                continue;
            }
            if (!best || (candidate.isServing() && !best->isServing())
                || (candidate.isServing() == best->isServing() && candidate.atNs > best->atNs))
                best = &candidate;
        }
        if (!best) {
            next.serving = ServingState::Fallback;
            next.phase = ContainerPhase::Removed;
            next.reason = tr("container missing");
        } else {
            changeNs = best->atNs;
            next.phase = best->phase;
            next.containerName = best->name;
            next.restartCount = best->restartCount;
            next.runningCodeSha = best->codeSha;
            next.runningConfigCommit = best->configCommit;
            next.startedByHand = !best->hasDeployLabels;
            next.codeDrift
                = best->hasDeployLabels && !watched.liveSha.isEmpty() && !sameSha(best->codeSha, watched.liveSha);
            next.serving = best->isServing() ? ServingState::Serving : ServingState::Fallback;
            next.reason = best->isServing() ? QString() : fallbackReason(*best);
        }
    }

    Definite &definite = m_definite[project];
    const auto lastEvent = m_lastEvent.constFind(project);
    const bool openFailover = lastEvent != m_lastEvent.cend() && lastEvent->failover;

    auto transition = [&](bool failover, const QDateTime &at) {
        HealthEvent event;
        event.appId = watched.appId;
        event.environment = watched.environment;
        event.at = at;
        event.failover = failover;
        event.reason = failover ? next.reason : tr("serving again (%1)").arg(containerPhaseDisplayName(next.phase));
        event.container = next.containerName;
        m_lastEvent.insert(project, event);
        events->append(event);
    };

    if (next.serving == ServingState::Unknown) {
        // Unknown keeps the start of a fallback that may still be going on.
        next.since
            = definite.state == ServingState::Fallback ? definite.since : (openFailover ? lastEvent->at : QDateTime());
    } else if (next.serving != definite.state) {
        // Transitions of one app environment never go back in time, even when
        // the engine's time of a change is older than a state first seen here.
        QDateTime at = fromNs(changeNs);
        if (definite.since.isValid() && at < definite.since)
            at = definite.since;
        if (next.serving == ServingState::Fallback) {
            if (openFailover && definite.state == ServingState::Unknown) {
                next.since = lastEvent->at; // the same failover as before the console started
            } else {
                next.since = at;
                transition(true, at);
            }
        } else {
            next.since = at;
            if (definite.state == ServingState::Fallback || openFailover)
                transition(false, at);
        }
        definite.state = next.serving;
        definite.since = next.since;
    } else {
        next.since = definite.since;
    }

    const auto previousIt = m_health.constFind(project);
    if (previousIt == m_health.cend() || !(*previousIt == next)) {
        store(project, next);
        changed->insert(watched.appId);
    }
}

void HealthMonitor::forget(const QString &project)
{
    const auto it = m_health.constFind(project);
    if (it == m_health.cend())
        return;
    if (it->serving == ServingState::Serving)
        --m_servingCount;
    if (it->serving == ServingState::Fallback) {
        auto count = m_fallbackEnvironments.find(it->appId);
        if (count != m_fallbackEnvironments.end() && --count.value() <= 0)
            m_fallbackEnvironments.erase(count);
    }
    m_health.remove(project);
}

void HealthMonitor::store(const QString &project, const AppHealth &health)
{
    forget(project);
    if (health.serving == ServingState::Serving)
        ++m_servingCount;
    if (health.serving == ServingState::Fallback)
        ++m_fallbackEnvironments[health.appId];
    m_health.insert(project, health);
}

std::optional<AppHealth> HealthMonitor::health(const QString &appId, Environment environment) const
{
    const auto it = m_health.constFind(projectOf(appId, environment));
    if (it == m_health.cend())
        return std::nullopt;
    return *it;
}

QList<AppHealth> HealthMonitor::healthOf(const QString &appId) const
{
    QList<AppHealth> result;
    for (Environment environment : AllEnvironments) {
        if (const std::optional<AppHealth> found = health(appId, environment))
            result.append(*found);
    }
    return result;
}

} // namespace Dockmaster
