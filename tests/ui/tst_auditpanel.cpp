// The audit view: newest first, filtered by words and action, and exported
// as CSV a spreadsheet opens safely (quoted, formula cells made inert, UTF-8).
#include "core/audit/auditcsv.h"
#include "models/auditfiltermodel.h"
#include "models/auditlogmodel.h"
#include "views/audit/auditpanel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Dockmaster;

namespace {

AuditEntry entry(qint64 id, const QString &actor, const QString &action, const QString &app, const QString &detail)
{
    AuditEntry e;
    e.id = id;
    e.at = QDateTime(QDate(2026, 11, 20), QTime(8, 0), QTimeZone::UTC).addSecs(id * 60);
    e.actor = actor;
    e.action = action;
    e.appId = app;
    e.environment = QStringLiteral("production");
    e.detail = detail;
    return e;
}

QList<AuditEntry> sample()
{
    return { entry(1, QStringLiteral("alice"), QStringLiteral("release.approve"), QStringLiteral("app0000042"),
                   QStringLiteral("v1.2.0 at 3f2a9c1e")),
             entry(2, QStringLiteral("bob"), QStringLiteral("release.reject"), QStringLiteral("app0000077"),
                   QStringLiteral("=HYPERLINK(\"http://evil\",\"click\") 不安全")),
             entry(3, QStringLiteral("alice"), QStringLiteral("deploy.rollback"), QStringLiteral("app0000042"),
                   QStringLiteral("to v1.1.0, \"quoted\"")) };
}

} // namespace

class TestAuditPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void newestFirstAndFiltered()
    {
        AuditLogModel model;
        QAbstractItemModelTester tester(&model);
        model.setItems(sample());
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, AuditLogModel::ActorColumn).data().toString(), QStringLiteral("alice"));
        QCOMPARE(model.index(0, AuditLogModel::ActionColumn).data().toString(), QStringLiteral("Rolled back"));

        AuditPanel panel(&model);
        auto *search = panel.findChild<QLineEdit *>();
        QVERIFY(search);
        QTest::keyClicks(search, QStringLiteral("app0000042"));
        QCOMPARE(panel.view()->model()->rowCount(), 2);
        auto *action = panel.findChildren<QComboBox *>().value(0);
        QVERIFY(action);
        action->setCurrentIndex(action->findData(QStringLiteral("release.approve")));
        QCOMPARE(panel.view()->model()->rowCount(), 1);
        search->clear();
        action->setCurrentIndex(0);
        QCOMPARE(panel.view()->model()->rowCount(), 3);
    }

    void csvIsQuotedAndFormulaSafe()
    {
        const QByteArray csv = AuditCsv::toCsv(sample());
        QVERIFY(csv.startsWith("\xEF\xBB\xBF\"time_utc\""));
        const QList<QByteArray> lines = csv.split('\n');
        QCOMPARE(lines.size(), 5); // header, three rows, and the empty tail after the last CRLF
        QVERIFY(lines.at(1).startsWith("\"2026-11-20T08:01:00Z\",\"alice\",\"release.approve\""));
        // The formula is text, its quotes doubled; Chinese survives as UTF-8.
        QVERIFY2(
            lines.at(2).contains(QStringLiteral("\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\") 不安全\"").toUtf8()),
            lines.at(2).constData());
        QVERIFY(lines.at(3).contains("\"to v1.1.0, \"\"quoted\"\"\""));
    }

    void exportWritesWhatTheFilterShows()
    {
        AuditLogModel model;
        model.setItems(sample());
        AuditPanel panel(&model);
        panel.filterModel()->setSearchText(QStringLiteral("bob"));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("audit.csv"));
        QSignalSpy done(&panel, &AuditPanel::exportFinished);
        panel.exportTo(path);
        QTRY_COMPARE(done.size(), 1);
        QCOMPARE(done.first().at(1).toString(), QString());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray written = file.readAll();
        QCOMPARE(written.count('\n'), 2); // header and bob's row
        QVERIFY(written.contains("\"bob\""));
        QVERIFY(!written.contains("\"alice\""));

        // A folder that cannot be written is reported, not ignored.
        done.clear();
        panel.exportTo(dir.filePath(QStringLiteral("missing/audit.csv")));
        QTRY_COMPARE(done.size(), 1);
        QVERIFY(!done.first().at(1).toString().isEmpty());
    }
};

QTEST_MAIN(TestAuditPanel)
#include "tst_auditpanel.moc"
