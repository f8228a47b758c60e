#pragma once

#include "models/logs/logfilter.h"
#include "models/logs/logmodel.h"

#include <QAbstractTableModel>
#include <QPointer>

#include <deque>
#include <memory>

namespace Dockmaster {

class ThreadMailbox;

// The lines of a LogModel that pass a LogFilter. A new filter is evaluated
// over a snapshot on a worker thread (a million lines do not stall the UI);
// lines arriving later are matched as they come, a batch at a time. With an
// empty filter it passes the model through without any per-line state.
class LogFilterModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit LogFilterModel(LogModel *source, QObject *parent = nullptr);
    ~LogFilterModel() override;

    LogModel *sourceModel() const { return m_source; }
    void setFilter(const LogFilter &filter);
    const LogFilter &filter() const { return m_filter; }
    bool isFiltering() const { return m_job != nullptr; }
    // Shared with the delegate to highlight what matched.
    std::shared_ptr<const LogLineMatcher> matcher() const { return m_matcher; }

    qint64 sequenceAt(int row) const;
    int rowForSequence(qint64 seq) const; // first row at or after seq, rowCount() if none
    int rowForTime(qint64 timeNs) const;  // first row at or after the time (rows are in time order)
    int sourceRow(int row) const { return m_source->rowForSequence(sequenceAt(row)); }

    // What export needs, taken on this thread and safe to use on another.
    struct Selection {
        LogSnapshot snapshot;
        std::vector<qint64> sequences; // empty with allLines
        bool allLines = false;
    };
    Selection selection() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void filteringChanged(bool busy);
    void filterError(const QString &message);

private:
    struct Job;
    void onSourceAboutToBeInserted(const QModelIndex &parent, int first, int last);
    void onSourceInserted(const QModelIndex &parent, int first, int last);
    void onSourceAboutToBeRemoved(const QModelIndex &parent, int first, int last);
    void onSourceRemoved(const QModelIndex &parent, int first, int last);
    void onSourceAboutToBeReset();
    void onSourceReset();
    void onJobFinished(quint64 serial, const std::vector<qint64> &result);

    QPointer<LogModel> m_source;
    LogFilter m_filter;
    std::shared_ptr<const LogLineMatcher> m_matcher; // null: pass-through
    std::deque<qint64> m_sequences;                  // used when m_matcher is set
    qint64 m_matchedUntil = 0;                       // source lines before this were considered
    std::unique_ptr<Job> m_job;
    quint64 m_jobSerial = 0;
    ThreadMailbox *m_replies = nullptr; // child: the pool's filter results come back through it
};

} // namespace Dockmaster
