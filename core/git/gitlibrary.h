#pragma once

namespace Dockmaster {

// Keeps libgit2 initialised while alive. libgit2 counts init/shutdown pairs, so
// one guard per owner (the composition root, a workspace) is safe.
class GitLibrary final
{
public:
    GitLibrary();
    ~GitLibrary();
    GitLibrary(const GitLibrary &) = delete;
    GitLibrary &operator=(const GitLibrary &) = delete;
};

} // namespace Dockmaster
