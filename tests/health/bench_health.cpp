// Figures for issue 17: 50 emulated Docker hosts with 200 app containers
// each (10,000), watched by the real HostHealthWatchers over unix sockets,
// applied to the real Applications model and window. Every container dies
// and starts again within a few seconds; the UI thread's stalls are measured
// meanwhile. Prints "name value unit" lines; not a ctest test.
#include "core/health/healthmonitor.h"
#include "models/applicationsmodel.h"
#include "models/releaserequestsmodel.h"
#include "views/health/healthcontroller.h"
#include "views/mainwindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Dockmaster;

namespace {

constexpr int Hosts = 50;
constexpr int PerHost = 200;

void print(const char *name, double value, const char *unit)
{
    std::printf("%s %.2f %s\n", name, value, unit);
    std::fflush(stdout);
}

QString appId(int host, int index)
{
    return QStringLiteral("app%1").arg(host * PerHost + index + 1, 7, 10, QLatin1Char('0'));
}

// Just enough of the Docker Engine API: /events (chunked, endless),
// /containers/json and /containers/<id>/json.
class FakeEngine final : public QObject
{
public:
    FakeEngine(int host, const QString &path)
        : m_host(host)
        , m_server(this)
    {
        for (int i = 0; i < PerHost; ++i)
            m_running.push_back(true);
        m_server.listen(path);
        connect(&m_server, &QLocalServer::newConnection, this, [this] {
            while (QLocalSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QLocalSocket::readyRead, this, [this, socket] { onRequest(socket); });
                connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    // Index `i` dies (exit code 1) or starts; `timeNs` is the engine's clock.
    void change(int i, bool start, qint64 timeNs)
    {
        m_running[size_t(i)] = start;
        const QString id = containerId(i);
        QJsonObject attributes { { QStringLiteral("name"), name(i) },
                                 { QStringLiteral("com.docker.compose.project"), project(i) },
                                 { QStringLiteral("org.dockmaster.code-sha"), QStringLiteral("abcdef0123") },
                                 { QStringLiteral("org.dockmaster.config-commit"), QStringLiteral("0123abcdef") } };
        if (!start)
            attributes.insert(QStringLiteral("exitCode"), QStringLiteral("1"));
        const QJsonObject event { { QStringLiteral("Type"), QStringLiteral("container") },
                                  { QStringLiteral("Action"), start ? QStringLiteral("start") : QStringLiteral("die") },
                                  { QStringLiteral("Actor"),
                                    QJsonObject { { QStringLiteral("ID"), id },
                                                  { QStringLiteral("Attributes"), attributes } } },
                                  { QStringLiteral("time"), timeNs / 1000000000LL },
                                  { QStringLiteral("timeNano"), timeNs } };
        const QByteArray line = QJsonDocument(event).toJson(QJsonDocument::Compact) + '\n';
        const QByteArray chunk = QByteArray::number(line.size(), 16) + "\r\n" + line + "\r\n";
        for (QLocalSocket *socket : std::as_const(m_events))
            socket->write(chunk);
    }

    ~FakeEngine() override
    {
        // Sockets go with the server: no signal of theirs may reach this half-destroyed engine.
        const QList<QLocalSocket *> sockets = m_server.findChildren<QLocalSocket *>();
        for (QLocalSocket *socket : sockets)
            socket->disconnect(this);
    }

private:
    QString project(int i) const { return appId(m_host, i) + QStringLiteral("-test"); }
    QString name(int i) const { return project(i) + QStringLiteral("-web-1"); }
    QString containerId(int i) const
    {
        return QStringLiteral("%1%2").arg(m_host, 4, 10, QLatin1Char('0')).arg(i, 60, 10, QLatin1Char('0'));
    }

    QJsonObject labels(int i) const
    {
        return { { QStringLiteral("com.docker.compose.project"), project(i) },
                 { QStringLiteral("org.dockmaster.code-sha"), QStringLiteral("abcdef0123") },
                 { QStringLiteral("org.dockmaster.config-commit"), QStringLiteral("0123abcdef") } };
    }

    void respond(QLocalSocket *socket, const QByteArray &body)
    {
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                      + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    }

    void onRequest(QLocalSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QByteArray target = buffer.left(buffer.indexOf("\r\n")).split(' ').value(1);
        buffer.remove(0, end + 4);
        if (target.contains("/events")) {
            socket->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            m_events.append(socket);
            connect(socket, &QLocalSocket::disconnected, this, [this, socket] { m_events.removeAll(socket); });
            return;
        }
        if (target.contains("/containers/json")) {
            QJsonArray list;
            for (int i = 0; i < PerHost; ++i) {
                list.append(
                    QJsonObject { { QStringLiteral("Id"), containerId(i) },
                                  { QStringLiteral("Names"), QJsonArray { QString(QLatin1Char('/') + name(i)) } },
                                  { QStringLiteral("Labels"), labels(i) },
                                  { QStringLiteral("State"),
                                    m_running[size_t(i)] ? QStringLiteral("running") : QStringLiteral("exited") },
                                  { QStringLiteral("Status"), QStringLiteral("Up 2 hours") } });
            }
            respond(socket, QJsonDocument(list).toJson(QJsonDocument::Compact));
            return;
        }
        const int index = QString::fromLatin1(target.split('/').value(3)).right(60).toInt();
        const bool running = m_running[size_t(qBound(0, index, PerHost - 1))];
        const QJsonObject inspect {
            { QStringLiteral("Name"), QString(QLatin1Char('/') + name(index)) },
            { QStringLiteral("RestartCount"), 0 },
            { QStringLiteral("Config"), QJsonObject { { QStringLiteral("Labels"), labels(index) } } },
            { QStringLiteral("State"),
              QJsonObject {
                  { QStringLiteral("Status"), running ? QStringLiteral("running") : QStringLiteral("exited") },
                  { QStringLiteral("Running"), running },
                  { QStringLiteral("ExitCode"), running ? 0 : 1 },
                  { QStringLiteral("OOMKilled"), false },
                  { QStringLiteral("StartedAt"), QStringLiteral("2026-12-06T05:00:00Z") },
                  { QStringLiteral("FinishedAt"), QStringLiteral("0001-01-01T00:00:00Z") } } }
        };
        respond(socket, QJsonDocument(inspect).toJson(QJsonDocument::Compact));
    }

    int m_host;
    QLocalServer m_server;
    std::vector<bool> m_running;
    QList<QLocalSocket *> m_events;
    QHash<QLocalSocket *, QByteArray> m_buffers;
};

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTemporaryDir dir;

    // The emulated engines live on their own thread, as remote hosts would
    // not load the UI thread; they are created there.
    QThread engineThread;
    engineThread.start();
    QObject engineContext;
    engineContext.moveToThread(&engineThread);
    std::vector<FakeEngine *> engines;
    QList<HostRecord> hosts;
    for (int h = 0; h < Hosts; ++h) {
        HostRecord host;
        host.name = QStringLiteral("host%1").arg(h);
        const QString path = dir.filePath(QStringLiteral("h%1.sock").arg(h));
        host.dockerApi = QStringLiteral("unix://") + path;
        hosts.append(host);
        QMetaObject::invokeMethod(
            &engineContext, [&engines, h, path] { engines.push_back(new FakeEngine(h, path)); },
            Qt::BlockingQueuedConnection);
    }

    QList<AppRecord> apps;
    for (int h = 0; h < Hosts; ++h) {
        for (int i = 0; i < PerHost; ++i) {
            AppRecord record;
            record.id = appId(h, i);
            record.name = record.id;
            record.status = QStringLiteral("active");
            EnvironmentState test;
            test.host = hosts.at(h).name;
            test.liveSha = QStringLiteral("abcdef0123");
            record.environments.append(test);
            apps.append(record);
        }
    }

    ApplicationsModel applications;
    ReleaseRequestsModel requests;
    MainWindow window(&applications, &requests);
    HealthMonitor monitor;
    HealthController controller(&monitor, &applications, &window);
    applications.setItems(apps);
    window.resize(1400, 900);
    window.show();

    qint64 transitions = 0;
    QObject::connect(&monitor, &HealthMonitor::transitions,
                     [&](const QList<HealthEvent> &events) { transitions += events.size(); });
    auto countServing = [&] {
        return monitor.environmentsServing();
    };

    QElapsedTimer clock;
    clock.start();
    std::vector<double> lateness;
    qint64 last = clock.nsecsElapsed();
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        lateness.push_back(qMax(0.0, double(now - last) / 1e6 - 2.0));
        last = now;
    });

