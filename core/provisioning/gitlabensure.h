#pragma once

#include "core/gitlab/gitlabclient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

#include <functional>

// Idempotent GitLab primitives for provisioning: each looks at what exists
// first and adds only what is missing, so running one again after a failure
// (or after an answer was lost) never creates anything twice.
namespace Dockmaster::GitLabEnsure {

using Done = std::function<void(const QString &error)>; // empty error: done

// The HTTP status of an answer, whether GitLab or the transport reported it.
int statusOf(const GitLabResponse &response);
// GitLab's message, or its HTTP status when it sent none.
QString describe(const GitLabResponse &response);
// "has already been taken" / "already exists": an earlier call, whose answer
// may have been lost, already did it.
bool alreadyTaken(const GitLabResponse &response);

// A 409 Conflict: what a POST wanted to add is already there.
bool isConflict(const GitLabResponse &response);
// The "name" of every listed item (labels, branches).
QSet<QString> names(const QJsonArray &items);

// One GitLab collection that a POST adds to (labels, protected branches, the
// CI/CD job token allowlist).
struct Collection {
    QString path; // GET lists it (every page), POST adds one item
    QList<std::pair<QString, QString>> query;
    // The bodies to POST, given every item GitLab listed.
    std::function<QList<QJsonObject>(const QJsonArray &items)> missing;
    // A refused POST that still means the item is there (someone added it meanwhile).
    std::function<bool(const GitLabResponse &)> alreadyThere;
    // Whole sentences for people, with %1 for GitLab's explanation.
    QString readFailed;
    QString addFailed;
};

// The CI/CD job token allowlist of a code project (lib/api/project_job_token_scope.rb),
// missing the ops project unless listed; "already in the job token scope"
// (app/services/ci/job_token_scope/add_project_service.rb) counts as there.
// The caller sets readFailed and addFailed.
Collection jobTokenAllowlist(qint64 codeProjectId, qint64 opsProjectId);

// Lists the collection, then POSTs what `missing` asks for, one at a time, in
// order. `done` runs once, with the first error or an empty string.
void ensureInCollection(GitLabClient *client, QObject *context, Collection collection, Done done);

// A CI/CD variable of a project, as it must be.
struct Variable {
    QString key;
    QString value;
    QString scope = QStringLiteral("*");
    bool masked = false;
    bool isProtected = true;
    bool keepExisting = false; // never replaced once there (the deploy key)
};

// Reads each variable and writes it (POST, or PUT when there) only when it is
// missing or differs in value, masking or protection; one at a time, in order.
// `done` runs once, with the first error or an empty string.
void ensureVariables(GitLabClient *client, QObject *context, const QString &project, QList<Variable> variables,
                     Done done);

} // namespace Dockmaster::GitLabEnsure
