// Prints one "name value unit" line per figure; not a pass/fail test.
#include "core/logs/dockerframedemuxer.h"
#include "core/logs/loglineparse.h"
#include "core/logs/logtimestamp.h"
#include "models/logs/logfiltermodel.h"
#include "models/logs/logmodel.h"
#include "views/logs/loglistview.h"
#include "views/logs/logview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <malloc.h>
#include <unistd.h>

using namespace Dockmaster;

namespace {

constexpr qint64 Base = 1795550491000000000LL;

// A 100-byte message: nginx access lines and app lines, like a plugin's container.
QByteArray message(qint64 i)
{
    QByteArray text;
    if (i % 3 == 0)
        text = "10.0.0." + QByteArray::number(i % 250) + " - - [24/Nov/2026:20:01:31 +0000] \"GET /api/items/"
            + QByteArray::number(i) + " HTTP/1.1\" 200 512 \"-\" \"curl\" 0.004";
    else
        text = "[24-Nov-2026 20:01:31] NOTICE: worker " + QByteArray::number(i % 17)
            + " handled request id=" + QByteArray::number(i * 7919);
    text = text.leftJustified(100, '.', true);
    return text;
}

QByteArray docker(qint64 from, qint64 count, QByteArray *plain)
{
    QByteArray wire;
    wire.reserve(count * 140);
    for (qint64 i = from; i < from + count; ++i) {
        const QByteArray payload = formatRfc3339Nanos(Base + i * 1000) + ' ' + message(i) + '\n';
        if (plain)
            plain->append(payload);
        QByteArray header(8, '\0');
        header[0] = char(i % 10 == 0 ? 2 : 1);
        const auto size = quint32(payload.size());
        header[4] = char(size >> 24);
        header[5] = char(size >> 16);
        header[6] = char(size >> 8);
        header[7] = char(size);
        wire += header + payload;
    }
    return wire;
}

// The worker's parse path: demux, lines, timestamp, level, into batches.
struct Parser {
    DockerFrameDemuxer demuxer;
    LogLineAssembler lines[4];
    LogBatch batch;
    Parser() { batch.sourceIndex(QStringLiteral("app0000042_web_1")); }
    void feed(QByteArrayView data)
    {
        demuxer.feed(data, [this](LogStream stream, QByteArrayView piece) {
            lines[int(stream)].feed(piece, [this, stream](QByteArrayView line) {
                qsizetype consumed = 0;
                const qint64 t = parseRfc3339Nanos(line, &consumed);
                const QByteArrayView text = t >= 0 ? line.sliced(consumed) : line;
                batch.append(0, t, stream, detectLogLevel(text), text);
            });
        });
    }
    LogBatch take()
    {
        return std::exchange(batch, [] {
            LogBatch b;
            b.sourceIndex(QStringLiteral("app0000042_web_1"));
            return b;
        }());
    }
};

long rssBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> parts = statm.readAll().split(' ');
    return parts.size() > 1 ? parts.at(1).toLong() * sysconf(_SC_PAGESIZE) : 0;
}

void print(const char *name, double value, const char *unit)
{
    std::printf("%s %.2f %s\n", name, value, unit);
    std::fflush(stdout);
}

void benchIngest()
{
    constexpr qint64 Lines = 2000000;
    QByteArray plain;
    const QByteArray wire = docker(0, Lines, &plain);
    LogModel model;
    Parser parser;
    QElapsedTimer timer;
    timer.start();
    constexpr qsizetype Read = 64 * 1024; // a socket read
    for (qsizetype pos = 0; pos < wire.size(); pos += Read) {
        parser.feed(QByteArrayView(wire).sliced(pos, qMin(Read, wire.size() - pos)));
        if (parser.batch.lines.size() >= 4096) {
            model.appendBatch(parser.take());
            model.flushNow();
        }
    }
    model.appendBatch(parser.take());
    model.flushNow();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    print("logs.ingest_lines_per_s", double(Lines) / seconds, "lines/s");

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("plain.log"));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(plain);
        file.close();
        QProcess grep;
        timer.restart();
        grep.start(QStringLiteral("grep"),
                   { QStringLiteral("-F"), QStringLiteral("-c"), QStringLiteral("no such text"), path });
        grep.waitForFinished(-1);
        const double grepSeconds = double(timer.nsecsElapsed()) / 1e9;
        print("logs.grep_lines_per_s", double(Lines) / grepSeconds, "lines/s");
        print("logs.ingest_vs_grep_ratio", seconds > 0 ? grepSeconds / seconds : 0, "x");
    }
}

