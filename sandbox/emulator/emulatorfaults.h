#pragma once

#include "sandbox/emulator/httpmessage.h"

#include <QDateTime>
#include <QList>
#include <QMutex>
#include <QRegularExpression>
#include <QString>

#include <functional>
#include <optional>

namespace Dockmaster {

// One injected fault: which requests it hits and how often.
struct EmulatorFault {
    enum class Kind {
        Status,      // answer `status` (e.g. 500, 502, 503) with a GitLab-like body
        RateLimited, // 429 "Retry later" with Retry-After: retryAfterSeconds (Rack::Attack)
        // 429 of an application limit (lib/api/helpers/rate_limiter.rb): a JSON
        // message and no Retry-After
        ApplicationRateLimited,
        Delay,          // answer normally after delayMs
        MalformedJson,  // 200 with a body that is not valid JSON
        TruncatedBody,  // real response, Content-Length larger than what is sent, then close
        DropConnection, // close the socket without answering
        Stall,          // real status and headers, half the body, then silence on an open socket
        TruncatedJson,  // the real answer cut in half, with a Content-Length that matches the cut
        WrongShapeJson, // 200 with valid JSON of the other shape (an object for an array and back)
        HugeBody,       // 200 with a JSON answer of hugeBytes bytes
        LinkLoop,       // the real answer, with a next page that is the page just asked for
        RedirectAway,   // 302 to the same path on another host
        BeforeAnswer,   // run `beforeAnswer` on the server thread, then answer normally
    };

    Kind kind = Kind::Status;
    QString method;                 // "GET", "POST"...; empty matches any
    QRegularExpression pathPattern; // matched against the raw (still encoded) path
    int times = 1;                  // how many matching requests it hits; -1 = always
    int status = 500;
    int retryAfterSeconds = 1;
    int delayMs = 0;
    qsizetype hugeBytes = 50LL * 1024 * 1024;
    std::function<void()> beforeAnswer;

    static EmulatorFault serverError(const QString &pathRegex, int status = 500, int times = 1);
    static EmulatorFault rateLimited(const QString &pathRegex, int retryAfterSeconds, int times = 1);
    static EmulatorFault applicationRateLimited(const QString &pathRegex, int times = 1);
    static EmulatorFault delay(const QString &pathRegex, int delayMs, int times = -1);
    static EmulatorFault malformedJson(const QString &pathRegex, int times = 1);
    static EmulatorFault truncatedBody(const QString &pathRegex, int times = 1);
    static EmulatorFault dropConnection(const QString &pathRegex, int times = 1);
    static EmulatorFault stall(const QString &pathRegex, int times = 1);
    static EmulatorFault truncatedJson(const QString &pathRegex, int times = 1);
    static EmulatorFault wrongShapeJson(const QString &pathRegex, int times = 1);
    static EmulatorFault hugeBody(const QString &pathRegex, qsizetype bytes, int times = 1);
    // Every matching GET answers with itself as the next page (times -1: until removed).
    static EmulatorFault linkLoop(const QString &pathRegex, int times = -1);
    static EmulatorFault redirectAway(const QString &pathRegex, int times = 1);
    static EmulatorFault beforeAnswering(const QString &pathRegex, std::function<void()> action, int times = 1);
    EmulatorFault &onMethod(const QString &httpMethod);

    // The answer this fault gives instead of the server's (status, rate
    // limit, dropped connection, redirect away); nullopt for the faults that
    // let the server answer first.
    std::optional<HttpResponse> answerInstead(const HttpRequest &request) const;
    // Changes the server's answer the way this fault does (malformed, cut,
    // stalled, wrong shape, huge, paging loop); leaves it alone for the others.
    void reshapeAnswer(const HttpRequest &request, HttpResponse &response) const;
    // GitLab's (Rack::Attack's) 429 with Retry-After and RateLimit-ResetTime.
    static HttpResponse retryLater(int retryAfterSeconds);
};

struct EmulatorRequestLogEntry {
    QString method;
    QString path; // raw, as sent
    QString query;
    int status = 0; // 0 when the connection was dropped
    QDateTime at;
};

// Thread-safe list of active faults; the server asks it for each request.
class EmulatorFaultInjector
{
public:
    int add(const EmulatorFault &fault);
    void remove(int id);
    void clear();
    // The first fault that matches, consuming one of its `times`.
    std::optional<EmulatorFault> take(const QString &method, const QString &rawPath);

private:
    struct Entry {
        int id = 0;
        EmulatorFault fault;
    };
    QMutex m_mutex;
    QList<Entry> m_faults;
    int m_nextId = 0;
};

// Thread-safe request log, so tests can count what a client sent.
class EmulatorRequestLog
{
public:
    void append(const EmulatorRequestLogEntry &entry);
    QList<EmulatorRequestLogEntry> entries() const;
    void clear();
    int count(const QString &method, const QRegularExpression &pathPattern) const;

private:
    mutable QMutex m_mutex;
    QList<EmulatorRequestLogEntry> m_entries;
};

} // namespace Dockmaster
