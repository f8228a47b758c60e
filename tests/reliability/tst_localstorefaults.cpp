// The local stores under an admin's bad day (issue 23): the cache file
// truncated, its header overwritten, one page corrupted, made read-only;
// the disk full at start and in the middle of a session; the file locked by
// another process. Each case checks the end state on disk (files moved aside
// or not, integrity, rows), not only the messages, and that the audit journal
// survives whatever happens to the cache.
//
// A full disk is real: the test runs in a mount namespace of its own and
// mounts a small tmpfs (run-isolated.sh runs tests as root in the build
// environment). Without the right to mount, those cases are skipped.

#include "core/cache/cacheschema.h"
#include "core/cache/cacheservice.h"
#include "tests/support/smalldisk.h"
#include "tests/support/sqlitefile.h"
#include "tests/support/withoutdacoverride.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <unistd.h>

using namespace Dockmaster;

namespace {

constexpr int SeededApps = 1000;
constexpr int SeededAudit = 60;

AppRecord app(int i)
{
    AppRecord a;
    a.id = QStringLiteral("app%1").arg(i, 7, 10, QLatin1Char('0'));
    a.name = QStringLiteral("Plugin number %1 with a longer name").arg(i);
    a.owner = QStringLiteral("carol");
    a.description = QString(120, QLatin1Char('d'));
    a.status = QStringLiteral("active");
    EnvironmentState test;
    test.environment = Environment::Test;
    test.host = QStringLiteral("dock-test-1");
    test.domain = a.id + QStringLiteral(".test.example.com");
    test.liveRef = QStringLiteral("v1.0.%1").arg(i);
    a.environments.append(test);
    return a;
}

QList<AppRecord> apps(int from, int count)
{
    QList<AppRecord> list;
    for (int i = from; i < from + count; ++i)
        list.append(app(i));
    return list;
}

AuditEntry audit(int i)
{
    AuditEntry e;
    e.at = QDateTime(QDate(2026, 11, 3), QTime(9, 0), QTimeZone::UTC).addSecs(i);
    e.actor = QStringLiteral("carol");
    e.action = QStringLiteral("release.approve");
    e.appId = app(i).id;
    e.detail = QStringLiteral("audit row %1").arg(i);
    return e;
}

// Reads a file the way another tool would; -1 when it cannot be read.
int countRows(const QString &path, const QString &table)
{
    bool ok = false;
    const int rows = Test::sqliteValue(path, QStringLiteral("SELECT count(*) FROM ") + table).toInt(&ok);
    return ok ? rows : -1;
}

QString quickCheck(const QString &path)
{
    return Test::sqliteValue(path, QStringLiteral("PRAGMA quick_check"));
}

QStringList setAside(const QString &dir)
{
    return QDir(dir).entryList({ QStringLiteral("*.corrupt-*"), QStringLiteral("*.damaged-*") }, QDir::Files);
}

QByteArray contentOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A CacheService opened and waited for, as the Shell uses it.
struct OpenedService {
    std::unique_ptr<CacheService> service;
    CacheDatabase::OpenResult cache;
    JournalDatabase::OpenResult journal;
};

OpenedService openService(const QString &cachePath)
{
    OpenedService opened;
    opened.service = std::make_unique<CacheService>(cachePath);
    QSignalSpy cacheSpy(opened.service.get(), &CacheService::opened);
    QSignalSpy journalSpy(opened.service.get(), &CacheService::journalOpened);
    opened.service->open();
    // Generous: a locked file waits out SQLite's busy timeout first.
    if (!QTest::qWaitFor([&] { return !cacheSpy.isEmpty() && !journalSpy.isEmpty(); }, 30000))
        return opened;
    opened.cache = cacheSpy.first().first().value<CacheDatabase::OpenResult>();
    opened.journal = journalSpy.first().first().value<JournalDatabase::OpenResult>();
    return opened;
}

// What the panels and the audit dock would show.
CacheSnapshot snapshotOf(CacheService &service)
{
    QSignalSpy spy(&service, &CacheService::snapshotLoaded);
    service.loadSnapshot();
    // The spy records on the cache thread, possibly before wait() would start.
    if (!QTest::qWaitFor([&] { return !spy.isEmpty(); }, 30000))
        return {};
    return spy.first().first().value<CacheSnapshot>();
}

QList<AuditEntry> auditOf(CacheService &service)
{
    QObject receiver;
    QList<AuditEntry> entries;
    bool done = false;
    service.loadAudit(&receiver, [&](const QList<AuditEntry> &loaded) {
        entries = loaded;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 30000))
        qWarning("the audit journal did not answer");
    return entries;
}

bool writeApps(CacheService &service, const QList<AppRecord> &list, QString *error)
{
    QObject receiver;
    std::optional<std::pair<bool, QString>> result;
    service.query<std::pair<bool, QString>>(
        &receiver,
        [list](CacheDatabase &db) {
            const bool ok = db.upsertApps(list);
            return std::pair(ok, db.lastError());
        },
        [&](std::pair<bool, QString> r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 30000))
        qWarning("the cache did not answer");
    if (error && result)
        *error = result->second;
    return result && result->first;
}

} // namespace

