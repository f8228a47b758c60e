#include "core/logs/logtimestamp.h"

#include <QByteArray>

namespace Dockmaster {
namespace {

// Howard Hinnant's days_from_civil: proleptic Gregorian date to days since 1970-01-01.
qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + qint64(doe) - 719468;
}

void civilFromDays(qint64 z, qint64 *y, unsigned *m, unsigned *d)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = qint64(yoe) + era * 400 + (*m <= 2);
}

bool digits(const char *p, int count, int *value)
{
    int v = 0;
    for (int i = 0; i < count; ++i) {
        if (p[i] < '0' || p[i] > '9')
            return false;
        v = v * 10 + (p[i] - '0');
    }
    *value = v;
    return true;
}

} // namespace

qint64 parseRfc3339Nanos(QByteArrayView text, qsizetype *consumed)
{
    const char *p = text.data();
    const qsizetype n = text.size();
    // Shortest form: "2006-01-02T15:04:05Z" (20 bytes).
    if (n < 20 || p[4] != '-' || p[7] != '-' || (p[10] != 'T' && p[10] != 't') || p[13] != ':' || p[16] != ':')
        return -1;
    int year, month, day, hour, minute, second;
    if (!digits(p, 4, &year) || !digits(p + 5, 2, &month) || !digits(p + 8, 2, &day) || !digits(p + 11, 2, &hour)
        || !digits(p + 14, 2, &minute) || !digits(p + 17, 2, &second))
        return -1;
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
        return -1;
    // Nanoseconds since 1970 fit in 64 bits until April 2262. Log timestamps
    // before 1970 do not exist (and -1 means "none").
    if (year < 1970 || year > 2261)
        return -1;
    qsizetype i = 19;
    qint64 fraction = 0;
    if (i < n && p[i] == '.') {
        ++i;
        int count = 0;
        while (i < n && p[i] >= '0' && p[i] <= '9') {
            if (count < 9) {
                fraction = fraction * 10 + (p[i] - '0');
                ++count;
            }
            ++i;
        }
        if (count == 0)
            return -1;
        for (; count < 9; ++count)
            fraction *= 10;
    }
    if (i >= n)
        return -1;
    qint64 offsetSeconds = 0;
    if (p[i] == 'Z' || p[i] == 'z') {
        ++i;
    } else if (p[i] == '+' || p[i] == '-') {
        int oh, om;
        if (i + 6 > n || p[i + 3] != ':' || !digits(p + i + 1, 2, &oh) || !digits(p + i + 4, 2, &om))
            return -1;
        offsetSeconds = (oh * 3600 + om * 60) * (p[i] == '+' ? 1 : -1);
        i += 6;
    } else {
        return -1;
    }
    if (i < n) {
        if (p[i] != ' ')
            return -1;
        ++i;
    }
    const qint64 days = daysFromCivil(year, unsigned(month), unsigned(day));
    const qint64 seconds = days * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds;
    if (seconds < 0)
        return -1;
    if (consumed)
        *consumed = i;
    return seconds * 1000000000LL + fraction;
}

QByteArray formatRfc3339Nanos(qint64 nanos)
{
    qint64 seconds = nanos / 1000000000LL;
    qint64 fraction = nanos % 1000000000LL;
    if (fraction < 0) {
        fraction += 1000000000LL;
        --seconds;
    }
    qint64 days = seconds / 86400;
    qint64 rest = seconds % 86400;
    if (rest < 0) {
        rest += 86400;
        --days;
    }
    qint64 y;
    unsigned m, d;
    civilFromDays(days, &y, &m, &d);
    char buffer[64];
    int len = std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02lld:%02lld:%02lld", static_cast<long long>(y),
                            m, d, static_cast<long long>(rest / 3600), static_cast<long long>(rest / 60 % 60),
                            static_cast<long long>(rest % 60));
    if (fraction)
        len += std::snprintf(buffer + len, sizeof buffer - size_t(len), ".%09lld", static_cast<long long>(fraction));
    buffer[len++] = 'Z';
    return QByteArray(buffer, len);
}

} // namespace Dockmaster
