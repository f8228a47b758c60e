#pragma once

#include "models/logs/logfiltermodel.h"

#include <QFuture>
#include <QString>

namespace Dockmaster {

struct LogExportOptions {
    bool includeTime = true;   // RFC 3339 UTC with nanoseconds, exact
    bool includeSource = true; // container name
    bool includeStream = false;
};

struct LogExportResult {
    qint64 lines = 0;
    QString error; // empty on success
    bool canceled = false;
};

// Writes the selected lines to a file on a worker thread. The future reports
// progress as lines written (range 0..total) and can be canceled; the file is
// only replaced when everything was written.
QFuture<LogExportResult> exportLogLines(LogFilterModel::Selection selection, const QString &path,
                                        const LogExportOptions &options = {});
// The result of a finished export: canceled when it ended without one. Read
// it through here (not QFuture::result()), which tells ThreadSanitizer about
// the hand-over from the worker (core/util/pooljob.h).
LogExportResult exportResult(const QFuture<LogExportResult> &finished);

} // namespace Dockmaster

Q_DECLARE_METATYPE(Dockmaster::LogExportResult)
