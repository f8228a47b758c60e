#include "core/health/hosthealthwatcher.h"

#include "core/logs/httpstreamclient.h"
#include "core/logs/logtimestamp.h"
#include "core/util/threadmailbox.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

#include <utility>

namespace Dockmaster {
namespace {

constexpr qint64 NanosPerSecond = 1000000000LL;
constexpr qsizetype MaxEventLine = 1024 * 1024;

qint64 nowNs()
{
    return QDateTime::currentMSecsSinceEpoch() * 1000000LL;
}

qint64 parseTime(const QString &text)
{
    // Docker's "never" is 0001-01-01T00:00:00Z, outside what nanoseconds since 1970 hold.
    if (text.isEmpty() || text.left(4).toInt() < 1971)
        return 0;
    qsizetype consumed = 0;
    const QByteArray bytes = text.toLatin1() + ' ';
    const qint64 ns = parseRfc3339Nanos(bytes, &consumed);
    return ns > 0 ? ns : 0;
}

QByteArray filtersQuery(const QJsonObject &filters)
{
    return QUrl::toPercentEncoding(QString::fromUtf8(QJsonDocument(filters).toJson(QJsonDocument::Compact)));
}

void applyLabels(ContainerObservation &container, const QJsonObject &labels)
{
    container.project = labels.value(QLatin1String(HealthLabels::ComposeProject)).toString();
    const QJsonValue code = labels.value(QLatin1String(HealthLabels::CodeSha));
    const QJsonValue config = labels.value(QLatin1String(HealthLabels::ConfigCommit));
    container.codeSha = code.toString();
    container.configCommit = config.toString();
    // The pipeline always fills both; "unknown" is what a hand-run compose up gets.
    container.hasDeployLabels = !container.codeSha.isEmpty() && container.codeSha != QLatin1String("unknown")
        && !container.configCommit.isEmpty() && container.configCommit != QLatin1String("unknown");
}

QString stripSlash(QString name)
{
    if (name.startsWith(QLatin1Char('/')))
        name.remove(0, 1);
    return name;
}

} // namespace

HostHealthWatcher::HostHealthWatcher(QString host, const DockerEndpoint &endpoint, const HostWatchOptions &options,
                                     ThreadMailbox *replies, Sink sink)
    : m_host(std::move(host))
    , m_endpoint(endpoint)
    , m_options(options)
    , m_replies(replies)
    , m_sink(std::move(sink))
    , m_retryTimer(this)
    , m_flushTimer(this)
{
    m_pending.host = m_host;
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &HostHealthWatcher::connectEvents);
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(m_options.flushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &HostHealthWatcher::flush);
}

HostHealthWatcher::~HostHealthWatcher()
{
    m_endpoint.keyPassphrase.fill('\0');
}

void HostHealthWatcher::start()
{
    m_stopped = false;
    m_events = new HttpStreamClient(m_endpoint, this);
    m_events->setConnectTimeout(m_options.connectTimeoutMs);
    connect(m_events, &HttpStreamClient::headersReceived, this, &HostHealthWatcher::onEventsHeaders);
    connect(m_events, &HttpStreamClient::finished, this, [this] {
        if (m_events->status() != 200)
            onEventsLost(tr("the engine refused the events stream (HTTP %1): %2")
                             .arg(m_events->status())
                             .arg(QString::fromUtf8(m_eventError.left(300)).trimmed()));
        else
            onEventsLost(tr("the engine ended the events stream"));
    });
    connect(m_events, &HttpStreamClient::failed, this, &HostHealthWatcher::onEventsLost);

    m_list = new HttpStreamClient(m_endpoint, this);
    m_list->setConnectTimeout(m_options.connectTimeoutMs);
    connect(m_list, &HttpStreamClient::finished, this, [this] {
        if (m_list->status() == 200)
            onList(m_listBody);
        else
            onEventsLost(tr("the engine refused to list containers (HTTP %1)").arg(m_list->status()));
    });
    connect(m_list, &HttpStreamClient::failed, this, &HostHealthWatcher::onEventsLost);

    m_inspect = new HttpStreamClient(m_endpoint, this);
    m_inspect->setConnectTimeout(m_options.connectTimeoutMs);
    connect(m_inspect, &HttpStreamClient::finished, this, [this] {
        const QString id = std::exchange(m_inspecting, QString());
        if (m_inspect->status() == 200)
            onInspect(id, m_inspectBody);
        else if (m_inspect->status() == 404 && m_containers.contains(id)) {
            ContainerObservation gone = m_containers.value(id);
            gone.phase = ContainerPhase::Removed;
            gone.atNs = nowNs();
            record(gone);
        }
        inspectNext();
    });
    connect(m_inspect, &HttpStreamClient::failed, this, [this](const QString &) {
        // The events stream notices the same outage and lists everything
        // again; what the listing said stands meanwhile.
        m_inspecting.clear();
        m_inspectQueue.clear();
        finishSnapshotIfInspected();
    });
    connectEvents();
}

