#include "models/logs/logfiltermodel.h"

#include "core/util/pooljob.h"
#include "models/logs/logmodelroles.h"

#include <algorithm>

namespace Dockmaster {
namespace {
// Below this a new filter is applied at once: quicker than a thread hop.
constexpr qint64 SynchronousFilterLimit = 50000;
} // namespace

struct LogFilterModel::Job {
    std::shared_ptr<const LogLineMatcher> matcher;
    std::shared_ptr<std::atomic_bool> cancel = std::make_shared<std::atomic_bool>(false);
    qint64 snapshotEnd = 0;
    quint64 serial = 0; // its result is taken only while it is the current job
};

LogFilterModel::LogFilterModel(LogModel *source, QObject *parent)
    : QAbstractTableModel(parent)
    , m_source(source)
{
    connect(source, &QAbstractItemModel::rowsAboutToBeInserted, this, &LogFilterModel::onSourceAboutToBeInserted);
    connect(source, &QAbstractItemModel::rowsInserted, this, &LogFilterModel::onSourceInserted);
    connect(source, &QAbstractItemModel::rowsAboutToBeRemoved, this, &LogFilterModel::onSourceAboutToBeRemoved);
    connect(source, &QAbstractItemModel::rowsRemoved, this, &LogFilterModel::onSourceRemoved);
    connect(source, &QAbstractItemModel::modelAboutToBeReset, this, &LogFilterModel::onSourceAboutToBeReset);
    connect(source, &QAbstractItemModel::modelReset, this, &LogFilterModel::onSourceReset);
    m_replies = new ThreadMailbox(this);
    connect(source, &LogModel::sourcesChanged, this, [this](const QStringList &sources) {
        // A container that appears later may be one the filter names.
        if (m_matcher && !m_filter.sources.isEmpty())
            m_matcher = std::make_shared<const LogLineMatcher>(m_filter, sources);
        if (m_job && !m_filter.sources.isEmpty())
            m_job->matcher = std::make_shared<const LogLineMatcher>(m_filter, sources);
    });
    m_matchedUntil = source->store().endSeq();
}

LogFilterModel::~LogFilterModel()
{
    // The job holds what it reads (a snapshot, the matcher); its result is dropped with m_replies.
    if (m_job)
        m_job->cancel->store(true);
}

void LogFilterModel::setFilter(const LogFilter &filter)
{
    if (filter == m_filter && !m_job)
        return;
    m_filter = filter;
    const bool wasBusy = m_job != nullptr;
    if (m_job) {
        m_job->cancel->store(true);
        m_job.reset();
    }
    if (filter.isEmpty()) {
        beginResetModel();
        m_matcher.reset();
        m_sequences.clear();
        endResetModel();
        if (wasBusy)
            Q_EMIT filteringChanged(false);
        return;
    }
    auto matcher = std::make_shared<const LogLineMatcher>(filter, m_source->sources());
    if (!matcher->isValid()) {
        if (wasBusy)
            Q_EMIT filteringChanged(false);
        Q_EMIT filterError(matcher->errorString());
        return;
    }
    const LogStore &store = m_source->store();
    if (store.size() <= SynchronousFilterLimit) {
        const LogSnapshot snapshot = store.snapshot();
        const std::vector<qint64> result
            = filterLogSnapshot(snapshot, *matcher, snapshot.firstSeq(), snapshot.endSeq());
        beginResetModel();
        m_matcher = matcher;
        m_sequences.assign(result.begin(), result.end());
        m_matchedUntil = snapshot.endSeq();
        endResetModel();
        if (wasBusy)
            Q_EMIT filteringChanged(false);
        return;
    }
    m_job = std::make_unique<Job>();
    m_job->matcher = matcher;
    const LogSnapshot snapshot = store.snapshot();
    m_job->snapshotEnd = snapshot.endSeq();
    std::shared_ptr<std::atomic_bool> cancel = m_job->cancel;
    m_job->serial = ++m_jobSerial;
    runInPool<std::vector<qint64>>(
        *m_replies,
        [snapshot, matcher, cancel] {
            return filterLogSnapshot(snapshot, *matcher, snapshot.firstSeq(), snapshot.endSeq(), cancel.get());
        },
        [this, serial = m_job->serial](std::vector<qint64> result) { onJobFinished(serial, std::move(result)); });
    if (!wasBusy)
        Q_EMIT filteringChanged(true);
}

void LogFilterModel::onJobFinished(quint64 serial, const std::vector<qint64> &result)
{
    if (!m_job || m_job->serial != serial)
        return;
    const std::unique_ptr<Job> job = std::move(m_job);
    if (job->cancel->load())
        return;
    const LogStore &store = m_source->store();
    beginResetModel();
    m_matcher = job->matcher;
    m_sequences.clear();
    for (const qint64 seq : result) {
        if (seq >= store.firstSeq())
            m_sequences.push_back(seq);
    }
    // Lines that arrived while the job ran.
    for (qint64 seq = qMax(job->snapshotEnd, store.firstSeq()); seq < store.endSeq(); ++seq) {
        if (m_matcher->matches(store.record(seq)))
            m_sequences.push_back(seq);
    }
    m_matchedUntil = store.endSeq();
    endResetModel();
    Q_EMIT filteringChanged(false);
}

void LogFilterModel::onSourceAboutToBeInserted(const QModelIndex &, int first, int last)
{
    if (!m_matcher)
        beginInsertRows({}, first, last);
}

void LogFilterModel::onSourceInserted(const QModelIndex &, int first, int last)
{
    if (!m_matcher) {
        endInsertRows();
        m_matchedUntil = m_source->store().endSeq();
        return;
    }
    const LogStore &store = m_source->store();
    const qint64 begin = qMax(m_matchedUntil, m_source->sequenceAt(first));
    const qint64 end = m_source->sequenceAt(last) + 1;
    std::vector<qint64> matched;
    for (qint64 seq = begin; seq < end; ++seq) {
        if (m_matcher->matches(store.record(seq)))
            matched.push_back(seq);
    }
    m_matchedUntil = end;
    if (matched.empty())
        return;
    const int row = rowCount();
    beginInsertRows({}, row, row + int(matched.size()) - 1);
    m_sequences.insert(m_sequences.end(), matched.begin(), matched.end());
    endInsertRows();
}

void LogFilterModel::onSourceAboutToBeRemoved(const QModelIndex &, int first, int last)
{
    if (!m_matcher) {
        beginRemoveRows({}, first, last);
        return;
    }
    // The model only ever drops its oldest lines.
    const qint64 newFirst = m_source->sequenceAt(last) + 1;
    const auto it = std::lower_bound(m_sequences.begin(), m_sequences.end(), newFirst);
    const auto count = int(it - m_sequences.begin());
    if (count == 0)
        return;
    beginRemoveRows({}, 0, count - 1);
    m_sequences.erase(m_sequences.begin(), it);
    endRemoveRows();
}

void LogFilterModel::onSourceRemoved(const QModelIndex &, int, int)
{
    if (!m_matcher)
        endRemoveRows();
}

void LogFilterModel::onSourceAboutToBeReset()
{
    beginResetModel();
}

void LogFilterModel::onSourceReset()
{
    m_sequences.clear();
    m_matchedUntil = m_source->store().endSeq();
    endResetModel();
}

qint64 LogFilterModel::sequenceAt(int row) const
{
    if (!m_matcher)
        return m_source->sequenceAt(row);
    return m_sequences[size_t(row)];
}

int LogFilterModel::rowForSequence(qint64 seq) const
{
    if (!m_matcher) {
        const qint64 first = m_source->store().firstSeq();
        return int(qBound<qint64>(0, seq - first, m_source->store().size()));
    }
    return int(std::lower_bound(m_sequences.begin(), m_sequences.end(), seq) - m_sequences.begin());
}

int LogFilterModel::rowForTime(qint64 timeNs) const
{
    const LogStore &store = m_source->store();
    int low = 0;
    int high = rowCount();
    while (low < high) {
        const int mid = low + (high - low) / 2;
        if (store.record(sequenceAt(mid)).timeNs < timeNs)
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}

LogFilterModel::Selection LogFilterModel::selection() const
{
    Selection selection;
    selection.snapshot = m_source->snapshot();
    if (!m_matcher)
        selection.allLines = true;
    else
        selection.sequences.assign(m_sequences.begin(), m_sequences.end());
    return selection;
}

int LogFilterModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return m_matcher ? int(m_sequences.size()) : m_source->rowCount();
}

int LogFilterModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : LogModel::COUNT;
}

QVariant LogFilterModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const qint64 seq = sequenceAt(index.row());
    return m_source->recordData(m_source->store().record(seq), seq, index.column(), role);
}

QVariant LogFilterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return m_source->headerData(section, orientation, role);
}

} // namespace Dockmaster