    monitor.setInventory(hosts, apps);
    QEventLoop wait;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, [&] {
        if (countServing() == Hosts * PerHost)
            wait.quit();
    });
    poll.start(50);
    QTimer::singleShot(120000, &wait, &QEventLoop::quit);
    wait.exec();
    poll.stop();
    print("health.hosts", Hosts, "hosts");
    print("health.containers", Hosts * PerHost, "containers");
    print("health.initial_all_serving_s", double(clock.elapsed()) / 1000.0, "s");
    print("health.initial_serving", countServing(), "apps");

    // The storm: every container dies within 2 s, and starts again 2 s later.
    lateness.clear();
    last = clock.nsecsElapsed();
    probe.start(2);
    const qint64 stormStart = clock.elapsed();
    qint64 lastDieMs = 0;
    qint64 lastStartMs = 0;
    const qint64 engineEpochNs = QDateTime::currentMSecsSinceEpoch() * 1000000LL;
    // Phase 1: one container per host dies every 10 ms (2 s in all); phase 2,
    // once all are on fallback (or 20 s after the last death), they start
    // again the same way.
    QTimer driver;
    driver.setTimerType(Qt::PreciseTimer);
    int step = 0;
    bool secondPhase = false;
    qint64 allFallbackMs = -1;
    qint64 allServingMs = -1;
    QObject::connect(&driver, &QTimer::timeout, [&] {
        if (step >= PerHost) {
            driver.stop();
            return;
        }
        const bool start = secondPhase;
        const int index = step;
        const qint64 timeNs = engineEpochNs + qint64(step + (start ? PerHost : 0)) * 10000000LL;
        for (FakeEngine *engine : engines)
            QMetaObject::invokeMethod(engine, [engine, index, start, timeNs] { engine->change(index, start, timeNs); });
        ++step;
        (start ? lastStartMs : lastDieMs) = clock.elapsed();
    });
    driver.start(10);
    QTimer watch;
    QObject::connect(&watch, &QTimer::timeout, [&] {
        if (!secondPhase && step >= PerHost
            && (monitor.appsOnFallback() == Hosts * PerHost || clock.elapsed() - lastDieMs > 20000)) {
            if (monitor.appsOnFallback() == Hosts * PerHost)
                allFallbackMs = clock.elapsed();
            secondPhase = true;
            step = 0;
            driver.start(10);
        } else if (secondPhase && step >= PerHost && monitor.appsOnFallback() == 0 && allServingMs < 0) {
            allServingMs = clock.elapsed();
        }
    });
    watch.start(5);
    QEventLoop storm;
    QTimer::singleShot(60000, &storm, &QEventLoop::quit);
    QTimer done;
    QObject::connect(&done, &QTimer::timeout, [&] {
        if (allServingMs >= 0)
            storm.quit();
    });
    done.start(50);
    storm.exec();
    probe.stop();