void HostHealthWatcher::stop()
{
    m_stopped = true;
    m_retryTimer.stop();
    m_flushTimer.stop();
    delete m_events;
    m_events = nullptr;
    delete m_list;
    m_list = nullptr;
    delete m_inspect;
    m_inspect = nullptr;
    m_sink = nullptr;
}

void HostHealthWatcher::connectEvents()
{
    if (m_stopped)
        return;
    QJsonObject filters;
    // podman 5.4 answers a key-only label filter on /events with nothing, and
    // Docker ANDs several label filters: the host's compose projects cannot be
    // OR-ed on the server, so the project label is checked here (handleEvent).
    filters.insert(QStringLiteral("type"), QJsonArray { QStringLiteral("container") });
    QByteArray query = "/events?filters=" + filtersQuery(filters);
    if (m_lastEventNs > 0)
        query += "&since=" + QByteArray::number(m_lastEventNs / NanosPerSecond);
    else if (m_lostAtSecs > 0)
        query += "&since=" + QByteArray::number(m_lostAtSecs - 2);
    m_eventCarry.clear();
    m_eventError.clear();
    m_events->get(m_endpoint.target(query), [this](QByteArrayView data) { onEventsBody(data); });
}

void HostHealthWatcher::onEventsHeaders(int status)
{
    if (status != 200)
        return; // the body says why; finished() reports it
    m_retryMs = 0;
    setReachable(true, QString());
    // Listed after the stream is up, so nothing can happen between the two unseen.
    listContainers();
}

void HostHealthWatcher::onEventsBody(QByteArrayView data)
{
    if (m_events->status() != 200) {
        if (m_eventError.size() < 4096)
            m_eventError.append(data);
        return;
    }
    m_eventCarry.append(data);
    qsizetype start = 0;
    while (true) {
        const qsizetype end = m_eventCarry.indexOf('\n', start);
        if (end < 0)
            break;
        const QByteArrayView line = QByteArrayView(m_eventCarry).sliced(start, end - start).trimmed();
        start = end + 1;
        if (line.isEmpty())
            continue;
        const QJsonDocument document = QJsonDocument::fromJson(line.toByteArray());
        if (document.isObject())
            handleEvent(document.object());
    }
    m_eventCarry.remove(0, start);
    if (m_eventCarry.size() > MaxEventLine) {
        m_events->abort();
        onEventsLost(tr("the events stream sent a line longer than 1 MiB"));
    }
}

void HostHealthWatcher::onEventsLost(const QString &reason)
{
    if (m_stopped || m_retryTimer.isActive())
        return;
    m_events->abort();
    m_list->abort();
    m_inspect->abort();
    m_inspecting.clear();
    m_inspectQueue.clear();
    m_snapshotPending = false;
    if (m_lostAtSecs == 0 || m_reachable)
        m_lostAtSecs = QDateTime::currentSecsSinceEpoch();
    setReachable(false, reason);
    m_retryMs = m_retryMs == 0 ? m_options.reconnectInitialMs : qMin(m_retryMs * 2, m_options.reconnectMaxMs);
    m_retryTimer.start(m_retryMs);
}

