#include "sandbox/emulator/gitlabapi.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrlQuery>

#include <algorithm>

namespace Dockmaster {

namespace {

HttpResponse notFound(const QString &what = QStringLiteral("404 Not Found"))
{
    return HttpResponse::message(404, what);
}

HttpResponse jsonResponse(int status, const QJsonValue &value)
{
    const QByteArray body = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                            : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    return HttpResponse::json(status, body);
}

bool validPath(const QString &path)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}$"));
    return re.match(path).hasMatch() && !path.endsWith(QLatin1String(".git")) && !path.endsWith(QLatin1String(".atom"));
}

// `list` comes in id order (the store's map); only other orders need a sort.
void sortProjects(QList<const EmulatorProject *> &list, const QString &orderBy, bool asc)
{
    enum class Key { Id, Name, Path, Updated, Activity };
    Key key = Key::Id;
    if (orderBy == QLatin1String("name"))
        key = Key::Name;
    else if (orderBy == QLatin1String("path"))
        key = Key::Path;
    else if (orderBy == QLatin1String("updated_at"))
        key = Key::Updated;
    else if (orderBy == QLatin1String("last_activity_at"))
        key = Key::Activity;
    if (key == Key::Id) {
        // created_at follows creation order, so it sorts like id.
        if (!asc)
            std::reverse(list.begin(), list.end());
        return;
    }
    auto less = [key](const EmulatorProject *a, const EmulatorProject *b) {
        switch (key) {
        case Key::Name:
            return a->name < b->name;
        case Key::Path:
            return a->path < b->path;
        case Key::Updated:
            return a->updatedAt.toMSecsSinceEpoch() < b->updatedAt.toMSecsSinceEpoch();
        case Key::Activity:
            return a->lastActivityAt.toMSecsSinceEpoch() < b->lastActivityAt.toMSecsSinceEpoch();
        case Key::Id:
            break;
        }
        return a->id < b->id;
    };
    std::stable_sort(list.begin(), list.end(),
                     [&](const EmulatorProject *a, const EmulatorProject *b) { return asc ? less(a, b) : less(b, a); });
}

} // namespace

GitLabApi::GitLabApi(EmulatorStore &store)
    : m_store(store)
{
}

