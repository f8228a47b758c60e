#include "core/approvals/releasegitlab.h"

#include <QCoreApplication>
#include <QJsonArray>
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

QUrl repositoryUrl(const QUrl &baseUrl, const QString &projectPath)
{
    QUrl url = baseUrl.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo);
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QLatin1Char('/') + projectPath + QStringLiteral(".git"));
    return url;
}

void postNoteOnce(GitLabClient *client, const QString &project, qint64 iid, const QString &markerPrefix,
                  const QString &body, QObject *context, std::function<void(const GitLabError &, NoteStep)> done,
                  std::function<bool()> stillWanted)
{
    client->issueNotes(
        project, iid, 0, context,
        [client, project, iid, markerPrefix, body, context, done = std::move(done),
         stillWanted = std::move(stillWanted)](GitLabResult<QList<GitLabNote>> notes) {
            if (stillWanted && !stillWanted())
                return;
            if (!notes.ok()) {
                done(notes.error, NoteStep::Reading);
                return;
            }
            const bool present = std::any_of(notes.value.cbegin(), notes.value.cend(),
                                             [&](const GitLabNote &note) { return note.body.contains(markerPrefix); });
            if (present) {
                done(GitLabError(), NoteStep::Posting);
                return;
            }
            client->createIssueNote(project, iid, body, context, [done](GitLabResult<GitLabNote> created) {
                done(created.error, NoteStep::Posting);
            });
        });
}

} // namespace Dockmaster::ReleaseGitLab