void HostHealthWatcher::listContainers()
{
    QJsonObject filters;
    // Unlike /events, the listing takes a key-only label filter on both engines.
    filters.insert(QStringLiteral("label"), QJsonArray { QLatin1String(HealthLabels::ComposeProject) });
    m_listBody.clear();
    m_list->get(m_endpoint.target("/containers/json?all=1&filters=" + filtersQuery(filters)),
                [this](QByteArrayView data) { m_listBody.append(data); });
}

void HostHealthWatcher::onList(const QByteArray &json)
{
    const QJsonArray containers = QJsonDocument::fromJson(json).array();
    QSet<QString> present;
    for (const QJsonValue &value : containers) {
        const QJsonObject object = value.toObject();
        const QString id = object.value(QStringLiteral("Id")).toString();
        if (id.isEmpty())
            continue;
        present.insert(id);
        ContainerObservation container = m_containers.value(id);
        container.id = id;
        container.name = stripSlash(object.value(QStringLiteral("Names")).toArray().first().toString());
        applyLabels(container, object.value(QStringLiteral("Labels")).toObject());
        const QString state = object.value(QStringLiteral("State")).toString();
        const QString status = object.value(QStringLiteral("Status")).toString();
        if (state == QLatin1String("running")) {
            if (status.contains(QLatin1String("(unhealthy)")))
                container.phase = ContainerPhase::Unhealthy;
            else if (status.contains(QLatin1String("(healthy)")))
                container.phase = ContainerPhase::Healthy;
            else if (container.phase != ContainerPhase::Healthy && container.phase != ContainerPhase::Unhealthy
                     && container.phase != ContainerPhase::Starting)
                container.phase = ContainerPhase::Running;
        } else if (state == QLatin1String("restarting")) {
            container.phase = ContainerPhase::Restarting;
        } else if (state == QLatin1String("created") || state == QLatin1String("configured")) {
            container.phase = ContainerPhase::Created;
        } else {
            container.phase = ContainerPhase::Exited;
        }
        // A listing has no engine time: the inspect that follows brings it.
        record(container);
        // The listing lacks the health (podman), exit code, OOM and restart count.
        queueInspect(id);
    }
    const QList<QString> known = m_containers.keys();
    for (const QString &id : known) {
        if (present.contains(id))
            continue;
        ContainerObservation gone = m_containers.value(id);
        if (gone.phase == ContainerPhase::Removed)
            continue;
        gone.phase = ContainerPhase::Removed;
        gone.atNs = 0; // gone at an unknown moment while the stream was down
        record(gone);
    }
    // The snapshot is complete once every container has been inspected (its
    // health, exit code and the engine's time of its last change).
    m_snapshotPending = true;
    finishSnapshotIfInspected();
}

void HostHealthWatcher::finishSnapshotIfInspected()
{
    if (!m_snapshotPending || !m_inspecting.isEmpty() || !m_inspectQueue.isEmpty())
        return;
    m_snapshotPending = false;
    m_pending.snapshot = true;
    flush();
}

