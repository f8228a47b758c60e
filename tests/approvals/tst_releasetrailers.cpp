#include "core/approvals/releasetrailers.h"

#include <QTest>

using namespace Dockmaster;

// The machine-readable parts of commits and comments that make actions
// idempotent across consoles, and the log tail quoted on failures.
class TestReleaseTrailers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void approvalMessageRoundTrips()
    {
        const QString key = ReleaseTrailers::requestKey(QStringLiteral("plugins/apps/app0000042"), 7);
        QCOMPARE(key, QStringLiteral("plugins/apps/app0000042#7"));
        const QString sha = QString(40, QLatin1Char('c'));
        const QString message
            = ReleaseTrailers::approvalMessage(key, QStringLiteral("production"), QStringLiteral("v1.2.0"), sha,
                                               QStringLiteral("alice"), QStringLiteral("dev01"));
        QVERIFY(message.split(QLatin1Char('\n')).contains(ReleaseTrailers::requestLine(key)));
        const ReleaseTrailers::Trailers trailers = ReleaseTrailers::parse(message);
        QCOMPARE(trailers.releaseRequest, key);
        QCOMPARE(trailers.approvedBy, QStringLiteral("alice"));
        QCOMPARE(trailers.requestedBy, QStringLiteral("dev01"));
        QCOMPARE(trailers.releaseRef, QStringLiteral("v1.2.0"));
        QCOMPARE(trailers.codesCommit, sha);
        QVERIFY(trailers.deployTag.isEmpty());

        const ReleaseTrailers::Trailers rollback = ReleaseTrailers::parse(ReleaseTrailers::rollbackMessage(
            QStringLiteral("test"), sha, QString(40, QLatin1Char('d')), QStringLiteral("root")));
        QCOMPARE(rollback.rollbackTo, sha);
        QCOMPARE(rollback.approvedBy, QStringLiteral("root"));
        QCOMPARE(
            ReleaseTrailers::parse(ReleaseTrailers::deployTagMessage(QStringLiteral("test"), QStringLiteral("v2.0.0"),
                                                                     sha, QStringLiteral("root")))
                .deployTag,
            QStringLiteral("v2.0.0"));
        // Older tools wrote "Approved-by".
        QCOMPARE(ReleaseTrailers::parse(QStringLiteral("Release v1\n\nApproved-by: root\n")).approvedBy,
                 QStringLiteral("root"));
    }

    void markersIdentifyTheirRequestOnly()
    {
        const QString note = QStringLiteral("Approved by @alice: deploying.\n\n")
            + ReleaseTrailers::approvedMarker(QStringLiteral("plugins/apps/app0000042#7"),
                                              QString(40, QLatin1Char('e')), QStringLiteral("alice"));
        QVERIFY(note.contains(ReleaseTrailers::approvedMarkerPrefix(QStringLiteral("plugins/apps/app0000042#7"))));
        // #7 must not match #70, nor another app.
        QVERIFY(!note.contains(ReleaseTrailers::approvedMarkerPrefix(QStringLiteral("plugins/apps/app0000042#70"))));
        QVERIFY(!note.contains(ReleaseTrailers::approvedMarkerPrefix(QStringLiteral("plugins/apps/app0000043#7"))));
        QCOMPARE(ReleaseTrailers::actorOf(note, QStringLiteral("Approved")), QStringLiteral("alice"));
        QCOMPARE(ReleaseTrailers::actorOf(QStringLiteral("Rejected by @root: no."), QStringLiteral("Rejected")),
                 QStringLiteral("root"));
        QVERIFY(
            ReleaseTrailers::actorOf(QStringLiteral("Looks approved by @root"), QStringLiteral("Approved")).isEmpty());
    }

    void logTail_data()
    {
        QTest::addColumn<QByteArray>("trace");
        QTest::addColumn<int>("lines");
        QTest::addColumn<QString>("expected");
        QTest::newRow("short log") << QByteArray("a\nb\n") << 40 << QStringLiteral("```\na\nb\n```");
        QTest::newRow("tail only") << QByteArray("1\n2\n3\n4\n") << 2 << QStringLiteral("```\n3\n4\n```");
        QTest::newRow("ansi colours") << QByteArray("\x1b[32;1mok\x1b[0;m\n") << 5 << QStringLiteral("```\nok\n```");
        QTest::newRow("carriage return progress")
            << QByteArray("10%\r50%\r100%\n") << 5 << QStringLiteral("```\n100%\n```");
        QTest::newRow("backticks in log") << QByteArray("```\nx\n") << 5 << QStringLiteral("````\n```\nx\n````");
    }

    void logTail()
    {
        QFETCH(QByteArray, trace);
        QFETCH(int, lines);
        QFETCH(QString, expected);
        QCOMPARE(ReleaseTrailers::logTailBlock(trace, lines), expected);
    }
};

QTEST_GUILESS_MAIN(TestReleaseTrailers)
#include "tst_releasetrailers.moc"
