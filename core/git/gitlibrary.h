#pragma once

namespace Dockmaster {

// Keeps libgit2 initialised while alive. libgit2 counts init/shutdown pairs, so
// nested guards are safe. Keep one in main() for the whole process: a full
// shutdown right after a worker thread's wait() can race that thread's exit
// and leak libgit2's per-thread error state (seen under LeakSanitizer).
class GitLibrary final
{
public:
    GitLibrary();
    ~GitLibrary();
    GitLibrary(const GitLibrary &) = delete;
    GitLibrary &operator=(const GitLibrary &) = delete;
};

} // namespace Dockmaster
