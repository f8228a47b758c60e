#include "core/gitlab/gitlabtypes.h"

#include <QJsonArray>

#include <string_view>

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

    // Reads several fields at once: `keys` names them in the order of `out`,
    // separated by spaces, and a key ending in '!' is required. Each field is
    // read by its type (integer, string, boolean, time, list of strings), so a
    // record's parser is its list of keys and members, not a line per field.
    template<typename... Out> void fields(std::string_view keys, Out &...out)
    {
        (read(nextKey(keys), out), ...);
        Q_ASSERT(keys.find_first_not_of(' ') == std::string_view::npos); // one key per field
    }

private:
    struct Key {
        QLatin1StringView name;
        bool required = false;
    };

    static Key nextKey(std::string_view &keys)
    {
        const std::size_t from = std::min(keys.find_first_not_of(' '), keys.size());
        const std::size_t to = std::min(keys.find(' ', from), keys.size());
        std::string_view key = keys.substr(from, to - from);
        keys.remove_prefix(to);
        const bool required = key.ends_with('!');
        if (required)
            key.remove_suffix(1);
        Q_ASSERT(!key.empty()); // as many keys as fields
        return { QLatin1StringView(key.data(), qsizetype(key.size())), required };
    }

    void read(Key key, qint64 &out) { out = integer(key.name, key.required); }
    void read(Key key, QString &out) { out = string(key.name, key.required); }
    void read(Key key, QDateTime &out) { out = time(key.name, key.required); }
    void read(Key key, bool &out)
    {
        Q_ASSERT(!key.required);
        out = boolean(key.name);
    }
    void read(Key key, QStringList &out)
    {
        Q_ASSERT(!key.required);
        out = strings(key.name);
    }

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
    r.fields("id! username! name state commit_email is_admin", u.id, u.username, u.name, u.state, u.commitEmail,
             u.isAdmin);
    return done(r, u);
}

std::optional<GitLabProject> project(const QJsonObject &object)
{
    Reader r(object);
    GitLabProject p;
    r.fields("id! name! path! path_with_namespace! description default_branch web_url http_url_to_repo archived "
             "created_at last_activity_at",
             p.id, p.name, p.path, p.pathWithNamespace, p.description, p.defaultBranch, p.webUrl, p.httpUrlToRepo,
             p.archived, p.createdAt, p.lastActivityAt);
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
    r.fields("id! iid! project_id! title! description state! labels web_url created_at updated_at", i.id, i.iid,
             i.projectId, i.title, i.description, i.state, i.labels, i.webUrl, i.createdAt, i.updatedAt);
    i.author = username(r.object(QLatin1StringView("author")));
    i.referenceFull = r.object(QLatin1StringView("references")).value(QLatin1StringView("full")).toString();
    return done(r, i);
}

std::optional<GitLabCommit> commit(const QJsonObject &object)
{
    Reader r(object);
    GitLabCommit c;
    r.fields("id! short_id title message author_name author_email committed_date parent_ids", c.id, c.shortId, c.title,
             c.message, c.authorName, c.authorEmail, c.committedDate, c.parentIds);
    return done(r, c);
}

std::optional<GitLabTag> tag(const QJsonObject &object)
{
    Reader r(object);
    GitLabTag t;
    r.fields("name! target message protected created_at", t.name, t.target, t.message, t.isProtected, t.createdAt);
    nested(r, QLatin1StringView("commit"), commit, &t.commit);
    return done(r, t);
}

std::optional<GitLabBranch> branch(const QJsonObject &object)
{
    Reader r(object);
    GitLabBranch b;
    r.fields("name! protected default", b.name, b.isProtected, b.isDefault);
    nested(r, QLatin1StringView("commit"), commit, &b.commit);
    return done(r, b);
}

std::optional<GitLabTreeEntry> treeEntry(const QJsonObject &object)
{
    Reader r(object);
    GitLabTreeEntry e;
    r.fields("id! name! type! path! mode", e.id, e.name, e.type, e.path, e.mode);
    return done(r, e);
}

