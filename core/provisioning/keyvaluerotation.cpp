#include "core/provisioning/keyvaluerotation.h"

#include "core/gitlab/gitlabclient.h"
#include "core/provisioning/gitlabensure.h"
#include "core/provisioning/gitlabwrite.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Dockmaster {

using GitLabEnsure::describe;

KeyValueRotation::KeyValueRotation(GitLabClient *client, AppKeyValueAdmin *admin, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_admin(admin)
{
}

void KeyValueRotation::readPassword(const QString &opsProject,
                                    std::function<void(const QString &, const QString &)> use)
{
    GitLabRequest get;
    get.path = GitLabClient::projectPath(opsProject) + QStringLiteral("/variables/") + QLatin1String(PasswordVariable);
    get.query = { { QStringLiteral("filter[environment_scope]"), QStringLiteral("*") } };
    m_client->send(get, this, [use](const GitLabResponse &r) {
        if (r.error.kind == GitLabError::Kind::NotFound) {
            use({}, tr("The app has no key/value user yet (no %1 variable).").arg(QLatin1String(PasswordVariable)));
            return;
        }
        if (!r.error.isOk()) {
            use({}, tr("Cannot read the variable %1: %2").arg(QLatin1String(PasswordVariable), describe(r)));
            return;
        }
        const QString password = GitLabWrite::object(r).value(QLatin1StringView("value")).toString();
        use(password,
            password.isEmpty() ? tr("The variable %1 is empty.").arg(QLatin1String(PasswordVariable)) : QString());
    });
}

void KeyValueRotation::begin(const QString &appId, const QString &opsProject, const QStringList &environmentBranches,
                             Done done)
{
    if (!m_client || !m_admin) {
        done(tr("The platform has no key/value store in this profile."));
        return;
    }
    readPassword(
        opsProject, [this, appId, opsProject, environmentBranches, done](const QString &, const QString &error) {
            if (!error.isEmpty()) {
                done(error);
                return;
            }
            const QString password = AppKeyValueAdmin::newPassword();
            m_admin->ensureUser(
                appId, password, AppKeyValueAdmin::OtherPasswords::Keep, this,
                [this, opsProject, environmentBranches, done, password](const QString &storeError) {
                    if (!storeError.isEmpty()) {
                        done(storeError);
                        return;
                    }
                    GitLabRequest put;
                    put.method = QByteArrayLiteral("PUT");
                    put.path = GitLabClient::projectPath(opsProject) + QStringLiteral("/variables/")
                        + QLatin1String(PasswordVariable);
                    put.query = { { QStringLiteral("filter[environment_scope]"), QStringLiteral("*") } };
                    put.body = QJsonDocument(QJsonObject { { QStringLiteral("value"), password },
                                                           { QStringLiteral("masked"), true },
                                                           { QStringLiteral("protected"), true } })
                                   .toJson(QJsonDocument::Compact);
                    put.idempotent = true;
                    m_client->send(put, this, [this, opsProject, environmentBranches, done](const GitLabResponse &r) {
                        if (!r.error.isOk()) {
                            done(
                                tr("Cannot set the variable %1: %2").arg(QLatin1String(PasswordVariable), describe(r)));
                            return;
                        }
                        startPipelines(opsProject, environmentBranches, done);
                    });
                });
        });
}

void KeyValueRotation::startPipelines(const QString &opsProject, QStringList branches, Done done)
{
    if (branches.isEmpty()) {
        done({});
        return;
    }
    const QString branch = branches.takeFirst();
    GitLabRequest start;
    start.method = QByteArrayLiteral("POST");
    start.path = GitLabClient::projectPath(opsProject) + QStringLiteral("/pipeline");
    start.query = { { QStringLiteral("ref"), branch } };
    m_client->send(start, this, [this, opsProject, branches, done, branch](const GitLabResponse &r) {
        if (!r.error.isOk()) {
            done(tr("The new password is set, but the deploy of %1 did not start: %2. Start it from its pipelines, "
                    "then finish the rotation.")
                     .arg(branch, describe(r)));
            return;
        }
        startPipelines(opsProject, branches, done);
    });
}

void KeyValueRotation::finish(const QString &appId, const QString &opsProject, Done done)
{
    if (!m_client || !m_admin) {
        done(tr("The platform has no key/value store in this profile."));
        return;
    }
    readPassword(opsProject, [this, appId, done](const QString &password, const QString &error) {
        if (!error.isEmpty()) {
            done(error);
            return;
        }
        m_admin->ensureUser(appId, password, AppKeyValueAdmin::OtherPasswords::Remove, this, done);
    });
}

} // namespace Dockmaster
