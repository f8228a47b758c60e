#include "core/logs/dockerlogsource.h"

#include "core/keychain/secretstore.h"
#include "core/logs/dockerlogworker.h"
#include "core/logs/httpstreamclient.h"
#include "core/logs/loglineparse.h"
#include "core/logs/logtimestamp.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include <algorithm>

namespace Dockmaster {
namespace {

constexpr qint64 NanosPerSecond = 1000000000LL;
// A batch goes out before the timer once it is this big: a flood must not
// pile up here between two ticks.
constexpr size_t MaxPendingLines = 50000;
constexpr qsizetype MaxPendingBytes = 4 * 1024 * 1024;
// How many rescans a reading opened again may stay silent at most before it
// counts as hung (see DockerLogWorker::isHung).
constexpr int MaxSilentScans = 32;

quint64 replayKey(qint64 timeNs, size_t contentHash)
{
    return (quint64(timeNs) * 0x9E3779B97F4A7C15ULL) ^ quint64(contentHash);
}

} // namespace

DockerLogSource::DockerLogSource(const DockerEndpoint &endpoint, const DockerLogOptions &options, QObject *parent)
    : LogSource(parent)
    , m_endpoint(endpoint)
    , m_options(options)
{
}

DockerLogSource::~DockerLogSource()
{
    stop();
}

void DockerLogSource::setPassphraseSource(SecretStore *store, const QString &profile, const QString &host)
{
    m_secrets = store;
    m_secretKey = SecretStore::dockerKeyPassphraseKey(profile, host);
}

void DockerLogSource::prepare(const std::function<void()> &proceed)
{
    if (!m_endpoint.tls || !m_secrets || m_endpoint.clientKeyFile.isEmpty()) {
        proceed();
        return;
    }
    disconnect(m_secretConnection);
    disconnect(m_secretFailedConnection);
    m_secretConnection = connect(m_secrets.data(), &SecretStore::secretRead, this,
                                 [this, proceed](const QString &key, const QString &secret, bool found) {
                                     if (key != m_secretKey)
                                         return;
                                     disconnect(m_secretConnection);
                                     disconnect(m_secretFailedConnection);
                                     m_endpoint.keyPassphrase = found ? secret.toUtf8() : QByteArray();
                                     proceed();
                                 });
    // Without the keychain an unencrypted key still works; an encrypted one
    // then fails to load with its own clear message.
    m_secretFailedConnection = connect(m_secrets.data(), &SecretStore::failed, this,
                                       [this, proceed](const QString &key, const QString &message) {
                                           if (key != m_secretKey)
                                               return;
                                           disconnect(m_secretConnection);
                                           disconnect(m_secretFailedConnection);
                                           Q_EMIT failed(tr("Cannot read the Docker key passphrase: %1").arg(message));
                                           proceed();
                                       });
    m_secrets->read(m_secretKey);
}

LogWorker *DockerLogSource::createWorker()
{
    auto *worker = new DockerLogWorker(m_endpoint, m_options);
    // The worker has its own copy; this one need not keep the secret around.
    m_endpoint.keyPassphrase.fill('\0');
    m_endpoint.keyPassphrase.clear();
    return worker;
}

DockerLogWorker::DockerLogWorker(const DockerEndpoint &endpoint, const DockerLogOptions &options)
    : m_endpoint(endpoint)
    , m_options(options)
    , m_rescanTimer(this)
    , m_flushTimer(this)
{
    m_rescanTimer.setInterval(m_options.rescanIntervalMs);
    m_flushTimer.setInterval(m_options.flushIntervalMs);
    connect(&m_rescanTimer, &QTimer::timeout, this, &DockerLogWorker::rescan);
    connect(&m_flushTimer, &QTimer::timeout, this, [this] { flush(false); });
}

DockerLogWorker::~DockerLogWorker()
{
    m_endpoint.keyPassphrase.fill('\0');
}

void DockerLogWorker::start()
{
    m_clock.start();
    m_listClient = new HttpStreamClient(m_endpoint, this);
    connect(m_listClient, &HttpStreamClient::finished, this, [this] {
        if (m_listClient->status() == 200) {
            onContainerList(m_listBody);
        } else {
            Q_EMIT failed(tr("The Docker engine refused to list containers (HTTP %1): %2")
                              .arg(m_listClient->status())
                              .arg(errorDetail(m_listBody)));
        }
    });
    connect(m_listClient, &HttpStreamClient::failed, this, [this](const QString &message) {
        Q_EMIT statusChanged(tr("Cannot reach the Docker engine: %1").arg(message));
    });
    m_flushTimer.start();
    m_rescanTimer.start();
    rescan();
}

void DockerLogWorker::stop()
{
    m_stopped = true;
    m_rescanTimer.stop();
    m_flushTimer.stop();
    for (auto &entry : m_follows) {
        entry.second->retryTimer.stop();
        delete entry.second->client;
        entry.second->client = nullptr;
    }
    delete m_listClient;
    m_listClient = nullptr;
    flush(true);
}

void DockerLogWorker::pauseReading()
{
    m_readingPaused = true;
    for (auto &entry : m_follows) {
        if (entry.second->client)
            entry.second->client->pause();
    }
}

void DockerLogWorker::resumeReading()
{
    m_readingPaused = false;
    for (auto &entry : m_follows) {
        if (entry.second->client)
            entry.second->client->resume();
    }
}

QString DockerLogWorker::errorDetail(const QByteArray &body)
{
    const QByteArray trimmed = body.trimmed();
    QString detail;
    const QJsonDocument document = QJsonDocument::fromJson(trimmed);
    if (document.isObject())
        detail = document.object().value(QStringLiteral("message")).toString();
    else if (document.isNull() && !trimmed.startsWith('{') && !trimmed.startsWith('[') && !trimmed.startsWith('<'))
        detail = QString::fromUtf8(trimmed.left(300));
    detail = detail.simplified().left(300);
    return detail.isEmpty() ? tr("no details") : detail;
}

void DockerLogWorker::rescan()
{
    if (m_stopped || !m_listClient || m_listClient->isActive())
        return;
    QJsonObject filters;
    filters.insert(QStringLiteral("label"),
                   QJsonArray { QString(QStringLiteral("com.docker.compose.project=") + m_options.composeProject) });
    const QByteArray json = QJsonDocument(filters).toJson(QJsonDocument::Compact);
    m_listBody.clear();
    m_listClient->get(
        m_endpoint.target("/containers/json?all=1&filters=" + QUrl::toPercentEncoding(QString::fromUtf8(json))),
        [this](QByteArrayView data) { m_listBody.append(data); });
}

void DockerLogWorker::onContainerList(const QByteArray &json)
{
    const QJsonArray containers = QJsonDocument::fromJson(json).array();
    struct Seen {
        QString id, name;
        bool running;
    };
    std::vector<Seen> seen;
    for (const QJsonValue &value : containers) {
        const QJsonObject object = value.toObject();
        QString name = object.value(QStringLiteral("Names")).toArray().first().toString();
        if (name.startsWith(QLatin1Char('/')))
            name.remove(0, 1);
        const QString id = object.value(QStringLiteral("Id")).toString();
        if (id.isEmpty())
            continue;
        seen.push_back({ id, name.isEmpty() ? id.left(12) : name,
                         object.value(QStringLiteral("State")).toString() == QLatin1String("running") });
    }
    std::sort(seen.begin(), seen.end(), [](const Seen &a, const Seen &b) { return a.name < b.name; });
    // Say why the view is empty, and take that back once there is something to show.
    const bool nothingToShow = seen.empty() && m_follows.empty();
    if (nothingToShow != m_reportedNoContainers) {
        m_reportedNoContainers = nothingToShow;
        Q_EMIT statusChanged(nothingToShow ? tr("No container of %1 on this host yet; looking again every few "
                                                "seconds.")
                                                 .arg(m_options.composeProject)
                                           : QString());
    }
    bool sourcesChangedNow = false;
    for (const Seen &s : seen) {
        auto it = m_follows.find(s.id);
        if (it == m_follows.end()) {
            auto created = std::make_unique<Follow>();
            created->id = s.id;
            created->name = s.name;
            created->source = int(m_sources.size());
            m_sources.append(s.name);
            sourcesChangedNow = true;
            created->client = new HttpStreamClient(m_endpoint, this);
            if (m_readingPaused)
                created->client->pause();
            created->retryTimer.setSingleShot(true);
            Follow *raw = created.get();
            // A container that stopped has all its log written: a plain read
            // gets the rest and ends, where a follow may not (see onFinished).
            connect(&raw->retryTimer, &QTimer::timeout, this,
                    [this, raw] { follow(raw, raw->running ? Reading::Follow : Reading::CatchUp); });
            connect(raw->client, &HttpStreamClient::finished, this, [this, raw] { onFinished(raw); });
            connect(raw->client, &HttpStreamClient::failed, this,
                    [this, raw](const QString &reason) { onFailed(raw, reason); });
            it = m_follows.emplace(s.id, std::move(created)).first;
            it->second->running = s.running;
            // Stopped containers still have history worth showing.
            inspectAndFollow(raw);
            continue;
        }
        Follow *f = it->second.get();
        f->running = s.running;
        if (isHung(f, s.running)) {
            f->client->abort();
            onFailed(f, tr("The log stream of %1 stopped answering.").arg(f->name));
            continue;
        }
        if (f->ended && s.running && !f->client->isActive() && !f->retryTimer.isActive()) {
            f->ended = false;
            follow(f);
        }
    }
    if (sourcesChangedNow)
        Q_EMIT sourcesChanged(m_sources);
}

bool DockerLogWorker::isHung(Follow *f, bool running)
{
    // Docker ends a follow soon after its container stops; one still open
    // and silent a whole rescan later hangs (a stalled connection or proxy),
    // and would never show the rest. (A paused reader is silent because the
    // window is behind, not hung.) But the engine says nothing either while
    // it looks for the place to start in a long log (podman reads a
    // gigabyte's file from the start to find since=): each time a reading
    // opened again is silent to the end of its window, the next one waits
    // twice as long, or it would be given up before its first line forever.
    const bool silent
        = !running && f->stoppedAtScan && !f->heardSinceScan && f->client->isActive() && !f->client->isPaused();
    f->stoppedAtScan = !running;
    f->heardSinceScan = false;
    f->silentScans = silent ? f->silentScans + 1 : 0;
    if (f->silentScans < f->silentScansAllowed)
        return false;
    f->silentScans = 0;
    f->silentScansAllowed = qMin(f->silentScansAllowed * 2, MaxSilentScans);
    return true;
}

void DockerLogWorker::inspectAndFollow(Follow *f)
{
    f->errorBody.clear();
    auto *inspect = new HttpStreamClient(m_endpoint, this);
    auto body = std::make_shared<QByteArray>();
    connect(inspect, &HttpStreamClient::finished, this, [this, f, inspect, body] {
        inspect->deleteLater();
        const QJsonObject object = QJsonDocument::fromJson(*body).object();
        f->tty = object.value(QStringLiteral("Config")).toObject().value(QStringLiteral("Tty")).toBool();
        if (!m_stopped)
            follow(f);
    });
    connect(inspect, &HttpStreamClient::failed, this, [this, f, inspect](const QString &reason) {
        inspect->deleteLater();
        onFailed(f, reason);
    });
    inspect->get(m_endpoint.target("/containers/" + QUrl::toPercentEncoding(f->id) + "/json"),
                 [body](QByteArrayView data) { body->append(data); });
}

void DockerLogWorker::follow(Follow *f, Reading reading)
{
    if (m_stopped)
        return;
    f->catchingUp = reading == Reading::CatchUp;
    QByteArray query = "/containers/" + QUrl::toPercentEncoding(f->id) + "/logs?follow=" + (f->catchingUp ? "0" : "1")
        + "&stdout=1&stderr=1&timestamps=1";
    f->replay.clear();
    f->replayUntilNs = -1;
    if (f->lastTimeNs >= 0) {
        // since= takes whole seconds here (podman's timestamps have no more);
        // one second earlier still covers a server that compares strictly.
        const qint64 since = f->lastTimeNs / NanosPerSecond - 1;
        query += "&since=" + QByteArray::number(since);
        for (const auto &[timeNs, hash] : f->recent) {
            if (timeNs >= since * NanosPerSecond)
                ++f->replay[replayKey(timeNs, hash)];
        }
        f->replayUntilNs = f->lastTimeNs;
    } else {
        query += "&tail=" + (m_options.tail < 0 ? QByteArray("all") : QByteArray::number(m_options.tail));
    }
    f->demuxer.setMode(f->tty ? DockerFrameDemuxer::Mode::Raw : DockerFrameDemuxer::Mode::Multiplexed);
    clearLines(f);
    f->errorBody.clear();
    f->client->get(m_endpoint.target(query), [this, f](QByteArrayView data) { onBody(f, data); });
}

void DockerLogWorker::onBody(Follow *f, QByteArrayView data)
{
    f->heardSinceScan = true;
    if (f->client->status() != 200) {
        if (f->errorBody.size() < 4096)
            f->errorBody.append(data);
        return;
    }
    f->retryMs = 0;
    f->silentScansAllowed = 1;
    f->demuxer.feed(data, [this, f](LogStream stream, QByteArrayView piece, bool frameStart) {
        onPiece(f, stream, piece, frameStart);
    });
    if (f->demuxer.hasError()) {
        f->client->abort();
        onFailed(f, tr("The log stream of %1 is not in Docker's format.").arg(f->name));
    }
}

void DockerLogWorker::clearLines(Follow *f)
{
    for (LogLineAssembler &assembler : f->lines)
        assembler.clear();
    for (bool &reading : f->readingContinuationStamp)
        reading = false;
}

void DockerLogWorker::onPiece(Follow *f, LogStream stream, QByteArrayView piece, bool frameStart)
{
    const int s = int(stream);
    const auto toLines = [this, f, stream](QByteArrayView line) {
        onLine(f, stream, line);
    };
    if (frameStart && f->lines[s].hasPartialLine()) {
        f->readingContinuationStamp[s] = true;
        f->continuationStamp[s].clear();
    }
    if (f->readingContinuationStamp[s]) {
        QByteArray &stamp = f->continuationStamp[s];
        const qsizetype space = piece.indexOf(' ');
        const qsizetype take = space < 0 ? piece.size() : space + 1;
        stamp.append(piece.first(take));
        piece = piece.sliced(take);
        constexpr qsizetype LongestStamp = 40; // "2026-11-24T20:01:31.123456789+02:00 "
        if (space < 0 && stamp.size() <= LongestStamp)
            return; // the rest of the timestamp is in the next piece
        f->readingContinuationStamp[s] = false;
        qsizetype consumed = 0;
        // Anything else was the line's own text after all.
        if (space < 0 || parseRfc3339Nanos(stamp, &consumed) < 0 || consumed != stamp.size())
            f->lines[s].feed(stamp, toLines);
        stamp.clear();
    }
    f->lines[s].feed(piece, toLines);
}

void DockerLogWorker::onLine(Follow *f, LogStream stream, QByteArrayView line)
{
    qsizetype consumed = 0;
    qint64 timeNs = parseRfc3339Nanos(line, &consumed);
    QByteArrayView message = line;
    if (timeNs >= 0) {
        message = line.sliced(consumed);
        const size_t hash = qHashMulti(0, message, int(stream));
        if (f->replayUntilNs >= 0) {
            if (timeNs <= f->replayUntilNs) {
                auto it = f->replay.find(replayKey(timeNs, hash));
                if (it != f->replay.end()) {
                    if (--it.value() == 0)
                        f->replay.erase(it);
                    return; // delivered before the connection dropped
                }
            } else {
                f->replay.clear();
                f->replayUntilNs = -1;
            }
        }
        f->lastTimeNs = qMax(f->lastTimeNs, timeNs);
        f->recent.emplace_back(timeNs, hash);
        const qint64 keepFrom = (f->lastTimeNs / NanosPerSecond - 2) * NanosPerSecond;
        while (!f->recent.empty() && f->recent.front().first < keepFrom)
            f->recent.pop_front();
    } else {
        timeNs = f->lastTimeNs >= 0 ? f->lastTimeNs : QDateTime::currentMSecsSinceEpoch() * 1000000LL;
    }
    Pending pending;
    pending.timeNs = timeNs;
    pending.arrivalMs = m_clock.elapsed();
    pending.offset = quint32(m_pendingText.size());
    pending.length = quint32(message.size());
    pending.source = f->source;
    pending.stream = stream;
    pending.level = stream == LogStream::System ? LogLevel::Error : detectLogLevel(message);
    m_pendingText.append(message);
    m_pending.push_back(pending);
    // Past these, everything goes, held-back lines too: holding a flood back
    // would copy the held text again on every line.
    if (m_pending.size() >= MaxPendingLines || m_pendingText.size() >= MaxPendingBytes)
        flush(true);
}

void DockerLogWorker::onFinished(Follow *f)
{
    if (f->client->status() != 200) {
        const int status = f->client->status();
        if (status == 404) {
            f->ended = true;
            Q_EMIT streamEnded(f->name);
            return;
        }
        onFailed(f, tr("HTTP %1: %2").arg(status).arg(errorDetail(f->errorBody)));
        return;
    }
    if (!f->catchingUp) {
        // podman may end the follow of a container that stopped before its
        // long log was all sent (podman issue 21914); a plain read is
        // complete. So the end of a follow is checked by reading once more
        // from the last second shown; the lines seen already are recognised
        // and dropped, as after a reconnect. A line the follow left unfinished
        // comes whole in that read.
        follow(f, Reading::CatchUp);
        return;
    }
    for (int stream = 1; stream < 4; ++stream)
        f->lines[stream].flush([this, f, stream](QByteArrayView line) { onLine(f, LogStream(stream), line); });
    f->catchingUp = false;
    f->ended = true;
    // The last lines go out before the news that there are no more.
    flush(activeFollows() == 0);
    Q_EMIT streamEnded(f->name);
}

void DockerLogWorker::onFailed(Follow *f, const QString &reason)
{
    if (m_stopped)
        return;
    // Whatever was cut mid-frame comes again after the reconnect.
    f->demuxer.reset();
    clearLines(f);
    f->retryMs = f->retryMs == 0 ? m_options.reconnectInitialMs : qMin(f->retryMs * 2, m_options.reconnectMaxMs);
    Q_EMIT reconnecting(f->name, reason);
    f->retryTimer.start(f->retryMs);
}

int DockerLogWorker::activeFollows() const
{
    int count = 0;
    for (const auto &entry : m_follows)
        count += entry.second->ended ? 0 : 1;
    return count;
}

void DockerLogWorker::flush(bool everything)
{
    if (m_pending.empty())
        return;
    LogBatch batch;
    batch.sources = m_sources;
    std::vector<Pending> ready;
    std::vector<Pending> held;
    if (everything || activeFollows() <= 1 || m_options.mergeHoldbackMs <= 0) {
        ready.swap(m_pending);
    } else {
        const qint64 arrivedBefore = m_clock.elapsed() - m_options.mergeHoldbackMs;
        const qint64 timeBefore = (QDateTime::currentMSecsSinceEpoch() - m_options.mergeHoldbackMs) * 1000000LL;
        for (const Pending &p : m_pending) {
            if (p.arrivalMs <= arrivedBefore || p.timeNs <= timeBefore)
                ready.push_back(p);
            else
                held.push_back(p);
        }
        m_pending.clear();
    }
    if (m_sources.size() > 1)
        std::stable_sort(ready.begin(), ready.end(),
                         [](const Pending &a, const Pending &b) { return a.timeNs < b.timeNs; });
    batch.text.reserve(m_pendingText.size());
    batch.lines.reserve(qsizetype(ready.size()));
    for (const Pending &p : ready)
        batch.append(p.source, p.timeNs, p.stream, p.level, QByteArrayView(m_pendingText).sliced(p.offset, p.length));
    QByteArray keptText;
    for (Pending &p : held) {
        const quint32 offset = quint32(keptText.size());
        keptText.append(QByteArrayView(m_pendingText).sliced(p.offset, p.length));
        p.offset = offset;
        m_pending.push_back(p);
    }
    m_pendingText = std::move(keptText);
    if (!batch.isEmpty())
        postBatch(batch);
}

} // namespace Dockmaster
