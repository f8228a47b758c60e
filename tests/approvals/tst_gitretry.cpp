#include "core/git/gitretry.h"
#include "tests/approvals/approvaltesthelpers.h"

#include <git2/errors.h>

using namespace Dockmaster;
using namespace Dockmaster::Test;

// Git over HTTP rides out the same faults as the REST calls around it: a 429,
// a 5xx or a reset connection during a fetch, clone or push is tried again
// under the shared RetryPolicy, and a push whose answer was lost is read back
// before it goes again, so it is never applied twice. Against the emulator's
// git endpoints with injected faults.
class TestGitRetry : public QObject
{
    Q_OBJECT

private:
    ApprovalFixture m_fixture;
    QString m_ops;
    QString m_code;
    const QString m_branch = QStringLiteral("env/test");
    int m_moves = 0;

    QUrl url() const { return ReleaseGitLab::repositoryUrl(m_fixture.emulator->baseUrl(), m_ops); }

    // Each call deploys a different commit of the app, so every move is a
    // real change with its own pipeline.
    GitResult<GitlinkMoveResult> move(GitWorkspace &workspace)
    {
        ++m_moves;
        GitlinkMove change;
        change.target = m_fixture.rev(m_code, QStringLiteral("v1.0.0^{commit}"));
        change.message = QStringLiteral("Deploy attempt %1\n").arg(m_moves);
        change.author = { QStringLiteral("root"), QStringLiteral("root@example.test") };
        return waitGit<GitlinkMoveResult>(
            [&](QObject *context, auto done) {
                workspace.moveGitlink(url(), m_fixture.emulator->adminToken(), m_branch, change, context, done);
            },
            120000);
    }

