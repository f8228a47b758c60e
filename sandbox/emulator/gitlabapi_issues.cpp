#include "sandbox/emulator/gitlabapi.h"

#include <QJsonDocument>

#include <algorithm>

namespace Dockmaster {

namespace {

HttpResponse jsonReply(int status, const QJsonValue &value)
{
    const QByteArray body = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                            : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    return HttpResponse::json(status, body);
}

QStringList splitLabels(const QString &text)
{
    QStringList labels;
    for (const QString &l : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString trimmed = l.trimmed();
        if (!trimmed.isEmpty() && !labels.contains(trimmed))
            labels.append(trimmed);
    }
    return labels;
}

} // namespace

QJsonObject GitLabApi::issueJson(const EmulatorIssue &issue) const
{
    const EmulatorUser *author = m_store.user(issue.authorId);
    const auto projectIt = m_store.projects.constFind(issue.projectId);
    const QString fullPath = projectIt != m_store.projects.cend() ? m_store.projectFullPath(*projectIt) : QString();
    QJsonArray labels;
    QStringList sorted = issue.labels;
    std::sort(sorted.begin(), sorted.end());
    for (const QString &l : std::as_const(sorted))
        labels.append(l);
    int userNotes = 0;
    for (const auto &n : issue.notes)
        userNotes += n.system ? 0 : 1;
    return QJsonObject {
        { QStringLiteral("id"), issue.id },
        { QStringLiteral("iid"), issue.iid },
        { QStringLiteral("project_id"), issue.projectId },
        { QStringLiteral("title"), issue.title },
        { QStringLiteral("description"), issue.description },
        { QStringLiteral("state"), issue.state },
        { QStringLiteral("created_at"), time(issue.createdAt) },
        { QStringLiteral("updated_at"), time(issue.updatedAt) },
        { QStringLiteral("closed_at"), time(issue.closedAt) },
        { QStringLiteral("closed_by"), QJsonValue() },
        { QStringLiteral("labels"), labels },
        { QStringLiteral("milestone"), QJsonValue() },
        { QStringLiteral("assignees"), QJsonArray() },
        { QStringLiteral("assignee"), QJsonValue() },
        { QStringLiteral("author"), author ? userJson(*author) : QJsonObject() },
        { QStringLiteral("type"), QStringLiteral("ISSUE") },
        { QStringLiteral("user_notes_count"), userNotes },
        { QStringLiteral("upvotes"), 0 },
        { QStringLiteral("downvotes"), 0 },
        { QStringLiteral("due_date"), QJsonValue() },
        { QStringLiteral("confidential"), false },
        { QStringLiteral("web_url"),
          QString(webUrl(fullPath) + QStringLiteral("/-/issues/") + QString::number(issue.iid)) },
        { QStringLiteral("references"),
          QJsonObject {
              { QStringLiteral("short"), QString(QLatin1Char('#') + QString::number(issue.iid)) },
              { QStringLiteral("relative"), QString(QLatin1Char('#') + QString::number(issue.iid)) },
              { QStringLiteral("full"), QString(fullPath + QLatin1Char('#') + QString::number(issue.iid)) } } },
    };
}

QJsonObject GitLabApi::noteJson(const EmulatorNote &note) const
{
    const EmulatorUser *author = m_store.user(note.authorId);
    return QJsonObject {
        { QStringLiteral("id"), note.id },
        { QStringLiteral("type"), QJsonValue() },
        { QStringLiteral("body"), note.body },
        { QStringLiteral("author"), author ? userJson(*author) : QJsonObject() },
        { QStringLiteral("created_at"), time(note.createdAt) },
        { QStringLiteral("updated_at"), time(note.updatedAt) },
        { QStringLiteral("system"), note.system },
        { QStringLiteral("noteable_type"), QStringLiteral("Issue") },
        { QStringLiteral("internal"), note.internal },
        { QStringLiteral("confidential"), note.internal },
    };
}

std::optional<HttpResponse> GitLabApi::routeIssues(Context &c)
{
    const QString method = QString::fromLatin1(c.request.method);
    const bool get = method == QLatin1String("GET") || method == QLatin1String("HEAD");
    const QStringList &s = c.segments;

    // Shared filter for both list endpoints.
    auto list = [&](const QList<qint64> &projectIds, const QString &defaultScope) {
        const QString scope = param(c, QStringLiteral("scope"), defaultScope);
        const QString state = param(c, QStringLiteral("state"), QStringLiteral("all"));
        const QString labelsText = param(c, QStringLiteral("labels"));
        const QStringList labels = splitLabels(labelsText);
        const QDateTime updatedAfter = timeParam(c, QStringLiteral("updated_after"));
        const QDateTime updatedBefore = timeParam(c, QStringLiteral("updated_before"));
        const QDateTime createdAfter = timeParam(c, QStringLiteral("created_after"));
        const QString search = param(c, QStringLiteral("search"));
        const QString authorName = param(c, QStringLiteral("author_username"));
        QList<qint64> iids;
        for (const QString &iid : param(c, QStringLiteral("iids[]")).split(QLatin1Char(','), Qt::SkipEmptyParts))
            iids.append(iid.toLongLong());
        QList<const EmulatorIssue *> result;
        for (const auto &issue : m_store.issues) {
            if (!projectIds.isEmpty() && !projectIds.contains(issue.projectId))
                continue;
            const auto p = m_store.projects.constFind(issue.projectId);
            if (p == m_store.projects.cend() || m_store.accessLevel(c.user, *p) < int(AccessLevel::Guest))
                continue;
            if (scope == QLatin1String("created_by_me") && issue.authorId != c.user.id)
                continue;
            if (scope == QLatin1String("assigned_to_me"))
                continue;
            if (state != QLatin1String("all") && issue.state != state)
                continue;
            if (labelsText == QLatin1String("None")) {
                if (!issue.labels.isEmpty())
                    continue;
            } else if (labelsText == QLatin1String("Any")) {
                if (issue.labels.isEmpty())
                    continue;
            } else if (!std::all_of(labels.cbegin(), labels.cend(),
                                    [&](const QString &l) { return issue.labels.contains(l); })) {
                continue;
            }
            if (updatedAfter.isValid() && issue.updatedAt < updatedAfter)
                continue;
            if (updatedBefore.isValid() && issue.updatedAt > updatedBefore)
                continue;
            if (createdAfter.isValid() && issue.createdAt < createdAfter)
                continue;
            if (!search.isEmpty() && !issue.title.contains(search, Qt::CaseInsensitive)
                && !issue.description.contains(search, Qt::CaseInsensitive))
                continue;
            if (!authorName.isEmpty()) {
                const EmulatorUser *author = m_store.user(issue.authorId);
                if (!author || author->username != authorName)
                    continue;
            }
            if (!iids.isEmpty() && !iids.contains(issue.iid))
                continue;
            result.append(&issue);
        }
        const QString orderBy = param(c, QStringLiteral("order_by"), QStringLiteral("created_at"));
        const bool asc = param(c, QStringLiteral("sort"), QStringLiteral("desc")) == QLatin1String("asc");
        std::stable_sort(result.begin(), result.end(), [&](const EmulatorIssue *a, const EmulatorIssue *b) {
            if (orderBy == QLatin1String("updated_at")) {
                if (a->updatedAt != b->updatedAt)
                    return asc ? a->updatedAt < b->updatedAt : a->updatedAt > b->updatedAt;
            }
            return asc ? a->id < b->id : a->id > b->id;
        });
        return paginate(c, result.size(), [&](qsizetype i) { return issueJson(*result.at(i)); });
    };

    if (s.value(0) == QLatin1String("issues")) {
        if (s.size() == 1 && get)
            return list({}, QStringLiteral("created_by_me"));
        return std::nullopt;
    }
    // GET /groups/:id/issues: the group and its subgroups (scope defaults to all).
    if (s.value(0) == QLatin1String("groups") && s.size() == 3 && s.at(2) == QLatin1String("issues") && get) {
        bool numeric = false;
        const qint64 id = s.at(1).toLongLong(&numeric);
        const EmulatorGroup *group = numeric ? m_store.group(id) : m_store.groupByPath(s.at(1));
        if (!group)
            return HttpResponse::message(404, QStringLiteral("404 Group Not Found"));
        const QList<qint64> groups = m_store.descendantGroups(group->id);
        QList<qint64> ids { -1 }; // never empty: an empty list means every project
        for (const EmulatorProject &p : std::as_const(m_store.projects)) {
            if (groups.contains(p.namespaceId))
                ids.append(p.id);
        }
        return list(ids, QStringLiteral("all"));
    }
    if (s.value(0) != QLatin1String("projects") || s.size() < 3)
        return std::nullopt;
    HttpResponse error;
    EmulatorProject *project = findProject(c, s.at(1), &error);
    if (!project)
        return error;
    const int level = m_store.accessLevel(c.user, *project);

    if (s.at(2) == QLatin1String("labels")) {
        if (s.size() == 3 && get) {
            const QList<EmulatorLabel> labels = project->labels;
            return paginate(c, labels.size(), [&](qsizetype i) {
                return QJsonObject { { QStringLiteral("id"), labels.at(i).id },
                                     { QStringLiteral("name"), labels.at(i).name },
                                     { QStringLiteral("color"), labels.at(i).color },
                                     { QStringLiteral("description"), labels.at(i).description } };
            });
        }
        if (s.size() == 3 && method == QLatin1String("POST")) {
            if (level < int(AccessLevel::Reporter))
                return HttpResponse::message(403, QStringLiteral("403 Forbidden"));
            const QString name = param(c, QStringLiteral("name"));
            if (name.isEmpty())
                return HttpResponse::json(400, "{\"error\":\"name is missing\"}");
            for (const auto &l : std::as_const(project->labels)) {
                if (l.name == name)
                    return HttpResponse::message(409, QStringLiteral("Label already exists"));
            }
            EmulatorLabel label;
            label.id = m_store.nextId("label");
            label.name = name;
            label.color = param(c, QStringLiteral("color"), label.color);
            label.description = param(c, QStringLiteral("description"));
            project->labels.append(label);
            return jsonReply(201,
                             QJsonObject { { QStringLiteral("id"), label.id },
                                           { QStringLiteral("name"), label.name },
                                           { QStringLiteral("color"), label.color },
                                           { QStringLiteral("description"), label.description } });
        }
        return std::nullopt;
    }

    if (s.at(2) != QLatin1String("issues"))
        return std::nullopt;
    if (s.size() == 3 && get)
        return list({ project->id }, QStringLiteral("all"));
    if (s.size() == 3 && method == QLatin1String("POST")) {
        const QString title = param(c, QStringLiteral("title"));
        if (title.isEmpty())
            return HttpResponse::json(400, "{\"error\":\"title is missing\"}");
        EmulatorIssue &issue = m_store.addIssue(project->id, c.user.id, title, param(c, QStringLiteral("description")),
                                                splitLabels(param(c, QStringLiteral("labels"))));
        touch(*project);
        return jsonReply(201, issueJson(issue));
    }
    if (s.size() < 4)
        return std::nullopt;
    EmulatorIssue *issue = m_store.issue(project->id, s.at(3).toLongLong());
    if (!issue)
        return HttpResponse::message(404, QStringLiteral("404 Issue Not Found"));
    if (s.size() == 4 && get)
        return jsonReply(200, issueJson(*issue));
    if (s.size() == 4 && method == QLatin1String("PUT")) {
        if (level < int(AccessLevel::Reporter) && issue->authorId != c.user.id)
            return HttpResponse::message(403, QStringLiteral("403 Forbidden"));
        bool changed = false;
        if (hasParam(c, QStringLiteral("title"))) {
            issue->title = param(c, QStringLiteral("title"));
            changed = true;
        }
        if (hasParam(c, QStringLiteral("description"))) {
            issue->description = param(c, QStringLiteral("description"));
            changed = true;
        }
        QStringList labels = issue->labels;
        if (hasParam(c, QStringLiteral("labels")))
            labels = splitLabels(param(c, QStringLiteral("labels")));
        for (const QString &l : splitLabels(param(c, QStringLiteral("add_labels")))) {
            if (!labels.contains(l))
                labels.append(l);
        }
        for (const QString &l : splitLabels(param(c, QStringLiteral("remove_labels"))))
            labels.removeAll(l);
        if (labels != issue->labels) {
            issue->labels = labels;
            m_store.ensureLabels(*project, labels);
            changed = true;
        }
        const QString stateEvent = param(c, QStringLiteral("state_event"));
        if (stateEvent == QLatin1String("close") && issue->state != QLatin1String("closed")) {
            issue->state = QStringLiteral("closed");
            issue->closedAt = m_store.now();
            changed = true;
        } else if (stateEvent == QLatin1String("reopen") && issue->state != QLatin1String("opened")) {
            issue->state = QStringLiteral("opened");
            issue->closedAt = QDateTime();
            changed = true;
        } else if (!stateEvent.isEmpty() && stateEvent != QLatin1String("close")
                   && stateEvent != QLatin1String("reopen")) {
            return HttpResponse::json(400, "{\"error\":\"state_event does not have a valid value\"}");
        }
        if (changed) {
            issue->updatedAt = m_store.now();
            touch(*project);
        }
        return jsonReply(200, issueJson(*issue));
    }
    if (s.size() == 5 && s.at(4) == QLatin1String("notes")) {
        if (get) {
            QList<const EmulatorNote *> notes;
            for (const auto &n : issue->notes)
                notes.append(&n);
            const bool asc = param(c, QStringLiteral("sort"), QStringLiteral("desc")) == QLatin1String("asc");
            if (!asc)
                std::reverse(notes.begin(), notes.end());
            return paginate(c, notes.size(), [&](qsizetype i) {
                QJsonObject o = noteJson(*notes.at(i));
                o.insert(QStringLiteral("noteable_id"), issue->id);
                o.insert(QStringLiteral("noteable_iid"), issue->iid);
                o.insert(QStringLiteral("project_id"), issue->projectId);
                return o;
            });
        }
        if (method == QLatin1String("POST")) {
            const QString body = param(c, QStringLiteral("body"));
            if (body.isEmpty())
                return HttpResponse::json(400, "{\"error\":\"body is missing\"}");
            if (body.size() > 1000000)
                return HttpResponse::message(400, QStringLiteral("Note is too long (maximum is 1000000 characters)"));
            EmulatorNote note;
            note.id = m_store.nextId("note");
            note.body = body;
            note.authorId = c.user.id;
            note.internal = boolParam(c, QStringLiteral("internal"));
            note.createdAt = m_store.now();
            note.updatedAt = note.createdAt;
            issue->notes.append(note);
            issue->updatedAt = note.createdAt;
            touch(*project);
            QJsonObject o = noteJson(note);
            o.insert(QStringLiteral("noteable_id"), issue->id);
            o.insert(QStringLiteral("noteable_iid"), issue->iid);
            o.insert(QStringLiteral("project_id"), issue->projectId);
            return jsonReply(201, o);
        }
    }
    return std::nullopt;
}

} // namespace Dockmaster
