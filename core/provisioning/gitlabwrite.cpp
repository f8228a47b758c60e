#include "core/provisioning/gitlabwrite.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Dockmaster::GitLabWrite {

GitLabCall *sendJson(GitLabClient *client, const QByteArray &method, const QString &path, const QJsonObject &body,
                     QObject *context, std::function<void(const GitLabResponse &)> done, bool idempotent)
{
    GitLabRequest request;
    request.method = method;
    request.path = path;
    if (method != "GET" && method != "HEAD")
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    if (idempotent)
        request.idempotent = true;
    return client->send(request, context, std::move(done));
}

GitLabCall *commit(GitLabClient *client, const QString &project, const QString &branch, const QString &message,
                   const QJsonArray &actions, QObject *context, std::function<void(const GitLabResponse &)> done)
{
    const QJsonObject body { { QStringLiteral("branch"), branch },
                             { QStringLiteral("commit_message"), message },
                             { QStringLiteral("actions"), actions } };
    return sendJson(client, "POST", GitLabClient::projectPath(project) + QStringLiteral("/repository/commits"), body,
                    context, std::move(done));
}

QJsonObject action(const QString &kind, const QString &filePath, const QByteArray &content, const QString &lastCommitId)
{
    QJsonObject o { { QStringLiteral("action"), kind }, { QStringLiteral("file_path"), filePath } };
    if (kind != QLatin1String("delete")) {
        // base64 keeps every byte exactly as rendered.
        o.insert(QStringLiteral("encoding"), QStringLiteral("base64"));
        o.insert(QStringLiteral("content"), QString::fromLatin1(content.toBase64()));
    }
    if (!lastCommitId.isEmpty())
        o.insert(QStringLiteral("last_commit_id"), lastCommitId);
    return o;
}

bool isEditConflict(const GitLabResponse &response)
{
    const int status = response.httpStatus != 0 ? response.httpStatus : response.error.httpStatus;
    if (status != 400 && status != 409)
        return false;
    const QString text = response.error.gitlabMessage + QString::fromUtf8(response.body);
    return text.contains(QLatin1String("changed since you started editing"))
        || text.contains(QLatin1String("A file with this name already exists"));
}

QJsonObject object(const GitLabResponse &response)
{
    return QJsonDocument::fromJson(response.body).object();
}

} // namespace Dockmaster::GitLabWrite
