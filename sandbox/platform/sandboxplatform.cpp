#include "sandbox/platform/sandboxplatform.h"

#include "core/util/processowner.h"
#include "sandbox/emulator/gitlabemulator.h"
#include "sandbox/emulator/sandboxseeder.h"
#include "sandbox/platform/podmanengine.h"
#include "sandbox/platform/powerdnsserver.h"
#include "sandbox/platform/sandboxkeyvalue.h"

#include <QDir>
#include <QTimeZone>
#include <QtConcurrent/QtConcurrentRun>

namespace Dockmaster {
namespace {

// A plugin's container as an admin sees it: nginx access lines (some 404s
// and 500s, with the request time), and php-fpm complaining on stderr when a
// request fails. A few lines a second, forever.
const char *const DemoContainerScript = R"sh(
paths="/ /index.php /api/items /api/items/42 /login /static/app.css /favicon.ico /admin/settings"
echo "[$(date -u +'%d-%b-%Y %H:%M:%S')] NOTICE: fpm is running, pid 7"
echo "[$(date -u +'%d-%b-%Y %H:%M:%S')] NOTICE: ready to handle connections"
while true; do
  r=$RANDOM
  case $((r % 20)) in 0) s=500;; 1|2) s=404;; 3) s=302;; *) s=200;; esac
  set -- $paths; n=$((r % 8 + 1)); eval p=\${$n}
  m=GET; [ $((r % 7)) -eq 0 ] && m=POST
  t=$(date -u +'%d/%b/%Y:%H:%M:%S +0000')
  echo "10.0.0.$((r % 250 + 1)) - - [$t] \"$m $p HTTP/1.1\" $s $((r % 5000 + 200)) \"-\" \"Mozilla/5.0\" 0.0$((r % 90 + 10))"
  if [ $s = 500 ]; then
    echo "[$(date -u +'%d-%b-%Y %H:%M:%S')] WARNING: [pool www] child 9 said into stderr: \"PHP Fatal error: Uncaught Error: Call to undefined function in /var/www/web/index.php:$((r % 80 + 1))\"" >&2
  fi
  sleep 0.$((r % 6 + 2))
done
)sh";

// Health: the container is "serving" while /serving exists (its health
// check). The crashing demo (one environment of the first app) goes unhealthy
// for a while every few minutes, or exits with an error and is restarted, so
// the live-health column, notifications and timeline have something to show.
// The crashing demo: every few minutes it stops answering its health check
// for a while (its marker file goes away), or it exits with an error and its
// restart policy brings it back. $HEALTH_FILE is bind-mounted at the same path
// inside and outside: podman runs health checks in its own mount namespace here.
const char *const CrashLoop = R"sh(
while true; do
  sleep $((RANDOM % 120 + 90))
  if [ $((RANDOM % 2)) -eq 0 ]; then
    echo "[$(date -u +'%d-%b-%Y %H:%M:%S')] WARNING: [pool www] server reached pm.max_children, not answering" >&2
    rm -f "$HEALTH_FILE"; sleep $((RANDOM % 30 + 30)); echo > "$HEALTH_FILE"
  else
    echo "[$(date -u +'%d-%b-%Y %H:%M:%S')] ALERT: child 9 exited on signal 11 (SIGSEGV)" >&2
    exit 3
  fi
done
)sh";

const QString SandboxFolderPrefix = QStringLiteral("dockmaster-sandbox-");
const QString SandboxOwnerFile = QStringLiteral("sandbox.owner");

} // namespace

QStringList SandboxPlatform::sweepLeftovers(const QString &tempRoot)
{
    QStringList swept = PodmanEngine::reapOrphans(tempRoot);
    const QDir root(tempRoot);
    const QStringList folders = root.entryList({ SandboxFolderPrefix + QLatin1Char('*') }, QDir::Dirs | QDir::Hidden);
    for (const QString &name : folders) {
        const QString folder = root.filePath(name);
        if (ProcessOwner::isOrphaned(folder, SandboxOwnerFile) && QDir(folder).removeRecursively())
            swept.append(folder);
    }
    return swept;
}

