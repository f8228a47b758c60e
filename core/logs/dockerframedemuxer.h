#pragma once

#include "core/logs/logtypes.h"

#include <QByteArray>
#include <QByteArrayView>

#include <cstring>
#include <type_traits>
#include <utility>

namespace Dockmaster {

// Splits Docker's log stream into per-stream payload. Multiplexed streams carry
// an 8-byte header per frame ({type,0,0,0,size BE32}); TTY containers send raw
// bytes. Input may be cut anywhere: only the header is buffered, payload is
// handed on as views into the caller's buffer, so a large frame is never copied.
class DockerFrameDemuxer
{
public:
    enum class Mode { Multiplexed, Raw };

    explicit DockerFrameDemuxer(Mode mode = Mode::Multiplexed)
        : m_mode(mode)
    {
    }

    Mode mode() const { return m_mode; }
    void setMode(Mode mode)
    {
        m_mode = mode;
        reset();
    }
    void reset()
    {
        m_headerFill = 0;
        m_remaining = 0;
        m_atFrameStart = false;
        m_error = false;
    }
    // True while a header or a payload is incomplete: a drop now lost data mid-frame.
    bool inFrame() const { return m_headerFill > 0 || m_remaining > 0; }
    bool hasError() const { return m_error; }

    // sink(LogStream, QByteArrayView piece) receives payload pieces in order; a
    // frame split across reads arrives as several pieces. A sink that also
    // takes a bool learns which pieces begin a frame (each log message is one
    // frame). Returns false, and ignores all further input, once the data
    // cannot be a frame stream.
    template<typename Sink> bool feed(QByteArrayView data, Sink &&sink)
    {
        constexpr bool toldFrameStarts = std::is_invocable_v<Sink, LogStream, QByteArrayView, bool>;
        const auto deliver = [&sink](LogStream stream, QByteArrayView piece, bool frameStart) {
            if constexpr (toldFrameStarts)
                sink(stream, piece, frameStart);
            else
                sink(stream, piece);
        };
        if (m_error)
            return false;
        if (m_mode == Mode::Raw) {
            if (!data.isEmpty())
                deliver(LogStream::Stdout, data, false);
            return true;
        }
        const char *p = data.data();
        const char *const end = p + data.size();
        while (p < end) {
            if (m_remaining == 0) {
                const qsizetype want = qsizetype(sizeof m_header) - m_headerFill;
                const qsizetype take = qMin(want, qsizetype(end - p));
                std::memcpy(m_header + m_headerFill, p, size_t(take));
                m_headerFill += int(take);
                p += take;
                if (m_headerFill < int(sizeof m_header))
                    return true;
                m_headerFill = 0;
                const auto type = static_cast<unsigned char>(m_header[0]);
                if (type > 3) {
                    m_error = true;
                    return false;
                }
                m_stream = type == 2 ? LogStream::Stderr : (type == 3 ? LogStream::System : LogStream::Stdout);
                m_remaining = (quint32(static_cast<unsigned char>(m_header[4])) << 24)
                    | (quint32(static_cast<unsigned char>(m_header[5])) << 16)
                    | (quint32(static_cast<unsigned char>(m_header[6])) << 8)
                    | quint32(static_cast<unsigned char>(m_header[7]));
                m_atFrameStart = true;
                continue;
            }
            const qsizetype take = qMin(qsizetype(m_remaining), qsizetype(end - p));
            m_remaining -= quint32(take);
            deliver(m_stream, QByteArrayView(p, take), std::exchange(m_atFrameStart, false));
            p += take;
        }
        return true;
    }

    // The stream the payload currently being received belongs to.
    LogStream currentStream() const { return m_stream; }
    // Bytes of payload still expected for the current frame (0 between frames).
    quint32 remainingInFrame() const { return m_remaining; }

private:
    Mode m_mode;
    char m_header[8] = {};
    int m_headerFill = 0;
    quint32 m_remaining = 0;
    LogStream m_stream = LogStream::Stdout;
    bool m_atFrameStart = false;
    bool m_error = false;
};

// Reassembles lines from payload pieces. A line that is complete inside one
// piece is passed on as a view of it; only a line cut by a piece boundary is
// copied into the carry buffer.
class LogLineAssembler
{
public:
    // Longer lines are cut, so a peer that never sends '\n' cannot exhaust memory.
    static constexpr qsizetype MaxLineLength = 1 << 20;

    template<typename Sink> void feed(QByteArrayView piece, Sink &&sink)
    {
        const char *p = piece.data();
        const char *const end = p + piece.size();
        while (p < end) {
            const auto *nl = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
            if (!nl) {
                m_carry.append(p, end - p);
                while (m_carry.size() >= MaxLineLength) {
                    sink(QByteArrayView(m_carry).first(MaxLineLength));
                    m_carry.remove(0, MaxLineLength);
                }
                return;
            }
            if (m_carry.isEmpty()) {
                sink(trimCr(QByteArrayView(p, nl - p)));
            } else {
                m_carry.append(p, nl - p);
                sink(trimCr(QByteArrayView(m_carry)));
                m_carry.clear();
            }
            p = nl + 1;
        }
    }

    // Hands on an unterminated last line (at the normal end of a stream).
    template<typename Sink> void flush(Sink &&sink)
    {
        if (!m_carry.isEmpty()) {
            sink(trimCr(QByteArrayView(m_carry)));
            m_carry.clear();
        }
    }
    void clear() { m_carry.clear(); }
    bool hasPartialLine() const { return !m_carry.isEmpty(); }

private:
    static QByteArrayView trimCr(QByteArrayView line) { return line.endsWith('\r') ? line.chopped(1) : line; }

    QByteArray m_carry;
};

} // namespace Dockmaster
