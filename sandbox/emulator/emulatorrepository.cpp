#include "sandbox/emulator/emulatorrepository.h"

#include <QDir>
#include <QFile>

#include <git2.h>

#include <memory>

namespace Dockmaster {

namespace {

template<typename T, void (*Free)(T *)> struct GitFree {
    void operator()(T *p) const { Free(p); }
};
using RepoPtr = std::unique_ptr<git_repository, GitFree<git_repository, git_repository_free>>;
using CommitPtr = std::unique_ptr<git_commit, GitFree<git_commit, git_commit_free>>;
using TreePtr = std::unique_ptr<git_tree, GitFree<git_tree, git_tree_free>>;
using TreeEntryPtr = std::unique_ptr<git_tree_entry, GitFree<git_tree_entry, git_tree_entry_free>>;
using IndexPtr = std::unique_ptr<git_index, GitFree<git_index, git_index_free>>;
using ObjectPtr = std::unique_ptr<git_object, GitFree<git_object, git_object_free>>;
using SignaturePtr = std::unique_ptr<git_signature, GitFree<git_signature, git_signature_free>>;
using RevwalkPtr = std::unique_ptr<git_revwalk, GitFree<git_revwalk, git_revwalk_free>>;
using DiffPtr = std::unique_ptr<git_diff, GitFree<git_diff, git_diff_free>>;
using PatchPtr = std::unique_ptr<git_patch, GitFree<git_patch, git_patch_free>>;
using ReferencePtr = std::unique_ptr<git_reference, GitFree<git_reference, git_reference_free>>;
using BranchIterPtr = std::unique_ptr<git_branch_iterator, GitFree<git_branch_iterator, git_branch_iterator_free>>;
using TagPtr = std::unique_ptr<git_tag, GitFree<git_tag, git_tag_free>>;
using ConfigPtr = std::unique_ptr<git_config, GitFree<git_config, git_config_free>>;

struct BufGuard {
    git_buf buf = GIT_BUF_INIT;
    ~BufGuard() { git_buf_dispose(&buf); }
};

QString oidString(const git_oid *oid)
{
    char text[GIT_OID_MAX_HEXSIZE + 1] = {};
    git_oid_tostr(text, sizeof text, oid);
    return QString::fromLatin1(text);
}

QString lastError()
{
    const git_error *e = git_error_last();
    return e && e->message ? QString::fromUtf8(e->message) : QStringLiteral("unknown git error");
}

QDateTime signatureTime(const git_signature *sig)
{
    return sig ? QDateTime::fromSecsSinceEpoch(sig->when.time, QTimeZone::UTC) : QDateTime();
}

EmulatorRepository::Signature toSignature(const git_signature *sig)
{
    EmulatorRepository::Signature s;
    if (sig) {
        s.name = QString::fromUtf8(sig->name);
        s.email = QString::fromUtf8(sig->email);
        s.when = signatureTime(sig);
    }
    return s;
}

SignaturePtr makeSignature(const EmulatorRepository::Signature &s)
{
    git_signature *sig = nullptr;
    const QDateTime when = s.when.isValid() ? s.when : QDateTime::currentDateTimeUtc();
    const QString name = s.name.isEmpty() ? QStringLiteral("Administrator") : s.name;
    const QString email = s.email.isEmpty() ? QStringLiteral("admin@example.test") : s.email;
    if (git_signature_new(&sig, name.toUtf8().constData(), email.toUtf8().constData(), when.toSecsSinceEpoch(), 0) != 0)
        return {};
    return SignaturePtr(sig);
}

EmulatorRepository::CommitInfo commitInfo(const git_commit *c)
{
    EmulatorRepository::CommitInfo info;
    info.id = oidString(git_commit_id(c));
    info.message = QString::fromUtf8(git_commit_message(c));
    info.title = info.message.section(QLatin1Char('\n'), 0, 0);
    info.author = toSignature(git_commit_author(c));
    info.committer = toSignature(git_commit_committer(c));
    for (unsigned i = 0; i < git_commit_parentcount(c); ++i)
        info.parentIds.append(oidString(git_commit_parent_id(c, i)));
    return info;
}

CommitPtr lookupCommit(git_repository *repo, const QString &ref)
{
    if (!repo || ref.isEmpty())
        return {};
    git_object *obj = nullptr;
    QString spec = ref;
    if (git_revparse_single(&obj, repo, spec.toUtf8().constData()) != 0) {
        // Refs with odd characters: try the full names explicitly.
        const QString candidates[] = { QStringLiteral("refs/heads/") + ref, QStringLiteral("refs/tags/") + ref };
        for (const QString &c : candidates) {
            if (git_revparse_single(&obj, repo, c.toUtf8().constData()) == 0)
                break;
            obj = nullptr;
        }
        if (!obj)
            return {};
    }
    ObjectPtr holder(obj);
    git_object *peeled = nullptr;
    if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) != 0)
        return {};
    return CommitPtr(reinterpret_cast<git_commit *>(peeled));
}

