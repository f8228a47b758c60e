#pragma once

namespace Dockmaster {

// How often and how long a call to GitLab is tried again after a failure that
// says nothing was done (5xx, 429, a broken connection). One policy for the
// REST client and for git over HTTP, so an approval's API calls and its fetch
// and push ride out the same outage.
struct RetryPolicy {
    int maxAttempts = 4;       // per call (per page for REST), for idempotent calls
    int maxRateLimitWaits = 5; // 429s honoured per call before giving up
    int baseBackoffMs = 400;   // first retry waits 50-100% of this, then doubles
    int maxBackoffMs = 20000;
    // A 429 without Retry-After (GitLab's application limits, windows of about
    // a minute; libgit2 never shows the header): back off from this, doubling.
    int rateLimitBackoffMs = 2000;
    int maxRateLimitBackoffMs = 60000;

    // The wait before retry number attempt (0-based) after a failure.
    int backoffMs(int attempt) const { return jittered(baseBackoffMs, maxBackoffMs, attempt); }
    // The wait before the next try after the waits-th 429 that named no time.
    int rateLimitWaitMs(int waits) const { return jittered(rateLimitBackoffMs, maxRateLimitBackoffMs, waits); }

private:
    // base * 2^step, capped, then a random point in its upper half: clients
    // that failed together do not retry together.
    static int jittered(int baseMs, int capMs, int step);
};

} // namespace Dockmaster
