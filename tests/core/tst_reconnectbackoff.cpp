// The reconnect policy (issue 23): doubling from 2 s, a cap near 2 min,
// jitter within ±20%, and a reset once GitLab answers. The random source and
// the clock are injected: nothing here waits.

#include "core/sync/reconnectbackoff.h"

#include <QSet>
#include <QTest>

using namespace Dockmaster;

class TestReconnectBackoff : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void doublesUpToTheCap()
    {
        // 0.5 is the middle of the jitter range: no jitter at all.
        ReconnectBackoff backoff({}, [] { return 0.5; }, [] { return qint64(0); });
        const QList<qint64> expected { 2000, 4000, 8000, 16000, 32000, 64000, 120000, 120000, 120000 };
        QList<qint64> delays;
        for (int i = 0; i < expected.size(); ++i)
            delays.append(backoff.scheduleNext());
        QCOMPARE(delays, expected);
        QCOMPARE(backoff.failures(), expected.size());
        // Many failures later the wait still stays at the cap (no overflow).
        for (int i = 0; i < 200; ++i)
            QCOMPARE(backoff.scheduleNext(), qint64(120000));
    }

    void jitterStaysWithinTwentyPercent_data()
    {
        QTest::addColumn<double>("random");
        QTest::addColumn<qint64>("first");
        QTest::addColumn<qint64>("capped");
        QTest::newRow("lowest") << 0.0 << qint64(1600) << qint64(96000);
        QTest::newRow("middle") << 0.5 << qint64(2000) << qint64(120000);
        QTest::newRow("highest") << 0.999999 << qint64(2400) << qint64(144000);
        // A broken source cannot push the wait outside the range.
        QTest::newRow("below range") << -3.0 << qint64(1600) << qint64(96000);
        QTest::newRow("above range") << 7.0 << qint64(2400) << qint64(144000);
    }

    void jitterStaysWithinTwentyPercent()
    {
        QFETCH(double, random);
        QFETCH(qint64, first);
        QFETCH(qint64, capped);
        ReconnectBackoff backoff({}, [random] { return random; }, [] { return qint64(0); });
        QCOMPARE(backoff.scheduleNext(), first);
        for (int i = 0; i < 10; ++i)
            backoff.scheduleNext();
        QCOMPARE(backoff.scheduleNext(), capped);
    }

    void jitterSpreadsConsoles()
    {
        // Consoles that lost the same server come back at different times.
        double next = 0.0;
        ReconnectBackoff backoff({}, [&next] { return next; }, [] { return qint64(0); });
        QSet<qint64> seen;
        for (int i = 0; i < 10; ++i) {
            next = i / 10.0;
            backoff.reset();
            const qint64 delay = backoff.scheduleNext();
            QVERIFY2(delay >= 1600 && delay <= 2400, qPrintable(QString::number(delay)));
            seen.insert(delay);
        }
        QCOMPARE(seen.size(), 10);
    }

    void countdownFollowsTheClock()
    {
        qint64 now = 50000;
        ReconnectBackoff backoff({}, [] { return 0.5; }, [&now] { return now; });
        QVERIFY(!backoff.isScheduled());
        QCOMPARE(backoff.secondsUntilRetry(), 0);
        backoff.scheduleNext(); // 2 s
        backoff.scheduleNext(); // 4 s, from now
        QVERIFY(backoff.isScheduled());
        QCOMPARE(backoff.msUntilRetry(), qint64(4000));
        QCOMPARE(backoff.secondsUntilRetry(), 4);
        now += 1;
        QCOMPARE(backoff.secondsUntilRetry(), 4); // rounded up: never "0 s" while waiting
        now += 3000;
        QCOMPARE(backoff.secondsUntilRetry(), 1);
        now += 999;
        QCOMPARE(backoff.msUntilRetry(), qint64(0));
        QCOMPARE(backoff.secondsUntilRetry(), 0);
        now += 60000; // overdue stays due, never negative
        QCOMPARE(backoff.msUntilRetry(), qint64(0));
    }

    void retryNowKeepsTheFailuresResetForgetsThem()
    {
        ReconnectBackoff backoff({}, [] { return 0.5; }, [] { return qint64(0); });
        backoff.scheduleNext();
        backoff.scheduleNext();
        backoff.cancel(); // "Retry now"
        QVERIFY(!backoff.isScheduled());
        QCOMPARE(backoff.failures(), 2);
        QCOMPARE(backoff.scheduleNext(), qint64(8000)); // the retry failed too: keeps doubling
        backoff.reset();                                // GitLab answered
        QVERIFY(!backoff.isScheduled());
        QCOMPARE(backoff.failures(), 0);
        QCOMPARE(backoff.baseDelayMs(), qint64(2000));
        QCOMPARE(backoff.scheduleNext(), qint64(2000));
    }

    void defaultSourcesStayInRange()
    {
        // The real random source and clock: bounds only, no timing.
        ReconnectBackoff backoff;
        for (int i = 0; i < 100; ++i) {
            backoff.reset();
            const qint64 delay = backoff.scheduleNext();
            QVERIFY2(delay >= 1600 && delay <= 2400, qPrintable(QString::number(delay)));
            QVERIFY(backoff.msUntilRetry() <= 2400);
        }
    }

    void otherOptions()
    {
        ReconnectBackoff::Options options;
        options.initialMs = 500;
        options.maxMs = 3000;
        options.jitter = 0.0;
        ReconnectBackoff backoff(options, [] { return 0.9; }, [] { return qint64(0); });
        QCOMPARE(backoff.scheduleNext(), qint64(500));
        QCOMPARE(backoff.scheduleNext(), qint64(1000));
        QCOMPARE(backoff.scheduleNext(), qint64(2000));
        QCOMPARE(backoff.scheduleNext(), qint64(3000));
        QCOMPARE(backoff.scheduleNext(), qint64(3000));
    }
};

QTEST_GUILESS_MAIN(TestReconnectBackoff)
#include "tst_reconnectbackoff.moc"