void HostHealthWatcher::handleEvent(const QJsonObject &event)
{
    if (event.value(QStringLiteral("Type")).toString() != QLatin1String("container"))
        return;
    const QJsonObject actor = event.value(QStringLiteral("Actor")).toObject();
    const QString id = actor.value(QStringLiteral("ID")).toString();
    QString action = event.value(QStringLiteral("Action")).toString();
    const qint64 timeNs = event.value(QStringLiteral("timeNano"))
                              .toInteger(event.value(QStringLiteral("time")).toInteger() * NanosPerSecond);
    if (id.isEmpty() || timeNs <= 0)
        return;

    // Skip what was seen before a reconnect (since= resends the newest second).
    const qint64 lastSecond = m_lastEventNs / NanosPerSecond;
    if (timeNs / NanosPerSecond < lastSecond)
        return;
    const QByteArray key = QByteArray::number(timeNs) + ' ' + id.toLatin1() + ' ' + action.toLatin1();
    if (m_seenInLastSecond.contains(key))
        return;
    if (timeNs / NanosPerSecond > lastSecond)
        m_seenInLastSecond.clear();
    m_seenInLastSecond.insert(key);
    m_lastEventNs = qMax(m_lastEventNs, timeNs);

    const QJsonObject attributes = actor.value(QStringLiteral("Attributes")).toObject();
    if (!attributes.contains(QLatin1String(HealthLabels::ComposeProject)) && !m_containers.contains(id))
        return; // not an app's container
    ContainerObservation container = m_containers.value(id);
    container.id = id;
    if (attributes.contains(QStringLiteral("name")))
        container.name = attributes.value(QStringLiteral("name")).toString();
    if (attributes.contains(QLatin1String(HealthLabels::ComposeProject)))
        applyLabels(container, attributes);
    container.atNs = timeNs;

    // Docker: "health_status: unhealthy"; podman: "health_status" and a HealthStatus field.
    QString health;
    if (action.startsWith(QLatin1String("health_status"))) {
        health = action.section(QLatin1Char(':'), 1).trimmed();
        if (health.isEmpty())
            health = event.value(QStringLiteral("HealthStatus")).toString();
        action = QStringLiteral("health_status");
    }
    if (action == QLatin1String("create")) {
        container.phase = ContainerPhase::Created;
    } else if (action == QLatin1String("start") || action == QLatin1String("restart")
               || action == QLatin1String("unpause")) {
        container.phase = ContainerPhase::Running;
        container.exitCode = -1;
        container.oomKilled = false;
        queueInspect(id);
    } else if (action == QLatin1String("die")) {
        container.phase = ContainerPhase::Exited;
        const QString code = attributes.value(QStringLiteral("exitCode"))
                                 .toString(attributes.value(QStringLiteral("containerExitCode")).toString());
        bool ok = false;
        const int exitCode = code.toInt(&ok);
        container.exitCode = ok ? exitCode : -1;
        container.finishedAtNs = timeNs;
        queueInspect(id); // OOM and restart policy
    } else if (action == QLatin1String("oom")) {
        container.oomKilled = true;
    } else if (action == QLatin1String("pause")) {
        container.phase = ContainerPhase::Unhealthy;
    } else if (action == QLatin1String("destroy") || action == QLatin1String("remove")) {
        container.phase = ContainerPhase::Removed;
    } else if (action == QLatin1String("health_status")) {
        if (container.phase == ContainerPhase::Exited || container.phase == ContainerPhase::Removed)
            return;
        if (health == QLatin1String("healthy"))
            container.phase = ContainerPhase::Healthy;
        else if (health == QLatin1String("unhealthy"))
            container.phase = ContainerPhase::Unhealthy;
        else
            container.phase = ContainerPhase::Starting;
    } else {
        return; // exec, attach, rename...: nothing about serving
    }
    m_lastEventOf.insert(id, timeNs);
    record(container);
}

void HostHealthWatcher::queueInspect(const QString &id)
{
    if (m_inspecting == id || m_inspectQueue.contains(id))
        return;
    m_inspectQueue.append(id);
    if (m_inspecting.isEmpty())
        inspectNext();
}

void HostHealthWatcher::inspectNext()
{
    if (m_stopped || !m_inspecting.isEmpty() || !m_reachable)
        return;
    if (m_inspectQueue.isEmpty()) {
        finishSnapshotIfInspected();
        return;
    }
    m_inspecting = m_inspectQueue.takeFirst();
    m_inspectEventMark = m_lastEventOf.value(m_inspecting);
    m_inspectBody.clear();
    m_inspect->get(m_endpoint.target("/containers/" + QUrl::toPercentEncoding(m_inspecting) + "/json"),
                   [this](QByteArrayView data) { m_inspectBody.append(data); });
}

