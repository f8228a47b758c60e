#include "core/approvals/branchheadquery.h"

#include "core/gitlab/gitlabtypes.h"

#include <QJsonArray>

namespace Dockmaster {

QString BranchHeadQuery::text()
{
    QString trees;
    for (const Environment environment : AllEnvironments) {
        // lastCommit is null for a branch that does not exist (GitLab answers
        // an empty tree for an unknown ref).
        trees += QStringLiteral(" %1: tree(ref: \"%2\") { lastCommit { committedDate } }")
                     .arg(environmentKey(environment), environmentBranch(environment));
    }
    return QStringLiteral("query DockmasterBranchHeads($paths: [String!], $first: Int) { projects(fullPaths: $paths, "
                          "first: $first) { nodes { fullPath repository {%1 } } } }")
        .arg(trees);
}

QJsonObject BranchHeadQuery::variables(const QStringList &fullPaths)
{
    return { { QStringLiteral("paths"), QJsonArray::fromStringList(fullPaths) },
             { QStringLiteral("first"), int(fullPaths.size()) } };
}

std::optional<QHash<QString, BranchHeadQuery::Heads>> BranchHeadQuery::parse(const QJsonObject &data)
{
    const QJsonValue nodes = data.value(QLatin1String("projects")).toObject().value(QLatin1String("nodes"));
    if (!nodes.isArray())
        return std::nullopt;
    QHash<QString, Heads> heads;
    const QJsonArray projects = nodes.toArray();
    for (const QJsonValue &value : projects) {
        const QJsonObject project = value.toObject();
        const QString fullPath = project.value(QLatin1String("fullPath")).toString();
        const QJsonValue repository = project.value(QLatin1String("repository"));
        if (fullPath.isEmpty() || !repository.isObject())
            return std::nullopt;
        Heads &branches = heads[fullPath.toLower()];
        for (const Environment environment : AllEnvironments) {
            const QJsonValue tree = repository.toObject().value(environmentKey(environment));
            const QJsonValue lastCommit = tree.toObject().value(QLatin1String("lastCommit"));
            if (tree.isNull() || lastCommit.isNull())
                continue; // no such branch
            const QDateTime committed
                = GitLabParse::dateTime(lastCommit.toObject().value(QLatin1String("committedDate")));
            if (!committed.isValid())
                return std::nullopt;
            branches.insert(environment, committed);
        }
    }
    return heads;
}

} // namespace Dockmaster
