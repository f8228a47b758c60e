#include "sandbox/emulator/gitlabapi.h"
#include "sandbox/emulator/graphqlschema.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <functional>

namespace Dockmaster {

using GraphQL::Field;
using GraphQL::Schema;

namespace {

// app/controllers/graphql_controller.rb: MAX_QUERY_SIZE, in characters.
constexpr qsizetype MaxQuerySize = 10000;

// app/graphql/gitlab_schema.rb.
constexpr int DefaultMaxComplexity = 200;
constexpr int AuthenticatedMaxComplexity = 250;
constexpr int AdminMaxComplexity = 300;
constexpr int DefaultMaxDepth = 15;
constexpr int AuthenticatedMaxDepth = 20;

HttpResponse graphqlJson(int status, const QJsonObject &body)
{
    return HttpResponse::json(status, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

// GraphqlController#render_error: {"errors":[{"message":...}]}.
HttpResponse controllerError(int status, const QString &message)
{
    return graphqlJson(status,
                       QJsonObject { { QStringLiteral("errors"),
                                       QJsonArray { QJsonObject { { QStringLiteral("message"), message } } } } });
}

QJsonObject plainError(const QString &message)
{
    return QJsonObject { { QStringLiteral("message"), message } };
}

// Types::TimeType: Time#iso8601, whole seconds, UTC as "Z".
QJsonValue isoTime(const QDateTime &t)
{
    if (!t.isValid())
        return QJsonValue::Null;
    return t.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

QString globalId(const char *model, qint64 id)
{
    return QStringLiteral("gid://gitlab/%1/%2").arg(QLatin1String(model)).arg(id);
}

QJsonValue optionalString(const QString &s)
{
    return s.isNull() ? QJsonValue() : QJsonValue(s);
}

bool given(const QJsonValue &v)
{
    return !v.isUndefined() && !v.isNull();
}

QString encodeCursor(const QString &key)
{
    // Gitlab::Graphql::Pagination::Keyset: Base64 of the ordering values as JSON.
    const QJsonObject o { { QStringLiteral("id"), key } };
    return QString::fromLatin1(QJsonDocument(o).toJson(QJsonDocument::Compact).toBase64());
}

std::optional<QString> decodeCursor(const QString &cursor)
{
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromBase64(cursor.toLatin1()));
    const QJsonValue id = doc.object().value(QStringLiteral("id"));
    if (!id.isString())
        return std::nullopt;
    return id.toString();
}

// What a resolver reports when it cannot answer: the field becomes null and
// the message lands in "errors" with the field's path (GraphQL::ExecutionError).
struct FieldError {
    QString message;
};

// Executes one validated operation over the store, as GitLab's resolvers
// would answer it. The store is locked by the caller for the whole query.
class QueryExecution
{
public:
    QueryExecution(EmulatorStore &store, const EmulatorUser *user, const QJsonObject &variables)
        : m_store(store)
        , m_user(user)
        , m_variables(variables)
    {
    }

    void setComplexity(int score, int limit)
    {
        m_score = score;
        m_limit = limit;
    }

    QJsonObject run(const std::vector<Field> &selections)
    {
        QJsonObject data;
        for (const Field &f : selections)
            data.insert(f.responseKey(), guarded(f, QJsonArray { f.responseKey() }, [&] { return rootField(f); }));
        return data;
    }

    const QJsonArray &errors() const { return m_errors; }

private:
    using Path = QJsonArray;

    // A connection's items, how a cursor names one, and (for keys no longer
    // listed) which items come after a cursor's key.
    template<typename T> struct ConnectionSource {
        QList<T> items;
        std::function<QString(const T &)> key;
        std::function<bool(const T &, const QString &)> comesAfter;
    };

    QJsonValue arg(const Field &f, const char *name) const { return f.argumentValue(QLatin1String(name), m_variables); }

    QJsonValue guarded(const Field &f, const Path &path, const std::function<QJsonValue()> &resolve)
    {
        try {
            return resolve();
        } catch (const FieldError &e) {
            QJsonObject error = plainError(e.message);
            error.insert(QStringLiteral("locations"),
                         QJsonArray { QJsonObject { { QStringLiteral("line"), f.location.line },
                                                    { QStringLiteral("column"), f.location.column } } });
            error.insert(QStringLiteral("path"), path);
            m_errors.append(error);
            return QJsonValue::Null;
        }
    }

    // Loops the selections of one object; `resolve` answers a field by name.
    // __typename is answered for every type.
    QJsonObject object(const QString &typeName, const std::vector<Field> &selections, const Path &path,
                       const std::function<QJsonValue(const Field &, const Path &)> &resolve)
    {
        QJsonObject o;
        for (const Field &f : selections) {
            Path here = path;
            here.append(f.responseKey());
            if (f.name == QLatin1String("__typename"))
                o.insert(f.responseKey(), typeName);
            else
                o.insert(f.responseKey(), guarded(f, here, [&] { return resolve(f, here); }));
        }
        return o;
    }

    bool canRead(const EmulatorProject &p) const
    {
        // Anonymous users see public projects only (ProjectsFinder with no user).
        if (!m_user)
            return p.visibility == QLatin1String("public");
        return m_store.accessLevel(*m_user, p) >= int(AccessLevel::Guest);
    }

    // read_pipeline, read_environment, read_deployment: Reporter, as the REST routes check.
    bool canReadCi(const EmulatorProject &p) const
    {
        return m_user && m_store.accessLevel(*m_user, p) >= int(AccessLevel::Reporter);
    }

    // GitlabSchema.parse_gid with expected_type (app/graphql/gitlab_schema.rb).
    // A well-formed id that is no number names no project (0) rather than
    // an error, as GlobalID.parse accepts it and the finder finds nothing.
    static qint64 projectIdFromGid(const QString &gid)
    {
        static const QRegularExpression GlobalId(QStringLiteral("^gid://([^/]+)/([A-Za-z][A-Za-z0-9:]*)/([^/?]+)$"));
        const QRegularExpressionMatch m = GlobalId.match(gid);
        if (!m.hasMatch())
            throw FieldError { QStringLiteral("%1 is not a valid GitLab ID.").arg(gid) };
        if (m.captured(2) != QLatin1String("Project"))
            throw FieldError { QStringLiteral("%1 is not a valid ID for Project.").arg(gid) };
        return m.captured(3).toLongLong();
    }

    template<typename T>
    QJsonValue connection(const Field &f, const Path &path, const QString &nodeType, const ConnectionSource<T> &source,
                          const std::function<QJsonValue(const T &, const Field &, const Path &)> &node)
    {
        const QList<T> &items = source.items;
        // Where a cursor falls: `after` starts just past its item, `before`
        // ends just before it. A key no longer listed falls where it would sort.
        auto locate = [&](const QJsonValue &cursor, bool after) -> qsizetype {
            const std::optional<QString> key = decodeCursor(cursor.toString());
            if (!key)
                throw FieldError { QStringLiteral("Please provide a valid cursor") };
            for (qsizetype i = 0; i < items.size(); ++i) {
                if (source.key(items.at(i)) == *key)
                    return after ? i + 1 : i;
            }
            for (qsizetype i = 0; i < items.size(); ++i) {
                if (source.comesAfter && source.comesAfter(items.at(i), *key))
                    return i;
            }
            return items.size();
        };
        // The window between `after` and `before`, then `first` from its
        // start or `last` from its end; never more than max_page_size.
        qsizetype begin = 0;
        qsizetype end = items.size();
        if (given(arg(f, "after")))
            begin = locate(arg(f, "after"), true);
        if (given(arg(f, "before")))
            end = std::max(begin, locate(arg(f, "before"), false));
        const bool hasFirst = given(arg(f, "first"));
        const bool hasLast = given(arg(f, "last"));
        qsizetype pageBegin = begin;
        qsizetype pageEnd = end;
        if (hasFirst)
            pageEnd = std::min(pageEnd,
                               pageBegin + std::clamp<qsizetype>(arg(f, "first").toInteger(), 0, Schema::MaxPageSize));
        if (hasLast)
            pageBegin = std::max(pageBegin,
                                 pageEnd - std::clamp<qsizetype>(arg(f, "last").toInteger(), 0, Schema::MaxPageSize));
        if (!hasFirst && !hasLast)
            pageEnd = std::min<qsizetype>(pageEnd, pageBegin + Schema::MaxPageSize);

        return object(nodeType + QStringLiteral("Connection"), f.selections, path, [&](const Field &c, const Path &p) {
            if (c.name == QLatin1String("nodes")) {
                QJsonArray nodes;
                for (qsizetype i = pageBegin; i < pageEnd; ++i) {
                    Path itemPath = p;
                    itemPath.append(int(i - pageBegin));
                    nodes.append(node(items.at(i), c, itemPath));
                }
                return QJsonValue(nodes);
            }
            if (c.name == QLatin1String("edges")) {
                QJsonArray edges;
                for (qsizetype i = pageBegin; i < pageEnd; ++i) {
                    Path itemPath = p;
                    itemPath.append(int(i - pageBegin));
                    edges.append(object(nodeType + QStringLiteral("Edge"), c.selections, itemPath,
                                        [&](const Field &e, const Path &edgePath) -> QJsonValue {
                                            if (e.name == QLatin1String("cursor"))
                                                return encodeCursor(source.key(items.at(i)));
                                            return node(items.at(i), e, edgePath);
                                        }));
                }
                return QJsonValue(edges);
            }
            // pageInfo
            const bool empty = pageBegin >= pageEnd;
            return QJsonValue(object(QStringLiteral("PageInfo"), c.selections, p, [&](const Field &i, const Path &) {
                if (i.name == QLatin1String("hasNextPage"))
                    return QJsonValue(pageEnd < end);
                if (i.name == QLatin1String("hasPreviousPage"))
                    return QJsonValue(pageBegin > 0);
                if (i.name == QLatin1String("startCursor"))
                    return empty ? QJsonValue() : QJsonValue(encodeCursor(source.key(items.at(pageBegin))));
                return empty ? QJsonValue() : QJsonValue(encodeCursor(source.key(items.at(pageEnd - 1))));
            }));
        });
    }

    QJsonValue rootField(const Field &f)
    {
        const Path path { f.responseKey() };
        if (f.name == QLatin1String("projects"))
            return projects(f, path);
        if (f.name == QLatin1String("project")) {
            const EmulatorProject *p = m_store.projectByPath(arg(f, "fullPath").toString());
            return p && canRead(*p) ? QJsonValue(project(*p, f.selections, path)) : QJsonValue();
        }
        if (f.name == QLatin1String("currentUser"))
            return m_user ? QJsonValue(user(*m_user, f.selections, path)) : QJsonValue();
        // queryComplexity (Types::QueryComplexityType): the whole query's score.
        return object(QStringLiteral("QueryComplexity"), f.selections, path, [this](const Field &c, const Path &) {
            return QJsonValue(c.name == QLatin1String("score") ? m_score : m_limit);
        });
    }

    // Resolvers::ProjectsResolver over ProjectsFinder: readable projects,
    // newest first (ProjectsFinder#sort: projects_order_id_desc without `sort`).
    QJsonValue projects(const Field &f, const Path &path)
    {
        std::optional<QSet<qint64>> ids;
        if (given(arg(f, "ids"))) {
            ids.emplace();
            const QJsonValue value = arg(f, "ids");
            const QJsonArray list = value.isArray() ? value.toArray() : QJsonArray { value };
            for (const QJsonValue &id : list)
                ids->insert(projectIdFromGid(id.isString() ? id.toString() : QString::number(id.toInteger())));
        }
        // ProjectsFinder#by_full_paths: Project.where_full_path_in, case-insensitive;
        // ProjectsResolver#validate_args! refuses more than 50.
        std::optional<QSet<QString>> fullPaths;
        if (given(arg(f, "fullPaths"))) {
            const QJsonValue value = arg(f, "fullPaths");
            const QJsonArray list = value.isArray() ? value.toArray() : QJsonArray { value };
            if (list.size() > 50)
                throw FieldError { QStringLiteral("You cannot provide more than 50 full_paths") };
            fullPaths.emplace();
            for (const QJsonValue &fullPath : list)
                fullPaths->insert(fullPath.toString().toLower());
        }
        const QString search = arg(f, "search").toString();
        const bool membership = arg(f, "membership").toBool();
        ConnectionSource<const EmulatorProject *> source;
        for (const EmulatorProject &p : m_store.projects) {
            if ((ids && !ids->contains(p.id)) || !canRead(p))
                continue;
            if (fullPaths && !fullPaths->contains(m_store.projectFullPath(p).toLower()))
                continue;
            if (membership && (!m_user || m_store.membershipLevel(*m_user, p) == 0))
                continue;
            if (!search.isEmpty() && !p.name.contains(search, Qt::CaseInsensitive)
                && !p.path.contains(search, Qt::CaseInsensitive))
                continue;
            source.items.append(&p);
        }
        const bool ascending = arg(f, "sort").toString() == QLatin1String("id_asc");
        if (!ascending)
            std::reverse(source.items.begin(), source.items.end());
        source.key = [](const EmulatorProject *p) {
            return QString::number(p->id);
        };
        source.comesAfter = [ascending](const EmulatorProject *p, const QString &key) {
            return ascending ? p->id > key.toLongLong() : p->id < key.toLongLong();
        };
        return connection<const EmulatorProject *>(
            f, path, QStringLiteral("Project"), source,
            [this](const EmulatorProject *p, const Field &c, const Path &p2) { return project(*p, c.selections, p2); });
    }

    QJsonObject user(const EmulatorUser &u, const std::vector<Field> &selections, const Path &path)
    {
        return object(QStringLiteral("UserCore"), selections, path, [&](const Field &f, const Path &) -> QJsonValue {
            if (f.name == QLatin1String("id"))
                return globalId("User", u.id);
            if (f.name == QLatin1String("username"))
                return u.username;
            return u.name;
        });
    }

    QJsonValue userById(qint64 id, const Field &f, const Path &path)
    {
        const EmulatorUser *u = m_store.user(id);
        return u ? QJsonValue(user(*u, f.selections, path)) : QJsonValue();
    }

    QJsonObject project(const EmulatorProject &p, const std::vector<Field> &selections, const Path &path)
    {
        return object(QStringLiteral("Project"), selections, path, [&](const Field &f, const Path &here) -> QJsonValue {
            if (f.name == QLatin1String("id"))
                return globalId("Project", p.id);
            if (f.name == QLatin1String("fullPath"))
                return m_store.projectFullPath(p);
            if (f.name == QLatin1String("path"))
                return p.path;
            if (f.name == QLatin1String("name"))
                return p.name;
            if (f.name == QLatin1String("archived"))
                return p.archived;
            if (f.name == QLatin1String("lastActivityAt"))
                return isoTime(p.lastActivityAt);
            if (f.name == QLatin1String("repository"))
                return repository(p, f.selections, here);
            if (f.name == QLatin1String("pipelines"))
                return pipelines(p, f, here);
            return environment(p, f, here);
        });
    }

    QJsonObject repository(const EmulatorProject &p, const std::vector<Field> &selections, const Path &path)
    {
        const EmulatorRepository repo(m_store.repositoryPath(p));
        return object(QStringLiteral("Repository"), selections, path,
                      [&](const Field &f, const Path &here) -> QJsonValue {
                          if (f.name == QLatin1String("exists"))
                              return repo.isOpen();
                          if (f.name == QLatin1String("empty"))
                              return !repo.isOpen() || repo.isEmpty();
                          if (f.name == QLatin1String("rootRef"))
                              return repo.isOpen() && !repo.isEmpty() ? QJsonValue(p.defaultBranch) : QJsonValue();
                          return tree(p, repo, f, here);
                      });
    }

    // Resolvers::TreeResolver: null without a repository; otherwise
    // Repository#tree, which is empty (not null) for an unknown ref or path,
    // the same entries GET /repository/tree lists.
    QJsonValue tree(const EmulatorProject &p, const EmulatorRepository &repo, const Field &f, const Path &path)
    {
        if (!repo.isOpen())
            return QJsonValue();
        const QString ref
            = given(arg(f, "ref")) && !arg(f, "ref").toString().isEmpty() ? arg(f, "ref").toString() : p.defaultBranch;
        const QString treePath = arg(f, "path").toString();
        const auto listed = repo.tree(ref, treePath, arg(f, "recursive").toBool());
        const QList<EmulatorRepository::TreeEntry> entries = listed.value_or(QList<EmulatorRepository::TreeEntry>());
        const QString commitSha = listed ? repo.resolve(ref) : QString();
        return object(QStringLiteral("Tree"), f.selections, path, [&](const Field &c, const Path &here) -> QJsonValue {
            if (c.name == QLatin1String("lastCommit"))
                return lastCommit(repo, commitSha, treePath, c, here);
            static const QHash<QString, QPair<QString, QString>> Kinds {
                { QStringLiteral("submodules"), { QStringLiteral("commit"), QStringLiteral("Submodule") } },
                { QStringLiteral("trees"), { QStringLiteral("tree"), QStringLiteral("TreeEntry") } },
                { QStringLiteral("blobs"), { QStringLiteral("blob"), QStringLiteral("Blob") } },
            };
            const auto [entryType, typeName] = Kinds.value(c.name);
            ConnectionSource<EmulatorRepository::TreeEntry> source;
            for (const auto &e : entries) {
                if (e.type == entryType)
                    source.items.append(e);
            }
            source.key = [](const EmulatorRepository::TreeEntry &e) {
                return e.path;
            };
            return connection<EmulatorRepository::TreeEntry>(
                c, here, typeName, source,
                [this, typeName](const EmulatorRepository::TreeEntry &e, const Field &n, const Path &p2) {
                    return QJsonValue(treeEntry(typeName, e, n.selections, p2));
                });
        });
    }

    // Types::Tree::EntryType: `sha` is the entry's object id, for a
    // submodule the commit it pins (Gitlab::Git::Tree entries of type :commit);
    // `id` the global id of the Gitlab::Graphql::Representation wrapper
    // TreeType decorates the entries with.
    QJsonObject treeEntry(const QString &typeName, const EmulatorRepository::TreeEntry &e,
                          const std::vector<Field> &selections, const Path &path)
    {
        return object(typeName, selections, path, [&](const Field &f, const Path &) -> QJsonValue {
            if (f.name == QLatin1String("id"))
                return QString(QStringLiteral("gid://gitlab/Gitlab::Graphql::Representation::")
                               + (e.type == QLatin1String("commit") ? QStringLiteral("SubmoduleTreeEntry")
                                                                    : QStringLiteral("TreeEntry"))
                               + QLatin1Char('/') + e.id);
            if (f.name == QLatin1String("sha"))
                return e.id;
            if (f.name == QLatin1String("name"))
                return e.name;
            if (f.name == QLatin1String("type"))
                return e.type; // Types::Tree::TypeEnum values are lowercase: tree, blob, commit
            if (f.name == QLatin1String("mode"))
                return e.mode;
            return e.path; // path, flatPath (no flattening of single-child folders)
        });
    }

    // Resolvers::LastCommitResolver: the last commit that touched the tree's path.
    QJsonValue lastCommit(const EmulatorRepository &repo, const QString &commitSha, const QString &treePath,
                          const Field &f, const Path &path)
    {
        if (commitSha.isEmpty())
            return QJsonValue();
        const QString sha = treePath.isEmpty() ? commitSha : repo.lastCommitFor(commitSha, treePath);
        const auto commit = sha.isEmpty() ? std::nullopt : repo.commit(sha);
        if (!commit)
            return QJsonValue();
        return object(QStringLiteral("Commit"), f.selections, path, [&](const Field &c, const Path &) -> QJsonValue {
            if (c.name == QLatin1String("id"))
                return QString(QStringLiteral("gid://gitlab/CommitPresenter/") + commit->id);
            if (c.name == QLatin1String("sha"))
                return commit->id;
            if (c.name == QLatin1String("shortId"))
                return commit->id.left(8);
            if (c.name == QLatin1String("title"))
                return commit->title;
            if (c.name == QLatin1String("message"))
                return commit->message;
            if (c.name == QLatin1String("authorName"))
                return commit->author.name;
            if (c.name == QLatin1String("authoredDate"))
                return isoTime(commit->author.when);
            return isoTime(commit->committer.when);
        });
    }

    // Resolvers::Ci::ProjectPipelinesResolver over Ci::PipelinesFinder:
    // newest first, as GET /projects/:id/pipelines lists them.
    QJsonValue pipelines(const EmulatorProject &p, const Field &f, const Path &path)
    {
        ConnectionSource<const EmulatorPipeline *> source;
        const QString ref = arg(f, "ref").toString();
        const QString sha = arg(f, "sha").toString();
        const QString status = arg(f, "status").toString().toLower();
        const QString pipelineSource = arg(f, "source").toString();
        const QDateTime updatedAfter = QDateTime::fromString(arg(f, "updatedAfter").toString(), Qt::ISODateWithMs);
        const QDateTime updatedBefore = QDateTime::fromString(arg(f, "updatedBefore").toString(), Qt::ISODateWithMs);
        if (canReadCi(p)) {
            for (const EmulatorPipeline &pipeline : m_store.pipelines) {
                if (pipeline.projectId != p.id || (!ref.isEmpty() && pipeline.ref != ref)
                    || (!sha.isEmpty() && pipeline.sha != sha) || (!status.isEmpty() && pipeline.status != status)
                    || (!pipelineSource.isEmpty() && pipeline.source != pipelineSource))
                    continue;
                if ((updatedAfter.isValid() && pipeline.updatedAt <= updatedAfter)
                    || (updatedBefore.isValid() && pipeline.updatedAt >= updatedBefore))
                    continue;
                source.items.append(&pipeline);
            }
        }
        std::reverse(source.items.begin(), source.items.end());
        source.key = [](const EmulatorPipeline *pipeline) {
            return QString::number(pipeline->id);
        };
        source.comesAfter = [](const EmulatorPipeline *pipeline, const QString &key) {
            return pipeline->id < key.toLongLong();
        };
        return connection<const EmulatorPipeline *>(
            f, path, QStringLiteral("Pipeline"), source,
            [this](const EmulatorPipeline *pipeline, const Field &c, const Path &p2) {
                return QJsonValue(this->pipeline(*pipeline, c.selections, p2));
            });
    }

    QJsonObject pipeline(const EmulatorPipeline &pl, const std::vector<Field> &selections, const Path &path)
    {
        return object(QStringLiteral("Pipeline"), selections, path,
                      [&](const Field &f, const Path &here) -> QJsonValue {
                          if (f.name == QLatin1String("id"))
                              return globalId("Ci::Pipeline", pl.id);
                          if (f.name == QLatin1String("iid"))
                              return QString::number(pl.iid);
                          if (f.name == QLatin1String("sha"))
                              return pl.sha;
                          if (f.name == QLatin1String("ref"))
                              return pl.ref;
                          if (f.name == QLatin1String("status"))
                              return pl.status.toUpper(); // Types::Ci::PipelineStatusEnum
                          if (f.name == QLatin1String("source"))
                              return pl.source;
                          if (f.name == QLatin1String("path")) {
                              // Types::Ci::PipelineType#path: the pipeline's page on the instance.
                              const EmulatorProject *project = m_store.project(pl.projectId);
                              return project ? QJsonValue(QLatin1Char('/') + m_store.projectFullPath(*project)
                                                          + QStringLiteral("/-/pipelines/") + QString::number(pl.id))
                                             : QJsonValue();
                          }
                          if (f.name == QLatin1String("createdAt"))
                              return isoTime(pl.createdAt);
                          if (f.name == QLatin1String("updatedAt"))
                              return isoTime(pl.updatedAt);
                          if (f.name == QLatin1String("startedAt"))
                              return isoTime(pl.startedAt);
                          if (f.name == QLatin1String("finishedAt"))
                              return isoTime(pl.finishedAt);
                          if (f.name == QLatin1String("duration"))
                              return pl.startedAt.isValid() && pl.finishedAt.isValid()
                                  ? QJsonValue(pl.startedAt.secsTo(pl.finishedAt))
                                  : QJsonValue();
                          return userById(pl.userId, f, here);
                      });
    }

    // Resolvers::Environments::ProjectEnvironmentsResolver.single: the
    // project's environment by name; null when there is none or it may not be read.
    QJsonValue environment(const EmulatorProject &p, const Field &f, const Path &path)
    {
        if (!canReadCi(p))
            return QJsonValue();
        const QString name = arg(f, "name").toString();
        const QString search = arg(f, "search").toString();
        QStringList states;
        for (const QJsonValue &s : arg(f, "states").toArray())
            states.append(s.toString());
        for (const EmulatorEnvironment &e : p.environments) {
            if ((given(arg(f, "name")) && e.name != name) || (!search.isEmpty() && !e.name.contains(search))
                || (!states.isEmpty() && !states.contains(e.state)))
                continue;
            return object(QStringLiteral("Environment"), f.selections, path,
                          [&](const Field &c, const Path &here) -> QJsonValue {
                              if (c.name == QLatin1String("id"))
                                  return globalId("Environment", e.id);
                              if (c.name == QLatin1String("name"))
                                  return e.name;
                              if (c.name == QLatin1String("state"))
                                  return e.state;
                              if (c.name == QLatin1String("externalUrl"))
                                  return optionalString(e.externalUrl);
                              return lastDeployment(e, c, here);
                          });
        }
        return QJsonValue();
    }

    // Resolvers::Environments::LastDeploymentResolver: the environment's
    // newest deployment in that status.
    QJsonValue lastDeployment(const EmulatorEnvironment &e, const Field &f, const Path &path)
    {
        static const QStringList Statuses { QStringLiteral("CREATED"),  QStringLiteral("RUNNING"),
                                            QStringLiteral("SUCCESS"),  QStringLiteral("FAILED"),
                                            QStringLiteral("CANCELED"), QStringLiteral("SKIPPED"),
                                            QStringLiteral("BLOCKED") };
        const QString status = arg(f, "status").toString();
        if (!Statuses.contains(status))
            throw FieldError { QStringLiteral("Argument 'status' on Field 'lastDeployment' has an invalid value (%1). "
                                              "Expected type 'DeploymentStatus!'.")
                                   .arg(status) };
        const EmulatorDeployment *last = nullptr;
        for (const EmulatorDeployment &d : m_store.deployments) {
            if (d.environmentId == e.id && d.status == status.toLower() && (!last || d.id > last->id))
                last = &d;
        }
        return last ? QJsonValue(deployment(*last, f.selections, path)) : QJsonValue();
    }

    QJsonObject deployment(const EmulatorDeployment &d, const std::vector<Field> &selections, const Path &path)
    {
        // Deployment#finished_at: set when it succeeds, fails or is canceled.
        static const QStringList Finished { QStringLiteral("success"), QStringLiteral("failed"),
                                            QStringLiteral("canceled") };
        return object(
            QStringLiteral("Deployment"), selections, path, [&](const Field &f, const Path &here) -> QJsonValue {
                if (f.name == QLatin1String("id"))
                    return globalId("Deployment", d.id);
                if (f.name == QLatin1String("iid"))
                    return QString::number(d.iid);
                if (f.name == QLatin1String("ref"))
                    return d.ref;
                if (f.name == QLatin1String("sha"))
                    return d.sha;
                if (f.name == QLatin1String("status"))
                    return d.status.toUpper();
                if (f.name == QLatin1String("tag"))
                    return false;
                if (f.name == QLatin1String("createdAt"))
                    return isoTime(d.createdAt);
                if (f.name == QLatin1String("updatedAt"))
                    return isoTime(d.updatedAt);
                if (f.name == QLatin1String("finishedAt"))
                    return Finished.contains(d.status) ? isoTime(d.updatedAt) : QJsonValue();
                if (f.name == QLatin1String("triggerer"))
                    return userById(d.userId, f, here);
                const auto job = m_store.jobs.constFind(d.jobId);
                return job == m_store.jobs.cend() ? QJsonValue() : QJsonValue(this->job(*job, f.selections, here));
            });
    }

    QJsonObject job(const EmulatorJob &j, const std::vector<Field> &selections, const Path &path)
    {
        return object(QStringLiteral("CiJob"), selections, path, [&](const Field &f, const Path &here) -> QJsonValue {
            if (f.name == QLatin1String("id"))
                return globalId("Ci::Build", j.id);
            if (f.name == QLatin1String("name"))
                return j.name;
            if (f.name == QLatin1String("status"))
                return j.status.toUpper();
            const auto pl = m_store.pipelines.constFind(j.pipelineId);
            return pl == m_store.pipelines.cend() ? QJsonValue() : QJsonValue(pipeline(*pl, f.selections, here));
        });
    }

    EmulatorStore &m_store;
    const EmulatorUser *m_user;
    const QJsonObject m_variables;
    QJsonArray m_errors;
    int m_score = 0;
    int m_limit = 0;
};

// Input coercion of the operation's variables (GraphQL spec 6.1.2): defaults
// applied, lists from single values, IDs from integers, nulls refused for `!`.
std::optional<QJsonObject> coerceVariables(const GraphQL::Operation &operation, const QJsonObject &provided,
                                           QJsonArray &errors)
{
    QJsonObject coerced;
    auto coerceItem = [](const QString &type, const QJsonValue &v) -> std::optional<QJsonValue> {
        if (v.isNull())
            return v;
        if (type == QLatin1String("Int"))
            return v.isDouble() && v.toDouble() == double(v.toInteger()) ? std::optional<QJsonValue>(v) : std::nullopt;
        if (type == QLatin1String("Float"))
            return v.isDouble() ? std::optional<QJsonValue>(v) : std::nullopt;
        if (type == QLatin1String("Boolean"))
            return v.isBool() ? std::optional<QJsonValue>(v) : std::nullopt;
        if (type == QLatin1String("ID") && v.isDouble() && v.toDouble() == double(v.toInteger()))
            return QJsonValue(QString::number(v.toInteger()));
        return v.isString() ? std::optional<QJsonValue>(v) : std::nullopt;
    };
    for (const GraphQL::VariableDefinition &definition : operation.variables) {
        QJsonValue value = provided.contains(definition.name) ? provided.value(definition.name) : QJsonValue::Undefined;
        if (value.isUndefined() && definition.defaultValue)
            value = GraphQL::jsonValue(*definition.defaultValue, {});
        bool valid = !(definition.nonNull && (value.isUndefined() || value.isNull()));
        if (valid && given(value)) {
            if (definition.list) {
                const QJsonArray items = value.isArray() ? value.toArray() : QJsonArray { value };
                QJsonArray out;
                for (const QJsonValue &item : items) {
                    const auto c = coerceItem(definition.typeName, item);
                    valid = valid && c;
                    out.append(c.value_or(QJsonValue()));
                }
                value = out;
            } else {
                const auto c = value.isArray() ? std::nullopt : coerceItem(definition.typeName, value);
                valid = c.has_value();
                value = c.value_or(QJsonValue());
            }
        }
        if (!valid) {
            QJsonObject error = plainError(QStringLiteral("Variable $%1 of type %2 was provided invalid value")
                                               .arg(definition.name, definition.typeText));
            error.insert(QStringLiteral("locations"),
                         QJsonArray { QJsonObject { { QStringLiteral("line"), definition.location.line },
                                                    { QStringLiteral("column"), definition.location.column } } });
            errors.append(error);
            continue;
        }
        if (!value.isUndefined())
            coerced.insert(definition.name, value);
    }
    return errors.isEmpty() ? std::optional<QJsonObject>(coerced) : std::nullopt;
}

} // namespace

// POST /api/graphql (app/controllers/graphql_controller.rb, GitlabSchema).
// Every answer the schema gives is a 200, errors included; only the
// controller's own refusals (token, size, malformed variables) are not.
HttpResponse GitLabApi::handleGraphql(const HttpRequest &request)
{
    QMutexLocker lock(&m_store.mutex());

    // GraphqlController#authenticate_graphql takes tokens with the api or
    // read_api scope; any other token present means "Invalid token" (401),
    // no token at all an anonymous query.
    const EmulatorUser *user = authenticate(request);
    if (user && !user->tokenScopes.contains(QStringLiteral("api"))
        && !user->tokenScopes.contains(QStringLiteral("read_api")))
        user = nullptr;
    const bool tokenPresent = !request.header("private-token").isEmpty()
        || request.header("authorization").startsWith("Bearer ")
        || !request.queryValue(QStringLiteral("private_token")).isEmpty()
        || !request.queryValue(QStringLiteral("access_token")).isEmpty();
    if (!user && tokenPresent)
        return controllerError(401, QStringLiteral("Invalid token"));

    QJsonObject params;
    if (request.method == "GET") {
        for (const auto &item : request.query().queryItems(QUrl::FullyDecoded))
            params.insert(item.first, item.second);
    } else if (!request.body.isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject())
            return controllerError(400, QStringLiteral("Invalid JSON body: %1").arg(parseError.errorString()));
        params = doc.object();
    }
    const QString query = params.value(QStringLiteral("query")).toString();
    // Ruby counts characters, not UTF-16 units.
    if (query.size() > MaxQuerySize && query.toUcs4().size() > MaxQuerySize)
        return controllerError(422, QStringLiteral("Query too large"));

    // Gitlab::Graphql::Variables: an object, a JSON string of one, or nothing.
    QJsonObject variables;
    const QJsonValue rawVariables = params.value(QStringLiteral("variables"));
    if (rawVariables.isString() && !rawVariables.toString().isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(rawVariables.toString().toUtf8(), &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject())
            return controllerError(422, parseError.errorString());
        variables = doc.object();
    } else if (rawVariables.isObject()) {
        variables = rawVariables.toObject();
    } else if (!rawVariables.isUndefined() && !rawVariables.isNull() && !rawVariables.isString()) {
        return controllerError(
            422,
            QStringLiteral("Unexpected parameter: %1")
                .arg(QString::fromUtf8(QJsonDocument(QJsonArray { rawVariables }).toJson(QJsonDocument::Compact))));
    }

    auto errorsOnly = [](const QJsonArray &errors) {
        return graphqlJson(200, QJsonObject { { QStringLiteral("errors"), errors } });
    };
    if (query.trimmed().isEmpty())
        return errorsOnly(QJsonArray { plainError(QStringLiteral("No query string was present")) });

    GraphQL::ParseError parseError;
    const std::optional<GraphQL::Document> document = GraphQL::parseDocument(query, &parseError);
    if (!document) {
        QJsonObject error = plainError(parseError.message);
        error.insert(QStringLiteral("locations"),
                     QJsonArray { QJsonObject { { QStringLiteral("line"), parseError.location.line },
                                                { QStringLiteral("column"), parseError.location.column } } });
        return errorsOnly(QJsonArray { error });
    }

    const QString operationName = params.value(QStringLiteral("operationName")).toString();
    const GraphQL::Operation *operation = nullptr;
    for (const GraphQL::Operation &candidate : document->operations) {
        if (operationName.isEmpty() ? document->operations.size() == 1 : candidate.name == operationName)
            operation = &candidate;
    }
    if (!operation)
        return errorsOnly(QJsonArray {
            plainError(operationName.isEmpty() ? QStringLiteral("An operation name is required")
                                               : QStringLiteral("No operation named \"%1\"").arg(operationName)) });

    const Schema &schema = Schema::gitlab();
    // validate_max_errors 5: graphql-ruby stops reporting after five.
    if (QJsonArray invalid = schema.validate(*operation); !invalid.isEmpty()) {
        while (invalid.size() > 5)
            invalid.removeLast();
        return errorsOnly(invalid);
    }
    QJsonArray variableErrors;
    const std::optional<QJsonObject> coerced = coerceVariables(*operation, variables, variableErrors);
    if (!coerced)
        return errorsOnly(variableErrors);

    // GitlabSchema.max_query_complexity / max_query_depth by who asks.
    const int maxComplexity
        = !user ? DefaultMaxComplexity : (user->admin ? AdminMaxComplexity : AuthenticatedMaxComplexity);
    const int maxDepth = user ? AuthenticatedMaxDepth : DefaultMaxDepth;
    const int complexity = schema.complexity(QStringLiteral("Query"), operation->selections, *coerced);
    const int depth = schema.depth(operation->selections);
    QJsonArray refused;
    if (depth > maxDepth)
        refused.append(plainError(
            QStringLiteral("Query has depth of %1, which exceeds max depth of %2").arg(depth).arg(maxDepth)));
    if (complexity > maxComplexity)
        refused.append(plainError(QStringLiteral("Query has complexity of %1, which exceeds max complexity of %2")
                                      .arg(complexity)
                                      .arg(maxComplexity)));
    if (!refused.isEmpty())
        return errorsOnly(refused);

    QueryExecution execution(m_store, user, *coerced);
    execution.setComplexity(complexity, maxComplexity);
    QJsonObject result { { QStringLiteral("data"), execution.run(operation->selections) } };
    if (!execution.errors().isEmpty())
        result.insert(QStringLiteral("errors"), execution.errors());
    return graphqlJson(200, result);
}

} // namespace Dockmaster
