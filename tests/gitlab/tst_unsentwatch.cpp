// UnsentWatch: which requests the network stack stranded unsent (issue 25,
// GitLab behind HTTP/2). The client's behaviour over a real nginx is in
// tst_gitlabfront; this is the bookkeeping.
#include "core/gitlab/unsentwatch.h"

#include <QTest>

using namespace Dockmaster;

class TestUnsentWatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requestsSentInTurnAreNeverStuck()
    {
        UnsentWatch watch(3000);
        const quint64 a = watch.issued();
        const quint64 b = watch.issued();
        watch.sent(a, 0);
        watch.sent(b, 10);
        QCOMPARE(watch.nextCheckAtMs(), qint64(-1));
        QVERIFY(watch.takeStuck(100000).isEmpty());
    }

    // Waiting behind others is not being stuck: only being overtaken is.
    void aWaitingRequestIsNotStuck()
    {
        UnsentWatch watch(3000);
        const quint64 a = watch.issued();
        (void)watch.issued();
        QVERIFY(watch.takeStuck(100000).isEmpty());
        watch.sent(a, 100000);
        QVERIFY(watch.takeStuck(200000).isEmpty());
    }

    void anOvertakenRequestIsStuckAfterTheGracePeriod()
    {
        UnsentWatch watch(3000);
        const quint64 a = watch.issued();
        const quint64 b = watch.issued();
        const quint64 c = watch.issued();
        const quint64 d = watch.issued();
        watch.sent(c, 1000); // a and b overtaken at 1000
        QCOMPARE(watch.nextCheckAtMs(), qint64(4000));
        watch.sent(d, 2000); // already overtaken: still 1000
        QCOMPARE(watch.nextCheckAtMs(), qint64(4000));
        QVERIFY(watch.takeStuck(3999).isEmpty());
        QCOMPARE(watch.takeStuck(4000), (QList<quint64> { a, b }));
        // Reported once: the caller issues them again under new tickets.
        QVERIFY(watch.takeStuck(10000).isEmpty());
        QCOMPARE(watch.nextCheckAtMs(), qint64(-1));
    }

    void anEndedRequestIsForgotten()
    {
        UnsentWatch watch(3000);
        const quint64 a = watch.issued();
        const quint64 b = watch.issued();
        watch.sent(b, 0);
        watch.ended(a); // failed or cancelled before going out
        QVERIFY(watch.takeStuck(10000).isEmpty());
    }

    void aLateSentReportTakesItOffTheList()
    {
        UnsentWatch watch(3000);
        const quint64 a = watch.issued();
        const quint64 b = watch.issued();
        watch.sent(b, 0);
        watch.sent(a, 2000);
        QVERIFY(watch.takeStuck(10000).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestUnsentWatch)
#include "tst_unsentwatch.moc"
