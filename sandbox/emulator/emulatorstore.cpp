#include "sandbox/emulator/emulatorstore.h"

#include <QDir>
#include <QRegularExpression>

#include <algorithm>

namespace Dockmaster {

EmulatorStore::EmulatorStore(const QString &dataDir)
    : m_dataDir(QDir(dataDir).absolutePath())
{
}

QString EmulatorStore::repositoriesRoot() const
{
    return m_dataDir + QStringLiteral("/repositories");
}

QString EmulatorStore::repositoryPath(const EmulatorProject &project) const
{
    return repositoriesRoot() + QLatin1Char('/') + projectFullPath(project) + QStringLiteral(".git");
}

QDateTime EmulatorStore::now() const
{
    // Strictly increasing, so every write is visible to an `updated_after`
    // query made with the previous write's timestamp.
    QDateTime t = QDateTime::currentDateTimeUtc().addMSecs(m_clockOffsetMs);
    if (m_lastNow.isValid() && t <= m_lastNow)
        t = m_lastNow.addMSecs(1);
    m_lastNow = t;
    return t;
}

qint64 EmulatorStore::nextId(const char *sequence)
{
    return ++m_sequences[QString::fromLatin1(sequence)];
}

EmulatorUser &EmulatorStore::addUser(const QString &username, const QString &name, bool admin, const QString &token)
{
    EmulatorUser u;
    u.id = nextId("user");
    u.username = username;
    u.name = name;
    u.email = username + QStringLiteral("@example.test");
    u.token = token;
    u.admin = admin;
    u.createdAt = now();
    m_usersByToken.insert(token, u.id);
    return users.insert(u.id, u).value();
}

const EmulatorUser *EmulatorStore::userByToken(const QString &token) const
{
    if (token.isEmpty())
        return nullptr;
    const auto it = m_usersByToken.constFind(token);
    return it == m_usersByToken.cend() ? nullptr : user(it.value());
}

bool EmulatorStore::revokeToken(const QString &token)
{
    const auto it = m_usersByToken.find(token);
    if (token.isEmpty() || it == m_usersByToken.end())
        return false;
    if (const auto user = users.find(it.value()); user != users.end())
        user->token.clear();
    m_usersByToken.erase(it);
    return true;
}

const EmulatorUser *EmulatorStore::user(qint64 id) const
{
    const auto it = users.constFind(id);
    return it == users.cend() ? nullptr : &it.value();
}

const EmulatorUser *EmulatorStore::userByName(const QString &username) const
{
    for (const auto &u : users) {
        if (u.username == username)
            return &u;
    }
    return nullptr;
}

EmulatorGroup &EmulatorStore::addGroup(const QString &name, const QString &path, qint64 parentId)
{
    EmulatorGroup g;
    g.id = nextId("namespace");
    g.name = name;
    g.path = path;
    g.parentId = parentId;
    const EmulatorGroup *parent = group(parentId);
    g.fullPath = parent ? parent->fullPath + QLatin1Char('/') + path : path;
    g.createdAt = now();
    m_groupsByPath.insert(g.fullPath.toLower(), g.id);
    return groups.insert(g.id, g).value();
}

EmulatorGroup *EmulatorStore::group(qint64 id)
{
    const auto it = groups.find(id);
    return it == groups.end() ? nullptr : &it.value();
}

EmulatorGroup *EmulatorStore::groupByPath(const QString &fullPath)
{
    const auto it = m_groupsByPath.constFind(fullPath.toLower());
    return it == m_groupsByPath.cend() ? nullptr : group(it.value());
}

EmulatorProject &EmulatorStore::addProject(const QString &name, const QString &path, qint64 namespaceId)
{
    EmulatorProject p;
    p.id = nextId("project");
    p.name = name;
    p.path = path;
    p.namespaceId = namespaceId;
    p.createdAt = now();
    p.updatedAt = p.createdAt;
    p.lastActivityAt = p.createdAt;
    EmulatorProject &stored = projects.insert(p.id, p).value();
    m_projectsByPath.insert(projectFullPath(stored).toLower(), stored.id);
    return stored;
}

EmulatorProject *EmulatorStore::project(qint64 id)
{
    const auto it = projects.find(id);
    return it == projects.end() ? nullptr : &it.value();
}

EmulatorProject *EmulatorStore::projectByPath(const QString &fullPath)
{
    const auto it = m_projectsByPath.constFind(fullPath.toLower());
    return it == m_projectsByPath.cend() ? nullptr : project(it.value());
}

QString EmulatorStore::projectFullPath(const EmulatorProject &project) const
{
    const auto it = groups.constFind(project.namespaceId);
    if (it != groups.cend())
        return it->fullPath + QLatin1Char('/') + project.path;
    // Personal namespace: ids of user namespaces are not modelled; use "root".
    return QStringLiteral("root/") + project.path;
}

QList<qint64> EmulatorStore::descendantGroups(qint64 groupId) const
{
    QList<qint64> result { groupId };
    for (qsizetype i = 0; i < result.size(); ++i) {
        for (const auto &g : groups) {
            if (g.parentId == result.at(i))
                result.append(g.id);
        }
    }
    return result;
}

int EmulatorStore::groupAccessLevel(const EmulatorUser &user, qint64 groupId) const
{
    if (user.admin)
        return int(AccessLevel::Owner);
    int level = 0;
    for (qint64 id = groupId; id != 0;) {
        const auto it = groups.constFind(id);
        if (it == groups.cend())
            break;
        for (const auto &m : it->members) {
            if (m.userId == user.id)
                level = qMax(level, m.accessLevel);
        }
        id = it->parentId;
    }
    return level;
}

int EmulatorStore::membershipLevel(const EmulatorUser &user, const EmulatorProject &project) const
{
    if (!user.admin)
        return accessLevel(user, project);
    EmulatorUser member = user;
    member.admin = false;
    int level = groupAccessLevel(member, project.namespaceId);
    for (const auto &m : project.members) {
        if (m.userId == user.id)
            level = qMax(level, m.accessLevel);
    }
    return level;
}

int EmulatorStore::accessLevel(const EmulatorUser &user, const EmulatorProject &project) const
{
    if (user.admin)
        return int(AccessLevel::Owner);
    int level = groupAccessLevel(user, project.namespaceId);
    for (const auto &m : project.members) {
        if (m.userId == user.id)
            level = qMax(level, m.accessLevel);
    }
    // Internal and public projects are readable by every signed-in user
    // (their issues show up in /issues?scope=all too).
    if (level == 0 && project.visibility != QLatin1String("private"))
        level = int(AccessLevel::Guest);
    return level;
}

EmulatorIssue &EmulatorStore::addIssue(qint64 projectId, qint64 authorId, const QString &title,
                                       const QString &description, const QStringList &labels)
{
    EmulatorProject *p = project(projectId);
    Q_ASSERT(p);
    EmulatorIssue issue;
    issue.id = nextId("issue");
    issue.iid = p->nextIssueIid++;
    issue.projectId = projectId;
    issue.authorId = authorId;
    issue.title = title;
    issue.description = description;
    issue.labels = labels;
    issue.createdAt = now();
    issue.updatedAt = issue.createdAt;
    ensureLabels(*p, labels);
    m_issueIndex.insert(QString::number(projectId) + QLatin1Char('/') + QString::number(issue.iid), issue.id);
    return issues.insert(issue.id, issue).value();
}

qint64 EmulatorStore::refileIssue(qint64 projectId, qint64 iid)
{
    const EmulatorIssue *original = issue(projectId, iid);
    if (!original)
        return 0;
    // Copies: addIssue may move the original in the map.
    const EmulatorIssue copy = *original;
    return addIssue(copy.projectId, copy.authorId, copy.title, copy.description, copy.labels).iid;
}

EmulatorIssue *EmulatorStore::issue(qint64 projectId, qint64 iid)
{
    const auto it = m_issueIndex.constFind(QString::number(projectId) + QLatin1Char('/') + QString::number(iid));
    if (it == m_issueIndex.cend())
        return nullptr;
    const auto found = issues.find(it.value());
    return found == issues.end() ? nullptr : &found.value();
}

void EmulatorStore::ensureLabels(EmulatorProject &project, const QStringList &labels)
{
    for (const QString &name : labels) {
        bool known = false;
        for (const auto &l : std::as_const(project.labels))
            known = known || l.name == name;
        if (!known) {
            EmulatorLabel label;
            label.id = nextId("label");
            label.name = name;
            project.labels.append(label);
        }
    }
}

EmulatorPipeline &EmulatorStore::addPipeline(qint64 projectId, const QString &ref, const QString &sha, qint64 userId)
{
    EmulatorProject *p = project(projectId);
    Q_ASSERT(p);
    EmulatorPipeline pipeline;
    pipeline.id = nextId("pipeline");
    pipeline.iid = p->nextPipelineIid++;
    pipeline.projectId = projectId;
    pipeline.ref = ref;
    pipeline.sha = sha;
    pipeline.userId = userId;
    pipeline.createdAt = now();
    pipeline.updatedAt = pipeline.createdAt;
    return pipelines.insert(pipeline.id, pipeline).value();
}

EmulatorJob &EmulatorStore::addJob(qint64 pipelineId, const QString &name, const QString &stage,
                                   const QString &environment)
{
    EmulatorPipeline &pipeline = pipelines[pipelineId];
    EmulatorJob job;
    job.id = nextId("job");
    job.projectId = pipeline.projectId;
    job.pipelineId = pipelineId;
    job.userId = pipeline.userId;
    job.name = name;
    job.stage = stage;
    job.environment = environment;
    job.createdAt = now();
    pipeline.jobIds.append(job.id);
    return jobs.insert(job.id, job).value();
}

EmulatorEnvironment &EmulatorStore::environment(qint64 projectId, const QString &name)
{
    EmulatorProject *p = project(projectId);
    Q_ASSERT(p);
    for (auto &e : p->environments) {
        if (e.name == name)
            return e;
    }
    EmulatorEnvironment e;
    e.id = nextId("environment");
    e.projectId = projectId;
    e.name = name;
    e.createdAt = now();
    e.updatedAt = e.createdAt;
    p->environments.append(e);
    return p->environments.last();
}

EmulatorDeployment &EmulatorStore::addDeployment(qint64 projectId, const QString &environmentName, const QString &ref,
                                                 const QString &sha, qint64 userId, qint64 pipelineId, qint64 jobId)
{
    EmulatorDeployment d;
    d.id = nextId("deployment");
    d.projectId = projectId;
    d.environmentId = environment(projectId, environmentName).id;
    d.iid = project(projectId)->nextDeploymentIid++;
    d.ref = ref;
    d.sha = sha;
    d.userId = userId;
    d.pipelineId = pipelineId;
    d.jobId = jobId;
    d.createdAt = now();
    d.updatedAt = d.createdAt;
    return deployments.insert(d.id, d).value();
}

void EmulatorStore::recordActivity(EmulatorProject &project)
{
    const QDateTime t = now();
    if (project.lastActivityAt.isValid() && project.lastActivityAt > t.addSecs(-ActivityThrottleSeconds))
        return;
    project.lastActivityAt = t;
    project.updatedAt = t;
}

void EmulatorStore::protectDefaultBranch(EmulatorProject &project)
{
    for (const auto &b : std::as_const(project.protectedBranches)) {
        if (b.name == project.defaultBranch)
            return;
    }
    EmulatorProtectedBranch b;
    b.id = nextId("protected_branch");
    b.name = project.defaultBranch;
    b.pushAccessLevel = int(AccessLevel::Maintainer);
    b.mergeAccessLevel = int(AccessLevel::Maintainer);
    b.allowForcePush = false;
    project.protectedBranches.append(b);
}

QList<EmulatorProtectedBranch> EmulatorStore::protectionFor(const EmulatorProject &project, const QString &branch,
                                                            bool emptyRepository) const
{
    QList<EmulatorProtectedBranch> rules;
    for (const auto &b : project.protectedBranches) {
        const QRegularExpression pattern(QRegularExpression::anchoredPattern(
            QRegularExpression::escape(b.name).replace(QStringLiteral("\\*"), QStringLiteral(".*"))));
        if (pattern.match(branch).hasMatch())
            rules.append(b);
    }
    if (rules.isEmpty() && emptyRepository && branch == project.defaultBranch) {
        EmulatorProtectedBranch b;
        b.name = branch;
        rules.append(b);
    }
    return rules;
}

bool EmulatorStore::canPushToBranch(const EmulatorUser &user, const EmulatorProject &project, const QString &branch,
                                    bool emptyRepository) const
{
    const int level = accessLevel(user, project);
    if (level < int(AccessLevel::Developer))
        return false;
    const QList<EmulatorProtectedBranch> rules = protectionFor(project, branch, emptyRepository);
    if (rules.isEmpty())
        return true;
    // Any matching rule that lets the user in is enough; "No one" (0) keeps out even admins.
    return std::any_of(rules.cbegin(), rules.cend(), [&](const EmulatorProtectedBranch &b) {
        return b.pushAccessLevel > 0 && (user.admin || level >= b.pushAccessLevel);
    });
}

} // namespace Dockmaster
