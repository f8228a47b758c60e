#include "models/logs/logfiltermodel.h"
#include "models/logs/logmodel.h"
#include "views/logs/loglinedelegate.h"
#include "views/logs/loglistview.h"
#include "views/logs/logview.h"

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

// A container that never stops talking: a batch every millisecond from its own
// thread, and on stop() the last lines still buffered, as DockerLogWorker's
// final flush does. Every line names the app it came from.
class ChattyWorker final : public LogWorker
{
public:
    explicit ChattyWorker(QByteArray app)
        : m_app(std::move(app))
    {
    }
    void start() override
    {
        m_timer = new QTimer(this);
        m_timer->setInterval(1);
        connect(m_timer, &QTimer::timeout, this, [this] { Q_EMIT batchReady(batch(40)); });
        m_timer->start();
    }
    void stop() override
    {
        if (m_timer)
            m_timer->stop();
        Q_EMIT batchReady(batch(3)); // the final flush, queued to the owner
    }

private:
    LogBatch batch(int lines)
    {
        LogBatch out;
        const int source = out.sourceIndex(QString::fromLatin1(m_app));
        for (int i = 0; i < lines; ++i) {
            ++m_count;
            out.append(source, Base + m_count * 1000, LogStream::Stdout, LogLevel::Info,
                       QByteArray(m_app + " line " + QByteArray::number(m_count)));
        }
        return out;
    }
    QByteArray m_app;
    QTimer *m_timer = nullptr;
    qint64 m_count = 0;
};

class ChattySource final : public LogSource
{
public:
    explicit ChattySource(QByteArray app)
        : m_app(std::move(app))
    {
    }

protected:
    LogWorker *createWorker() override { return new ChattyWorker(m_app); }

private:
    QByteArray m_app;
};

// Every stored line of the view's model must belong to app.
bool onlyLinesOf(LogView &view, const QByteArray &app, QString *wrong)
{
    const QString prefix = QString::fromLatin1(app) + QStringLiteral(" line ");
    LogFilterModel *model = view.filterModel();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QString message = model->index(row, LogModel::MessageColumn).data().toString();
        if (!message.startsWith(prefix)) {
            *wrong = message;
            return false;
        }
    }
    return true;
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
    void ringWrapsWhileThePausedViewPaints();
    void stoppedSourcesLastBatchNeverArrives();
    void switchingAppsWhileLinesStream();
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

void TestLogView::ringWrapsWhileThePausedViewPaints()
{
    // Lines keep arriving past the cap while the admin reads near the top:
    // every row painted must still be one the store holds.
    LogView view;
    view.setCapacity(1000);
    view.resize(800, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setFollowing(false);
    int next = 0;
    for (int round = 0; round < 200; ++round) {
        view.model()->appendBatch(makeBatch(next, 137));
        next += 137;
        view.model()->flushNow();
        view.listView()->viewport()->repaint();
        const LogFilterModel *rows = view.filterModel();
        QCOMPARE(rows->rowCount(), qMin(next, 1000));
        const int top = view.listView()->topRow();
        const int expected = next - rows->rowCount() + top;
        QCOMPARE(
            rows->index(top, LogModel::MessageColumn).data().toString(),
            QStringLiteral("request %1%2").arg(expected).arg(expected % 7 == 0 ? QStringLiteral(" slow") : QString()));
    }
}

void TestLogView::stoppedSourcesLastBatchNeverArrives()
{
    LogView view;
    view.resize(800, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setSource(new ChattySource("app1"));
    QTRY_VERIFY(view.model()->totalLines() > 0);
    // Stopping app1 queues its final batch; it must not land in app2's view.
    view.setSource(new ChattySource("app2"));
    QTRY_VERIFY(view.model()->totalLines() > 100);
    view.setSource(nullptr);
    QCoreApplication::processEvents();
    view.model()->flushNow();
    QString wrong;
    QVERIFY2(onlyLinesOf(view, "app2", &wrong), qPrintable(wrong));
}

void TestLogView::switchingAppsWhileLinesStream()
{
    // An admin flicking through apps' logs while they stream: 1,000 switches,
    // the view painting, a filter on half the time and the ring buffer small
    // enough to wrap. No row may outlive what the store holds, and no line
    // of one app may show in another's view.
    LogView view;
    view.setCapacity(2000);
    view.resize(900, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    LogFilter evenLines;
    evenLines.text = QStringLiteral("line");
    int mixed = 0;
    QString wrong;
    for (int i = 0; i < 1000; ++i) {
        const QByteArray app = "app" + QByteArray::number(i);
        view.setSource(new ChattySource(app));
        view.setFilter(i % 2 ? evenLines : LogFilter());
        // Let a few batches arrive and flush, painting in between.
        for (int frame = 0; frame < 3; ++frame) {
            QTest::qWait(1);
            view.listView()->viewport()->repaint();
        }
        if (i % 100 == 0)
            view.model()->flushNow();
        if (!onlyLinesOf(view, app, &wrong))
            ++mixed;
        QVERIFY2(mixed == 0, qPrintable(QStringLiteral("switch %1: %2").arg(i).arg(wrong)));
    }
    view.setSource(nullptr);
    QVERIFY(view.model()->totalLines() > 0);
}

QTEST_MAIN(TestLogView)
#include "tst_logview.moc"
