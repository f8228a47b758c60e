#include "core/audit/journaldatabase.h"
#include "tests/support/sqlitefile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Dockmaster;

namespace {

AuditEntry entry(const QString &action, const QString &detail, qint64 id = 0)
{
    AuditEntry e;
    e.id = id;
    e.at = QDateTime(QDate(2026, 11, 3), QTime(9, 0), QTimeZone::UTC).addSecs(id);
    e.actor = QStringLiteral("carol");
    e.action = action;
    e.appId = QStringLiteral("app0000001");
    e.environment = QStringLiteral("production");
    e.detail = detail;
    return e;
}

QString pragma(const QString &path, const QString &name)
{
    return Test::sqliteValue(path, QStringLiteral("PRAGMA ") + name);
}

} // namespace

class TestJournalDatabase : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QVERIFY(m_dir.isValid()); }

    void liesBesideTheCacheInWalWithFullSync()
    {
        const QString path = JournalDatabase::filePathBeside(m_dir.filePath(QStringLiteral("p1/cache.sqlite")));
        QCOMPARE(path, m_dir.filePath(QStringLiteral("p1/journal.sqlite")));
        JournalDatabase journal(path);
        const auto result = journal.open();
        QVERIFY2(result.durable, qPrintable(result.message));
        QVERIFY(result.message.isEmpty());
        QVERIFY(journal.appendAudit(entry(QStringLiteral("release.approve"), QStringLiteral("!12"))));
        QCOMPARE(pragma(path, QStringLiteral("journal_mode")), QStringLiteral("wal"));
        QCOMPARE(journal.loadAudit().size(), 1);
        QCOMPARE(journal.loadAudit().constFirst().detail, QStringLiteral("!12"));
    }

    void legacyRowsAreImportedExactlyOnce()
    {
        JournalDatabase journal(m_dir.filePath(QStringLiteral("p2/journal.sqlite")));
        QVERIFY(journal.open().durable);
        QVERIFY(journal.appendAudit(entry(QStringLiteral("dns.fix"), QStringLiteral("new"))));
        const QList<AuditEntry> legacy { entry(QStringLiteral("release.approve"), QStringLiteral("a"), 1),
                                         entry(QStringLiteral("deploy.tag"), QStringLiteral("b"), 2) };
        QVERIFY(journal.importLegacyAudit(legacy));
        // A crash after the journal took the rows but before the cache dropped them.
        QVERIFY(journal.importLegacyAudit(legacy));
        const QList<AuditEntry> rows = journal.loadAudit();
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows.at(0).detail, QStringLiteral("b"));
        QCOMPARE(rows.at(1).detail, QStringLiteral("a"));
        QCOMPARE(rows.at(1).at, legacy.at(0).at);
    }

    void intentsArePutReplacedAndRemoved()
    {
        JournalDatabase journal(m_dir.filePath(QStringLiteral("p3/journal.sqlite")));
        QVERIFY(journal.open().durable);
        PendingIntent intent { QStringLiteral("editor.commit"),
                               QStringLiteral("ops/app0000001#production"),
                               QStringLiteral("{\"commit\":\"abc\"}"),
                               {},
                               {} };
        QVERIFY(journal.putIntent(intent));
        intent.payload = QStringLiteral("{\"commit\":\"def\"}");
        QVERIFY(journal.putIntent(intent));
        QVERIFY(journal.putIntent({ QStringLiteral("release.approve"), QStringLiteral("7#12"), {}, {}, {} }));
        const QList<PendingIntent> commits = journal.loadIntents(QStringLiteral("editor.commit"));
        QCOMPARE(commits.size(), 1);
        QCOMPARE(commits.constFirst().payload, intent.payload);
        QVERIFY(commits.constFirst().createdAt.isValid());
        QCOMPARE(journal.loadIntents().size(), 2);
        QVERIFY(journal.removeIntent(QStringLiteral("editor.commit"), intent.key));
        QCOMPARE(journal.loadIntents().size(), 1);
    }

    void damagedJournalIsSalvagedAndKeptAside()
    {
        const QString path = m_dir.filePath(QStringLiteral("p4/journal.sqlite"));
        {
            JournalDatabase journal(path);
            QVERIFY(journal.open().durable);
            // Enough rows for several pages, so one bad page leaves the others readable.
            for (int i = 0; i < 400; ++i)
                QVERIFY(journal.appendAudit(entry(QStringLiteral("config.commit"), QString(200, QLatin1Char('x')), i)));
        }
        QFile file(path);
        const qint64 size = file.size();
        QVERIFY(size > 16 * 4096);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.seek((size / 4096 / 2) * 4096));
        file.write(QByteArray(4096, '\xa5'));
        file.close();
        QFile::copy(path, path + QStringLiteral(".expected"));

        JournalDatabase journal(path);
        const auto result = journal.open();
        QVERIFY(result.durable);
        QVERIFY(!result.movedAsidePath.isEmpty());
        QVERIFY2(result.message.contains(result.movedAsidePath), qPrintable(result.message));
        const int kept = int(journal.loadAudit().size());
        QVERIFY2(kept > 300 && kept < 400, qPrintable(QString::number(kept)));
        QVERIFY2(result.message.contains(QStringLiteral("%1 audit entries").arg(kept)), qPrintable(result.message));
        QVERIFY(result.message.contains(QStringLiteral("could not be read")));
        QFile aside(result.movedAsidePath);
        QFile expected(path + QStringLiteral(".expected"));
        QVERIFY(aside.open(QIODevice::ReadOnly) && expected.open(QIODevice::ReadOnly));
        QCOMPARE(aside.readAll(), expected.readAll()); // kept byte for byte
        QVERIFY(journal.appendAudit(entry(QStringLiteral("dns.fix"), QStringLiteral("after"))));
        QCOMPARE(pragma(path, QStringLiteral("quick_check")), QStringLiteral("ok"));
    }

    void unwritableJournalKeepsEntriesUntilItCanWrite()
    {
        // A folder that cannot be created: the journal works from memory.
        const QString blocker = m_dir.filePath(QStringLiteral("p5"));
        {
            QFile file(blocker);
            QVERIFY(file.open(QIODevice::WriteOnly)); // a file where the folder should be
        }
        JournalDatabase journal(blocker + QStringLiteral("/journal.sqlite"));
        const auto result = journal.open();
        QVERIFY(!result.durable);
        QVERIFY(!result.message.isEmpty());
        QVERIFY(!journal.appendAudit(entry(QStringLiteral("release.reject"), QStringLiteral("kept"))));
        QCOMPARE(journal.unwrittenCount(), 1);
        QCOMPARE(journal.loadAudit().size(), 1);
        QVERIFY(QFile::remove(blocker));
        const auto reopened = journal.open();
        QVERIFY(reopened.durable);
        QCOMPARE(reopened.written, 1);
        QCOMPARE(journal.unwrittenCount(), 0);
        QCOMPARE(journal.loadAudit().constFirst().detail, QStringLiteral("kept"));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestJournalDatabase)
#include "tst_journaldatabase.moc"
