#include "sandbox/emulator/emulatorstate.h"

#include "sandbox/emulator/emulatorstore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace Dockmaster {
namespace {

// One list of fields per record type serves both directions: Writer turns
// each named field into JSON, Reader fills it back in.
template<typename V> void fields(V &v, EmulatorUser &r)
{
    v("id", r.id), v("username", r.username), v("name", r.name), v("email", r.email), v("token", r.token);
    v("admin", r.admin), v("createdAt", r.createdAt), v("tokenScopes", r.tokenScopes);
    v("tokenExpiresAt", r.tokenExpiresAt);
}
template<typename V> void fields(V &v, EmulatorMember &r)
{
    v("userId", r.userId), v("accessLevel", r.accessLevel), v("expiresAt", r.expiresAt);
}
template<typename V> void fields(V &v, EmulatorGroup &r)
{
    v("id", r.id), v("name", r.name), v("path", r.path), v("fullPath", r.fullPath);
    v("description", r.description), v("parentId", r.parentId), v("createdAt", r.createdAt);
    v("members", r.members);
}
template<typename V> void fields(V &v, EmulatorVariable &r)
{
    v("key", r.key), v("value", r.value), v("variableType", r.variableType);
    v("environmentScope", r.environmentScope), v("description", r.description), v("protected", r.isProtected);
    v("masked", r.masked), v("raw", r.raw);
}
template<typename V> void fields(V &v, EmulatorNote &r)
{
    v("id", r.id), v("body", r.body), v("authorId", r.authorId), v("system", r.system);
    v("internal", r.internal), v("createdAt", r.createdAt), v("updatedAt", r.updatedAt);
}
template<typename V> void fields(V &v, EmulatorIssue &r)
{
    v("id", r.id), v("iid", r.iid), v("projectId", r.projectId), v("authorId", r.authorId), v("title", r.title);
    v("description", r.description), v("state", r.state), v("labels", r.labels), v("createdAt", r.createdAt);
    v("updatedAt", r.updatedAt), v("closedAt", r.closedAt), v("notes", r.notes);
}
template<typename V> void fields(V &v, EmulatorLabel &r)
{
    v("id", r.id), v("name", r.name), v("color", r.color), v("description", r.description);
}
template<typename V> void fields(V &v, EmulatorProtectedBranch &r)
{
    v("id", r.id), v("name", r.name), v("pushAccessLevel", r.pushAccessLevel);
    v("mergeAccessLevel", r.mergeAccessLevel), v("allowForcePush", r.allowForcePush);
}
template<typename V> void fields(V &v, EmulatorJob &r)
{
    v("id", r.id), v("projectId", r.projectId), v("pipelineId", r.pipelineId), v("userId", r.userId);
    v("name", r.name), v("stage", r.stage), v("status", r.status), v("environment", r.environment);
    v("trace", r.trace), v("createdAt", r.createdAt), v("startedAt", r.startedAt);
    v("finishedAt", r.finishedAt);
}
template<typename V> void fields(V &v, EmulatorPipeline &r)
{
    v("id", r.id), v("iid", r.iid), v("projectId", r.projectId), v("userId", r.userId), v("ref", r.ref);
    v("sha", r.sha), v("beforeSha", r.beforeSha), v("status", r.status), v("source", r.source);
    v("protectedRef", r.protectedRef), v("createdAt", r.createdAt), v("updatedAt", r.updatedAt);
    v("startedAt", r.startedAt), v("finishedAt", r.finishedAt), v("jobIds", r.jobIds);
}
template<typename V> void fields(V &v, EmulatorEnvironment &r)
{
    v("id", r.id), v("projectId", r.projectId), v("name", r.name), v("state", r.state);
    v("externalUrl", r.externalUrl), v("createdAt", r.createdAt), v("updatedAt", r.updatedAt);
}
template<typename V> void fields(V &v, EmulatorDeployment &r)
{
    v("id", r.id), v("iid", r.iid), v("projectId", r.projectId), v("environmentId", r.environmentId);
    v("userId", r.userId), v("pipelineId", r.pipelineId), v("jobId", r.jobId), v("ref", r.ref), v("sha", r.sha);
    v("status", r.status), v("createdAt", r.createdAt), v("updatedAt", r.updatedAt);
}
template<typename V> void fields(V &v, EmulatorProject &r)
{
    v("id", r.id), v("namespaceId", r.namespaceId), v("name", r.name), v("path", r.path);
    v("description", r.description), v("defaultBranch", r.defaultBranch), v("visibility", r.visibility);
    v("archived", r.archived), v("createdAt", r.createdAt), v("updatedAt", r.updatedAt);
    v("lastActivityAt", r.lastActivityAt), v("members", r.members), v("variables", r.variables);
    v("labels", r.labels), v("protectedBranches", r.protectedBranches), v("environments", r.environments);
    v("jobTokenAllowlist", r.jobTokenAllowlist), v("nextIssueIid", r.nextIssueIid);
    v("nextPipelineIid", r.nextPipelineIid), v("nextDeploymentIid", r.nextDeploymentIid);
    v("knownHeads", r.knownHeads), v("commitNotes", r.commitNotes);
}

template<typename T>
concept Record = requires(T &r, int &v) { fields(v, r); };

class Writer
{
public:
    QJsonObject object;

