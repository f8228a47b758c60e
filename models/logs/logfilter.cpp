#include "models/logs/logfilter.h"

#include "core/util/pooljob.h"

#include <QCoreApplication>
#include <QThreadPool>

#include <atomic>
#include <cstring>
#include <latch>

namespace Dockmaster {
namespace {

inline unsigned char foldAscii(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c + 32) : c;
}

bool hasUpper(const QString &text)
{
    for (const QChar c : text) {
        if (c.isUpper())
            return true;
    }
    return false;
}

} // namespace

LogLineMatcher::LogLineMatcher(const LogFilter &filter, const QStringList &sources)
    : m_filter(filter)
{
    if (!filter.sources.isEmpty()) {
        m_sourceAllowed.resize(size_t(sources.size()), false);
        for (qsizetype i = 0; i < sources.size(); ++i)
            m_sourceAllowed[size_t(i)] = filter.sources.contains(sources.at(i));
    }
    m_caseInsensitive = !hasUpper(filter.text);
    if (filter.text.isEmpty())
        return;
    if (filter.regex) {
        m_regex.setPattern(filter.text);
        m_regex.setPatternOptions(m_caseInsensitive ? QRegularExpression::CaseInsensitiveOption
                                                    : QRegularExpression::NoPatternOption);
        if (!m_regex.isValid()) {
            m_valid = false;
            m_error = QCoreApplication::translate("Dockmaster::LogFilter", "Invalid regular expression: %1")
                          .arg(m_regex.errorString());
        }
        return;
    }
    m_needle = m_caseInsensitive ? filter.text.toLower().toUtf8() : filter.text.toUtf8();
    // Horspool skip table over ASCII-folded bytes.
    const int n = int(m_needle.size());
    for (int &skip : m_skip)
        skip = n;
    for (int i = 0; i < n - 1; ++i) {
        const auto c = static_cast<unsigned char>(m_needle[i]);
        m_skip[m_caseInsensitive ? foldAscii(c) : c] = n - 1 - i;
        if (m_caseInsensitive && c >= 'a' && c <= 'z')
            m_skip[c - 32] = n - 1 - i;
    }
}

bool LogLineMatcher::matchesText(QByteArrayView text) const
{
    if (m_filter.regex) {
        if (!m_valid)
            return false;
        return m_regex.matchView(QString::fromUtf8(text)).hasMatch();
    }
    const qsizetype n = m_needle.size();
    if (n > text.size())
        return false;
    if (!m_caseInsensitive)
        return memmem(text.data(), size_t(text.size()), m_needle.constData(), size_t(n)) != nullptr;
    const auto *hay = reinterpret_cast<const unsigned char *>(text.data());
    const auto *needle = reinterpret_cast<const unsigned char *>(m_needle.constData());
    const qsizetype last = n - 1;
    qsizetype pos = 0;
    const qsizetype end = text.size() - n;
    while (pos <= end) {
        const unsigned char tail = hay[pos + last];
        if (foldAscii(tail) == needle[last]) {
            qsizetype i = last - 1;
            while (i >= 0 && foldAscii(hay[pos + i]) == needle[i])
                --i;
            if (i < 0)
                return true;
        }
        pos += m_skip[tail];
    }
    return false;
}

bool LogLineMatcher::matches(const LogRecord &record) const
{
    if (m_filter.fromNs >= 0 && record.timeNs < m_filter.fromNs)
        return false;
    if (m_filter.toNs >= 0 && record.timeNs >= m_filter.toNs)
        return false;
    if (m_filter.streamMask && !(m_filter.streamMask & (1u << unsigned(record.stream))))
        return false;
    if (m_filter.levelMask && !(m_filter.levelMask & (1u << unsigned(record.level))))
        return false;
    if (!m_sourceAllowed.empty() && (record.source >= m_sourceAllowed.size() || !m_sourceAllowed[record.source]))
        return false;
    if (m_filter.text.isEmpty())
        return true;
    return matchesText(record.bytes());
}

