#include "core/platform/platformmanifestreader.h"

#include "core/gitlab/gitlabclient.h"

#include <QLocale>
#include <QPointer>

namespace Dockmaster {
namespace {

constexpr auto ManifestPath = "platform.json";

void readAt(GitLabClient *client, const QString &project, const QString &ref, const QString &source, QObject *context,
            std::function<void(PlatformManifestReader::Result)> done)
{
    const QString path = QString::fromLatin1(ManifestPath);
    // The size first: a plugin's 100 MB "manifest" is never downloaded.
    client->fileMeta(
        project, path, ref, context,
        [client = QPointer(client), project, ref, source, context, done,
         path](const GitLabResult<GitLabFileMeta> &meta) {
            PlatformManifestReader::Result result;
            result.source = source;
            if (meta.error.kind == GitLabError::Kind::NotFound) {
                done(result); // no manifest: nothing declared, the default quota
                return;
            }
            if (!meta.ok()) {
                result.error
                    = PlatformManifestReader::tr("Cannot read platform.json at %1: %2").arg(source, meta.error.message);
                done(result);
                return;
            }
            result.found = true;
            if (meta.value.size > PlatformManifest::MaxBytes) {
                result.manifest.errors.append(
                    PlatformManifestReader::tr("platform.json is %1, more than a manifest may be (%2).")
                        .arg(QLocale().formattedDataSize(meta.value.size),
                             QLocale().formattedDataSize(PlatformManifest::MaxBytes)));
                done(result);
                return;
            }
            if (!client)
                return;
            client->file(project, path, ref, context,
                         [result, done, source](const GitLabResult<GitLabFile> &file) mutable {
                             if (!file.ok()) {
                                 result.found = false;
                                 result.error = PlatformManifestReader::tr("Cannot read platform.json at %1: %2")
                                                    .arg(source, file.error.message);
                             } else {
                                 result.manifest = PlatformManifests::parse(file.value.content);
                             }
                             done(result);
                         });
        });
}

} // namespace

void PlatformManifestReader::read(GitLabClient *client, const AppRecord &app, QObject *context,
                                  std::function<void(Result)> done)
{
    const QString project = QString::number(app.codeProjectId);
    for (const Environment environment : { Environment::Production, Environment::Test }) {
        const EnvironmentState *state = app.environment(environment);
        if (state && !state->liveSha.isEmpty()) {
            const QString source = state->liveRef.isEmpty() ? state->liveSha.left(12) : state->liveRef;
            readAt(client, project, state->liveSha, source, context, std::move(done));
            return;
        }
    }
    // Nothing deployed yet: what the plugin has on its default branch.
    client->project(
        project, context, [client = QPointer(client), project, context, done](const GitLabResult<GitLabProject> &p) {
            if (!p.ok() || !client) {
                Result result;
                result.error = tr("Cannot read the code repository: %1").arg(p.error.message);
                done(result);
                return;
            }
            const QString branch = p.value.defaultBranch.isEmpty() ? QStringLiteral("main") : p.value.defaultBranch;
            readAt(client, project, branch, branch, context, done);
        });
}

} // namespace Dockmaster
