#include "core/provisioning/keyvaluerotation.h"

#include "core/gitlab/gitlabclient.h"
#include "core/provisioning/gitlabensure.h"
#include "core/provisioning/gitlabwrite.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>

namespace Dockmaster {

using GitLabEnsure::describe;

KeyValueRotation::KeyValueRotation(GitLabClient *client, AppKeyValueAdmin *admin, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_admin(admin)
{
}

void KeyValueRotation::readPassword(GitLabClient *client, const QString &opsProject, QObject *context, PasswordRead use)
{
    GitLabRequest get;
    get.path = GitLabClient::projectPath(opsProject) + QStringLiteral("/variables/") + QLatin1String(PasswordVariable);
    get.query = { { QStringLiteral("filter[environment_scope]"), QStringLiteral("*") } };
    client->send(get, context, [use](const GitLabResponse &r) {
        if (r.error.kind == GitLabError::Kind::NotFound) {
            use(std::nullopt, {});
            return;
        }
        if (!r.error.isOk()) {
            use(std::nullopt, tr("Cannot read the variable %1: %2").arg(QLatin1String(PasswordVariable), describe(r)));
            return;
        }
        use(GitLabWrite::object(r).value(QLatin1StringView("value")).toString(), {});
    });
}

namespace {

// Why an app's password cannot be rotated: it has none, or the variable
// could not be read. Empty when it can.
QString rotationBlocker(const std::optional<QString> &password, const QString &readError)
{
    if (!readError.isEmpty())
        return readError;
    if (!password)
        return KeyValueRotation::tr("The app has no key/value user yet (no %1 variable).")
            .arg(QLatin1String(KeyValueRotation::PasswordVariable));
    if (password->isEmpty())
        return KeyValueRotation::tr("The variable %1 is empty.").arg(QLatin1String(KeyValueRotation::PasswordVariable));
    return {};
}

} // namespace

void KeyValueRotation::begin(const QString &appId, const QString &opsProject, const QStringList &environmentBranches,
                             Done done)
{
    if (!m_client || !m_admin) {
        done(tr("The platform has no key/value store in this profile."));
        return;
    }
    readPassword(
        m_client, opsProject, this,
        [this, appId, opsProject, environmentBranches, done](const std::optional<QString> &current,
                                                             const QString &readError) {
            if (const QString blocker = rotationBlocker(current, readError); !blocker.isEmpty()) {
                done(blocker);
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
                        startPipelines(opsProject, environmentBranches,
                                       tr("The new password is set, but the deploy of %1 did not start: %2. Start "
                                          "it from its pipelines, then finish the rotation."),
                                       done);
                    });
                });
        });
}

void KeyValueRotation::ensureUser(GitLabClient *client, AppKeyValueAdmin *admin, const QString &appId,
                                  const QString &opsProject, QObject *context, Done done)
{
    // The password lives only in the masked variable (and the store keeps
    // only its hash): a run again reads it there. Made anew when the variable
    // is not there, the user keeps no other password, so a password made by a
    // run that stopped before writing the variable stops working.
    const auto withPassword = [client = QPointer(client), admin = QPointer(admin), appId, opsProject, context,
                               done](const std::optional<QString> &current, const QString &readError) {
        if (!readError.isEmpty()) {
            done(readError);
            return;
        }
        if (!admin || !client) {
            done(tr("The key/value store was closed."));
            return;
        }
        QString password = current.value_or(QString());
        const auto others
            = password.isEmpty() ? AppKeyValueAdmin::OtherPasswords::Remove : AppKeyValueAdmin::OtherPasswords::Keep;
        if (password.isEmpty())
            password = AppKeyValueAdmin::newPassword();
        admin->ensureUser(
            appId, password, others, context,
            [client, admin, appId, opsProject, context, done, password](const QString &error) {
                if (!error.isEmpty() || !admin || !client) {
                    done(error.isEmpty() ? tr("The key/value store was closed.") : error);
                    return;
                }
                QList<GitLabEnsure::Variable> variables;
                for (const auto &[name, value] : admin->connectionVariables(appId))
                    variables.append({ name, value, QStringLiteral("*"), false, true, false });
                variables.append({ QLatin1String(PasswordVariable), password, QStringLiteral("*"), true, true, false });
                GitLabEnsure::ensureVariables(client, context, opsProject, variables, done);
            });
    };
    readPassword(client, opsProject, context, withPassword);
}

void KeyValueRotation::enrol(const QString &appId, const QString &opsProject, const QStringList &environmentBranches,
                             Done done)
{
    if (!m_client || !m_admin) {
        done(tr("The platform has no key/value store in this profile."));
        return;
    }
    ensureUser(m_client, m_admin, appId, opsProject, this,
               [this, opsProject, environmentBranches, done](const QString &error) {
                   if (!error.isEmpty()) {
                       done(error);
                       return;
                   }
                   startPipelines(
                       opsProject, environmentBranches,
                       tr("The app's key/value user is ready, but the deploy of %1 did not start: %2. Start it from "
                          "its pipelines: until then its containers do not have the store's variables."),
                       done);
               });
}

void KeyValueRotation::startPipelines(const QString &opsProject, QStringList branches, const QString &failure,
                                      Done done)
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
    m_client->send(start, this, [this, opsProject, branches, failure, done, branch](const GitLabResponse &r) {
        if (!r.error.isOk()) {
            done(QString(failure).arg(branch, describe(r)));
            return;
        }
        startPipelines(opsProject, branches, failure, done);
    });
}

void KeyValueRotation::finish(const QString &appId, const QString &opsProject, Done done)
{
    if (!m_client || !m_admin) {
        done(tr("The platform has no key/value store in this profile."));
        return;
    }
    readPassword(m_client, opsProject, this,
                 [this, appId, done](const std::optional<QString> &password, const QString &readError) {
                     if (const QString blocker = rotationBlocker(password, readError); !blocker.isEmpty()) {
                         done(blocker);
                         return;
                     }
                     m_admin->ensureUser(appId, *password, AppKeyValueAdmin::OtherPasswords::Remove, this, done);
                 });
}

} // namespace Dockmaster
