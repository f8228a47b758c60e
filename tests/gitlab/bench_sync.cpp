// bench_sync: figures for the sync engine and the Applications panel's cold
// start. Prints `name value unit` lines; not a pass/fail test.
//
// The emulator runs in a child process (this executable with --serve) so the
// peak memory figure is Dockmaster's own.

#include "core/cache/cachedatabase.h"
#include "core/cache/cacheservice.h"
#include "core/gitlab/gitlabclient.h"
#include "core/sync/syncengine.h"
#include "models/applicationsfiltermodel.h"
#include "models/applicationsmodel.h"
#include "sandbox/emulator/gitlabemulator.h"
#include "sandbox/emulator/sandboxseeder.h"
#include "tests/support/gitlabfront.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <git2/common.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>

using namespace Dockmaster;
using Dockmaster::Test::GitLabFront;

namespace {

double peakRssMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return 0;
}

void print(const char *name, double value, const char *unit)
{
    std::printf("%s %.3f %s\n", name, value, unit);
    std::fflush(stdout);
}

// Child: seed the emulator, then answer on stdin: "count" (requests since
// "clear"), "limited" (of those, answered 429), "latency MS", "limit PER_MINUTE".
int serve(int appCount)
{
    QTemporaryDir dir;
    GitLabEmulator emulator(dir.path());
    if (!emulator.start())
        return 1;
    emulator.setRateLimit(100000000, false);
    SandboxSeedOptions options;
    options.appCount = appCount;
    options.bulk = true;
    QElapsedTimer timer;
    timer.start();
    const SandboxSeedResult seed = SandboxSeeder(emulator).seed(options);
    std::cout << "READY " << emulator.baseUrl().toString().toStdString() << ' ' << seed.adminToken.toStdString() << ' '
              << timer.elapsed() << std::endl;
    std::string line;
    while (std::getline(std::cin, line)) {
        if (line == "count") {
            std::cout << emulator.requestLog().size() << std::endl;
        } else if (line == "limited") {
            const QList<EmulatorRequestLogEntry> log = emulator.requestLog();
            std::cout << std::count_if(log.cbegin(), log.cend(), [](const EmulatorRequestLogEntry &e) {
                return e.status == 429;
            }) << std::endl;
        } else if (line == "clear") {
            emulator.clearRequestLog();
        } else if (line.rfind("latency ", 0) == 0) {
            emulator.setLatency(std::atoi(line.c_str() + 8));
        } else if (line.rfind("limit ", 0) == 0) {
            // GitLab.com's authenticated API throttle: so many a minute, 429 past it.
            emulator.setRateLimit(std::atoi(line.c_str() + 6), true, 60);
        }
    }
    return 0;
}

class EmulatorProcess
{
public:
    bool start(const QString &program, int appCount)
    {
        m_process.start(program, { QStringLiteral("--serve"), QString::number(appCount) });
        if (!m_process.waitForStarted())
            return false;
        const QList<QByteArray> words = readLine(600000).split(' ');
        if (words.value(0) != "READY")
            return false;
        baseUrl = QUrl(QString::fromUtf8(words.value(1)));
        token = QString::fromUtf8(words.value(2));
        seedMs = words.value(3).toLongLong();
        return true;
    }
    int count() { return ask("count\n"); }
    int limited() { return ask("limited\n"); }
    void tell(const QByteArray &line)
    {
        m_process.write(line + '\n');
        m_process.waitForBytesWritten();
    }
    void clear()
    {
        m_process.write("clear\n");
        m_process.waitForBytesWritten();
    }
    ~EmulatorProcess()
    {
        m_process.closeWriteChannel();
        if (!m_process.waitForFinished(10000))
            m_process.kill();
    }

    QUrl baseUrl;
    QString token;
    qint64 seedMs = 0;

private:
    int ask(const QByteArray &question)
    {
        m_process.write(question);
        return readLine(30000).toInt();
    }
    QByteArray readLine(int timeoutMs)
    {
        while (!m_process.canReadLine()) {
            if (!m_process.waitForReadyRead(timeoutMs))
                return {};
        }
        return m_process.readLine().trimmed();
    }
    QProcess m_process;
};

