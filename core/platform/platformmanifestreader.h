#pragma once

#include "core/domain/records.h"
#include "core/platform/platformmanifest.h"

#include <QCoreApplication>

#include <functional>

namespace Dockmaster {

class GitLabClient;

// Reads an app's platform.json from its code repository: at the version live
// in production, else the one live in test, else the default branch. A file
// larger than PlatformManifest::MaxBytes is refused before it is downloaded.
class PlatformManifestReader
{
    Q_DECLARE_TR_FUNCTIONS(Dockmaster::PlatformManifestReader) // public tr(), then private:
public:
    struct Result {
        PlatformManifestResult manifest; // an empty manifest when the file is not there
        QString source;                  // the tag, commit or branch read
        bool found = false;
        QString error; // GitLab could not be asked; `manifest` is then empty
    };
    static void read(GitLabClient *client, const AppRecord &app, QObject *context, std::function<void(Result)> done);
};

} // namespace Dockmaster