QJsonValue GitLabApi::time(const QDateTime &t)
{
    if (!t.isValid())
        return QJsonValue::Null;
    return t.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

const EmulatorUser *GitLabApi::authenticate(const HttpRequest &request) const
{
    QString token = QString::fromUtf8(request.header("private-token"));
    if (token.isEmpty()) {
        const QByteArray auth = request.header("authorization");
        if (auth.startsWith("Bearer "))
            token = QString::fromUtf8(auth.mid(7).trimmed());
    }
    if (token.isEmpty())
        token = request.queryValue(QStringLiteral("private_token"));
    if (token.isEmpty())
        token = request.queryValue(QStringLiteral("access_token"));
    return m_store.userByToken(token);
}

HttpResponse GitLabApi::handle(const HttpRequest &request)
{
    QMutexLocker lock(&m_store.mutex());
    static const QByteArray Prefix = "/api/v4/";
    if (!request.rawPath.startsWith(Prefix))
        return notFound();
    const EmulatorUser *user = authenticate(request);
    if (!user)
        return HttpResponse::message(401, QStringLiteral("401 Unauthorized"));

    Context c { request, *user, {}, {} };
    const QList<QByteArray> raw = request.rawPath.mid(Prefix.size()).split('/');
    for (const QByteArray &segment : raw)
        c.segments.append(QUrl::fromPercentEncoding(segment));
    if (!c.segments.isEmpty() && c.segments.last().isEmpty())
        c.segments.removeLast();

    const QUrlQuery query = request.query();
    for (const auto &item : query.queryItems(QUrl::FullyDecoded)) {
        // Repeated keys (`scope[]=a&scope[]=b`) become an array, read back comma-joined.
        const auto existing = c.params.constFind(item.first);
        if (existing == c.params.constEnd()) {
            c.params.insert(item.first, item.second);
        } else {
            QJsonArray values = existing->isArray() ? existing->toArray() : QJsonArray { *existing };
            values.append(item.second);
            c.params.insert(item.first, values);
        }
    }
    const QByteArray contentType = request.header("content-type");
    if (!request.body.isEmpty()) {
        if (contentType.startsWith("application/json")) {
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(request.body, &error);
            if (error.error != QJsonParseError::NoError || !doc.isObject())
                return HttpResponse::message(400, QStringLiteral("400 Bad request - JSON body is invalid"));
            const QJsonObject body = doc.object();
            for (auto it = body.begin(); it != body.end(); ++it)
                c.params.insert(it.key(), it.value());
        } else if (contentType.startsWith("application/x-www-form-urlencoded") || contentType.isEmpty()) {
            QByteArray form = request.body;
            form.replace('+', "%20");
            const QUrlQuery formQuery(QString::fromUtf8(form));
            for (const auto &item : formQuery.queryItems(QUrl::FullyDecoded))
                c.params.insert(item.first, item.second);
        }
    }

    if (c.segments.isEmpty())
        return notFound();
    // lib/api/personal_access_tokens/self_information.rb: any token may read
    // itself, whatever its scopes.
    if (c.segments == QStringList { QStringLiteral("personal_access_tokens"), QStringLiteral("self") }
        && request.method == "GET")
        return jsonResponse(200, tokenJson(*user));
    if (auto refused = refuseScope(c))
        return *refused;
    // lib/api/version.rb: Gitlab::VERSION and the revision.
    if (c.segments.value(0) == QLatin1String("version"))
        return jsonResponse(200,
                            QJsonObject { { QStringLiteral("version"), m_store.version },
                                          { QStringLiteral("revision"), QStringLiteral("emulator") } });
    if (c.segments.value(0) == QLatin1String("issues")
        || (c.segments.size() >= 3 && c.segments.value(2) == QLatin1String("issues"))
        || (c.segments.size() >= 3 && c.segments.value(2) == QLatin1String("labels"))) {
        if (auto r = routeIssues(c))
            return *r;
    }
    if (auto r = routeGroupsAndProjects(c))
        return *r;
    return notFound();
}

std::optional<HttpResponse> GitLabApi::refuseScope(const Context &c) const
{
    // API::APIGuard: `api` allows everything, `read_api` only reads; other
    // scopes (read_user, read_repository...) get 403 insufficient_scope.
    const QStringList &scopes = c.user.tokenScopes;
    const bool read = c.request.method == "GET" || c.request.method == "HEAD";
    if (scopes.contains(QStringLiteral("api")) || (read && scopes.contains(QStringLiteral("read_api"))))
        return std::nullopt;
    return jsonResponse(403,
                        QJsonObject { { QStringLiteral("error"), QStringLiteral("insufficient_scope") },
                                      { QStringLiteral("error_description"),
                                        QStringLiteral("The request requires higher privileges than provided by the "
                                                       "access token.") },
                                      { QStringLiteral("scope"), QStringLiteral("api read_api") } });
}

QJsonObject GitLabApi::tokenJson(const EmulatorUser &user) const
{
    // API::Entities::PersonalAccessTokenWithLastUsedIps (expires_at as a date).
    QJsonArray scopes;
    for (const QString &scope : user.tokenScopes)
        scopes.append(scope);
    const bool expired = user.tokenExpiresAt.isValid() && user.tokenExpiresAt <= m_store.now().date();
    return QJsonObject {
        { QStringLiteral("id"), user.id },
        { QStringLiteral("name"), QStringLiteral("dockmaster") },
        { QStringLiteral("revoked"), false },
        { QStringLiteral("created_at"), time(user.createdAt) },
        { QStringLiteral("scopes"), scopes },
        { QStringLiteral("user_id"), user.id },
        { QStringLiteral("last_used_at"), time(m_store.now()) },
        { QStringLiteral("active"), !expired },
        { QStringLiteral("expires_at"),
          user.tokenExpiresAt.isValid() ? QJsonValue(user.tokenExpiresAt.toString(Qt::ISODate)) : QJsonValue() },
    };
}

QJsonObject GitLabApi::runnerJson(bool online) const
{
    // API::Entities::Ci::Runner (lib/api/entities/ci/runner.rb).
    return QJsonObject {
        { QStringLiteral("id"), 1 },
        { QStringLiteral("description"), QStringLiteral("emulator runner") },
        { QStringLiteral("ip_address"), QJsonValue() },
        { QStringLiteral("active"), true },
        { QStringLiteral("paused"), false },
        { QStringLiteral("is_shared"), true },
        { QStringLiteral("runner_type"), QStringLiteral("instance_type") },
        { QStringLiteral("name"), QStringLiteral("gitlab-runner") },
        { QStringLiteral("online"), online },
        { QStringLiteral("status"), online ? QStringLiteral("online") : QStringLiteral("offline") },
    };
}

EmulatorProject *GitLabApi::findProject(Context &c, const QString &idOrPath, HttpResponse *error)
{
    bool numeric = false;
    const qint64 id = idOrPath.toLongLong(&numeric);
    EmulatorProject *p = numeric ? m_store.project(id) : m_store.projectByPath(idOrPath);
    if (!p || m_store.accessLevel(c.user, *p) < int(AccessLevel::Guest)) {
        *error = notFound(QStringLiteral("404 Project Not Found"));
        return nullptr;
    }
    return p;
}

QString GitLabApi::param(const Context &c, const QString &name, const QString &fallback) const
{
    const auto it = c.params.constFind(name);
    if (it == c.params.constEnd() || it->isNull() || it->isUndefined())
        return fallback;
    if (it->isString())
        return it->toString();
    if (it->isBool())
        return it->toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (it->isDouble())
        return QString::number(it->toInteger());
    if (it->isArray()) {
        QStringList parts;
        for (const QJsonValue &v : it->toArray())
            parts.append(v.toString());
        return parts.join(QLatin1Char(','));
    }
    return fallback;
}

bool GitLabApi::hasParam(const Context &c, const QString &name) const
{
    return c.params.contains(name);
}

bool GitLabApi::boolParam(const Context &c, const QString &name, bool fallback) const
{
    if (!hasParam(c, name))
        return fallback;
    const QString v = param(c, name).toLower();
    return v == QLatin1String("true") || v == QLatin1String("1") || v == QLatin1String("yes");
}

QDateTime GitLabApi::timeParam(const Context &c, const QString &name) const
{
    const QString v = param(c, name);
    if (v.isEmpty())
        return {};
    QDateTime t = QDateTime::fromString(v, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(v, Qt::ISODate);
    return t;
}

QUrl GitLabApi::linkUrl(const Context &c, const QList<QPair<QString, QString>> &overrides) const
{
    // Gitlab::Pagination::OffsetHeaderBuilder#base_request_uri: host and port
    // come from the configured external_url, only the scheme from the request.
    QUrl url = m_store.externalUrl.isValid() ? m_store.externalUrl : m_baseUrl;
    QString prefix = url.path(QUrl::FullyEncoded); // relative_url_root, e.g. /gitlab
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    url.setPath(prefix + QString::fromUtf8(c.request.rawPath), QUrl::TolerantMode);
    QUrlQuery q(c.request.query());
    for (const auto &o : overrides) {
        q.removeAllQueryItems(o.first);
        if (!o.second.isNull())
            q.addQueryItem(o.first, o.second);
    }
    url.setQuery(q);
    return url;
}

HttpResponse GitLabApi::paginate(const Context &c, qsizetype total, const std::function<QJsonValue(qsizetype)> &item)
{
    bool ok = false;
    qsizetype perPage = param(c, QStringLiteral("per_page")).toLongLong(&ok);
    if (!ok || perPage < 1)
        perPage = 20;
    perPage = qMin<qsizetype>(perPage, 100);
    qsizetype page = param(c, QStringLiteral("page")).toLongLong(&ok);
    if (!ok || page < 1)
        page = 1;
    const qsizetype totalPages = qMax<qsizetype>(1, (total + perPage - 1) / perPage);
    QJsonArray items;
    for (qsizetype i = (page - 1) * perPage; i < qMin(total, page * perPage); ++i)
        items.append(item(i));

    HttpResponse r = jsonResponse(200, items);
    // GitLab omits the totals past 10,000 records; clients must follow "next".
    const bool countable = total <= 10000;
    auto link = [&](qsizetype p, const char *rel) -> QByteArray {
        return "<"
            + linkUrl(c,
                      { { QStringLiteral("page"), QString::number(p) },
                        { QStringLiteral("per_page"), QString::number(perPage) } })
                  .toEncoded()
            + ">; rel=\"" + rel + "\"";
    };
    QList<QByteArray> links;
    if (page > 1)
        links.append(link(page - 1, "prev"));
    if (page < totalPages)
        links.append(link(page + 1, "next"));
    links.append(link(1, "first"));
    if (countable)
        links.append(link(totalPages, "last"));
    r.setHeader("Link", links.join(", "));
    r.setHeader("X-Next-Page", page < totalPages ? QByteArray::number(page + 1) : QByteArray());
    r.setHeader("X-Page", QByteArray::number(page));
    r.setHeader("X-Per-Page", QByteArray::number(perPage));
    r.setHeader("X-Prev-Page", page > 1 ? QByteArray::number(page - 1) : QByteArray());
    if (countable) {
        r.setHeader("X-Total", QByteArray::number(total));
        r.setHeader("X-Total-Pages", QByteArray::number(totalPages));
    }
    return r;
}

QString GitLabApi::webUrl(const QString &fullPath) const
{
    const QUrl base = m_store.externalUrl.isValid() ? m_store.externalUrl : m_baseUrl;
    return base.toString(QUrl::StripTrailingSlash) + QLatin1Char('/') + fullPath;
}

EmulatorRepository::Signature GitLabApi::signatureFor(const EmulatorUser &user) const
{
    return { user.name, user.email, QDateTime::currentDateTimeUtc() };
}

void GitLabApi::touch(EmulatorProject &project)
{
    m_store.recordActivity(project);
}

qint64 GitLabApi::notifyBranchMoved(const EmulatorProject &project, const QString &branch, const QString &before,
                                    const QString &after, qint64 userId)
{
    return m_branchMoved ? m_branchMoved(project.id, branch, before, after, userId) : 0;
}

QJsonObject GitLabApi::namespaceJson(qint64 namespaceId) const
{
    const auto it = m_store.groups.constFind(namespaceId);
    if (it == m_store.groups.cend())
        return QJsonObject { { QStringLiteral("id"), 0 },
                             { QStringLiteral("name"), QStringLiteral("root") },
                             { QStringLiteral("path"), QStringLiteral("root") },
                             { QStringLiteral("kind"), QStringLiteral("user") },
                             { QStringLiteral("full_path"), QStringLiteral("root") } };
    return QJsonObject { { QStringLiteral("id"), it->id },
                         { QStringLiteral("name"), it->name },
                         { QStringLiteral("path"), it->path },
                         { QStringLiteral("kind"), QStringLiteral("group") },
                         { QStringLiteral("full_path"), it->fullPath },
                         { QStringLiteral("parent_id"), it->parentId ? QJsonValue(it->parentId) : QJsonValue() },
                         { QStringLiteral("web_url"), webUrl(QStringLiteral("groups/") + it->fullPath) } };
}

QJsonObject GitLabApi::projectJson(const EmulatorProject &p) const
{
    const QString fullPath = m_store.projectFullPath(p);
    const QJsonObject ns = namespaceJson(p.namespaceId);
    QString nameWithNamespace;
    for (qint64 id = p.namespaceId; id;) {
        const auto it = m_store.groups.constFind(id);
        if (it == m_store.groups.cend())
            break;
        nameWithNamespace.prepend(it->name + QStringLiteral(" / "));
        id = it->parentId;
    }
    return QJsonObject {
        { QStringLiteral("id"), p.id },
        { QStringLiteral("description"), p.description },
        { QStringLiteral("name"), p.name },
        { QStringLiteral("name_with_namespace"), QString(nameWithNamespace + p.name) },
        { QStringLiteral("path"), p.path },
        { QStringLiteral("path_with_namespace"), fullPath },
        { QStringLiteral("created_at"), time(p.createdAt) },
        { QStringLiteral("updated_at"), time(p.updatedAt) },
        { QStringLiteral("last_activity_at"), time(p.lastActivityAt) },
        { QStringLiteral("default_branch"), p.defaultBranch },
        { QStringLiteral("visibility"), p.visibility },
        { QStringLiteral("archived"), p.archived },
        { QStringLiteral("topics"), QJsonArray() },
        { QStringLiteral("tag_list"), QJsonArray() },
        { QStringLiteral("ssh_url_to_repo"),
          QString(QStringLiteral("git@emulator.invalid:") + fullPath + QStringLiteral(".git")) },
        { QStringLiteral("http_url_to_repo"), QString(webUrl(fullPath) + QStringLiteral(".git")) },
        { QStringLiteral("web_url"), webUrl(fullPath) },
        { QStringLiteral("namespace"), ns },
        { QStringLiteral("empty_repo"), false },
        { QStringLiteral("open_issues_count"), 0 },
    };
}

QJsonObject GitLabApi::groupJson(const EmulatorGroup &g) const
{
    return QJsonObject {
        { QStringLiteral("id"), g.id },
        { QStringLiteral("name"), g.name },
        { QStringLiteral("path"), g.path },
        { QStringLiteral("full_path"), g.fullPath },
        { QStringLiteral("full_name"), g.fullPath },
        { QStringLiteral("description"), g.description },
        { QStringLiteral("visibility"), QStringLiteral("private") },
        { QStringLiteral("parent_id"), g.parentId ? QJsonValue(g.parentId) : QJsonValue() },
        { QStringLiteral("created_at"), time(g.createdAt) },
        { QStringLiteral("web_url"), webUrl(QStringLiteral("groups/") + g.fullPath) },
    };
}

QJsonObject GitLabApi::userJson(const EmulatorUser &u, bool full) const
{
    QJsonObject o {
        { QStringLiteral("id"), u.id },
        { QStringLiteral("username"), u.username },
        { QStringLiteral("name"), u.name },
        { QStringLiteral("state"), QStringLiteral("active") },
        { QStringLiteral("locked"), false },
        { QStringLiteral("avatar_url"), QJsonValue() },
        { QStringLiteral("web_url"), webUrl(u.username) },
    };
    if (full) {
        o.insert(QStringLiteral("email"), u.email);
        // commit_email_or_default (API::Entities::UserPublic)
        o.insert(QStringLiteral("commit_email"), u.email);
        o.insert(QStringLiteral("is_admin"), u.admin);
        o.insert(QStringLiteral("created_at"), time(u.createdAt));
    }
    return o;
}

std::optional<HttpResponse> GitLabApi::routeGroupsAndProjects(Context &c)
{
    const QString method = QString::fromLatin1(c.request.method);
    const bool get = method == QLatin1String("GET") || method == QLatin1String("HEAD");
    const QStringList &s = c.segments;
    const QString area = s.value(0);

    if (area == QLatin1String("user") && s.size() == 1 && get)
        return jsonResponse(200, userJson(c.user, true));

    if (area == QLatin1String("users")) {
        if (s.size() == 1 && get) {
            QList<const EmulatorUser *> list;
            const QString username = param(c, QStringLiteral("username"));
            const QString search = param(c, QStringLiteral("search"));
            for (const auto &u : m_store.users) {
                if (!username.isEmpty() && u.username.compare(username, Qt::CaseInsensitive) != 0)
                    continue;
                if (!search.isEmpty() && !u.username.contains(search, Qt::CaseInsensitive)
                    && !u.name.contains(search, Qt::CaseInsensitive))
                    continue;
                list.append(&u);
            }
            return paginate(c, list.size(), [&](qsizetype i) { return userJson(*list.at(i), c.user.admin); });
        }
        if (s.size() == 2 && get) {
            const EmulatorUser *u = m_store.user(s.at(1).toLongLong());
            if (!u)
                return notFound(QStringLiteral("404 User Not Found"));
            return jsonResponse(200, userJson(*u, c.user.admin));
        }
        return std::nullopt;
    }

    if (area == QLatin1String("groups")) {
        if (s.size() == 1 && method == QLatin1String("POST")) {
            const QString name = param(c, QStringLiteral("name"));
            const QString path = param(c, QStringLiteral("path"));
            if (name.isEmpty())
                return HttpResponse::message(400, QStringLiteral("400 Bad request - name is missing"));
            if (path.isEmpty())
                return HttpResponse::message(400, QStringLiteral("400 Bad request - path is missing"));
            const qint64 parentId = param(c, QStringLiteral("parent_id")).toLongLong();
            if (parentId && !m_store.group(parentId))
                return notFound(QStringLiteral("404 Group Not Found"));
            const int level = parentId ? m_store.groupAccessLevel(c.user, parentId) : (c.user.admin ? 50 : 0);
            if (level < int(AccessLevel::Maintainer))
                return HttpResponse::message(403, QStringLiteral("403 Forbidden"));
            if (!validPath(path))
                return HttpResponse::message(400, QStringLiteral("Failed to save group {:path=>[\"is invalid\"]}"));
            const EmulatorGroup *parent = m_store.group(parentId);
            const QString fullPath = parent ? parent->fullPath + QLatin1Char('/') + path : path;
            if (m_store.groupByPath(fullPath) || m_store.projectByPath(fullPath))
                return HttpResponse::message(
                    400, QStringLiteral("Failed to save group {:path=>[\"has already been taken\"]}"));
            EmulatorGroup &g = m_store.addGroup(name, path, parentId);
            g.description = param(c, QStringLiteral("description"));
            return jsonResponse(201, groupJson(g));
        }
        if (s.size() == 1 && get) {
            QList<const EmulatorGroup *> list;
            const QString search = param(c, QStringLiteral("search"));
            for (const auto &g : m_store.groups) {
                if (m_store.groupAccessLevel(c.user, g.id) < int(AccessLevel::Guest))
                    continue;
                if (!search.isEmpty() && !g.fullPath.contains(search, Qt::CaseInsensitive))
                    continue;
                list.append(&g);
            }
            return paginate(c, list.size(), [&](qsizetype i) { return groupJson(*list.at(i)); });
        }
        if (s.size() < 2)
            return std::nullopt;
        bool numeric = false;
        const qint64 id = s.at(1).toLongLong(&numeric);
        EmulatorGroup *g = numeric ? m_store.group(id) : m_store.groupByPath(s.at(1));
        if (!g || m_store.groupAccessLevel(c.user, g->id) < int(AccessLevel::Guest))
            return notFound(QStringLiteral("404 Group Not Found"));
        if (s.size() == 2 && get)
            return jsonResponse(200, groupJson(*g));
        if (s.size() == 3 && get && s.at(2) == QLatin1String("subgroups")) {
            QList<const EmulatorGroup *> list;
            for (const auto &sub : m_store.groups) {
                if (sub.parentId == g->id)
                    list.append(&sub);
            }
            return paginate(c, list.size(), [&](qsizetype i) { return groupJson(*list.at(i)); });
        }
        if (s.size() == 3 && get && s.at(2) == QLatin1String("projects")) {
            const QList<qint64> scope = boolParam(c, QStringLiteral("include_subgroups"))
                ? m_store.descendantGroups(g->id)
                : QList<qint64> { g->id };
            QList<const EmulatorProject *> list;
            const QString search = param(c, QStringLiteral("search"));
            const bool filterArchived = hasParam(c, QStringLiteral("archived"));
            const bool archived = boolParam(c, QStringLiteral("archived"));
            const QDateTime activityAfter = timeParam(c, QStringLiteral("last_activity_after"));
            for (const auto &p : m_store.projects) {
                if (!scope.contains(p.namespaceId) || m_store.accessLevel(c.user, p) < int(AccessLevel::Guest))
                    continue;
                if (filterArchived && p.archived != archived)
                    continue;
                if (!search.isEmpty() && !p.name.contains(search, Qt::CaseInsensitive)
                    && !p.path.contains(search, Qt::CaseInsensitive))
                    continue;
                if (activityAfter.isValid() && p.lastActivityAt <= activityAfter)
                    continue;
                list.append(&p);
            }
            const QString orderBy = param(c, QStringLiteral("order_by"), QStringLiteral("created_at"));
            const bool asc = param(c, QStringLiteral("sort"), QStringLiteral("desc")) == QLatin1String("asc");
            sortProjects(list, orderBy, asc);
            return paginate(c, list.size(), [&](qsizetype i) { return projectJson(*list.at(i)); });
        }
        // lib/api/members.rb `:id/members/all/:user_id`: the effective
        // membership, inherited from parent groups included.
        if (s.size() == 5 && s.at(2) == QLatin1String("members") && s.at(3) == QLatin1String("all") && get) {
            const EmulatorUser *u = m_store.user(s.at(4).toLongLong());
            // Admins without a membership are not members (404), as for projects.
            const int effective = u && !u->admin ? m_store.groupAccessLevel(*u, g->id) : 0;
            if (effective == 0)
                return notFound();
            QJsonObject o = userJson(*u);
            o.insert(QStringLiteral("access_level"), effective);
            return jsonResponse(200, o);
        }
        if (s.size() == 3 && s.at(2) == QLatin1String("members")) {
            if (get) {
                QList<const EmulatorMember *> list;
                for (const auto &m : g->members)
                    list.append(&m);
                return paginate(c, list.size(), [&](qsizetype i) {
                    const EmulatorUser *u = m_store.user(list.at(i)->userId);
                    QJsonObject o = u ? userJson(*u) : QJsonObject();
                    o.insert(QStringLiteral("access_level"), list.at(i)->accessLevel);
                    return o;
                });
            }
        }
        return std::nullopt;
    }

    if (area != QLatin1String("projects"))
        return std::nullopt;

    if (s.size() == 1 && method == QLatin1String("POST")) {
        const QString name = param(c, QStringLiteral("name"));
        QString path = param(c, QStringLiteral("path"));
        if (name.isEmpty() && path.isEmpty())
            return HttpResponse::message(
                400,
                QStringLiteral("400 Bad request - name, path are missing, at least one parameter must be provided"));
        if (path.isEmpty())
            path = name.toLower().replace(QLatin1Char(' '), QLatin1Char('-'));
        const qint64 namespaceId = param(c, QStringLiteral("namespace_id")).toLongLong();
        if (namespaceId) {
            if (!m_store.group(namespaceId))
                return notFound(QStringLiteral("404 Namespace Not Found"));
            if (m_store.groupAccessLevel(c.user, namespaceId) < int(AccessLevel::Developer))
                return HttpResponse::message(403, QStringLiteral("403 Forbidden"));
        }
        if (!validPath(path))
            return HttpResponse::message(400, QStringLiteral("Failed to save project {:path=>[\"is invalid\"]}"));
        const EmulatorGroup *ns = m_store.group(namespaceId);
        const QString fullPath = (ns ? ns->fullPath : QStringLiteral("root")) + QLatin1Char('/') + path;
        if (m_store.projectByPath(fullPath))
            return HttpResponse::message(
                400, QStringLiteral("Failed to save project {:path=>[\"has already been taken\"]}"));
        EmulatorProject &p = m_store.addProject(name.isEmpty() ? path : name, path, namespaceId);
        p.description = param(c, QStringLiteral("description"));
        p.defaultBranch = param(c, QStringLiteral("default_branch"), QStringLiteral("main"));
        p.visibility = param(c, QStringLiteral("visibility"), m_store.defaultProjectVisibility);
        static const QStringList Visibilities { QStringLiteral("private"), QStringLiteral("internal"),
                                                QStringLiteral("public") };
        if (!Visibilities.contains(p.visibility))
            p.visibility = m_store.defaultProjectVisibility;
        QString error;
        if (!EmulatorRepository::create(m_store.repositoryPath(p), p.defaultBranch, &error))
            return HttpResponse::message(500, error);
        if (!c.user.admin)
            p.members.append(EmulatorMember { c.user.id, int(AccessLevel::Maintainer), {} });
        return jsonResponse(201, projectJson(p));
    }

    if (s.size() == 1 && get) {
        const QString search = param(c, QStringLiteral("search"));
        const bool searchNamespaces = boolParam(c, QStringLiteral("search_namespaces"));
        const bool filterArchived = hasParam(c, QStringLiteral("archived"));
        const bool archived = boolParam(c, QStringLiteral("archived"));
        const QDateTime updatedAfter = timeParam(c, QStringLiteral("updated_after"));
        const QDateTime activityAfter = timeParam(c, QStringLiteral("last_activity_after"));
        const bool keyset = param(c, QStringLiteral("pagination")) == QLatin1String("keyset");
        const QString orderBy = param(c, QStringLiteral("order_by"), keyset ? QString() : QStringLiteral("created_at"));
        const bool asc = param(c, QStringLiteral("sort"), QStringLiteral("desc")) == QLatin1String("asc");
        if (keyset && orderBy != QLatin1String("id"))
            return HttpResponse::message(
                405,
                QStringLiteral(
                    "405 Method Not Allowed - Keyset pagination is not yet available for this type of request"));
        const qint64 idAfter = param(c, QStringLiteral("id_after")).toLongLong();
        const qint64 idBefore = param(c, QStringLiteral("id_before")).toLongLong();
        bool perPageOk = false;
        const qsizetype keysetPerPage = qBound(
            qsizetype(1), qsizetype(param(c, QStringLiteral("per_page"), QStringLiteral("20")).toLongLong(&perPageOk)),
            qsizetype(100));
        // Keyset ascending reads just past the cursor, like GitLab's index scan.
        const bool scanFromCursor = keyset && asc;
        QList<const EmulatorProject *> list;
        for (auto it = scanFromCursor ? m_store.projects.upperBound(idAfter) : m_store.projects.begin();
             it != m_store.projects.end(); ++it) {
            const EmulatorProject &p = it.value();
            if (scanFromCursor && list.size() > keysetPerPage)
                break;
            if (m_store.accessLevel(c.user, p) < int(AccessLevel::Guest))
                continue;
            if (filterArchived && p.archived != archived)
                continue;
            if (!search.isEmpty() && !p.name.contains(search, Qt::CaseInsensitive)
                && !p.path.contains(search, Qt::CaseInsensitive)
                && !(searchNamespaces && m_store.projectFullPath(p).contains(search, Qt::CaseInsensitive)))
                continue;
            if (updatedAfter.isValid() && p.updatedAt <= updatedAfter)
                continue;
            if (activityAfter.isValid() && p.lastActivityAt <= activityAfter)
                continue;
            if (idAfter && p.id <= idAfter)
                continue;
            if (idBefore && p.id >= idBefore)
                continue;
            list.append(&p);
        }
        sortProjects(list, orderBy, asc);
        if (!keyset)
            return paginate(c, list.size(), [&](qsizetype i) { return projectJson(*list.at(i)); });
        const qsizetype perPage = perPageOk ? keysetPerPage : 20;
        QJsonArray items;
        for (qsizetype i = 0; i < qMin(perPage, list.size()); ++i)
            items.append(projectJson(*list.at(i)));
        HttpResponse r = jsonResponse(200, items);
        if (list.size() > perPage) {
            const qint64 last = list.at(perPage - 1)->id;
            const QString key = asc ? QStringLiteral("id_after") : QStringLiteral("id_before");
            const QUrl next = linkUrl(c,
                                      { { QStringLiteral("id_after"), QString() },
                                        { QStringLiteral("id_before"), QString() },
                                        { key, QString::number(last) } });
            r.setHeader("Link", "<" + next.toEncoded() + ">; rel=\"next\"");
        }
        return r;
    }

    if (s.size() < 2)
        return std::nullopt;
    HttpResponse error;
    EmulatorProject *p = findProject(c, s.at(1), &error);
    if (!p)
        return error;
    const int level = m_store.accessLevel(c.user, *p);

    if (s.size() == 2 && get)
        return jsonResponse(200, projectJson(*p));
    if (s.size() == 3 && method == QLatin1String("POST")
        && (s.at(2) == QLatin1String("archive") || s.at(2) == QLatin1String("unarchive"))) {
        if (level < int(AccessLevel::Maintainer))
            return HttpResponse::message(403, QStringLiteral("403 Forbidden"));
        p->archived = s.at(2) == QLatin1String("archive");
        p->updatedAt = m_store.now(); // a model update, not an Event
        return jsonResponse(201, projectJson(*p));
    }
    // GET /projects/:id/members/all/:user_id: the effective membership,
    // inherited from the groups included.
    if (s.size() == 5 && s.at(2) == QLatin1String("members") && s.at(3) == QLatin1String("all") && get) {
        const EmulatorUser *u = m_store.user(s.at(4).toLongLong());
        // Memberships only: an administrator who is no member is not listed
        // (404), one who is a member is, with the membership's level.
        const int effective = u ? m_store.membershipLevel(*u, *p) : 0;
        if (!u || effective == 0)
            return notFound();
        QJsonObject o = userJson(*u);
        o.insert(QStringLiteral("access_level"), effective);
        return jsonResponse(200, o);
    }
    if (s.size() == 3 && s.at(2) == QLatin1String("members")) {
        if (get) {
            QList<const EmulatorMember *> list;
            for (const auto &m : p->members)
                list.append(&m);
            return paginate(c, list.size(), [&](qsizetype i) {
                const EmulatorUser *u = m_store.user(list.at(i)->userId);
                QJsonObject o = u ? userJson(*u) : QJsonObject();
                o.insert(QStringLiteral("access_level"), list.at(i)->accessLevel);
                o.insert(QStringLiteral("expires_at"),
                         list.at(i)->expiresAt.isEmpty() ? QJsonValue() : QJsonValue(list.at(i)->expiresAt));
                return o;
            });
        }
        if (method == QLatin1String("POST")) {
            if (level < int(AccessLevel::Maintainer))
                return HttpResponse::message(403, QStringLiteral("403 Forbidden"));
            if (!hasParam(c, QStringLiteral("user_id")))
                return HttpResponse::message(400, QStringLiteral("400 Bad request - user_id is missing"));
            if (!hasParam(c, QStringLiteral("access_level")))
                return HttpResponse::message(400, QStringLiteral("400 Bad request - access_level is missing"));
            const int accessLevel = param(c, QStringLiteral("access_level")).toInt();
            static const QList<int> Valid { 10, 20, 30, 40, 50 };
            if (!Valid.contains(accessLevel))
                return HttpResponse::message(
                    400, QStringLiteral("400 Bad request - access_level does not have a valid value"));
            const QStringList ids = param(c, QStringLiteral("user_id")).split(QLatin1Char(','));
            QJsonObject last;
            for (const QString &idText : ids) {
                const EmulatorUser *u = m_store.user(idText.trimmed().toLongLong());
                if (!u)
                    return notFound(QStringLiteral("404 User Not Found"));
                for (const auto &m : std::as_const(p->members)) {
                    if (m.userId == u->id)
                        return HttpResponse::message(409, QStringLiteral("Member already exists"));
                }
                // Member#higher_access_level_than_group (app/models/member.rb).
                const int inherited = m_store.groupAccessLevel(*u, p->namespaceId);
                if (!u->admin && inherited > accessLevel) {
                    static const QHash<int, QString> Names { { 10, QStringLiteral("Guest") },
                                                             { 20, QStringLiteral("Reporter") },
                                                             { 30, QStringLiteral("Developer") },
                                                             { 40, QStringLiteral("Maintainer") },
                                                             { 50, QStringLiteral("Owner") } };
                    QString group;
                    for (qint64 id = p->namespaceId; id;) {
                        const EmulatorGroup *g = m_store.group(id);
                        if (!g)
                            break;
                        for (const auto &m : g->members) {
                            if (m.userId == u->id && m.accessLevel == inherited && group.isEmpty())
                                group = g->fullPath;
                        }
                        id = g->parentId;
                    }
                    return jsonResponse(
                        400,
                        QJsonObject {
                            { QStringLiteral("message"),
                              QJsonObject { { QStringLiteral("access_level"),
                                              QJsonArray { QStringLiteral("should be greater than or equal to %1 "
                                                                          "inherited membership from group %2")
                                                               .arg(Names.value(inherited), group) } } } } });
                }
                p->members.append(EmulatorMember { u->id, accessLevel, param(c, QStringLiteral("expires_at")) });
                last = userJson(*u);
                last.insert(QStringLiteral("access_level"), accessLevel);
            }
            return jsonResponse(201, last);
        }
    }

    // lib/api/ci/runners.rb `:id/runners`: the project's, its groups' and the
    // instance runners (Ci::Runner.owned_or_instance_wide); Maintainer only
    // (:read_project_runners). One instance runner, online unless the
    // emulator was told there is none.
    if (s.size() == 3 && s.at(2) == QLatin1String("runners") && get) {
        if (level < int(AccessLevel::Maintainer))
            return HttpResponse::message(403, QStringLiteral("403 Forbidden"));
        const bool online = !m_runnerOnline || m_runnerOnline();
        const QString status = param(c, QStringLiteral("status"), param(c, QStringLiteral("scope")));
        const bool listed = online || (status != QLatin1String("online") && status != QLatin1String("active"));
        return paginate(c, listed ? 1 : 0, [&](qsizetype) { return runnerJson(online); });
    }

    // lib/api/project_job_token_scope.rb: the inbound allowlist of CI/CD job
    // tokens (who may clone this project from a pipeline). Maintainer only.
    if (s.value(2) == QLatin1String("job_token_scope")) {
        if (level < int(AccessLevel::Maintainer))
            return HttpResponse::message(403, QStringLiteral("403 Forbidden"));
        if (s.size() == 3 && get)
            return jsonResponse(200,
                                QJsonObject { { QStringLiteral("inbound_enabled"), true },
                                              { QStringLiteral("outbound_enabled"), false } });
        if (s.value(3) == QLatin1String("allowlist") && s.size() == 4 && get) {
            QList<const EmulatorProject *> list { p };
            for (qint64 id : std::as_const(p->jobTokenAllowlist)) {
                if (const EmulatorProject *target = m_store.project(id))
                    list.append(target);
            }
            return paginate(c, list.size(), [&](qsizetype i) { return projectJson(*list.at(i)); });
        }
        if (s.value(3) == QLatin1String("allowlist") && s.size() == 4 && method == QLatin1String("POST")) {
            if (!hasParam(c, QStringLiteral("target_project_id")))
                return HttpResponse::json(400, "{\"error\":\"target_project_id is missing\"}");
            const qint64 targetId = param(c, QStringLiteral("target_project_id")).toLongLong();
            const EmulatorProject *target = m_store.project(targetId);
            if (!target)
                return notFound(QStringLiteral("404 target_project_id not found Not Found"));
            if (target->id == p->id)
                return HttpResponse::message(
                    400, QStringLiteral("Validation failed: Target project can't be the same as the source project"));
            if (p->jobTokenAllowlist.contains(target->id))
                return HttpResponse::message(400, QStringLiteral("Target project is already in the job token scope"));
            p->jobTokenAllowlist.append(target->id);
            return jsonResponse(201,
                                QJsonObject { { QStringLiteral("source_project_id"), p->id },
                                              { QStringLiteral("target_project_id"), target->id } });
        }
        if (s.value(3) == QLatin1String("allowlist") && s.size() == 5 && method == QLatin1String("DELETE")) {
            if (!p->jobTokenAllowlist.removeOne(s.at(4).toLongLong()))
                return notFound();
            HttpResponse r;
            r.status = 204;
            return r;
        }
        return std::nullopt;
    }

    if (s.value(2) == QLatin1String("protected_branches") && (s.size() == 3 || s.size() == 4)) {
        auto branchJson = [](const EmulatorProtectedBranch &b) {
            auto levels = [](int value) {
                return QJsonArray { QJsonObject {
                    { QStringLiteral("access_level"), value },
                    { QStringLiteral("access_level_description"),
                      value >= 40 ? QStringLiteral("Maintainers") : QStringLiteral("Developers + Maintainers") } } };
            };
            return QJsonObject { { QStringLiteral("id"), b.id },
                                 { QStringLiteral("name"), b.name },
                                 { QStringLiteral("push_access_levels"), levels(b.pushAccessLevel) },
                                 { QStringLiteral("merge_access_levels"), levels(b.mergeAccessLevel) },
                                 { QStringLiteral("allow_force_push"), b.allowForcePush },
                                 { QStringLiteral("code_owner_approval_required"), false } };
        };
        if (level < int(AccessLevel::Maintainer))
            return HttpResponse::message(403, QStringLiteral("403 Forbidden"));
        if (s.size() == 3 && get) {
            return paginate(c, p->protectedBranches.size(),
                            [&](qsizetype i) { return branchJson(p->protectedBranches.at(i)); });
        }
        if (s.size() == 3 && method == QLatin1String("POST")) {
            const QString name = param(c, QStringLiteral("name"));
            if (name.isEmpty())
                return HttpResponse::json(400, "{\"error\":\"name is missing\"}");
            for (const auto &b : std::as_const(p->protectedBranches)) {
                if (b.name == name)
                    return HttpResponse::message(409, QStringLiteral("Protected branch '%1' already exists").arg(name));
            }
            EmulatorProtectedBranch b;
            b.id = m_store.nextId("protected_branch");
            b.name = name;
            if (hasParam(c, QStringLiteral("push_access_level")))
                b.pushAccessLevel = param(c, QStringLiteral("push_access_level")).toInt();
            if (hasParam(c, QStringLiteral("merge_access_level")))
                b.mergeAccessLevel = param(c, QStringLiteral("merge_access_level")).toInt();
            b.allowForcePush = boolParam(c, QStringLiteral("allow_force_push"));
            p->protectedBranches.append(b);
            return jsonResponse(201, branchJson(b));
        }
        if (s.size() == 4) {
            const QString name = s.at(3);
            const auto it = std::find_if(p->protectedBranches.begin(), p->protectedBranches.end(),
                                         [&name](const EmulatorProtectedBranch &b) { return b.name == name; });
            if (it == p->protectedBranches.end())
                return HttpResponse::message(404, QStringLiteral("404 Not found"));
            if (get)
                return jsonResponse(200, branchJson(*it));
            if (method == QLatin1String("DELETE")) {
                p->protectedBranches.erase(it);
                HttpResponse r;
                r.status = 204;
                return r;
            }
        }
    }

    if (s.value(2) == QLatin1String("repository"))
        return routeRepository(c, *p);
    if (auto r = routeCi(c, *p))
        return r;
    return std::nullopt;
}

} // namespace Dockmaster
