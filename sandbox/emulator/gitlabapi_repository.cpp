#include "sandbox/emulator/gitlabapi.h"

#include <QCryptographicHash>
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

HttpResponse missing(const QString &name)
{
    return HttpResponse::json(
        400,
        QJsonDocument(QJsonObject { { QStringLiteral("error"), QString(name + QStringLiteral(" is missing")) } })
            .toJson(QJsonDocument::Compact));
}

HttpResponse fromError(const EmulatorRepository::Error &e)
{
    return HttpResponse::message(e.status, e.message);
}

void fileHeaders(HttpResponse &r, const EmulatorRepository::FileEntry &f, const QString &path, const QString &ref)
{
    r.setHeader("X-Gitlab-Blob-Id", f.blobId.toLatin1());
    r.setHeader("X-Gitlab-Commit-Id", f.commitId.toLatin1());
    r.setHeader("X-Gitlab-Content-Sha256", QCryptographicHash::hash(f.content, QCryptographicHash::Sha256).toHex());
    r.setHeader("X-Gitlab-Encoding", "base64");
    r.setHeader("X-Gitlab-Execute-Filemode", f.executable ? "true" : "false");
    r.setHeader("X-Gitlab-File-Name", path.section(QLatin1Char('/'), -1).toUtf8());
    r.setHeader("X-Gitlab-File-Path", path.toUtf8());
    r.setHeader("X-Gitlab-Last-Commit-Id", f.lastCommitId.toLatin1());
    r.setHeader("X-Gitlab-Ref", ref.toUtf8());
    r.setHeader("X-Gitlab-Size", QByteArray::number(f.content.size()));
}

} // namespace

// lib/api/commits.rb: comments on a commit, oldest first; the answer has
// `note`, not `body`, and no id.
HttpResponse GitLabApi::commitComments(Context &c, EmulatorProject &project, const QString &ref)
{
    EmulatorRepository repo(m_store.repositoryPath(project));
    const auto commit = repo.commit(ref);
    if (!commit)
        return HttpResponse::message(404, QStringLiteral("404 Commit Not Found"));
    auto commentJson = [this](const EmulatorNote &note) {
        const EmulatorUser *author = m_store.user(note.authorId);
        return QJsonObject {
            { QStringLiteral("note"), note.body },
            { QStringLiteral("author"), author ? userJson(*author) : QJsonObject() },
            { QStringLiteral("created_at"), time(note.createdAt) },
            { QStringLiteral("path"), QJsonValue() },
            { QStringLiteral("line"), QJsonValue() },
            { QStringLiteral("line_type"), QJsonValue() },
        };
    };
    QList<EmulatorNote> &notes = project.commitNotes[commit->id];
    if (c.request.method != "POST")
        return paginate(c, notes.size(), [&](qsizetype i) { return commentJson(notes.at(i)); });
    if (m_store.accessLevel(c.user, project) < int(AccessLevel::Reporter))
        return HttpResponse::message(403, QStringLiteral("403 Forbidden"));
    const QString body = param(c, QStringLiteral("note"));
    if (body.isEmpty())
        return missing(QStringLiteral("note"));
    EmulatorNote note;
    note.id = m_store.nextId("note");
    note.body = body;
    note.authorId = c.user.id;
    note.createdAt = m_store.now();
    note.updatedAt = note.createdAt;
    notes.append(note);
    touch(project);
    return jsonReply(201, commentJson(note));
}

QJsonObject GitLabApi::commitJson(const EmulatorRepository::CommitInfo &c) const
{
    QJsonArray parents;
    for (const QString &p : c.parentIds)
        parents.append(p);
    return QJsonObject {
        { QStringLiteral("id"), c.id },
        { QStringLiteral("short_id"), c.id.left(8) },
        { QStringLiteral("title"), c.title },
        { QStringLiteral("message"), c.message },
        { QStringLiteral("author_name"), c.author.name },
        { QStringLiteral("author_email"), c.author.email },
        { QStringLiteral("authored_date"), time(c.author.when) },
        { QStringLiteral("committer_name"), c.committer.name },
        { QStringLiteral("committer_email"), c.committer.email },
        { QStringLiteral("committed_date"), time(c.committer.when) },
        { QStringLiteral("created_at"), time(c.committer.when) },
        { QStringLiteral("parent_ids"), parents },
    };
}

