#include "models/logs/logexport.h"
#include "models/logs/logfiltermodel.h"
#include "models/logs/logmodel.h"
#include "models/logs/logmodelroles.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Dockmaster;

namespace {

constexpr qint64 Base = 1795550491000000000LL;

LogBatch makeBatch(int first, int count, const QString &source = QStringLiteral("web"))
{
    LogBatch batch;
    const int s = batch.sourceIndex(source);
    for (int i = first; i < first + count; ++i) {
        const QByteArray text
            = (i % 10 == 0 ? QByteArray("ERROR failure ") : QByteArray("line ")) + QByteArray::number(i);
        batch.append(s, Base + qint64(i) * 1000000, i % 5 == 0 ? LogStream::Stderr : LogStream::Stdout,
                     i % 10 == 0 ? LogLevel::Error : LogLevel::Info, text);
    }
    return batch;
}

QStringList messages(const QAbstractItemModel &model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out.append(model.index(row, LogModel::MessageColumn).data().toString());
    return out;
}

// Lines of `bytes` each, numbered from `first` at the start of the line.
LogBatch wideBatch(int first, int count, int bytes)
{
    LogBatch batch;
    const int s = batch.sourceIndex(QStringLiteral("web"));
    for (int i = first; i < first + count; ++i) {
        QByteArray text = "wide " + QByteArray::number(i) + ' ';
        text.append(QByteArray(bytes - text.size(), 'x'));
        batch.append(s, Base + qint64(i) * 1000000, LogStream::Stdout, LogLevel::Info, text);
    }
    return batch;
}

} // namespace

class TestLogModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void batchesBecomeOneInsertPerFlush();
    void capDropsOldestAndCounts();
    void batchLargerThanCap();
    void textBudgetKeepsTheNewestLinesThatFit();
    void floodIsStoredWithoutWaitingForAFrame();
    void longLinesAreCutBetweenCharacters_data();
    void longLinesAreCutBetweenCharacters();
    void columnsAndNginxFields();
    void terminalControlsAreNeitherShownNorCopied();
    void filter_data();
    void filter();
    void filterFollowsNewAndEvictedLines();
    void largeFilterRunsOffTheUiThread();
    void containerFilterKnowsLaterContainers();
    void invalidRegexReportsError();
    void exportWritesFilteredLines();
    void snapshotSurvivesEviction();
    void linesAfterClearAreTheNewLines_data();
    void linesAfterClearAreTheNewLines();
    void clearWhileFilteringKeepsOnlyStoredLines();
};

void TestLogModel::batchesBecomeOneInsertPerFlush()
{
    LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    for (int i = 0; i < 50; ++i)
        model.appendBatch(makeBatch(i * 10, 10));
    QCOMPARE(model.rowCount(), 0); // nothing until the flush
    QTRY_COMPARE(model.rowCount(), 500);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.index(499, LogModel::MessageColumn).data().toString(), QStringLiteral("line 499"));
}

void TestLogModel::capDropsOldestAndCounts()
{
    LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCapacity(100);
    QSignalSpy dropped(&model, &LogModel::droppedLinesChanged);
    model.appendBatch(makeBatch(0, 80));
    model.flushNow();
    QCOMPARE(model.droppedLines(), 0);
    model.appendBatch(makeBatch(80, 50));
    model.flushNow();
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(model.droppedLines(), 30);
    QCOMPARE(dropped.size(), 1);
    QCOMPARE(dropped.last().first().toLongLong(), 30);
    QCOMPARE(model.index(0, LogModel::MessageColumn).data().toString(), QStringLiteral("ERROR failure 30"));
    QCOMPARE(model.index(99, LogModel::MessageColumn).data().toString(), QStringLiteral("line 129"));
    QCOMPARE(model.totalLines(), 130);
    // Lowering the cap drops more, at once.
    model.setCapacity(10);
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.droppedLines(), 120);
    QCOMPARE(model.index(0, LogModel::MessageColumn).data().toString(), QStringLiteral("ERROR failure 120"));
}

