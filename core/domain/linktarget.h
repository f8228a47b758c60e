#pragma once

#include "core/domain/records.h"

#include <QList>
#include <QString>

#include <optional>

namespace Dockmaster {

// What a link handed to Dockmaster points at (a GitLab link an admin clicked
// in a chat, given to a second start): an app, and one of its release
// requests when the link names one that is in the cache.
struct LinkTarget {
    QString appId;
    std::optional<ReleaseRequest> request;
    // The link names issue #N of the app's code project, but no release
    // request in the cache: one filed since the last sync, or not (or no
    // longer) an open request.
    qint64 uncachedIssueIid = 0;
};

// Matches `link` against the cached apps and requests:
// - a release request's web address (with or without a trailing slash,
//   `?query` or `#note_12` anchor),
// - any page of an app's code or management project (`…/-/tree/main`,
//   `…/-/issues/7` of a request that is no longer pending),
// - an app's ID or name.
// Addresses compare without regard to case, as GitLab finds projects by
// path case-insensitively. Nothing: the link names nothing in the cache.
std::optional<LinkTarget> resolveLink(const QString &link, const QList<AppRecord> &apps,
                                      const QList<ReleaseRequest> &requests);

} // namespace Dockmaster
