#include "models/logs/logstore.h"

#include <cstring>

namespace Dockmaster {
namespace {
constexpr size_t FirstBlockSize = 64 * 1024;
constexpr size_t MaxBlockSize = 1024 * 1024;
} // namespace

LogSegment::LogSegment(qint64 firstSlot)
    : records(std::make_unique_for_overwrite<LogRecord[]>(size_t(Size)))
    , count(firstSlot)
{
    Q_ASSERT(firstSlot >= 0 && firstSlot < Size);
}

const char *LogSegment::store(QByteArrayView text)
{
    const auto length = size_t(text.size());
    if (blocks.empty() || blockUsed + length > blockSize) {
        // Growing blocks keep small logs small and big logs in few allocations.
        blockSize = qMax(length, blocks.empty() ? FirstBlockSize : qMin(MaxBlockSize, blockSize * 2));
        blocks.push_back(std::make_unique_for_overwrite<char[]>(blockSize));
        blockBytes += blockSize;
        blockUsed = 0;
    }
    char *target = blocks.back().get() + blockUsed;
    if (length)
        std::memcpy(target, text.data(), length);
    blockUsed += length;
    return target;
}

void LogStore::append(const LogRecord &record)
{
    if (m_segments.empty() || m_segments.back()->count == LogSegment::Size) {
        if (m_segments.empty())
            m_segmentBase = m_endSeq / LogSegment::Size;
        // After a clear the sequence numbers go on from where they were, so
        // the first line may belong in the middle of its segment.
        m_segments.push_back(std::make_shared<LogSegment>(m_endSeq % LogSegment::Size));
    }
    Q_ASSERT(m_segmentBase + qint64(m_segments.size()) - 1 == m_endSeq / LogSegment::Size);
    Q_ASSERT(m_segments.back()->count == m_endSeq % LogSegment::Size);
    LogSegment &segment = *m_segments.back();
    LogRecord &target = segment.records[size_t(segment.count)];
    target = record;
    target.text = segment.store(record.bytes());
    ++segment.count;
    ++m_endSeq;
    m_textBytes += record.length;
}

LogStore::Eviction LogStore::evictionToFit(qint64 maxLines, qint64 maxBytes) const
{
    Eviction eviction;
    const qint64 overLines = size() - qMax<qint64>(0, maxLines);
    for (qint64 seq = m_firstSeq;
         seq < m_endSeq && (eviction.lines < overLines || m_textBytes - eviction.bytes > maxBytes); ++seq) {
        eviction.bytes += record(seq).length;
        ++eviction.lines;
    }
    return eviction;
}

void LogStore::evict(const Eviction &eviction)
{
    m_firstSeq = qMin(m_firstSeq + qMax<qint64>(0, eviction.lines), m_endSeq);
    m_textBytes -= eviction.bytes;
    while (!m_segments.empty() && (m_segmentBase + 1) * LogSegment::Size <= m_firstSeq) {
        m_segments.pop_front();
        ++m_segmentBase;
    }
    if (m_segments.empty())
        m_segmentBase = m_endSeq / LogSegment::Size;
}

void LogStore::clear()
{
    m_segments.clear();
    m_firstSeq = m_endSeq;
    m_textBytes = 0;
    m_segmentBase = m_endSeq / LogSegment::Size;
}

int LogStore::internSource(const QString &name)
{
    const qsizetype index = m_sources.indexOf(name);
    if (index >= 0)
        return int(index);
    m_sources.append(name);
    return int(m_sources.size() - 1);
}

LogSnapshot LogStore::snapshot() const
{
    LogSnapshot snapshot;
    snapshot.m_segments.assign(m_segments.begin(), m_segments.end());
    snapshot.m_segmentBase = m_segmentBase;
    snapshot.m_firstSeq = m_firstSeq;
    snapshot.m_endSeq = m_endSeq;
    snapshot.m_sources = m_sources;
    return snapshot;
}

size_t LogStore::bytesAllocated() const
{
    size_t total = 0;
    for (const auto &segment : m_segments) {
        total += sizeof(LogSegment) + size_t(LogSegment::Size) * sizeof(LogRecord) + segment->blockBytes;
    }
    return total;
}

} // namespace Dockmaster
