#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// Typed views of the GitLab REST v4 objects Dockmaster reads. Each parser
// returns nullopt when a field the API documents as always present is missing
// or has the wrong type, so a malformed answer is never half-applied.
namespace Dockmaster {

struct GitLabUser {
    qint64 id = 0;
    QString username;
    QString name;
    QString state;
    QString commitEmail; // GET /user only
    bool isAdmin = false;

    // The address GitLab links to this user's profile: commit_email, else the
    // private form <id>-<username>@users.noreply.<host> (lib/gitlab/private_commit_email.rb).
    QString commitAddress(const QString &host) const
    {
        if (!commitEmail.isEmpty())
            return commitEmail;
        return QString::number(id) + QLatin1Char('-') + username + QStringLiteral("@users.noreply.") + host;
    }
};

struct GitLabProject {
    qint64 id = 0;
    QString name;
    QString path;              // last path component, e.g. "app0000042"
    QString pathWithNamespace; // "plugins/apps/app0000042"
    QString namespacePath;     // "plugins/apps"
    QString description;
    QString defaultBranch;
    QString webUrl;
    QString httpUrlToRepo;
    bool archived = false;
    QDateTime createdAt;
    QDateTime lastActivityAt;
};

struct GitLabIssue {
    qint64 id = 0;
    qint64 iid = 0;
    qint64 projectId = 0;
    QString title;
    QString description;
    QString state; // opened, closed
    QStringList labels;
    QString author; // username
    QString webUrl;
    QString referenceFull; // "plugins/apps/app0000042#3" when GitLab sends it
    QDateTime createdAt;
    QDateTime updatedAt;
};

struct GitLabCommit {
    QString id;
    QString shortId;
    QString title;
    QString message;
    QString authorName;
    QString authorEmail;
    QDateTime committedDate;
    QStringList parentIds;
};

struct GitLabTag {
    QString name;
    QString target;  // tag object id (annotated) or commit id (lightweight)
    QString message; // empty for lightweight tags
    bool isProtected = false;
    QDateTime createdAt; // null for lightweight tags
    GitLabCommit commit;
};

struct GitLabBranch {
    QString name;
    bool isProtected = false;
    bool isDefault = false;
    GitLabCommit commit;
};

struct GitLabTreeEntry {
    QString id; // object id; for a submodule ("commit") the pinned commit SHA
    QString name;
    QString type; // blob, tree, commit
    QString path;
    QString mode;
};

struct GitLabPipeline {
    qint64 id = 0;
    qint64 iid = 0;
    qint64 projectId = 0;
    QString ref;
    QString sha;
    QString status;
    QString source;
    QString webUrl;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime startedAt;
    QDateTime finishedAt;
};

struct GitLabJob {
    qint64 id = 0;
    QString name;
    QString stage;
    QString status;
    QString ref;
    QString webUrl;
    qint64 pipelineId = 0;
    QDateTime createdAt;
    QDateTime startedAt;
    QDateTime finishedAt;
};

struct GitLabDeployment {
    qint64 id = 0;
    qint64 iid = 0;
    QString ref;
    QString sha;
    QString status;
    QString environment;   // environment name, e.g. "test"
    QString user;          // username, may be empty
    qint64 pipelineId = 0; // from deployable.pipeline.id when present
    QDateTime createdAt;
    QDateTime updatedAt;
};

struct GitLabEnvironment {
    qint64 id = 0;
    QString name;
    QString slug;
    QString state;
    QString externalUrl;
};

// What GitLab's GraphQL API answered (HTTP 200): the data it could resolve
// and the messages of what it could not. A query GitLab refuses whole (too
// complex, an unknown field on an older GitLab) has no data.
struct GitLabGraphQLAnswer {
    QJsonObject data;
    QStringList errors;
};

struct GitLabNote {
    qint64 id = 0;
    QString body;
    QString author;
    qint64 authorId = 0; // who wrote it, as GitLab says (the body may claim anything)
    bool system = false;
    QDateTime createdAt;
};

struct GitLabFile {
    QString filePath;
    QString ref;
    QString blobId;
    QString commitId;
    QString lastCommitId;
    QByteArray content; // decoded
    qint64 size = 0;
};

// What HEAD on the files API tells without downloading the content.
struct GitLabFileMeta {
    QString blobId;
    QString commitId;
    QString lastCommitId;
    qint64 size = 0;
};

struct GitLabDiff {
    QString oldPath;
    QString newPath;
    QString diff;
    bool newFile = false;
    bool renamedFile = false;
    bool deletedFile = false;
};

struct GitLabCompare {
    QList<GitLabCommit> commits;
    QList<GitLabDiff> diffs;
    bool compareTimeout = false;
    bool compareSameRef = false;
};

namespace GitLabParse {

// ISO-8601 as GitLab writes it ("2026-11-25T01:02:03.456Z" or with offset).
QDateTime dateTime(const QJsonValue &value);

std::optional<GitLabUser> user(const QJsonObject &object);
std::optional<GitLabProject> project(const QJsonObject &object);
std::optional<GitLabIssue> issue(const QJsonObject &object);
std::optional<GitLabCommit> commit(const QJsonObject &object);
std::optional<GitLabTag> tag(const QJsonObject &object);
std::optional<GitLabBranch> branch(const QJsonObject &object);
std::optional<GitLabTreeEntry> treeEntry(const QJsonObject &object);
std::optional<GitLabPipeline> pipeline(const QJsonObject &object);
std::optional<GitLabJob> job(const QJsonObject &object);
std::optional<GitLabDeployment> deployment(const QJsonObject &object);
std::optional<GitLabEnvironment> environment(const QJsonObject &object);
std::optional<GitLabNote> note(const QJsonObject &object);
// {"data": {...}, "errors": [{"message": ...}]}: nullopt when neither is there.
std::optional<GitLabGraphQLAnswer> graphqlAnswer(const QJsonObject &object);
std::optional<GitLabFile> file(const QJsonObject &object);
std::optional<GitLabCompare> compare(const QJsonObject &object);

} // namespace GitLabParse
} // namespace Dockmaster
