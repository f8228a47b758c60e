#include "logs/logfiltermodel.h"
#include "logs/loglinedelegate.h"
#include "logs/loglistview.h"
#include "logs/logmodel.h"
#include "logs/logview.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QLabel>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>

using namespace Dockmaster;

namespace {

constexpr qint64 Base = 1795550491000000000LL;

LogBatch makeBatch(int first, int count, const QString &source = QStringLiteral("web"))
{
    LogBatch batch;
    const int s = batch.sourceIndex(source);
    for (int i = first; i < first + count; ++i)
        batch.append(s, Base + qint64(i) * 1000000000LL, LogStream::Stdout, LogLevel::Info,
                     QByteArray("request " + QByteArray::number(i) + (i % 7 == 0 ? " slow" : "")));
    return batch;
}

} // namespace

class TestLogView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void followsTheTail();
    void scrollingUpPausesAndJumpReturns();
    void pausedViewKeepsItsLineWhileOldLinesDrop();
    void highlightsSurviveTogglingTimestamps();
    void jumpToTime();
    void copySelectedLines();
    void exportWithProgress();
    void droppedIndicator();
};

void TestLogView::followsTheTail()
{
    LogView view;
    view.resize(800, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.model()->appendBatch(makeBatch(0, 1000));
    QTRY_COMPARE(view.filterModel()->rowCount(), 1000);
    LogListView *list = view.listView();
    QVERIFY(view.isFollowing());
    QCOMPARE(list->topRow() + list->visibleRowCount(), 1000);
    view.model()->appendBatch(makeBatch(1000, 10));
    QTRY_COMPARE(view.filterModel()->rowCount(), 1010);
    QCOMPARE(list->topRow() + list->visibleRowCount(), 1010);
}

void TestLogView::scrollingUpPausesAndJumpReturns()
{
    LogView view;
    view.resize(800, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.model()->appendBatch(makeBatch(0, 1000));
    view.model()->flushNow();
    LogListView *list = view.listView();
    QSignalSpy following(list, &LogListView::followingChanged);
    QWheelEvent wheel(QPointF(100, 100), list->viewport()->mapToGlobal(QPointF(100, 100)), QPoint(), QPoint(0, 240),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(list->viewport(), &wheel);
    QVERIFY(!view.isFollowing());
    QCOMPARE(following.size(), 1);
    const int top = list->topRow();
    view.model()->appendBatch(makeBatch(1000, 100));
    view.model()->flushNow();
    QCOMPARE(list->topRow(), top); // paused: new lines do not move the view
    view.setFollowing(true);
    QCOMPARE(list->topRow() + list->visibleRowCount(), 1100);
    QVERIFY(view.isFollowing());
}

void TestLogView::pausedViewKeepsItsLineWhileOldLinesDrop()
{
    LogView view;
    view.setCapacity(500);
    view.resize(800, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.model()->appendBatch(makeBatch(0, 500));
    view.model()->flushNow();
    view.listView()->scrollToRow(300);
    const qint64 topSeq = view.filterModel()->sequenceAt(view.listView()->topRow());
    view.model()->appendBatch(makeBatch(500, 100)); // evicts 100 from the front
    view.model()->flushNow();
    QCOMPARE(view.model()->droppedLines(), 100);
    QCOMPARE(view.filterModel()->sequenceAt(view.listView()->topRow()), topSeq);
    QCOMPARE(view.listView()->topRow(), 200);
}

void TestLogView::highlightsSurviveTogglingTimestamps()
{
    LogView view;
    view.resize(800, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.model()->appendBatch(makeBatch(0, 100));
    view.model()->flushNow();
    LogFilter filter;
    filter.text = QStringLiteral("slow");
    view.setFilter(filter);
    QCOMPARE(view.filterModel()->rowCount(), 15); // 0, 7, ..., 98
    const QString message = view.filterModel()->index(1, LogModel::MessageColumn).data().toString();
    QCOMPARE(message, QStringLiteral("request 7 slow"));
    const auto expected = QList<std::pair<int, int>> { { 10, 4 } };
    QCOMPARE(view.listView()->delegate()->highlights(message), expected);
    const QImage withTime = view.listView()->viewport()->grab().toImage();
    view.setShowTimestamps(false);
    QVERIFY(!view.listView()->showTime());
    QCOMPARE(view.listView()->delegate()->highlights(message), expected);
    const QImage withoutTime = view.listView()->viewport()->grab().toImage();
    QVERIFY(withTime != withoutTime);
    // The highlight colour is painted in both layouts.
    const auto countHighlight = [](const QImage &image) {
        int count = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                count += image.pixelColor(x, y) == QColor(0xff, 0xe0, 0x66) ? 1 : 0;
        return count;
    };
    QVERIFY(countHighlight(withTime) > 0);
    QVERIFY(countHighlight(withoutTime) > 0);
}

void TestLogView::jumpToTime()
{
    LogView view;
    view.resize(800, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.model()->appendBatch(makeBatch(0, 1000));
    view.model()->flushNow();
    view.jumpToTime(Base + 250LL * 1000000000LL);
    QVERIFY(!view.isFollowing());
    QCOMPARE(view.listView()->topRow(), 250);
    QCOMPARE(view.listView()->selectedRows(), qMakePair(250, 250));
}

void TestLogView::copySelectedLines()
{
    LogView view;
    view.model()->appendBatch(makeBatch(0, 10));
    view.model()->flushNow();
    view.setShowTimestamps(false);
    view.listView()->selectRows(2, 3);
    view.listView()->copySelection();
    // One container: its name is not repeated on every line.
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("request 2\nrequest 3"));
}

void TestLogView::exportWithProgress()
{
    LogView view;
    for (int i = 0; i < 20; ++i)
        view.model()->appendBatch(makeBatch(i * 10000, 10000));
    view.model()->flushNow();
    LogFilter filter;
    filter.text = QStringLiteral("slow");
    view.setFilter(filter);
    QTRY_VERIFY(!view.filterModel()->isFiltering());
    QTemporaryDir dir;
    QSignalSpy finished(&view, &LogView::exportFinished);
    view.exportTo(dir.filePath(QStringLiteral("slow.log")));
    QTRY_COMPARE(finished.size(), 1);
    const auto result = finished.first().first().value<LogExportResult>();
    QCOMPARE(result.lines, 200000 / 7 + 1);
    QFile file(dir.filePath(QStringLiteral("slow.log")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().count('\n'), 200000 / 7 + 1);
}

void TestLogView::droppedIndicator()
{
    LogView view;
    view.setCapacity(50);
    view.show();
    view.model()->appendBatch(makeBatch(0, 80));
    view.model()->flushNow();
    const QList<QLabel *> labels = view.findChildren<QLabel *>();
    const auto it = std::find_if(labels.begin(), labels.end(),
                                 [](QLabel *l) { return l->text().contains(QStringLiteral("dropped")); });
    QVERIFY(it != labels.end());
    QVERIFY((*it)->isVisible());
    QVERIFY((*it)->text().contains(QStringLiteral("30")));
}

QTEST_MAIN(TestLogView)
#include "tst_logview.moc"
