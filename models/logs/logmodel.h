#pragma once

#include "core/logs/logtypes.h"
#include "models/logs/logstore.h"

#include <QAbstractTableModel>
#include <QList>
#include <QTimer>

namespace Dockmaster {

// All lines of a log view, oldest first, capped: beyond capacity() lines or
// textBudget() bytes of text the oldest lines are dropped and counted. Incoming batches are queued and inserted on a
// short single-shot timer, so the view sees at most one insert per frame.
class LogModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        SourceColumn,
        StreamColumn,
        LevelColumn,
        StatusColumn,
        MethodColumn,
        PathColumn,
        LatencyColumn,
        MessageColumn,
        COUNT
    };
    static constexpr qint64 DefaultCapacity = 1000000;
    // Lines are at most LogBatch::MaxLineBytes, so memory stays within this
    // plus one segment of records and text (LogSegment), whatever a
    // container prints.
    static constexpr qint64 DefaultTextBudget = 128 * 1024 * 1024;
    // Queued lines are stored at once past this, not on the next frame, so
    // the queue stays small when batches come faster than frames.
    static constexpr qint64 MaxPendingBytes = 8 * 1024 * 1024;

    explicit LogModel(QObject *parent = nullptr);

    qint64 capacity() const { return m_capacity; }
    void setCapacity(qint64 lines);
    qint64 textBudget() const { return m_textBudget; }
    void setTextBudget(qint64 bytes);
    qint64 droppedLines() const { return m_dropped; }
    qint64 totalLines() const { return m_total; } // ever received
    void setFlushInterval(int ms) { m_flushTimer.setInterval(ms); }

    // Queues the batch; rows appear on the next flush.
    void appendBatch(const Dockmaster::LogBatch &batch);
    void flushNow();
    bool hasPending() const { return !m_pending.isEmpty(); }
    void clear();

    const LogStore &store() const { return m_store; }
    qint64 sequenceAt(int row) const { return m_store.firstSeq() + row; }
    int rowForSequence(qint64 seq) const; // -1 when evicted or not yet present
    const LogRecord &recordAt(int row) const { return m_store.record(sequenceAt(row)); }
    const QStringList &sources() const { return m_store.sources(); }
    LogSnapshot snapshot() const { return m_store.snapshot(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Display text of one record for any column; also used by copy and export.
    static QString formatTime(qint64 timeNs);
    QVariant recordData(const LogRecord &record, qint64 seq, int column, int role) const;

Q_SIGNALS:
    void droppedLinesChanged(qint64 dropped);
    void sourcesChanged(const QStringList &sources);

private:
    void applyLimits(); // after a lower cap or budget: drops at once
    // Drops the oldest stored lines so that `lines` more of `bytes` fit.
    void evictToFit(qint64 lines, qint64 bytes);

    LogStore m_store;
    QList<LogBatch> m_pending;
    qint64 m_pendingLines = 0;
    qint64 m_pendingBytes = 0;
    qint64 m_capacity = DefaultCapacity;
    qint64 m_textBudget = DefaultTextBudget;
    qint64 m_dropped = 0;
    qint64 m_total = 0;
    QTimer m_flushTimer;
};

} // namespace Dockmaster
