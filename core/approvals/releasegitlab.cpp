#include "core/approvals/releasegitlab.h"

#include "core/gitlab/repositoryurl.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace Dockmaster::ReleaseGitLab {

namespace {

template<typename T, typename Parser>
GitLabCall *getList(GitLabClient *client, GitLabRequest request, QObject *context, Parser parser,
                    GitLabClient::Callback<QList<T>> done)
{
    // Offset pagination makes the client check that the answer is a JSON list.
    request.pagination = GitLabRequest::Pagination::Offset;
    if (request.maxPages <= 0)
        request.maxPages = 1;
    return client->send(
        request, context, [parser, path = request.path, done = std::move(done)](const GitLabResponse &response) {
            GitLabResult<QList<T>> result;
            result.error = response.error;
            result.serverTime = response.serverTime;
            for (const QJsonValue &value : std::as_const(response.items)) {
                if (!result.error.isOk())
                    break;
                const auto parsed = value.isObject() ? parser(value.toObject()) : std::nullopt;
                if (!parsed) {
                    result.value.clear();
                    result.error.kind = GitLabError::Kind::Malformed;
                    result.error.path = path;
                    result.error.message = QCoreApplication::translate("Dockmaster::ReleaseGitLab",
                                                                       "GitLab sent an entry in %1 that Dockmaster "
                                                                       "cannot read.")
                                               .arg(QUrl::fromPercentEncoding(path.toLatin1()));
                    break;
                }
                result.value.append(*parsed);
            }
            done(std::move(result));
        });
}

} // namespace

GitLabCall *pipelinesForSha(GitLabClient *client, const QString &project, const QString &sha, QObject *context,
                            GitLabClient::Callback<QList<GitLabPipeline>> done)
{
    GitLabRequest request;
    request.path = GitLabClient::projectPath(project) + QStringLiteral("/pipelines");
    request.query = { { QStringLiteral("sha"), sha },
                      { QStringLiteral("order_by"), QStringLiteral("id") },
                      { QStringLiteral("sort"), QStringLiteral("desc") },
                      { QStringLiteral("per_page"), QStringLiteral("20") } };
    return getList<GitLabPipeline>(client, request, context, &GitLabParse::pipeline, std::move(done));
}

GitLabCall *commitNotes(GitLabClient *client, const QString &project, const QString &sha, QObject *context,
                        GitLabClient::Callback<QList<GitLabNote>> done)
{
    GitLabRequest request;
    request.path = GitLabClient::projectPath(project) + QStringLiteral("/repository/commits/") + sha
        + QStringLiteral("/comments");
    request.query = { { QStringLiteral("per_page"), QStringLiteral("100") } };
    request.maxPages = 10;
    return getList<GitLabNote>(
        client, request, context,
        [](const QJsonObject &object) -> std::optional<GitLabNote> {
            const QJsonValue note = object.value(QStringLiteral("note"));
            if (!note.isString())
                return std::nullopt;
            GitLabNote parsed;
            parsed.body = note.toString();
            const QJsonObject author = object.value(QStringLiteral("author")).toObject();
            parsed.author = author.value(QStringLiteral("username")).toString();
            parsed.authorId = author.value(QStringLiteral("id")).toInteger();
            parsed.createdAt
                = QDateTime::fromString(object.value(QStringLiteral("created_at")).toString(), Qt::ISODateWithMs);
            return parsed;
        },
        std::move(done));
}

GitLabCall *branchCommits(GitLabClient *client, const QString &project, const QString &branch, int count,
                          QObject *context, GitLabClient::Callback<QList<GitLabCommit>> done)
{
    const int perPage = std::clamp(count, 1, 100);
    GitLabRequest request;
    request.path = GitLabClient::projectPath(project) + QStringLiteral("/repository/commits");
    request.query
        = { { QStringLiteral("ref_name"), branch }, { QStringLiteral("per_page"), QString::number(perPage) } };
    request.pagination = GitLabRequest::Pagination::Offset;
    request.maxPages = (std::max(count, 1) + perPage - 1) / perPage;
    return getList<GitLabCommit>(client, request, context, &GitLabParse::commit, std::move(done));
}

GitLabCall *projectIssues(GitLabClient *client, const QString &project, const QStringList &labels, QObject *context,
                          GitLabClient::Callback<QList<GitLabIssue>> done)
{
    GitLabRequest request;
    request.path = GitLabClient::projectPath(project) + QStringLiteral("/issues");
    request.query = { { QStringLiteral("labels"), labels.join(QLatin1Char(',')) },
                      { QStringLiteral("state"), QStringLiteral("all") },
                      { QStringLiteral("order_by"), QStringLiteral("created_at") },
                      { QStringLiteral("sort"), QStringLiteral("desc") },
                      { QStringLiteral("per_page"), QStringLiteral("100") } };
    return getList<GitLabIssue>(client, request, context, &GitLabParse::issue, std::move(done));
}

