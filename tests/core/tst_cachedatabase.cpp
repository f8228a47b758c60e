#include "core/cache/cachedatabase.h"
#include "core/cache/cacheschema.h"
#include "core/sync/syncbatch.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Dockmaster;

namespace {

AppRecord sampleApp(const QString &id, const QString &name)
{
    AppRecord app;
    app.id = id;
    app.name = name;
    app.owner = QStringLiteral("carol");
    app.status = QStringLiteral("active");
    app.codeProjectId = 100;
    app.opsProjectId = 101;
    app.updatedAt = QDateTime(QDate(2026, 11, 1), QTime(10, 0), QTimeZone::UTC);
    EnvironmentState test;
    test.environment = Environment::Test;
    test.host = QStringLiteral("dock-test-1");
    test.domain = id + QStringLiteral(".test.example.com");
    test.containerPort = 21000;
    test.fallbackPort = 22000;
    test.liveRef = QStringLiteral("v1.0.0");
    test.liveSha = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
    test.deployedAt = QDateTime(QDate(2026, 11, 2), QTime(11, 0), QTimeZone::UTC);
    test.dnsState = QStringLiteral("ok");
    app.environments.append(test);
    return app;
}

// Runs SQL statements separated by ";\n" through a plain connection, the way
// an older Dockmaster (or another tool) would have left the file.
void writeSqlFile(const QString &dbPath, const QString &sqlPath)
{
    QFile sql(sqlPath);
    QVERIFY(sql.open(QIODevice::ReadOnly));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("fixture"));
        db.setDatabaseName(dbPath);
        QVERIFY(db.open());
        QSqlQuery query(db);
        const QStringList statements = QString::fromUtf8(sql.readAll()).split(QStringLiteral(";\n"));
        for (QString statement : statements) {
            statement = statement.trimmed();
            while (statement.startsWith(QLatin1String("--")))
                statement = statement.mid(statement.indexOf(QLatin1Char('\n')) + 1).trimmed();
            if (!statement.isEmpty())
                QVERIFY2(query.exec(statement), qPrintable(statement));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("fixture"));
}

} // namespace

