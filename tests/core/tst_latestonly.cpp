#include "core/util/latestonly.h"

#include <QTest>

#include <functional>

using namespace Dockmaster;

class TestLatestOnly : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aNewJobMakesEarlierOnesStale()
    {
        LatestOnly tracker;
        const LatestOnly::Job first = tracker.start();
        QVERIFY(tracker.isLatest(first));
        const LatestOnly::Job second = tracker.start();
        QVERIFY(!tracker.isLatest(first));
        QVERIFY(tracker.isLatest(second));
        QCOMPARE(tracker.latest(), second);
    }

    void staleCallbacksAreDropped()
    {
        LatestOnly tracker;
        QStringList delivered;
        auto first = tracker.startGuarded([&](const QString &value) { delivered.append(value); });
        auto second = tracker.startGuarded([&](const QString &value) { delivered.append(value); });
        // Answers arrive out of order: only the newest job's counts.
        second(QStringLiteral("second"));
        first(QStringLiteral("first"));
        QCOMPARE(delivered, QStringList { QStringLiteral("second") });
    }

    void invalidateDropsEverything()
    {
        LatestOnly tracker;
        int calls = 0;
        auto callback = tracker.startGuarded([&] { ++calls; });
        tracker.invalidate();
        callback();
        QCOMPARE(calls, 0);
    }

    void aGuardedCallbackRunsAsOftenAsCalled()
    {
        // A stream of answers (progress, pages) for the latest job all count.
        LatestOnly tracker;
        int calls = 0;
        auto callback = tracker.startGuarded([&](int step) { calls += step; });
        callback(1);
        callback(2);
        QCOMPARE(calls, 3);
    }

    void aCallbackOutlivingTheTrackerIsDropped()
    {
        int calls = 0;
        std::function<void()> callback;
        {
            LatestOnly tracker;
            callback = tracker.startGuarded([&] { ++calls; });
        }
        callback();
        QCOMPARE(calls, 0);
    }

    void guardAJobStartedEarlier()
    {
        LatestOnly tracker;
        const LatestOnly::Job job = tracker.start();
        int calls = 0;
        auto a = tracker.guard(job, [&] { ++calls; });
        auto b = tracker.guard(job, [&] { ++calls; });
        a();
        b();
        QCOMPARE(calls, 2);
    }
};

QTEST_GUILESS_MAIN(TestLatestOnly)
#include "tst_latestonly.moc"
