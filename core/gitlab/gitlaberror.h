#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace Dockmaster {

// What went wrong with one GitLab call, sorted by what the caller should do
// about it. `message` is translated and safe to show; it never contains the
// token.
struct GitLabError {
    enum class Kind {
        None,
        Unauthorized,       // 401: the token is invalid, expired or revoked
        Forbidden,          // 403: the account lacks a permission
        NotFound,           // 404
        Conflict,           // 400/409/422: GitLab refused the change; gitlabMessage says why
        RateLimited,        // 429 after every allowed wait
        Server,             // 5xx after every allowed retry
        Timeout,            // no complete answer in time (idempotent calls: after retries)
        Offline,            // GitLab cannot be reached at all: switch to offline mode
        Malformed,          // the body is not what the API documents (bad or truncated JSON)
        MayHaveTakenEffect, // a non-idempotent call failed ambiguously: check before repeating
        Tls,                // certificate verification failed (never ignored)
        Cancelled,          // the caller cancelled
        Other,
    };

    Kind kind = Kind::None;
    int httpStatus = 0;
    QString message;       // for people
    QString gitlabMessage; // GitLab's own "message"/"error" text, if any
    QString path;          // API path (no host, no token) the call was about

    bool isOk() const { return kind == Kind::None; }
    // The app should switch to offline mode and show cached data.
    bool isOffline() const { return kind == Kind::Offline; }
    // Worth trying again later without changing anything.
    bool isTransient() const;
};

template<typename T> struct GitLabResult {
    T value {};
    GitLabError error;
    QDateTime serverTime; // GitLab's clock (Date header) when it answered, if sent

    bool ok() const { return error.isOk(); }
};

} // namespace Dockmaster

Q_DECLARE_METATYPE(Dockmaster::GitLabError)
