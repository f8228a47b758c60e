#include "core/sync/opsdetailquery.h"

#include "core/domain/environment.h"
#include "core/gitlab/gitlabtypes.h"

#include <QJsonArray>

namespace Dockmaster {
namespace {

constexpr int PipelinesPerProject = 20;

// "gid://gitlab/Project/123" -> 123 (GitlabSchema.id_from_object); 0 when not one.
qint64 globalIdNumber(const QJsonValue &value)
{
    const QString id = value.toString();
    const qsizetype slash = id.lastIndexOf(QLatin1Char('/'));
    if (!id.startsWith(QLatin1String("gid://gitlab/")) || slash < 0)
        return 0;
    bool ok = false;
    const qint64 number = id.mid(slash + 1).toLongLong(&ok);
    return ok && number > 0 ? number : 0;
}

QString alias(Environment environment)
{
    return environmentKey(environment);
}

QString environmentAlias(Environment environment)
{
    return environmentKey(environment) + QStringLiteral("Environment");
}

QJsonArray nodes(const QJsonValue &connection)
{
    return connection.toObject().value(QLatin1String("nodes")).toArray();
}

GitLabPipeline pipelineFrom(const QJsonObject &node, qint64 projectId, const QUrl &webBase)
{
    GitLabPipeline pipeline;
    pipeline.id = globalIdNumber(node.value(QLatin1String("id")));
    pipeline.iid = node.value(QLatin1String("iid")).toString().toLongLong();
    pipeline.projectId = projectId;
    pipeline.ref = node.value(QLatin1String("ref")).toString();
    pipeline.sha = node.value(QLatin1String("sha")).toString();
    // PipelineStatusEnum is the REST status in capitals.
    pipeline.status = node.value(QLatin1String("status")).toString().toLower();
    pipeline.source = node.value(QLatin1String("source")).toString();
    // PipelineType.path: the page's path on the instance ("/group/project/-/pipelines/7").
    const QString path = node.value(QLatin1String("path")).toString();
    if (path.startsWith(QLatin1Char('/')) && webBase.isValid()) {
        QUrl url = webBase.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo);
        QString basePath = url.path();
        while (basePath.endsWith(QLatin1Char('/')))
            basePath.chop(1);
        url.setPath(basePath + path);
        pipeline.webUrl = url.toString();
    }
    pipeline.createdAt = GitLabParse::dateTime(node.value(QLatin1String("createdAt")));
    pipeline.updatedAt = GitLabParse::dateTime(node.value(QLatin1String("updatedAt")));
    pipeline.startedAt = GitLabParse::dateTime(node.value(QLatin1String("startedAt")));
    pipeline.finishedAt = GitLabParse::dateTime(node.value(QLatin1String("finishedAt")));
    return pipeline;
}

GitLabDeployment deploymentFrom(const QJsonObject &node, Environment environment)
{
    GitLabDeployment deployment;
    deployment.id = globalIdNumber(node.value(QLatin1String("id")));
    deployment.iid = node.value(QLatin1String("iid")).toString().toLongLong();
    deployment.ref = node.value(QLatin1String("ref")).toString();
    deployment.sha = node.value(QLatin1String("sha")).toString();
    deployment.status = node.value(QLatin1String("status")).toString().toLower();
    deployment.environment = environmentKey(environment);
    deployment.user = node.value(QLatin1String("triggerer")).toObject().value(QLatin1String("username")).toString();
    deployment.pipelineId = globalIdNumber(node.value(QLatin1String("job"))
                                               .toObject()
                                               .value(QLatin1String("pipeline"))
                                               .toObject()
                                               .value(QLatin1String("id")));
    deployment.createdAt = GitLabParse::dateTime(node.value(QLatin1String("createdAt")));
    deployment.updatedAt = GitLabParse::dateTime(node.value(QLatin1String("updatedAt")));
    return deployment;
}

} // namespace

QString OpsDetailQuery::text()
{
    QString trees;
    QString environments;
    for (const Environment environment : AllEnvironments) {
        // lastCommit is null when the branch does not exist: GitLab answers
        // an empty tree for an unknown ref (Gitlab::Git::Tree, rescue_not_found).
        trees += QStringLiteral(" %1: tree(ref: \"%2\") { lastCommit { sha } submodules { nodes { path sha } } }")
                     .arg(alias(environment), environmentBranch(environment));
        environments += QStringLiteral(" %1: environment(name: \"%2\") { lastDeployment(status: SUCCESS) { id iid "
                                       "ref sha status createdAt updatedAt triggerer { username } job { pipeline "
                                       "{ id } } } }")
                            .arg(environmentAlias(environment), environmentKey(environment));
    }
    return QStringLiteral("query DockmasterOpsDetails($ids: [ID!], $first: Int) { projects(ids: $ids, first: $first) "
                          "{ nodes { id repository {%1 } pipelines(first: %2) { nodes { id iid ref sha status source "
                          "path createdAt updatedAt startedAt finishedAt } }%3 } } }")
        .arg(trees)
        .arg(PipelinesPerProject)
        .arg(environments);
}

QJsonObject OpsDetailQuery::variables(const QList<qint64> &projectIds)
{
    QJsonArray ids;
    for (const qint64 id : projectIds)
        ids.append(QStringLiteral("gid://gitlab/Project/%1").arg(id));
    return { { QStringLiteral("ids"), ids }, { QStringLiteral("first"), int(projectIds.size()) } };
}

std::optional<QHash<qint64, SyncBatch::OpsDetail>> OpsDetailQuery::parse(const QJsonObject &data, const QUrl &webBase)
{
    const QJsonValue projects = data.value(QLatin1String("projects"));
    if (!projects.isObject() || !projects.toObject().value(QLatin1String("nodes")).isArray())
        return std::nullopt;
    QHash<qint64, SyncBatch::OpsDetail> details;
    for (const QJsonValue &value : nodes(projects)) {
        const QJsonObject project = value.toObject();
        const qint64 projectId = globalIdNumber(project.value(QLatin1String("id")));
        if (projectId == 0)
            return std::nullopt;
        SyncBatch::OpsDetail detail;
        detail.projectId = projectId;
        const QJsonObject repository = project.value(QLatin1String("repository")).toObject();
        for (const Environment environment : AllEnvironments) {
            const int i = environment == Environment::Production ? 1 : 0;
            const QJsonObject tree = repository.value(alias(environment)).toObject();
            detail.branchExists[i] = tree.value(QLatin1String("lastCommit")).isObject();
            for (const QJsonValue &entry : nodes(tree.value(QLatin1String("submodules")))) {
                if (entry.toObject().value(QLatin1String("path")).toString() == QLatin1String("codes"))
                    detail.liveSha[i] = entry.toObject().value(QLatin1String("sha")).toString();
            }
            const QJsonObject last = project.value(environmentAlias(environment))
                                         .toObject()
                                         .value(QLatin1String("lastDeployment"))
                                         .toObject();
            if (!last.isEmpty())
                detail.deployments.append(deploymentFrom(last, environment));
        }
        for (const QJsonValue &node : nodes(project.value(QLatin1String("pipelines"))))
            detail.pipelines.append(pipelineFrom(node.toObject(), projectId, webBase));
        // Newest first, as the REST list is.
        std::sort(detail.deployments.begin(), detail.deployments.end(),
                  [](const GitLabDeployment &a, const GitLabDeployment &b) { return a.id > b.id; });
        details.insert(projectId, detail);
    }
    return details;
}

} // namespace Dockmaster
