#pragma once

#include <QString>

namespace Dockmaster {

class EmulatorStore;

// The emulator's database on disk, as GitLab keeps its own: everything in the
// EmulatorStore (users, groups, projects, issues and notes, pipelines, jobs,
// deployments, the id sequences and the clock offset) as one JSON file in the
// data folder, written atomically after every change. An emulator started on
// a data folder that has one carries on where the last one stopped, so tests
// can restart GitLab in the middle of an action; the git repositories are
// already on disk.
class EmulatorState final
{
public:
    static QString filePath(const EmulatorStore &store);
    // Call with the store's mutex held. False (and an explanation) on failure.
    static bool save(EmulatorStore &store, QString *error = nullptr);
    // False when there is no state file, or it cannot be read (error says why).
    static bool load(EmulatorStore &store, QString *error = nullptr);
    // Pipelines and jobs a runner was working on when the emulator stopped go
    // back to "pending": the runner of the restarted one picks them up again.
    static void requeueInterrupted(EmulatorStore &store);
};

} // namespace Dockmaster