void isPlatformAdmin(GitLabClient *client, const QString &opsProject, qint64 userId, QObject *context,
                     std::function<void(const GitLabError &, bool admin)> done)
{
    if (userId <= 0) {
        done(GitLabError(), false);
        return;
    }
    GitLabRequest member;
    member.path = GitLabClient::projectPath(opsProject) + QStringLiteral("/members/all/") + QString::number(userId);
    client->send(member, context, [client, userId, context, done = std::move(done)](const GitLabResponse &response) {
        if (response.error.isOk()) {
            const QJsonObject object = QJsonDocument::fromJson(response.body).object();
            if (object.value(QStringLiteral("access_level")).toInt() >= 40) { // Maintainer
                done(GitLabError(), true);
                return;
            }
        } else if (response.error.kind != GitLabError::Kind::NotFound) {
            done(response.error, false);
            return;
        }
        GitLabRequest user;
        user.path = QStringLiteral("/users/") + QString::number(userId);
        client->send(user, context, [done](const GitLabResponse &answer) {
            if (!answer.error.isOk() && answer.error.kind != GitLabError::Kind::NotFound) {
                done(answer.error, false);
                return;
            }
            const QJsonObject object = QJsonDocument::fromJson(answer.body).object();
            done(GitLabError(), answer.error.isOk() && object.value(QStringLiteral("is_admin")).toBool());
        });
    });
}

QUrl repositoryUrl(const QUrl &baseUrl, const QString &projectPath)
{
    return gitRepositoryUrl(baseUrl, projectPath);
}

namespace {

bool hasMarker(const QList<GitLabNote> &notes, const QString &markerPrefix)
{
    return std::any_of(notes.cbegin(), notes.cend(),
                       [&](const GitLabNote &note) { return note.body.contains(markerPrefix); });
}

using NotesCallback = GitLabClient::Callback<QList<GitLabNote>>;

// Reads the notes, and posts only when none has the marker.
void postOnce(std::function<void(NotesCallback)> read,
              std::function<void(std::function<void(const GitLabError &)>)> post, const QString &markerPrefix,
              std::function<void(const GitLabError &, NoteStep)> done, std::function<bool()> stillWanted)
{
    read([post = std::move(post), markerPrefix, done = std::move(done),
          stillWanted = std::move(stillWanted)](GitLabResult<QList<GitLabNote>> notes) {
        if (stillWanted && !stillWanted())
            return;
        if (!notes.ok()) {
            done(notes.error, NoteStep::Reading);
            return;
        }
        if (hasMarker(notes.value, markerPrefix)) {
            done(GitLabError(), NoteStep::Posting);
            return;
        }
        post([done](const GitLabError &error) { done(error, NoteStep::Posting); });
    });
}

} // namespace

void postCommitNoteOnce(GitLabClient *client, const QString &project, const QString &sha, const QString &markerPrefix,
                        const QString &body, QObject *context, std::function<void(const GitLabError &, NoteStep)> done,
                        std::function<bool()> stillWanted)
{
    auto read = [client, project, sha, context](NotesCallback next) {
        commitNotes(client, project, sha, context, std::move(next));
    };
    auto post = [client, project, sha, body, context, read,
                 markerPrefix](std::function<void(const GitLabError &)> posted) {
        GitLabRequest request;
        request.method = QByteArrayLiteral("POST");
        request.path = GitLabClient::projectPath(project) + QStringLiteral("/repository/commits/") + sha
            + QStringLiteral("/comments");
        request.body = QJsonDocument(QJsonObject { { QStringLiteral("note"), body } }).toJson(QJsonDocument::Compact);
        client->send(request, context, [read, markerPrefix, posted](const GitLabResponse &response) {
            if (response.error.kind != GitLabError::Kind::MayHaveTakenEffect) {
                posted(response.error);
                return;
            }
            // The answer was lost: the comment may be there.
            read([posted, markerPrefix, lost = response.error](GitLabResult<QList<GitLabNote>> again) {
                posted(again.ok() && hasMarker(again.value, markerPrefix) ? GitLabError() : lost);
            });
        });
    };
    postOnce(read, post, markerPrefix, std::move(done), std::move(stillWanted));
}

void postNoteOnce(GitLabClient *client, const QString &project, qint64 iid, const QString &markerPrefix,
                  const QString &body, QObject *context, std::function<void(const GitLabError &, NoteStep)> done,
                  std::function<bool()> stillWanted)
{
    postOnce([client, project, iid,
              context](NotesCallback next) { client->issueNotes(project, iid, 0, context, std::move(next)); },
             [client, project, iid, body, context](std::function<void(const GitLabError &)> posted) {
                 client->createIssueNote(project, iid, body, context,
                                         [posted](GitLabResult<GitLabNote> created) { posted(created.error); });
             },
             markerPrefix, std::move(done), std::move(stillWanted));
}

} // namespace Dockmaster::ReleaseGitLab
