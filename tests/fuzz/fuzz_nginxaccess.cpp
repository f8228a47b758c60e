// libFuzzer target: the nginx access-line and log-level readers on container
// log lines (a plugin prints whatever it likes).
#include "core/logs/loglineparse.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Dockmaster;
    const QByteArrayView line(reinterpret_cast<const char *>(data), qsizetype(size));
    NginxAccessLine parsed;
    if (parseNginxAccessLine(line, &parsed)) {
        // Views into the line, never past it.
        const auto inside = [&](QByteArrayView part) {
            return part.isEmpty()
                || (part.data() >= line.data() && part.data() + part.size() <= line.data() + line.size());
        };
        if (!inside(parsed.method) || !inside(parsed.path))
            __builtin_trap();
    }
    (void)detectLogLevel(line);
    return 0;
}
