#pragma once

#include "core/provisioning/appkeyvalueadmin.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>
#include <optional>

namespace Dockmaster {

class GitLabClient;

// Changes the password of an app's key/value user without downtime, in two
// halves an admin starts from the console:
//  - begin: the store accepts a new password beside the old one, the app's
//    masked CI/CD variable holds the new one, and a pipeline starts on each
//    environment branch, so the containers come up with the new password
//    while the running ones keep the old;
//  - finish, once those deploys are done: the store accepts only the
//    variable's password.
// The password is kept nowhere but in the variable, so each half reads it
// there, and either can be run again after any failure: a begin that
// stopped after the store took a new password leaves one more password
// behind, which finish removes with the rest.
class KeyValueRotation final : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const QString &error)>;

    // Neither is owned.
    KeyValueRotation(GitLabClient *client, AppKeyValueAdmin *admin, QObject *parent = nullptr);

    // The app's key/value user, as provisioning makes it: the password read
    // back from the app's variable (the user keeps any others), or, with no
    // variable yet, a new one that replaces every other; then the connection
    // variables and the masked password variable. Safe to run again.
    static void ensureUser(GitLabClient *client, AppKeyValueAdmin *admin, const QString &appId,
                           const QString &opsProject, QObject *context, Done done);
    // For an app set up before the profile had a store: ensureUser, then a
    // pipeline on each environment branch so its containers get the variables.
    void enrol(const QString &appId, const QString &opsProject, const QStringList &environmentBranches, Done done);

    // opsProject: the app's management repository ("plugins/ops/<id>").
    void begin(const QString &appId, const QString &opsProject, const QStringList &environmentBranches, Done done);
    void finish(const QString &appId, const QString &opsProject, Done done);

    static constexpr const char *PasswordVariable = "PLATFORM_KV_PASSWORD";
    // The app's password as its masked variable holds it; no value (and no
    // error) when the project has no such variable. Provisioning reads it
    // here too, before it makes one.
    using PasswordRead = std::function<void(const std::optional<QString> &password, const QString &error)>;
    static void readPassword(GitLabClient *client, const QString &opsProject, QObject *context, PasswordRead use);

private:
    // failure: a sentence with %1 for the branch and %2 for GitLab's answer.
    void startPipelines(const QString &opsProject, QStringList branches, const QString &failure, Done done);

    QPointer<GitLabClient> m_client;
    QPointer<AppKeyValueAdmin> m_admin;
};

} // namespace Dockmaster