TreePtr treeOf(const git_commit *c)
{
    git_tree *tree = nullptr;
    if (git_commit_tree(&tree, c) != 0)
        return {};
    return TreePtr(tree);
}

// The id and mode of the tree entry at `path`, or a null oid when absent.
bool entryAt(const git_tree *tree, const QString &path, git_oid *id, git_filemode_t *mode)
{
    git_tree_entry *entry = nullptr;
    if (!tree || git_tree_entry_bypath(&entry, tree, path.toUtf8().constData()) != 0)
        return false;
    TreeEntryPtr holder(entry);
    if (id)
        git_oid_cpy(id, git_tree_entry_id(entry));
    if (mode)
        *mode = git_tree_entry_filemode(entry);
    return true;
}

QString modeString(unsigned mode)
{
    return QString::number(mode, 8).rightJustified(6, QLatin1Char('0'));
}

} // namespace

bool EmulatorRepository::create(const QString &path, const QString &defaultBranch, QString *error)
{
    QDir().mkpath(path);
    git_repository_init_options opts = GIT_REPOSITORY_INIT_OPTIONS_INIT;
    opts.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH;
    const QByteArray head = defaultBranch.toUtf8();
    opts.initial_head = head.constData();
    git_repository *repo = nullptr;
    if (git_repository_init_ext(&repo, path.toUtf8().constData(), &opts) != 0) {
        if (error)
            *error = lastError();
        return false;
    }
    RepoPtr holder(repo);
    git_config *cfg = nullptr;
    if (git_repository_config(&cfg, repo) == 0) {
        ConfigPtr c(cfg);
        git_config_set_bool(cfg, "http.receivepack", 1);
    }
    return installPreReceiveHook(path, error);
}

