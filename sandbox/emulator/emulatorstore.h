#pragma once

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMap>
#include <QMutexLocker>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <mutex>

namespace Dockmaster {

// GitLab access levels.
enum class AccessLevel : int { None = 0, Guest = 10, Reporter = 20, Developer = 30, Maintainer = 40, Owner = 50 };

struct EmulatorUser {
    qint64 id = 0;
    QString username;
    QString name;
    QString email;
    QString token;
    bool admin = false;
    QDateTime createdAt;
    // The personal access token's scopes and expiry (GET /personal_access_tokens/self).
    QStringList tokenScopes { QStringLiteral("api") };
    QDate tokenExpiresAt; // invalid: never expires
};

struct EmulatorMember {
    qint64 userId = 0;
    int accessLevel = 30;
    QString expiresAt;
};

struct EmulatorGroup {
    qint64 id = 0;
    QString name;
    QString path;
    QString fullPath;
    QString description;
    qint64 parentId = 0;
    QDateTime createdAt;
    QList<EmulatorMember> members;
};

struct EmulatorVariable {
    QString key;
    QString value;
    QString variableType = QStringLiteral("env_var");
    QString environmentScope = QStringLiteral("*");
    QString description;
    bool isProtected = false;
    bool masked = false;
    bool raw = false;
};

struct EmulatorNote {
    qint64 id = 0;
    QString body;
    qint64 authorId = 0;
    bool system = false;
    bool internal = false;
    QDateTime createdAt;
    QDateTime updatedAt;
};

struct EmulatorIssue {
    qint64 id = 0;
    qint64 iid = 0;
    qint64 projectId = 0;
    qint64 authorId = 0;
    QString title;
    QString description;
    QString state = QStringLiteral("opened");
    QStringList labels;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime closedAt;
    QList<EmulatorNote> notes;
};

struct EmulatorLabel {
    qint64 id = 0;
    QString name;
    QString color = QStringLiteral("#6699cc");
    QString description;
};

struct EmulatorProtectedBranch {
    qint64 id = 0;
    QString name;
    int pushAccessLevel = 40;
    int mergeAccessLevel = 40;
    bool allowForcePush = false;
};

struct EmulatorJob {
    qint64 id = 0;
    qint64 projectId = 0;
    qint64 pipelineId = 0;
    qint64 userId = 0;
    QString name;
    QString stage;
    QString status = QStringLiteral("created");
    QString environment;
    QByteArray trace;
    QDateTime createdAt;
    QDateTime startedAt;
    QDateTime finishedAt;
};

struct EmulatorPipeline {
    qint64 id = 0;
    qint64 iid = 0;
    qint64 projectId = 0;
    qint64 userId = 0;
    QString ref;
    QString sha;
    QString beforeSha;
    QString status = QStringLiteral("created");
    QString source = QStringLiteral("push");
    // Whether the ref was protected when the pipeline was created: only then
    // does it get protected CI/CD variables.
    bool protectedRef = false;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime startedAt;
    QDateTime finishedAt;
    QList<qint64> jobIds;
};

struct EmulatorEnvironment {
    qint64 id = 0;
    qint64 projectId = 0;
    QString name;
    QString state = QStringLiteral("available");
    QString externalUrl;
    QDateTime createdAt;
    QDateTime updatedAt;
};

struct EmulatorDeployment {
    qint64 id = 0;
    qint64 iid = 0;
    qint64 projectId = 0;
    qint64 environmentId = 0;
    qint64 userId = 0;
    qint64 pipelineId = 0;
    qint64 jobId = 0;
    QString ref;
    QString sha;
    QString status = QStringLiteral("created");
    QDateTime createdAt;
    QDateTime updatedAt;
};

struct EmulatorProject {
    qint64 id = 0;
    qint64 namespaceId = 0;
    QString name;
    QString path;
    QString description;
    QString defaultBranch = QStringLiteral("main");
    QString visibility = QStringLiteral("private");
    bool archived = false;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime lastActivityAt;
    QList<EmulatorMember> members;
    QList<EmulatorVariable> variables;
    QList<EmulatorLabel> labels;
    QList<EmulatorProtectedBranch> protectedBranches;
    QList<EmulatorEnvironment> environments;
    // CI/CD job token inbound allowlist: projects whose jobs may read this one.
    QList<qint64> jobTokenAllowlist;
    qint64 nextIssueIid = 1;
    qint64 nextPipelineIid = 1;
    qint64 nextDeploymentIid = 1;
    // Branch heads last seen, to notice pushes that move them.
    QHash<QString, QString> knownHeads;
    // Comments on commits (GET/POST .../repository/commits/:sha/comments), by full SHA.
    QHash<QString, QList<EmulatorNote>> commitNotes;
};

// All emulator state. Guarded by one recursive mutex: the server thread and a
// seeding caller both touch it, and every operation is short.
class EmulatorStore
{
public:
    explicit EmulatorStore(const QString &dataDir);

    // A std::recursive_mutex, not QRecursiveMutex: ThreadSanitizer sees
    // pthread mutexes, not QRecursiveMutex's lock inside libQt6Core (whose
    // hand-overs between the emulator's thread and a test's would all read as races).
    std::recursive_mutex &mutex() { return m_mutex; }
    QString dataDir() const { return m_dataDir; }
    QString repositoriesRoot() const;
    QString repositoryPath(const EmulatorProject &project) const;