    template<typename T> void operator()(const char *name, const T &value)
    {
        object[QLatin1String(name)] = json(value);
    }

    static QJsonValue json(qint64 v) { return QJsonValue(v); }
    static QJsonValue json(int v) { return QJsonValue(v); }
    static QJsonValue json(bool v) { return QJsonValue(v); }
    static QJsonValue json(const QString &v) { return QJsonValue(v); }
    static QJsonValue json(const QStringList &v) { return QJsonArray::fromStringList(v); }
    static QJsonValue json(const QByteArray &v) { return QString::fromLatin1(v.toBase64()); }
    static QJsonValue json(const QDateTime &v)
    {
        return v.isValid() ? v.toUTC().toString(Qt::ISODateWithMs) : QString();
    }
    static QJsonValue json(const QDate &v) { return v.isValid() ? v.toString(Qt::ISODate) : QString(); }
    template<typename K, typename T> static QJsonValue json(const QHash<K, T> &v)
    {
        QJsonObject out;
        for (auto it = v.cbegin(); it != v.cend(); ++it)
            out[it.key()] = json(it.value());
        return out;
    }
    template<typename T> static QJsonValue json(const QList<T> &v)
    {
        QJsonArray out;
        for (const T &item : v)
            out.append(json(item));
        return out;
    }
    template<typename T> static QJsonValue json(const QMap<qint64, T> &v) { return json(v.values()); }
    template<Record T> static QJsonValue json(const T &record)
    {
        Writer writer;
        fields(writer, const_cast<T &>(record)); // fields() only reads through a Writer
        return writer.object;
    }
};

class Reader
{
public:
    explicit Reader(const QJsonObject &object)
        : m_object(object)
    {
    }

    template<typename T> void operator()(const char *name, T &value)
    {
        const QJsonValue v = m_object.value(QLatin1String(name));
        if (!v.isUndefined())
            read(v, value);
    }