// GitLab's pre-receive checks for protected branches
// (lib/gitlab/checks/branch_check.rb, same messages). The emulator passes the
// rules that apply to the pushing user in the environment; stderr reaches the
// client on the sideband as "remote: GitLab: ...".
bool EmulatorRepository::installPreReceiveHook(const QString &path, QString *error)
{
    static const char Hook[] = R"(#!/bin/sh
zero=0000000000000000000000000000000000000000
status=0
while read -r old new ref; do
    case "$ref" in refs/heads/*) ;; *) continue ;; esac
    branch=${ref#refs/heads/}
    if [ "$new" = "$zero" ] && [ "$branch" = "$DOCKMASTER_DEFAULT_BRANCH" ]; then
        echo "GitLab: The default branch of a project cannot be deleted." >&2
        status=1
        continue
    fi
    matched=0
    push=0
    force=0
    while read -r pattern may forced; do
        [ -n "$pattern" ] || continue
        case "$branch" in
        $pattern)
            matched=1
            [ "$may" = 1 ] && push=1
            [ "$forced" = 1 ] && force=1
            ;;
        esac
    done <<RULES
$DOCKMASTER_BRANCH_RULES
RULES
    [ "$matched" = 1 ] || continue
    if [ "$new" = "$zero" ]; then
        echo "GitLab: You can only delete protected branches using the web interface." >&2
        status=1
        continue
    fi
    if [ "$old" != "$zero" ] && [ "$force" = 0 ] && ! git merge-base --is-ancestor "$old" "$new"; then
        echo "GitLab: You are not allowed to force push code to a protected branch on this project." >&2
        status=1
        continue
    fi
    if [ "$push" = 0 ]; then
        if [ "$old" = "$zero" ]; then
            echo "GitLab: You are not allowed to create protected branches on this project." >&2
        else
            echo "GitLab: You are not allowed to push code to protected branches on this project." >&2
        fi
        status=1
    fi
done
exit $status
)";
    const QString hooks = path + QStringLiteral("/hooks");
    QDir().mkpath(hooks);
    QFile file(hooks + QStringLiteral("/pre-receive"));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(Hook) < 0) {
        if (error)
            *error = file.errorString();
        return false;
    }
    file.close();
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup
                        | QFile::ReadOther | QFile::ExeOther);
    return true;
}

bool EmulatorRepository::isValidPath(const QString &filePath)
{
    if (filePath.isEmpty() || filePath.startsWith(QLatin1Char('/')) || filePath.endsWith(QLatin1Char('/'))
        || filePath.contains(QLatin1Char('\0')) || filePath.contains(QLatin1Char('\\')))
        return false;
    const QStringList parts = filePath.split(QLatin1Char('/'));
    for (const QString &part : parts) {
        if (part.isEmpty() || part == QLatin1String(".") || part == QLatin1String("..")
            || part.compare(QLatin1String(".git"), Qt::CaseInsensitive) == 0)
            return false;
    }
    return true;
}

EmulatorRepository::EmulatorRepository(const QString &path)
{
    if (git_repository_open_bare(&m_repo, path.toUtf8().constData()) != 0)
        m_repo = nullptr;
}

EmulatorRepository::~EmulatorRepository()
{
    git_repository_free(m_repo);
}

bool EmulatorRepository::isEmpty() const
{
    // git_repository_is_empty() also wants HEAD on init.defaultBranch; "no
    // branch at all" is what an empty GitLab project means.
    if (!m_repo)
        return true;
    git_reference_iterator *iter = nullptr;
    if (git_reference_iterator_glob_new(&iter, m_repo, "refs/heads/*") != 0)
        return true;
    git_reference *ref = nullptr;
    const bool empty = git_reference_next(&ref, iter) != 0;
    git_reference_free(ref);
    git_reference_iterator_free(iter);
    return empty;
}

QString EmulatorRepository::resolve(const QString &ref) const
{
    if (ref.isEmpty() || ref.startsWith(QLatin1Char('-')) || ref.contains(QLatin1String("..")))
        return {};
    CommitPtr c = lookupCommit(m_repo, ref);
    return c ? oidString(git_commit_id(c.get())) : QString();
}

std::optional<EmulatorRepository::CommitInfo> EmulatorRepository::commit(const QString &sha) const
{
    CommitPtr c = lookupCommit(m_repo, sha);
    if (!c)
        return std::nullopt;
    return commitInfo(c.get());
}

std::optional<EmulatorRepository::CommitInfo>
EmulatorRepository::commitActions(const QString &branch, const QString &startRef, const QString &message,
                                  const Signature &author, const QList<Action> &actions, bool force, Error *error)
{
    auto fail = [error](int status, const QString &text) {
        if (error)
            *error = Error { status, text };
        return std::nullopt;
    };
    if (!m_repo)
        return fail(404, QStringLiteral("404 Project Not Found"));
    if (actions.isEmpty())
        return fail(400, QStringLiteral("actions is missing"));

    CommitPtr branchTip = lookupCommit(m_repo, QStringLiteral("refs/heads/") + branch);
    CommitPtr base;
    if (!startRef.isEmpty()) {
        if (branchTip && !force)
            return fail(400,
                        QStringLiteral("A branch called '%1' already exists. Switch to that branch in order to "
                                       "make changes")
                            .arg(branch));
        base = lookupCommit(m_repo, startRef);
        if (!base)
            return fail(400, QStringLiteral("Invalid reference name: %1").arg(startRef));
    } else if (branchTip) {
        base = lookupCommit(m_repo, QStringLiteral("refs/heads/") + branch);
    } else if (!isEmpty()) {
        return fail(400, QStringLiteral("You can only create or edit files when you are on a branch"));
    }

    git_index *rawIndex = nullptr;
    if (git_index_new(&rawIndex) != 0)
        return fail(500, lastError());
    IndexPtr index(rawIndex);
    TreePtr baseTree;
    if (base) {
        baseTree = treeOf(base.get());
        if (!baseTree || git_index_read_tree(index.get(), baseTree.get()) != 0)
            return fail(500, lastError());
    }
    const QString baseSha = base ? oidString(git_commit_id(base.get())) : QString();

    auto exists = [&index](const QString &path) {
        return git_index_get_bypath(index.get(), path.toUtf8().constData(), 0) != nullptr;
    };
    auto addBlob = [this, &index](const QString &path, const QByteArray &content, bool executable) {
        git_oid blob;
        if (git_blob_create_from_buffer(&blob, m_repo, content.constData(), size_t(content.size())) != 0)
            return false;
        git_index_entry entry = {};
        const QByteArray p = path.toUtf8();
        entry.path = p.constData();
        entry.mode = executable ? GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB;
        entry.id = blob;
        return git_index_add(index.get(), &entry) == 0;
    };
    auto staleEdit = [&](const Action &a, const QString &path) {
        if (a.lastCommitId.isEmpty() || baseSha.isEmpty())
            return false;
        const QString last = lastCommitFor(baseSha, path);
        return !last.startsWith(a.lastCommitId) || a.lastCommitId.size() < 7;
    };
    // Files::MultiService#validate_file_status! (the commits API); the
    // "You are attempting to update…" text belongs to PUT /repository/files.
    auto stale = [](const QString &path) {
        return QStringLiteral("The file has changed since you started editing it: %1").arg(path);
    };
    static const QString Stale
        = QStringLiteral("You are attempting to update a file that has changed since you started editing it.");

    for (const Action &a : actions) {
        if (!isValidPath(a.filePath) || (a.action == QLatin1String("move") && !isValidPath(a.previousPath)))
            return fail(400, QStringLiteral("Your changes could not be committed, because the file path is invalid"));
        const QByteArray path = a.filePath.toUtf8();
        if (a.action == QLatin1String("create")) {
            if (exists(a.filePath))
                return fail(400, QStringLiteral("A file with this name already exists"));
            if (!addBlob(a.filePath, a.content.value_or(QByteArray()), a.executable.value_or(false)))
                return fail(500, lastError());
        } else if (a.action == QLatin1String("update")) {
            const git_index_entry *current = git_index_get_bypath(index.get(), path.constData(), 0);
            if (!current)
                return fail(400, QStringLiteral("A file with this name doesn't exist"));
            if (staleEdit(a, a.filePath))
                return fail(400, stale(a.filePath));
            if (!a.content)
                return fail(400, QStringLiteral("actions[content] is missing"));
            const bool exec = current->mode == GIT_FILEMODE_BLOB_EXECUTABLE;
            if (!addBlob(a.filePath, *a.content, a.executable.value_or(exec)))
                return fail(500, lastError());
        } else if (a.action == QLatin1String("delete")) {
            if (!exists(a.filePath))
                return fail(400, QStringLiteral("A file with this name doesn't exist"));
            if (staleEdit(a, a.filePath))
                return fail(400, stale(a.filePath));
            git_index_remove(index.get(), path.constData(), 0);
        } else if (a.action == QLatin1String("move")) {
            const QByteArray previous = a.previousPath.toUtf8();
            const git_index_entry *current = git_index_get_bypath(index.get(), previous.constData(), 0);
            if (!current)
                return fail(400, QStringLiteral("A file with this name doesn't exist"));
            if (exists(a.filePath))
                return fail(400, QStringLiteral("A file with this name already exists"));
            if (staleEdit(a, a.previousPath))
                return fail(400, stale(a.previousPath));
            git_index_entry moved = *current;
            moved.path = path.constData();
            if (a.content) {
                if (!addBlob(a.filePath, *a.content, current->mode == GIT_FILEMODE_BLOB_EXECUTABLE))
                    return fail(500, lastError());
            } else if (git_index_add(index.get(), &moved) != 0) {
                return fail(500, lastError());
            }
            git_index_remove(index.get(), previous.constData(), 0);
        } else if (a.action == QLatin1String("chmod")) {
            const git_index_entry *current = git_index_get_bypath(index.get(), path.constData(), 0);
            if (!current)
                return fail(400, QStringLiteral("A file with this name doesn't exist"));
            git_index_entry changed = *current;
            changed.mode = a.executable.value_or(false) ? GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB;
            if (git_index_add(index.get(), &changed) != 0)
                return fail(500, lastError());
        } else {
            return fail(400, QStringLiteral("actions[action] does not have a valid value"));
        }
    }

    git_oid treeId;
    if (git_index_write_tree_to(&treeId, index.get(), m_repo) != 0)
        return fail(500, lastError());
    if (baseTree && git_oid_equal(&treeId, git_tree_id(baseTree.get())) && !force && startRef.isEmpty())
        return fail(400, QStringLiteral("No changes"));
    git_tree *rawTree = nullptr;
    if (git_tree_lookup(&rawTree, m_repo, &treeId) != 0)
        return fail(500, lastError());
    TreePtr tree(rawTree);
    SignaturePtr sig = makeSignature(author);
    if (!sig)
        return fail(400, QStringLiteral("Invalid author"));
    const git_commit *parents[] = { base.get() };
    git_oid commitId;
    // Without update_ref, then a forced ref write: `force`/`start_*` may rewrite the branch.
    if (git_commit_create(&commitId, m_repo, nullptr, sig.get(), sig.get(), nullptr, message.toUtf8().constData(),
                          tree.get(), base ? 1 : 0, parents)
        != 0)
        return fail(500, lastError());
    git_reference *ref = nullptr;
    const QByteArray refName = (QStringLiteral("refs/heads/") + branch).toUtf8();
    if (branchTip && !force && startRef.isEmpty()) {
        // Compare-and-swap: a concurrent push in between makes this fail.
        if (git_reference_create_matching(&ref, m_repo, refName.constData(), &commitId, 1,
                                          git_commit_id(branchTip.get()), "commit via API")
            != 0)
            return fail(400, Stale);
    } else if (git_reference_create(&ref, m_repo, refName.constData(), &commitId, 1, "commit via API") != 0) {
        return fail(400, lastError());
    }
    ReferencePtr refHolder(ref);
    return commit(oidString(&commitId));
}

std::optional<EmulatorRepository::CommitInfo>
EmulatorRepository::commitTree(const QString &branch, const QString &parentRef, const QString &message,
                               const Signature &author, const QHash<QString, QByteArray> &files,
                               const QHash<QString, QString> &gitlinks, Error *error)
{
    auto fail = [error](const QString &text) {
        if (error)
            *error = Error { 500, text };
        return std::nullopt;
    };
    if (!m_repo)
        return fail(QStringLiteral("repository missing"));
    CommitPtr parent = parentRef.isEmpty() ? CommitPtr() : lookupCommit(m_repo, parentRef);
    git_index *rawIndex = nullptr;
    if (git_index_new(&rawIndex) != 0)
        return fail(lastError());
    IndexPtr index(rawIndex);
    if (parent) {
        TreePtr t = treeOf(parent.get());
        if (!t || git_index_read_tree(index.get(), t.get()) != 0)
            return fail(lastError());
    }
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        git_oid blob;
        if (git_blob_create_from_buffer(&blob, m_repo, it.value().constData(), size_t(it.value().size())) != 0)
            return fail(lastError());
        git_index_entry entry = {};
        const QByteArray p = it.key().toUtf8();
        entry.path = p.constData();
        entry.mode = it.key().endsWith(QLatin1String(".sh")) ? GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB;
        entry.id = blob;
        if (git_index_add(index.get(), &entry) != 0)
            return fail(lastError());
    }
    for (auto it = gitlinks.cbegin(); it != gitlinks.cend(); ++it) {
        git_index_entry entry = {};
        const QByteArray p = it.key().toUtf8();
        entry.path = p.constData();
        entry.mode = GIT_FILEMODE_COMMIT;
        if (git_oid_fromstr(&entry.id, it.value().toLatin1().constData()) != 0
            || git_index_add(index.get(), &entry) != 0)
            return fail(lastError());
    }
    git_oid treeId;
    if (git_index_write_tree_to(&treeId, index.get(), m_repo) != 0)
        return fail(lastError());
    git_tree *rawTree = nullptr;
    if (git_tree_lookup(&rawTree, m_repo, &treeId) != 0)
        return fail(lastError());
    TreePtr tree(rawTree);
    SignaturePtr sig = makeSignature(author);
    const git_commit *parents[] = { parent.get() };
    git_oid commitId;
    if (git_commit_create(&commitId, m_repo, nullptr, sig.get(), sig.get(), nullptr, message.toUtf8().constData(),
                          tree.get(), parent ? 1 : 0, parents)
        != 0)
        return fail(lastError());
    git_reference *ref = nullptr;
    if (git_reference_create(&ref, m_repo, (QStringLiteral("refs/heads/") + branch).toUtf8().constData(), &commitId, 1,
                             "seed")
        != 0)
        return fail(lastError());
    ReferencePtr refHolder(ref);
    return commit(oidString(&commitId));
}

std::optional<EmulatorRepository::CommitInfo>
EmulatorRepository::updateSubmodule(const QString &branch, const QString &submodulePath, const QString &commitSha,
                                    const QString &message, const Signature &author, Error *error)
{
    auto fail = [error](int status, const QString &text) {
        if (error)
            *error = Error { status, text };
        return std::nullopt;
    };
    if (isEmpty())
        return fail(400, QStringLiteral("The repository is empty"));
    CommitPtr tip = lookupCommit(m_repo, QStringLiteral("refs/heads/") + branch);
    if (!tip)
        return fail(400, QStringLiteral("You can only create or edit files when you are on a branch"));
    TreePtr tipTree = treeOf(tip.get());
    git_oid current;
    git_filemode_t mode = GIT_FILEMODE_UNREADABLE;
    if (!entryAt(tipTree.get(), submodulePath, &current, &mode) || mode != GIT_FILEMODE_COMMIT)
        return fail(400, QStringLiteral("Invalid submodule path"));
    git_oid target;
    if (commitSha.size() != 40 || git_oid_fromstr(&target, commitSha.toLatin1().constData()) != 0)
        return fail(400, QStringLiteral("Invalid parameters"));
    if (git_oid_equal(&current, &target))
        return fail(400, QStringLiteral("The submodule %1 is already at %2").arg(submodulePath, commitSha));
    const QString msg
        = message.isEmpty() ? QStringLiteral("Update submodule %1 with oid %2").arg(submodulePath, commitSha) : message;
    Error inner;
    auto result = commitTree(branch, QStringLiteral("refs/heads/") + branch, msg, author, {},
                             { { submodulePath, commitSha } }, &inner);
    if (!result)
        return fail(inner.status, inner.message);
    return result;
}

std::optional<EmulatorRepository::FileEntry> EmulatorRepository::file(const QString &ref, const QString &path) const
{
    if (!isValidPath(path))
        return std::nullopt;
    CommitPtr c = lookupCommit(m_repo, ref);
    if (!c)
        return std::nullopt;
    TreePtr tree = treeOf(c.get());
    git_oid id;
    git_filemode_t mode = GIT_FILEMODE_UNREADABLE;
    if (!entryAt(tree.get(), path, &id, &mode)
        || (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE && mode != GIT_FILEMODE_LINK))
        return std::nullopt;
    git_blob *blob = nullptr;
    if (git_blob_lookup(&blob, m_repo, &id) != 0)
        return std::nullopt;
    FileEntry f;
    f.content = QByteArray(static_cast<const char *>(git_blob_rawcontent(blob)), qsizetype(git_blob_rawsize(blob)));
    git_blob_free(blob);
    f.blobId = oidString(&id);
    f.commitId = oidString(git_commit_id(c.get()));
    f.lastCommitId = lastCommitFor(f.commitId, path);
    f.executable = mode == GIT_FILEMODE_BLOB_EXECUTABLE;
    return f;
}

QString EmulatorRepository::lastCommitFor(const QString &commitSha, const QString &path) const
{
    git_revwalk *rawWalk = nullptr;
    if (!m_repo || git_revwalk_new(&rawWalk, m_repo) != 0)
        return {};
    RevwalkPtr walk(rawWalk);
    git_revwalk_sorting(rawWalk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
    git_oid start;
    if (git_oid_fromstr(&start, commitSha.toLatin1().constData()) != 0 || git_revwalk_push(rawWalk, &start) != 0)
        return {};
    git_oid id;
    while (git_revwalk_next(&id, rawWalk) == 0) {
        git_commit *raw = nullptr;
        if (git_commit_lookup(&raw, m_repo, &id) != 0)
            return {};
        CommitPtr c(raw);
        TreePtr tree = treeOf(c.get());
        git_oid here;
        const bool present = entryAt(tree.get(), path, &here, nullptr);
        if (git_commit_parentcount(raw) == 0)
            return present ? oidString(&id) : QString();
        git_commit *rawParent = nullptr;
        if (git_commit_parent(&rawParent, raw, 0) != 0)
            return oidString(&id);
        CommitPtr parent(rawParent);
        TreePtr parentTree = treeOf(parent.get());
        git_oid before;
        const bool presentBefore = entryAt(parentTree.get(), path, &before, nullptr);
        if (present != presentBefore || (present && !git_oid_equal(&here, &before)))
            return oidString(&id);
    }
    return {};
}

QHash<QString, QString> EmulatorRepository::branches() const
{
    QHash<QString, QString> result;
    git_branch_iterator *rawIter = nullptr;
    if (!m_repo || git_branch_iterator_new(&rawIter, m_repo, GIT_BRANCH_LOCAL) != 0)
        return result;
    BranchIterPtr iter(rawIter);
    git_reference *ref = nullptr;
    git_branch_t type;
    while (git_branch_next(&ref, &type, rawIter) == 0) {
        ReferencePtr holder(ref);
        const char *name = nullptr;
        git_branch_name(&name, ref);
        git_reference *resolved = nullptr;
        if (git_reference_resolve(&resolved, ref) == 0) {
            ReferencePtr r(resolved);
            result.insert(QString::fromUtf8(name), oidString(git_reference_target(resolved)));
        }
    }
    return result;
}

bool EmulatorRepository::createBranch(const QString &name, const QString &ref, Error *error)
{
    CommitPtr c = lookupCommit(m_repo, ref);
    if (!c) {
        if (error)
            *error = Error { 400, QStringLiteral("Invalid reference name: %1").arg(ref) };
        return false;
    }
    git_reference *out = nullptr;
    const int rc = git_branch_create(&out, m_repo, name.toUtf8().constData(), c.get(), 0);
    if (rc != 0) {
        if (error)
            *error = rc == GIT_EEXISTS ? Error { 400, QStringLiteral("Branch already exists") }
                                       : Error { 400, QStringLiteral("Branch name is invalid") };
        return false;
    }
    git_reference_free(out);
    return true;
}

QList<EmulatorRepository::TagInfo> EmulatorRepository::tags() const
{
    QList<TagInfo> result;
    git_strarray names = {};
    if (!m_repo || git_tag_list(&names, m_repo) != 0)
        return result;
    for (size_t i = 0; i < names.count; ++i) {
        if (auto t = tag(QString::fromUtf8(names.strings[i])))
            result.append(*t);
    }
    git_strarray_dispose(&names);
    return result;
}

std::optional<EmulatorRepository::TagInfo> EmulatorRepository::tag(const QString &name) const
{
    git_reference *rawRef = nullptr;
    if (!m_repo
        || git_reference_lookup(&rawRef, m_repo, (QStringLiteral("refs/tags/") + name).toUtf8().constData()) != 0)
        return std::nullopt;
    ReferencePtr ref(rawRef);
    const git_oid *target = git_reference_target(rawRef);
    if (!target)
        return std::nullopt;
    TagInfo info;
    info.name = name;
    info.target = oidString(target);
    git_object *rawObj = nullptr;
    if (git_object_lookup(&rawObj, m_repo, target, GIT_OBJECT_ANY) != 0)
        return std::nullopt;
    ObjectPtr obj(rawObj);
    if (git_object_type(rawObj) == GIT_OBJECT_TAG) {
        const auto *annotated = reinterpret_cast<const git_tag *>(rawObj);
        info.annotated = true;
        info.message = QString::fromUtf8(git_tag_message(annotated));
        info.createdAt = signatureTime(git_tag_tagger(annotated));
    }
    git_object *peeled = nullptr;
    if (git_object_peel(&peeled, rawObj, GIT_OBJECT_COMMIT) == 0) {
        info.commitId = oidString(git_object_id(peeled));
        git_object_free(peeled);
    }
    return info;
}

std::optional<EmulatorRepository::TagInfo> EmulatorRepository::createTag(const QString &name, const QString &ref,
                                                                         const QString &message,
                                                                         const Signature &tagger, Error *error)
{
    CommitPtr c = lookupCommit(m_repo, ref);
    if (!c) {
        if (error)
            *error = Error { 400, QStringLiteral("Target %1 is invalid").arg(ref) };
        return std::nullopt;
    }
    if (tag(name)) {
        if (error)
            *error = Error { 400, QStringLiteral("Tag %1 already exists").arg(name) };
        return std::nullopt;
    }
    git_oid id;
    const QByteArray tagName = name.toUtf8();
    int rc = 0;
    if (message.isEmpty()) {
        rc = git_tag_create_lightweight(&id, m_repo, tagName.constData(), reinterpret_cast<const git_object *>(c.get()),
                                        0);
    } else {
        SignaturePtr sig = makeSignature(tagger);
        rc = git_tag_create(&id, m_repo, tagName.constData(), reinterpret_cast<const git_object *>(c.get()), sig.get(),
                            message.toUtf8().constData(), 0);
    }
    if (rc != 0) {
        if (error)
            *error = Error { 400, QStringLiteral("Tag name invalid") };
        return std::nullopt;
    }
    return tag(name);
}

std::optional<EmulatorRepository::Comparison> EmulatorRepository::compare(const QString &from, const QString &to,
                                                                          bool straight) const
{
    CommitPtr fromCommit = lookupCommit(m_repo, from);
    CommitPtr toCommit = lookupCommit(m_repo, to);
    if (!fromCommit || !toCommit)
        return std::nullopt;
    Comparison result;
    result.sameRef = from == to;
    git_oid base = *git_commit_id(fromCommit.get());
    if (!straight) {
        git_oid mergeBase;
        if (git_merge_base(&mergeBase, m_repo, git_commit_id(fromCommit.get()), git_commit_id(toCommit.get())) == 0)
            base = mergeBase;
    }
    git_revwalk *rawWalk = nullptr;
    if (git_revwalk_new(&rawWalk, m_repo) != 0)
        return std::nullopt;
    RevwalkPtr walk(rawWalk);
    git_revwalk_sorting(rawWalk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
    git_revwalk_push(rawWalk, git_commit_id(toCommit.get()));
    git_revwalk_hide(rawWalk, git_commit_id(fromCommit.get()));
    git_oid id;
    while (git_revwalk_next(&id, rawWalk) == 0) {
        if (auto info = commit(oidString(&id)))
            result.commits.append(*info);
    }
    git_commit *rawBase = nullptr;
    if (git_commit_lookup(&rawBase, m_repo, &base) != 0)
        return std::nullopt;
    CommitPtr baseCommit(rawBase);
    TreePtr oldTree = treeOf(baseCommit.get());
    TreePtr newTree = treeOf(toCommit.get());
    git_diff *rawDiff = nullptr;
    git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
    if (git_diff_tree_to_tree(&rawDiff, m_repo, oldTree.get(), newTree.get(), &opts) != 0)
        return std::nullopt;
    DiffPtr diff(rawDiff);
    git_diff_find_options findOpts = GIT_DIFF_FIND_OPTIONS_INIT;
    findOpts.flags = GIT_DIFF_FIND_RENAMES;
    git_diff_find_similar(rawDiff, &findOpts);
    for (size_t i = 0; i < git_diff_num_deltas(rawDiff); ++i) {
        const git_diff_delta *delta = git_diff_get_delta(rawDiff, i);
        DiffEntry e;
        e.oldPath = QString::fromUtf8(delta->old_file.path);
        e.newPath = QString::fromUtf8(delta->new_file.path);
        e.aMode = modeString(delta->old_file.mode);
        e.bMode = modeString(delta->new_file.mode);
        e.newFile = delta->status == GIT_DELTA_ADDED;
        e.deletedFile = delta->status == GIT_DELTA_DELETED;
        e.renamedFile = delta->status == GIT_DELTA_RENAMED;
        git_patch *rawPatch = nullptr;
        if (git_patch_from_diff(&rawPatch, rawDiff, i) == 0 && rawPatch) {
            PatchPtr patch(rawPatch);
            BufGuard buf;
            if (git_patch_to_buf(&buf.buf, rawPatch) == 0) {
                // GitLab's `diff` starts at the first hunk header.
                const QString text = QString::fromUtf8(buf.buf.ptr, qsizetype(buf.buf.size));
                const qsizetype hunk = text.indexOf(QLatin1String("@@"));
                e.diff = hunk >= 0 ? text.mid(hunk) : QString();
            }
        }
        result.diffs.append(e);
    }
    return result;
}

std::optional<QList<EmulatorRepository::TreeEntry>> EmulatorRepository::tree(const QString &ref, const QString &path,
                                                                             bool recursive) const
{
    CommitPtr c = lookupCommit(m_repo, ref);
    if (!c)
        return std::nullopt;
    TreePtr root = treeOf(c.get());
    TreePtr start;
    if (path.isEmpty()) {
        start = std::move(root);
    } else {
        git_oid id;
        git_filemode_t mode = GIT_FILEMODE_UNREADABLE;
        if (!entryAt(root.get(), path, &id, &mode) || mode != GIT_FILEMODE_TREE)
            return std::nullopt;
        git_tree *sub = nullptr;
        if (git_tree_lookup(&sub, m_repo, &id) != 0)
            return std::nullopt;
        start.reset(sub);
    }
    QList<TreeEntry> result;
    const QString prefix = path.isEmpty() ? QString() : path + QLatin1Char('/');
    struct Walk {
        QList<TreeEntry> *out;
        QString prefix;
        bool recursive;
    } walk { &result, prefix, recursive };
    git_tree_walk(
        start.get(), GIT_TREEWALK_PRE,
        [](const char *dir, const git_tree_entry *entry, void *payload) -> int {
            auto *w = static_cast<Walk *>(payload);
            TreeEntry e;
            e.id = oidString(git_tree_entry_id(entry));
            e.name = QString::fromUtf8(git_tree_entry_name(entry));
            e.path = w->prefix + QString::fromUtf8(dir) + e.name;
            e.mode = modeString(git_tree_entry_filemode(entry));
            switch (git_tree_entry_type(entry)) {
            case GIT_OBJECT_TREE:
                e.type = QStringLiteral("tree");
                break;
            case GIT_OBJECT_COMMIT:
                e.type = QStringLiteral("commit");
                break;
            default:
                e.type = QStringLiteral("blob");
                break;
            }
            w->out->append(e);
            // 1 skips the subtree in a pre-order walk.
            return (!w->recursive && e.type == QLatin1String("tree")) ? 1 : 0;
        },
        &walk);
    return result;
}

QList<EmulatorRepository::CommitInfo> EmulatorRepository::log(const QString &ref, int limit) const
{
    QList<CommitInfo> result;
    CommitPtr c = lookupCommit(m_repo, ref);
    git_revwalk *rawWalk = nullptr;
    if (!c || git_revwalk_new(&rawWalk, m_repo) != 0)
        return result;
    RevwalkPtr walk(rawWalk);
    git_revwalk_sorting(rawWalk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
    git_revwalk_push(rawWalk, git_commit_id(c.get()));
    git_oid id;
    while (result.size() < limit && git_revwalk_next(&id, rawWalk) == 0) {
        if (auto info = commit(oidString(&id)))
            result.append(*info);
    }
    return result;
}

bool EmulatorRepository::exportTree(const QString &sha, const QString &directory, QString *error) const
{
    CommitPtr c = lookupCommit(m_repo, sha);
    if (!c) {
        if (error)
            *error = QStringLiteral("unknown commit %1").arg(sha);
        return false;
    }
    QDir(directory).removeRecursively();
    QDir().mkpath(directory);
    TreePtr tree = treeOf(c.get());
    struct Walk {
        git_repository *repo;
        QString directory;
        QString error;
    } walk { m_repo, directory, {} };
    git_tree_walk(
        tree.get(), GIT_TREEWALK_PRE,
        [](const char *root, const git_tree_entry *entry, void *payload) -> int {
            auto *w = static_cast<Walk *>(payload);
            const QString target = w->directory + QLatin1Char('/') + QString::fromUtf8(root)
                + QString::fromUtf8(git_tree_entry_name(entry));
            const git_filemode_t mode = git_tree_entry_filemode(entry);
            if (mode == GIT_FILEMODE_TREE)
                return QDir().mkpath(target) ? 0 : -1;
            if (mode == GIT_FILEMODE_COMMIT) {
                QDir().mkpath(target); // an unpopulated submodule, as after a plain clone
                return 0;
            }
            git_blob *blob = nullptr;
            if (git_blob_lookup(&blob, w->repo, git_tree_entry_id(entry)) != 0)
                return -1;
            QFile f(target);
            const bool ok = f.open(QIODevice::WriteOnly)
                && f.write(static_cast<const char *>(git_blob_rawcontent(blob)), qint64(git_blob_rawsize(blob)))
                    == qint64(git_blob_rawsize(blob));
            git_blob_free(blob);
            if (ok && mode == GIT_FILEMODE_BLOB_EXECUTABLE)
                f.setPermissions(f.permissions() | QFileDevice::ExeOwner | QFileDevice::ExeGroup);
            if (!ok)
                w->error = f.errorString();
            return ok ? 0 : -1;
        },
        &walk);
    if (!walk.error.isEmpty()) {
        if (error)
            *error = walk.error;
        return false;
    }
    return true;
}

} // namespace Dockmaster
