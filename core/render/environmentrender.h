#pragma once

#include "core/domain/records.h"
#include "core/platform/edgegrants.h"
#include "core/render/appenvironmentspec.h"

#include <QStringList>

namespace Dockmaster {

// What the current templates would render for one file of an app's
// environment branch, from what the cache knows (the app's allocation and its
// host). The editor's drift check compares that with what is committed.
class EnvironmentRender
{
public:
    struct FileResult {
        bool ok = false;
        QByteArray content;
        QString error; // for people: a refused field, or a file the templates do not produce
    };

    // Sign-in at the edge: the profile's URLs and the environment's grants
    // (platform/grants.json on its branch). No auth URL: no sign-in.
    struct Edge {
        QString authUrl;
        QString loginUrl;
        EdgeGrants grants;
    };

    // The platform defaults plus the app's host, address, ports and domain.
    static AppEnvironmentSpec specFor(const AppRecord &app, Environment environment, const HostRecord &host,
                                      FallbackMode fallbackMode, const Edge &edge = {});
    static void applyEdge(AppEnvironmentSpec &spec, const Edge &edge);
    // The branch shows which fallback the admin chose: a committed maintenance
    // page means the static one.
    static FallbackMode fallbackModeOf(const QStringList &repositoryFiles);
    static FileResult renderFile(const AppEnvironmentSpec &spec, const QString &path);
};

} // namespace Dockmaster
