// libFuzzer target for the Docker log demuxer and line assembler (clang only):
// the first input byte picks the mode and the cut size, the rest is the wire.
#include "core/logs/dockerframedemuxer.h"
#include "core/logs/logtimestamp.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    using namespace Dockmaster;
    const bool raw = data[0] & 0x80;
    const size_t cut = 1 + (data[0] & 0x7f);
    DockerFrameDemuxer demuxer(raw ? DockerFrameDemuxer::Mode::Raw : DockerFrameDemuxer::Mode::Multiplexed);
    LogLineAssembler assemblers[4];
    size_t lines = 0;
    const char *wire = reinterpret_cast<const char *>(data + 1);
    const size_t length = size - 1;
    for (size_t pos = 0; pos < length; pos += cut) {
        const size_t take = pos + cut > length ? length - pos : cut;
        demuxer.feed(QByteArrayView(wire + pos, qsizetype(take)), [&](LogStream stream, QByteArrayView piece) {
            assemblers[int(stream)].feed(piece, [&](QByteArrayView line) {
                qsizetype consumed = 0;
                parseRfc3339Nanos(line, &consumed);
                ++lines;
            });
        });
    }
    return lines > length + 1 ? 1 : 0;
}
