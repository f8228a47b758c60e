#pragma once

#include "core/gitlab/gitlabclient.h"
#include "sandbox/emulator/gitlabemulator.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <memory>
#include <optional>

namespace Dockmaster::Test {

// Sends one REST call and waits for its answer, for seeding data in tests.
// A Timeout error when it did not answer in time.
inline GitLabResponse sendAndWait(GitLabClient *client, const QByteArray &method, const QString &path,
                                  const QJsonObject &body = {}, int timeoutMs = 120000)
{
    GitLabRequest request;
    request.method = method;
    request.path = path;
    if (!body.isEmpty())
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    std::optional<GitLabResponse> out;
    QEventLoop loop;
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    client->send(request, &loop, [&out, &loop](const GitLabResponse &r) {
        out = r;
        loop.quit();
    });
    if (!out)
        loop.exec();
    if (out)
        return *out;
    GitLabResponse timedOut;
    timedOut.error.kind = GitLabError::Kind::Timeout;
    timedOut.error.message = QStringLiteral("no answer from the test's GitLab in time");
    return timedOut;
}

// A client of the emulator's root administrator.
inline std::unique_ptr<GitLabClient> adminClient(const GitLabEmulator &emulator)
{
    auto client = std::make_unique<GitLabClient>();
    client->setBaseUrl(emulator.baseUrl());
    client->setToken(emulator.adminToken());
    return client;
}

// Creates a project with the default branch `main`; its id, 0 when GitLab refused.
inline qint64 createProject(GitLabClient *client, const QString &path)
{
    const GitLabResponse created = sendAndWait(
        client, "POST", QStringLiteral("/projects"),
        { { QStringLiteral("path"), path }, { QStringLiteral("default_branch"), QStringLiteral("main") } });
    return created.error.isOk() ? QJsonDocument::fromJson(created.body).object().value(QStringLiteral("id")).toInteger()
                                : 0;
}

} // namespace Dockmaster::Test