void TestLogModel::batchLargerThanCap()
{
    LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCapacity(1000);
    model.appendBatch(makeBatch(0, 500));
    model.flushNow();
    // Over several segments: eviction frees whole segments behind the cap.
    for (int i = 0; i < 40; ++i)
        model.appendBatch(makeBatch(500 + i * 1000, 1000));
    model.flushNow();
    QCOMPARE(model.rowCount(), 1000);
    QCOMPARE(model.droppedLines(), 40500 - 1000);
    QCOMPARE(model.index(0, LogModel::MessageColumn).data().toString(), QStringLiteral("ERROR failure 39500"));
    QCOMPARE(model.index(999, LogModel::MessageColumn).data().toString(), QStringLiteral("line 40499"));
    QVERIFY(model.store().bytesAllocated() < 3 * 1024 * 1024);
}

// Lines of a kilobyte fill a text budget long before the line cap: the model
// keeps the newest lines that fit, counts the rest as dropped, and its memory
// follows the budget (plus the segment being filled), not the line count.
void TestLogModel::textBudgetKeepsTheNewestLinesThatFit()
{
    LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTextBudget(1024 * 1024);
    for (int i = 0; i < 20; ++i) {
        model.appendBatch(wideBatch(i * 1000, 1000, 1024));
        model.flushNow();
        QVERIFY(model.store().textBytes() <= model.textBudget());
    }
    QCOMPARE(model.rowCount(), 1024); // 1 MiB of 1 KiB lines
    QCOMPARE(model.droppedLines(), 20000 - 1024);
    QVERIFY(model.index(0, LogModel::MessageColumn).data().toString().startsWith(QStringLiteral("wide 18976 ")));
    QVERIFY(model.index(1023, LogModel::MessageColumn).data().toString().startsWith(QStringLiteral("wide 19999 ")));
    // 20 MiB went through; what is held is the budget and the segment being filled.
    const size_t segmentText = size_t(LogSegment::Size) * 1024;
    QVERIFY2(model.store().bytesAllocated() < 1024 * 1024 + 2 * segmentText,
             qPrintable(QString::number(model.store().bytesAllocated())));
    // One batch bigger than the whole budget: only its newest lines are stored.
    model.appendBatch(wideBatch(30000, 3000, 1024));
    model.flushNow();
    QCOMPARE(model.rowCount(), 1024);
    QVERIFY(model.index(0, LogModel::MessageColumn).data().toString().startsWith(QStringLiteral("wide 31976 ")));
    QCOMPARE(model.droppedLines(), 23000 - 1024);
    // Lowering the budget drops at once.
    QSignalSpy dropped(&model, &LogModel::droppedLinesChanged);
    model.setTextBudget(64 * 1024);
    QCOMPARE(model.rowCount(), 64);
    QCOMPARE(dropped.size(), 1);
}

// Batches faster than frames: the queue is stored once it passes its limit,
// without waiting for the timer, so it cannot grow between two frames.
void TestLogModel::floodIsStoredWithoutWaitingForAFrame()
{
    LogModel model;
    model.setFlushInterval(60000);
    const LogBatch batch = wideBatch(0, 256, 4096); // 1 MiB
    const int atLimit = int(LogModel::MaxPendingBytes / batch.text.size());
    for (int i = 0; i < atLimit - 1; ++i)
        model.appendBatch(batch);
    QCOMPARE(model.rowCount(), 0); // below the limit: on the next frame, as before
    model.appendBatch(batch);
    QCOMPARE(model.rowCount(), atLimit * 256);
    QVERIFY(!model.hasPending());
}

void TestLogModel::longLinesAreCutBetweenCharacters_data()
{
    QTest::addColumn<QByteArray>("unit");
    QTest::newRow("ascii") << QByteArray("a");
    QTest::newRow("two-byte") << QByteArray("\xc3\xa9");          // é
    QTest::newRow("three-byte") << QByteArray("\xe4\xb8\xad");    // 中
    QTest::newRow("four-byte") << QByteArray("\xf0\x9f\x98\x80"); // 😀
}

