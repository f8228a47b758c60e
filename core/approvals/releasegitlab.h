#pragma once

#include "core/gitlab/gitlabclient.h"

#include <QUrl>

// GitLab calls the release workflow needs beyond GitLabClient's typed set,
// built on GitLabClient::send() so the client itself stays shared and small.
namespace Dockmaster::ReleaseGitLab {

// GET /projects/:id/pipelines?sha= (newest first).
GitLabCall *pipelinesForSha(GitLabClient *client, const QString &project, const QString &sha, QObject *context,
                            GitLabClient::Callback<QList<GitLabPipeline>> done);
// GET /projects/:id/repository/commits?ref_name= (newest first), `count` at most.
GitLabCall *branchCommits(GitLabClient *client, const QString &project, const QString &branch, int count,
                          QObject *context, GitLabClient::Callback<QList<GitLabCommit>> done);

// http(s)://host[/prefix]/<projectPath>.git, the smart HTTP address of a project.
QUrl repositoryUrl(const QUrl &baseUrl, const QString &projectPath);

} // namespace Dockmaster::ReleaseGitLab