SandboxPlatform::SandboxPlatform(QObject *parent)
    : Sandbox(parent)
    , m_dir(QDir(QDir::tempPath()).filePath(SandboxFolderPrefix + QStringLiteral("XXXXXX")))
{
    connect(&m_seeding, &QFutureWatcher<Seeded>::finished, this, [this] {
        const Seeded seeded = m_seeding.result();
        if (!seeded.error.isEmpty()) {
            Q_EMIT failed(seeded.error);
            return;
        }
        if (!m_emulator->start()) {
            Q_EMIT failed(tr("The sandbox platform could not listen on a local port."));
            return;
        }
        m_ready = true;
        Q_EMIT ready();
        startDns();
        startKeyValue(seeded.appIds);
        startContainers(seeded.appIds.mid(0, AppsWithContainers));
    });
    // podman runs health checks from systemd timers, which this private
    // engine has not: run them here, off the UI thread, one round at a time.
    m_healthTimer.setInterval(HealthCheckIntervalMs);
    connect(&m_healthTimer, &QTimer::timeout, this, [this] {
        if (!m_engine || m_healthChecks.isRunning())
            return;
        PodmanEngine *engine = m_engine.get();
        m_healthChecks = QtConcurrent::run(&m_workers, [engine] {
            for (const QString &name : engine->containers())
                engine->runHealthCheck(name);
        });
    });
    connect(&m_containers, &QFutureWatcher<Containers>::finished, this, [this] {
        const Containers containers = m_containers.result();
        if (!containers.error.isEmpty()) {
            Q_EMIT containersUnavailable(containers.error);
            return;
        }
        m_appsWithContainers = containers.appIds;
        m_healthTimer.start();
        Q_EMIT containersReady(m_appsWithContainers);
    });
}

SandboxPlatform::~SandboxPlatform()
{
    m_healthTimer.stop();
    m_seeding.waitForFinished(); // the seeder writes into m_emulator
    m_containers.waitForFinished();
    m_healthChecks.waitForFinished();
    // Blocks for a moment at exit on purpose: a leftover demo container would
    // keep running after Dockmaster is gone.
    m_engine.reset();
    m_dns.reset();
    m_keyValue.reset();
    if (m_emulator)
        m_emulator->stop();
}

QString SandboxPlatform::podmanStateDir() const
{
    return QDir(m_dir.path()).filePath(QStringLiteral("podman"));
}

void SandboxPlatform::start()
{
    if (!m_dir.isValid()) {
        Q_EMIT failed(tr("No temporary folder for the sandbox platform: %1").arg(m_dir.errorString()));
        return;
    }
    ProcessOwner::mark(m_dir.path(), SandboxOwnerFile);
    m_emulator = std::make_unique<GitLabEmulator>(m_dir.path());
    SandboxSeedOptions options;
    // History that ended yesterday: requests are hours old, a few past the
    // 24-hour approval SLA, as on a real morning.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    options.epoch = QDateTime(now.date(), QTime(now.time().hour(), 0), QTimeZone::UTC).addSecs(-30 * 3600);
    options.edgeAuthUrl = edgeAuthUrl();
    options.edgeLoginUrl = edgeLoginUrl();
    if (PodmanEngine::isInstalled()) {
        m_engine = std::make_unique<PodmanEngine>(podmanStateDir());
        options.dockerApi = QStringLiteral("unix://") + m_engine->socketPath();
    }
    // Nothing else touches the emulator until it is started, so the worker
    // thread has it to itself while seeding (about a second of git work).
    GitLabEmulator *emulator = m_emulator.get();
    m_seeding.setFuture(QtConcurrent::run(&m_workers, [emulator, options]() -> Seeded {
        const SandboxSeedResult result = SandboxSeeder(*emulator).seed(options);
        if (result.appIds.isEmpty())
            return { tr("The sandbox platform could not be prepared."), {} };
        return { QString(), result.appIds };
    }));
}