// A container printing a megabyte without a newline: the line keeps its first
// 16 KiB, cut between two characters, and ends in an ellipsis.
void TestLogModel::longLinesAreCutBetweenCharacters()
{
    QFETCH(QByteArray, unit);
    QByteArray line = "start ";
    while (line.size() < 1024 * 1024)
        line.append(unit);
    LogBatch batch;
    batch.append(batch.sourceIndex(QStringLiteral("web")), Base, LogStream::Stdout, LogLevel::Info, line);
    const QByteArrayView stored = batch.lineText(batch.lines.constFirst());
    QVERIFY(stored.size() <= LogBatch::MaxLineBytes);
    QVERIFY(stored.size() > LogBatch::MaxLineBytes - 8);
    QVERIFY(stored.endsWith("\xe2\x80\xa6"));
    QVERIFY(line.startsWith(stored.first(stored.size() - 3)));
    const QString shown = QString::fromUtf8(stored);
    QVERIFY2(!shown.contains(QChar::ReplacementCharacter), "a character was cut in half");
    QVERIFY(shown.endsWith(QChar(0x2026)));
    // A line at the limit is kept whole.
    LogBatch exact;
    exact.append(0, Base, LogStream::Stdout, LogLevel::Info, QByteArray(LogBatch::MaxLineBytes, 'y'));
    QCOMPARE(exact.lineText(exact.lines.constFirst()).size(), LogBatch::MaxLineBytes);
}

void TestLogModel::columnsAndNginxFields()
{
    LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    LogBatch batch;
    const int s = batch.sourceIndex(QStringLiteral("app0000042_web_1"));
    batch.append(s, Base, LogStream::Stdout, LogLevel::Warning,
                 R"(10.0.0.1 - - [24/Nov/2026:20:01:31 +0000] "GET /wp-login.php HTTP/1.1" 404 153 "-" "bot" 0.012)");
    model.appendBatch(batch);
    model.flushNow();
    const auto cell = [&](int column, int role = Qt::DisplayRole) {
        return model.index(0, column).data(role);
    };
    QCOMPARE(cell(LogModel::SourceColumn).toString(), QStringLiteral("app0000042_web_1"));
    QCOMPARE(cell(LogModel::StreamColumn).toString(), QStringLiteral("stdout"));
    QCOMPARE(cell(LogModel::LevelColumn).toString(), QStringLiteral("warning"));
    QCOMPARE(cell(LogModel::StatusColumn).toInt(), 404);
    QCOMPARE(cell(LogModel::MethodColumn).toString(), QStringLiteral("GET"));
    QCOMPARE(cell(LogModel::PathColumn).toString(), QStringLiteral("/wp-login.php"));
    QCOMPARE(cell(LogModel::LatencyColumn).toString(), QStringLiteral("12.0 ms"));
    QCOMPARE(cell(LogModel::StatusColumn, Qt::ForegroundRole).value<QColor>(), QColor(0xe6, 0x7e, 0x00));
    QCOMPARE(cell(0, LogRoles::TimeNsRole).toLongLong(), Base);
    QCOMPARE(cell(0, LogRoles::HttpStatusRole).toInt(), 404);
    QVERIFY(!cell(LogModel::TimeColumn).toString().isEmpty());
}

// A plugin's output is third-party text: colour codes, cursor moves, window
// titles, hyperlinks and bidi overrides must not reach the view or a copy
// (which an admin may paste into a terminal), invalid UTF-8 stays visible.
void TestLogModel::terminalControlsAreNeitherShownNorCopied()
{
    LogModel model;
    LogBatch batch;
    const int s = batch.sourceIndex(QStringLiteral("app0000042_web_1"));
    const QList<QByteArray> lines {
        "\x1b[31mERROR\x1b[0m payment failed",
        "\x1b]0;pwned\x07title set \x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\ here",
        "cursor\x1b[2J\x1b[H\x1b[1A moved \x1b(B\x1b"
        "7saved",
        "bell\x07 backspace\x08 carriage\r end",
        "invalid \xff\xfe bytes",
        "order \xe2\x80\xae txt.exe",
        "8-bit csi \xc2\x9b"
        "31m red",
        "cut at the end \x1b[",
    };
    for (const QByteArray &line : lines)
        batch.append(s, Base, LogStream::Stdout, LogLevel::Info, line);
    model.appendBatch(batch);
    model.flushNow();
    QCOMPARE(model.rowCount(), int(lines.size()));
    const QStringList shown = messages(model);
    QCOMPARE(shown.at(0), QStringLiteral("ERROR payment failed"));
    QCOMPARE(shown.at(1), QStringLiteral("title set click here"));
    QCOMPARE(shown.at(2), QStringLiteral("cursor moved saved"));
    QCOMPARE(shown.at(3), QStringLiteral("bell⟨U+0007⟩ backspace⟨U+0008⟩ carriage ⏎  end"));
    QCOMPARE(shown.at(4), QStringLiteral("invalid \uFFFD\uFFFD bytes"));
    QCOMPARE(shown.at(5), QStringLiteral("order ⟨U+202E⟩ txt.exe"));
    QCOMPARE(shown.at(6), QStringLiteral("8-bit csi  red"));
    QCOMPARE(shown.at(7), QStringLiteral("cut at the end "));
    for (int row = 0; row < model.rowCount(); ++row) {
        const QString copied = model.index(row, 0).data(LogRoles::MessageRole).toString();
        QVERIFY2(!copied.contains(QChar(0x1b)) && !copied.contains(QChar(0x7)) && !copied.contains(QChar(0x202e)),
                 qPrintable(copied));
    }
    // Plain lines come back as they were.
    LogBatch plain;
    plain.append(plain.sourceIndex(QStringLiteral("web")), Base, LogStream::Stdout, LogLevel::Info,
                 "GET /index.php 200\tfine");
    model.appendBatch(plain);
    model.flushNow();
    QCOMPARE(messages(model).constLast(), QStringLiteral("GET /index.php 200 fine"));
}

