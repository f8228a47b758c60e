#include "core/util/processowner.h"
#include "sandbox/platform/podmanengine.h"
#include "sandbox/platform/powerdnsserver.h"
#include "sandbox/platform/sandboxplatform.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <csignal>
#include <unistd.h>

using namespace Dockmaster;

namespace {

struct Found {
    qint64 pid = 0;
    QByteArray identity; // pid and start time: a reused PID is not the same process
    QByteArray command;
};

QByteArray readProc(qint64 pid, const char *file)
{
    QFile f(QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1String(file)));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

qint64 parentOf(qint64 pid)
{
    const QByteArray stat = readProc(pid, "stat");
    const qsizetype close = stat.lastIndexOf(')');
    return close < 0 ? 0 : stat.mid(close + 2).split(' ').value(1).toLongLong();
}

// Every living process on the machine that belongs to one child's run: it
// carries the run's mark in its environment (inherited by what the child
// starts), names the mark or the run's folder on its command line (container
// payloads get a fresh environment; conmon and the servers name their
// folders), or descends from such a process (nginx and php-fpm rewrite their
// workers' environment and title).
QList<Found> processesOf(const QByteArray &mark, const QString &stateDir)
{
    const QByteArray dir = stateDir.toUtf8();
    QHash<qint64, Found> all;
    QHash<qint64, qint64> parent;
    QSet<qint64> ours;
    const QDir proc(QStringLiteral("/proc"));
    for (const QString &entry : proc.entryList(QDir::Dirs)) {
        bool ok = false;
        const qint64 pid = entry.toLongLong(&ok);
        if (!ok || pid == QCoreApplication::applicationPid())
            continue;
        const QByteArray identity = ProcessOwner::identity(pid); // empty for zombies
        if (identity.isEmpty())
            continue;
        const QByteArray cmdline = readProc(pid, "cmdline");
        all.insert(pid, { pid, identity, QByteArray(cmdline).replace('\0', ' ').trimmed() });
        parent.insert(pid, parentOf(pid));
        if (readProc(pid, "environ").contains(QByteArray("DOCKMASTER_LIFETIME_MARK=" + mark)) || cmdline.contains(mark)
            || cmdline.contains(dir))
            ours.insert(pid);
    }
    for (bool grew = true; grew;) {
        grew = false;
        for (auto it = parent.cbegin(); it != parent.cend(); ++it) {
            if (!ours.contains(it.key()) && ours.contains(it.value())) {
                ours.insert(it.key());
                grew = true;
            }
        }
    }
    QList<Found> found;
    for (const qint64 pid : std::as_const(ours))
        found.append(all.value(pid));
    return found;
}

QList<Found> stillAlive(const QList<Found> &processes)
{
    QList<Found> alive;
    for (const Found &p : processes) {
        if (ProcessOwner::isAlive(p.identity))
            alive.append(p);
    }
    return alive;
}

QString describe(const QList<Found> &processes)
{
    QStringList lines;
    for (const Found &p : processes)
        lines.append(QStringLiteral("%1 %2").arg(p.pid).arg(QString::fromUtf8(p.command.left(160))));
    return lines.join(QLatin1Char('\n'));
}

bool hasAll(const QList<Found> &processes, const QList<QByteArray> &needles, QByteArray *missing)
{
    for (const QByteArray &needle : needles) {
        const bool present = std::any_of(processes.begin(), processes.end(),
                                         [&](const Found &p) { return p.command.contains(needle); });
        if (!present) {
            *missing = needle;
            return false;
        }
    }
    return true;
}

} // namespace

class TestHelperLifetime : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void helpersEndWithAKilledTest();
    void sweepStopsWhatADeadSandboxLeft();
    void aSandboxSeenFromAnotherPidNamespaceIsKept();

private:
    // Starts the child in `mode` and waits for READY; returns the QProcess.
    std::unique_ptr<QProcess> startChild(const QString &program, const QStringList &arguments);
    QTemporaryDir m_dir;
    QByteArray m_mark;
};

void TestHelperLifetime::initTestCase()
{
    if (::getuid() != 0)
        QSKIP("PID namespaces and the private podman need root (the suite runs as root in the build environment)");
    if (!PodmanEngine::isInstalled() || !PowerDnsServer::isInstalled())
        QSKIP("podman and pdns_server are needed (always installed in the build environment)");
    QVERIFY(m_dir.isValid());
}

std::unique_ptr<QProcess> TestHelperLifetime::startChild(const QString &program, const QStringList &arguments)
{
    m_mark = QUuid::createUuid().toByteArray(QUuid::Id128);
    auto child = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DOCKMASTER_LIFETIME_MARK"), QString::fromLatin1(m_mark));
    child->setProcessEnvironment(env);
    child->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child->start(program, arguments);
    if (!child->waitForStarted(10000))
        return nullptr;
    QByteArray out;
    QElapsedTimer timer;
    timer.start();
    // Importing the image and starting podman takes a while on a busy machine.
    while (!out.contains("READY") && child->state() == QProcess::Running && timer.elapsed() < 180000) {
        child->waitForReadyRead(500);
        out += child->readAllStandardOutput();
    }
    if (!out.contains("READY"))
        return nullptr;
    return child;
}

