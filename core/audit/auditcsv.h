#pragma once

#include "core/domain/records.h"

namespace Dockmaster {

// The audit trail as CSV (RFC 4180) for spreadsheets: UTF-8 with a byte-order
// mark so Excel shows Chinese text correctly, every field quoted, and cells a
// spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) made
// inert with a leading apostrophe, since details quote third-party text.
class AuditCsv
{
public:
    static QByteArray toCsv(const QList<AuditEntry> &entries);
    // One quoted, formula-inert field; other CSV exports share these rules.
    static QByteArray field(QString value);
    // Writes `csv` atomically (QSaveFile); returns an error message, empty on success.
    static QString writeBytes(const QString &path, const QByteArray &csv);
    // Writes atomically (QSaveFile); returns an error message, empty on success.
    // Blocking: call it off the UI thread.
    static QString write(const QString &path, const QList<AuditEntry> &entries);
};

} // namespace Dockmaster
