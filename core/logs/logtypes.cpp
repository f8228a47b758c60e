#include "core/logs/logtypes.h"

#include <QCoreApplication>

namespace Dockmaster {

int LogBatch::sourceIndex(const QString &name)
{
    const qsizetype index = sources.indexOf(name);
    if (index >= 0)
        return int(index);
    sources.append(name);
    return int(sources.size() - 1);
}

void LogBatch::append(int source, qint64 timeNs, LogStream stream, LogLevel level, QByteArrayView bytes)
{
    static constexpr char Ellipsis[] = "\xe2\x80\xa6"; // U+2026
    bool cut = false;
    if (bytes.size() > MaxLineBytes) {
        qsizetype end = MaxLineBytes - qsizetype(sizeof(Ellipsis) - 1);
        // Back to the start of a character: continuation bytes are 10xxxxxx.
        for (int i = 0; i < 3 && (quint8(bytes.at(end)) & 0xc0) == 0x80; ++i)
            --end;
        bytes = bytes.first(end);
        cut = true;
    }
    LogBatchLine line;
    line.timeNs = timeNs;
    line.offset = quint32(text.size());
    line.length = quint32(bytes.size() + (cut ? qsizetype(sizeof(Ellipsis) - 1) : 0));
    line.source = quint16(source);
    line.stream = stream;
    line.level = level;
    text.append(bytes);
    if (cut)
        text.append(Ellipsis);
    lines.append(line);
}

QString logStreamName(LogStream stream)
{
    switch (stream) {
    case LogStream::Stdout:
        return QCoreApplication::translate("Dockmaster::LogStream", "stdout");
    case LogStream::Stderr:
        return QCoreApplication::translate("Dockmaster::LogStream", "stderr");
    case LogStream::System:
        return QCoreApplication::translate("Dockmaster::LogStream", "engine");
    }
    return {};
}

QString logLevelName(LogLevel level)
{
    switch (level) {
    case LogLevel::Unknown:
        return {};
    case LogLevel::Debug:
        return QCoreApplication::translate("Dockmaster::LogLevel", "debug");
    case LogLevel::Info:
        return QCoreApplication::translate("Dockmaster::LogLevel", "info");
    case LogLevel::Notice:
        return QCoreApplication::translate("Dockmaster::LogLevel", "notice");
    case LogLevel::Warning:
        return QCoreApplication::translate("Dockmaster::LogLevel", "warning");
    case LogLevel::Error:
        return QCoreApplication::translate("Dockmaster::LogLevel", "error");
    case LogLevel::Critical:
        return QCoreApplication::translate("Dockmaster::LogLevel", "critical");
    }
    return {};
}

} // namespace Dockmaster