void HostHealthWatcher::onInspect(const QString &id, const QByteArray &json)
{
    const QJsonObject object = QJsonDocument::fromJson(json).object();
    if (object.isEmpty())
        return;
    if (m_lastEventOf.value(id) != m_inspectEventMark) {
        // An event came while the answer was on its way: it may describe an
        // older state than that event. Ask again rather than step back.
        queueInspect(id);
        return;
    }
    const QJsonObject state = object.value(QStringLiteral("State")).toObject();
    ContainerObservation container = m_containers.value(id);
    container.id = id;
    container.name = stripSlash(object.value(QStringLiteral("Name")).toString());
    applyLabels(container,
                object.value(QStringLiteral("Config")).toObject().value(QStringLiteral("Labels")).toObject());
    container.restartCount = object.value(QStringLiteral("RestartCount")).toInt();
    container.exitCode = state.value(QStringLiteral("ExitCode")).toInt(-1);
    container.oomKilled = state.value(QStringLiteral("OOMKilled")).toBool();
    const qint64 startedAt = parseTime(state.value(QStringLiteral("StartedAt")).toString());
    const qint64 finishedAt = parseTime(state.value(QStringLiteral("FinishedAt")).toString());
    const QJsonObject health = state.value(QStringLiteral("Health")).toObject();
    const QString status = state.value(QStringLiteral("Status")).toString();
    qint64 at = startedAt;
    if (state.value(QStringLiteral("Restarting")).toBool() || status == QLatin1String("restarting")) {
        container.phase = ContainerPhase::Restarting;
        at = qMax(startedAt, finishedAt);
    } else if (state.value(QStringLiteral("Running")).toBool()) {
        const QString healthStatus = health.value(QStringLiteral("Status")).toString();
        if (healthStatus == QLatin1String("healthy"))
            container.phase = ContainerPhase::Healthy;
        else if (healthStatus == QLatin1String("unhealthy"))
            container.phase = ContainerPhase::Unhealthy;
        else if (healthStatus == QLatin1String("starting"))
            container.phase = ContainerPhase::Starting;
        else
            container.phase = ContainerPhase::Running;
        const QJsonArray log = health.value(QStringLiteral("Log")).toArray();
        if (!log.isEmpty() && container.phase != ContainerPhase::Starting)
            at = qMax(at, parseTime(log.last().toObject().value(QStringLiteral("End")).toString()));
    } else if (status == QLatin1String("created") || status == QLatin1String("configured")) {
        container.phase = ContainerPhase::Created;
    } else {
        container.phase = ContainerPhase::Exited;
        container.finishedAtNs = finishedAt;
        at = finishedAt;
    }
    // An inspect answers for "now": it never moves a container behind an
    // event already applied.
    const qint64 lastEvent = m_lastEventOf.value(id);
    container.atNs = at > 0 ? qMax(at, lastEvent) : (lastEvent > 0 ? lastEvent : nowNs());
    record(container);
}

void HostHealthWatcher::record(const ContainerObservation &observation)
{
    const auto it = m_containers.constFind(observation.id);
    if (it != m_containers.cend() && *it == observation)
        return;
    if (it != m_containers.cend()) {
        // Only the time differs: not a change.
        ContainerObservation sameTime = observation;
        sameTime.atNs = it->atNs;
        if (*it == sameTime)
            return;
    }
    m_containers.insert(observation.id, observation);
    m_pending.changes.append(observation);
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void HostHealthWatcher::setReachable(bool reachable, const QString &reason)
{
    if (m_reachabilityKnown && m_reachable == reachable && (reachable || m_pending.unreachableReason == reason))
        return;
    m_reachabilityKnown = true;
    m_reachable = reachable;
    m_pending.reachabilityChanged = true;
    m_pending.reachable = reachable;
    m_pending.unreachableReason = reason;
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void HostHealthWatcher::flush()
{
    m_flushTimer.stop();
    if (!m_pending.reachabilityChanged && m_pending.changes.isEmpty() && !m_pending.snapshot)
        return;
    HostHealthBatch batch = std::exchange(m_pending, HostHealthBatch());
    m_pending.host = m_host;
    if (!m_sink)
        return;
    m_replies->post([sink = m_sink, batch] { sink(batch); });
}

} // namespace Dockmaster
