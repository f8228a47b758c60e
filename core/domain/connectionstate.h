#pragma once

namespace Dockmaster {

// How the console currently relates to GitLab; shown in the status bar and
// used to enable or disable actions that need the network.
enum class ConnectionState {
    Offline, // by choice (--offline) or because GitLab cannot be reached
    Online,
    Syncing,
};

} // namespace Dockmaster
