#pragma once

#include "core/domain/environment.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace Dockmaster {

// When each environment branch of many ops projects last received a commit,
// in one GitLab GraphQL request per 50 projects (Resolvers::ProjectsResolver
// takes at most 50 `fullPaths`). A console's start looks for approvals that
// were pushed but never finished; a pending request's branch can hold one
// only if it moved after the request was opened, so only those branches are
// read commit by commit.
class BranchHeadQuery
{
public:
    static constexpr int BatchSize = 50;

    // The committer date of each existing environment branch's head; a
    // branch that does not exist is absent.
    using Heads = QMap<Environment, QDateTime>;

    static QString text();
    static QJsonObject variables(const QStringList &fullPaths);
    // By full path in lower case (GitLab matches paths case-insensitively);
    // a project GitLab left out is absent. nullopt: not shaped as asked.
    static std::optional<QHash<QString, Heads>> parse(const QJsonObject &data);
};

} // namespace Dockmaster
