#include "models/logs/logmodel.h"

#include "core/logs/loglineparse.h"
#include "core/logs/logtimestamp.h"
#include "core/util/untrustedtext.h"
#include "models/logs/logmodelroles.h"

#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QVarLengthArray>

namespace Dockmaster {
namespace {

// How many of the newest lines of `batches` (and how many bytes of text) fit
// within `lines` and `bytes` by themselves.
std::pair<qint64, qint64> newestThatFit(const QList<LogBatch> &batches, qint64 lines, qint64 bytes)
{
    qint64 keptLines = 0;
    qint64 keptBytes = 0;
    for (auto batch = batches.crbegin(); batch != batches.crend(); ++batch) {
        for (auto line = batch->lines.crbegin(); line != batch->lines.crend(); ++line) {
            if (keptLines + 1 > lines || keptBytes + line->length > bytes)
                return { keptLines, keptBytes };
            ++keptLines;
            keptBytes += line->length;
        }
    }
    return { keptLines, keptBytes };
}

} // namespace

LogModel::LogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_flushTimer.setSingleShot(true);
    // One insert per frame at most: a fast container cannot flood the view.
    m_flushTimer.setInterval(16);
    connect(&m_flushTimer, &QTimer::timeout, this, &LogModel::flushNow);
}

void LogModel::setCapacity(qint64 lines)
{
    m_capacity = qMax<qint64>(1, lines);
    applyLimits();
}

void LogModel::setTextBudget(qint64 bytes)
{
    m_textBudget = qMax<qint64>(1, bytes);
    applyLimits();
}

void LogModel::applyLimits()
{
    const qint64 droppedBefore = m_dropped;
    evictToFit(0, 0);
    if (m_dropped != droppedBefore)
        Q_EMIT droppedLinesChanged(m_dropped);
}

void LogModel::appendBatch(const LogBatch &batch)
{
    if (batch.isEmpty())
        return;
    m_pending.append(batch);
    m_pendingLines += batch.lines.size();
    m_pendingBytes += batch.text.size();
    if (m_pendingBytes >= MaxPendingBytes)
        flushNow();
    else if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void LogModel::evictToFit(qint64 lines, qint64 bytes)
{
    const LogStore::Eviction eviction = m_store.evictionToFit(m_capacity - lines, m_textBudget - bytes);
    if (eviction.lines <= 0)
        return;
    beginRemoveRows({}, 0, int(eviction.lines - 1));
    m_store.evict(eviction);
    endRemoveRows();
    m_dropped += eviction.lines;
}

void LogModel::flushNow()
{
    m_flushTimer.stop();
    if (m_pending.isEmpty())
        return;
    const QList<LogBatch> pending = std::exchange(m_pending, {});
    const qint64 incoming = std::exchange(m_pendingLines, 0);
    m_pendingBytes = 0;
    const qint64 droppedBefore = m_dropped;
    const qsizetype sourcesBefore = m_store.sources().size();
    m_total += incoming;
    // New container names are announced before their lines arrive, so a
    // filter by container can know them when it matches those lines.
    for (const LogBatch &batch : pending) {
        for (const QString &name : batch.sources)
            m_store.internSource(name);
    }
    if (m_store.sources().size() != sourcesBefore)
        Q_EMIT sourcesChanged(m_store.sources());

    // The newest incoming lines that fit by themselves are kept; older ones
    // would be evicted in this same flush, so they are never stored.
    const auto [keptLines, keptBytes] = newestThatFit(pending, m_capacity, m_textBudget);
    evictToFit(keptLines, keptBytes);
    qint64 skip = incoming - keptLines;
    m_dropped += skip;
    if (keptLines > 0) {
        const int first = rowCount();
        beginInsertRows({}, first, int(first + keptLines - 1));
        for (const LogBatch &batch : pending) {
            QVarLengthArray<quint16, 8> sourceMap;
            for (const QString &name : batch.sources)
                sourceMap.append(quint16(m_store.internSource(name)));
            for (const LogBatchLine &line : batch.lines) {
                if (skip > 0) {
                    --skip;
                    continue;
                }
                LogRecord record;
                record.timeNs = line.timeNs;
                record.text = batch.text.constData() + line.offset;
                record.length = line.length;
                record.source = line.source < sourceMap.size() ? sourceMap[line.source] : 0;
                record.stream = line.stream;
                record.level = line.level;
                m_store.append(record);
            }
        }
        endInsertRows();
    }
    if (m_dropped != droppedBefore)
        Q_EMIT droppedLinesChanged(m_dropped);
}

void LogModel::clear()
{
    beginResetModel();
    m_pending.clear();
    m_pendingLines = 0;
    m_pendingBytes = 0;
    m_store.clear();
    endResetModel();
}

int LogModel::rowForSequence(qint64 seq) const
{
    if (seq < m_store.firstSeq() || seq >= m_store.endSeq())
        return -1;
    return int(seq - m_store.firstSeq());
}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_store.size());
}

int LogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : COUNT;
}

QString LogModel::formatTime(qint64 timeNs)
{
    if (timeNs <= 0)
        return {};
    // Local-time conversion is slow; the UTC offset only changes on the hour at most.
    thread_local qint64 cachedHour = -1;
    thread_local qint64 cachedOffsetNs = 0;
    const qint64 hour = timeNs / 3600000000000LL;
    if (hour != cachedHour) {
        cachedHour = hour;
        cachedOffsetNs = qint64(QDateTime::fromMSecsSinceEpoch(timeNs / 1000000).offsetFromUtc()) * 1000000000LL;
    }
    // "2026-11-24T20:01:31.123456789Z" -> "2026-11-24 20:01:31.123"
    QByteArray text = formatRfc3339Nanos(timeNs + cachedOffsetNs);
    text[10] = ' ';
    if (text.size() > 20 && text[19] == '.')
        text.truncate(23);
    else
        text = text.left(19) + ".000";
    return QString::fromLatin1(text);
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const qint64 seq = sequenceAt(index.row());
    return recordData(m_store.record(seq), seq, index.column(), role);
}

QVariant LogModel::recordData(const LogRecord &record, qint64 seq, int column, int role) const
{
    NginxAccessLine access;
    const auto parseAccess = [&] {
        return parseNginxAccessLine(record.bytes(), &access);
    };
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (column) {
        case TimeColumn:
            return formatTime(record.timeNs);
        case SourceColumn:
            return m_store.sources().value(record.source);
        case StreamColumn:
            return logStreamName(record.stream);
        case LevelColumn:
            return logLevelName(record.level);
        case StatusColumn:
            return parseAccess() ? QVariant(access.status) : QVariant();
        case MethodColumn:
            return parseAccess() ? UntrustedText::terminalLine(QString::fromUtf8(access.method)) : QString();
        case PathColumn:
            return parseAccess() ? UntrustedText::terminalLine(QString::fromUtf8(access.path)) : QString();
        case LatencyColumn:
            if (parseAccess() && access.latencySeconds >= 0)
                return tr("%1 ms").arg(access.latencySeconds * 1000.0, 0, 'f', 1);
            return {};
        case MessageColumn:
            return UntrustedText::terminalLine(QString::fromUtf8(record.bytes()));
        }
        return {};
    case Qt::ForegroundRole:
        if (column == StatusColumn && parseAccess()) {
            if (access.status >= 500)
                return QColor(0xc6, 0x28, 0x28);
            if (access.status >= 400)
                return QColor(0xe6, 0x7e, 0x00);
            if (access.status >= 300)
                return QColor(0x15, 0x65, 0xc0);
            return QColor(0x2e, 0x7d, 0x32);
        }
        if (record.stream == LogStream::System || record.level >= LogLevel::Error)
            return QColor(0xc6, 0x28, 0x28);
        if (record.level == LogLevel::Warning)
            return QColor(0xe6, 0x7e, 0x00);
        return {};
    case LogRoles::TimeNsRole:
        return record.timeNs;
    case LogRoles::SourceRole:
        return m_store.sources().value(record.source);
    case LogRoles::SourceIndexRole:
        return int(record.source);
    case LogRoles::StreamRole:
        return int(record.stream);
    case LogRoles::LevelRole:
        return int(record.level);
    case LogRoles::MessageRole:
        return UntrustedText::terminalLine(QString::fromUtf8(record.bytes()));
    case LogRoles::HttpStatusRole:
        return parseAccess() ? access.status : 0;
    case LogRoles::HttpMethodRole:
        return parseAccess() ? UntrustedText::terminalLine(QString::fromUtf8(access.method)) : QString();
    case LogRoles::HttpPathRole:
        return parseAccess() ? UntrustedText::terminalLine(QString::fromUtf8(access.path)) : QString();
    case LogRoles::LatencyRole:
        return parseAccess() ? access.latencySeconds : -1.0;
    case LogRoles::SequenceRole:
        return seq;
    default:
        return {};
    }
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case SourceColumn:
        return tr("Container");
    case StreamColumn:
        return tr("Stream");
    case LevelColumn:
        return tr("Level");
    case StatusColumn:
        return tr("Status");
    case MethodColumn:
        return tr("Method");
    case PathColumn:
        return tr("Path");
    case LatencyColumn:
        return tr("Latency");
    case MessageColumn:
        return tr("Message");
    }
    return {};
}

} // namespace Dockmaster
