#include "core/git/gitlibrary.h"

#include <git2.h>

namespace Dockmaster {

GitLibrary::GitLibrary()
{
    git_libgit2_init();
    // Without these a dead server stalls a fetch for minutes (the OS default).
    git_libgit2_opts(GIT_OPT_SET_SERVER_CONNECT_TIMEOUT, 10000);
    git_libgit2_opts(GIT_OPT_SET_SERVER_TIMEOUT, 30000);
}

GitLibrary::~GitLibrary()
{
    git_libgit2_shutdown();
}

} // namespace Dockmaster
