#pragma once

#include "core/util/retrypolicy.h"

#include <QString>

namespace Dockmaster {

// After a libgit2 network call failed: may it go again, and after how long?
// 429, 5xx and connections broken mid-answer are retried under the REST
// client's RetryPolicy; refused connections, TLS and authentication failures
// and refusals by the server are final. Used on the git worker's thread and
// sleeps there (never on the UI thread), giving up early when the thread is
// asked to stop. libgit2 does not show response headers, so a 429's
// Retry-After cannot be read: it backs off as for a 429 without one.
class GitRetry final
{
public:
    enum class Failure { Final, RateLimited, ServerError, ConnectionBroken };

    explicit GitRetry(const RetryPolicy &policy);

    // What libgit2's last error on this thread says about the call that failed.
    static Failure lastFailure();
    static Failure classify(int errorClass, const QString &message);

    // Waits before the next try and returns true; false when the failure is
    // final, the tries are used up, or the thread was asked to stop. reason:
    // libgit2's message, for the log.
    bool waitBeforeRetry(Failure failure, const QString &reason);
    int retries() const { return m_retries; }

private:
    RetryPolicy m_policy;
    int m_attempts = 0; // of 5xx and broken connections
    int m_rateLimitWaits = 0;
    int m_retries = 0;
};

} // namespace Dockmaster
