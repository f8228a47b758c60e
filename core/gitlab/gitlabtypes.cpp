#include "core/gitlab/gitlabtypes.h"

#include <QJsonArray>

namespace Dockmaster::GitLabParse {
namespace {

// Reads one JSON object strictly: a required field that is absent or of the
// wrong type, or an optional one of the wrong type, marks the whole object bad.
class Reader
{
public:
    explicit Reader(const QJsonObject &object)
        : m_object(object)
    {
    }

    bool ok() const { return m_ok; }

    qint64 integer(QLatin1StringView key, bool required = true)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isDouble()) {
            const double number = value.toDouble();
            if (number >= 0 && number < 9.0e15 && number == double(qint64(number)))
                return qint64(number);
            m_ok = false;
            return 0;
        }
        if (required || !(value.isUndefined() || value.isNull()))
            m_ok = false;
        return 0;
    }

    QString string(QLatin1StringView key, bool required = false)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isString())
            return value.toString();
        if (required || !(value.isUndefined() || value.isNull()))
            m_ok = false;
        return {};
    }

    bool boolean(QLatin1StringView key)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isBool())
            return value.toBool();
        if (!(value.isUndefined() || value.isNull()))
            m_ok = false;
        return false;
    }

    QDateTime time(QLatin1StringView key, bool required = false)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined() || value.isNull()) {
            if (required)
                m_ok = false;
            return {};
        }
        const QDateTime parsed = dateTime(value);
        if (!parsed.isValid())
            m_ok = false;
        return parsed;
    }

    QStringList strings(QLatin1StringView key)
    {
        const QJsonValue value = m_object.value(key);
        QStringList result;
        if (value.isUndefined() || value.isNull())
            return result;
        if (!value.isArray()) {
            m_ok = false;
            return result;
        }
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array) {
            if (!item.isString()) {
                m_ok = false;
                return {};
            }
            result.append(item.toString());
        }
        return result;
    }

    // A nested object; absent or null gives an empty object.
    QJsonObject object(QLatin1StringView key)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isObject())
            return value.toObject();
        if (!(value.isUndefined() || value.isNull()))
            m_ok = false;
        return {};
    }

    void fail() { m_ok = false; }

private:
    const QJsonObject &m_object;
    bool m_ok = true;
};

template<typename T> std::optional<T> done(const Reader &reader, T value)
{
    if (!reader.ok())
        return std::nullopt;
    return value;
}

// Parses the required nested object `key` with `parse`; a missing or invalid
// one makes the whole record invalid.
template<typename T, typename Parse> void nested(Reader &reader, QLatin1StringView key, Parse parse, T *out)
{
    if (const auto value = parse(reader.object(key)))
        *out = *value;
    else
        reader.fail();
}

QString username(const QJsonObject &userObject)
{
    return userObject.value(QLatin1StringView("username")).toString();
}

} // namespace

QDateTime dateTime(const QJsonValue &value)
{
    if (!value.isString())
        return {};
    QDateTime parsed = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!parsed.isValid())
        return {};
    return parsed.toUTC();
}

std::optional<GitLabUser> user(const QJsonObject &object)
{
    Reader r(object);
    GitLabUser u;
    u.id = r.integer(QLatin1StringView("id"));
    u.username = r.string(QLatin1StringView("username"), true);
    u.name = r.string(QLatin1StringView("name"));
    u.state = r.string(QLatin1StringView("state"));
    u.commitEmail = r.string(QLatin1StringView("commit_email"));
    u.isAdmin = r.boolean(QLatin1StringView("is_admin"));
    return done(r, u);
}

std::optional<GitLabProject> project(const QJsonObject &object)
{
    Reader r(object);
    GitLabProject p;
    p.id = r.integer(QLatin1StringView("id"));
    p.name = r.string(QLatin1StringView("name"), true);
    p.path = r.string(QLatin1StringView("path"), true);
    p.pathWithNamespace = r.string(QLatin1StringView("path_with_namespace"), true);
    p.description = r.string(QLatin1StringView("description"));
    p.defaultBranch = r.string(QLatin1StringView("default_branch"));
    p.webUrl = r.string(QLatin1StringView("web_url"));
    p.httpUrlToRepo = r.string(QLatin1StringView("http_url_to_repo"));
    p.archived = r.boolean(QLatin1StringView("archived"));
    p.createdAt = r.time(QLatin1StringView("created_at"));
    p.lastActivityAt = r.time(QLatin1StringView("last_activity_at"));
    const QJsonObject ns = r.object(QLatin1StringView("namespace"));
    p.namespacePath = ns.value(QLatin1StringView("full_path")).toString();
    if (p.namespacePath.isEmpty()) {
        const qsizetype slash = p.pathWithNamespace.lastIndexOf(QLatin1Char('/'));
        p.namespacePath = slash > 0 ? p.pathWithNamespace.left(slash) : QString();
    }
    return done(r, p);
}