class TestCacheDatabase : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QVERIFY(m_dir.isValid()); }

    void freshFileHasLatestSchemaAndWal()
    {
        CacheDatabase db(m_dir.filePath(QStringLiteral("fresh.sqlite")));
        const auto result = db.open();
        QCOMPARE(result.status, CacheDatabase::OpenStatus::Ready);
        QCOMPARE(result.migratedFrom, 0);
        QCOMPARE(db.schemaVersion(), latestCacheSchemaVersion());
        QSqlQuery query(QSqlDatabase::database(QSqlDatabase::connectionNames().constLast()));
        QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("fresh.sqlite-wal"))));
    }

    // The first sync of a big platform is one transaction; its pages go
    // through the write-ahead log, which must not stay that large.
    void aBigSyncLeavesASmallWriteAheadLog()
    {
        CacheDatabase db(m_dir.filePath(QStringLiteral("big.sqlite")));
        QCOMPARE(db.open().status, CacheDatabase::OpenStatus::Ready);
        SyncBatch batch;
        batch.full = true;
        batch.rootGroup = QStringLiteral("plugins");
        Inventory inventory;
        for (int i = 1; i <= 3000; ++i) {
            const QString id = QStringLiteral("app%1").arg(i, 7, 10, QLatin1Char('0'));
            InventoryAllocation allocation;
            allocation.id = id;
            allocation.owner = QStringLiteral("dev%1").arg(i % 97);
            allocation.description = QStringLiteral("A plugin that does something useful, number %1").arg(i);
            allocation.placements.append({ Environment::Test, QStringLiteral("host%1").arg(i % 7),
                                           id + QStringLiteral(".test.plugins.example.com"), 8000 + i % 1000,
                                           9000 + i % 1000 });
            inventory.allocations.append(allocation);
            for (const char *group : { "apps", "ops" }) {
                GitLabProject project;
                project.id = i * 2 + (qstrcmp(group, "ops") == 0 ? 1 : 0);
                project.pathWithNamespace = QStringLiteral("plugins/%1/%2").arg(QLatin1String(group), id);
                project.name = id;
                project.webUrl = QStringLiteral("https://gitlab.example.com/") + project.pathWithNamespace;
                (qstrcmp(group, "ops") == 0 ? batch.opsProjects : batch.codeProjects).append(project);
            }
        }
        batch.inventory = inventory;
        const SyncWriteResult written = writeSyncBatch(db, batch, {});
        QVERIFY2(written.ok, qPrintable(written.error));
        QCOMPARE(written.appsChanged, 3000);
        const qint64 database = QFileInfo(db.filePath()).size();
        const qint64 log = QFileInfo(db.filePath() + QStringLiteral("-wal")).size();
        qInfo("after 3,000 apps: database %lld bytes, write-ahead log %lld bytes", database, log);
        QVERIFY2(database > 500000, qPrintable(QString::number(database)));
        QVERIFY2(log < 64 * 1024, qPrintable(QString::number(log)));
        QCOMPARE(db.loadApps().size(), 3000); // nothing lost by the checkpoint
    }

    void appsRoundTripWithEnvironments()
    {
        CacheDatabase db(m_dir.filePath(QStringLiteral("apps.sqlite")));
        QCOMPARE(db.open().status, CacheDatabase::OpenStatus::Ready);
        const QList<AppRecord> apps { sampleApp(QStringLiteral("app0000002"), QStringLiteral("Beta")),
                                      sampleApp(QStringLiteral("app0000001"), QStringLiteral("Alpha")) };
        QVERIFY2(db.upsertApps(apps), qPrintable(db.lastError()));
        const QList<AppRecord> loaded = db.loadApps();
        QCOMPARE(loaded.size(), 2);
        QCOMPARE(loaded.at(0), apps.at(1)); // ordered by id
        QCOMPARE(loaded.at(1), apps.at(0));

        AppRecord renamed = apps.at(0);
        renamed.name = QStringLiteral("Beta renamed");
        QVERIFY(db.replaceAllApps({ renamed }));
        const QList<AppRecord> afterReplace = db.loadApps();
        QCOMPARE(afterReplace.size(), 1);
        QCOMPARE(afterReplace.at(0).name, QStringLiteral("Beta renamed"));
        QCOMPARE(afterReplace.at(0).environments.size(), 1);
    }

    void hostsAreReplacedAsAWhole()
    {
        CacheDatabase db(m_dir.filePath(QStringLiteral("hosts.sqlite")));
        QCOMPARE(db.open().status, CacheDatabase::OpenStatus::Ready);
        const HostRecord a { QStringLiteral("dock-test-1"), QStringLiteral("10.0.0.5"), QStringLiteral("test"),
                             QStringLiteral("tcp://10.0.0.5:2376") };
        const HostRecord b { QStringLiteral("dock-prod-1"), QStringLiteral("10.0.1.5"), QStringLiteral("production"),
                             QStringLiteral("unix:///run/docker.sock") };
        QVERIFY2(db.replaceHosts({ a, b }), qPrintable(db.lastError()));
        QCOMPARE(db.loadHosts(), (QList<HostRecord> { b, a })); // by name
        QVERIFY(db.replaceHosts({ a }));
        QCOMPARE(db.loadHosts(), QList<HostRecord> { a });
    }

    void failedWriteRollsBackWholeBatch()
    {
        CacheDatabase db(m_dir.filePath(QStringLiteral("rollback.sqlite")));
        QCOMPARE(db.open().status, CacheDatabase::OpenStatus::Ready);
        QVERIFY(db.upsertApps({ sampleApp(QStringLiteral("app0000001"), QStringLiteral("Alpha")) }));
        AppRecord broken = sampleApp(QStringLiteral("app0000003"), QString()); // NOT NULL name violated
        broken.name = QString();
        const bool ok = db.replaceAllApps({ sampleApp(QStringLiteral("app0000002"), QStringLiteral("B")), broken });
        QVERIFY(!ok);
        QVERIFY(!db.lastError().isEmpty());
        const QList<AppRecord> loaded = db.loadApps();
        QCOMPARE(loaded.size(), 1); // the previous consistent state survives
        QCOMPARE(loaded.at(0).id, QStringLiteral("app0000001"));
    }

    void migratesVersionOneFileKeepingData()
    {
        const QString path = m_dir.filePath(QStringLiteral("v1.sqlite"));
        writeSqlFile(path, QFINDTESTDATA("../data/cache_v1/cache.sql"));
        CacheDatabase db(path);
        const auto result = db.open();
        QCOMPARE(result.status, CacheDatabase::OpenStatus::Ready);
        QCOMPARE(result.migratedFrom, 1);
        QCOMPARE(db.schemaVersion(), latestCacheSchemaVersion());

        const QList<AppRecord> apps = db.loadApps();
        QCOMPARE(apps.size(), 2);
        QCOMPARE(apps.at(0).name, QStringLiteral("Guestbook"));
        QCOMPARE(apps.at(0).environments.size(), 2);
        const EnvironmentState *production = apps.at(0).environment(Environment::Production);
        QVERIFY(production);
        QCOMPARE(production->liveRef, QStringLiteral("v1.1.0"));
        QVERIFY(production->dnsState.isEmpty()); // column added by migration 2
        QCOMPARE(db.loadReleaseRequests().size(), 1);
        QCOMPARE(db.syncValue(QStringLiteral("last_sync_at")), QStringLiteral("2026-10-04T12:05:00.000Z"));

        // Migration 2's audit table became migration 5's hand-over table for the journal.
        QVERIFY(db.loadLegacyAudit().isEmpty());
        QVERIFY(db.dropLegacyAudit());
    }

    void corruptFileIsMovedAsideAndReplaced_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("garbage") << QByteArray("this is not a database at all\n").repeated(200);
        QByteArray header("SQLite format 3");
        header.append('\0');
        QTest::newRow("truncated database") << header + QByteArray(100, '\x7f');
    }

    void corruptFileIsMovedAsideAndReplaced()
    {
        QFETCH(QByteArray, content);
        const QString path = m_dir.filePath(QStringLiteral("corrupt-%1.sqlite")
                                                .arg(QString::fromLatin1(QTest::currentDataTag()))
                                                .replace(QLatin1Char(' '), QLatin1Char('-')));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(content);
        }
        CacheDatabase db(path);
        const auto result = db.open();
        QCOMPARE(result.status, CacheDatabase::OpenStatus::RecoveredFromCorruption);
        QVERIFY(!result.message.isEmpty());
        QVERIFY(result.message.contains(result.movedAsidePath));
        QFile kept(result.movedAsidePath);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), content); // kept for inspection, byte for byte
        QCOMPARE(db.schemaVersion(), latestCacheSchemaVersion());
        QVERIFY(db.upsertApps({ sampleApp(QStringLiteral("app0000001"), QStringLiteral("Alpha")) }));
    }

    void fileFromNewerVersionIsKeptAside()
    {
        const QString path = m_dir.filePath(QStringLiteral("newer.sqlite"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("newer"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version = 99")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("newer"));
        CacheDatabase db(path);
        const auto result = db.open();
        QCOMPARE(result.status, CacheDatabase::OpenStatus::RecoveredFromCorruption);
        QVERIFY(result.message.contains(QStringLiteral("newer version")));
        QVERIFY(QFile::exists(result.movedAsidePath));
    }

    void secondInstanceIsToldTheCacheIsInUse()
    {
        const QString path = m_dir.filePath(QStringLiteral("shared.sqlite"));
        CacheDatabase first(path);
        QCOMPARE(first.open().status, CacheDatabase::OpenStatus::Ready);
        CacheDatabase second(path);
        const auto result = second.open();
        QCOMPARE(result.status, CacheDatabase::OpenStatus::InUse);
        QVERIFY(result.message.contains(QString::number(QCoreApplication::applicationPid())));
        QVERIFY(!second.isOpen());
        QVERIFY(first.upsertApps({ sampleApp(QStringLiteral("app0000001"), QStringLiteral("Alpha")) }));
    }

    void staleLockOfCrashedProcessIsTakenOver()
    {
        const QString path = m_dir.filePath(QStringLiteral("stale.sqlite"));
        {
            QFile lock(path + QStringLiteral(".lock"));
            QVERIFY(lock.open(QIODevice::WriteOnly));
            // QLockFile's format: pid, application name, host name. PID 2^22-1
            // is above Linux's default pid_max, so it cannot be alive.
            lock.write("4194303\ndockmaster\n" + QSysInfo::machineHostName().toUtf8() + "\n");
        }
        CacheDatabase db(path);
        QCOMPARE(db.open().status, CacheDatabase::OpenStatus::Ready);
    }

    void writeWaitsForThenReportsAnExternalLock()
    {
        const QString path = m_dir.filePath(QStringLiteral("locked.sqlite"));
        CacheDatabase db(path);
        QCOMPARE(db.open().status, CacheDatabase::OpenStatus::Ready);
        QVERIFY(db.upsertApps({ sampleApp(QStringLiteral("app0000001"), QStringLiteral("Alpha")) }));
        {
            QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
            other.setDatabaseName(path);
            QVERIFY(other.open());
            QSqlQuery holder(other);
            QVERIFY(holder.exec(QStringLiteral("BEGIN EXCLUSIVE")));
            QElapsedTimer waited;
            waited.start();
            QVERIFY(!db.upsertApps({ sampleApp(QStringLiteral("app0000002"), QStringLiteral("Beta")) }));
            QVERIFY2(waited.elapsed() >= 1500, "the busy timeout should make writers wait before failing");
            QVERIFY2(db.lastError().contains(QStringLiteral("locked")), qPrintable(db.lastError()));
            QVERIFY(holder.exec(QStringLiteral("ROLLBACK")));
            other.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("other"));
        QVERIFY2(db.upsertApps({ sampleApp(QStringLiteral("app0000002"), QStringLiteral("Beta")) }),
                 qPrintable(db.lastError()));
        QCOMPARE(db.loadApps().size(), 2);
    }

    void unreadableLocationFallsBackToMemory()
    {
        // Nobody, not even root, can create files under /proc.
        CacheDatabase db(QStringLiteral("/proc/dockmaster/cache.sqlite"));
        const auto result = db.open();
        QCOMPARE(result.status, CacheDatabase::OpenStatus::Unavailable);
        QVERIFY(db.upsertApps({ sampleApp(QStringLiteral("app0000001"), QStringLiteral("Alpha")) }));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestCacheDatabase)
#include "tst_cachedatabase.moc"