void SandboxPlatform::startContainers(const QStringList &appIds)
{
    if (!m_engine) {
        Q_EMIT containersUnavailable(
            tr("podman is not installed, so the sandbox has no containers and live logs cannot be shown."));
        return;
    }
    // The engine is only used by this job until it finishes (the destructor waits).
    PodmanEngine *engine = m_engine.get();
    // Health check markers (see PodmanEngine::runHealthCheck): in /dev/shm,
    // which the health check command sees wherever podman runs it.
    m_healthDir = std::make_unique<QTemporaryDir>(QStringLiteral("/dev/shm/dockmaster-sandbox-health-XXXXXX"));
    const QString healthDir
        = m_healthDir->isValid() ? m_healthDir->path() : QDir(m_dir.path()).filePath(QStringLiteral("health"));
    QDir().mkpath(healthDir);
    m_containers.setFuture(QtConcurrent::run(&m_workers, [engine, appIds, healthDir]() -> Containers {
        // A sandbox that crashed earlier left its demo containers running.
        sweepLeftovers(QDir::tempPath());
        if (!engine->importBusyboxImage() || !engine->startService())
            return { tr("The sandbox's container engine could not start: %1").arg(engine->lastError()), {} };
        for (const QString &appId : appIds) {
            for (const QLatin1StringView environment : { QLatin1StringView("test"), QLatin1StringView("production") }) {
                // The compose project name the rendered docker-compose.yaml gives the app.
                const QString project = appId + QLatin1Char('-') + environment;
                // The first app's production container crashes now and then
                // (restarted by its policy) or stops answering its health check.
                const bool crashes = appId == appIds.constFirst() && environment == QLatin1StringView("production");
                const QString demo = QString::fromLatin1(DemoContainerScript);
                const QString healthFile = healthDir + QLatin1Char('/') + project;
                const QString script = crashes ? QStringLiteral("echo > \"$HEALTH_FILE\"\n(\n%1\n) &\n%2")
                                                     .arg(demo, QString::fromLatin1(CrashLoop))
                                               : QStringLiteral("echo > \"$HEALTH_FILE\"\n") + demo;
                QStringList options { QStringLiteral("-v"),
                                      healthDir + QLatin1Char(':') + healthDir,
                                      QStringLiteral("--env"),
                                      QStringLiteral("HEALTH_FILE=") + healthFile,
                                      QStringLiteral("--health-cmd"),
                                      QStringLiteral("test -e ") + healthFile,
                                      QStringLiteral("--health-retries"),
                                      QStringLiteral("1"),
                                      QStringLiteral("--restart"),
                                      QStringLiteral("on-failure") };
                // Not started by a pipeline, so no deploy labels: the console
                // says so (drift), except on the first app's test container,
                // which claims a code SHA that was never approved.
                if (appId == appIds.constFirst() && environment == QLatin1StringView("test"))
                    options << QStringLiteral("--label")
                            << QStringLiteral("org.dockmaster.code-sha=0000000000000000000000000000000000000000")
                            << QStringLiteral("--label")
                            << QStringLiteral("org.dockmaster.config-commit=0000000000000000000000000000000000000000");
                if (!engine->runShellContainer(project + QStringLiteral("-web-1"), project, script, options))
                    return { tr("The sandbox's demo containers could not start: %1").arg(engine->lastError()), {} };
            }
        }
        return { QString(), appIds };
    }));
}

void SandboxPlatform::startDns()
{
    if (!PowerDnsServer::isInstalled()) {
        Q_EMIT dnsUnavailable(tr("PowerDNS is not installed, so the sandbox manages no DNS records."));
        return;
    }
    m_dns = std::make_unique<PowerDnsServer>(QDir(m_dir.path()).filePath(QStringLiteral("pdns")));
    connect(m_dns.get(), &PowerDnsServer::ready, this,
            [this] { Q_EMIT dnsReady(m_dns->apiUrl(), m_dns->apiKey(), m_dns->dnsPort()); });
    connect(m_dns.get(), &PowerDnsServer::failed, this, &SandboxPlatform::dnsUnavailable);
    m_dns->start({ QString::fromLatin1(TestSuffix), QString::fromLatin1(ProductionSuffix) });
}

void SandboxPlatform::startKeyValue(const QStringList &appIds)
{
    if (!SandboxKeyValue::isInstalled()) {
        Q_EMIT keyValueUnavailable(
            tr("valkey-server is not installed, so the sandbox has no key/value store for its plugins."));
        return;
    }
    m_keyValue = std::make_unique<SandboxKeyValue>(QDir(m_dir.path()).filePath(QStringLiteral("valkey")), &m_workers);
    connect(m_keyValue.get(), &SandboxKeyValue::ready, this,
            [this] { Q_EMIT keyValueReady(m_keyValue->address(), m_keyValue->adminPassword()); });
    connect(m_keyValue.get(), &SandboxKeyValue::failed, this, &SandboxPlatform::keyValueUnavailable);
    m_keyValue->start(appIds);
}

QUrl SandboxPlatform::gitlabUrl() const
{
    return m_emulator ? m_emulator->baseUrl() : QUrl();
}

QString SandboxPlatform::adminToken() const
{
    return m_emulator ? m_emulator->adminToken() : QString();
}

} // namespace Dockmaster
