#include "sandbox/emulator/emulatorfaults.h"

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
