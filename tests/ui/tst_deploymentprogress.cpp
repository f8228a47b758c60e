// Following a deployment: status as the pipeline moves, and the job log as it
// grows, for whichever deployment is selected.
#include "views/deploy/deploymentprogresspanel.h"

#include <QHeaderView>
#include <QPlainTextEdit>
#include <QStyle>
#include <QTest>
#include <QTreeWidget>

using namespace Dockmaster;

class TestDeploymentProgress : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void statusAndLogFollowTheSelectedDeployment()
    {
        DeploymentProgressPanel panel;
        const int first = panel.addDeployment(QStringLiteral("app0000042 → production v1.2.0"), {});
        panel.setPipeline(first, 17, QStringLiteral("http://gitlab/pipelines/17"));
        panel.setStatus(first, QStringLiteral("running"));
        panel.appendLog(first, QStringLiteral("deploy"), "rsync codes/\n");
        panel.appendLog(first, QStringLiteral("deploy"), "docker compose up -d\n");
        QCOMPARE(panel.list()->topLevelItemCount(), 1);
        QCOMPARE(panel.list()->topLevelItem(0)->text(1), QStringLiteral("Running"));
        QCOMPARE(panel.list()->topLevelItem(0)->text(2), QStringLiteral("#17"));
        QVERIFY(panel.logView()->toPlainText().contains(QStringLiteral("rsync codes/\ndocker compose up -d")));

        // A second deployment goes on top and is shown; the first keeps its log.
        const int second = panel.addDeployment(QStringLiteral("app0000077 → test v0.3.0"), {});
        QCOMPARE(panel.list()->topLevelItemCount(), 2);
        QVERIFY(panel.logView()->toPlainText().isEmpty());
        panel.appendLog(first, QStringLiteral("deploy"), "nginx -t ok\n");
        QVERIFY(panel.logView()->toPlainText().isEmpty()); // not the selected one
        panel.setFinished(first, QStringLiteral("failed"), QStringLiteral("nginx reload failed"));
        panel.list()->setCurrentItem(panel.list()->topLevelItem(1));
        QVERIFY(panel.logView()->toPlainText().endsWith(QStringLiteral("nginx -t ok\n")));
        QCOMPARE(panel.list()->topLevelItem(1)->text(1), QStringLiteral("Failed"));
        QVERIFY(panel.logOf(second).isEmpty());
    }

    // Issue 13: in the dock of a 1440-pixel window the Deployment column
    // showed "app0000042 → produ…"; the title gets the room, the short columns fit.
    void theDeploymentColumnShowsTheWholeTitle()
    {
        DeploymentProgressPanel panel;
        const QString title = QStringLiteral("app0000042 → production v1.2.0");
        const int key = panel.addDeployment(title, {});
        panel.setPipeline(key, 1234, QStringLiteral("http://gitlab/pipelines/1234"));
        panel.setStatus(key, QStringLiteral("waiting"));
        panel.resize(1000, 240);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QTreeWidget *list = panel.list();
        const int needed = list->fontMetrics().horizontalAdvance(title)
            + 2 * list->style()->pixelMetric(QStyle::PM_FocusFrameHMargin) + 8;
        QVERIFY2(list->header()->sectionSize(0) >= needed,
                 qPrintable(QStringLiteral("%1 < %2").arg(list->header()->sectionSize(0)).arg(needed)));
        for (int column = 1; column < list->columnCount(); ++column) {
            const QString text = list->topLevelItem(0)->text(column);
            QVERIFY2(list->header()->sectionSize(column) >= list->fontMetrics().horizontalAdvance(text),
                     qPrintable(text));
        }
    }
};

QTEST_MAIN(TestDeploymentProgress)
#include "tst_deploymentprogress.moc"
