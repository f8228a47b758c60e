// bench_console: the whole console as `dockmaster --profile NAME` runs it
// (Shell: its controllers and panels, the keychain, the cache on disk) on a
// normal profile, against the GitLab emulator behind GitLab's front (nginx
// terminating TLS with HTTP/2, or plain HTTP/1.1; tests/support/gitlabfront.h),
// whose access log counts every request the console sends. For 1,000 and
// 3,000 apps: a cold start's first sync at 0 and 50 ms a request (seconds
// until the sync finished, requests until the console settled), then a warm
// start of the same profile. Needs a Secret Service for the token
// (run-benchmarks.sh starts one). Prints `name value unit` lines.

#include "sandbox/emulator/gitlabemulator.h"
#include "sandbox/emulator/sandboxseeder.h"
#include "tests/reliability/consoleprofile.h"
#include "tests/support/gitlabfront.h"
#include "views/shell/shell.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>

#include <git2/common.h>

#include <atomic>
#include <cstdio>
#include <string>

using namespace Dockmaster;
using namespace Dockmaster::Test;

namespace {

void print(const std::string &name, double value, const char *unit)
{
    std::printf("%s %.3f %s\n", name.c_str(), value, unit);
    std::fflush(stdout);
}

// The end of each sync as --verbose reports it ("sync finished in ..."):
// the console's own word, from whichever of its parts ran the sync.
class SyncWatch final
{
public:
    SyncWatch()
    {
        s_watch = this;
        s_previous = qInstallMessageHandler(&SyncWatch::handle);
        QLoggingCategory::setFilterRules(QStringLiteral("dockmaster.sync.debug=true"));
    }
    ~SyncWatch()
    {
        qInstallMessageHandler(s_previous);
        s_watch = nullptr;
    }
    SyncWatch(const SyncWatch &) = delete;
    SyncWatch &operator=(const SyncWatch &) = delete;

    std::atomic<int> finished { 0 };
    std::atomic<int> failed { 0 };

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        if (s_watch && qstrcmp(context.category, "dockmaster.sync") == 0) {
            if (message.startsWith(QLatin1String("sync finished")))
                ++s_watch->finished;
            else if (message.startsWith(QLatin1String("sync failed"))) {
                ++s_watch->failed;
                s_previous(QtWarningMsg, context, message);
            }
            return;
        }
        if (type != QtDebugMsg && type != QtInfoMsg)
            s_previous(type, context, message);
    }

    static inline SyncWatch *s_watch = nullptr;
    static inline QtMessageHandler s_previous = nullptr;
};

struct StartRun {
    bool ok = false;
    double seconds = 0; // until the sync finished
    int requests = 0;   // until the console settled
    int mostAtOnce = 0;
};

// Starts a console on `options` and waits for its first sync's end, then
// for whatever else a start asks to have been asked.
StartRun startConsole(const ShellOptions &options, GitLabFront &front, SyncWatch &watch)
{
    StartRun run;
    front.clearLog();
    const int finishedBefore = watch.finished;
    const int failedBefore = watch.failed;
    QElapsedTimer timer;
    timer.start();
    Shell shell(options);
    shell.start();
    run.ok = QTest::qWaitFor([&] { return watch.finished > finishedBefore || watch.failed > failedBefore; },
                             30 * 60 * 1000)
        && watch.failed == failedBefore;
    run.seconds = timer.elapsed() / 1000.0;
    QTest::qWait(3000);
    const QList<GitLabFront::Request> requests = front.requests();
    run.requests = int(requests.size());
    run.mostAtOnce = GitLabFront::mostAtOnce(requests);
    return run;
}

bool benchmark(int apps, const QString &folder, SyncWatch &watch)
{
    SandboxSeedResult seed;
    const auto gitlab = startSeededGitLab(folder + QStringLiteral("/gitlab"), apps, &seed);
    if (!gitlab)
        return false;
    gitlab->setRateLimit(100000000, false);
    GitLabFront front;
    QString error;
    if (!front.start(gitlab->baseUrl(), &error)) {
        std::fprintf(stderr, "GitLab's front did not start: %s\n", qPrintable(error));
        return false;
    }
    // The console's two TLS stacks trust the front as they would a company CA.
    front.trustAuthorityInThisProcess();
    git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, qPrintable(front.authorityFile()), nullptr);

    struct Way {
        const char *name;
        int latencyMs;
        bool tls;
        int atOnce;
    };
    const Way ways[] = { { "0ms_http1_6", 0, false, 6 },
                         { "50ms_http1_6", 50, false, 6 },
                         { "50ms_http2_6", 50, true, 6 },
                         { "50ms_http2_16", 50, true, 16 } };
    ShellOptions last;
    for (const Way &way : ways) {
        gitlab->setLatency(way.latencyMs);
        const QString profile = QStringLiteral("bench-%1-%2").arg(apps).arg(QLatin1String(way.name));
        last = consoleOnProfile(folder + QLatin1Char('/') + profile + QStringLiteral(".ini"), profile,
                                way.tls ? front.baseUrl() : front.plainUrl(), seed.adminToken,
                                [&way](Profile &p) { p.gitlabMaxConcurrent = way.atOnce; });
        const StartRun cold = startConsole(last, front, watch);
        const std::string name = "console_first_sync_" + std::to_string(apps) + '_' + way.name;
        print(name + "_seconds", cold.seconds, "s");
        print(name + "_requests", cold.requests, "requests");
        print(name + "_most_at_once", cold.mostAtOnce, "requests");
        if (!cold.ok)
            return false;
    }
    // The last profile again: its cache is warm.
    const StartRun warm = startConsole(last, front, watch);
    const std::string name = "console_warm_start_" + std::to_string(apps);
    print(name + "_seconds", warm.seconds, "s");
    print(name + "_requests", warm.requests, "requests");
    gitlab->setLatency(0);
    return warm.ok;
}

} // namespace

int main(int argc, char **argv)
{
    // The console's cache and settings in a folder of the benchmark's own.
    QTemporaryDir home;
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.filePath(QStringLiteral("data"))));
    qputenv("XDG_CACHE_HOME", QFile::encodeName(home.filePath(QStringLiteral("cache"))));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.filePath(QStringLiteral("config"))));
    QApplication app(argc, argv);
    SyncWatch watch;
    for (const int apps : { 1000, 3000 }) {
        QTemporaryDir folder;
        if (!benchmark(apps, folder.path(), watch))
            return 1;
    }
    return 0;
}
