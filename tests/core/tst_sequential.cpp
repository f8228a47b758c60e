#include "core/util/sequential.h"

#include <QTest>
#include <QTimer>

using namespace Dockmaster;

class TestSequential : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void runsStepsInOrderThenDone()
    {
        QObject context;
        QStringList log;
        bool done = false;
        forEachSequential<int>(
            &context, { 1, 2, 3 },
            [&](const int &item, std::function<void()> next) {
                log.append(QStringLiteral("start %1").arg(item));
                // Finish later, as a network reply would.
                QTimer::singleShot(0, &context, [&log, item, next] {
                    log.append(QStringLiteral("end %1").arg(item));
                    next();
                });
            },
            [&] { done = true; });
        QCOMPARE(log, QStringList { QStringLiteral("start 1") }); // one at a time
        QTRY_VERIFY(done);
        QCOMPARE(log,
                 (QStringList { QStringLiteral("start 1"), QStringLiteral("end 1"), QStringLiteral("start 2"),
                                QStringLiteral("end 2"), QStringLiteral("start 3"), QStringLiteral("end 3") }));
    }

    void emptyListRunsDoneAtOnce()
    {
        QObject context;
        int steps = 0;
        bool done = false;
        forEachSequential<QString>(
            &context, {}, [&](const QString &, std::function<void()>) { ++steps; }, [&] { done = true; });
        QVERIFY(done);
        QCOMPARE(steps, 0);
    }

    void synchronousStepsDoNotDeepenTheStack()
    {
        // 100000 nested calls would overflow the stack of a recursive loop.
        QObject context;
        QList<int> items(100000, 1);
        int sum = 0;
        bool done = false;
        forEachSequential<int>(
            &context, items,
            [&](const int &item, std::function<void()> next) {
                sum += item;
                next();
            },
            [&] { done = true; });
        QVERIFY(done);
        QCOMPARE(sum, 100000);
    }

    void aStepThatDoesNotCallNextStopsTheRun()
    {
        QObject context;
        QList<int> seen;
        bool done = false;
        forEachSequential<int>(
            &context, { 1, 2, 3 },
            [&](const int &item, std::function<void()> next) {
                seen.append(item);
                if (item != 2)
                    next();
            },
            [&] { done = true; });
        QCOMPARE(seen, (QList<int> { 1, 2 }));
        QVERIFY(!done);
    }

    void callingNextTwiceAdvancesOnce()
    {
        QObject context;
        QList<int> seen;
        int done = 0;
        forEachSequential<int>(
            &context, { 1, 2, 3 },
            [&](const int &item, std::function<void()> next) {
                seen.append(item);
                next();
                next();
            },
            [&] { ++done; });
        QCOMPARE(seen, (QList<int> { 1, 2, 3 }));
        QCOMPARE(done, 1);
    }

    void destroyedContextStopsTheRun()
    {
        auto context = std::make_unique<QObject>();
        QList<int> seen;
        bool done = false;
        std::function<void()> pending;
        forEachSequential<int>(
            context.get(), { 1, 2 },
            [&](const int &item, std::function<void()> next) {
                seen.append(item);
                pending = next;
            },
            [&] { done = true; });
        QCOMPARE(seen, QList<int> { 1 });
        context.reset();
        pending();
        QCOMPARE(seen, QList<int> { 1 });
        QVERIFY(!done);
    }

    void droppedNextFreesTheRun()
    {
        // The run lives only as long as a `next` is held: a step whose answer
        // never comes (its context died) must not leak the captured state.
        QObject context;
        auto probe = std::make_shared<int>(0);
        std::weak_ptr<int> watch = probe;
        std::function<void()> pending;
        forEachSequential<int>(
            &context, { 1 }, [&pending, probe](const int &, std::function<void()> next) { pending = next; }, [] {});
        probe.reset();
        QVERIFY(!watch.expired());
        pending = nullptr;
        QVERIFY(watch.expired());
    }
};

QTEST_GUILESS_MAIN(TestSequential)
#include "tst_sequential.moc"
