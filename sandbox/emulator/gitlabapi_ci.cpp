#include "sandbox/emulator/gitlabapi.h"

#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

namespace Dockmaster {

namespace {

HttpResponse jsonReply(int status, const QJsonValue &value)
{
    const QByteArray body = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                            : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    return HttpResponse::json(status, body);
}

HttpResponse fieldError(const QString &field, const QString &text)
{
    const QJsonObject body { { QStringLiteral("message"), QJsonObject { { field, QJsonArray { text } } } } };
    return HttpResponse::json(400, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

double seconds(const QDateTime &from, const QDateTime &to)
{
    return (from.isValid() && to.isValid()) ? double(from.msecsTo(to)) / 1000.0 : 0.0;
}

} // namespace

QJsonObject GitLabApi::pipelineJson(const EmulatorPipeline &p, bool detailed) const
{
    const auto project = m_store.projects.constFind(p.projectId);
    const QString fullPath = project != m_store.projects.cend() ? m_store.projectFullPath(*project) : QString();
    QJsonObject o {
        { QStringLiteral("id"), p.id },
        { QStringLiteral("iid"), p.iid },
        { QStringLiteral("project_id"), p.projectId },
        { QStringLiteral("sha"), p.sha },
        { QStringLiteral("ref"), p.ref },
        { QStringLiteral("status"), p.status },
        { QStringLiteral("source"), p.source },
        { QStringLiteral("created_at"), time(p.createdAt) },
        { QStringLiteral("updated_at"), time(p.updatedAt) },
        { QStringLiteral("web_url"),
          QString(webUrl(fullPath) + QStringLiteral("/-/pipelines/") + QString::number(p.id)) },
    };
    if (detailed) {
        const EmulatorUser *user = m_store.user(p.userId);
        o.insert(QStringLiteral("before_sha"), p.beforeSha);
        o.insert(QStringLiteral("tag"), false);
        o.insert(QStringLiteral("user"), user ? QJsonValue(userJson(*user)) : QJsonValue());
        o.insert(QStringLiteral("started_at"), time(p.startedAt));
        o.insert(QStringLiteral("finished_at"), time(p.finishedAt));
        o.insert(QStringLiteral("committed_at"), QJsonValue());
        o.insert(QStringLiteral("duration"),
                 p.finishedAt.isValid() ? QJsonValue(qRound(seconds(p.startedAt, p.finishedAt))) : QJsonValue());
        o.insert(QStringLiteral("queued_duration"), seconds(p.createdAt, p.startedAt));
        o.insert(QStringLiteral("coverage"), QJsonValue());
        o.insert(QStringLiteral("detailed_status"),
                 QJsonObject { { QStringLiteral("icon"), QString(QStringLiteral("status_") + p.status) },
                               { QStringLiteral("text"), p.status },
                               { QStringLiteral("label"), p.status },
                               { QStringLiteral("group"), p.status } });
    }
    return o;
}

QJsonObject GitLabApi::jobJson(const EmulatorJob &job) const
{
    const EmulatorPipeline &pipeline = m_store.pipelines.value(job.pipelineId);
    const EmulatorUser *user = m_store.user(job.userId);
    const auto project = m_store.projects.constFind(job.projectId);
    const QString fullPath = project != m_store.projects.cend() ? m_store.projectFullPath(*project) : QString();
    return QJsonObject {
        { QStringLiteral("id"), job.id },
        { QStringLiteral("status"), job.status },
        { QStringLiteral("stage"), job.stage },
        { QStringLiteral("name"), job.name },
        { QStringLiteral("ref"), pipeline.ref },
        { QStringLiteral("tag"), false },
        { QStringLiteral("allow_failure"), false },
        { QStringLiteral("created_at"), time(job.createdAt) },
        { QStringLiteral("started_at"), time(job.startedAt) },
        { QStringLiteral("finished_at"), time(job.finishedAt) },
        { QStringLiteral("duration"),
          job.startedAt.isValid()
              ? QJsonValue(
                    seconds(job.startedAt, job.finishedAt.isValid() ? job.finishedAt : QDateTime::currentDateTimeUtc()))
              : QJsonValue() },
        { QStringLiteral("user"), user ? QJsonValue(userJson(*user)) : QJsonValue() },
        { QStringLiteral("commit"),
          QJsonObject { { QStringLiteral("id"), pipeline.sha },
                        { QStringLiteral("short_id"), pipeline.sha.left(8) } } },
        { QStringLiteral("pipeline"), pipelineJson(pipeline, false) },
        { QStringLiteral("environment"),
          job.environment.isEmpty()
              ? QJsonValue()
              : QJsonValue(QJsonObject { { QStringLiteral("name"), job.environment },
                                         { QStringLiteral("action"), QStringLiteral("start") } }) },
        { QStringLiteral("web_url"), QString(webUrl(fullPath) + QStringLiteral("/-/jobs/") + QString::number(job.id)) },
    };
}

QJsonObject GitLabApi::environmentJson(const EmulatorEnvironment &e) const
{
    return QJsonObject {
        { QStringLiteral("id"), e.id },
        { QStringLiteral("name"), e.name },
        { QStringLiteral("slug"), QString(e.name).replace(QLatin1Char('/'), QLatin1Char('-')) },
        { QStringLiteral("external_url"), e.externalUrl.isEmpty() ? QJsonValue() : QJsonValue(e.externalUrl) },
        { QStringLiteral("state"), e.state },
        { QStringLiteral("tier"),
          e.name == QLatin1String("production") ? QStringLiteral("production") : QStringLiteral("testing") },
        { QStringLiteral("created_at"), time(e.createdAt) },
        { QStringLiteral("updated_at"), time(e.updatedAt) },
    };
}

QJsonObject GitLabApi::deploymentJson(const EmulatorDeployment &d) const
{
    const EmulatorUser *user = m_store.user(d.userId);
    QJsonObject environment;
    if (const auto p = m_store.projects.constFind(d.projectId); p != m_store.projects.cend()) {
        for (const auto &e : p->environments) {
            if (e.id == d.environmentId)
                environment = environmentJson(e);
        }
    }
    const auto job = m_store.jobs.constFind(d.jobId);
    return QJsonObject {
        { QStringLiteral("id"), d.id },
        { QStringLiteral("iid"), d.iid },
        { QStringLiteral("ref"), d.ref },
        { QStringLiteral("sha"), d.sha },
        { QStringLiteral("status"), d.status },
        { QStringLiteral("created_at"), time(d.createdAt) },
        { QStringLiteral("updated_at"), time(d.updatedAt) },
        { QStringLiteral("user"), user ? QJsonValue(userJson(*user)) : QJsonValue() },
        { QStringLiteral("environment"), environment },
        { QStringLiteral("deployable"), job != m_store.jobs.cend() ? QJsonValue(jobJson(*job)) : QJsonValue() },
    };
}

QJsonObject GitLabApi::variableJson(const EmulatorVariable &v) const
{
    return QJsonObject {
        { QStringLiteral("key"), v.key },
        { QStringLiteral("value"), v.value },
        { QStringLiteral("variable_type"), v.variableType },
        { QStringLiteral("protected"), v.isProtected },
        { QStringLiteral("masked"), v.masked },
        { QStringLiteral("hidden"), false },
        { QStringLiteral("raw"), v.raw },
        { QStringLiteral("environment_scope"), v.environmentScope },
        { QStringLiteral("description"), v.description.isEmpty() ? QJsonValue() : QJsonValue(v.description) },
    };
}

std::optional<HttpResponse> GitLabApi::routeCi(Context &c, EmulatorProject &project)
{
    const QString method = QString::fromLatin1(c.request.method);
    const bool get = method == QLatin1String("GET") || method == QLatin1String("HEAD");
    const QStringList &s = c.segments; // projects, :id, area, ...
    const QString area = s.value(2);
    const int level = m_store.accessLevel(c.user, project);
    auto forbidden = [] {
        return HttpResponse::message(403, QStringLiteral("403 Forbidden"));
    };

    if (area == QLatin1String("pipeline") && s.size() == 3 && method == QLatin1String("POST")) {
        if (level < int(AccessLevel::Developer))
            return forbidden();
        const QString ref = param(c, QStringLiteral("ref"));
        if (ref.isEmpty())
            return HttpResponse::json(400, "{\"error\":\"ref is missing\"}");
        EmulatorRepository repo(m_store.repositoryPath(project));
        const QString sha = repo.resolve(QStringLiteral("refs/heads/") + ref);
        if (sha.isEmpty())
            return fieldError(QStringLiteral("base"), QStringLiteral("Reference not found"));
        const qint64 id = notifyBranchMoved(project, ref, {}, sha, c.user.id);
        if (!id)
            return fieldError(QStringLiteral("base"), QStringLiteral("No stages / jobs for this pipeline."));
        return jsonReply(201, pipelineJson(m_store.pipelines.value(id), true));
    }

    if (area == QLatin1String("pipelines")) {
        if (level < int(AccessLevel::Reporter))
            return forbidden();
        if (s.size() == 3 && get) {
            const QString ref = param(c, QStringLiteral("ref"));
            const QString sha = param(c, QStringLiteral("sha"));
            const QString status = param(c, QStringLiteral("status"));
            const QDateTime updatedAfter = timeParam(c, QStringLiteral("updated_after"));
            const QDateTime updatedBefore = timeParam(c, QStringLiteral("updated_before"));
            QList<const EmulatorPipeline *> list;
            for (const auto &p : m_store.pipelines) {
                if (p.projectId != project.id)
                    continue;
                if ((!ref.isEmpty() && p.ref != ref) || (!sha.isEmpty() && p.sha != sha)
                    || (!status.isEmpty() && p.status != status))
                    continue;
                if (updatedAfter.isValid() && p.updatedAt <= updatedAfter)
                    continue;
                if (updatedBefore.isValid() && p.updatedAt >= updatedBefore)
                    continue;
                list.append(&p);
            }
            const QString orderBy = param(c, QStringLiteral("order_by"), QStringLiteral("id"));
            const bool asc = param(c, QStringLiteral("sort"), QStringLiteral("desc")) == QLatin1String("asc");
            std::stable_sort(list.begin(), list.end(), [&](const EmulatorPipeline *a, const EmulatorPipeline *b) {
                if (orderBy == QLatin1String("updated_at") && a->updatedAt != b->updatedAt)
                    return asc ? a->updatedAt < b->updatedAt : a->updatedAt > b->updatedAt;
                return asc ? a->id < b->id : a->id > b->id;
            });
            return paginate(c, list.size(), [&](qsizetype i) { return pipelineJson(*list.at(i), false); });
        }
        if (s.size() == 4 && get && s.at(3) == QLatin1String("latest")) {
            const QString ref = param(c, QStringLiteral("ref"), project.defaultBranch);
            const EmulatorPipeline *latest = nullptr;
            for (const auto &p : m_store.pipelines) {
                if (p.projectId == project.id && p.ref == ref && (!latest || p.id > latest->id))
                    latest = &p;
            }
            if (!latest)
                return HttpResponse::message(404, QStringLiteral("404 Not found"));
            return jsonReply(200, pipelineJson(*latest, true));
        }
        if (s.size() < 4)
            return std::nullopt;
        const auto it = m_store.pipelines.constFind(s.at(3).toLongLong());
        if (it == m_store.pipelines.cend() || it->projectId != project.id)
            return HttpResponse::message(404, QStringLiteral("404 Not found"));
        if (s.size() == 4 && get)
            return jsonReply(200, pipelineJson(*it, true));
        if (s.size() == 5 && get && s.at(4) == QLatin1String("jobs")) {
            const QStringList scopes = param(c, QStringLiteral("scope[]"), param(c, QStringLiteral("scope")))
                                           .split(QLatin1Char(','), Qt::SkipEmptyParts);
            QList<const EmulatorJob *> jobs;
            for (qint64 jobId : it->jobIds) {
                const auto job = m_store.jobs.constFind(jobId);
                if (job != m_store.jobs.cend() && (scopes.isEmpty() || scopes.contains(job->status)))
                    jobs.append(&job.value());
            }
            return paginate(c, jobs.size(), [&](qsizetype i) { return jobJson(*jobs.at(i)); });
        }
        return std::nullopt;
    }

    if (area == QLatin1String("jobs") && s.size() >= 4) {
        if (level < int(AccessLevel::Reporter))
            return forbidden();
        const auto job = m_store.jobs.constFind(s.at(3).toLongLong());
        if (job == m_store.jobs.cend() || job->projectId != project.id)
            return HttpResponse::message(404, QStringLiteral("404 Not found"));
        if (s.size() == 4 && get)
            return jsonReply(200, jobJson(*job));
        if (s.size() == 5 && get && s.at(4) == QLatin1String("trace")) {
            HttpResponse r = HttpResponse::text(200, job->trace);
            r.setHeader("Content-Disposition", "infile; filename=\"" + QByteArray::number(job->id) + ".log\"");
            return r;
        }
        return std::nullopt;
    }

    if (area == QLatin1String("deployments")) {
        if (level < int(AccessLevel::Reporter))
            return forbidden();
        if (s.size() == 3 && get) {
            const QString environment = param(c, QStringLiteral("environment"));
            const QString status = param(c, QStringLiteral("status"));
            const QDateTime updatedAfter = timeParam(c, QStringLiteral("updated_after"));
            const QDateTime updatedBefore = timeParam(c, QStringLiteral("updated_before"));
            static const QStringList Statuses { QStringLiteral("created"),  QStringLiteral("running"),
                                                QStringLiteral("success"),  QStringLiteral("failed"),
                                                QStringLiteral("canceled"), QStringLiteral("blocked") };
            if (!status.isEmpty() && !Statuses.contains(status))
                return HttpResponse::json(400, "{\"error\":\"status does not have a valid value\"}");
            QHash<qint64, QString> environmentNames;
            for (const auto &e : std::as_const(project.environments))
                environmentNames.insert(e.id, e.name);
            QList<const EmulatorDeployment *> list;
            for (const auto &d : m_store.deployments) {
                if (d.projectId != project.id)
                    continue;
                if (!environment.isEmpty() && environmentNames.value(d.environmentId) != environment)
                    continue;
                if (!status.isEmpty() && d.status != status)
                    continue;
                if (updatedAfter.isValid() && d.updatedAt <= updatedAfter)
                    continue;
                if (updatedBefore.isValid() && d.updatedAt >= updatedBefore)
                    continue;
                list.append(&d);
            }
            const QString orderBy = param(c, QStringLiteral("order_by"), QStringLiteral("id"));
            const bool asc = param(c, QStringLiteral("sort"), QStringLiteral("asc")) == QLatin1String("asc");
            std::stable_sort(list.begin(), list.end(), [&](const EmulatorDeployment *a, const EmulatorDeployment *b) {
                if (orderBy == QLatin1String("updated_at") && a->updatedAt != b->updatedAt)
                    return asc ? a->updatedAt < b->updatedAt : a->updatedAt > b->updatedAt;
                if (orderBy == QLatin1String("created_at") && a->createdAt != b->createdAt)
                    return asc ? a->createdAt < b->createdAt : a->createdAt > b->createdAt;
                if (orderBy == QLatin1String("ref") && a->ref != b->ref)
                    return asc ? a->ref < b->ref : a->ref > b->ref;
                return asc ? a->id < b->id : a->id > b->id;
            });
            return paginate(c, list.size(), [&](qsizetype i) { return deploymentJson(*list.at(i)); });
        }
        if (s.size() == 4 && get) {
            const auto d = m_store.deployments.constFind(s.at(3).toLongLong());
            if (d == m_store.deployments.cend() || d->projectId != project.id)
                return HttpResponse::message(404, QStringLiteral("404 Not found"));
            return jsonReply(200, deploymentJson(*d));
        }
        return std::nullopt;
    }

    if (area == QLatin1String("environments")) {
        if (level < int(AccessLevel::Reporter))
            return forbidden();
        if (s.size() == 3 && get) {
            const QString name = param(c, QStringLiteral("name"));
            const QString search = param(c, QStringLiteral("search"));
            const QString states = param(c, QStringLiteral("states"));
            QList<const EmulatorEnvironment *> list;
            for (const auto &e : project.environments) {
                if ((!name.isEmpty() && e.name != name) || (!search.isEmpty() && !e.name.contains(search))
                    || (!states.isEmpty() && e.state != states))
                    continue;
                list.append(&e);
            }
            return paginate(c, list.size(), [&](qsizetype i) { return environmentJson(*list.at(i)); });
        }
        if (s.size() == 4 && get) {
            for (const auto &e : std::as_const(project.environments)) {
                if (e.id == s.at(3).toLongLong()) {
                    QJsonObject o = environmentJson(e);
                    const EmulatorDeployment *last = nullptr;
                    for (const auto &d : m_store.deployments) {
                        if (d.environmentId == e.id && d.status == QLatin1String("success")
                            && (!last || d.id > last->id))
                            last = &d;
                    }
                    o.insert(QStringLiteral("last_deployment"),
                             last ? QJsonValue(deploymentJson(*last)) : QJsonValue());
                    return jsonReply(200, o);
                }
            }
            return HttpResponse::message(404, QStringLiteral("404 Not found"));
        }
        return std::nullopt;
    }

    if (area == QLatin1String("variables")) {
        if (level < int(AccessLevel::Maintainer))
            return forbidden();
        const QString scopeFilter = param(c, QStringLiteral("filter[environment_scope]"));
        auto find = [&](const QString &key) -> EmulatorVariable * {
            for (auto &v : project.variables) {
                if (v.key == key && (scopeFilter.isEmpty() || v.environmentScope == scopeFilter))
                    return &v;
            }
            return nullptr;
        };
        auto validate = [&](EmulatorVariable &v) -> std::optional<HttpResponse> {
            static const QRegularExpression KeyPattern(QStringLiteral("^[A-Za-z0-9_]{1,255}$"));
            if (!KeyPattern.match(v.key).hasMatch())
                return fieldError(QStringLiteral("key"), QStringLiteral("can contain only letters, digits and '_'."));
            if (v.variableType != QLatin1String("env_var") && v.variableType != QLatin1String("file"))
                return HttpResponse::json(400, "{\"error\":\"variable_type does not have a valid value\"}");
            // Ci::Maskable: REGEX for expanded values, MASK_AND_RAW_REGEX (\A\S{8,}\z) for raw ones.
            static const QRegularExpression Maskable(QStringLiteral("^[A-Za-z0-9_+=/@:.~\\-]{8,}$"));
            static const QRegularExpression MaskableRaw(QStringLiteral("^\\S{8,}$"));
            if (v.masked && !(v.raw ? MaskableRaw : Maskable).match(v.value).hasMatch())
                return fieldError(QStringLiteral("value"), QStringLiteral("is invalid"));
            return std::nullopt;
        };
        auto apply = [&](EmulatorVariable &v) {
            if (hasParam(c, QStringLiteral("value")))
                v.value = param(c, QStringLiteral("value"));
            if (hasParam(c, QStringLiteral("variable_type")))
                v.variableType = param(c, QStringLiteral("variable_type"));
            if (hasParam(c, QStringLiteral("protected")))
                v.isProtected = boolParam(c, QStringLiteral("protected"));
            if (hasParam(c, QStringLiteral("masked")))
                v.masked = boolParam(c, QStringLiteral("masked"));
            if (hasParam(c, QStringLiteral("masked_and_hidden")) && boolParam(c, QStringLiteral("masked_and_hidden")))
                v.masked = true;
            if (hasParam(c, QStringLiteral("raw")))
                v.raw = boolParam(c, QStringLiteral("raw"));
            if (hasParam(c, QStringLiteral("environment_scope")))
                v.environmentScope = param(c, QStringLiteral("environment_scope"));
            if (hasParam(c, QStringLiteral("description")))
                v.description = param(c, QStringLiteral("description"));
        };
        if (s.size() == 3 && get) {
            const QList<EmulatorVariable> vars = project.variables;
            return paginate(c, vars.size(), [&](qsizetype i) { return variableJson(vars.at(i)); });
        }
        if (s.size() == 3 && method == QLatin1String("POST")) {
            EmulatorVariable v;
            v.key = param(c, QStringLiteral("key"));
            if (v.key.isEmpty())
                return HttpResponse::json(400, "{\"error\":\"key is missing\"}");
            if (!hasParam(c, QStringLiteral("value")))
                return HttpResponse::json(400, "{\"error\":\"value is missing\"}");
            apply(v);
            if (auto invalid = validate(v))
                return invalid;
            for (const auto &existing : std::as_const(project.variables)) {
                if (existing.key == v.key && existing.environmentScope == v.environmentScope)
                    return fieldError(QStringLiteral("key"), QStringLiteral("(%1) has already been taken").arg(v.key));
            }
            project.variables.append(v);
            return jsonReply(201, variableJson(v));
        }
        if (s.size() != 4)
            return std::nullopt;
        // lib/api/helpers/variables_helpers.rb: an ambiguous key needs the filter.
        if (scopeFilter.isEmpty()
            && std::count_if(project.variables.cbegin(), project.variables.cend(),
                             [&](const EmulatorVariable &each) { return each.key == s.at(3); })
                > 1)
            return HttpResponse::message(409,
                                         QStringLiteral("There are multiple variables with provided parameters. "
                                                        "Please use 'filter[environment_scope]'"));
        EmulatorVariable *v = find(s.at(3));
        if (!v)
            return HttpResponse::message(404, QStringLiteral("404 Variable Not Found"));
        if (get)
            return jsonReply(200, variableJson(*v));
        if (method == QLatin1String("PUT")) {
            EmulatorVariable updated = *v;
            apply(updated);
            updated.key = v->key;
            if (auto invalid = validate(updated))
                return invalid;
            *v = updated;
            return jsonReply(200, variableJson(*v));
        }
        if (method == QLatin1String("DELETE")) {
            const QString key = v->key;
            const QString scope = v->environmentScope;
            project.variables.removeIf(
                [&](const EmulatorVariable &x) { return x.key == key && x.environmentScope == scope; });
            HttpResponse r;
            r.status = 204;
            return r;
        }
        return std::nullopt;
    }
    return std::nullopt;
}

} // namespace Dockmaster
