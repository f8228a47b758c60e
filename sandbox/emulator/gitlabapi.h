#pragma once

#include "sandbox/emulator/emulatorrepository.h"
#include "sandbox/emulator/emulatorstore.h"
#include "sandbox/emulator/httpmessage.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QUrl>

#include <functional>

namespace Dockmaster {

// The REST v4 subset, answered synchronously from the store and the bare
// repositories. Knows nothing about sockets; the server feeds it requests.
class GitLabApi
{
public:
    // Called (store locked) when a branch head moved through the API.
    using BranchMovedHandler = std::function<qint64(qint64 projectId, const QString &branch, const QString &before,
                                                    const QString &after, qint64 userId)>;

    explicit GitLabApi(EmulatorStore &store);

    void setBaseUrl(const QUrl &baseUrl) { m_baseUrl = baseUrl; }
    void setBranchMovedHandler(BranchMovedHandler handler) { m_branchMoved = std::move(handler); }
    // Whether the emulated instance runner is online (GET /projects/:id/runners).
    void setRunnerOnline(std::function<bool()> online) { m_runnerOnline = std::move(online); }

    // `path` is the raw path below /api/v4 (leading slash included).
    HttpResponse handle(const HttpRequest &request);
    // /api/graphql: the GraphQL subset of gitlabapi_graphql.cpp.
    HttpResponse handleGraphql(const HttpRequest &request);
    const EmulatorUser *authenticate(const HttpRequest &request) const;

    // JSON shapes, public for the seeder's self-checks and tests.
    QJsonObject projectJson(const EmulatorProject &project) const;
    QJsonObject groupJson(const EmulatorGroup &group) const;
    QJsonObject userJson(const EmulatorUser &user, bool full = false) const;
    static QJsonValue time(const QDateTime &t);

private:
    struct Context {
        const HttpRequest &request;
        const EmulatorUser &user;
        QStringList segments; // decoded path segments below /api/v4
        QJsonObject params;   // JSON or form body merged with the query
    };

    // Dispatch per area (each in its own source file).
    std::optional<HttpResponse> routeGroupsAndProjects(Context &c);
    std::optional<HttpResponse> routeRepository(Context &c, EmulatorProject &project);
    HttpResponse commitComments(Context &c, EmulatorProject &project, const QString &ref);
    std::optional<HttpResponse> routeIssues(Context &c);
    std::optional<HttpResponse> routeCi(Context &c, EmulatorProject &project);
    // A token without the scope the request needs (lib/api/api_guard.rb).
    std::optional<HttpResponse> refuseScope(const Context &c) const;
    QJsonObject tokenJson(const EmulatorUser &user) const;
    QJsonObject runnerJson(bool online) const;

    // Helpers shared by the areas.
    EmulatorProject *findProject(Context &c, const QString &idOrPath, HttpResponse *error);
    HttpResponse paginate(const Context &c, qsizetype total, const std::function<QJsonValue(qsizetype)> &item);
    QUrl linkUrl(const Context &c, const QList<QPair<QString, QString>> &overrides) const;
    QString param(const Context &c, const QString &name, const QString &fallback = {}) const;
    bool hasParam(const Context &c, const QString &name) const;
    bool boolParam(const Context &c, const QString &name, bool fallback = false) const;
    QDateTime timeParam(const Context &c, const QString &name) const;
    EmulatorRepository::Signature signatureFor(const EmulatorUser &user) const;
    QJsonObject namespaceJson(qint64 namespaceId) const;
    QJsonObject commitJson(const EmulatorRepository::CommitInfo &commit) const;
    QJsonObject issueJson(const EmulatorIssue &issue) const;
    QJsonObject noteJson(const EmulatorNote &note) const;
    QJsonObject pipelineJson(const EmulatorPipeline &pipeline, bool detailed) const;
    QJsonObject jobJson(const EmulatorJob &job) const;
    QJsonObject deploymentJson(const EmulatorDeployment &deployment) const;
    QJsonObject environmentJson(const EmulatorEnvironment &environment) const;
    QJsonObject variableJson(const EmulatorVariable &variable) const;
    QString webUrl(const QString &fullPath) const;
    void touch(EmulatorProject &project);
    qint64 notifyBranchMoved(const EmulatorProject &project, const QString &branch, const QString &before,
                             const QString &after, qint64 userId);

    EmulatorStore &m_store;
    QUrl m_baseUrl;
    BranchMovedHandler m_branchMoved;
    std::function<bool()> m_runnerOnline;
};

} // namespace Dockmaster
