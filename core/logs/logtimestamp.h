#pragma once

#include <QByteArrayView>
#include <QtGlobal>

namespace Dockmaster {

// Parses the RFC 3339 prefix the Docker API puts before each line with
// timestamps=1: "2026-11-24T20:01:31Z " (podman, whole seconds) or
// "2026-11-24T20:01:31.123456789Z " / "...+02:00 " (Docker, nanoseconds).
// Returns UTC nanoseconds since the epoch and sets *consumed to the prefix
// length including the separating space, or returns -1 when there is none.
qint64 parseRfc3339Nanos(QByteArrayView text, qsizetype *consumed);

// "2026-11-24T20:01:31.123456789Z" for a nanosecond epoch (fraction omitted when 0).
QByteArray formatRfc3339Nanos(qint64 nanos);

} // namespace Dockmaster
