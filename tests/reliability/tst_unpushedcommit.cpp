#include "tests/approvals/approvaltesthelpers.h"

#include <QDir>
#include <QFileInfo>

using namespace Dockmaster;
using namespace Dockmaster::Test;

// Issue 23, problem 5: an editor commit whose push never completed (the app
// SIGKILLed between commit and push) used to be reset away silently the next
// time the repository was opened. Now the workspace keeps it, lists it, and
// the admin pushes it, keeps it as a branch on GitLab or discards it. Real
// processes, a real kill, the emulator's git endpoints.
class TestUnpushedCommit : public QObject
{
    Q_OBJECT

private:
    ApprovalFixture m_fixture;
    QString m_ops;
    QString m_path;
    const QString m_branch = QStringLiteral("env/test");
    int m_kills = 0;

    QUrl url() const { return ReleaseGitLab::repositoryUrl(m_fixture.emulator->baseUrl(), m_ops); }
    QString token() const { return m_fixture.emulator->adminToken(); }

    QByteArray serverFile(const QString &ref)
    {
        return m_fixture.git(m_ops, { QStringLiteral("show"), ref + QLatin1Char(':') + m_path });
    }

    // Runs the editor's commit-and-push in a child whose push never answers,
    // and SIGKILLs it once its commit is on the local branch. Returns the
    // commit message it used.
    QString killBetweenCommitAndPush(const QString &cacheRoot)
    {
        const QString message = QStringLiteral("Edit %1 before the crash").arg(++m_kills);
        // Far longer than the test: the server never sees the push.
        const int hang = m_fixture.emulator->addFault(
            EmulatorFault::delay(QStringLiteral("git-receive-pack$"), 3600 * 1000, 1).onMethod(QStringLiteral("POST")));
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedChannels);
        child.start(QStringLiteral(EDITOR_CHILD), { cacheRoot, url().toString(), token(), m_branch, m_path, message });
        if (!child.waitForStarted(30000))
            return {};
        // The commit is made when the local branch is ahead of the remote one.
        const bool committed = QTest::qWaitFor(
            [&] {
                const QStringList clones
                    = QDir(cacheRoot + QStringLiteral("/git")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
                if (clones.isEmpty())
                    return false;
                QProcess git;
                git.start(QStringLiteral("git"),
                          { QStringLiteral("-C"), cacheRoot + QStringLiteral("/git/") + clones.constFirst(),
                            QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%s"),
                            QStringLiteral("refs/heads/") + m_branch });
                git.waitForFinished(10000);
                return git.readAllStandardOutput().trimmed() == message.toUtf8();
            },
            120000);
        child.kill(); // SIGKILL
        child.waitForFinished(30000);
        m_fixture.emulator->removeFault(hang);
        return committed ? message : QString();
    }

    GitResult<GitOpened> open(GitWorkspace &workspace)
    {
        return waitGit<GitOpened>(
            [&](QObject *context, auto done) { workspace.open(url(), token(), m_branch, context, done); }, 60000);
    }

    // Another console (its own clone) commits `content` as the file and pushes it.
    bool pushFromAnotherConsole(const QByteArray &content, const QString &message, const GitAuthor &author)
    {
        QTemporaryDir otherCache;
        GitWorkspace other(otherCache.path());
        const auto opened = open(other);
        if (!opened.ok())
            return false;
        const auto pushed = waitGit<GitPushResult>([&](QObject *context, auto done) {
            other.commitAndPush(m_path, content, message, author, opened.value.headCommit, context, done);
        });
        return pushed.ok() && !pushed.value.rejection;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_fixture.start(1));
        m_ops = QStringLiteral("plugins/ops/") + m_fixture.seed.appIds.at(0);
        QTemporaryDir cache;
        GitWorkspace workspace(cache.path());
        const auto opened = open(workspace);
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

