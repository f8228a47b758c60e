#include "models/logs/logexport.h"

#include "core/logs/logtimestamp.h"
#include "core/util/pooljob.h"

#include <QCoreApplication>
#include <QPromise>
#include <QSaveFile>

namespace Dockmaster {
namespace {

// Names the hand-over of export results for ThreadSanitizer (exportResult()).
const char ExportResults = 0;

void runExport(QPromise<LogExportResult> &promise, const LogFilterModel::Selection &selection, const QString &path,
               const LogExportOptions &options)
{
    LogExportResult result;
    const LogSnapshot &snapshot = selection.snapshot;
    const qint64 total = selection.allLines ? snapshot.size() : qint64(selection.sequences.size());
    promise.setProgressRange(0, int(qMin<qint64>(total, INT_MAX)));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        result.error
            = QCoreApplication::translate("Dockmaster::LogExport", "Cannot write %1: %2").arg(path, file.errorString());
        promise.addResult(result);
        return;
    }
    QByteArray buffer;
    buffer.reserve(1 << 20);
    const auto streamName = [](LogStream stream) -> QByteArrayView {
        switch (stream) {
        case LogStream::Stdout:
            return "stdout";
        case LogStream::Stderr:
            return "stderr";
        case LogStream::System:
            return "engine";
        }
        return "";
    };
    for (qint64 i = 0; i < total; ++i) {
        const qint64 seq = selection.allLines ? snapshot.firstSeq() + i : selection.sequences[size_t(i)];
        if (seq < snapshot.firstSeq() || seq >= snapshot.endSeq())
            continue;
        const LogRecord &record = snapshot.record(seq);
        if (options.includeTime) {
            buffer.append(formatRfc3339Nanos(record.timeNs));
            buffer.append(' ');
        }
        if (options.includeSource) {
            buffer.append(snapshot.sources().value(record.source).toUtf8());
            buffer.append(' ');
        }
        if (options.includeStream) {
            buffer.append(streamName(record.stream));
            buffer.append(' ');
        }
        buffer.append(record.bytes());
        buffer.append('\n');
        ++result.lines;
        if (buffer.size() >= (1 << 20) || i + 1 == total) {
            if (file.write(buffer) != buffer.size()) {
                result.error = QCoreApplication::translate("Dockmaster::LogExport", "Cannot write %1: %2")
                                   .arg(path, file.errorString());
                file.cancelWriting();
                promise.addResult(result);
                return;
            }
            buffer.clear();
            promise.setProgressValue(int(qMin<qint64>(i + 1, INT_MAX)));
            if (promise.isCanceled()) {
                file.cancelWriting();
                result.canceled = true;
                promise.addResult(result);
                return;
            }
        }
    }
    if (!file.commit())
        result.error
            = QCoreApplication::translate("Dockmaster::LogExport", "Cannot write %1: %2").arg(path, file.errorString());
    promise.addResult(result);
}

} // namespace

QFuture<LogExportResult> exportLogLines(LogFilterModel::Selection selection, const QString &path,
                                        const LogExportOptions &options)
{
    auto promise = std::make_shared<QPromise<LogExportResult>>();
    QFuture<LogExportResult> future = promise->future();
    promise->start();
    PoolJob::start([promise, selection = std::move(selection), path, options] {
        runExport(*promise, selection, path, options);
        ThreadHandover::send(&ExportResults);
        promise->finish();
    });
    return future;
}

LogExportResult exportResult(const QFuture<LogExportResult> &finished)
{
    ThreadHandover::receive(&ExportResults);
    return finished.resultCount() > 0 ? finished.result() : LogExportResult { 0, {}, true };
}

} // namespace Dockmaster
