// The sync witness: the newest request the cache saw, and when GitLab's
// answer for it shows that GitLab's data went back in time.
#include "core/sync/syncwitness.h"

#include <QTest>

using namespace Dockmaster;

class TestSyncWitness : public QObject
{
    Q_OBJECT
private:
    static GitLabIssue issue(qint64 projectId, qint64 iid, const QString &updatedAt)
    {
        GitLabIssue issue;
        issue.projectId = projectId;
        issue.iid = iid;
        issue.updatedAt = QDateTime::fromString(updatedAt, Qt::ISODateWithMs);
        return issue;
    }

private Q_SLOTS:
    void newestRequestIsTheWitness()
    {
        const SyncWitness none;
        QVERIFY(!SyncWitness::newest(none, {}).isValid());
        const SyncWitness first = SyncWitness::newest(none,
                                                      { issue(4, 2, QStringLiteral("2026-12-01T10:00:00.000Z")),
                                                        issue(5, 7, QStringLiteral("2026-12-01T11:00:00.500Z")),
                                                        issue(0, 3, QStringLiteral("2026-12-02T00:00:00Z")) });
        QCOMPARE(first.projectId, 5);
        QCOMPARE(first.iid, 7);
        // An incremental run that saw nothing newer keeps it.
        const SyncWitness kept = SyncWitness::newest(first, { issue(4, 2, QStringLiteral("2026-12-01T10:30:00Z")) });
        QCOMPARE(kept.toString(), first.toString());
        const SyncWitness newer
            = SyncWitness::newest(first, { issue(4, 2, QStringLiteral("2026-12-01T11:00:00.501Z")) });
        QCOMPARE(newer.iid, 2);
    }

    void keptAsTextAndReadBack()
    {
        const SyncWitness witness {
            12, 34, QDateTime::fromString(QStringLiteral("2026-12-06T18:00:00.123Z"), Qt::ISODateWithMs)
        };
        QCOMPARE(witness.toString(), QStringLiteral("12/34/2026-12-06T18:00:00.123Z"));
        const SyncWitness back = SyncWitness::fromString(witness.toString());
        QCOMPARE(back.projectId, 12);
        QCOMPARE(back.iid, 34);
        QCOMPARE(back.updatedAt, witness.updatedAt);
        QVERIFY(!SyncWitness::fromString(QString()).isValid()); // a cache from before the witness
        QVERIFY(!SyncWitness::fromString(QStringLiteral("12/x/2026")).isValid());
    }

    void contradictions_data()
    {
        QTest::addColumn<bool>("exists");
        QTest::addColumn<QString>("updatedAt");
        QTest::addColumn<bool>("wentBack");
        QTest::newRow("unchanged") << true << QStringLiteral("2026-12-06T18:00:00.123Z") << false;
        QTest::newRow("updated since") << true << QStringLiteral("2026-12-06T19:00:00Z") << false;
        QTest::newRow("older than seen: restored") << true << QStringLiteral("2026-12-06T17:59:59.999Z") << true;
        QTest::newRow("gone: filed after the backup") << false << QString() << true;
        QTest::newRow("no time in the answer") << true << QString() << false;
    }
    void contradictions()
    {
        QFETCH(bool, exists);
        QFETCH(QString, updatedAt);
        QFETCH(bool, wentBack);
        const SyncWitness witness {
            12, 34, QDateTime::fromString(QStringLiteral("2026-12-06T18:00:00.123Z"), Qt::ISODateWithMs)
        };
        const std::optional<GitLabIssue> now = exists ? std::optional(issue(12, 34, updatedAt)) : std::nullopt;
        QCOMPARE(witness.contradictedBy(now), wentBack);
        QVERIFY(!SyncWitness().contradictedBy(std::nullopt)); // nothing seen yet: nothing to contradict
    }
};

QTEST_GUILESS_MAIN(TestSyncWitness)
#include "tst_syncwitness.moc"
