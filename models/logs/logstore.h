#pragma once

#include "core/logs/logtypes.h"

#include <QByteArrayView>
#include <QStringList>

#include <deque>
#include <memory>
#include <vector>

namespace Dockmaster {

// One stored line: 24 bytes plus its text in a shared arena block.
struct LogRecord {
    qint64 timeNs;
    const char *text;
    quint32 length;
    quint16 source;
    LogStream stream;
    LogLevel level;

    QByteArrayView bytes() const { return QByteArrayView(text, length); }
};
static_assert(sizeof(LogRecord) == 24);

// A fixed run of records plus the arena blocks holding their text. Blocks never
// move once allocated, so readers on other threads can use records that were
// complete when their snapshot was taken while the writer appends after them.
// Sequence number seq always lives at records[seq % Size], so a segment begun
// in the middle of a run (after a clear) leaves the slots before its first
// line unused rather than shifting the lines to the front.
// Memory is given back a whole segment at a time, so Size bounds what an
// evicted line can keep alive: 4096 lines of at most LogBatch::MaxLineBytes
// are 64 MiB.
struct LogSegment {
    static constexpr qint64 Size = 4096;

    explicit LogSegment(qint64 firstSlot = 0);
    std::unique_ptr<LogRecord[]> records;
    std::vector<std::unique_ptr<char[]>> blocks;
    size_t blockUsed = 0;
    size_t blockSize = 0;
    qint64 count = 0;      // the next slot to write; written by the owner only
    size_t blockBytes = 0; // all blocks together

    const char *store(QByteArrayView text);
};

// The lines [firstSeq, endSeq) as they were when taken; safe to read on any thread.
class LogSnapshot
{
public:
    qint64 firstSeq() const { return m_firstSeq; }
    qint64 endSeq() const { return m_endSeq; }
    qint64 size() const { return m_endSeq - m_firstSeq; }
    const QStringList &sources() const { return m_sources; }
    const LogRecord &record(qint64 seq) const
    {
        Q_ASSERT_X(seq >= m_firstSeq && seq < m_endSeq, "LogSnapshot::record", "the line is not in this snapshot");
        const qint64 segment = seq / LogSegment::Size - m_segmentBase;
        return m_segments[size_t(segment)]->records[size_t(seq % LogSegment::Size)];
    }

private:
    friend class LogStore;
    std::vector<std::shared_ptr<const LogSegment>> m_segments;
    qint64 m_segmentBase = 0;
    qint64 m_firstSeq = 0;
    qint64 m_endSeq = 0;
    QStringList m_sources;
};

// Ring buffer of log lines with sequence numbers that never repeat: the oldest
// lines are evicted beyond the capacity. Memory is one record per line plus
// the UTF-8 text in large blocks (no per-line heap object).
class LogStore
{
public:
    qint64 firstSeq() const { return m_firstSeq; }
    qint64 endSeq() const { return m_endSeq; }
    qint64 size() const { return m_endSeq - m_firstSeq; }
    qint64 textBytes() const { return m_textBytes; } // of the lines held

    const LogRecord &record(qint64 seq) const
    {
        // A row that outlived its line (a clear, an eviction) must never be read.
        Q_ASSERT_X(seq >= m_firstSeq && seq < m_endSeq, "LogStore::record", "the line was cleared or evicted");
        const qint64 segment = seq / LogSegment::Size - m_segmentBase;
        return m_segments[size_t(segment)]->records[size_t(seq % LogSegment::Size)];
    }
    void append(const LogRecord &record); // record.text is copied into the arena

    // The oldest lines to drop so that at most maxLines lines and maxBytes
    // of text remain: found in one walk, then dropped without another.
    struct Eviction {
        qint64 lines = 0;
        qint64 bytes = 0;
    };
    Eviction evictionToFit(qint64 maxLines, qint64 maxBytes) const;
    void evict(const Eviction &eviction);
    void clear();

    int internSource(const QString &name);
    const QStringList &sources() const { return m_sources; }

    LogSnapshot snapshot() const;
    size_t bytesAllocated() const;

private:
    std::deque<std::shared_ptr<LogSegment>> m_segments;
    qint64 m_segmentBase = 0; // index of m_segments.front() in units of LogSegment::Size
    qint64 m_firstSeq = 0;
    qint64 m_endSeq = 0;
    qint64 m_textBytes = 0;
    QStringList m_sources;
};

} // namespace Dockmaster
