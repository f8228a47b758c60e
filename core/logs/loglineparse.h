#pragma once

#include "core/logs/logtypes.h"

#include <QByteArrayView>

namespace Dockmaster {

// Best guess of a line's severity from the first words the usual formats put
// there: nginx "[error]", php-fpm "WARNING:", "level=warn", and nginx access
// lines by their status (5xx error, 4xx warning).
LogLevel detectLogLevel(QByteArrayView message);

// An nginx access-log line in the combined format, optionally followed by the
// request time ("... 0.003" or "rt=0.003"/"request_time=0.003").
struct NginxAccessLine {
    int status = 0;
    QByteArrayView method;
    QByteArrayView path;
    double latencySeconds = -1; // < 0 when the format carries none
};

bool parseNginxAccessLine(QByteArrayView line, NginxAccessLine *out);

} // namespace Dockmaster