    void killedEditIsKeptListedAndPushedOnce()
    {
        QTemporaryDir cache;
        const QString before = m_fixture.rev(m_ops, m_branch);
        const QString message = killBetweenCommitAndPush(cache.path());
        QVERIFY(!message.isEmpty());
        QCOMPARE(m_fixture.rev(m_ops, m_branch), before); // the server never got it

        GitWorkspace workspace(cache.path());
        const auto opened = open(workspace);
        QVERIFY2(opened.ok(), qPrintable(opened.error));
        QCOMPARE(opened.value.headCommit, before); // the workspace follows the server...
        QCOMPARE(opened.value.unpushed.size(), 1); // ...and the edit is kept, not reset away
        const GitUnpushedCommit kept = opened.value.unpushed.constFirst();
        QCOMPARE(kept.commit.summary, message);
        QCOMPARE(kept.commit.authorName, QStringLiteral("Alice Admin"));
        QCOMPARE(kept.paths, QStringList { m_path });
        QCOMPARE(kept.parent, before);

        const auto pushed = waitGit<GitPushResult>(
            [&](QObject *context, auto done) { workspace.pushUnpushed(kept.commit.id, context, done); });
        QVERIFY2(pushed.ok(), qPrintable(pushed.error));
        QVERIFY(!pushed.value.rejection);
        QCOMPARE(m_fixture.rev(m_ops, m_branch), pushed.value.commit);
        QCOMPARE(m_fixture.rev(m_ops, m_branch + QStringLiteral("^")), before);
        QVERIFY(serverFile(m_branch).endsWith("# edited before the crash\n"));
        QCOMPARE(QString::fromUtf8(m_fixture.git(m_ops,
                                                 { QStringLiteral("log"), QStringLiteral("-1"),
                                                   QStringLiteral("--format=%an|%s"), m_branch }))
                     .trimmed(),
                 QStringLiteral("Alice Admin|") + message);

        // Offered once: opening again finds nothing left.
        GitWorkspace again(cache.path());
        const auto reopened = open(again);
        QVERIFY2(reopened.ok(), qPrintable(reopened.error));
        QVERIFY(reopened.value.unpushed.isEmpty());
    }

    // Killed while git held its index lock (the kill can land anywhere): the
    // lock the dead console left does not block the next start, and the
    // commit is still offered.
    void aLockLeftByTheKilledConsoleIsReleased()
    {
        QTemporaryDir cache;
        QVERIFY(!killBetweenCommitAndPush(cache.path()).isEmpty());
        const QStringList clones
            = QDir(cache.filePath(QStringLiteral("git"))).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QCOMPARE(clones.size(), 1);
        const QString gitDir = cache.filePath(QStringLiteral("git/") + clones.constFirst() + QStringLiteral("/.git"));
        const QStringList locks { gitDir + QStringLiteral("/index.lock"),
                                  gitDir + QStringLiteral("/refs/heads/") + m_branch + QStringLiteral(".lock") };
        for (const QString &lock : locks) {
            QVERIFY(QDir().mkpath(QFileInfo(lock).absolutePath()));
            QFile file(lock);
            QVERIFY(file.open(QIODevice::WriteOnly));
        }

        GitWorkspace workspace(cache.path());
        const auto opened = open(workspace);
        QVERIFY2(opened.ok(), qPrintable(opened.error));
        QCOMPARE(opened.value.unpushed.size(), 1);
        for (const QString &lock : locks)
            QVERIFY2(!QFile::exists(lock), qPrintable(lock));
    }

    // Someone changed the file on the server meanwhile: pushing the kept
    // commit is refused like any stale edit, with what changed upstream, and
    // the commit stays kept until the merged edit is pushed.
    void keptEditOfAFileChangedUpstreamNeedsAMerge()
    {
        QTemporaryDir cache;
        QVERIFY(!killBetweenCommitAndPush(cache.path()).isEmpty());
        QVERIFY(pushFromAnotherConsole(serverFile(m_branch) + "# someone else\n", QStringLiteral("Meanwhile"),
                                       { QStringLiteral("Bob"), QStringLiteral("bob@example.test") }));
        const QString upstream = m_fixture.rev(m_ops, m_branch);

        GitWorkspace workspace(cache.path());
        const auto opened = open(workspace);
        QVERIFY2(opened.ok(), qPrintable(opened.error));
        QCOMPARE(opened.value.unpushed.size(), 1);
        const QString kept = opened.value.unpushed.constFirst().commit.id;
        const auto pushed
            = waitGit<GitPushResult>([&](QObject *context, auto done) { workspace.pushUnpushed(kept, context, done); });
        QVERIFY2(pushed.ok(), qPrintable(pushed.error));
        QVERIFY(pushed.value.rejection);
        QVERIFY(pushed.value.rejection->fileChangedUpstream);
        QCOMPARE(pushed.value.rejection->remoteHead, upstream);
        QCOMPARE(m_fixture.rev(m_ops, m_branch), upstream); // nothing overwritten

        GitWorkspace again(cache.path());
        const auto reopened = open(again);
        QVERIFY2(reopened.ok(), qPrintable(reopened.error));
        QCOMPARE(reopened.value.unpushed.size(), 1);
        QCOMPARE(reopened.value.unpushed.constFirst().commit.id, kept);
        // Clean up for the next test: discarded after the admin confirmed.
        const auto dropped
            = waitGit<bool>([&](QObject *context, auto done) { again.discardUnpushed(kept, context, done); });
        QVERIFY2(dropped.ok(), qPrintable(dropped.error));
    }