void TestLogModel::filter_data()
{
    QTest::addColumn<LogFilter>("filter");
    QTest::addColumn<int>("expected");
    LogFilter f;
    QTest::newRow("empty") << f << 200;
    f.text = QStringLiteral("error");
    QTest::newRow("smart case: insensitive") << f << 20;
    f.text = QStringLiteral("Error");
    QTest::newRow("smart case: capitals are exact") << f << 0;
    f.text = QStringLiteral("ERROR failure 1");
    QTest::newRow("substring") << f << 11; // 10, 100..190
    f.text = QStringLiteral("^line 1[0-9]$");
    f.regex = true;
    QTest::newRow("regex") << f << 9; // 11..19 without 10
    f = {};
    f.streamMask = quint8(1u << unsigned(LogStream::Stderr));
    QTest::newRow("stderr") << f << 40;
    f = {};
    f.levelMask = quint8(1u << unsigned(LogLevel::Error));
    QTest::newRow("errors") << f << 20;
    f = {};
    f.fromNs = Base + 50 * 1000000LL;
    f.toNs = Base + 60 * 1000000LL;
    QTest::newRow("time range") << f << 10;
    f = {};
    f.sources = QStringList { QStringLiteral("php") };
    QTest::newRow("container") << f << 100;
    f.text = QStringLiteral("line 15");
    QTest::newRow("container and text") << f << 9; // php's 151..159; web's "line 15" is another container
}

void TestLogModel::filter()
{
    QFETCH(LogFilter, filter);
    QFETCH(int, expected);
    LogModel model;
    model.appendBatch(makeBatch(0, 100, QStringLiteral("web")));
    model.appendBatch(makeBatch(100, 100, QStringLiteral("php")));
    model.flushNow();
    LogFilterModel filtered(&model);
    QAbstractItemModelTester tester(&filtered, QAbstractItemModelTester::FailureReportingMode::QtTest);
    filtered.setFilter(filter);
    QTRY_VERIFY(!filtered.isFiltering());
    QCOMPARE(filtered.rowCount(), expected);
}

