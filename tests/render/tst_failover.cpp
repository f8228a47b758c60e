#include "tests/render/failoverharness.h"

#include <QTest>

#include <memory>
#include <signal.h>

using namespace Dockmaster;
using namespace Dockmaster::FailoverHarness;

// The rendered outer site in front of a primary (a second nginx standing in
// for the container) and the rendered fallback site served by real php-fpm:
// the business stays up when the primary dies, hangs or fails.
class TestFailover : public QObject
{
    Q_OBJECT

private:
    FrontStack m_stack;
    quint16 m_primaryPort = 0;
    QString m_flag;
    std::unique_ptr<ServerProcess> m_primary;

    bool startPrimary()
    {
        m_primary = std::make_unique<ServerProcess>(
            findServer(QStringLiteral("nginx")),
            QStringList { QStringLiteral("-p"), m_stack.path(QStringLiteral("primary")), QStringLiteral("-c"),
                          m_stack.path(QStringLiteral("primary/nginx.conf")), QStringLiteral("-e"),
                          QStringLiteral("stderr"), QStringLiteral("-g"), QStringLiteral("daemon off;") });
        return m_primary->start() && waitForPort(m_primaryPort);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_primaryPort = freePort();
        QVERIFY(m_primaryPort != 0);
        const QString problem = m_stack.start(m_primaryPort);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        // The container stand-in: echoes the client address headers it got,
        // and answers 502 while the flag file exists.
        m_flag = m_stack.path(QStringLiteral("primary/fail-502"));
        const QByteArray site = "server {\n  listen 127.0.0.1:" + QByteArray::number(m_primaryPort)
            + ";\n  location / {\n    if (-f " + m_flag.toUtf8()
            + ") { return 502; }\n    default_type text/plain;\n"
              "    return 200 \"primary $http_x_real_ip $http_x_forwarded_for $http_x_forwarded_proto\\n\";\n  }\n}\n";
        QVERIFY(QDir().mkpath(m_stack.path(QStringLiteral("primary/tmp"))));
        QVERIFY(writeText(m_stack.path(QStringLiteral("primary/site.conf")), site));
        QVERIFY(writeText(
            m_stack.path(QStringLiteral("primary/nginx.conf")),
            nginxMain(m_stack.path(QStringLiteral("primary")), { m_stack.path(QStringLiteral("primary/site.conf")) })));
        QVERIFY(startPrimary());
    }

    void cleanupTestCase()
    {
        // Killed by process group even when a test step failed.
        m_primary.reset();
        m_stack.stop();
    }

    void primaryServesWithClientAddressHeaders()
    {
        const Response r
            = m_stack.get(QStringLiteral("https://127.0.0.1:%1/").arg(m_stack.httpsPort()), "203.0.113.66");
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.status, 200);
        // A client-supplied X-Forwarded-For never reaches the app.
        QCOMPARE(r.body, QByteArray("primary 127.0.0.1 127.0.0.1 https\n"));
        QCOMPARE(r.server, QByteArray("nginx")); // server_tokens off: no version
    }

    void plainHttpRedirectsToHttps()
    {
        const Response r = m_stack.get(QStringLiteral("http://127.0.0.1:%1/shop?item=1").arg(m_stack.httpPort()));
        QCOMPARE(r.status, 301);
        QCOMPARE(r.location,
                 QByteArray("https://app0000042.test.plugins.example.com:") + QByteArray::number(m_stack.httpsPort())
                     + "/shop?item=1");
    }

    void fallbackRunsConfinedPhp()
    {
        const Response r = m_stack.get(QStringLiteral("http://127.0.0.1:%1/").arg(m_stack.fallbackPort()));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("fallback confined noexec\n"));
        QVERIFY(r.poweredBy.isEmpty());
    }

    void killedPrimaryFailsOverWithoutClientErrors()
    {
        int errors = 0;
        int fromPrimary = 0;
        int fromFallback = 0;
        qint64 firstFallbackMs = -1;
        for (int i = 0; i < 40; ++i) {
            if (i == 10)
                m_primary->kill(); // SIGKILL to master and workers: connection refused from now on
            const Response r = m_stack.front();
            if (r.status != 200 || !r.error.isEmpty())
                ++errors;
            if (r.body.startsWith("primary"))
                ++fromPrimary;
            if (r.body.startsWith("fallback")) {
                ++fromFallback;
                if (firstFallbackMs < 0)
                    firstFallbackMs = r.elapsedMs;
            }
            QTest::qWait(20);
        }
        QCOMPARE(errors, 0);
        QCOMPARE(fromPrimary, 10);
        QCOMPARE(fromFallback, 30);
        qInfo("failover_after_kill_first_response %lld ms", firstFallbackMs);
        QVERIFY(firstFallbackMs < 1000);
    }

    void trafficReturnsWhenThePrimaryIsBack()
    {
        QVERIFY(startPrimary());
        int errors = 0;
        const qint64 recovered = m_stack.waitForBody("primary", &errors);
        qInfo("recovery_after_restart %lld ms (fail_timeout %d s)", recovered, failTimeoutS);
        QVERIFY(recovered >= 0);
        QCOMPARE(errors, 0);
    }

    void hungPrimaryFailsOverAfterTheReadTimeout()
    {
        m_primary->signalGroup(SIGSTOP); // accepts TCP (kernel backlog) but never answers
        const Response first = m_stack.front();
        QCOMPARE(first.status, 200);
        QCOMPARE(first.body, QByteArray("fallback confined noexec\n"));
        qInfo("failover_after_hang_first_response %lld ms (read timeout %d s)", first.elapsedMs, readTimeoutS);
        QVERIFY(first.elapsedMs >= readTimeoutS * 1000 - 100);
        QVERIFY(first.elapsedMs < readTimeoutS * 1000 + 2000);
        // The primary is now marked failed: the next visitors do not wait.
        const Response second = m_stack.front();
        QCOMPARE(second.status, 200);
        QVERIFY(second.body.startsWith("fallback"));
        QVERIFY(second.elapsedMs < 1000);

        m_primary->signalGroup(SIGCONT);
        int errors = 0;
        QVERIFY(m_stack.waitForBody("primary", &errors) >= 0);
        QCOMPARE(errors, 0);
    }

    void primaryAnswering502FailsOver()
    {
        QVERIFY(writeText(m_flag, "1"));
        const Response r = m_stack.front();
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("fallback confined noexec\n"));
        qInfo("failover_after_502 %lld ms", r.elapsedMs);
        QVERIFY(r.elapsedMs < 1000);

        QVERIFY(QFile::remove(m_flag));
        int errors = 0;
        QVERIFY(m_stack.waitForBody("primary", &errors) >= 0);
        QCOMPARE(errors, 0);
    }
};

QTEST_GUILESS_MAIN(TestFailover)
#include "tst_failover.moc"