QList<std::pair<int, int>> LogLineMatcher::highlights(const QString &message) const
{
    QList<std::pair<int, int>> ranges;
    if (m_filter.text.isEmpty() || !m_valid)
        return ranges;
    if (m_filter.regex) {
        QRegularExpressionMatchIterator it = m_regex.globalMatch(message);
        while (it.hasNext() && ranges.size() < 256) {
            const QRegularExpressionMatch match = it.next();
            if (match.capturedLength() > 0)
                ranges.append({ int(match.capturedStart()), int(match.capturedLength()) });
        }
        return ranges;
    }
    const Qt::CaseSensitivity cs = m_caseInsensitive ? Qt::CaseInsensitive : Qt::CaseSensitive;
    qsizetype from = 0;
    while (ranges.size() < 256) {
        const qsizetype at = message.indexOf(m_filter.text, from, cs);
        if (at < 0)
            break;
        ranges.append({ int(at), int(m_filter.text.size()) });
        from = at + m_filter.text.size();
    }
    return ranges;
}

std::vector<qint64> filterLogSnapshot(const LogSnapshot &snapshot, const LogLineMatcher &matcher, qint64 from,
                                      qint64 to, const std::atomic_bool *cancel)
{
    from = qMax(from, snapshot.firstSeq());
    to = qMin(to, snapshot.endSeq());
    if (from >= to)
        return {};
    const auto runSlice = [&](qint64 begin, qint64 end) {
        std::vector<qint64> result;
        for (qint64 seq = begin; seq < end; ++seq) {
            if (cancel && ((seq & 0xffff) == 0) && cancel->load(std::memory_order_relaxed))
                return std::vector<qint64>();
            if (matcher.matches(snapshot.record(seq)))
                result.push_back(seq);
        }
        return result;
    };
    constexpr qint64 SliceSize = 128 * 1024;
    if (to - from <= SliceSize)
        return runSlice(from, to);
    QList<std::pair<qint64, qint64>> slices;
    for (qint64 begin = from; begin < to; begin += SliceSize)
        slices.append({ begin, qMin(to, begin + SliceSize) });
    // The slices run on the pool and on this thread, which takes slices too:
    // it may itself be a pool thread, and waiting idle could starve the pool.
    // (Pool jobs, not QtConcurrent, so ThreadSanitizer sees the hand-over:
    // core/util/pooljob.h.) A helper that starts after the last slice was
    // taken finds nothing to do and touches only the shared state.
    struct Shared {
        explicit Shared(qsizetype sliceCount)
            : count(sliceCount)
            , parts(size_t(sliceCount))
            , finished(sliceCount)
        {
        }
        const qsizetype count;
        std::vector<std::vector<qint64>> parts;
        std::atomic<qsizetype> next { 0 };
        std::latch finished;
    };
    const auto shared = std::make_shared<Shared>(slices.size());
    const auto takeSlices = [shared, &slices, &runSlice] {
        for (qsizetype i = shared->next++; i < shared->count; i = shared->next++) {
            shared->parts[size_t(i)] = runSlice(slices.at(i).first, slices.at(i).second);
            shared->finished.count_down();
        }
    };
    const qsizetype helpers = qMin<qsizetype>(QThreadPool::globalInstance()->maxThreadCount(), slices.size()) - 1;
    for (qsizetype h = 0; h < helpers; ++h)
        PoolJob::start(takeSlices);
    takeSlices();
    shared->finished.wait();
    const std::vector<std::vector<qint64>> &parts = shared->parts;
    std::vector<qint64> result;
    size_t total = 0;
    for (const auto &part : parts)
        total += part.size();
    result.reserve(total);
    for (const auto &part : parts)
        result.insert(result.end(), part.begin(), part.end());
    return result;
}

} // namespace Dockmaster
