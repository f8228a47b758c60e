#pragma once

#include "models/logs/logstore.h"

#include <QByteArray>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <atomic>
#include <vector>

namespace Dockmaster {

// What the user asked to see. Empty members mean "everything".
struct LogFilter {
    QString text;
    bool regex = false;
    QStringList sources;   // container names
    quint8 streamMask = 0; // bit (1 << LogStream); 0: all streams
    quint8 levelMask = 0;  // bit (1 << LogLevel); 0: all levels
    qint64 fromNs = -1;    // inclusive
    qint64 toNs = -1;      // exclusive

    bool isEmpty() const
    {
        return text.isEmpty() && sources.isEmpty() && streamMask == 0 && levelMask == 0 && fromNs < 0 && toNs < 0;
    }
    bool operator==(const LogFilter &) const = default;
};

// A LogFilter compiled for fast matching against stored UTF-8 lines. Text
// matching is "smart case": case-insensitive unless the text has capitals.
// Immutable after construction, so one instance may be shared by threads.
class LogLineMatcher
{
public:
    LogLineMatcher(const LogFilter &filter, const QStringList &sources);

    bool isValid() const { return m_valid; }
    QString errorString() const { return m_error; }
    bool matches(const LogRecord &record) const;
    // [start, length) ranges of the matches in a displayed message, for highlighting.
    QList<std::pair<int, int>> highlights(const QString &message) const;

private:
    bool matchesText(QByteArrayView text) const;

    LogFilter m_filter;
    std::vector<bool> m_sourceAllowed; // by source index; empty: all
    QByteArray m_needle;               // UTF-8; lower-cased when insensitive
    bool m_caseInsensitive = false;
    int m_skip[256] = {};
    QRegularExpression m_regex;
    bool m_valid = true;
    QString m_error;
};

// Sequence numbers of the lines in [from, to) of a snapshot that match.
// Runs the range in parallel slices; stops early when *cancel becomes true.
std::vector<qint64> filterLogSnapshot(const LogSnapshot &snapshot, const LogLineMatcher &matcher, qint64 from,
                                      qint64 to, const std::atomic_bool *cancel = nullptr);

} // namespace Dockmaster
