#include "core/cache/cacheservice.h"
#include "core/editor/configpushjournal.h"
#include "tests/approvals/approvaltesthelpers.h"
#include "tests/reliability/killedchild.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUuid>

using namespace Dockmaster;
using namespace Dockmaster::Test;

// Issue 23, problem 5: a config edit pushed from the editor whose push
// answer was lost and whose console then died had no audit row anywhere.
// Now the intent is in the profile's journal before the push, and the next
// start finds the commit on the remote branch and writes the row, once.
// A real process, a real SIGKILL, the emulator's git endpoints.
class TestConfigPushJournal : public QObject
{
    Q_OBJECT

private:
    ApprovalFixture m_fixture;
    QString m_ops;
    QString m_path;
    const QString m_branch = QStringLiteral("env/test");

    static int configRows(const QString &profile)
    {
        return journalCount(profile, QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'config.commit'"));
    }

    static int intents(const QString &profile)
    {
        return journalCount(profile, QStringLiteral("SELECT COUNT(*) FROM pending_intents"));
    }

    // The next start of the profile: settles what the dead console left.
    int restart(const QString &profile)
    {
        auto client = m_fixture.client(m_fixture.emulator->adminToken());
        CacheService store(profile + QStringLiteral("/cache.sqlite"));
        store.open();
        ConfigPushJournal journal(client.get(), &store);
        connect(&journal, &ConfigPushJournal::auditEntry, &store, &CacheService::appendAudit);
        QSignalSpy settled(&journal, &ConfigPushJournal::settled);
        journal.settle();
        if (!settled.wait(120000))
            return -1;
        return settled.constFirst().constFirst().toInt();
    } // the store writes what is queued

    // Runs the editor's push in a child and SIGKILLs it at `until` on its
    // output; returns the operation id (empty on failure).
    QString killAt(const QString &profile, const QByteArray &until)
    {
        QProcess child;
        child.setProcessChannelMode(QProcess::SeparateChannels);
        child.setReadChannel(QProcess::StandardOutput);
        QObject::connect(&child, &QProcess::readyReadStandardError, &child,
                         [&child] { std::fputs(child.readAllStandardError().constData(), stderr); });
        child.start(QStringLiteral(EDITORPUSH_CHILD),
                    { profile, m_fixture.emulator->baseUrl().toString(), m_fixture.emulator->adminToken(), m_ops,
                      m_branch, m_path, QStringLiteral("Tune the pool") });
        if (!child.waitForStarted(60000))
            return {};
        QByteArray output;
        const bool reached = QTest::qWaitFor(
            [&] {
                output += child.readAllStandardOutput();
                return output.contains(until) || child.state() == QProcess::NotRunning;
            },
            300000);
        child.kill(); // SIGKILL
        child.waitForFinished(60000);
        if (!reached || !output.contains(until))
            return {};
        static const QRegularExpression intent(QStringLiteral("^intent (\\S+)$"), QRegularExpression::MultilineOption);
        return intent.match(QString::fromUtf8(output)).captured(1);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_fixture.start(1));
        m_ops = QStringLiteral("plugins/ops/") + m_fixture.seed.appIds.at(0);
        QTemporaryDir cache;
        GitWorkspace workspace(cache.path());
        const auto opened = waitGit<GitOpened>(
            [&](QObject *context, auto done) {
                workspace.open(ReleaseGitLab::repositoryUrl(m_fixture.emulator->baseUrl(), m_ops),
                               m_fixture.emulator->adminToken(), m_branch, context, done);
            },
            60000);
        QVERIFY2(opened.ok(), qPrintable(opened.error));
        for (const QString &file : opened.value.files) {
            if (file.endsWith(QLatin1String(".conf"))) {
                m_path = file;
                break;
            }
        }
        QVERIFY(!m_path.isEmpty());
    }

    void cleanupTestCase() { m_fixture.emulator.reset(); }

