#include "sandbox/emulator/emulatorfaults.h"

#include <QLocale>

namespace Dockmaster {

namespace {
EmulatorFault make(EmulatorFault::Kind kind, const QString &pathRegex, int times)
{
    EmulatorFault f;
    f.kind = kind;
    f.pathPattern = QRegularExpression(pathRegex);
    f.times = times;
    return f;
}
} // namespace

EmulatorFault EmulatorFault::serverError(const QString &pathRegex, int status, int times)
{
    EmulatorFault f = make(Kind::Status, pathRegex, times);
    f.status = status;
    return f;
}

EmulatorFault EmulatorFault::rateLimited(const QString &pathRegex, int retryAfterSeconds, int times)
{
    EmulatorFault f = make(Kind::RateLimited, pathRegex, times);
    f.status = 429;
    f.retryAfterSeconds = retryAfterSeconds;
    return f;
}

EmulatorFault EmulatorFault::applicationRateLimited(const QString &pathRegex, int times)
{
    EmulatorFault f = make(Kind::ApplicationRateLimited, pathRegex, times);
    f.status = 429;
    return f;
}

EmulatorFault EmulatorFault::delay(const QString &pathRegex, int delayMs, int times)
{
    EmulatorFault f = make(Kind::Delay, pathRegex, times);
    f.delayMs = delayMs;
    return f;
}

EmulatorFault EmulatorFault::malformedJson(const QString &pathRegex, int times)
{
    return make(Kind::MalformedJson, pathRegex, times);
}

EmulatorFault EmulatorFault::truncatedBody(const QString &pathRegex, int times)
{
    return make(Kind::TruncatedBody, pathRegex, times);
}

EmulatorFault EmulatorFault::dropConnection(const QString &pathRegex, int times)
{
    return make(Kind::DropConnection, pathRegex, times);
}

EmulatorFault EmulatorFault::stall(const QString &pathRegex, int times)
{
    return make(Kind::Stall, pathRegex, times);
}

EmulatorFault EmulatorFault::truncatedJson(const QString &pathRegex, int times)
{
    return make(Kind::TruncatedJson, pathRegex, times);
}

EmulatorFault EmulatorFault::wrongShapeJson(const QString &pathRegex, int times)
{
    return make(Kind::WrongShapeJson, pathRegex, times);
}

EmulatorFault EmulatorFault::hugeBody(const QString &pathRegex, qsizetype bytes, int times)
{
    EmulatorFault f = make(Kind::HugeBody, pathRegex, times);
    f.hugeBytes = bytes;
    return f;
}

EmulatorFault EmulatorFault::linkLoop(const QString &pathRegex, int times)
{
    return make(Kind::LinkLoop, pathRegex, times);
}

EmulatorFault EmulatorFault::redirectAway(const QString &pathRegex, int times)
{
    return make(Kind::RedirectAway, pathRegex, times);
}

EmulatorFault EmulatorFault::beforeAnswering(const QString &pathRegex, std::function<void()> action, int times)
{
    EmulatorFault f = make(Kind::BeforeAnswer, pathRegex, times);
    f.beforeAnswer = std::move(action);
    return f;
}

EmulatorFault &EmulatorFault::onMethod(const QString &httpMethod)
{
    method = httpMethod;
    return *this;
}

std::optional<HttpResponse> EmulatorFault::answerInstead(const HttpRequest &request) const
{
    switch (kind) {
    case Kind::RedirectAway: {
        // A misconfigured proxy or a moved instance: the same path, another host.
        HttpResponse r = HttpResponse::text(302, "Found\n");
        r.setHeader("Location", "http://gitlab-elsewhere.invalid" + request.target);
        return r;
    }
    case Kind::DropConnection:
        return HttpResponse { 0, {}, {}, HttpResponse::Delivery::Dropped };
    case Kind::Status:
        return HttpResponse::message(status,
                                     QString::number(status) + QLatin1Char(' ')
                                         + QString::fromLatin1(HttpResponse::reasonPhrase(status)));
    case Kind::ApplicationRateLimited:
        return HttpResponse::json(429,
                                  "{\"message\":{\"error\":\"This endpoint has been requested too many times. "
                                  "Try again later.\"}}");
    case Kind::RateLimited:
        return retryLater(retryAfterSeconds);
    default:
        return std::nullopt;
    }
}

HttpResponse EmulatorFault::retryLater(int retryAfterSeconds)
{
    HttpResponse r = HttpResponse::text(429, "Retry later\n");
    r.setHeader("Retry-After", QByteArray::number(retryAfterSeconds));
    r.setHeader("RateLimit-ResetTime",
                QLocale::c()
                    .toString(QDateTime::currentDateTimeUtc().addSecs(retryAfterSeconds),
                              QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"))
                    .toLatin1());
    return r;
}

void EmulatorFault::reshapeAnswer(const HttpRequest &request, HttpResponse &response) const
{
    switch (kind) {
    case Kind::MalformedJson:
        response.status = 200;
        response.setHeader("Content-Type", "application/json");
        response.body = "[{\"id\": 1, \"name\": \"broken\", ";
        break;
    case Kind::TruncatedBody:
        response.delivery = HttpResponse::Delivery::Truncated;
        break;
    case Kind::Stall:
        response.delivery = HttpResponse::Delivery::Stalled;
        break;
    case Kind::TruncatedJson:
        response.body.truncate(response.body.size() / 2);
        break;
    case Kind::WrongShapeJson:
        response.status = 200;
        response.setHeader("Content-Type", "application/json");
        response.body = response.body.trimmed().startsWith('[') ? QByteArray("{\"message\":\"unexpected\"}")
                                                                : QByteArray("[{\"unexpected\":true}]");
        break;
    case Kind::HugeBody: {
        response.status = 200;
        response.setHeader("Content-Type", "application/json");
        const QByteArray open = "{\"padding\":\"";
        const QByteArray close = "\"}";
        const qsizetype fill = qMax<qsizetype>(0, hugeBytes - open.size() - close.size());
        response.body = open + QByteArray(fill, 'x') + close;
        break;
    }
    case Kind::LinkLoop: {
        QByteArray host = request.header("host");
        if (host.isEmpty())
            host = "127.0.0.1";
        const QByteArray self = "http://" + host + request.target;
        response.setHeader("Link", "<" + self + ">; rel=\"next\"");
        response.setHeader("X-Next-Page", request.queryValue(QStringLiteral("page"), QStringLiteral("1")).toLatin1());
        break;
    }
    default:
        break;
    }
}

int EmulatorFaultInjector::add(const EmulatorFault &fault)
{
    QMutexLocker lock(&m_mutex);
    m_faults.append(Entry { ++m_nextId, fault });
    return m_nextId;
}

void EmulatorFaultInjector::remove(int id)
{
    QMutexLocker lock(&m_mutex);
    m_faults.removeIf([id](const Entry &e) { return e.id == id; });
}

void EmulatorFaultInjector::clear()
{
    QMutexLocker lock(&m_mutex);
    m_faults.clear();
}

std::optional<EmulatorFault> EmulatorFaultInjector::take(const QString &method, const QString &rawPath)
{
    QMutexLocker lock(&m_mutex);
    for (qsizetype i = 0; i < m_faults.size(); ++i) {
        EmulatorFault &f = m_faults[i].fault;
        if (!f.method.isEmpty() && f.method.compare(method, Qt::CaseInsensitive) != 0)
            continue;
        if (!f.pathPattern.match(rawPath).hasMatch())
            continue;
        const EmulatorFault hit = f;
        if (f.times > 0 && --f.times == 0)
            m_faults.removeAt(i);
        return hit;
    }
    return std::nullopt;
}

void EmulatorRequestLog::append(const EmulatorRequestLogEntry &entry)
{
    QMutexLocker lock(&m_mutex);
    m_entries.append(entry);
}

QList<EmulatorRequestLogEntry> EmulatorRequestLog::entries() const
{
    QMutexLocker lock(&m_mutex);
    return m_entries;
}

void EmulatorRequestLog::clear()
{
    QMutexLocker lock(&m_mutex);
    m_entries.clear();
}

int EmulatorRequestLog::count(const QString &method, const QRegularExpression &pathPattern) const
{
    QMutexLocker lock(&m_mutex);
    int n = 0;
    for (const auto &e : m_entries) {
        if ((method.isEmpty() || e.method == method) && pathPattern.match(e.path).hasMatch())
            ++n;
    }
    return n;
}

} // namespace Dockmaster