void TestLogModel::filterFollowsNewAndEvictedLines()
{
    LogModel model;
    model.setCapacity(100);
    LogFilterModel filtered(&model);
    QAbstractItemModelTester tester(&filtered, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester sourceTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    LogFilter f;
    f.text = QStringLiteral("failure");
    filtered.setFilter(f);
    model.appendBatch(makeBatch(0, 100));
    model.flushNow();
    QCOMPARE(filtered.rowCount(), 10);
    model.appendBatch(makeBatch(100, 35));
    model.flushNow();
    // 0..34 evicted (failures 0,10,20,30 gone), 100..130 added (100,110,120,130).
    QCOMPARE(filtered.rowCount(), 10);
    QCOMPARE(messages(filtered).first(), QStringLiteral("ERROR failure 40"));
    QCOMPARE(messages(filtered).last(), QStringLiteral("ERROR failure 130"));
    // Clearing the filter passes every line through again.
    filtered.setFilter({});
    QCOMPARE(filtered.rowCount(), 100);
    model.appendBatch(makeBatch(135, 5));
    model.flushNow();
    QCOMPARE(filtered.rowCount(), 100);
    QCOMPARE(messages(filtered).last(), QStringLiteral("line 139"));
}

void TestLogModel::largeFilterRunsOffTheUiThread()
{
    LogModel model;
    for (int i = 0; i < 6; ++i) // above the size filtered synchronously
        model.appendBatch(makeBatch(i * 10000, 10000));
    model.flushNow();
    LogFilterModel filtered(&model);
    QAbstractItemModelTester tester(&filtered, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy busy(&filtered, &LogFilterModel::filteringChanged);
    LogFilter f;
    f.text = QStringLiteral("failure 59990");
    filtered.setFilter(f);
    QVERIFY(filtered.isFiltering());
    // Lines arriving while the job runs are matched too.
    model.appendBatch(makeBatch(59990, 20));
    model.flushNow();
    QTRY_VERIFY(!filtered.isFiltering());
    QCOMPARE(busy.size(), 2);
    QCOMPARE(messages(filtered),
             (QStringList { QStringLiteral("ERROR failure 59990"), QStringLiteral("ERROR failure 59990") }));
    QCOMPARE(filtered.rowForSequence(filtered.sequenceAt(1)), 1);
}

void TestLogModel::containerFilterKnowsLaterContainers()
{
    LogModel model;
    model.appendBatch(makeBatch(0, 10, QStringLiteral("web")));
    model.flushNow();
    LogFilterModel filtered(&model);
    QAbstractItemModelTester tester(&filtered, QAbstractItemModelTester::FailureReportingMode::QtTest);
    LogFilter f;
    f.sources = QStringList { QStringLiteral("php") }; // not started yet
    filtered.setFilter(f);
    QCOMPARE(filtered.rowCount(), 0);
    model.appendBatch(makeBatch(10, 5, QStringLiteral("php")));
    model.flushNow();
    QCOMPARE(filtered.rowCount(), 5);
}

void TestLogModel::invalidRegexReportsError()
{
    LogModel model;
    model.appendBatch(makeBatch(0, 10));
    model.flushNow();
    LogFilterModel filtered(&model);
    QSignalSpy error(&filtered, &LogFilterModel::filterError);
    LogFilter f;
    f.text = QStringLiteral("([unclosed");
    f.regex = true;
    filtered.setFilter(f);
    QCOMPARE(error.size(), 1);
    QCOMPARE(filtered.rowCount(), 10);
}

void TestLogModel::exportWritesFilteredLines()
{
    LogModel model;
    model.appendBatch(makeBatch(0, 100));
    model.flushNow();
    LogFilterModel filtered(&model);
    LogFilter f;
    f.text = QStringLiteral("failure");
    filtered.setFilter(f);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.log"));
    QFuture<LogExportResult> future = exportLogLines(filtered.selection(), path);
    future.waitForFinished();
    QCOMPARE(exportResult(future).lines, 10);
    QVERIFY(exportResult(future).error.isEmpty());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.size(), 11);
    QCOMPARE(lines.first(), QByteArray("2026-11-24T20:01:31Z web ERROR failure 0"));
    QCOMPARE(lines.at(1), QByteArray("2026-11-24T20:01:31.010000000Z web ERROR failure 10"));
    // A directory that does not exist is an error, not a crash or a silent success.
    QFuture<LogExportResult> bad = exportLogLines(filtered.selection(), dir.filePath(QStringLiteral("no/such/dir/x")));
    bad.waitForFinished();
    QVERIFY(!exportResult(bad).error.isEmpty());
}

void TestLogModel::snapshotSurvivesEviction()
{
    LogModel model;
    model.setCapacity(LogSegment::Size);
    model.appendBatch(makeBatch(0, int(LogSegment::Size)));
    model.flushNow();
    const LogSnapshot snapshot = model.snapshot();
    model.appendBatch(makeBatch(int(LogSegment::Size), int(LogSegment::Size) * 2));
    model.flushNow();
    // Lines evicted within their own flush never got a sequence number.
    QCOMPARE(model.store().firstSeq(), LogSegment::Size);
    QCOMPARE(model.droppedLines(), LogSegment::Size * 2);
    QCOMPARE(snapshot.record(5).bytes().toByteArray(), QByteArray("line 5"));
}

void TestLogModel::linesAfterClearAreTheNewLines_data()
{
    // How many lines the store held before the clear: the new lines must be
    // read back whatever position in a segment the sequence numbers reached.
    QTest::addColumn<int>("before");
    QTest::addColumn<int>("capacity");
    QTest::newRow("empty") << 0 << int(LogModel::DefaultCapacity);
    QTest::newRow("one line") << 1 << int(LogModel::DefaultCapacity);
    QTest::newRow("mid segment") << 100 << int(LogModel::DefaultCapacity);
    QTest::newRow("segment minus one") << int(LogSegment::Size - 1) << int(LogModel::DefaultCapacity);
    QTest::newRow("segment boundary") << int(LogSegment::Size) << int(LogModel::DefaultCapacity);
    QTest::newRow("past a boundary") << int(LogSegment::Size + 7) << int(LogModel::DefaultCapacity);
    QTest::newRow("after the ring wrapped") << int(LogSegment::Size * 2 + 13) << 5000;
}

void TestLogModel::linesAfterClearAreTheNewLines()
{
    QFETCH(int, before);
    QFETCH(int, capacity);
    LogModel model;
    model.setCapacity(capacity);
    LogFilterModel passThrough(&model);
    LogFilterModel filtered(&model);
    QAbstractItemModelTester modelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester passTester(&passThrough, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester filterTester(&filtered, QAbstractItemModelTester::FailureReportingMode::QtTest);
    LogFilter errors;
    errors.text = QStringLiteral("ERROR");
    filtered.setFilter(errors);
    if (before > 0) {
        model.appendBatch(makeBatch(0, before, QStringLiteral("old-app")));
        model.flushNow();
    }
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(passThrough.rowCount(), 0);
    QCOMPARE(filtered.rowCount(), 0);
    // More than a segment, so the new lines cross a segment boundary too.
    const int after = int(LogSegment::Size) + 300;
    model.appendBatch(makeBatch(1000000, after, QStringLiteral("new-app")));
    model.flushNow();
    const int expected = qMin(after, capacity);
    QCOMPARE(model.rowCount(), expected);
    QCOMPARE(passThrough.rowCount(), expected);
    const int firstNumber = 1000000 + after - expected;
    const LogSnapshot snapshot = model.snapshot();
    for (int row = 0; row < expected; ++row) {
        const int number = firstNumber + row;
        const QString want
            = (number % 10 == 0 ? QStringLiteral("ERROR failure ") : QStringLiteral("line ")) + QString::number(number);
        QCOMPARE(model.index(row, LogModel::MessageColumn).data().toString(), want);
        QCOMPARE(passThrough.index(row, LogModel::MessageColumn).data().toString(), want);
        QCOMPARE(model.index(row, LogModel::SourceColumn).data().toString(), QStringLiteral("new-app"));
        QCOMPARE(QString::fromUtf8(snapshot.record(model.sequenceAt(row)).bytes()), want);
    }
    const QStringList matched = messages(filtered);
    QCOMPARE(matched.size(), (expected + 9) / 10);
    for (const QString &line : matched)
        QVERIFY2(line.startsWith(QStringLiteral("ERROR failure 1")), qPrintable(line));
}

void TestLogModel::clearWhileFilteringKeepsOnlyStoredLines()
{
    LogModel model;
    for (int i = 0; i < 6; ++i) // above the size filtered synchronously
        model.appendBatch(makeBatch(i * 10000, 10000, QStringLiteral("old-app")));
    model.flushNow();
    LogFilterModel filtered(&model);
    QAbstractItemModelTester tester(&filtered, QAbstractItemModelTester::FailureReportingMode::QtTest);
    LogFilter f;
    f.text = QStringLiteral("failure");
    filtered.setFilter(f);
    QVERIFY(filtered.isFiltering());
    // The admin switches apps while the old app's lines are still being filtered.
    model.clear();
    model.appendBatch(makeBatch(2000000, 25, QStringLiteral("new-app")));
    model.flushNow();
    QTRY_VERIFY(!filtered.isFiltering());
    QCOMPARE(messages(filtered),
             (QStringList { QStringLiteral("ERROR failure 2000000"), QStringLiteral("ERROR failure 2000010"),
                            QStringLiteral("ERROR failure 2000020") }));
    for (int row = 0; row < filtered.rowCount(); ++row)
        QVERIFY(filtered.sourceRow(row) >= 0);
}

QTEST_GUILESS_MAIN(TestLogModel)
#include "tst_logmodel.moc"