std::optional<HttpResponse> GitLabApi::routeRepository(Context &c, EmulatorProject &project)
{
    const QString method = QString::fromLatin1(c.request.method);
    const bool get = method == QLatin1String("GET") || method == QLatin1String("HEAD");
    const QStringList &s = c.segments; // projects, :id, repository, ...
    const QString area = s.value(3);
    const int level = m_store.accessLevel(c.user, project);
    const QString fullPath = m_store.projectFullPath(project);
    EmulatorRepository repo(m_store.repositoryPath(project));
    if (!repo.isOpen() || repo.isEmpty()) {
        // An empty repository lists no refs, and has no files or trees.
        if (get && s.size() == 4 && (area == QLatin1String("tags") || area == QLatin1String("branches")))
            return paginate(c, 0, [](qsizetype) { return QJsonValue(); });
        if (!repo.isOpen())
            return HttpResponse::message(404, QStringLiteral("404 Repository Not Found"));
    }
    auto forbidden = [] {
        return HttpResponse::message(403, QStringLiteral("403 Forbidden"));
    };
    auto webCommit = [&](QJsonObject o) {
        o.insert(QStringLiteral("web_url"),
                 QString(webUrl(fullPath) + QStringLiteral("/-/commit/") + o.value(QStringLiteral("id")).toString()));
        return o;
    };

    if (area == QLatin1String("files") && s.size() >= 5) {
        const QString filePath = s.at(4);
        const bool raw = s.size() == 6 && s.at(5) == QLatin1String("raw");
        if (!get || (s.size() != 5 && !raw))
            return std::nullopt;
        QString ref = param(c, QStringLiteral("ref"));
        if (ref.isEmpty() && !raw)
            return missing(QStringLiteral("ref"));
        if (ref.isEmpty() || ref == QLatin1String("HEAD"))
            ref = project.defaultBranch;
        const auto file = repo.file(ref, filePath);
        if (!file)
            return HttpResponse::message(404, QStringLiteral("404 File Not Found"));
        if (raw) {
            HttpResponse r = HttpResponse::text(200, file->content);
            fileHeaders(r, *file, filePath, ref);
            return r;
        }
        // A HEAD answers with the headers alone (GitLab's `head` route in
        // lib/api/files.rb); the base64 body of a 100 MB blob is not built
        // only to be dropped.
        if (method == QLatin1String("HEAD")) {
            HttpResponse r = HttpResponse::json(200, QByteArray());
            fileHeaders(r, *file, filePath, ref);
            return r;
        }
        const QJsonObject o {
            { QStringLiteral("file_name"), filePath.section(QLatin1Char('/'), -1) },
            { QStringLiteral("file_path"), filePath },
            { QStringLiteral("size"), file->content.size() },
            { QStringLiteral("encoding"), QStringLiteral("base64") },
            { QStringLiteral("content"), QString::fromLatin1(file->content.toBase64()) },
            { QStringLiteral("content_sha256"),
              QString::fromLatin1(QCryptographicHash::hash(file->content, QCryptographicHash::Sha256).toHex()) },
            { QStringLiteral("ref"), ref },
            { QStringLiteral("blob_id"), file->blobId },
            { QStringLiteral("commit_id"), file->commitId },
            { QStringLiteral("last_commit_id"), file->lastCommitId },
            { QStringLiteral("execute_filemode"), file->executable },
        };
        HttpResponse r = jsonReply(200, o);
        fileHeaders(r, *file, filePath, ref);
        return r;
    }

    if (area == QLatin1String("commits")) {
        if (s.size() == 4 && method == QLatin1String("POST")) {
            if (level < int(AccessLevel::Developer))
                return forbidden();
            const QString branch = param(c, QStringLiteral("branch"));
            const QString message = param(c, QStringLiteral("commit_message"));
            if (branch.isEmpty())
                return missing(QStringLiteral("branch"));
            if (message.isEmpty())
                return missing(QStringLiteral("commit_message"));
            // Commits::CreateService#validate_permissions! (protected branches).
            if (!m_store.canPushToBranch(c.user, project, branch, repo.isEmpty()))
                return HttpResponse::message(403, QStringLiteral("You are not allowed to push into this branch"));
            const QJsonValue actionsValue = c.params.value(QStringLiteral("actions"));
            if (!actionsValue.isArray() || actionsValue.toArray().isEmpty())
                return missing(QStringLiteral("actions"));
            QList<EmulatorRepository::Action> actions;
            for (const QJsonValue &v : actionsValue.toArray()) {
                const QJsonObject o = v.toObject();
                EmulatorRepository::Action a;
                a.action = o.value(QStringLiteral("action")).toString();
                a.filePath = o.value(QStringLiteral("file_path")).toString();
                a.previousPath = o.value(QStringLiteral("previous_path")).toString();
                a.lastCommitId = o.value(QStringLiteral("last_commit_id")).toString();
                if (o.contains(QStringLiteral("content")) && !o.value(QStringLiteral("content")).isNull()) {
                    const QString content = o.value(QStringLiteral("content")).toString();
                    if (o.value(QStringLiteral("encoding")).toString() == QLatin1String("base64")) {
                        const auto decoded = QByteArray::fromBase64Encoding(content.toLatin1(),
                                                                            QByteArray::AbortOnBase64DecodingErrors);
                        if (!decoded)
                            return HttpResponse::message(400, QStringLiteral("Invalid base64 content"));
                        a.content = decoded.decoded;
                    } else {
                        a.content = content.toUtf8();
                    }
                }
                if (o.contains(QStringLiteral("execute_filemode")))
                    a.executable = o.value(QStringLiteral("execute_filemode")).toBool();
                if (a.filePath.isEmpty())
                    return missing(QStringLiteral("actions[file_path]"));
                if (a.action == QLatin1String("create") && !a.content)
                    a.content = QByteArray();
                actions.append(a);
            }
            QString startRef = param(c, QStringLiteral("start_sha"));
            if (startRef.isEmpty())
                startRef = param(c, QStringLiteral("start_branch"));
            if (startRef == branch)
                startRef.clear();
            EmulatorRepository::Signature author = signatureFor(c.user);
            if (hasParam(c, QStringLiteral("author_name")))
                author.name = param(c, QStringLiteral("author_name"));
            if (hasParam(c, QStringLiteral("author_email")))
                author.email = param(c, QStringLiteral("author_email"));
            const QString before = repo.resolve(QStringLiteral("refs/heads/") + branch);
            EmulatorRepository::Error error;
            const auto commit = repo.commitActions(branch, startRef, message, author, actions,
                                                   boolParam(c, QStringLiteral("force")), &error);
            if (!commit)
                return fromError(error);
            touch(project);
            if (before.isEmpty() && branch == project.defaultBranch)
                m_store.protectDefaultBranch(project);
            notifyBranchMoved(project, branch, before, commit->id, c.user.id);
            QJsonObject o = webCommit(commitJson(*commit));
            o.insert(QStringLiteral("stats"),
                     QJsonObject { { QStringLiteral("additions"), 0 },
                                   { QStringLiteral("deletions"), 0 },
                                   { QStringLiteral("total"), 0 } });
            return jsonReply(201, o);
        }
        if (s.size() == 4 && get) {
            QString ref = param(c, QStringLiteral("ref_name"), project.defaultBranch);
            const QList<EmulatorRepository::CommitInfo> log = repo.log(ref, 100000);
            HttpResponse r = paginate(c, log.size(), [&](qsizetype i) { return webCommit(commitJson(log.at(i))); });
            // The commits API never reports totals.
            r.headers.removeIf([](const auto &h) {
                return h.first.compare("X-Total", Qt::CaseInsensitive) == 0
                    || h.first.compare("X-Total-Pages", Qt::CaseInsensitive) == 0;
            });
            return r;
        }
        if (s.size() == 5 && get) {
            const auto commit = repo.commit(s.at(4));
            if (!commit)
                return HttpResponse::message(404, QStringLiteral("404 Commit Not Found"));
            return jsonReply(200, webCommit(commitJson(*commit)));
        }
        if (s.size() == 6 && s.at(5) == QLatin1String("comments") && (get || method == QLatin1String("POST")))
            return commitComments(c, project, s.at(4));
        return std::nullopt;
    }

    auto branchJson = [&](const QString &name, const QString &sha) {
        const auto commit = repo.commit(sha);
        const QList<EmulatorProtectedBranch> rules = m_store.protectionFor(project, name);
        return QJsonObject {
            { QStringLiteral("name"), name },
            { QStringLiteral("merged"), false },
            { QStringLiteral("protected"), !rules.isEmpty() },
            { QStringLiteral("default"), name == project.defaultBranch },
            { QStringLiteral("developers_can_push"),
              std::any_of(rules.cbegin(), rules.cend(),
                          [](const EmulatorProtectedBranch &b) { return b.pushAccessLevel == 30; }) },
            { QStringLiteral("developers_can_merge"),
              std::any_of(rules.cbegin(), rules.cend(),
                          [](const EmulatorProtectedBranch &b) { return b.mergeAccessLevel == 30; }) },
            { QStringLiteral("can_push"), m_store.canPushToBranch(c.user, project, name) },
            { QStringLiteral("web_url"), QString(webUrl(fullPath) + QStringLiteral("/-/tree/") + name) },
            { QStringLiteral("commit"), commit ? webCommit(commitJson(*commit)) : QJsonObject() },
        };
    };

    if (area == QLatin1String("branches")) {
        if (s.size() == 4 && get) {
            const QHash<QString, QString> branches = repo.branches();
            QStringList names = branches.keys();
            const QString search = param(c, QStringLiteral("search"));
            names.removeIf([&](const QString &n) { return !search.isEmpty() && !n.contains(search); });
            std::sort(names.begin(), names.end());
            return paginate(c, names.size(),
                            [&](qsizetype i) { return branchJson(names.at(i), branches.value(names.at(i))); });
        }
        if (s.size() == 4 && method == QLatin1String("POST")) {
            if (level < int(AccessLevel::Developer))
                return forbidden();
            const QString name = param(c, QStringLiteral("branch"));
            const QString ref = param(c, QStringLiteral("ref"));
            if (name.isEmpty())
                return missing(QStringLiteral("branch"));
            if (ref.isEmpty())
                return missing(QStringLiteral("ref"));
            if (!m_store.canPushToBranch(c.user, project, name))
                return forbidden();
            EmulatorRepository::Error error;
            if (!repo.createBranch(name, ref, &error))
                return fromError(error);
            touch(project);
            const QString sha = repo.resolve(QStringLiteral("refs/heads/") + name);
            notifyBranchMoved(project, name, {}, sha, c.user.id);
            return jsonReply(201, branchJson(name, sha));
        }
        if (s.size() == 5 && get) {
            const QString sha = repo.branches().value(s.at(4));
            if (sha.isEmpty())
                return HttpResponse::message(404, QStringLiteral("404 Branch Not Found"));
            return jsonReply(200, branchJson(s.at(4), sha));
        }
        return std::nullopt;
    }

    auto tagJson = [&](const EmulatorRepository::TagInfo &t) {
        const auto commit = repo.commit(t.commitId);
        return QJsonObject {
            { QStringLiteral("name"), t.name },
            { QStringLiteral("message"), t.annotated ? QJsonValue(t.message.trimmed()) : QJsonValue() },
            { QStringLiteral("target"), t.target },
            { QStringLiteral("commit"), commit ? webCommit(commitJson(*commit)) : QJsonObject() },
            { QStringLiteral("release"), QJsonValue() },
            { QStringLiteral("protected"), false },
            { QStringLiteral("created_at"), t.annotated ? time(t.createdAt) : QJsonValue() },
        };
    };

    if (area == QLatin1String("tags")) {
        if (s.size() == 4 && get) {
            QList<EmulatorRepository::TagInfo> tags = repo.tags();
            QString search = param(c, QStringLiteral("search"));
            if (!search.isEmpty()) {
                tags.removeIf([&](const EmulatorRepository::TagInfo &t) {
                    if (search.startsWith(QLatin1Char('^')))
                        return !t.name.startsWith(search.mid(1));
                    if (search.endsWith(QLatin1Char('$')))
                        return !t.name.endsWith(search.chopped(1));
                    return !t.name.contains(search);
                });
            }
            const QString orderBy = param(c, QStringLiteral("order_by"), QStringLiteral("updated"));
            const bool asc = param(c, QStringLiteral("sort"), QStringLiteral("desc")) == QLatin1String("asc");
            QHash<QString, QDateTime> commitTimes;
            for (const auto &t : std::as_const(tags)) {
                if (const auto commit = repo.commit(t.commitId))
                    commitTimes.insert(t.name, commit->committer.when);
            }
            auto versionKey = [](const QString &name) {
                QList<int> parts;
                for (const QString &p : name.mid(name.startsWith(QLatin1Char('v')) ? 1 : 0).split(QLatin1Char('.')))
                    parts.append(p.toInt());
                return parts;
            };
            auto lessThan = [&](const EmulatorRepository::TagInfo &a, const EmulatorRepository::TagInfo &b) {
                if (orderBy == QLatin1String("name"))
                    return a.name < b.name;
                if (orderBy == QLatin1String("version"))
                    return versionKey(a.name) < versionKey(b.name);
                const QDateTime ta = commitTimes.value(a.name);
                const QDateTime tb = commitTimes.value(b.name);
                return ta < tb || (ta == tb && versionKey(a.name) < versionKey(b.name));
            };
            std::stable_sort(tags.begin(), tags.end(),
                             [&](const auto &a, const auto &b) { return asc ? lessThan(a, b) : lessThan(b, a); });
            return paginate(c, tags.size(), [&](qsizetype i) { return tagJson(tags.at(i)); });
        }
        if (s.size() == 4 && method == QLatin1String("POST")) {
            if (level < int(AccessLevel::Developer))
                return forbidden();
            const QString name = param(c, QStringLiteral("tag_name"));
            const QString ref = param(c, QStringLiteral("ref"));
            if (name.isEmpty())
                return missing(QStringLiteral("tag_name"));
            if (ref.isEmpty())
                return missing(QStringLiteral("ref"));
            EmulatorRepository::Error error;
            const auto tag
                = repo.createTag(name, ref, param(c, QStringLiteral("message")), signatureFor(c.user), &error);
            if (!tag)
                return fromError(error);
            touch(project);
            return jsonReply(201, tagJson(*tag));
        }
        if (s.size() == 5 && get) {
            const auto tag = repo.tag(s.at(4));
            if (!tag)
                return HttpResponse::message(404, QStringLiteral("404 Tag Not Found"));
            return jsonReply(200, tagJson(*tag));
        }
        return std::nullopt;
    }

    if (area == QLatin1String("compare") && s.size() == 4 && get) {
        const QString from = param(c, QStringLiteral("from"));
        const QString to = param(c, QStringLiteral("to"));
        if (from.isEmpty())
            return missing(QStringLiteral("from"));
        if (to.isEmpty())
            return missing(QStringLiteral("to"));
        const auto cmp = repo.compare(from, to, boolParam(c, QStringLiteral("straight")));
        if (!cmp)
            return HttpResponse::message(404, QStringLiteral("404 Ref Not Found"));
        QJsonArray commits;
        for (const auto &commit : cmp->commits)
            commits.append(webCommit(commitJson(commit)));
        // Gitlab::Git::DiffCollection with Commit.max_diff_options, not
        // expanded (API::Entities::Compare): past the safe limits (max / 10)
        // a diff is collapsed, a patch over diff_max_patch_bytes is too large,
        // both sent as "diff": "" (and no flag, as before GitLab 18.x); past
        // the max limits the list stops and compare_timeout (overflow?) is true.
        constexpr qsizetype MaxFiles = 1000;
        constexpr qsizetype MaxLines = 50000;
        constexpr qsizetype SafeFiles = MaxFiles / 10;
        constexpr qsizetype SafeLines = MaxLines / 10;
        constexpr qsizetype MaxPatchBytes = 200 * 1024;
        constexpr qsizetype SafePatchBytes = MaxPatchBytes / 10;
        qsizetype files = 0;
        qsizetype lines = 0;
        bool overflow = false;
        QJsonArray diffs;
        for (const auto &d : cmp->diffs) {
            const qsizetype patchLines = d.diff.count(QLatin1Char('\n'));
            if (files + 1 > MaxFiles || lines + patchLines > MaxLines) {
                overflow = true;
                break;
            }
            ++files;
            lines += patchLines;
            const qsizetype bytes = d.diff.toUtf8().size();
            const bool cut = bytes > MaxPatchBytes || bytes > SafePatchBytes || files > SafeFiles || lines > SafeLines;
            diffs.append(QJsonObject { { QStringLiteral("old_path"), d.oldPath },
                                       { QStringLiteral("new_path"), d.newPath },
                                       { QStringLiteral("a_mode"), d.aMode },
                                       { QStringLiteral("b_mode"), d.bMode },
                                       { QStringLiteral("diff"), cut ? QString() : d.diff },
                                       { QStringLiteral("new_file"), d.newFile },
                                       { QStringLiteral("renamed_file"), d.renamedFile },
                                       { QStringLiteral("deleted_file"), d.deletedFile } });
        }
        return jsonReply(
            200,
            QJsonObject {
                { QStringLiteral("commit"), commits.isEmpty() ? QJsonValue() : commits.last() },
                { QStringLiteral("commits"), commits },
                { QStringLiteral("diffs"), diffs },
                { QStringLiteral("compare_timeout"), overflow },
                { QStringLiteral("compare_same_ref"), cmp->sameRef },
                { QStringLiteral("web_url"),
                  QString(webUrl(fullPath) + QStringLiteral("/-/compare/") + from + QStringLiteral("...") + to) },
            });
    }

    if (area == QLatin1String("tree") && s.size() == 4 && get) {
        const QString ref = param(c, QStringLiteral("ref"), project.defaultBranch);
        const auto entries
            = repo.tree(ref, param(c, QStringLiteral("path")), boolParam(c, QStringLiteral("recursive")));
        if (!entries)
            return HttpResponse::message(404, QStringLiteral("404 Tree Not Found"));
        return paginate(c, entries->size(), [&](qsizetype i) {
            const auto &e = entries->at(i);
            return QJsonObject { { QStringLiteral("id"), e.id },
                                 { QStringLiteral("name"), e.name },
                                 { QStringLiteral("type"), e.type },
                                 { QStringLiteral("path"), e.path },
                                 { QStringLiteral("mode"), e.mode } };
        });
    }

    if (area == QLatin1String("submodules") && s.size() == 5 && method == QLatin1String("PUT")) {
        if (level < int(AccessLevel::Developer))
            return forbidden();
        const QString branch = param(c, QStringLiteral("branch"));
        const QString sha = param(c, QStringLiteral("commit_sha"));
        if (branch.isEmpty())
            return missing(QStringLiteral("branch"));
        if (sha.isEmpty())
            return missing(QStringLiteral("commit_sha"));
        if (!m_store.canPushToBranch(c.user, project, branch))
            return HttpResponse::message(403, QStringLiteral("You are not allowed to push into this branch"));
        const QString before = repo.resolve(QStringLiteral("refs/heads/") + branch);
        EmulatorRepository::Error error;
        const auto commit = repo.updateSubmodule(branch, s.at(4), sha, param(c, QStringLiteral("commit_message")),
                                                 signatureFor(c.user), &error);
        if (!commit)
            return fromError(error);
        touch(project);
        notifyBranchMoved(project, branch, before, commit->id, c.user.id);
        return jsonReply(200, webCommit(commitJson(*commit)));
    }

    return std::nullopt;
}

} // namespace Dockmaster
