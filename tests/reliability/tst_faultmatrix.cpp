// The fault matrix (issue 15): every fault crossed with every action, each
// cell checking what an admin relies on. Under the fault the action either
// completes or says, in a readable message, that it did not; after the fault
// is gone and the admin (or the console's own recovery) tries again, the
// effect exists exactly once, and GitLab and the local cache agree.
//
// Each action is one test function whose rows are the faults; every cell
// prints one line "MATRIX <action> | <fault> | <outcome>", and with
// DOCKMASTER_MATRIX_REPORT set to a folder, the cells are written to
// <folder>/<action>.tsv, from which packaging/reliability-report.sh writes
// docs/reliability.md.
//
// GitLab's faults are injected in the emulator; the actions on other peers
// (PowerDNS for "fix a DNS record", podman's Docker API for "stream logs")
// meet the same faults (EmulatorFault) in a FaultProxy in front of the peer.

#include "core/approvals/releaseapprover.h"
#include "core/approvals/releasetrailers.h"
#include "core/cache/cacheservice.h"
#include "core/dns/dnsreconciler.h"
#include "core/dns/powerdnsprovider.h"
#include "core/git/gitworkspace.h"
#include "core/logs/dockerlogsource.h"
#include "core/provisioning/inventoryallocator.h"
#include "core/provisioning/inventorydata.h"
#include "core/provisioning/provisioner.h"
#include "core/sync/syncengine.h"
#include "sandbox/emulator/emulatorrepository.h"
#include "sandbox/platform/podmanengine.h"
#include "tests/approvals/approvaltesthelpers.h"
#include "tests/provisioning/provisioningtesthelpers.h"
#include "tests/support/faultproxy.h"
#include "tests/support/pdnsserver.h"
#include "tests/support/smalldisk.h"
#include "tests/support/testcertificates.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <git2/common.h>

#include <functional>
#include <memory>

using namespace Dockmaster;
using namespace Dockmaster::Test;

namespace {

// How long the client waits for a silent answer; short so a stalled cell ends soon.
constexpr int TransferTimeoutMs = 2000;
// After the fault: what a console allows (a loaded CI machine under ASan
// answered a provisioning POST in more than 2 s).
constexpr int RecoveryTimeoutMs = 30000;

// Where a fault hits: the request of the action whose failure does the most harm.
struct FaultPoint {
    QString method;
    QString pathRegex;
};

const FaultPoint IssueListing { QStringLiteral("GET"), QStringLiteral("^/api/v4/groups/[^/]+/issues$") };
const FaultPoint LabelUpdate { QStringLiteral("PUT"), QStringLiteral("^/api/v4/projects/[^/]+/issues/\\d+$") };
const FaultPoint NotePost { QStringLiteral("POST"), QStringLiteral("^/api/v4/projects/[^/]+/issues/\\d+/notes$") };
const FaultPoint Push { QStringLiteral("POST"), QStringLiteral("git-receive-pack$") };
const FaultPoint ProjectCreation { QStringLiteral("POST"), QStringLiteral("^/api/v4/projects$") };
// PowerDNS's RRset change: the write whose lost answer leaves the admin unsure.
const FaultPoint RecordChange { QStringLiteral("PATCH"), QStringLiteral("^/api/v1/servers/localhost/zones/") };
// PowerDNS's zone read: the answer the provider parses to decide what to change.
const FaultPoint RecordRead { QStringLiteral("GET"), QStringLiteral("^/api/v1/servers/localhost/zones/") };
// Docker's log follow, and the container list whose JSON decides what is followed.
const FaultPoint LogFollow { QStringLiteral("GET"), QStringLiteral("^/v[0-9.]+/containers/[^/]+/logs$") };
const FaultPoint ContainerList { QStringLiteral("GET"), QStringLiteral("^/v[0-9.]+/containers/json$") };
// A log follow has no timeout (logs may be silent): this one starts late.
constexpr int LogSlowAnswerMs = 5000;
// PowerDNS answers the API within its own (the provider's) 30 s transfer timeout or not at all.
constexpr int DnsSlowAnswerMs = 40000;

enum class FaultKind {
    Status500,
    Status502,
    Status503,
    Status504,
    RateLimitedWithRetryAfter,
    RateLimitedWithoutRetryAfter,
    ConnectionRefused,
    ResetMidBody,
    ConnectionDropped,
    NeverEnds,
    SlowAnswer,
    TruncatedJson,
    MalformedJson,
    WrongShapeJson,
    HugeBody,
    LinkLoop,
    RedirectToAnotherHost,
    TlsCertificateError,
    ClockOff,
    PushNonFastForward,
    PushRejectedByHook,
    DiskFull,
    CacheLocked,
    CacheCorrupt,
};

// What a fault needs of an action to hit it.
enum class Needs {
    Request,    // any request to the peer
    GitPush,    // a git push
    Cache,      // the local cache (SQLite)
    LocalFiles, // anything the console writes on this machine
};

// What an action does, for the faults that can meet it.
enum Uses : int {
    RequestsOnly = 0,
    PushesGit = 1,
    SyncsTheCache = 2,
    WritesFiles = 4,
};

struct FaultInfo {
    FaultKind kind;
    const char *name;
    Needs needs;
};

const FaultInfo Faults[] = {
    { FaultKind::Status500, "HTTP 500", Needs::Request },
    { FaultKind::Status502, "HTTP 502", Needs::Request },
    { FaultKind::Status503, "HTTP 503", Needs::Request },
    { FaultKind::Status504, "HTTP 504", Needs::Request },
    { FaultKind::RateLimitedWithRetryAfter, "429 with Retry-After", Needs::Request },
    { FaultKind::RateLimitedWithoutRetryAfter, "429 without Retry-After", Needs::Request },
    { FaultKind::ConnectionRefused, "connection refused", Needs::Request },
    { FaultKind::ResetMidBody, "connection reset mid-body", Needs::Request },
    { FaultKind::ConnectionDropped, "connection dropped before the answer", Needs::Request },
    { FaultKind::NeverEnds, "answer that never ends", Needs::Request },
    { FaultKind::SlowAnswer, "answer slower than the timeout", Needs::Request },
    { FaultKind::TruncatedJson, "truncated JSON", Needs::Request },
    { FaultKind::MalformedJson, "malformed JSON", Needs::Request },
    { FaultKind::WrongShapeJson, "valid JSON of the wrong shape", Needs::Request },
    { FaultKind::HugeBody, "50 MB body", Needs::Request },
    { FaultKind::LinkLoop, "Link to the same page (loop)", Needs::Request },
    { FaultKind::RedirectToAnotherHost, "redirect to another host", Needs::Request },
    { FaultKind::TlsCertificateError, "TLS certificate error", Needs::Request },
    { FaultKind::ClockOff, "clock 10 minutes off", Needs::Request },
    { FaultKind::PushNonFastForward, "push rejected as non-fast-forward", Needs::GitPush },
    { FaultKind::PushRejectedByHook, "push rejected by a hook", Needs::GitPush },
    { FaultKind::DiskFull, "disk full while writing", Needs::LocalFiles },
    { FaultKind::CacheLocked, "cache locked by another process", Needs::Cache },
    { FaultKind::CacheCorrupt, "cache file corrupt", Needs::Cache },
};

// A message an admin can read: said at all, not a server's raw answer.
QString unreadableMessage(const QString &message)
{
    if (message.trimmed().isEmpty())
        return QStringLiteral("no message");
    if (message.contains(QLatin1String("{\"")) || message.contains(QLatin1String("<html"), Qt::CaseInsensitive))
        return QStringLiteral("raw server text in the message: ") + message.left(200);
    if (message.size() > 1500)
        return QStringLiteral("a message of %1 characters").arg(message.size());
    return {};
}

// A refusal under a fault on this machine names it: the admin can do
// something about a full disk or a program holding the cache, not about
// "busy" or an error code.
QString causeMissing(FaultKind kind, const QString &message)
{
    if (kind == FaultKind::DiskFull && !message.contains(QLatin1String("full")))
        return QStringLiteral("does not say the disk is full: ") + message;
    if (kind == FaultKind::CacheLocked && !message.contains(QLatin1String("locked"))
        && !message.contains(QLatin1String("in use")))
        return QStringLiteral("does not say the cache is locked: ") + message;
    return {};
}

// Qt's words for "no reason known" (or for a timeout) passed on as the reason.
QString explainsNothing(const QString &message)
{
    for (const char *placeholder : { "no error occurred", "Unknown error", "Operation canceled" }) {
        if (message.contains(QLatin1String(placeholder)))
            return QStringLiteral("a placeholder for a reason: ") + message;
    }
    return {};
}

// The message tells the admin that GitLab was left as it was.
bool claimsNothingChanged(const QString &message)
{
    return message.contains(QLatin1String("Nothing was changed"))
        || message.contains(QLatin1String("Nothing was done"));
}

// A TLS server whose certificate nobody trusts (self-signed, made by openssl).
class UntrustedTlsServer
{
public:
    bool start(const QString &folder)
    {
        TestCertificates certificates(folder);
        if (!certificates.makeSelfSigned(QStringLiteral("tls"), QStringLiteral("127.0.0.1")))
            return false;
        const QString key = certificates.key(QStringLiteral("tls"));
        const QString cert = certificates.pem(QStringLiteral("tls"));
        QFile keyFile(key);
        QFile certFile(cert);
        if (!keyFile.open(QIODevice::ReadOnly) || !certFile.open(QIODevice::ReadOnly))
            return false;
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec));
        configuration.setLocalCertificate(QSslCertificate(certFile.readAll()));
        m_server.setSslConfiguration(configuration);
        return m_server.listen(QHostAddress::LocalHost);
    }
    QUrl url() const { return QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_server.serverPort())); }

