#pragma once

#include "core/gitlab/gitlabclient.h"

#include <QUrl>

#include <functional>

// GitLab calls the release workflow needs beyond GitLabClient's typed set,
// built on GitLabClient::send() so the client itself stays shared and small.
namespace Dockmaster::ReleaseGitLab {

// GET /projects/:id/pipelines?sha= (newest first).
GitLabCall *pipelinesForSha(GitLabClient *client, const QString &project, const QString &sha, QObject *context,
                            GitLabClient::Callback<QList<GitLabPipeline>> done);
// GET /projects/:id/repository/commits?ref_name= (newest first), `count` at most.
GitLabCall *branchCommits(GitLabClient *client, const QString &project, const QString &branch, int count,
                          QObject *context, GitLabClient::Callback<QList<GitLabCommit>> done);

// GET /projects/:id/issues?labels=&state=all (newest first).
GitLabCall *projectIssues(GitLabClient *client, const QString &project, const QStringList &labels, QObject *context,
                          GitLabClient::Callback<QList<GitLabIssue>> done);

// Whether user userId may act as an admin of opsProject: Maintainer or more
// there (GET /projects/:id/members/all/:user_id, inherited memberships
// included), or else an instance administrator (GET /users/:id shows
// is_admin to administrators only, so a non-admin token cannot tell and the
// answer is no). done gets the error when GitLab could not answer.
void isPlatformAdmin(GitLabClient *client, const QString &opsProject, qint64 userId, QObject *context,
                     std::function<void(const GitLabError &, bool admin)> done);

// Comments body on issue iid unless a comment containing markerPrefix is
// there already (a crash, another console), so a marker is never posted
// twice. done gets the error (isOk() when the comment is there now) and
// whether it happened while reading the comments or while posting. When
// stillWanted says no after the reading, nothing is posted and done is not called.
enum class NoteStep { Reading, Posting };
void postNoteOnce(GitLabClient *client, const QString &project, qint64 iid, const QString &markerPrefix,
                  const QString &body, QObject *context, std::function<void(const GitLabError &, NoteStep)> done,
                  std::function<bool()> stillWanted = {});

// GET /projects/:id/repository/commits/:sha/comments (oldest first): the
// comments on a commit, as notes (no id: GitLab gives none).
GitLabCall *commitNotes(GitLabClient *client, const QString &project, const QString &sha, QObject *context,
                        GitLabClient::Callback<QList<GitLabNote>> done);
// postNoteOnce for a commit (POST .../commits/:sha/comments): the marker of
// a deployment that has no release request. A lost answer is settled by
// reading the comments again, so the comment is there once.
void postCommitNoteOnce(GitLabClient *client, const QString &project, const QString &sha, const QString &markerPrefix,
                        const QString &body, QObject *context, std::function<void(const GitLabError &, NoteStep)> done,
                        std::function<bool()> stillWanted = {});

// http(s)://host[/prefix]/<projectPath>.git, the smart HTTP address of a project.
QUrl repositoryUrl(const QUrl &baseUrl, const QString &projectPath);

} // namespace Dockmaster::ReleaseGitLab
