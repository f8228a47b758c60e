#pragma once

#include <Qt>

// Roles of LogModel and LogFilterModel, shared with the log view's delegate.
namespace Dockmaster::LogRoles {
enum : int {
    TimeNsRole = Qt::UserRole + 1, // qint64 UTC nanoseconds
    SourceRole,                    // QString container name
    SourceIndexRole,               // int
    StreamRole,                    // int (LogStream)
    LevelRole,                     // int (LogLevel)
    MessageRole,                   // QString, the line without its timestamp
    HttpStatusRole,                // int, 0 when not an access-log line
    HttpMethodRole,                // QString
    HttpPathRole,                  // QString
    LatencyRole,                   // double seconds, < 0 when unknown
    SequenceRole,                  // qint64, stable identity of a line
};
} // namespace Dockmaster::LogRoles
