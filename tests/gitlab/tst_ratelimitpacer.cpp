#include "core/gitlab/ratelimitpacer.h"

#include <QTest>

using namespace Dockmaster;

// How far apart requests go as GitLab's window runs out, and under the
// profile's ceiling: the arithmetic the client's pacing relies on.
class TestRateLimitPacer : public QObject
{
    Q_OBJECT

private:
    static constexpr qint64 Now = 1'800'000'000'000; // ms since the epoch
    static constexpr qint64 ResetSeconds = 1'800'000'060;

    static QHash<QByteArray, QByteArray> headers(int observed, int remaining, qint64 resetSeconds = ResetSeconds)
    {
        return { { "ratelimit-limit", "2000" },
                 { "ratelimit-observed", QByteArray::number(observed) },
                 { "ratelimit-remaining", QByteArray::number(remaining) },
                 { "ratelimit-reset", QByteArray::number(resetSeconds) } };
    }

private Q_SLOTS:
    void nothingKnownNothingWaits()
    {
        RateLimitPacer pacer;
        QCOMPARE(pacer.spacingMs(Now), 0);
        pacer.observe({ { "content-type", "application/json" } }, Now);
        QCOMPARE(pacer.spacingMs(Now), 0);
    }

    void moreThanHalfLeftGoesAtOnce()
    {
        RateLimitPacer pacer;
        pacer.observe(headers(900, 1100), Now);
        QCOMPARE(pacer.spacingMs(Now), 0);
    }

    void belowHalfWhatIsLeftIsSpreadToTheReset()
    {
        RateLimitPacer pacer;
        // 2,000 in the window: a reserve of 100 (5 %); 60 s to the reset, 600 - 100 left to spend.
        pacer.observe(headers(1400, 600), Now);
        QCOMPARE(pacer.spacingMs(Now), 60000 / 500);
        pacer.observe(headers(1700, 300), Now);
        QCOMPARE(pacer.spacingMs(Now), 60000 / 200);
    }

    void atTheReserveNothingGoesUntilTheReset()
    {
        RateLimitPacer::Options options;
        options.maxSpacingMs = 120000;
        RateLimitPacer pacer(options);
        pacer.observe(headers(1950, 50), Now);
        QCOMPARE(pacer.spacingMs(Now), 60000);
        // ... and the reset begins a new window.
        QCOMPARE(pacer.spacingMs(ResetSeconds * 1000), 0);
        // A wrong or far reset never stalls a request longer than the cap.
        RateLimitPacer capped;
        capped.observe(headers(2000, 0, ResetSeconds + 3600), Now);
        QCOMPARE(capped.spacingMs(Now), RateLimitPacer::Options().maxSpacingMs);
    }

    void anOverTakenAnswerDoesNotRaiseTheRemainder()
    {
        RateLimitPacer pacer;
        pacer.observe(headers(1700, 300), Now);
        pacer.observe(headers(1500, 500), Now); // sent earlier, arrived later
        QCOMPARE(pacer.spacingMs(Now), 60000 / 200);
        // An answer from the window before is ignored.
        pacer.observe(headers(10, 1990, ResetSeconds - 60), Now);
        QCOMPARE(pacer.spacingMs(Now), 60000 / 200);
    }

    void theWindowIsObservedPlusRemainingNotThePerMinuteLimit()
    {
        // 100 per 5 s is reported as RateLimit-Limit 1200 (per minute): the
        // window's own 100 decide, so 60 left of 100 is still more than half.
        RateLimitPacer pacer;
        QHash<QByteArray, QByteArray> h = headers(40, 60, Now / 1000 + 5);
        h.insert("ratelimit-limit", "1200");
        pacer.observe(h, Now);
        QCOMPARE(pacer.spacingMs(Now), 0);
    }

    void theProfilesCeilingHoldsWhateverGitLabSays()
    {
        RateLimitPacer::Options options;
        options.maxRequestsPerMinute = 120;
        RateLimitPacer pacer(options);
        QCOMPARE(pacer.spacingMs(Now), 500);
        pacer.observe(headers(10, 1990), Now);
        QCOMPARE(pacer.spacingMs(Now), 500);
        pacer.observe(headers(1990, 10), Now);
        QCOMPARE(pacer.spacingMs(Now), RateLimitPacer::Options().maxSpacingMs);
    }
};

QTEST_GUILESS_MAIN(TestRateLimitPacer)
#include "tst_ratelimitpacer.moc"
