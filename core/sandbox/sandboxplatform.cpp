#include "sandbox/sandboxplatform.h"

#include "emulator/gitlabemulator.h"
#include "emulator/sandboxseeder.h"
#include "sandbox/podmanengine.h"
#include "sandbox/powerdnsserver.h"
#include "util/processowner.h"

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
    : QObject(parent)
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
        startContainers(seeded.appIds.mid(0, AppsWithContainers));
    });
    connect(&m_containers, &QFutureWatcher<Containers>::finished, this, [this] {
        const Containers containers = m_containers.result();
        if (!containers.error.isEmpty()) {
            Q_EMIT containersUnavailable(containers.error);
            return;
        }
        m_appsWithContainers = containers.appIds;
        Q_EMIT containersReady(m_appsWithContainers);
    });
}

SandboxPlatform::~SandboxPlatform()
{
    m_seeding.waitForFinished(); // the seeder writes into m_emulator
    m_containers.waitForFinished();
    // Blocks for a moment at exit on purpose: a leftover demo container would
    // keep running after Dockmaster is gone.
    m_engine.reset();
    m_dns.reset();
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
    if (PodmanEngine::isInstalled()) {
        m_engine = std::make_unique<PodmanEngine>(podmanStateDir());
        options.dockerApi = QStringLiteral("unix://") + m_engine->socketPath();
    }
    // Nothing else touches the emulator until it is started, so the worker
    // thread has it to itself while seeding (about a second of git work).
    GitLabEmulator *emulator = m_emulator.get();
    m_seeding.setFuture(QtConcurrent::run([emulator, options]() -> Seeded {
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
    m_containers.setFuture(QtConcurrent::run([engine, appIds]() -> Containers {
        // A sandbox that crashed earlier left its demo containers running.
        sweepLeftovers(QDir::tempPath());
        if (!engine->importBusyboxImage() || !engine->startService())
            return { tr("The sandbox's container engine could not start: %1").arg(engine->lastError()), {} };
        for (const QString &appId : appIds) {
            for (const QLatin1StringView environment : { QLatin1StringView("test"), QLatin1StringView("production") }) {
                // The compose project name the rendered docker-compose.yaml gives the app.
                const QString project = appId + QLatin1Char('-') + environment;
                if (!engine->runShellContainer(project + QStringLiteral("-web-1"), project,
                                               QString::fromLatin1(DemoContainerScript)))
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

QUrl SandboxPlatform::gitlabUrl() const
{
    return m_emulator ? m_emulator->baseUrl() : QUrl();
}

QString SandboxPlatform::adminToken() const
{
    return m_emulator ? m_emulator->adminToken() : QString();
}

} // namespace Dockmaster
