// libFuzzer target: the unified-diff reader on patches GitLab or git send.
#include "core/review/unifieddiff.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Dockmaster;
    const QString patch = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const QList<DiffLine> lines = UnifiedDiff::parseLines(patch);
    const auto [added, removed] = UnifiedDiff::countChanges(patch);
    // Every counted line is a line of the patch.
    if (added + removed > lines.size())
        __builtin_trap();
    for (const FileDiff &file : UnifiedDiff::parseFiles(patch))
        (void)UnifiedDiff::parseLines(file.diff);
    return 0;
}