void TestHelperLifetime::helpersEndWithAKilledTest()
{
    // The child runs as ctest runs every test: through the suite's launcher.
    const QString state = m_dir.filePath(QStringLiteral("isolated"));
    std::unique_ptr<QProcess> launcher
        = startChild(QStringLiteral(TEST_LAUNCHER), { QStringLiteral(HELPER_CHILD), QStringLiteral("all"), state });
    QVERIFY2(launcher, "the child did not get its helpers running");
    const QList<Found> running = processesOf(m_mark, state);
    QByteArray missing;
    // Proves the check can see each helper before it asserts they are gone.
    QVERIFY2(
        hasAll(running,
               { "helperlifetime_child", "system service", "conmon", "while true", "pdns_server", "nginx", "php-fpm" },
               &missing),
        qPrintable(QStringLiteral("%1 not found among:\n%2").arg(QString::fromLatin1(missing), describe(running))));
    // The test process itself dies as a crash would take it: SIGKILL, no clean-up.
    const auto test = std::find_if(running.begin(), running.end(),
                                   [](const Found &p) { return p.command.startsWith(HELPER_CHILD); });
    QVERIFY(test != running.end());
    QCOMPARE(::kill(pid_t(test->pid), SIGKILL), 0);
    QVERIFY(launcher->waitForFinished(30000));
    QTRY_VERIFY2_WITH_TIMEOUT(stillAlive(running).isEmpty() && processesOf(m_mark, state).isEmpty(),
                              qPrintable(describe(stillAlive(running) + processesOf(m_mark, state))), 30000);
}

void TestHelperLifetime::sweepStopsWhatADeadSandboxLeft()
{
    // Without a namespace, as the sandbox runs on an admin's desktop.
    const QString root = m_dir.filePath(QStringLiteral("tmp"));
    const QString state = QDir(root).filePath(QStringLiteral("dockmaster-sandbox-dead"));
    QVERIFY(QDir().mkpath(state));
    // A live engine in the same folder must survive the sweep.
    PodmanEngine alive(QDir(root).filePath(QStringLiteral("alive/podman")));
    std::unique_ptr<QProcess> child = startChild(QStringLiteral(HELPER_CHILD), { QStringLiteral("sandbox"), state });
    QVERIFY2(child, "the child did not get its helpers running");
    const QList<Found> running = processesOf(m_mark, state);
    child->kill();
    QVERIFY(child->waitForFinished(30000));
    // pdns_server ends with its starter; podman's service and the container
    // do not: conmon detaches from podman on purpose.
    QTRY_VERIFY_WITH_TIMEOUT(!processesOf(m_mark, state).isEmpty(), 30000);
    QVERIFY2(!describe(processesOf(m_mark, state)).contains(QStringLiteral("pdns_server")),
             qPrintable(describe(processesOf(m_mark, state))));
    const QStringList swept = SandboxPlatform::sweepLeftovers(root);
    QVERIFY2(swept.contains(QDir(state).filePath(QStringLiteral("podman"))), qPrintable(swept.join(u',')));
    QVERIFY2(stillAlive(running).isEmpty() && processesOf(m_mark, state).isEmpty(),
             qPrintable(describe(stillAlive(running) + processesOf(m_mark, state))));
    QVERIFY(!QFile::exists(QDir(state).filePath(QStringLiteral("podman"))));
    QVERIFY(QFile::exists(QDir(root).filePath(QStringLiteral("alive/podman/engine.owner"))));
    // A second sweep finds nothing more.
    QVERIFY(PodmanEngine::reapOrphans(root).isEmpty());
}

void TestHelperLifetime::aSandboxSeenFromAnotherPidNamespaceIsKept()
{
    // A sandbox running in a PID namespace of its own (a console in a
    // container; every test under tests/run-isolated.sh) marks its folder
    // with PIDs that name other processes, or none, out here. A sweep from
    // here must leave it alone: a fresh-clone run lost a live sandbox's
    // GitLab and podman store to a sweep by a test running beside it.
    const QString root = m_dir.filePath(QStringLiteral("shared-tmp"));
    QVERIFY(QDir().mkpath(root));
    std::unique_ptr<QProcess> child = startChild(QStringLiteral("unshare"),
                                                 { QStringLiteral("--pid"), QStringLiteral("--fork"),
                                                   QStringLiteral("--kill-child"), QStringLiteral("--mount-proc"),
                                                   QStringLiteral(HELPER_CHILD), QStringLiteral("platform"), root });
    QVERIFY2(child, "the sandbox in its own namespace did not start");
    const QStringList folders = QDir(root).entryList({ QStringLiteral("dockmaster-sandbox-*") }, QDir::Dirs);
    QCOMPARE(folders.size(), 1);
    const QDir folder(QDir(root).filePath(folders.first()));
    const QStringList swept = SandboxPlatform::sweepLeftovers(root);
    QVERIFY2(swept.isEmpty(), qPrintable(swept.join(u',')));
    QVERIFY(QFile::exists(folder.filePath(QStringLiteral("sandbox.owner"))));
    if (PodmanEngine::isInstalled())
        QVERIFY(QFile::exists(folder.filePath(QStringLiteral("podman/engine.owner"))));
    child->kill();
    QVERIFY(child->waitForFinished(30000));
}

QTEST_GUILESS_MAIN(TestHelperLifetime)
#include "tst_helperlifetime.moc"