void benchMemoryAndFilter()
{
    malloc_trim(0);
    const long before = rssBytes();
    auto model = std::make_unique<LogModel>();
    constexpr qint64 Lines = 1000000;
    qint64 textBytes = 0;
    for (qint64 from = 0; from < Lines; from += 10000) {
        LogBatch batch;
        batch.sourceIndex(QStringLiteral("app0000042_web_1"));
        for (qint64 i = from; i < from + 10000; ++i) {
            const QByteArray text = message(i);
            textBytes += text.size();
            batch.append(0, Base + i * 1000, LogStream::Stdout, detectLogLevel(text), text);
        }
        model->appendBatch(batch);
        model->flushNow();
    }
    malloc_trim(0);
    const long after = rssBytes();
    print("logs.bytes_per_line", double(after - before) / double(Lines), "bytes");
    print("logs.overhead_bytes_per_line", double(after - before - textBytes) / double(Lines), "bytes");
    print("logs.store_overhead_bytes_per_line",
          double(qint64(model->store().bytesAllocated()) - textBytes) / double(Lines), "bytes");

    LogFilterModel filtered(model.get());
    LogFilter filter;
    filter.text = QStringLiteral("request id=7919"); // rare: a realistic search
    QEventLoop loop;
    QObject::connect(&filtered, &LogFilterModel::filteringChanged, &loop, [&loop](bool busy) {
        if (!busy)
            loop.quit();
    });
    QElapsedTimer timer;
    timer.start();
    filtered.setFilter(filter);
    if (filtered.isFiltering())
        loop.exec();
    print("logs.filter_1m_ms", double(timer.nsecsElapsed()) / 1e6, "ms");
    filter.text = QStringLiteral("GET /api/items/4242");
    timer.restart();
    filtered.setFilter(filter);
    if (filtered.isFiltering())
        loop.exec();
    print("logs.filter_1m_case_sensitive_ms", double(timer.nsecsElapsed()) / 1e6, "ms");
    filter.text = QStringLiteral("items/42[0-9]+ ");
    filter.regex = true;
    timer.restart();
    filtered.setFilter(filter);
    if (filtered.isFiltering())
        loop.exec();
    print("logs.filter_1m_regex_ms", double(timer.nsecsElapsed()) / 1e6, "ms");
}

// Produces 100,000 lines/s from a thread, as a log source would.
class Feeder : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    void start()
    {
        m_timer = new QTimer(this);
        m_timer->setTimerType(Qt::PreciseTimer);
        m_clock.start();
        connect(m_timer, &QTimer::timeout, this, [this] {
            const qint64 due = m_clock.elapsed() * 100; // lines due at 100k/s
            if (due <= m_sent)
                return;
            Parser parser;
            parser.feed(docker(1000000 + m_sent, due - m_sent, nullptr));
            m_sent = due;
            Q_EMIT batch(parser.take());
        });
        m_timer->start(5);
    }
    void stop() { m_timer->stop(); }
    qint64 sent() const { return m_sent; }
Q_SIGNALS:
    void batch(const Dockmaster::LogBatch &batch);

private:
    QTimer *m_timer = nullptr;
    QElapsedTimer m_clock;
    qint64 m_sent = 0;
};

void benchUiStall()
{
    LogView view;
    view.resize(1200, 800);
    view.show();
    // Start near the cap, so eviction runs during the measurement too.
    for (qint64 from = 0; from < 950000; from += 50000) {
        Parser parser;
        parser.feed(docker(from, 50000, nullptr));
        view.model()->appendBatch(parser.take());
        view.model()->flushNow();
    }
    LogFilter filter;
    filter.text = QStringLiteral("notice");
    view.setFilter(filter); // highlights on: the heaviest paint
    QThread thread;
    Feeder feeder;
    feeder.moveToThread(&thread);
    QObject::connect(&feeder, &Feeder::batch, view.model(), &LogModel::appendBatch);
    thread.start();
    QMetaObject::invokeMethod(&feeder, &Feeder::start);

    std::vector<double> lateness;
    QElapsedTimer clock;
    clock.start();
    qint64 last = clock.nsecsElapsed();
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        lateness.push_back(qMax(0.0, double(now - last) / 1e6 - 2.0));
        last = now;
    });
    probe.start(2);
    // The view repaints every frame, as on a 60 Hz screen.
    QTimer frame;
    frame.setTimerType(Qt::PreciseTimer);
    std::vector<double> paints;
    QObject::connect(&frame, &QTimer::timeout, [&] {
        QElapsedTimer paint;
        paint.start();
        view.listView()->viewport()->repaint();
        paints.push_back(double(paint.nsecsElapsed()) / 1e6);
    });
    frame.start(16);
    QEventLoop loop;
    QTimer::singleShot(5000, &loop, &QEventLoop::quit);
    loop.exec();
    probe.stop();
    frame.stop();
    QMetaObject::invokeMethod(&feeder, &Feeder::stop, Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
    std::sort(lateness.begin(), lateness.end());
    const double p99 = lateness.empty() ? 0 : lateness[size_t(double(lateness.size() - 1) * 0.99)];
    print("logs.ui_stall_p99_ms", p99, "ms");
    std::sort(paints.begin(), paints.end());
    print("logs.ui_paint_p99_ms", paints.empty() ? 0 : paints[size_t(double(paints.size() - 1) * 0.99)], "ms");
    print("logs.ui_stall_max_ms", lateness.empty() ? 0 : lateness.back(), "ms");
    print("logs.ui_ingest_lines_per_s", double(feeder.sent()) / 5.0, "lines/s");
    print("logs.ui_rows_at_end", view.model()->rowCount(), "rows");
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    qRegisterMetaType<LogBatch>();
    benchIngest();
    malloc_trim(0);
    benchMemoryAndFilter();
    malloc_trim(0);
    benchUiStall();
    return 0;
}

#include "bench_logs.moc"
