#pragma once

#include "core/gitlab/gitlabclient.h"

#include <QJsonObject>

#include <functional>

// Helpers for the few GitLab write calls provisioning needs, built on
// GitLabClient::send() so the client's interface stays as it is.
namespace Dockmaster::GitLabWrite {

// A JSON call; `idempotent` lets the client retry it after a 5xx.
GitLabCall *sendJson(GitLabClient *client, const QByteArray &method, const QString &path, const QJsonObject &body,
                     QObject *context, std::function<void(const GitLabResponse &)> done, bool idempotent = false);

// POST /projects/:id/repository/commits on `branch` with `actions`.
GitLabCall *commit(GitLabClient *client, const QString &project, const QString &branch, const QString &message,
                   const QJsonArray &actions, QObject *context, std::function<void(const GitLabResponse &)> done);

// One commits-API action. lastCommitId set: refused if the file changed since.
QJsonObject action(const QString &kind, const QString &filePath, const QByteArray &content = {},
                   const QString &lastCommitId = {});

// GitLab refused an edit because someone else changed the same file or
// created the same file first: re-read and try again.
bool isEditConflict(const GitLabResponse &response);

// The answer's JSON object (empty when it is not one).
QJsonObject object(const GitLabResponse &response);

} // namespace Dockmaster::GitLabWrite