std::optional<GitLabPipeline> pipeline(const QJsonObject &object)
{
    Reader r(object);
    GitLabPipeline p;
    r.fields("id! iid project_id ref sha! status! source web_url created_at updated_at started_at finished_at", p.id,
             p.iid, p.projectId, p.ref, p.sha, p.status, p.source, p.webUrl, p.createdAt, p.updatedAt, p.startedAt,
             p.finishedAt);
    return done(r, p);
}

std::optional<GitLabJob> job(const QJsonObject &object)
{
    Reader r(object);
    GitLabJob j;
    r.fields("id! name! stage status! ref web_url created_at started_at finished_at", j.id, j.name, j.stage, j.status,
             j.ref, j.webUrl, j.createdAt, j.startedAt, j.finishedAt);
    const QJsonObject pipelineObject = r.object(QLatin1StringView("pipeline"));
    j.pipelineId = pipelineObject.value(QLatin1StringView("id")).toInteger();
    return done(r, j);
}

std::optional<GitLabDeployment> deployment(const QJsonObject &object)
{
    Reader r(object);
    GitLabDeployment d;
    r.fields("id! iid ref sha! status! created_at updated_at", d.id, d.iid, d.ref, d.sha, d.status, d.createdAt,
             d.updatedAt);
    d.environment = r.object(QLatin1StringView("environment")).value(QLatin1StringView("name")).toString();
    d.user = username(r.object(QLatin1StringView("user")));
    const QJsonObject deployable = r.object(QLatin1StringView("deployable"));
    d.pipelineId
        = deployable.value(QLatin1StringView("pipeline")).toObject().value(QLatin1StringView("id")).toInteger();
    return done(r, d);
}

std::optional<GitLabEnvironment> environment(const QJsonObject &object)
{
    Reader r(object);
    GitLabEnvironment e;
    r.fields("id! name! slug state external_url", e.id, e.name, e.slug, e.state, e.externalUrl);
    return done(r, e);
}

std::optional<GitLabGraphQLAnswer> graphqlAnswer(const QJsonObject &object)
{
    const QJsonValue data = object.value(QLatin1String("data"));
    const QJsonValue errors = object.value(QLatin1String("errors"));
    if (!data.isObject() && !errors.isArray())
        return std::nullopt;
    GitLabGraphQLAnswer answer;
    answer.data = data.toObject();
    for (const QJsonValue &error : errors.toArray()) {
        const QString message = error.toObject().value(QLatin1String("message")).toString();
        answer.errors.append(message.isEmpty() ? QStringLiteral("(no message)") : message);
    }
    return answer;
}

std::optional<GitLabNote> note(const QJsonObject &object)
{
    Reader r(object);
    GitLabNote n;
    r.fields("id! body! system created_at", n.id, n.body, n.system, n.createdAt);
    const QJsonObject author = r.object(QLatin1StringView("author"));
    n.author = username(author);
    n.authorId = author.value(QLatin1StringView("id")).toInteger();
    return done(r, n);
}

std::optional<GitLabFile> file(const QJsonObject &object)
{
    Reader r(object);
    GitLabFile f;
    QString encoding;
    QString content;
    r.fields("file_path! ref blob_id commit_id last_commit_id size encoding content!", f.filePath, f.ref, f.blobId,
             f.commitId, f.lastCommitId, f.size, encoding, content);
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
    r.fields("compare_timeout compare_same_ref", c.compareTimeout, c.compareSameRef);
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
        dr.fields("old_path! new_path! diff new_file renamed_file deleted_file", diff.oldPath, diff.newPath, diff.diff,
                  diff.newFile, diff.renamedFile, diff.deletedFile);
        if (!dr.ok())
            return std::nullopt;
        c.diffs.append(diff);
    }
    return done(r, c);
}

} // namespace Dockmaster::GitLabParse