    static void read(const QJsonValue &v, qint64 &out) { out = v.toInteger(); }
    static void read(const QJsonValue &v, int &out) { out = v.toInt(); }
    static void read(const QJsonValue &v, bool &out) { out = v.toBool(); }
    static void read(const QJsonValue &v, QString &out) { out = v.toString(); }
    static void read(const QJsonValue &v, QStringList &out) { out = v.toVariant().toStringList(); }
    static void read(const QJsonValue &v, QByteArray &out) { out = QByteArray::fromBase64(v.toString().toLatin1()); }
    static void read(const QJsonValue &v, QDateTime &out)
    {
        out = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    }
    static void read(const QJsonValue &v, QDate &out) { out = QDate::fromString(v.toString(), Qt::ISODate); }
    template<typename T> static void read(const QJsonValue &v, QHash<QString, T> &out)
    {
        out.clear();
        const QJsonObject object = v.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            read(it.value(), out[it.key()]);
    }
    template<typename T> static void read(const QJsonValue &v, QList<T> &out)
    {
        out.clear();
        for (const QJsonValue &item : v.toArray())
            read(item, out.emplace_back());
    }
    template<typename T> static void read(const QJsonValue &v, QMap<qint64, T> &out)
    {
        out.clear();
        for (const QJsonValue &item : v.toArray()) {
            T record;
            read(item, record);
            out.insert(record.id, record);
        }
    }
    template<Record T> static void read(const QJsonValue &v, T &record)
    {
        Reader reader(v.toObject());
        fields(reader, record);
    }

private:
    QJsonObject m_object;
};

} // namespace

// A job or pipeline a runner was working on when the emulator stopped goes
// back to "pending": the runner picks it up again after the restart.
void EmulatorState::requeueInterrupted(EmulatorStore &store)
{
    const auto unfinished = [](const QString &status) {
        return status == QLatin1String("created") || status == QLatin1String("running");
    };
    for (EmulatorPipeline &pipeline : store.pipelines) {
        if (unfinished(pipeline.status))
            pipeline.status = QStringLiteral("pending");
    }
    for (EmulatorJob &job : store.jobs) {
        if (unfinished(job.status))
            job.status = QStringLiteral("pending");
    }
}

QString EmulatorState::filePath(const EmulatorStore &store)
{
    return store.dataDir() + QStringLiteral("/emulator-state.json");
}

bool EmulatorState::save(EmulatorStore &store, QString *error)
{
    Writer w;
    w("users", store.users), w("groups", store.groups), w("projects", store.projects), w("issues", store.issues);
    w("pipelines", store.pipelines), w("jobs", store.jobs), w("deployments", store.deployments);
    w("sequences", store.m_sequences), w("projectsByPath", store.m_projectsByPath);
    w("groupsByPath", store.m_groupsByPath), w("usersByToken", store.m_usersByToken);
    w("issueIndex", store.m_issueIndex), w("clockOffsetMs", store.m_clockOffsetMs);
    w("externalUrl", store.externalUrl.toString()), w("defaultProjectVisibility", store.defaultProjectVisibility);
    w("version", store.version), w("redirectHttpToHttps", store.redirectHttpToHttps);
    w("listenPort", int(store.listenPort));
    QSaveFile file(filePath(store));
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(w.object).toJson(QJsonDocument::Compact)) < 0
        || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

bool EmulatorState::load(EmulatorStore &store, QString *error)
{
    QFile file(filePath(store));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject()) {
        if (error)
            *error = parseError.errorString();
        return false;
    }
    Reader r(document.object());
    r("users", store.users), r("groups", store.groups), r("projects", store.projects), r("issues", store.issues);
    r("pipelines", store.pipelines), r("jobs", store.jobs), r("deployments", store.deployments);
    r("sequences", store.m_sequences), r("projectsByPath", store.m_projectsByPath);
    r("groupsByPath", store.m_groupsByPath), r("usersByToken", store.m_usersByToken);
    r("issueIndex", store.m_issueIndex), r("clockOffsetMs", store.m_clockOffsetMs);
    QString externalUrl;
    r("externalUrl", externalUrl), r("defaultProjectVisibility", store.defaultProjectVisibility);
    r("version", store.version), r("redirectHttpToHttps", store.redirectHttpToHttps);
    int port = 0;
    r("listenPort", port);
    store.listenPort = quint16(port);
    store.externalUrl = QUrl(externalUrl);
    return true;
}

} // namespace Dockmaster