    void lostAnswerThenDeathIsAuditedOnceAtTheNextStart()
    {
        QTemporaryDir profile;
        const int commitsBefore = m_fixture.commitCount(m_ops, m_branch);
        // GitLab takes the push; its answer is cut off on the way back.
        const int fault = m_fixture.emulator->addFault(
            EmulatorFault::truncatedBody(QStringLiteral("git-receive-pack$")).onMethod(QStringLiteral("POST")));
        const QString operation = killAt(profile.path(), "answered");
        m_fixture.emulator->removeFault(fault);
        QVERIFY(!operation.isEmpty());
        // On the server, once; in the journal, the intent and no row.
        QCOMPARE(m_fixture.commitCount(m_ops, m_branch), commitsBefore + 1);
        QCOMPARE(m_fixture.commitsWithLine(m_ops, m_branch, ReleaseTrailers::operationLine(operation)).size(), 1);
        QCOMPARE(intents(profile.path()), 1);
        QCOMPARE(configRows(profile.path()), 0);

        QCOMPARE(restart(profile.path()), 1);
        QCOMPARE(configRows(profile.path()), 1);
        QCOMPARE(intents(profile.path()), 0);
        // Another start writes nothing more.
        QCOMPARE(restart(profile.path()), 0);
        QCOMPARE(configRows(profile.path()), 1);
        QCOMPARE(m_fixture.commitCount(m_ops, m_branch), commitsBefore + 1);
    }

    // Killed before the push reached GitLab: no row (nothing was pushed; the
    // workspace keeps the commit and offers it), and the intent goes.
    void deathBeforeThePushLeavesNoRow()
    {
        QTemporaryDir profile;
        const int commitsBefore = m_fixture.commitCount(m_ops, m_branch);
        // The push never reaches the server while the child lives.
        const int hang = m_fixture.emulator->addFault(
            EmulatorFault::delay(QStringLiteral("git-receive-pack$"), 3600 * 1000, 1).onMethod(QStringLiteral("POST")));
        const QString operation = killAt(profile.path(), "intent ");
        m_fixture.emulator->removeFault(hang);
        QVERIFY(!operation.isEmpty());
        QCOMPARE(intents(profile.path()), 1);
        QCOMPARE(restart(profile.path()), 0);
        QCOMPARE(configRows(profile.path()), 0);
        QCOMPARE(intents(profile.path()), 0);
        QCOMPARE(m_fixture.commitCount(m_ops, m_branch), commitsBefore);
    }

    // No crash: the push's answer writes the row, and a later start adds none.
    void answeredPushIsAuditedOnce()
    {
        QTemporaryDir profile;
        QTemporaryDir clones;
        auto client = m_fixture.client(m_fixture.emulator->adminToken());
        QString commit;
        {
            CacheService store(profile.path() + QStringLiteral("/cache.sqlite"));
            store.open();
            ConfigPushJournal journal(client.get(), &store);
            connect(&journal, &ConfigPushJournal::auditEntry, &store, &CacheService::appendAudit);
            GitWorkspace workspace(clones.path());
            const auto opened = waitGit<GitOpened>(
                [&](QObject *context, auto done) {
                    workspace.open(ReleaseGitLab::repositoryUrl(m_fixture.emulator->baseUrl(), m_ops),
                                   m_fixture.emulator->adminToken(), m_branch, context, done);
                },
                60000);
            QVERIFY2(opened.ok(), qPrintable(opened.error));
            const auto file = waitGit<GitFile>(
                [&](QObject *context, auto done) { workspace.readFile(m_path, QString(), context, done); });
            QVERIFY2(file.ok(), qPrintable(file.error));
            ConfigPush push;
            push.operationId = ReleaseTrailers::newOperationId();
            push.appId = m_fixture.seed.appIds.at(0);
            push.path = m_path;
            push.opsProject = m_ops;
            push.actor = QStringLiteral("root");
            bool recorded = false;
            journal.recordIntent(push, [&recorded] { recorded = true; });
            QVERIFY(QTest::qWaitFor([&] { return recorded; }, 60000));
            const auto pushed = waitGit<GitPushResult>(
                [&](QObject *context, auto done) {
                    workspace.commitAndPush(
                        m_path, file.value.content + "# answered\n",
                        ConfigPushJournal::messageWithOperation(QStringLiteral("Answered"), push.operationId),
                        { QStringLiteral("Root"), QStringLiteral("root@example.test") }, opened.value.headCommit,
                        context, done);
                },
                60000);
            QVERIFY2(pushed.ok() && !pushed.value.rejection, qPrintable(pushed.error));
            commit = pushed.value.commit;
            journal.pushed(push.operationId, commit);
        }
        QCOMPARE(configRows(profile.path()), 1);
        QCOMPARE(intents(profile.path()), 0);
        QCOMPARE(restart(profile.path()), 0);
        QCOMPARE(configRows(profile.path()), 1);
        QCOMPARE(m_fixture.rev(m_ops, m_branch), commit);
    }
};

QTEST_GUILESS_MAIN(TestConfigPushJournal)
#include "tst_configpushjournal.moc"
