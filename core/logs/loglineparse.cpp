#include "core/logs/loglineparse.h"

#include <cstdlib>
#include <cstring>

namespace Dockmaster {
namespace {

char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

bool isAlpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

LogLevel levelForWord(const char *w, qsizetype len)
{
    char buf[12];
    if (len < 3 || len > qsizetype(sizeof buf))
        return LogLevel::Unknown;
    for (qsizetype i = 0; i < len; ++i)
        buf[i] = lower(w[i]);
    const QByteArrayView word(buf, len);
    if (word == "error" || word == "err" || word == "eror")
        return LogLevel::Error;
    if (word == "warn" || word == "warning")
        return LogLevel::Warning;
    if (word == "crit" || word == "critical" || word == "fatal" || word == "emerg" || word == "alert"
        || word == "panic")
        return LogLevel::Critical;
    if (word == "notice")
        return LogLevel::Notice;
    if (word == "info")
        return LogLevel::Info;
    if (word == "debug" || word == "trace")
        return LogLevel::Debug;
    return LogLevel::Unknown;
}

double parseLatency(QByteArrayView token)
{
    if (token.isEmpty() || token.size() > 15)
        return -1;
    bool dot = false;
    for (char c : token) {
        if (c == '.') {
            if (dot)
                return -1;
            dot = true;
        } else if (c < '0' || c > '9') {
            return -1;
        }
    }
    if (!dot)
        return -1;
    char buf[16];
    std::memcpy(buf, token.data(), size_t(token.size()));
    buf[token.size()] = 0;
    return std::strtod(buf, nullptr);
}

} // namespace

LogLevel detectLogLevel(QByteArrayView message)
{
    NginxAccessLine access;
    if (message.size() > 40 && message.indexOf("] \"") > 0 && parseNginxAccessLine(message, &access)) {
        if (access.status >= 500)
            return LogLevel::Error;
        if (access.status >= 400)
            return LogLevel::Warning;
        return LogLevel::Info;
    }
    // Severity words sit near the start in every format we know of.
    const qsizetype limit = qMin<qsizetype>(message.size(), 64);
    const char *p = message.data();
    qsizetype i = 0;
    while (i < limit) {
        if (!isAlpha(p[i])) {
            ++i;
            continue;
        }
        const qsizetype start = i;
        while (i < message.size() && isAlpha(p[i]))
            ++i;
        const LogLevel level = levelForWord(p + start, i - start);
        if (level != LogLevel::Unknown)
            return level;
    }
    return LogLevel::Unknown;
}

bool parseNginxAccessLine(QByteArrayView line, NginxAccessLine *out)
{
    const qsizetype open = line.indexOf("] \"");
    if (open < 0)
        return false;
    const qsizetype requestStart = open + 3;
    const qsizetype requestEnd = line.indexOf('"', requestStart);
    if (requestEnd < 0)
        return false;
    const QByteArrayView request = line.sliced(requestStart, requestEnd - requestStart);
    const qsizetype sp1 = request.indexOf(' ');
    if (sp1 <= 0)
        return false;
    qsizetype sp2 = request.indexOf(' ', sp1 + 1);
    if (sp2 < 0)
        sp2 = request.size();
    qsizetype i = requestEnd + 1;
    if (i + 4 > line.size() || line[i] != ' ')
        return false;
    ++i;
    int status = 0;
    for (int k = 0; k < 3; ++k) {
        const char c = line[i + k];
        if (c < '0' || c > '9')
            return false;
        status = status * 10 + (c - '0');
    }
    if (i + 3 < line.size() && line[i + 3] != ' ')
        return false;
    out->status = status;
    out->method = request.first(sp1);
    out->path = request.sliced(sp1 + 1, sp2 - sp1 - 1);
    out->latencySeconds = -1;
    for (const char *key : { "request_time=", "rt=" }) {
        const qsizetype at = line.indexOf(QByteArrayView(key));
        if (at >= 0) {
            const qsizetype from = at + qsizetype(std::strlen(key));
            qsizetype to = from;
            while (to < line.size() && line[to] != ' ' && line[to] != '"')
                ++to;
            out->latencySeconds = parseLatency(line.sliced(from, to - from));
            return true;
        }
    }
    QByteArrayView rest = line.trimmed();
    const qsizetype lastSpace = rest.lastIndexOf(' ');
    if (lastSpace > requestEnd)
        out->latencySeconds = parseLatency(rest.sliced(lastSpace + 1));
    return true;
}

} // namespace Dockmaster