private:
    QSslServer m_server;
};

// A loopback port nobody listens on.
QUrl refusingUrl()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost);
    const quint16 port = probe.serverPort();
    probe.close();
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
}

// Everything the panels read, to compare a cache with GitLab's state.
struct CacheState {
    QList<AppRecord> apps;
    QList<ReleaseRequest> requests;
    QList<TagRecord> tags;
    bool operator==(const CacheState &) const = default;
};

struct Cell {
    QString action;
    QString fault;
    QString outcome;
};

} // namespace

class TestFaultMatrix : public QObject
{
    Q_OBJECT

private:
    // One action's world: a seeded emulator, the admin's client, an approver.
    ApprovalFixture m_fixture;
    QTemporaryDir m_dir;
    std::unique_ptr<GitLabClient> m_client;
    std::unique_ptr<ReleaseApprover> m_approver;
    std::unique_ptr<OutcomeRecorder> m_outcomes;
    std::unique_ptr<CacheService> m_cache;
    UntrustedTlsServer m_tls;
    // Provisioning's DNS: a real pdns_server, started by the first provisioning cell.
    std::unique_ptr<PdnsServer> m_pdns;
    std::unique_ptr<InventoryAllocator> m_allocator;
    std::unique_ptr<PowerDnsProvider> m_dns;
    // The "fix a DNS record" action's way to the same pdns_server.
    std::unique_ptr<FaultProxy> m_dnsProxy;
    // The "stream logs" action's Docker API: podman's, behind a fault proxy.
    std::unique_ptr<QTemporaryDir> m_podmanDir;
    std::unique_ptr<PodmanEngine> m_podman;
    std::unique_ptr<FaultProxy> m_logProxy;
    const QString m_zone = QStringLiteral("plugins.example");
    // What the console writes on this machine (caches, workspaces, mirrors,
    // temporary files) lives on a disk of its own, so it can be made full.
    Test::SmallDisk m_disk;
    QList<Cell> m_cells;
    int m_nextApp = 0;
    int m_serial = 0;

    // --- faults ---------------------------------------------------------

    // The client's transfer timeout: short while a fault is in place, so a
    // stalled answer ends the cell soon; generous once it is gone, so the
    // recovery is judged on what it does, not on how busy the machine is.
    void setTransferTimeout(int ms)
    {
        if (!m_client)
            return;
        GitLabClientOptions options = m_client->options();
        options.transferTimeoutMs = ms;
        m_client->setOptions(options);
    }

    // Installs `kind` at `point`; returns what undoes it (and lets the
    // recovery wait as long as a console normally does).
    std::function<void()> install(FaultKind kind, const FaultPoint &point, const QString &opsProject,
                                  const QString &branch)
    {
        setTransferTimeout(TransferTimeoutMs);
        return [this, undo = installFault(kind, point, opsProject, branch)] {
            undo();
            setTransferTimeout(RecoveryTimeoutMs);
        };
    }

    std::function<void()> installFault(FaultKind kind, const FaultPoint &point, const QString &opsProject,
                                       const QString &branch)
    {
        GitLabEmulator &emulator = *m_fixture.emulator;
        if (std::optional<EmulatorFault> fault = emulatorFault(kind, point, TransferTimeoutMs * 3)) {
            const int id = emulator.addFault(*fault);
            return [&emulator, id] {
                emulator.removeFault(id);
            };
        }
        switch (kind) {
        case FaultKind::ConnectionRefused:
            m_client->setBaseUrl(refusingUrl());
            return [this] {
                m_client->setBaseUrl(m_fixture.emulator->baseUrl());
            };
        case FaultKind::TlsCertificateError:
            m_client->setBaseUrl(m_tls.url());
            return [this] {
                m_client->setBaseUrl(m_fixture.emulator->baseUrl());
            };
        case FaultKind::ClockOff:
            // GitLab's clock 10 minutes behind this machine's (the same skew
            // seen from the other side as this machine's clock ahead).
            emulator.advanceClock(-600);
            return [&emulator] {
                emulator.advanceClock(600);
            };
        case FaultKind::PushNonFastForward:
            // Another commit lands on the branch between this console's fetch
            // and its push, so the push's old value no longer matches.
            {
                const int id
                    = emulator.addFault(EmulatorFault::beforeAnswering(Push.pathRegex, [this, opsProject, branch] {
                                            foreignCommit(opsProject, branch);
                                        }).onMethod(point.method));
                return [&emulator, id] {
                    emulator.removeFault(id);
                };
            }
        case FaultKind::DiskFull:
            // The console's folders and its temporary files on a disk with
            // no byte left (the server's repositories live elsewhere).
            if (!m_disk.isMounted())
                return [] {
                };
            {
                const QByteArray temporary = qgetenv("TMPDIR");
                qputenv("TMPDIR", QFile::encodeName(localPath(QStringLiteral("tmp"))));
                if (!m_disk.fill())
                    qWarning("the small disk could not be filled");
                return [this, temporary] {
                    m_disk.makeRoom();
                    if (temporary.isNull())
                        qunsetenv("TMPDIR");
                    else
                        qputenv("TMPDIR", temporary);
                };
            }
        case FaultKind::PushRejectedByHook: {
            // The branch protected with "No one" allowed to push: GitLab's
            // pre-receive check refuses every push, an administrator's too.
            setPushAllowed(opsProject, branch, false);
            return [this, opsProject, branch] {
                setPushAllowed(opsProject, branch, true);
            };
        }
        default:
            break;
        }
        return [] {
        };
    }

    // The fault as the emulator's (and the fault proxy's) EmulatorFault, hitting
    // the requests at `point`; nullopt for the faults that are not an answer
    // (a refused connection, TLS, the clock, pushes). A slow answer takes `slowMs`.
    static std::optional<EmulatorFault> emulatorFault(FaultKind kind, const FaultPoint &point, int slowMs)
    {
        const QString &p = point.pathRegex;
        auto fault = [&]() -> std::optional<EmulatorFault> {
            switch (kind) {
            case FaultKind::Status500:
            case FaultKind::Status502:
            case FaultKind::Status503:
            case FaultKind::Status504: {
                const int status = kind == FaultKind::Status500 ? 500
                    : kind == FaultKind::Status502              ? 502
                    : kind == FaultKind::Status503              ? 503
                                                                : 504;
                return EmulatorFault::serverError(p, status);
            }
            case FaultKind::RateLimitedWithRetryAfter:
                return EmulatorFault::rateLimited(p, 1);
            case FaultKind::RateLimitedWithoutRetryAfter:
                return EmulatorFault::applicationRateLimited(p);
            case FaultKind::ResetMidBody:
                return EmulatorFault::truncatedBody(p);
            case FaultKind::ConnectionDropped:
                return EmulatorFault::dropConnection(p);
            case FaultKind::NeverEnds:
                return EmulatorFault::stall(p);
            case FaultKind::SlowAnswer:
                return EmulatorFault::delay(p, slowMs, 1);
            case FaultKind::TruncatedJson:
                return EmulatorFault::truncatedJson(p);
            case FaultKind::MalformedJson:
                return EmulatorFault::malformedJson(p);
            case FaultKind::WrongShapeJson:
                return EmulatorFault::wrongShapeJson(p);
            case FaultKind::HugeBody: // 50 MB
                return EmulatorFault::hugeBody(p, 50LL * 1024 * 1024);
            case FaultKind::LinkLoop:
                return EmulatorFault::linkLoop(p);
            case FaultKind::RedirectToAnotherHost:
                return EmulatorFault::redirectAway(p);
            default:
                return std::nullopt;
            }
        }();
        if (fault)
            fault->onMethod(point.method);
        return fault;
    }

