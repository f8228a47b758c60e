#include "core/cache/cacheservice.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Dockmaster;

class TestCacheService : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void opensAndLoadsSnapshotOffTheCallingThread()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
        CacheService service(path);
        QSignalSpy opened(&service, &CacheService::opened);
        service.open();
        QTRY_VERIFY(!opened.isEmpty());
        QCOMPARE(opened.first().first().value<CacheDatabase::OpenResult>().status, CacheDatabase::OpenStatus::Ready);

        QThread *cacheThread = nullptr;
        AppRecord app;
        app.id = QStringLiteral("app0000007");
        app.name = QStringLiteral("Seven");
        service.post([&cacheThread, app](CacheDatabase &db) {
            cacheThread = QThread::currentThread();
            db.upsertApps({ app });
            db.setSyncValue(QStringLiteral("last_sync_at"), QStringLiteral("2026-11-25T10:00:00.000Z"));
        });
        QSignalSpy snapshots(&service, &CacheService::snapshotLoaded);
        service.loadSnapshot();
        QTRY_VERIFY(!snapshots.isEmpty());
        QVERIFY(cacheThread && cacheThread != QThread::currentThread()); // the UI thread never touches SQLite
        const auto snapshot = snapshots.first().first().value<CacheSnapshot>();
        QCOMPARE(snapshot.apps.size(), 1);
        QCOMPARE(snapshot.apps.first().name, QStringLiteral("Seven"));
        QCOMPARE(snapshot.lastSyncedAt, QDateTime(QDate(2026, 11, 25), QTime(10, 0), QTimeZone::UTC));
    }

    void queryDeliversToAliveReceiverOnly()
    {
        QTemporaryDir dir;
        CacheService service(dir.filePath(QStringLiteral("cache.sqlite")));
        QSignalSpy opened(&service, &CacheService::opened);
        service.open();
        QTRY_VERIFY(!opened.isEmpty());

        int delivered = -1;
        QObject receiver;
        service.query<int>(
            &receiver, [](CacheDatabase &db) { return db.schemaVersion(); },
            [&delivered](int version) { delivered = version; });
        QTRY_VERIFY(delivered > 0);

        bool deliveredToDeadReceiver = false;
        {
            QObject shortLived;
            service.query<int>(
                &shortLived,
                [](CacheDatabase &db) {
                    QThread::msleep(50);
                    return db.schemaVersion();
                },
                [&deliveredToDeadReceiver](int) { deliveredToDeadReceiver = true; });
        }
        // A stale result for a view that went away is dropped, not delivered to freed memory.
        QTest::qWait(200);
        QVERIFY(!deliveredToDeadReceiver);
    }

    void secondServiceOnSameFileIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
        CacheService first(path);
        QSignalSpy firstOpened(&first, &CacheService::opened);
        first.open();
        QTRY_VERIFY(!firstOpened.isEmpty());
        CacheService second(path);
        QSignalSpy secondOpened(&second, &CacheService::opened);
        QSignalSpy failures(&second, &CacheService::failed);
        second.open();
        QTRY_VERIFY(!secondOpened.isEmpty());
        QCOMPARE(secondOpened.first().first().value<CacheDatabase::OpenResult>().status,
                 CacheDatabase::OpenStatus::InUse);
        second.loadSnapshot(); // must not crash; reports instead
        // The spy records from the worker thread, possibly before wait() would start.
        QTRY_VERIFY(!failures.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCacheService)
#include "tst_cacheservice.moc"