bool runSync(SyncEngine &engine, SyncEngine::Mode mode, SyncStats *stats)
{
    bool done = false;
    bool ok = false;
    auto a = QObject::connect(&engine, &SyncEngine::finished, [&](const SyncStats &s) {
        *stats = s;
        ok = done = true;
    });
    auto b = QObject::connect(&engine, &SyncEngine::failed, [&](const QString &message) {
        std::fprintf(stderr, "sync failed: %s\n", qPrintable(message));
        done = true;
    });
    engine.start(mode);
    (void)QTest::qWaitFor([&] { return done; }, 30 * 60 * 1000);
    QObject::disconnect(a);
    QObject::disconnect(b);
    return ok;
}

// How a console reaches GitLab: the profile's ceilings, and GitLab's front
// (nginx, TLS, HTTP/2) or the emulator itself (HTTP/1.1).
struct Reach {
    int requestsPerMinute = 0;
    int atOnce = 6;
    QUrl front; // empty: the emulator's own URL
};

// One console's sync against the emulator: its cache, client and engine.
struct Console {
    Console(const QString &cacheFile, const EmulatorProcess &emulator, const Reach &reach = {})
        : cache(cacheFile)
        , engine(&client, &cache)
    {
        QSignalSpy opened(&cache, &CacheService::opened);
        cache.open();
        opened.wait(10000);
        client.setBaseUrl(reach.front.isEmpty() ? emulator.baseUrl : reach.front);
        client.setToken(emulator.token);
        GitLabClientOptions clientOptions;
        clientOptions.rateLimitPacing.maxRequestsPerMinute = reach.requestsPerMinute;
        clientOptions.maxConcurrent = reach.atOnce;
        client.setOptions(clientOptions);
        SyncOptions options;
        options.inventoryMirrorDir = QFileInfo(cacheFile).absolutePath() + QStringLiteral("/inventory.git");
        engine.setOptions(options);
    }

    CacheService cache;
    GitLabClient client;
    SyncEngine engine;
};

struct SyncRun {
    bool ok = false;
    SyncStats stats;
    double seconds = 0;
    int requests = 0; // as the emulator counted them
    int limited = 0;  // of those, answered 429
};

SyncRun timedSync(EmulatorProcess &emulator, SyncEngine &engine, SyncEngine::Mode mode)
{
    SyncRun run;
    emulator.clear();
    QElapsedTimer timer;
    timer.start();
    run.ok = runSync(engine, mode, &run.stats);
    run.seconds = timer.elapsed() / 1000.0;
    run.requests = emulator.count();
    run.limited = emulator.limited();
    return run;
}

// HTTP/1.1 straight to the emulator against HTTP/2 through GitLab's front
// (nginx terminating TLS, as GitLab is deployed), at 50 ms a request: how
// many requests the profile's "Requests at once" really puts in flight, and
// what it does to a first sync. The front's log times each request.
bool compareProtocols(EmulatorProcess &emulator)
{
    GitLabFront front;
    QString error;
    if (!front.start(emulator.baseUrl, &error)) {
        std::fprintf(stderr, "GitLab's front did not start: %s\n", qPrintable(error));
        return false;
    }
    front.trustAuthorityInThisProcess();
    git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, qPrintable(front.authorityFile()), nullptr);
    emulator.tell("latency 50");
    struct Way {
        const char *name;
        Reach reach;
    };
    const Way ways[] = { { "http1_6", { 0, 6, QUrl() } },
                         { "http2_6", { 0, 6, front.baseUrl() } },
                         { "http2_16", { 0, 16, front.baseUrl() } } };
    bool ok = true;
    for (const Way &way : ways) {
        QTemporaryDir dir;
        Console console(dir.filePath(QStringLiteral("cache.sqlite")), emulator, way.reach);
        front.clearLog();
        const SyncRun run = timedSync(emulator, console.engine, SyncEngine::Mode::Full);
        ok = ok && run.ok;
        const std::string name = std::string("full_sync_3000_50ms_") + way.name;
        print((name + "_seconds").c_str(), run.seconds, "s");
        print((name + "_requests").c_str(), run.requests, "requests");
        if (!way.reach.front.isEmpty())
            print((name + "_most_at_once").c_str(), GitLabFront::mostAtOnce(front.requests()), "requests");
    }
    emulator.tell("latency 0");
    return ok;
}

