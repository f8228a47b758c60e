#pragma once

#include <QString>
#include <QUrl>

namespace Dockmaster {

// http(s)://host[/prefix]/<pathWithNamespace>.git: a project's smart HTTP
// address on the GitLab server at `baseUrl` (never http_url_to_repo, which
// names GitLab's external_url).
QUrl gitRepositoryUrl(const QUrl &baseUrl, const QString &pathWithNamespace);

} // namespace Dockmaster
