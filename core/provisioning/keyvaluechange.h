#pragma once

namespace Dockmaster {

// What an admin asks of an app's key/value credentials (Application menu;
// KeyValueRotation does each).
enum class KeyValueChange {
    Enrol,          // an app set up before the store: its user and variables
    BeginRotation,  // a new password beside the old, deploys started
    FinishRotation, // only the new password
};

} // namespace Dockmaster
