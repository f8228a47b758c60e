#pragma once

namespace Dockmaster {

// How the console currently relates to GitLab and to its local stores; shown
// in the status bar and used to enable or disable actions that need the
// network. Each state names one cause, so the admin knows what to do.
enum class ConnectionState {
    Offline, // by choice (--offline), or nothing to connect with yet (no profile, no token)
    Online,
    Syncing,
    Unreachable,   // GitLab cannot be reached: the console reconnects by itself
    TokenRejected, // GitLab answered 401: signed out until the token is renewed
    // GitLab answers, but the local cache cannot be written (its data is kept in memory):
    CacheLocked,   // another process, usually another Dockmaster, holds the file
    CacheReadOnly, // the file, its folder or the file system is read-only
    DiskFull,
    CacheError, // the disk reported an I/O error
};

// True when the state lets the console talk to GitLab (actions may be offered).
constexpr bool reachesGitLab(ConnectionState state)
{
    return state != ConnectionState::Offline && state != ConnectionState::Unreachable
        && state != ConnectionState::TokenRejected;
}

} // namespace Dockmaster