    void keptEditCanBecomeABranchOnTheServer()
    {
        QTemporaryDir cache;
        const QString before = m_fixture.rev(m_ops, m_branch);
        QVERIFY(!killBetweenCommitAndPush(cache.path()).isEmpty());
        GitWorkspace workspace(cache.path());
        const auto opened = open(workspace);
        QVERIFY2(opened.ok(), qPrintable(opened.error));
        QCOMPARE(opened.value.unpushed.size(), 1);
        const GitUnpushedCommit kept = opened.value.unpushed.constFirst();

        const auto branch = waitGit<QString>(
            [&](QObject *context, auto done) { workspace.keepUnpushedAsBranch(kept.commit.id, context, done); });
        QVERIFY2(branch.ok(), qPrintable(branch.error));
        QVERIFY(!branch.value.startsWith(QLatin1String("env/"))); // nothing deploys from it
        QCOMPARE(m_fixture.rev(m_ops, branch.value), kept.commit.id);
        QCOMPARE(m_fixture.rev(m_ops, m_branch), before); // the environment is untouched
        QVERIFY(m_fixture.pipelinesForSha(m_ops, branch.value, kept.commit.id) == 0);

        GitWorkspace again(cache.path());
        const auto reopened = open(again);
        QVERIFY2(reopened.ok(), qPrintable(reopened.error));
        QVERIFY(reopened.value.unpushed.isEmpty());
    }

    void discardedEditIsGoneAndOnlyAKeptCommitCanBeDiscarded()
    {
        QTemporaryDir cache;
        QVERIFY(!killBetweenCommitAndPush(cache.path()).isEmpty());
        GitWorkspace workspace(cache.path());
        const auto opened = open(workspace);
        QVERIFY2(opened.ok(), qPrintable(opened.error));
        QCOMPARE(opened.value.unpushed.size(), 1);
        // A commit id that was not kept (the server's head) is refused.
        const auto wrong = waitGit<bool>(
            [&](QObject *context, auto done) { workspace.discardUnpushed(opened.value.headCommit, context, done); });
        QVERIFY(!wrong.ok());
        const auto dropped = waitGit<bool>([&](QObject *context, auto done) {
            workspace.discardUnpushed(opened.value.unpushed.constFirst().commit.id, context, done);
        });
        QVERIFY2(dropped.ok(), qPrintable(dropped.error));
        GitWorkspace again(cache.path());
        const auto reopened = open(again);
        QVERIFY2(reopened.ok(), qPrintable(reopened.error));
        QVERIFY(reopened.value.unpushed.isEmpty());
    }
    // The console died after the kept commit reached the server but before
    // its ref was dropped (or another admin made the very same change): the
    // change is on the branch, so nothing is offered again.
    void keptEditAlreadyOnTheServerIsNotOfferedAgain()
    {
        QTemporaryDir cache;
        QVERIFY(!killBetweenCommitAndPush(cache.path()).isEmpty());
        const QString clone = cache.path() + QStringLiteral("/git/")
            + QDir(cache.path() + QStringLiteral("/git")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).constFirst();
        QProcess show;
        show.start(QStringLiteral("git"),
                   { QStringLiteral("-C"), clone, QStringLiteral("show"),
                     QStringLiteral("refs/heads/") + m_branch + QLatin1Char(':') + m_path });
        QVERIFY(show.waitForFinished(30000));
        const QByteArray edited = show.readAllStandardOutput();
        QVERIFY(edited.endsWith("# edited before the crash\n"));
        QVERIFY(pushFromAnotherConsole(edited, QStringLiteral("The same edit"),
                                       { QStringLiteral("Alice Admin"), QStringLiteral("alice@example.test") }));
        const QString upstream = m_fixture.rev(m_ops, m_branch);

        GitWorkspace workspace(cache.path());
        const auto opened = open(workspace);
        QVERIFY2(opened.ok(), qPrintable(opened.error));
        QCOMPARE(opened.value.headCommit, upstream);
        QVERIFY(opened.value.unpushed.isEmpty());
        QProcess refs;
        refs.start(QStringLiteral("git"),
                   { QStringLiteral("-C"), clone, QStringLiteral("for-each-ref"), QStringLiteral("refs/dockmaster/") });
        QVERIFY(refs.waitForFinished(30000));
        QCOMPARE(refs.readAllStandardOutput(), QByteArray()); // dropped, not only hidden
        QCOMPARE(m_fixture.rev(m_ops, m_branch), upstream);   // and nothing pushed twice
    }
};

QTEST_GUILESS_MAIN(TestUnpushedCommit)
#include "tst_unpushedcommit.moc"
