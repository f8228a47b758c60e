// One Dockmaster per profile: a second start of the same profile hands its
// arguments to the first and raises its window; another profile runs beside it.
#include "app/singleinstance.h"
#include "tests/app/laterstart.h"

#include <QApplication>
#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <QWidget>

using namespace Dockmaster;
using namespace Dockmaster::Test;

class TestSingleInstance : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void secondStartOfTheSameProfileRaisesTheFirst()
    {
        SingleInstance first(QStringLiteral("production"));
        QVERIFY(!startLater(QStringLiteral("production"), {})); // nobody runs yet: start normally
        QVERIFY(first.listen());
        QWidget window;
        window.show();
        window.showMinimized();
        first.raiseOnActivation(&window);
        QSignalSpy activated(&first, &SingleInstance::activated);

        const QStringList arguments { QStringLiteral("dockmaster"), QStringLiteral("--profile"),
                                      QStringLiteral("production") };
        QVERIFY(startLater(QStringLiteral("production"), arguments));
        QVERIFY(activated.count() == 1 || activated.wait(10000));
        QCOMPARE(activated.first().first().toStringList(), arguments);
        QVERIFY(!(window.windowState() & Qt::WindowMinimized));
    }

    void anotherProfileStartsBesideIt()
    {
        SingleInstance first(QStringLiteral("production"));
        QVERIFY(first.listen());
        QSignalSpy activated(&first, &SingleInstance::activated);
        QVERIFY(SingleInstance(QStringLiteral("staging")).serverName() != first.serverName());
        QVERIFY(!startLater(QStringLiteral("staging"), {}));
        QCOMPARE(activated.count(), 0);
    }

    void aSocketLeftByACrashIsTakenOver()
    {
        SingleInstance crashed(QStringLiteral("crashed"));
        QFile stale(crashed.serverName());
        QVERIFY(stale.open(QIODevice::WriteOnly)); // what a killed instance leaves behind
        stale.close();
        QVERIFY(!startLater(QStringLiteral("crashed"), {}));
        SingleInstance next(QStringLiteral("crashed"));
        QVERIFY(next.listen());
        QVERIFY(startLater(QStringLiteral("crashed"), {}));
    }
};

QTEST_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