// Counts the view's first paint.
class PaintProbe final : public QObject
{
public:
    bool painted = false;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            painted = true;
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

int main(int argc, char **argv)
{
    if (argc >= 3 && std::string(argv[1]) == "--serve") {
        QCoreApplication app(argc, argv);
        return serve(std::atoi(argv[2]));
    }
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const bool coldOnly = argc >= 3 && std::string(argv[1]) == "--cold-start";
    const int appCount = argc >= 2 && !coldOnly ? std::atoi(argv[1]) : 10000;
    // bench_sync <apps> [<dir to keep the cache in>] | bench_sync --cold-start <cache file>
    const QString keepDir = argc >= 3 && !coldOnly ? QString::fromLocal8Bit(argv[2]) : QString();

    QTemporaryDir dir;
    const QString cacheFile = coldOnly ? QString::fromLocal8Bit(argv[2])
                                       : (keepDir.isEmpty() ? dir.path() : keepDir) + QStringLiteral("/cache.sqlite");
    EmulatorProcess emulator;
    if (coldOnly) {
        // skip straight to the cold start
    } else if (!emulator.start(QCoreApplication::applicationFilePath(), appCount)) {
        std::fprintf(stderr, "the emulator did not start\n");
        return 1;
    }
    if (!coldOnly) {
        // Growth: a first sync of fewer apps, each on an emulator of its own.
        for (const int smaller : { 1000, 3000 }) {
            if (smaller >= appCount)
                continue;
            EmulatorProcess small;
            QTemporaryDir smallDir;
            if (!small.start(QCoreApplication::applicationFilePath(), smaller))
                return 1;
            Console console(smallDir.filePath(QStringLiteral("cache.sqlite")), small);
            const SyncRun run = timedSync(small, console.engine, SyncEngine::Mode::Full);
            if (!run.ok)
                return 1;
            const std::string tag = std::to_string(smaller);
            print(("full_sync_requests_" + tag).c_str(), run.requests, "requests");
            print(("full_sync_requests_per_app_" + tag).c_str(), double(run.requests) / smaller, "requests");
            print(("full_sync_seconds_" + tag).c_str(), run.seconds, "s");
            print(("full_sync_ms_per_app_" + tag).c_str(), 1000.0 * run.seconds / smaller, "ms");
            if (smaller == 3000 && !compareProtocols(small))
                return 1;
        }

        print("seed_apps", appCount, "apps");
        print("seed_seconds", emulator.seedMs / 1000.0, "s");
        const double rssBefore = peakRssMiB();
        {
            Console console(cacheFile, emulator);
            const SyncRun full = timedSync(emulator, console.engine, SyncEngine::Mode::Full);
            if (!full.ok)
                return 1;
            print("full_sync_apps", full.stats.apps, "apps");
            print("full_sync_requests", full.requests, "requests");
            print("full_sync_requests_per_app", double(full.requests) / std::max(1, full.stats.apps), "requests");
            print("full_sync_seconds", full.seconds, "s");
            print("full_sync_ms_per_app", 1000.0 * full.seconds / std::max(1, full.stats.apps), "ms");
            print("full_sync_peak_rss", peakRssMiB(), "MiB");
            print("rss_before_sync", rssBefore, "MiB");

            QTest::qWait(1100); // past the cursor's one-second overlap
            const SyncRun incremental = timedSync(emulator, console.engine, SyncEngine::Mode::Incremental);
            if (!incremental.ok)
                return 1;
            print("incremental_sync_requests", incremental.requests, "requests");
            print("incremental_sync_seconds", incremental.seconds, "s");
            print("incremental_vs_full", 100.0 * incremental.requests / std::max(1, full.requests), "%");
            print("incremental_apps_changed", incremental.stats.appsChanged, "apps");
        }
        {
            // As GitLab.com answers: 80 ms a request and 2,000 requests a
            // minute, refused with 429 past them, without RateLimit headers on
            // ordinary answers. The profile's ceiling is set under it (1,900).
            emulator.tell("latency 80");
            emulator.tell("limit 2000");
            QTemporaryDir slowDir;
            Console console(slowDir.filePath(QStringLiteral("cache.sqlite")), emulator, Reach { 1900, 6, QUrl() });
            const SyncRun slow = timedSync(emulator, console.engine, SyncEngine::Mode::Full);
            emulator.tell("latency 0");
            emulator.tell("limit 100000000");
            if (!slow.ok)
                return 1;
            print("full_sync_80ms_2000pm_requests", slow.requests, "requests");
            print("full_sync_80ms_2000pm_seconds", slow.seconds, "s");
            print("full_sync_80ms_2000pm_429s", slow.limited, "answers");
        }
    }

    // Cold start: open the cache, load every app, paint the panel's tree.
    // The main window already exists when the panel fills, so font and style
    // set-up are paid before the clock starts.
    {
        QWidget warmUp;
        PaintProbe warmProbe;
        warmUp.installEventFilter(&warmProbe);
        warmUp.show();
        (void)QTest::qWaitFor([&] { return warmProbe.painted; }, 10000);
    }
    QElapsedTimer timer;
    timer.start();
    CacheDatabase database(cacheFile);
    database.open();
    const double openMs = timer.nsecsElapsed() / 1e6;
    const QList<AppRecord> apps = database.loadApps();
    const double loadMs = timer.nsecsElapsed() / 1e6;
    ApplicationsModel model;
    model.setItems(apps);
    const double modelMs = timer.nsecsElapsed() / 1e6;
    QTreeView view;
    view.setUniformRowHeights(true);
    view.setRootIsDecorated(false);
    view.header()->setSectionResizeMode(QHeaderView::Interactive);
    view.setModel(&model);
    view.resize(1280, 800);
    PaintProbe probe;
    view.viewport()->installEventFilter(&probe);
    view.show();
    (void)QTest::qWaitFor([&] { return probe.painted; }, 10000);
    const double paintMs = timer.nsecsElapsed() / 1e6;
    print("cold_start_apps", model.rowCount(), "apps");
    print("cold_start_cache_open", openMs, "ms");
    print("cold_start_cache_load", loadMs - openMs, "ms");
    print("cold_start_model_fill", modelMs - loadMs, "ms");
    print("cold_start_view_paint", paintMs - modelMs, "ms");

    // The same through the panel's sort/filter proxy, sorted by ID.
    timer.restart();
    ApplicationsModel proxiedModel;
    proxiedModel.setItems(apps);
    ApplicationsFilterModel proxy;
    proxy.setSourceModel(&proxiedModel);
    QTreeView proxiedView;
    proxiedView.setUniformRowHeights(true);
    proxiedView.setRootIsDecorated(false);
    proxiedView.setSortingEnabled(true);
    proxiedView.setModel(&proxy);
    proxiedView.sortByColumn(ApplicationsModel::IdColumn, Qt::AscendingOrder);
    proxiedView.resize(1280, 800);
    PaintProbe proxiedProbe;
    proxiedView.viewport()->installEventFilter(&proxiedProbe);
    proxiedView.show();
    (void)QTest::qWaitFor([&] { return proxiedProbe.painted; }, 10000);
    print("cold_start_proxy_sorted_paint", timer.nsecsElapsed() / 1e6 + loadMs, "ms");
    print("cold_start_first_paint", paintMs, "ms");
    return 0;
}