    // Installs `kind` in `proxy` at `point`. A refused connection and a TLS
    // error are a different address for the peer: `address` is set to it
    // (left alone for the others). Returns what undoes the fault.
    std::function<void()> installInProxy(FaultProxy &proxy, FaultKind kind, const FaultPoint &point, int slowMs,
                                         QUrl *address)
    {
        if (kind == FaultKind::ConnectionRefused)
            *address = refusingUrl();
        else if (kind == FaultKind::TlsCertificateError)
            *address = m_tls.url();
        else if (std::optional<EmulatorFault> fault = emulatorFault(kind, point, slowMs)) {
            const int id = proxy.addFault(*fault);
            return [&proxy, id] {
                proxy.removeFault(id);
            };
        }
        return [] {
        };
    }

    void foreignCommit(const QString &opsProject, const QString &branch)
    {
        const QString bare = m_fixture.bareRepository(opsProject);
        const QString tree = QString::fromLatin1(
            m_fixture.git(opsProject, { QStringLiteral("rev-parse"), branch + QStringLiteral("^{tree}") }).trimmed());
        const QString parent = m_fixture.rev(opsProject, branch);
        QProcess commit;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const char *name : { "GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME" })
            environment.insert(QString::fromLatin1(name), QStringLiteral("Another Admin"));
        for (const char *name : { "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL" })
            environment.insert(QString::fromLatin1(name), QStringLiteral("another@example.test"));
        commit.setProcessEnvironment(environment);
        commit.start(QStringLiteral("git"),
                     { QStringLiteral("--git-dir=") + bare, QStringLiteral("commit-tree"), tree, QStringLiteral("-p"),
                       parent, QStringLiteral("-m"), QStringLiteral("Another console's change") });
        commit.waitForFinished(30000);
        const QString sha = QString::fromLatin1(commit.readAllStandardOutput().trimmed());
        m_fixture.git(opsProject, { QStringLiteral("update-ref"), QStringLiteral("refs/heads/") + branch, sha });
    }

    void setPushAllowed(const QString &opsProject, const QString &branch, bool allowed)
    {
        QMutexLocker lock(&m_fixture.emulator->store().mutex());
        EmulatorProject *project = m_fixture.emulator->store().projectByPath(opsProject);
        if (!project)
            return;
        project->protectedBranches.removeIf([&](const EmulatorProtectedBranch &b) { return b.name == branch; });
        if (!allowed) {
            EmulatorProtectedBranch rule;
            rule.name = branch;
            rule.pushAccessLevel = 0;
            rule.mergeAccessLevel = 40;
            project->protectedBranches.append(rule);
        }
    }

    // --- the world ------------------------------------------------------

    // Where the console keeps `name` on this machine.
    QString localPath(const QString &name) const { return m_dir.filePath(QStringLiteral("local/") + name); }

    void startWorld(int apps)
    {
        m_dns.reset();
        m_allocator.reset();
        m_approver.reset();
        m_outcomes.reset();
        m_cache.reset();
        m_client.reset();
        m_fixture.emulator.reset();
        QVERIFY(m_fixture.start(apps));
        m_client = m_fixture.client(m_fixture.emulator->adminToken());
        GitLabClientOptions options = m_client->options();
        options.transferTimeoutMs = TransferTimeoutMs;
        options.maxRetryAfterSeconds = 5;
        m_client->setOptions(options);
        m_approver = std::make_unique<ReleaseApprover>(
            m_client.get(), ApprovalFixture::options(localPath(QStringLiteral("approvals-%1").arg(++m_serial))));
        m_outcomes = std::make_unique<OutcomeRecorder>(m_approver.get());
        m_nextApp = 0;
    }

    // The apps take turns: each cell leaves its app settled (the version it
    // deployed live, no pipeline running), so the next cell on it starts clean.
    QString nextApp() { return m_fixture.seed.appIds.value(m_nextApp++ % int(m_fixture.seed.appIds.size())); }

    int appIndex(const QString &appId) const { return int(m_fixture.seed.appIds.indexOf(appId)); }

    void record(const QString &action, const QString &fault, const QString &outcome)
    {
        m_cells.append({ action, fault, outcome });
        qInfo().noquote() << QStringLiteral("MATRIX %1 | %2 | %3").arg(action, fault, outcome);
    }

    // `without`: the faults that cannot happen on the action's peer.
    // `uses`: what the action does (Uses), which decides the faults that can meet it.
    static void addRows(int uses, std::initializer_list<FaultKind> without = {})
    {
        QTest::addColumn<int>("fault");
        for (const FaultInfo &fault : Faults) {
            const bool meets = fault.needs == Needs::Request || (fault.needs == Needs::GitPush && (uses & PushesGit))
                || (fault.needs == Needs::Cache && (uses & SyncsTheCache))
                || (fault.needs == Needs::LocalFiles && (uses & WritesFiles));
            if (!meets || std::find(without.begin(), without.end(), fault.kind) != without.end())
                continue;
            QTest::newRow(fault.name) << int(fault.kind);
        }
    }

    static const FaultInfo &info(int kind)
    {
        for (const FaultInfo &fault : Faults) {
            if (int(fault.kind) == kind)
                return fault;
        }
        return Faults[0];
    }

    // "done", or "not done: <message>", for the table.
    static QString describe(bool done, const QString &message)
    {
        if (done)
            return QStringLiteral("done");
        QString text = message.simplified();
        if (text.size() > 160)
            text = text.left(157) + QStringLiteral("...");
        return QStringLiteral("not done (\"%1\")").arg(text);
    }

    // --- sync -----------------------------------------------------------

    std::unique_ptr<CacheService> openCache(const QString &name, CacheDatabase::OpenResult *result = nullptr)
    {
        auto cache = std::make_unique<CacheService>(localPath(name));
        QSignalSpy opened(cache.get(), &CacheService::opened);
        cache->open();
        if (!opened.wait(20000))
            return {};
        if (result)
            *result = opened.first().first().value<CacheDatabase::OpenResult>();
        return cache;
    }

    // Another program (a sqlite3 shell left open) holding the cache's write
    // lock until the returned function lets it go.
    std::function<void()> lockCache(const QString &path)
    {
        auto holder = std::make_shared<QProcess>();
        holder->start(QStringLiteral("sqlite3"), { path });
        if (!holder->waitForStarted(30000))
            qWarning("sqlite3 did not start");
        // It waits for the console's own writes to end, takes the lock, and
        // says so (this process's lock file would hide whether it did).
        holder->write(".bail on\n.timeout 30000\nBEGIN EXCLUSIVE;\n"
                      "CREATE TABLE held (x);\n.print locked\n");
        QByteArray said;
        if (!QTest::qWaitFor(
                [&] {
                    said += holder->readAllStandardOutput();
                    return said.contains("locked");
                },
                40000))
            qWarning() << "sqlite3 did not take the lock:" << holder->readAllStandardError();
        return [holder] {
            holder->write("ROLLBACK;\n.quit\n");
            holder->closeWriteChannel();
            holder->waitForFinished(30000);
        };
    }

    // The console quits, the cache file is damaged (its header overwritten,
    // as by a crash of the disk or another tool), the console starts again.
    std::unique_ptr<CacheService> damageAndReopen(std::unique_ptr<CacheService> cache, const QString &name)
    {
        cache.reset();
        {
            QFile file(localPath(name));
            if (!file.open(QIODevice::ReadWrite) || file.write(QByteArray(100, 'x')) != 100)
                return {};
        }
        CacheDatabase::OpenResult reopened;
        cache = openCache(name, &reopened);
        // The damaged file is set aside, not deleted, and the admin is told.
        if (reopened.status != CacheDatabase::OpenStatus::RecoveredFromCorruption
            || !QFile::exists(reopened.movedAsidePath) || !unreadableMessage(reopened.message).isEmpty()) {
            qWarning().noquote() << "the damaged cache was not recovered:" << reopened.message;
            return {};
        }
        return cache;
    }

    // Runs one sync; empty when it finished, else its message.
    std::optional<QString> runSync(CacheService &cache, SyncEngine::Mode mode)
    {
        SyncEngine engine(m_client.get(), &cache);
        SyncOptions options;
        options.inventoryMirrorDir = localPath(QStringLiteral("mirror-%1.git").arg(++m_serial));
        engine.setOptions(options);
        std::optional<QString> failure;
        bool ended = false;
        connect(&engine, &SyncEngine::finished, this, [&] { ended = true; });
        connect(&engine, &SyncEngine::failed, this, [&](const QString &message) {
            failure = message;
            ended = true;
        });
        engine.start(mode);
        if (!QTest::qWaitFor([&] { return ended; }, 120000))
            return QStringLiteral("the sync never ended");
        return failure;
    }

    CacheState state(CacheService &cache)
    {
        std::optional<CacheState> out;
        const QString sample = m_fixture.seed.appIds.value(0);
        cache.query<CacheState>(
            this,
            [sample](CacheDatabase &db) {
                CacheState s;
                s.apps = db.loadApps();
                s.requests = db.loadReleaseRequests();
                s.tags = db.loadTags(sample);
                return s;
            },
            [&out](CacheState s) { out = std::move(s); });
        (void)QTest::qWaitFor([&out] { return out.has_value(); }, 20000);
        return out.value_or(CacheState {});
    }

    // What a first sync of GitLab's data into a new cache holds now.
    CacheState gitLabState()
    {
        auto reference = openCache(QStringLiteral("reference-%1.sqlite").arg(++m_serial));
        if (!reference)
            return {};
        const auto failure = runSync(*reference, SyncEngine::Mode::Full);
        if (failure)
            qWarning().noquote() << "reference sync failed:" << *failure;
        return state(*reference);
    }

    // The row's own cache, brought up to date the way a running console does
    // it (a full sync first, then incremental ones).
    CacheState syncedRowCache()
    {
        const bool first = !m_cache;
        if (first)
            m_cache = openCache(QStringLiteral("row-%1.sqlite").arg(++m_serial));
        if (!m_cache)
            return {};
        const auto failure = runSync(*m_cache, first ? SyncEngine::Mode::Full : SyncEngine::Mode::Incremental);
        if (failure)
            qWarning().noquote() << "sync failed:" << *failure;
        return state(*m_cache);
    }

    void syncCell(SyncEngine::Mode mode)
    {
        QFETCH(int, fault);
        const FaultInfo &faultInfo = info(fault);
        const QString action
            = mode == SyncEngine::Mode::Full ? QStringLiteral("full sync") : QStringLiteral("incremental sync");
        const QString cacheName = QStringLiteral("cache-%1.sqlite").arg(++m_serial);
        auto cache = openCache(cacheName);
        QVERIFY(cache);
        if (mode == SyncEngine::Mode::Incremental) {
            const auto first = runSync(*cache, SyncEngine::Mode::Full);
            QVERIFY2(!first, qPrintable(first.value_or(QString())));
        }
        if (faultInfo.kind == FaultKind::CacheCorrupt) {
            cache = damageAndReopen(std::move(cache), cacheName);
            QVERIFY(cache);
        }
        // Something new for this sync to bring: a release request opened now.
        const int app = m_nextApp++ % int(m_fixture.seed.appIds.size());
        const ReleaseRequest opened
            = m_fixture.openRequest(m_fixture.developerToken(app), app, Environment::Test, QStringLiteral("v1.0.0"));
        QVERIFY(opened.iid > 0);
        const CacheState before = state(*cache);

        const auto undo = faultInfo.kind == FaultKind::CacheLocked ? lockCache(localPath(cacheName))
                                                                   : install(faultInfo.kind, IssueListing, {}, {});
        const auto failure = runSync(*cache, mode);
        undo();
        const CacheState under = state(*cache);
        const CacheState truth = gitLabState();
        QVERIFY(!truth.apps.isEmpty());
        if (failure) {
            const QString unreadable = unreadableMessage(*failure) + causeMissing(faultInfo.kind, *failure);
            QVERIFY2(unreadable.isEmpty(), qPrintable(unreadable));
            // A failed run writes nothing: the panels keep what they showed.
            QVERIFY2(under == before, "a failed sync changed the cache");
        } else {
            QVERIFY2(under == truth, "a sync that finished under the fault left the cache unlike GitLab");
        }
        // The fault gone, the next sync brings the cache level with GitLab.
        const auto again = runSync(*cache, mode);
        QVERIFY2(!again, qPrintable(again.value_or(QString())));
        QVERIFY2(state(*cache) == truth, "the cache and GitLab disagree after the fault");
        record(action, QString::fromLatin1(faultInfo.name), describe(!failure, failure.value_or(QString())));
    }

    // --- approvals ------------------------------------------------------

    // Runs the approver's recovery as the console does at its next start.
    void recover()
    {
        const quint64 id = m_approver->recover(QStringLiteral("root"));
        QVERIFY(m_outcomes->waitRecovery(id, 60000).has_value());
    }

    QString labelState(const GitLabIssue &issue)
    {
        for (const QString &label : issue.labels) {
            if (label.startsWith(QLatin1String("release::")))
                return label;
        }
        return {};
    }

    // --- deployments ----------------------------------------------------

    QStringList operationCommits(const QString &ops, const QString &branch, const QString &operationId)
    {
        if (operationId.isEmpty())
            return {};
        return m_fixture.commitsWithLine(ops, branch, ReleaseTrailers::operationLine(operationId));
    }

    // A pointer move (deploy or rollback) under the fault, then, when it was
    // not done, the console's restart (recovery) and the admin's retry.
    // Afterwards the target is live and exactly one of this cell's commits moved it.
    void pointerMoveCell(const QString &action, const FaultInfo &faultInfo, const QString &appId,
                         const QString &targetSha, const std::function<quint64()> &start)
    {
        const QString ops = QStringLiteral("plugins/ops/") + appId;
        const QString branch = QStringLiteral("env/test");
        const QString startHead = m_fixture.rev(ops, branch);
        const auto undo = install(faultInfo.kind, Push, ops, branch);
        const ReleaseOutcome first = m_outcomes->wait(start(), 120000);
        undo();
        if (!first.ok()) {
            const QString unreadable = unreadableMessage(first.message) + causeMissing(faultInfo.kind, first.message);
            QVERIFY2(unreadable.isEmpty(), qPrintable(unreadable));
            const int pushed = int(operationCommits(ops, branch, first.operationId).size());
            QVERIFY2(pushed <= 1, "a commit was pushed twice");
            if (claimsNothingChanged(first.message))
                QVERIFY2(pushed == 0, "says nothing changed, but pushed");
        }
        // Let the console finish what it started (as at its next start), then
        // the admin tries again if the version is still not live.
        QVERIFY(m_fixture.pipelinesSettle(ops, branch, 30000));
        bool retried = false;
        if (m_fixture.codesAt(ops, branch) != targetSha) {
            retried = true;
            const ReleaseOutcome again = m_outcomes->wait(start(), 120000);
            QVERIFY2(again.ok(), qPrintable(again.message));
        }
        QCOMPARE(m_fixture.codesAt(ops, branch), targetSha);
        // Exactly one Dockmaster commit since the cell began moved the pointer.
        const QStringList added
            = QString::fromLatin1(
                  m_fixture.git(ops, { QStringLiteral("rev-list"), startHead + QStringLiteral("..") + branch }))
                  .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        int ours = 0;
        for (const QString &commit : added) {
            const QString message = QString::fromUtf8(m_fixture.git(
                ops, { QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%B"), commit }));
            if (message.contains(QLatin1String("Dockmaster-Operation: ")))
                ++ours;
        }
        QCOMPARE(ours, 1);
        QVERIFY(m_fixture.pipelinesSettle(ops, branch, 30000));
        record(action, QString::fromLatin1(faultInfo.name),
               first.ok() ? QStringLiteral("done")
                          : describe(false, first.message)
                       + (retried ? QStringLiteral("; the retry deployed it once")
                                  : QStringLiteral("; it was live once")));
    }

    // --- provisioning ---------------------------------------------------

    void startPdns()
    {
        if (m_pdns)
            return;
        m_pdns = std::make_unique<PdnsServer>();
        const QString problem = m_pdns->start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QString zoneProblem = m_pdns->createZone(m_zone);
        QVERIFY2(zoneProblem.isEmpty(), qPrintable(zoneProblem));
    }

    QString allocationStatus(const QString &appId)
    {
        const QList<AllocationRecord> records = allocationRecords(*m_fixture.emulator);
        const auto it
            = std::find_if(records.cbegin(), records.cend(), [&](const AllocationRecord &r) { return r.id == appId; });
        return it == records.cend() ? QString() : it->status;
    }

    struct ProvisionRun {
        bool finished = false;
        bool failed = false;
        QString reason;
        QString appId;
    };

    // One provisioning (or its resumption) by a new Provisioner, as a console session runs it.
    ProvisionRun provision(const std::function<void(Provisioner &)> &begin)
    {
        Provisioner provisioner(m_client.get(), m_allocator.get());
        provisioner.setDnsProvider(m_dns.get());
        ProvisionRun run;
        connect(&provisioner, &Provisioner::finished, this, [&run](const QString &) { run.finished = true; });
        connect(&provisioner, &Provisioner::failed, this, [&run](Provisioner::Step, const QString &reason) {
            run.failed = true;
            run.reason = reason;
        });
        connect(&provisioner, &Provisioner::inputRefused, this, [&run](const QList<ProvisionFieldError> &errors) {
            run.failed = true;
            run.reason = errors.isEmpty() ? QStringLiteral("refused") : errors.constFirst().message;
        });
        begin(provisioner);
        (void)QTest::qWaitFor([&run] { return run.finished || run.failed; }, 180000);
        run.appId = provisioner.appId();
        return run;
    }

    // --- DNS ---------------------------------------------------------

    struct DnsFix {
        bool ok = false;
        bool fixed = false; // a change was sent (the records differed)
        QString message;    // the dialog's status line
    };

    // What the admin's DNS dialog does: read the records, and when they
    // differ, "Fix" and the re-read after it. `peer` is the PowerDNS API address.
    DnsFix fixDns(const QUrl &peer, const QList<ExpectedDnsRecord> &expected)
    {
        PowerDnsProvider provider(peer, m_pdns->apiKey(), { m_zone });
        DnsReconciler reconciler(&provider);
        reconciler.setExpected(expected);
        DnsFix result;
        auto read = [&] {
            QSignalSpy refreshed(&reconciler, &DnsReconciler::refreshFinished);
            reconciler.refresh();
            if (!refreshed.wait(120000))
                return false;
            return refreshed.first().first().toBool();
        };
        if (!read()) {
            result.message = reconciler.statusText();
            return result;
        }
        if (reconciler.needsFix()) {
            result.fixed = true;
            QSignalSpy fixedSpy(&reconciler, &DnsReconciler::fixFinished);
            QSignalSpy refreshed(&reconciler, &DnsReconciler::refreshFinished);
            reconciler.fix();
            if (!fixedSpy.wait(120000) || !fixedSpy.first().first().toBool()) {
                result.message = reconciler.statusText();
                return result;
            }
            // A fix that succeeded re-reads the records by itself.
            if (!QTest::qWaitFor([&] { return !refreshed.isEmpty(); }, 120000) || !refreshed.first().first().toBool()) {
                result.message = reconciler.statusText();
                return result;
            }
        }
        result.ok = !reconciler.needsFix();
        result.message = reconciler.statusText();
        return result;
    }

    // --- logs -----------------------------------------------------------

    void startPodman()
    {
        if (m_podman)
            return;
        // A short path: the service's unix socket lives under it.
        m_podmanDir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/dmfm-XXXXXX"));
        QVERIFY(m_podmanDir->isValid());
        m_podman = std::make_unique<PodmanEngine>(m_podmanDir->path());
        QVERIFY2(m_podman->importBusyboxImage(), qPrintable(m_podman->lastError()));
        QVERIFY2(m_podman->startService(60000), qPrintable(m_podman->lastError()));
        m_logProxy = std::make_unique<FaultProxy>();
        m_logProxy->setUnixUpstream(m_podman->socketPath());
        QVERIFY(m_logProxy->listen());
    }

    // What the log view saw of one DockerLogSource.
    struct LogView {
        QList<QByteArray> lines;
        QStringList names;
        QStringList messages; // reconnecting reasons, failures and status lines, in order
        int ended = 0;
    };

    static void watch(DockerLogSource &source, LogView &view)
    {
        QObject::connect(&source, &LogSource::linesAvailable, &source, [&view](const LogBatch &batch) {
            for (const LogBatchLine &line : batch.lines) {
                view.names.append(batch.sources.value(line.source));
                view.lines.append(batch.lineText(line).toByteArray());
            }
        });
        QObject::connect(&source, &LogSource::reconnecting, &source,
                         [&view](const QString &, const QString &reason) { view.messages.append(reason); });
        QObject::connect(&source, &LogSource::failed, &source,
                         [&view](const QString &message) { view.messages.append(message); });
        QObject::connect(&source, &LogSource::statusChanged, &source, [&view](const QString &message) {
            if (!message.isEmpty())
                view.messages.append(message);
        });
        QObject::connect(&source, &LogSource::streamEnded, &source, [&view](const QString &) { ++view.ended; });
    }

    static DockerLogOptions logOptions(const QString &project)
    {
        return { .composeProject = project,
                 .tail = -1,
                 .reconnectInitialMs = 100,
                 .reconnectMaxMs = 1000,
                 .rescanIntervalMs = 1000 };
    }

    // The A records of `name` as PowerDNS's API lists them (every RRset of that name and type).
    QStringList aRecordsAt(const QString &name)
    {
        QNetworkAccessManager network;
        QUrl url = m_pdns->apiUrl();
        url.setPath(QStringLiteral("/api/v1/servers/localhost/zones/") + m_zone + QLatin1Char('.'));
        QNetworkRequest request(url);
        request.setRawHeader("X-API-Key", m_pdns->apiKey().toUtf8());
        QNetworkReply *reply = network.get(request);
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!done.wait(30000))
            return { QStringLiteral("no answer from PowerDNS") };
        reply->deleteLater();
        QStringList contents;
        const QJsonArray rrsets
            = QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("rrsets")).toArray();
        for (const QJsonValue &value : rrsets) {
            const QJsonObject rrset = value.toObject();
            if (rrset.value(QStringLiteral("name")).toString() != name + QLatin1Char('.')
                || rrset.value(QStringLiteral("type")).toString() != QLatin1String("A"))
                continue;
            for (const QJsonValue &entry : rrset.value(QStringLiteral("records")).toArray())
                contents.append(entry.toObject().value(QStringLiteral("content")).toString());
        }
        return contents;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // First, before any thread starts (a thread keeps the namespace it began in).
        const bool ownNamespace = Test::enterOwnMountNamespace();
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir().mkpath(localPath(QString())));
        // A tmpfs holds only what is written to it; 512 MiB is a ceiling.
        if (ownNamespace)
            QVERIFY(m_disk.mount(localPath(QString()), 512LL * 1024 * 1024));
        QVERIFY(QDir().mkpath(localPath(QStringLiteral("tmp"))));
        QVERIFY2(m_tls.start(m_dir.path()), "openssl could not make a certificate");
        // A stalled git answer fails after 5 s here instead of libgit2's 30 s.
        git_libgit2_opts(GIT_OPT_SET_SERVER_TIMEOUT, 5000);
    }

    void cleanupTestCase()
    {
        const QString folder = qEnvironmentVariable("DOCKMASTER_MATRIX_REPORT");
        if (folder.isEmpty() || m_cells.isEmpty())
            return;
        QDir().mkpath(folder);
        QHash<QString, QList<Cell>> byAction;
        for (const Cell &cell : std::as_const(m_cells))
            byAction[cell.action].append(cell);
        for (auto it = byAction.cbegin(); it != byAction.cend(); ++it) {
            QString name = it.key();
            name.replace(QLatin1Char(' '), QLatin1Char('-'));
            QFile file(folder + QLatin1Char('/') + name + QStringLiteral(".tsv"));
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            for (const Cell &cell : it.value())
                file.write(QStringList { cell.action, cell.fault, cell.outcome }.join(QLatin1Char('\t')).toUtf8()
                           + '\n');
        }
    }

    void init()
    {
        if (QByteArray(QTest::currentDataTag()) == info(int(FaultKind::DiskFull)).name && !m_disk.isMounted())
            QSKIP("No right to mount a small file system here (needs root in a mount namespace).");
        // Every cell starts on a GitLab that answers normally.
        if (m_fixture.emulator)
            m_fixture.emulator->clearFaults();
        if (m_client && m_fixture.emulator)
            m_client->setBaseUrl(m_fixture.emulator->baseUrl());
    }

    void fullSync_data() { addRows(SyncsTheCache | WritesFiles); }
    void fullSync()
    {
        if (QByteArray(QTest::currentDataTag()) == Faults[0].name)
            startWorld(4);
        syncCell(SyncEngine::Mode::Full);
    }

    void incrementalSync_data() { addRows(SyncsTheCache | WritesFiles); }
    void incrementalSync()
    {
        if (QByteArray(QTest::currentDataTag()) == Faults[0].name)
            startWorld(4);
        syncCell(SyncEngine::Mode::Incremental);
    }

    void approve_data() { addRows(PushesGit | WritesFiles); }
    void approve()
    {
        QFETCH(int, fault);
        const FaultInfo &faultInfo = info(fault);
        if (faultInfo.kind == Faults[0].kind)
            startWorld(2);
        const int app = appIndex(nextApp());
        const auto opened = m_fixture.openRequestForANewVersion(app);
        QVERIFY(opened.request.iid > 0);
        const ReleaseRequest &request = opened.request;
        const QString ops = opsProject(request);
        const QString key = ReleaseTrailers::requestKey(codeProject(request), request.iid);

        const auto undo = install(faultInfo.kind, faultInfo.needs == Needs::GitPush ? Push : LabelUpdate, ops,
                                  QStringLiteral("env/test"));
        const ReleaseOutcome first = m_outcomes->wait(m_approver->approve(request, QStringLiteral("root")), 120000);
        undo();
        if (!first.ok()) {
            const QString unreadable = unreadableMessage(first.message) + causeMissing(faultInfo.kind, first.message);
            QVERIFY2(unreadable.isEmpty(), qPrintable(unreadable));
            if (claimsNothingChanged(first.message))
                QVERIFY2(m_fixture.commitsWithLine(ops, QStringLiteral("env/test"), ReleaseTrailers::requestLine(key))
                             .isEmpty(),
                         "says nothing changed, but pushed");
        }
        // The console's next start finishes a half-done approval; the admin
        // approves again if nothing was done.
        recover();
        bool retried = false;
        if (m_fixture.commitsWithLine(ops, QStringLiteral("env/test"), ReleaseTrailers::requestLine(key)).isEmpty()) {
            retried = true;
            const ReleaseOutcome again = m_outcomes->wait(m_approver->approve(request, QStringLiteral("root")), 120000);
            QVERIFY2(again.ok(), qPrintable(again.message));
        }
        QCOMPARE(m_fixture.commitsWithLine(ops, QStringLiteral("env/test"), ReleaseTrailers::requestLine(key)).size(),
                 1);
        QCOMPARE(m_fixture.codesAt(ops, QStringLiteral("env/test")), opened.version.sha);
        QCOMPARE(m_fixture.notesContaining(request, ReleaseTrailers::approvedMarkerPrefix(key)), 1);
        const QString label = labelState(m_fixture.issue(request));
        QVERIFY2(label != QLatin1String("release::pending") && label != QLatin1String("release::rejected"),
                 qPrintable(label));
        QVERIFY(m_fixture.pipelinesSettle(ops, QStringLiteral("env/test"), 30000));
        // The cache shows what GitLab says about the request.
        const CacheState truth = syncedRowCache();
        const auto cached = std::find_if(truth.requests.cbegin(), truth.requests.cend(), [&](const ReleaseRequest &r) {
            return r.projectId == request.projectId && r.iid == request.iid;
        });
        QVERIFY(cached == truth.requests.cend() || cached->state != ReleaseState::Pending);
        record(QStringLiteral("approve"), QString::fromLatin1(faultInfo.name),
               first.ok() ? QStringLiteral("done")
                          : describe(false, first.message)
                       + (retried ? QStringLiteral("; approved once on retry")
                                  : QStringLiteral("; completed once by recovery")));
    }

    void reject_data() { addRows(RequestsOnly); }
    void reject()
    {
        QFETCH(int, fault);
        const FaultInfo &faultInfo = info(fault);
        if (faultInfo.kind == Faults[0].kind)
            startWorld(2);
        const ReleaseRequest request
            = m_fixture.openRequest(m_fixture.developerToken(0), 0, Environment::Test, QStringLiteral("v1.0.0"));
        QVERIFY(request.iid > 0);
        const QString key = ReleaseTrailers::requestKey(codeProject(request), request.iid);
        const QString reason = QStringLiteral("Cell %1: the changelog is missing.").arg(++m_serial);

        const auto undo = install(faultInfo.kind, NotePost, {}, {});
        const ReleaseOutcome first
            = m_outcomes->wait(m_approver->reject(request, QStringLiteral("root"), reason), 120000);
        undo();
        if (!first.ok()) {
            const QString unreadable = unreadableMessage(first.message) + causeMissing(faultInfo.kind, first.message);
            QVERIFY2(unreadable.isEmpty(), qPrintable(unreadable));
            if (claimsNothingChanged(first.message)) {
                QVERIFY2(m_fixture.notesContaining(request, reason) == 0, "says nothing changed, but commented");
                QVERIFY(labelState(m_fixture.issue(request)) == QLatin1String("release::pending"));
            }
        }
        bool retried = false;
        if (labelState(m_fixture.issue(request)) != QLatin1String("release::rejected")) {
            retried = true;
            const ReleaseOutcome again
                = m_outcomes->wait(m_approver->reject(request, QStringLiteral("root"), reason), 120000);
            QVERIFY2(again.ok(), qPrintable(again.message));
        }
        QCOMPARE(labelState(m_fixture.issue(request)), QStringLiteral("release::rejected"));
        QCOMPARE(m_fixture.notesContaining(request, ReleaseTrailers::rejectedMarkerPrefix(key)), 1);
        QCOMPARE(m_fixture.notesContaining(request, reason), 1);
        const CacheState truth = syncedRowCache();
        QVERIFY(std::none_of(truth.requests.cbegin(), truth.requests.cend(), [&](const ReleaseRequest &r) {
            return r.projectId == request.projectId && r.iid == request.iid && r.state == ReleaseState::Pending;
        }));
        record(QStringLiteral("reject"), QString::fromLatin1(faultInfo.name),
               first.ok() ? QStringLiteral("done")
                          : describe(false, first.message)
                       + (retried ? QStringLiteral("; rejected once on retry") : QStringLiteral("; it was done once")));
    }

    void deployTag_data() { addRows(PushesGit | WritesFiles); }
    void deployTag()
    {
        QFETCH(int, fault);
        const FaultInfo &faultInfo = info(fault);
        if (faultInfo.kind == Faults[0].kind)
            startWorld(2);
        const QString appId = nextApp();
        const auto version = m_fixture.versionNotLiveOn(appId, QStringLiteral("env/test"));
        QVERIFY(!version.tag.isEmpty());
        pointerMoveCell(QStringLiteral("deploy a tag"), faultInfo, appId, version.sha, [&] {
            return m_approver->deployTag(appId, Environment::Test, version.tag, QStringLiteral("root"));
        });
    }

    void rollback_data() { addRows(PushesGit | WritesFiles); }
    void rollback()
    {
        QFETCH(int, fault);
        const FaultInfo &faultInfo = info(fault);
        if (faultInfo.kind == Faults[0].kind)
            startWorld(2);
        const QString appId = nextApp();
        const QString ops = QStringLiteral("plugins/ops/") + appId;
        // Something to roll back: a newer version deployed first, fault-free.
        const QString previous = m_fixture.codesAt(ops, QStringLiteral("env/test"));
        const auto version = m_fixture.versionNotLiveOn(appId, QStringLiteral("env/test"));
        QVERIFY(!version.tag.isEmpty());
        const ReleaseOutcome deployed = m_outcomes->wait(
            m_approver->deployTag(appId, Environment::Test, version.tag, QStringLiteral("root")), 120000);
        QVERIFY2(deployed.ok(), qPrintable(deployed.message));
        QVERIFY(m_fixture.pipelinesSettle(ops, QStringLiteral("env/test"), 30000));
        pointerMoveCell(QStringLiteral("roll back"), faultInfo, appId, previous, [&] {
            return m_approver->rollback(appId, Environment::Test, previous, QStringLiteral("root"));
        });
    }

    void commitConfig_data() { addRows(PushesGit | WritesFiles); }
    void commitConfig()
    {
        QFETCH(int, fault);
        const FaultInfo &faultInfo = info(fault);
        if (faultInfo.kind == Faults[0].kind)
            startWorld(2);
        const QString ops = QStringLiteral("plugins/ops/") + m_fixture.seed.appIds.value(0);
        const QString branch = QStringLiteral("env/test");
        const QString path = QStringLiteral("conf/matrix-%1.conf").arg(++m_serial);
        const QByteArray content = "# cell " + QByteArray::number(m_serial) + "\n";
        const QString message = QStringLiteral("Config cell %1").arg(m_serial);
        // The editor's workspace of this profile: one per cell, kept across its "restart".
        const QString workspaceRoot = localPath(QStringLiteral("editor-%1").arg(m_serial));
        const GitAuthor author { QStringLiteral("root"), QStringLiteral("root@example.test") };
        auto open = [&](GitWorkspace &workspace) {
            return waitGit<GitOpened>([&](QObject *context, auto done) {
                workspace.open(ReleaseGitLab::repositoryUrl(m_client->baseUrl(), ops), m_client->token(), branch,
                               context, done);
            });
        };
        auto commit = [&](GitWorkspace &workspace, const QString &base) {
            return waitGit<GitPushResult>(
                [&](QObject *context, auto done) {
                    workspace.commitAndPush(path, content, message, author, base, context, done);
                },
                120000);
        };
        auto onBranch = [&] {
            return m_fixture.git(ops, { QStringLiteral("show"), branch + QLatin1Char(':') + path }) == content;
        };
        auto workspace = std::make_unique<GitWorkspace>(workspaceRoot);
        // The fault is there from the start: opening the editor meets it too.
        const auto undo = install(faultInfo.kind, Push, ops, branch);
        const auto opened = open(*workspace);
        std::optional<GitResult<GitPushResult>> first;
        if (opened.ok())
            first = commit(*workspace, opened.value.headCommit);
        undo();
        QString how = QStringLiteral("done");
        if (!opened.ok()) {
            const QString unreadable = unreadableMessage(opened.error) + causeMissing(faultInfo.kind, opened.error);
            QVERIFY2(unreadable.isEmpty(), qPrintable(unreadable));
            const auto reopened = open(*workspace);
            QVERIFY2(reopened.ok(), qPrintable(reopened.error));
            const auto again = commit(*workspace, reopened.value.headCommit);
            QVERIFY2(again.ok() && !again.value.rejection, qPrintable(again.error));
            how = describe(false, opened.error) + QStringLiteral("; committed once when GitLab was back");
        } else if (first->ok() && first->value.rejection) {
            // Someone else pushed first: the editor re-applies the edit on
            // the new head and the admin commits it again.
            const auto rebased = waitGit<GitRebaseResult>([&](QObject *context, auto done) {
                workspace->rebaseEdit(path, content, first->value.rejection->baseCommit, context, done);
            });
            QVERIFY2(rebased.ok() && !rebased.value.conflicts, qPrintable(rebased.error));
            const auto again = waitGit<GitPushResult>([&](QObject *context, auto done) {
                workspace->commitAndPush(path, rebased.value.content, message, author, rebased.value.newBase, context,
                                         done);
            });
            QVERIFY2(again.ok() && !again.value.rejection, qPrintable(again.error));
            how = QStringLiteral("not done (another commit came first); re-applied and pushed once");
        } else if (!first->ok()) {
            const QString unreadable = unreadableMessage(first->error) + causeMissing(faultInfo.kind, first->error);
            QVERIFY2(unreadable.isEmpty(), qPrintable(unreadable));
            // The editor opens the workspace again (as after a restart): a
            // commit that did not reach GitLab is offered and pushed once;
            // one that was refused is still in the editor, committed again.
            workspace = std::make_unique<GitWorkspace>(workspaceRoot);
            const auto reopened = open(*workspace);
            QVERIFY2(reopened.ok(), qPrintable(reopened.error));
            if (!reopened.value.unpushed.isEmpty()) {
                QCOMPARE(reopened.value.unpushed.size(), 1);
                const auto pushed = waitGit<GitPushResult>([&](QObject *context, auto done) {
                    workspace->pushUnpushed(reopened.value.unpushed.constFirst().commit.id, context, done);
                });
                QVERIFY2(pushed.ok() && !pushed.value.rejection, qPrintable(pushed.error));
                how = describe(false, first->error) + QStringLiteral("; the kept commit was pushed once");
            } else if (!onBranch()) {
                const auto again = commit(*workspace, reopened.value.headCommit);
                QVERIFY2(again.ok() && !again.value.rejection, qPrintable(again.error));
                how = describe(false, first->error) + QStringLiteral("; committed again from the editor, once");
            } else {
                how = describe(false, first->error) + QStringLiteral("; it had reached GitLab once");
            }
        }
        // Exactly one commit with the edit, and the file holds it.
        const QStringList commits = m_fixture.commitsWithLine(ops, branch, message);
        QCOMPARE(commits.size(), 1);
        QVERIFY(onBranch());
        record(QStringLiteral("commit a config"), QString::fromLatin1(faultInfo.name), how);
    }

    // The rows of an action on a peer reached through a FaultProxy (PowerDNS,
    // Docker): the Link loop (these APIs do not page), the clock (no request
    // carries a time the peer checks), the push faults and the local ones (the
    // console writes nothing on this machine for them) cannot happen there.
    static void addProxiedRows() { addRows(RequestsOnly, { FaultKind::LinkLoop, FaultKind::ClockOff }); }

    // A fault in the body: it hits the answer that is parsed, not the change.
    static bool isBadBody(FaultKind kind)
    {
        return kind == FaultKind::TruncatedJson || kind == FaultKind::MalformedJson || kind == FaultKind::WrongShapeJson
            || kind == FaultKind::HugeBody;
    }

    // The admin's "Fix" in an app's DNS records dialog (views/shell/dnsaccess):
    // a DnsReconciler reads the records, then upserts the wrong one, through
    // the fault proxy in front of a real pdns_server.
    void fixDnsRecord_data() { addProxiedRows(); }
    void fixDnsRecord()
    {
        QFETCH(int, fault);
        const FaultInfo &faultInfo = info(fault);
        if (faultInfo.kind == Faults[0].kind) {
            startPdns();
            if (QTest::currentTestFailed())
                return;
            m_dnsProxy = std::make_unique<FaultProxy>();
            m_dnsProxy->setUpstream(QStringLiteral("127.0.0.1"), quint16(m_pdns->apiUrl().port()));
            QVERIFY(m_dnsProxy->listen());
        }
        // The app's record points elsewhere, twice over, as after a hand edit.
        const QString appId = QStringLiteral("fix%1").arg(++m_serial);
        const QString name = appId + QLatin1Char('.') + m_zone;
        const QString address = QStringLiteral("192.0.2.10");
        const QByteArray broken = QStringLiteral("{\"rrsets\":[{\"name\":\"%1.\",\"type\":\"A\",\"ttl\":300,"
                                                 "\"changetype\":\"REPLACE\",\"records\":["
                                                 "{\"content\":\"192.0.2.98\",\"disabled\":false},"
                                                 "{\"content\":\"192.0.2.99\",\"disabled\":false}]}]}")
                                      .arg(name)
                                      .toUtf8();
        QCOMPARE(m_pdns->patchZone(m_zone, broken), 204);
        const QStringList before = m_pdns->dig(name);
        QCOMPARE(before, QStringList({ QStringLiteral("192.0.2.98"), QStringLiteral("192.0.2.99") }));
        const QList<ExpectedDnsRecord> expected = DnsReconciler::expectedForApp(appId, m_zone, address, {}, {});
        const int hitsBefore = m_dnsProxy->faultsHit();

        QUrl peer = m_dnsProxy->url();
        const auto undo = installInProxy(*m_dnsProxy, faultInfo.kind,
                                         isBadBody(faultInfo.kind) ? RecordRead : RecordChange, DnsSlowAnswerMs, &peer);
        const auto first = fixDns(peer, expected);
        undo();
        if (peer == m_dnsProxy->url())
            QVERIFY2(m_dnsProxy->faultsHit() > hitsBefore, "the fault never hit");
        QString how = QStringLiteral("done");
        if (!first.ok) {
            const QString unreadable = unreadableMessage(first.message) + causeMissing(faultInfo.kind, first.message);
            QVERIFY2(unreadable.isEmpty(), qPrintable(unreadable));
            const QString empty = explainsNothing(first.message);
            QVERIFY2(empty.isEmpty(), qPrintable(empty));
            if (claimsNothingChanged(first.message))
                QVERIFY2(m_pdns->dig(name) == before, "says nothing changed, but PowerDNS changed");
            // The admin opens the dialog again and fixes what is still wrong.
            const auto again = fixDns(m_dnsProxy->url(), expected);
            QVERIFY2(again.ok, qPrintable(again.message));
            how = describe(false, first.message)
                + (again.fixed ? QStringLiteral("; fixed once on retry") : QStringLiteral("; it had been fixed once"));
        }
        // PowerDNS serves exactly the expected record, once.
        QCOMPARE(m_pdns->dig(name), QStringList { address });
        QCOMPARE(aRecordsAt(name), QStringList { address });
        record(QStringLiteral("fix a DNS record"), QString::fromLatin1(faultInfo.name), how);
    }

    // The Logs tab following an app's container (DockerLogSource) through the
    // fault proxy in front of podman's Docker API (a unix socket). The
    // container prints numbered lines and exits; a bad body hits the
    // container list (the JSON that decides what is followed), the rest the
    // log follow itself.
    void streamLogs_data() { addProxiedRows(); }
    void streamLogs()
    {
        QFETCH(int, fault);
        const FaultInfo &faultInfo = info(fault);
        if (faultInfo.kind == Faults[0].kind) {
            if (!PodmanEngine::isInstalled())
                QSKIP("podman or /usr/bin/busybox is not installed");
            startPodman();
            if (QTest::currentTestFailed())
                return;
        }
        QVERIFY(m_podman);
        constexpr int Lines = 150;
        const QString project = QStringLiteral("dmfm%1n%2").arg(QCoreApplication::applicationPid()).arg(++m_serial);
        const QString name = project + QStringLiteral("_web_1");
        const QString script = QStringLiteral("i=0; while [ $i -lt %1 ]; do i=$((i+1)); echo \"line $i\"; "
                                              "sleep 0.02; done")
                                   .arg(Lines);
        QVERIFY2(m_podman->runShellContainer(name, project, script), qPrintable(m_podman->lastError()));

        const int hitsBefore = m_logProxy->faultsHit();
        QUrl peer = m_logProxy->url();
        // The engine down is the proxy's port refusing, so the same source
        // finds the engine back by itself.
        const bool refused = faultInfo.kind == FaultKind::ConnectionRefused;
        if (refused)
            QVERIFY(m_logProxy->setRefusing(true));
        const auto undo = installInProxy(*m_logProxy, faultInfo.kind,
                                         isBadBody(faultInfo.kind) ? ContainerList : LogFollow, LogSlowAnswerMs, &peer);
        const bool tls = faultInfo.kind == FaultKind::TlsCertificateError;
        DockerEndpoint endpoint;
        endpoint.url = QUrl(QStringLiteral("tcp://127.0.0.1:%1").arg(refused ? m_logProxy->port() : peer.port()));
        endpoint.tls = tls;
        LogView view;
        auto source = std::make_unique<DockerLogSource>(endpoint, logOptions(project));
        watch(*source, view);
        source->start();
        // The fault meets the stream before it goes away.
        if (refused || tls)
            QVERIFY2(QTest::qWaitFor([&] { return !view.messages.isEmpty(); }, 60000), "the fault was never seen");
        else
            QVERIFY2(QTest::qWaitFor([&] { return m_logProxy->faultsHit() > hitsBefore; }, 60000),
                     "the fault never hit");
        undo();
        if (refused)
            QVERIFY(m_logProxy->setRefusing(false));
        if (tls) {
            // The admin corrects the host's address: the view follows it anew.
            source->stop();
            const QStringList seen = view.messages;
            view = LogView();
            view.messages = seen;
            endpoint.url = QUrl(QStringLiteral("tcp://127.0.0.1:%1").arg(m_logProxy->port()));
            endpoint.tls = false;
            source = std::make_unique<DockerLogSource>(endpoint, logOptions(project));
            watch(*source, view);
            source->start();
        }
        // Without the fault the stream recovers by itself: every line once, in order.
        QVERIFY2(QTest::qWaitFor([&] { return view.ended > 0 && view.lines.size() >= Lines; }, 120000),
                 qPrintable(QStringLiteral("%1 of %2 lines, %3 end(s); messages: %4")
                                .arg(view.lines.size())
                                .arg(Lines)
                                .arg(view.ended)
                                .arg(view.messages.join(QStringLiteral(" / ")))));
        source->stop();
        QCOMPARE(view.lines.size(), Lines);
        for (int i = 0; i < Lines; ++i)
            QCOMPARE(view.lines.at(i), "line " + QByteArray::number(i + 1));
        QVERIFY(view.names.count(name) == Lines);
        for (const QString &message : std::as_const(view.messages)) {
            const QString unreadable = unreadableMessage(message) + causeMissing(faultInfo.kind, message);
            QVERIFY2(unreadable.isEmpty(), qPrintable(unreadable));
            const QString empty = explainsNothing(message);
            QVERIFY2(empty.isEmpty(), qPrintable(empty));
        }
        const QString shown = tls ? QStringLiteral("; on the corrected address, every line shown once, in order")
                                  : QStringLiteral("; every line shown once, in order");
        record(QStringLiteral("stream logs"), QString::fromLatin1(faultInfo.name),
               (view.messages.isEmpty()
                    ? QStringLiteral("went on")
                    : QStringLiteral("said \"%1\"").arg(view.messages.constFirst().simplified().left(160)))
                   + shown);
    }

    void provision_data() { addRows(WritesFiles); }
    void provision()
    {
        QFETCH(int, fault);
        const FaultInfo &faultInfo = info(fault);
        if (faultInfo.kind == Faults[0].kind) {
            startWorld(2);
            startPdns();
            m_allocator = std::make_unique<InventoryAllocator>(m_client.get(), QStringLiteral("plugins/ops/inventory"));
            m_dns = std::make_unique<PowerDnsProvider>(m_pdns->apiUrl(), m_pdns->apiKey(), QStringList { m_zone });
        }
        ProvisionRequest request;
        request.name = QStringLiteral("Matrix Shop %1").arg(++m_serial);
        request.owner = m_fixture.seed.developers.constFirst().username;
        request.description = QStringLiteral("A shop made under a fault.");
        request.environments = { QStringLiteral("test"), QStringLiteral("production") };
        request.fallbackMode = QStringLiteral("hardened-php");

        const auto undo = install(faultInfo.kind, ProjectCreation, {}, {});
        const ProvisionRun first = provision([&](Provisioner &p) { p.start(request); });
        undo();
        QString how = QStringLiteral("done");
        QString appId = first.appId;
        if (!first.finished) {
            const QString unreadable = unreadableMessage(first.reason) + causeMissing(faultInfo.kind, first.reason);
            QVERIFY2(unreadable.isEmpty(), qPrintable(unreadable));
            // It names what failed: not a lookup's "nothing there" after a
            // failed create, nor a project id it never got.
            QVERIFY2(!first.reason.contains(QLatin1String("has nothing at")), qPrintable(first.reason));
            QVERIFY2(!first.reason.contains(QLatin1String("/projects/0/")), qPrintable(first.reason));
            if (appId.isEmpty()) {
                // Nothing was allocated: the admin starts again.
                const ProvisionRun again = provision([&](Provisioner &p) { p.start(request); });
                QVERIFY2(again.finished, qPrintable(again.reason));
                appId = again.appId;
                how = describe(false, first.reason) + QStringLiteral("; started again, made once");
            } else {
                // The next session resumes the half-made app from the inventory.
                const ProvisionRun resumed = provision([&](Provisioner &p) { p.resume(appId); });
                QVERIFY2(resumed.finished, qPrintable(resumed.reason));
                how = describe(false, first.reason) + QStringLiteral("; resumed, made once");
            }
        }
        QVERIFY(!appId.isEmpty());
        QCOMPARE(allocationStatus(appId), QStringLiteral("active"));
        QCOMPARE(projectCount(*m_fixture.emulator, QStringLiteral("plugins/apps/") + appId), 1);
        QCOMPARE(projectCount(*m_fixture.emulator, QStringLiteral("plugins/ops/") + appId), 1);
        record(QStringLiteral("provision an app"), QString::fromLatin1(faultInfo.name), how);
    }
};

QTEST_GUILESS_MAIN(TestFaultMatrix)
#include "tst_faultmatrix.moc"
