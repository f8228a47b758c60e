#include "core/provisioning/gitlabensure.h"

#include "core/provisioning/gitlabwrite.h"
#include "core/util/sequential.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QPointer>

#include <memory>

namespace Dockmaster::GitLabEnsure {
namespace {

void addNext(GitLabClient *client, QObject *context, std::shared_ptr<const Collection> collection,
             std::shared_ptr<const QList<QJsonObject>> bodies, qsizetype index, Done done)
{
    if (index >= bodies->size()) {
        done({});
        return;
    }
    GitLabWrite::sendJson(
        client, "POST", collection->path, bodies->at(index), context,
        [client = QPointer(client), context, collection, bodies, index, done](const GitLabResponse &added) {
            if (!added.error.isOk() && !collection->alreadyThere(added)) {
                done(collection->addFailed.arg(describe(added)));
                return;
            }
            if (client)
                addNext(client, context, collection, bodies, index + 1, done);
        });
}

} // namespace

QString describe(const GitLabResponse &response)
{
    return response.error.message.isEmpty()
        ? QCoreApplication::translate("Dockmaster::Provisioner", "GitLab answered HTTP %1").arg(statusOf(response))
        : response.error.message;
}

int statusOf(const GitLabResponse &response)
{
    return response.httpStatus != 0 ? response.httpStatus : response.error.httpStatus;
}

bool isConflict(const GitLabResponse &response)
{
    return statusOf(response) == 409;
}

QSet<QString> names(const QJsonArray &items)
{
    QSet<QString> result;
    for (const QJsonValue &v : items)
        result.insert(v.toObject().value(QLatin1StringView("name")).toString());
    return result;
}

bool alreadyTaken(const GitLabResponse &response)
{
    const QString text = response.error.gitlabMessage + QString::fromUtf8(response.body);
    return text.contains(QLatin1String("has already been taken")) || text.contains(QLatin1String("already exists"));
}

Collection jobTokenAllowlist(qint64 codeProjectId, qint64 opsProjectId)
{
    Collection allowlist;
    allowlist.path
        = GitLabClient::projectPath(QString::number(codeProjectId)) + QStringLiteral("/job_token_scope/allowlist");
    allowlist.query = { { QStringLiteral("per_page"), QStringLiteral("100") } };
    allowlist.missing = [ops = opsProjectId](const QJsonArray &items) -> QList<QJsonObject> {
        for (const QJsonValue &v : items) {
            if (v.toObject().value(QLatin1StringView("id")).toInteger() == ops)
                return {};
        }
        return { QJsonObject { { QStringLiteral("target_project_id"), ops } } };
    };
    allowlist.alreadyThere = [](const GitLabResponse &a) {
        const QString text = a.error.gitlabMessage + QString::fromUtf8(a.body);
        return text.contains(QLatin1String("already in the job token scope"));
    };
    return allowlist;
}

void ensureInCollection(GitLabClient *client, QObject *context, Collection collection, Done done)
{
    auto shared = std::make_shared<const Collection>(std::move(collection));
    GitLabRequest list;
    list.path = shared->path;
    list.query = shared->query;
    list.pagination = GitLabRequest::Pagination::Offset;
    client->send(list, context,
                 [client = QPointer(client), context, shared, done = std::move(done)](const GitLabResponse &listed) {
                     if (!listed.error.isOk()) {
                         done(shared->readFailed.arg(describe(listed)));
                         return;
                     }
                     auto bodies = std::make_shared<const QList<QJsonObject>>(shared->missing(listed.items));
                     if (client)
                         addNext(client, context, shared, bodies, 0, done);
                 });
}

void ensureVariables(GitLabClient *client, QObject *context, const QString &project, QList<Variable> variables,
                     Done done)
{
    const QString base = GitLabClient::projectPath(project) + QStringLiteral("/variables");
    const auto ensureOne
        = [client = QPointer(client), context, base, done](const Variable &spec, std::function<void()> next) {
              if (!client)
                  return;
              GitLabRequest get;
              get.path = base + QLatin1Char('/') + GitLabClient::encode(spec.key);
              get.query = { { QStringLiteral("filter[environment_scope]"), spec.scope } };
              client->send(get, context, [client, context, base, done, spec, next](const GitLabResponse &r) {
                  const bool exists = r.error.isOk();
                  if (!exists && r.error.kind != GitLabError::Kind::NotFound) {
                      done(QCoreApplication::translate("Dockmaster::Provisioner", "Cannot read the variable %1: %2")
                               .arg(spec.key, describe(r)));
                      return;
                  }
                  const QJsonObject current = GitLabWrite::object(r);
                  if (exists
                      && (spec.keepExisting
                          || (current.value(QLatin1StringView("value")).toString() == spec.value
                              && current.value(QLatin1StringView("masked")).toBool() == spec.masked
                              && current.value(QLatin1StringView("protected")).toBool() == spec.isProtected))) {
                      next();
                      return;
                  }
                  if (!client)
                      return;
                  GitLabRequest write;
                  write.method = exists ? QByteArrayLiteral("PUT") : QByteArrayLiteral("POST");
                  write.path = exists ? base + QLatin1Char('/') + GitLabClient::encode(spec.key) : base;
                  if (exists) {
                      write.query = { { QStringLiteral("filter[environment_scope]"), spec.scope } };
                      write.idempotent = true;
                  }
                  QJsonObject body { { QStringLiteral("value"), spec.value },
                                     { QStringLiteral("masked"), spec.masked },
                                     { QStringLiteral("protected"), spec.isProtected },
                                     { QStringLiteral("environment_scope"), spec.scope },
                                     { QStringLiteral("variable_type"), QStringLiteral("env_var") } };
                  if (!exists)
                      body.insert(QStringLiteral("key"), spec.key);
                  write.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
                  client->send(write, context, [done, spec, next](const GitLabResponse &w) {
                      // "has already been taken": an earlier, unanswered POST did it;
                      // the next run compares the value again.
                      if (!w.error.isOk() && !alreadyTaken(w)) {
                          done(QCoreApplication::translate("Dockmaster::Provisioner", "Cannot set the variable %1: %2")
                                   .arg(spec.key, describe(w)));
                          return;
                      }
                      next();
                  });
              });
          };
    forEachSequential<Variable>(context, std::move(variables), ensureOne, [done] { done({}); });
}

} // namespace Dockmaster::GitLabEnsure