std::optional<GitLabIssue> issue(const QJsonObject &object)
{
    Reader r(object);
    GitLabIssue i;
    i.id = r.integer(QLatin1StringView("id"));
    i.iid = r.integer(QLatin1StringView("iid"));
    i.projectId = r.integer(QLatin1StringView("project_id"));
    i.title = r.string(QLatin1StringView("title"), true);
    i.description = r.string(QLatin1StringView("description"));
    i.state = r.string(QLatin1StringView("state"), true);
    i.labels = r.strings(QLatin1StringView("labels"));
    i.author = username(r.object(QLatin1StringView("author")));
    i.webUrl = r.string(QLatin1StringView("web_url"));
    i.referenceFull = r.object(QLatin1StringView("references")).value(QLatin1StringView("full")).toString();
    i.createdAt = r.time(QLatin1StringView("created_at"));
    i.updatedAt = r.time(QLatin1StringView("updated_at"));
    return done(r, i);
}

std::optional<GitLabCommit> commit(const QJsonObject &object)
{
    Reader r(object);
    GitLabCommit c;
    c.id = r.string(QLatin1StringView("id"), true);
    c.shortId = r.string(QLatin1StringView("short_id"));
    c.title = r.string(QLatin1StringView("title"));
    c.message = r.string(QLatin1StringView("message"));
    c.authorName = r.string(QLatin1StringView("author_name"));
    c.authorEmail = r.string(QLatin1StringView("author_email"));
    c.committedDate = r.time(QLatin1StringView("committed_date"));
    c.parentIds = r.strings(QLatin1StringView("parent_ids"));
    return done(r, c);
}

std::optional<GitLabTag> tag(const QJsonObject &object)
{
    Reader r(object);
    GitLabTag t;
    t.name = r.string(QLatin1StringView("name"), true);
    t.target = r.string(QLatin1StringView("target"));
    t.message = r.string(QLatin1StringView("message"));
    t.isProtected = r.boolean(QLatin1StringView("protected"));
    t.createdAt = r.time(QLatin1StringView("created_at"));
    nested(r, QLatin1StringView("commit"), commit, &t.commit);
    return done(r, t);
}

std::optional<GitLabBranch> branch(const QJsonObject &object)
{
    Reader r(object);
    GitLabBranch b;
    b.name = r.string(QLatin1StringView("name"), true);
    b.isProtected = r.boolean(QLatin1StringView("protected"));
    b.isDefault = r.boolean(QLatin1StringView("default"));
    nested(r, QLatin1StringView("commit"), commit, &b.commit);
    return done(r, b);
}

std::optional<GitLabTreeEntry> treeEntry(const QJsonObject &object)
{
    Reader r(object);
    GitLabTreeEntry e;
    e.id = r.string(QLatin1StringView("id"), true);
    e.name = r.string(QLatin1StringView("name"), true);
    e.type = r.string(QLatin1StringView("type"), true);
    e.path = r.string(QLatin1StringView("path"), true);
    e.mode = r.string(QLatin1StringView("mode"));
    return done(r, e);
}

std::optional<GitLabPipeline> pipeline(const QJsonObject &object)
{
    Reader r(object);
    GitLabPipeline p;
    p.id = r.integer(QLatin1StringView("id"));
    p.iid = r.integer(QLatin1StringView("iid"), false);
    p.projectId = r.integer(QLatin1StringView("project_id"), false);
    p.ref = r.string(QLatin1StringView("ref"));
    p.sha = r.string(QLatin1StringView("sha"), true);
    p.status = r.string(QLatin1StringView("status"), true);
    p.source = r.string(QLatin1StringView("source"));
    p.webUrl = r.string(QLatin1StringView("web_url"));
    p.createdAt = r.time(QLatin1StringView("created_at"));
    p.updatedAt = r.time(QLatin1StringView("updated_at"));
    p.startedAt = r.time(QLatin1StringView("started_at"));
    p.finishedAt = r.time(QLatin1StringView("finished_at"));
    return done(r, p);
}

std::optional<GitLabJob> job(const QJsonObject &object)
{
    Reader r(object);
    GitLabJob j;
    j.id = r.integer(QLatin1StringView("id"));
    j.name = r.string(QLatin1StringView("name"), true);
    j.stage = r.string(QLatin1StringView("stage"));
    j.status = r.string(QLatin1StringView("status"), true);
    j.ref = r.string(QLatin1StringView("ref"));
    j.webUrl = r.string(QLatin1StringView("web_url"));
    j.createdAt = r.time(QLatin1StringView("created_at"));
    j.startedAt = r.time(QLatin1StringView("started_at"));
    j.finishedAt = r.time(QLatin1StringView("finished_at"));
    const QJsonObject pipelineObject = r.object(QLatin1StringView("pipeline"));
    j.pipelineId = qint64(pipelineObject.value(QLatin1StringView("id")).toDouble());
    return done(r, j);
}

