#include "emulator/gitlabapi.h"

namespace Dockmaster {

std::optional<HttpResponse> GitLabApi::routeRepository(Context &, EmulatorProject &)
{
    return std::nullopt;
}

std::optional<HttpResponse> GitLabApi::routeIssues(Context &)
{
    return std::nullopt;
}

std::optional<HttpResponse> GitLabApi::routeCi(Context &, EmulatorProject &)
{
    return std::nullopt;
}

} // namespace Dockmaster
