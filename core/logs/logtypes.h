#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Dockmaster {

// Docker's stream ids; System carries the engine's in-band errors (type 3).
enum class LogStream : quint8 { Stdout = 1, Stderr = 2, System = 3 };

enum class LogLevel : quint8 { Unknown = 0, Debug, Info, Notice, Warning, Error, Critical };

// One line inside a LogBatch: the text lives in LogBatch::text so a batch of
// thousands of lines is two allocations, not thousands.
struct LogBatchLine {
    qint64 timeNs = 0; // UTC nanoseconds since the epoch; 0 when the line had no timestamp
    quint32 offset = 0;
    quint32 length = 0;
    quint16 source = 0; // index into LogBatch::sources
    LogStream stream = LogStream::Stdout;
    LogLevel level = LogLevel::Unknown;
};

// Lines handed from a log source's worker thread to the model in one go.
struct LogBatch {
    // Longer lines keep their first MaxLineBytes (cut between characters) and
    // end in "…": a line is for reading, and a container printing megabytes
    // without a newline must not hold the window's memory. Docker itself
    // splits lines at 16 KiB.
    static constexpr qsizetype MaxLineBytes = 16 * 1024;

    QStringList sources; // container (or Loki stream) names
    QByteArray text;     // UTF-8, lines back to back without separators
    QList<LogBatchLine> lines;

    QByteArrayView lineText(const LogBatchLine &line) const
    {
        return QByteArrayView(text).sliced(line.offset, line.length);
    }
    int sourceIndex(const QString &name);
    void append(int source, qint64 timeNs, LogStream stream, LogLevel level, QByteArrayView bytes);
    bool isEmpty() const { return lines.isEmpty(); }
};

QString logStreamName(LogStream stream);
QString logLevelName(LogLevel level);

} // namespace Dockmaster

Q_DECLARE_METATYPE(Dockmaster::LogBatch)