    QDateTime now() const;
    qint64 nextId(const char *sequence);
    // Moves the emulator's clock (now(), Date headers) forward, e.g. "an hour later".
    void advanceClock(qint64 seconds) { m_clockOffsetMs += seconds * 1000; }
    // GitLab's external_url: what links, web_url and http_url_to_repo are built
    // from. Deliberately not the address the emulator listens on.
    QUrl externalUrl;
    // Application setting default_project_visibility, used when POST /projects
    // names no visibility.
    QString defaultProjectVisibility = QStringLiteral("private");
    // What GET /version answers (Gitlab::VERSION, e.g. "17.5.0-ee").
    QString version = QStringLiteral("17.5.0-emulator");
    // Omnibus's nginx['redirect_http_to_https']: every request is answered
    // with a 301 to the https:// form of its URL.
    bool redirectHttpToHttps = false;
    // The port it last listened on: a restart (also of a new emulator on the
    // same data folder) takes it again when it is free, so clients keep their URL.
    quint16 listenPort = 0;

    // An Event (push, API commit, issue change): GitLab moves last_activity_at
    // (and updated_at) at most once an hour (Event::RESET_PROJECT_ACTIVITY_INTERVAL).
    static constexpr qint64 ActivityThrottleSeconds = 3600;
    void recordActivity(EmulatorProject &project);
    // Projects::ProtectDefaultBranchService: once the default branch exists it
    // is protected (push and merge: Maintainers, no force push), unless already.
    void protectDefaultBranch(EmulatorProject &project);
    // The protection rules matching a branch (wildcards `*` as in GitLab). A
    // project whose repository is still empty has its default branch protected.
    QList<EmulatorProtectedBranch> protectionFor(const EmulatorProject &project, const QString &branch,
                                                 bool emptyRepository = false) const;
    // Whether `user` may push to `branch` (Gitlab::UserAccess#can_push_to_branch?).
    bool canPushToBranch(const EmulatorUser &user, const EmulatorProject &project, const QString &branch,
                         bool emptyRepository = false) const;

    // Users
    EmulatorUser &addUser(const QString &username, const QString &name, bool admin, const QString &token);
    const EmulatorUser *userByToken(const QString &token) const;
    // The token stops working from the next request on, as when its owner
    // revokes it or it expires; the user stays. False if nobody has it.
    bool revokeToken(const QString &token);
    const EmulatorUser *user(qint64 id) const;
    const EmulatorUser *userByName(const QString &username) const;

    // Groups and projects
    EmulatorGroup &addGroup(const QString &name, const QString &path, qint64 parentId);
    EmulatorGroup *group(qint64 id);
    EmulatorGroup *groupByPath(const QString &fullPath);
    EmulatorProject &addProject(const QString &name, const QString &path, qint64 namespaceId);
    EmulatorProject *project(qint64 id);
    EmulatorProject *projectByPath(const QString &fullPath);
    QString projectFullPath(const EmulatorProject &project) const;
    QList<qint64> descendantGroups(qint64 groupId) const; // including itself
    // The highest access level the user has on a project (admins: Owner).
    int accessLevel(const EmulatorUser &user, const EmulatorProject &project) const;
    // The level from memberships alone (the project's and its groups'), what
    // GET /projects/:id/members/all/:user_id answers; for non-admins as accessLevel().
    int membershipLevel(const EmulatorUser &user, const EmulatorProject &project) const;
    int groupAccessLevel(const EmulatorUser &user, qint64 groupId) const;

    // Issues (keyed by global id; iid is per project)
    EmulatorIssue &addIssue(qint64 projectId, qint64 authorId, const QString &title, const QString &description,
                            const QStringList &labels);
    EmulatorIssue *issue(qint64 projectId, qint64 iid);
    // The same issue filed again (a developer re-filing a release request):
    // a new issue with its title, description and labels. Its iid; 0 if
    // there is no such issue.
    qint64 refileIssue(qint64 projectId, qint64 iid);
    void ensureLabels(EmulatorProject &project, const QStringList &labels);

    // CI
    EmulatorPipeline &addPipeline(qint64 projectId, const QString &ref, const QString &sha, qint64 userId);
    EmulatorJob &addJob(qint64 pipelineId, const QString &name, const QString &stage, const QString &environment);
    EmulatorEnvironment &environment(qint64 projectId, const QString &name);
    EmulatorDeployment &addDeployment(qint64 projectId, const QString &environment, const QString &ref,
                                      const QString &sha, qint64 userId, qint64 pipelineId, qint64 jobId);

    QMap<qint64, EmulatorUser> users;
    QMap<qint64, EmulatorGroup> groups;
    QMap<qint64, EmulatorProject> projects;
    QMap<qint64, EmulatorIssue> issues; // by global id
    QMap<qint64, EmulatorPipeline> pipelines;
    QMap<qint64, EmulatorJob> jobs;
    QMap<qint64, EmulatorDeployment> deployments;

private:
    friend class EmulatorState; // saves and restores the private indexes too

    QString m_dataDir;
    mutable std::recursive_mutex m_mutex;
    QHash<QString, qint64> m_sequences;
    QHash<QString, qint64> m_projectsByPath;
    QHash<QString, qint64> m_groupsByPath;
    QHash<QString, qint64> m_usersByToken;
    QHash<QString, qint64> m_issueIndex; // "projectId/iid" -> id
    mutable QDateTime m_lastNow;
    qint64 m_clockOffsetMs = 0;
};

} // namespace Dockmaster