std::optional<GitLabDeployment> deployment(const QJsonObject &object)
{
    Reader r(object);
    GitLabDeployment d;
    d.id = r.integer(QLatin1StringView("id"));
    d.iid = r.integer(QLatin1StringView("iid"), false);
    d.ref = r.string(QLatin1StringView("ref"));
    d.sha = r.string(QLatin1StringView("sha"), true);
    d.status = r.string(QLatin1StringView("status"), true);
    d.createdAt = r.time(QLatin1StringView("created_at"));
    d.updatedAt = r.time(QLatin1StringView("updated_at"));
    d.environment = r.object(QLatin1StringView("environment")).value(QLatin1StringView("name")).toString();
    d.user = username(r.object(QLatin1StringView("user")));
    const QJsonObject deployable = r.object(QLatin1StringView("deployable"));
    d.pipelineId
        = qint64(deployable.value(QLatin1StringView("pipeline")).toObject().value(QLatin1StringView("id")).toDouble());
    return done(r, d);
}

std::optional<GitLabEnvironment> environment(const QJsonObject &object)
{
    Reader r(object);
    GitLabEnvironment e;
    e.id = r.integer(QLatin1StringView("id"));
    e.name = r.string(QLatin1StringView("name"), true);
    e.slug = r.string(QLatin1StringView("slug"));
    e.state = r.string(QLatin1StringView("state"));
    e.externalUrl = r.string(QLatin1StringView("external_url"));
    return done(r, e);
}

std::optional<GitLabNote> note(const QJsonObject &object)
{
    Reader r(object);
    GitLabNote n;
    n.id = r.integer(QLatin1StringView("id"));
    n.body = r.string(QLatin1StringView("body"), true);
    n.author = username(r.object(QLatin1StringView("author")));
    n.system = r.boolean(QLatin1StringView("system"));
    n.createdAt = r.time(QLatin1StringView("created_at"));
    return done(r, n);
}

std::optional<GitLabFile> file(const QJsonObject &object)
{
    Reader r(object);
    GitLabFile f;
    f.filePath = r.string(QLatin1StringView("file_path"), true);
    f.ref = r.string(QLatin1StringView("ref"));
    f.blobId = r.string(QLatin1StringView("blob_id"));
    f.commitId = r.string(QLatin1StringView("commit_id"));
    f.lastCommitId = r.string(QLatin1StringView("last_commit_id"));
    f.size = r.integer(QLatin1StringView("size"), false);
    const QString encoding = r.string(QLatin1StringView("encoding"));
    const QString content = r.string(QLatin1StringView("content"), true);
    if (encoding.isEmpty() || encoding == QLatin1String("base64")) {
        const auto decoded
            = QByteArray::fromBase64Encoding(content.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            r.fail();
        else
            f.content = *decoded;
    } else if (encoding == QLatin1String("text")) {
        f.content = content.toUtf8();
    } else {
        r.fail();
    }
    return done(r, f);
}

std::optional<GitLabCompare> compare(const QJsonObject &object)
{
    Reader r(object);
    GitLabCompare c;
    c.compareTimeout = r.boolean(QLatin1StringView("compare_timeout"));
    c.compareSameRef = r.boolean(QLatin1StringView("compare_same_ref"));
    const QJsonValue commits = object.value(QLatin1StringView("commits"));
    const QJsonValue diffs = object.value(QLatin1StringView("diffs"));
    if (!commits.isArray() || !diffs.isArray())
        return std::nullopt;
    for (const QJsonValue &value : commits.toArray()) {
        const auto parsed = value.isObject() ? commit(value.toObject()) : std::nullopt;
        if (!parsed)
            return std::nullopt;
        c.commits.append(*parsed);
    }
    for (const QJsonValue &value : diffs.toArray()) {
        if (!value.isObject())
            return std::nullopt;
        const QJsonObject d = value.toObject();
        Reader dr(d);
        GitLabDiff diff;
        diff.oldPath = dr.string(QLatin1StringView("old_path"), true);
        diff.newPath = dr.string(QLatin1StringView("new_path"), true);
        diff.diff = dr.string(QLatin1StringView("diff"));
        diff.newFile = dr.boolean(QLatin1StringView("new_file"));
        diff.renamedFile = dr.boolean(QLatin1StringView("renamed_file"));
        diff.deletedFile = dr.boolean(QLatin1StringView("deleted_file"));
        if (!dr.ok())
            return std::nullopt;
        c.diffs.append(diff);
    }
    return done(r, c);
}

} // namespace Dockmaster::GitLabParse