    std::sort(lateness.begin(), lateness.end());
    auto percentile = [&](double p) {
        return lateness.empty() ? 0.0 : lateness[size_t(double(lateness.size() - 1) * p)];
    };
    print("health.storm_events", 2.0 * Hosts * PerHost, "events");
    print("health.storm_transitions", double(transitions), "transitions");
    print("health.storm_duration_s", double(clock.elapsed() - stormStart) / 1000.0, "s");
    print("health.all_fallback_after_last_die_ms", allFallbackMs < 0 ? -1.0 : double(allFallbackMs - lastDieMs), "ms");
    print("health.all_serving_after_last_start_ms", allServingMs < 0 ? -1.0 : double(allServingMs - lastStartMs), "ms");
    print("health.ui_stall_p50_ms", percentile(0.5), "ms");
    print("health.ui_stall_p99_ms", percentile(0.99), "ms");
    print("health.ui_stall_max_ms", lateness.empty() ? 0 : lateness.back(), "ms");

    for (FakeEngine *engine : engines)
        QMetaObject::invokeMethod(engine, [engine] { delete engine; }, Qt::BlockingQueuedConnection);
    QMetaObject::invokeMethod(
        &engineContext, [&engineContext, &app] { engineContext.moveToThread(app.thread()); },
        Qt::BlockingQueuedConnection);
    engineThread.quit();
    engineThread.wait();
    return 0;
}