    int requests(const char *method, const char *path) const
    {
        return m_fixture.emulator->requestCount(QString::fromLatin1(method), QString::fromLatin1(path));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_fixture.start(2));
        m_ops = QStringLiteral("plugins/ops/") + m_fixture.seed.appIds.at(0);
        m_code = QStringLiteral("plugins/apps/") + m_fixture.seed.appIds.at(0);
    }

    void cleanup() { m_fixture.emulator->clearFaults(); }

    // What is worth another try, by libgit2's error class and message.
    void classifiesLibgit2Failures_data()
    {
        QTest::addColumn<int>("errorClass");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("failure");
        using F = GitRetry::Failure;
        QTest::newRow("429") << int(GIT_ERROR_HTTP) << "unexpected http status code: 429" << int(F::RateLimited);
        QTest::newRow("502") << int(GIT_ERROR_HTTP) << "unexpected http status code: 502" << int(F::ServerError);
        QTest::newRow("404") << int(GIT_ERROR_HTTP) << "unexpected http status code: 404" << int(F::Final);
        QTest::newRow("eof") << int(GIT_ERROR_HTTP) << "unexpected EOF" << int(F::ConnectionBroken);
        QTest::newRow("reset") << int(GIT_ERROR_OS) << "could not read from socket: Connection reset by peer"
                               << int(F::ConnectionBroken);
        // Unreachable is offline, reported at once; TLS problems are never retried.
        QTest::newRow("refused") << int(GIT_ERROR_NET) << "failed to connect to 127.0.0.1: Connection refused"
                                 << int(F::Final);
        QTest::newRow("dns") << int(GIT_ERROR_NET) << "failed to resolve address for gitlab.invalid" << int(F::Final);
        QTest::newRow("certificate") << int(GIT_ERROR_SSL) << "the SSL certificate is invalid" << int(F::Final);
        QTest::newRow("conflict") << int(GIT_ERROR_REFERENCE) << "cannot push non-fastforwardable reference"
                                  << int(F::Final);
        // This computer's disk: the same failure again at once, never a network hiccup.
        QTest::newRow("disk full") << int(GIT_ERROR_OS) << "failed to write out file: No space left on device"
                                   << int(F::Final);
        QTest::newRow("read-only") << int(GIT_ERROR_OS) << "failed to make directory '/x': Read-only file system"
                                   << int(F::Final);
    }

    void classifiesLibgit2Failures()
    {
        QFETCH(int, errorClass);
        QFETCH(QString, message);
        QFETCH(int, failure);
        QCOMPARE(int(GitRetry::classify(errorClass, message)), failure);
    }

    void cleanupTestCase() { m_fixture.emulator.reset(); }

    // A clone (a fresh cache) and a fetch (the same cache again) each meet a
    // 429, a dropped connection and a 502, and still deploy.
    void cloneAndFetchRideOutRateLimitsResetsAndServerErrors()
    {
        QTemporaryDir cache;
        for (int round = 0; round < 2; ++round) {
            const int refsBefore = requests("GET", "/info/refs$");
            m_fixture.emulator->addFault(
                EmulatorFault::rateLimited(QStringLiteral("/info/refs$"), 1).onMethod(QStringLiteral("GET")));
            m_fixture.emulator->addFault(
                EmulatorFault::dropConnection(QStringLiteral("/info/refs$")).onMethod(QStringLiteral("GET")));
            m_fixture.emulator->addFault(
                EmulatorFault::serverError(QStringLiteral("git-upload-pack$"), 502).onMethod(QStringLiteral("POST")));
            GitWorkspace workspace(cache.path());
            const QString head = m_fixture.rev(m_ops, m_branch);
            const auto moved = move(workspace);
            QVERIFY2(moved.ok(), qPrintable(moved.error));
            QCOMPARE(m_fixture.rev(m_ops, m_branch), moved.value.commit);
            QCOMPARE(m_fixture.rev(m_ops, m_branch + QStringLiteral("^")), head);
            // 429, drop, then the fetch that met the 502, then the one that worked.
            QVERIFY2(requests("GET", "/info/refs$") - refsBefore >= 4,
                     qPrintable(QString::number(requests("GET", "/info/refs$") - refsBefore)));
            QCOMPARE(m_fixture.pipelinesForSha(m_ops, m_branch, moved.value.commit), 1);
        }
        QVERIFY(m_fixture.pipelinesSettle(m_ops, m_branch));
    }

    void pushIsAppliedExactlyOnce_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("receivePacks");
        // The server took the push and the answer was cut off: read back, no second push.
        QTest::newRow("answer lost") << int(EmulatorFault::Kind::TruncatedBody) << 1;
        // Nothing reached the repository: pushed again.
        QTest::newRow("connection reset") << int(EmulatorFault::Kind::DropConnection) << 2;
        QTest::newRow("rate limited") << int(EmulatorFault::Kind::RateLimited) << 2;
        QTest::newRow("bad gateway") << int(EmulatorFault::Kind::Status) << 2;
    }

    void pushIsAppliedExactlyOnce()
    {
        QFETCH(int, kind);
        QFETCH(int, receivePacks);
        EmulatorFault fault = EmulatorFault::serverError(QStringLiteral("git-receive-pack$"), 502);
        fault.kind = EmulatorFault::Kind(kind);
        fault.retryAfterSeconds = 1;
        m_fixture.emulator->addFault(fault.onMethod(QStringLiteral("POST")));
        QTemporaryDir cache;
        GitWorkspace workspace(cache.path());
        const QString head = m_fixture.rev(m_ops, m_branch);
        const int pushesBefore = requests("POST", "git-receive-pack$");

        const auto moved = move(workspace);
        QVERIFY2(moved.ok(), qPrintable(moved.error));
        QVERIFY(!moved.value.rejection);
        QCOMPARE(requests("POST", "git-receive-pack$") - pushesBefore, receivePacks);
        // One new commit on the branch, the one the console reports.
        QCOMPARE(m_fixture.rev(m_ops, m_branch), moved.value.commit);
        QCOMPARE(m_fixture.rev(m_ops, m_branch + QStringLiteral("^")), head);
        QCOMPARE(m_fixture.pipelinesForSha(m_ops, m_branch, moved.value.commit), 1);
        QVERIFY(m_fixture.pipelinesSettle(m_ops, m_branch));
    }

    // An outage longer than the policy ends with a message that says so, after
    // exactly maxAttempts tries, and the branch untouched.
    void aLastingOutageFailsAfterTheAttemptsWithAClearMessage()
    {
        QTemporaryDir cache;
        GitWorkspace workspace(cache.path());
        const QString head = m_fixture.rev(m_ops, m_branch);
        const int refsBefore = requests("GET", "/info/refs$");
        m_fixture.emulator->addFault(
            EmulatorFault::serverError(QStringLiteral("/info/refs$"), 503, -1).onMethod(QStringLiteral("GET")));
        const auto moved = move(workspace);
        QVERIFY(!moved.ok());
        QCOMPARE(requests("GET", "/info/refs$") - refsBefore, RetryPolicy().maxAttempts);
        QVERIFY2(moved.error.contains(QStringLiteral("503")), qPrintable(moved.error));
        QVERIFY2(moved.error.contains(QStringLiteral("tried %1 time").arg(RetryPolicy().maxAttempts)),
                 qPrintable(moved.error));
        QCOMPARE(m_fixture.rev(m_ops, m_branch), head);
    }

    // A wrong token is final: no retry loop against the server.
    void aRefusedTokenIsNotRetried()
    {
        QTemporaryDir cache;
        GitWorkspace workspace(cache.path());
        const int refsBefore = requests("GET", "/info/refs$");
        GitlinkMove change;
        change.target = m_fixture.rev(m_code, QStringLiteral("v1.0.0^{commit}"));
        change.message = QStringLiteral("Deploy\n");
        change.author = { QStringLiteral("root"), QStringLiteral("root@example.test") };
        const auto moved = waitGit<GitlinkMoveResult>([&](QObject *context, auto done) {
            workspace.moveGitlink(url(), QStringLiteral("glpat-wrong-token-000000"), m_branch, change, context, done);
        });
        QVERIFY(!moved.ok());
        QCOMPARE(moved.failure, GitFailure::Authentication);
        // libgit2 asks for credentials a bounded number of times, once per try.
        QVERIFY2(requests("GET", "/info/refs$") - refsBefore <= 5,
                 qPrintable(QString::number(requests("GET", "/info/refs$") - refsBefore)));
    }
};

QTEST_GUILESS_MAIN(TestGitRetry)
#include "tst_gitretry.moc"
