#pragma once

#include "core/sync/syncbatch.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace Dockmaster {

// What a sync reads about many apps' ops projects in one GitLab GraphQL
// request instead of four REST requests each (issue 25): each environment
// branch's `codes` gitlink and whether the branch exists, the newest
// pipelines, and each environment's last successful deployment.
//
// What it costs, by GitLab's rules (app/graphql/types/base_field.rb,
// resolvers/base_resolver.rb: a connection's children are counted once, then
// multiplied by 1 + 0.01 per item asked for): 129 for 50 projects, as
// GitLab's queryComplexity reports it (tst_syncengine), under the 250 a
// signed-in user may spend (app/graphql/gitlab_schema.rb).
// The deployment history beyond the last success is not read here: the Tag
// history panel reads each environment's history from its branch when the
// app is shown, and incremental syncs read the REST list of apps that moved.
class OpsDetailQuery
{
public:
    static constexpr int BatchSize = 50;

    static QString text();
    static QJsonObject variables(const QList<qint64> &projectIds);
    // The details by project id; nullopt when the answer is not shaped as
    // asked (the caller reads those projects through REST instead). A
    // project GitLab left out (gone, or not readable) is absent.
    // webBase: GitLab's address, for the pipelines' pages.
    static std::optional<QHash<qint64, SyncBatch::OpsDetail>> parse(const QJsonObject &data, const QUrl &webBase);
};

} // namespace Dockmaster