class TestLocalStoreFaults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Our own mount namespace, so the small file systems below are ours
        // alone and vanish with the test.
        m_canMount = Test::enterOwnMountNamespace();
    }

    void init()
    {
        static int n = 0;
        m_profile = m_dir.filePath(QStringLiteral("profile-%1").arg(++n));
        QVERIFY(QDir().mkpath(m_profile));
        m_cachePath = m_profile + QStringLiteral("/cache.sqlite");
        m_journalPath = m_profile + QStringLiteral("/journal.sqlite");
    }

    void cleanup() { m_disk.unmount(); }

    void damagedCacheKeepsTheJournal_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("named");     // what the message must say happened
        QTest::addColumn<bool>("someAppsKept"); // a salvage that finds rows
        QTest::newRow("truncated") << QStringLiteral("truncate") << QStringLiteral("damaged") << true;
        QTest::newRow("header overwritten") << QStringLiteral("header") << QStringLiteral("damaged") << true;
        QTest::newRow("one page corrupted") << QStringLiteral("page") << QStringLiteral("damaged") << true;
    }

    void damagedCacheKeepsTheJournal()
    {
        QFETCH(QString, damage);
        QFETCH(QString, named);
        QFETCH(bool, someAppsKept);
        seed();
        const QByteArray journalBefore = contentOf(m_journalPath);
        {
            QFile file(m_cachePath);
            const qint64 size = file.size();
            QVERIFY(size > 64 * 4096);
            QVERIFY(file.open(QIODevice::ReadWrite));
            if (damage == QLatin1String("truncate")) {
                QVERIFY(file.resize(size / 2));
            } else if (damage == QLatin1String("header")) {
                file.write(QByteArray(100, 'x'));
            } else {
                QVERIFY(file.seek((size / 4096 / 2) * 4096));
                file.write(QByteArray(4096, '\x5a'));
            }
        }
        const QByteArray damaged = contentOf(m_cachePath);

        OpenedService opened = openService(m_cachePath);
        QVERIFY(opened.service);
        QCOMPARE(opened.cache.status, CacheDatabase::OpenStatus::RecoveredFromCorruption);
        QCOMPARE(opened.cache.failure, StoreFailure::Damaged);
        const QString &message = opened.cache.message;
        QVERIFY2(message.contains(named), qPrintable(message));
        QVERIFY2(message.contains(opened.cache.movedAsidePath), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("audit trail is kept in a separate file")), qPrintable(message));
        QVERIFY2(!message.contains(QStringLiteral("will be fetched again")), qPrintable(message));

        // The journal was not touched, and the dock still shows every row.
        QVERIFY(opened.journal.durable);
        QVERIFY(opened.journal.message.isEmpty());
        QCOMPARE(auditOf(*opened.service).size(), SeededAudit);

        // What was kept is what the message says, and what the panels show.
        const CacheSnapshot snapshot = snapshotOf(*opened.service);
        if (someAppsKept) {
            QVERIFY2(!snapshot.apps.isEmpty(), qPrintable(message));
            QVERIFY2(message.contains(QStringLiteral("applications: %1").arg(snapshot.apps.size())),
                     qPrintable(message));
        } else {
            QVERIFY(snapshot.apps.isEmpty());
            QVERIFY2(message.contains(QStringLiteral("nothing could be read")), qPrintable(message));
        }
        opened.service.reset();

        // On disk: the damaged file kept byte for byte, a healthy new cache,
        // the journal with all its rows.
        QCOMPARE(setAside(m_profile).size(), 1);
        QCOMPARE(contentOf(opened.cache.movedAsidePath), damaged);
        QCOMPARE(quickCheck(m_cachePath), QStringLiteral("ok"));
        QCOMPARE(countRows(m_cachePath, QStringLiteral("apps")), int(snapshot.apps.size()));
        QCOMPARE(countRows(m_journalPath, QStringLiteral("audit_log")), SeededAudit);
        QCOMPARE(contentOf(m_journalPath).size(), journalBefore.size());
        QCOMPARE(quickCheck(m_journalPath), QStringLiteral("ok"));
    }

    void readOnlyCacheIsLeftAloneAndUsedAgain()
    {
        seed();
        const QByteArray before = contentOf(m_cachePath);
        QVERIFY(QFile::setPermissions(m_cachePath, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
        OpenedService opened;
        {
            Test::WithoutDacOverride readOnlyForRootToo;
            opened = openService(m_cachePath);
        }
        QVERIFY(opened.service);
        QCOMPARE(opened.cache.status, CacheDatabase::OpenStatus::Unavailable);
        QCOMPARE(opened.cache.failure, StoreFailure::ReadOnly);
        QVERIFY2(opened.cache.message.contains(QStringLiteral("read-only")), qPrintable(opened.cache.message));
        QVERIFY2(opened.cache.message.contains(QStringLiteral("left as it is")), qPrintable(opened.cache.message));
        QVERIFY(opened.cache.movedAsidePath.isEmpty());
        // The panels show the cached data meanwhile, and say why it is a copy.
        CacheSnapshot snapshot = snapshotOf(*opened.service);
        QCOMPARE(snapshot.apps.size(), SeededApps);
        QVERIFY2(snapshot.storeProblems.join(QLatin1Char(' ')).contains(QStringLiteral("read-only")),
                 qPrintable(snapshot.storeProblems.join(QLatin1Char(' '))));
        QCOMPARE(auditOf(*opened.service).size(), SeededAudit);
        QVERIFY(setAside(m_profile).isEmpty());
        QCOMPARE(contentOf(m_cachePath), before);

        // Writable again (the file and the WAL index the read-only open left
        // with its mode): the next refresh uses the file.
        for (const QString &name : QDir(m_profile).entryList({ QStringLiteral("cache.sqlite*") }, QDir::Files))
            QVERIFY(QFile::setPermissions(m_profile + QLatin1Char('/') + name, QFile::ReadOwner | QFile::WriteOwner));
        QSignalSpy reopened(opened.service.get(), &CacheService::opened);
        opened.service->retryUnavailable();
        QVERIFY(QTest::qWaitFor([&] { return !reopened.isEmpty(); }, 30000));
        const auto result = reopened.first().first().value<CacheDatabase::OpenResult>();
        QVERIFY2(result.status == CacheDatabase::OpenStatus::Ready, qPrintable(result.message));
        QVERIFY(result.retried);
        QString error;
        QVERIFY2(writeApps(*opened.service, apps(SeededApps, 1), &error), qPrintable(error));
        snapshot = snapshotOf(*opened.service);
        QVERIFY(snapshot.storeProblems.isEmpty());
        opened.service.reset();
        QCOMPARE(countRows(m_cachePath, QStringLiteral("apps")), SeededApps + 1);
        QVERIFY(setAside(m_profile).isEmpty());
    }

    void fullDiskAtStartLeavesTheCacheIntact()
    {
        mountSmallDisk();
        seed();
        const QByteArray before = contentOf(m_cachePath);
        const QString filler = m_profile + QStringLiteral("/filler");
        QVERIFY(Test::fillDisk(filler));

        OpenedService opened = openService(m_cachePath);
        QVERIFY(opened.service);
        QCOMPARE(opened.cache.status, CacheDatabase::OpenStatus::Unavailable);
        QCOMPARE(opened.cache.failure, StoreFailure::DiskFull);
        QVERIFY2(opened.cache.message.contains(QStringLiteral("is full")), qPrintable(opened.cache.message));
        QVERIFY(opened.cache.movedAsidePath.isEmpty());
        QCOMPARE(snapshotOf(*opened.service).apps.size(), SeededApps); // from the copy in memory
        // An action recorded now is not lost.
        opened.service->appendAudit(audit(1000));
        QCOMPARE(auditOf(*opened.service).size(), SeededAudit + 1);
        QVERIFY(setAside(m_profile).isEmpty());
        QCOMPARE(contentOf(m_cachePath), before);

        // Space is back: the next refresh opens the very same file.
        QVERIFY(QFile::remove(filler));
        QSignalSpy reopened(opened.service.get(), &CacheService::opened);
        QSignalSpy journalReopened(opened.service.get(), &CacheService::journalOpened);
        opened.service->retryUnavailable();
        QVERIFY(QTest::qWaitFor([&] { return !reopened.isEmpty() && !journalReopened.isEmpty(); }, 30000));
        QVERIFY(journalReopened.first().first().value<JournalDatabase::OpenResult>().durable);
        QCOMPARE(reopened.first().first().value<CacheDatabase::OpenResult>().status, CacheDatabase::OpenStatus::Ready);
        QString error;
        QVERIFY2(writeApps(*opened.service, apps(SeededApps, 1), &error), qPrintable(error));
        QCOMPARE(auditOf(*opened.service).size(), SeededAudit + 1);
        opened.service.reset();
        QVERIFY(setAside(m_profile).isEmpty());
        QCOMPARE(quickCheck(m_cachePath), QStringLiteral("ok"));
        QCOMPARE(countRows(m_cachePath, QStringLiteral("apps")), SeededApps + 1);
        QCOMPARE(countRows(m_journalPath, QStringLiteral("audit_log")), SeededAudit + 1);
    }

    void fullDiskMidSessionKeepsBothStores()
    {
        mountSmallDisk();
        seed();
        OpenedService opened = openService(m_cachePath);
        QVERIFY(opened.service);
        QCOMPARE(opened.cache.status, CacheDatabase::OpenStatus::Ready);
        const QString filler = m_profile + QStringLiteral("/filler");
        QVERIFY(Test::fillDisk(filler));

        // A sync's write fails as a whole and says why; the journal keeps the
        // entry in memory and says so.
        QString error;
        QVERIFY(!writeApps(*opened.service, apps(SeededApps, 200), &error));
        QVERIFY2(error.contains(QStringLiteral("is full")), qPrintable(error));
        QSignalSpy failures(opened.service.get(), &CacheService::failed);
        opened.service->appendAudit(audit(2000));
        QVERIFY(QTest::qWaitFor([&] { return !failures.isEmpty(); }, 30000));
        QVERIFY2(failures.first().first().toString().contains(QStringLiteral("is full")),
                 qPrintable(failures.first().first().toString()));
        QCOMPARE(auditOf(*opened.service).size(), SeededAudit + 1);
        QCOMPARE(snapshotOf(*opened.service).apps.size(), SeededApps);

        // Space is back: the same files take the next writes, nothing was lost.
        QVERIFY(QFile::remove(filler));
        QVERIFY2(writeApps(*opened.service, apps(SeededApps, 200), &error), qPrintable(error));
        opened.service->appendAudit(audit(2001));
        QCOMPARE(auditOf(*opened.service).size(), SeededAudit + 2);
        opened.service.reset();
        QVERIFY(setAside(m_profile).isEmpty());
        QCOMPARE(quickCheck(m_cachePath), QStringLiteral("ok"));
        QCOMPARE(quickCheck(m_journalPath), QStringLiteral("ok"));
        QCOMPARE(countRows(m_cachePath, QStringLiteral("apps")), SeededApps + 200);
        QCOMPARE(countRows(m_journalPath, QStringLiteral("audit_log")), SeededAudit + 2);
    }

    void cacheLockedByAnotherProcessIsNamedAndNotMoved()
    {
        seed();
        const QByteArray before = contentOf(m_cachePath);
        // A sqlite3 shell left open on the cache with a write lock held.
        QProcess holder;
        holder.start(QStringLiteral("sqlite3"), { m_cachePath });
        QVERIFY(holder.waitForStarted(30000));
        holder.write("PRAGMA locking_mode=EXCLUSIVE;\nBEGIN EXCLUSIVE;\nCREATE TABLE held (x);\n");
        QVERIFY(QTest::qWaitFor([&] { return !StoreFailures::lockHolder(m_cachePath).isEmpty(); }, 30000));

        OpenedService opened = openService(m_cachePath);
        QVERIFY(opened.service);
        QCOMPARE(opened.cache.status, CacheDatabase::OpenStatus::Unavailable);
        QCOMPARE(opened.cache.failure, StoreFailure::Locked);
        const QString pid = QString::number(holder.processId());
        QVERIFY2(opened.cache.message.contains(QStringLiteral("locked by process %1 (sqlite3)").arg(pid)),
                 qPrintable(opened.cache.message));
        QVERIFY(opened.cache.movedAsidePath.isEmpty());
        QCOMPARE(snapshotOf(*opened.service).apps.size(), SeededApps);
        QCOMPARE(auditOf(*opened.service).size(), SeededAudit);

        // The other program quits without committing: the next refresh uses the file.
        holder.write("ROLLBACK;\n.quit\n");
        holder.closeWriteChannel();
        QVERIFY(holder.waitForFinished(30000));
        QSignalSpy reopened(opened.service.get(), &CacheService::opened);
        opened.service->retryUnavailable();
        QVERIFY(QTest::qWaitFor([&] { return !reopened.isEmpty(); }, 30000));
        QCOMPARE(reopened.first().first().value<CacheDatabase::OpenResult>().status, CacheDatabase::OpenStatus::Ready);
        opened.service.reset();
        QVERIFY(setAside(m_profile).isEmpty());
        QCOMPARE(contentOf(m_cachePath).size(), before.size());
        QCOMPARE(countRows(m_cachePath, QStringLiteral("apps")), SeededApps);
    }

    void oldCacheAuditMovesToTheJournalOnce()
    {
        // A cache as version 4 left it, audit rows inside.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("old"));
            db.setDatabaseName(m_cachePath);
            QVERIFY(db.open());
            QSqlQuery query(db);
            for (const CacheMigration &migration : cacheMigrations()) {
                if (migration.version > 4)
                    break;
                for (const QString &statement : migration.statements)
                    QVERIFY2(query.exec(statement), qPrintable(statement));
            }
            QVERIFY(query.exec(QStringLiteral("PRAGMA user_version=4")));
            for (int i = 0; i < 5; ++i)
                QVERIFY(query.exec(QStringLiteral("INSERT INTO audit_log (at, actor, action, detail) VALUES "
                                                  "('2026-10-0%1T10:00:00.000Z', 'root', 'release.approve', 'old %1')")
                                       .arg(i + 1)));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("old"));
        for (int start = 0; start < 2; ++start) {
            OpenedService opened = openService(m_cachePath);
            QVERIFY(opened.service);
            QCOMPARE(opened.cache.status, CacheDatabase::OpenStatus::Ready);
            const QList<AuditEntry> rows = auditOf(*opened.service);
            QCOMPARE(rows.size(), 5);
            QCOMPARE(rows.constFirst().detail, QStringLiteral("old 5"));
        }
        QCOMPARE(countRows(m_cachePath, QStringLiteral("legacy_audit_log")), -1); // dropped once taken
        QCOMPARE(countRows(m_journalPath, QStringLiteral("audit_log")), 5);
    }

private:
    void seed()
    {
        OpenedService opened = openService(m_cachePath);
        QVERIFY(opened.service);
        QCOMPARE(opened.cache.status, CacheDatabase::OpenStatus::Ready);
        QString error;
        QVERIFY2(writeApps(*opened.service, apps(0, SeededApps), &error), qPrintable(error));
        for (int i = 0; i < SeededAudit; ++i)
            opened.service->appendAudit(audit(i));
        QCOMPARE(auditOf(*opened.service).size(), SeededAudit);
        // Closing the last connection checkpoints the WAL into the file.
    }

    void mountSmallDisk()
    {
        if (!m_canMount)
            QSKIP("No right to mount a small file system here (needs root in a mount namespace).");
        // Room for the seeded stores and a little more.
        QVERIFY(m_disk.mount(m_profile, 4 * 1024 * 1024));
    }

    QTemporaryDir m_dir;
    bool m_canMount = false;
    Test::SmallDisk m_disk;
    QString m_profile;
    QString m_cachePath;
    QString m_journalPath;
};

QTEST_GUILESS_MAIN(TestLocalStoreFaults)
#include "tst_localstorefaults.moc"
