#include "core/git/gitworker.h"

#include "core/git/gitretry.h"
#include "core/git/remotemessages.h"
#include "core/util/logging.h"
#include "core/util/processowner.h"
#include "core/util/untrustedtext.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QThread>

#include <git2.h>

#include <algorithm>
#include <memory>

namespace Dockmaster {

namespace {

template<auto FreeFn> struct GitFree {
    template<typename T> void operator()(T *handle) const { FreeFn(handle); }
};
template<typename T, auto FreeFn> using GitHandle = std::unique_ptr<T, GitFree<FreeFn>>;

// Marks which process works in a clone (in its .git folder, which git ignores).
const QString CloneOwnerFile = QStringLiteral("dockmaster.owner");

// A console killed in the middle of a git operation leaves git's lock files
// behind (index.lock, a ref's .lock), and every later operation on the clone
// refuses to run ("the index is locked"). A profile's clones are its own: once
// the process that last worked in one is gone, its locks are stale. The caller
// marks the clone as its own afterwards.
void releaseLocksOfADeadOwner(const QString &gitDir)
{
    if (!ProcessOwner::isOrphaned(gitDir, CloneOwnerFile))
        return;
    const QDir dir(gitDir);
    for (const QString &lock : dir.entryList({ QStringLiteral("*.lock") }, QDir::Files | QDir::Hidden))
        QFile::remove(dir.filePath(lock));
    QDirIterator refs(dir.filePath(QStringLiteral("refs")), { QStringLiteral("*.lock") }, QDir::Files | QDir::Hidden,
                      QDirIterator::Subdirectories);
    while (refs.hasNext())
        QFile::remove(refs.next());
}

using RemotePtr = GitHandle<git_remote, git_remote_free>;
using CommitPtr = GitHandle<git_commit, git_commit_free>;
using TreePtr = GitHandle<git_tree, git_tree_free>;
using TreeEntryPtr = GitHandle<git_tree_entry, git_tree_entry_free>;
using BlobPtr = GitHandle<git_blob, git_blob_free>;
using IndexPtr = GitHandle<git_index, git_index_free>;
using ReferencePtr = GitHandle<git_reference, git_reference_free>;
using SignaturePtr = GitHandle<git_signature, git_signature_free>;
using RevwalkPtr = GitHandle<git_revwalk, git_revwalk_free>;
using PatchPtr = GitHandle<git_patch, git_patch_free>;

constexpr int MaxCredentialAttempts = 3;

// Shared by every callback of one network operation (libgit2 gives all
// callbacks the same payload).
struct NetworkState {
    NetworkState(const QString &user, const QString &password)
        : username(user.toUtf8())
        , token(password.toUtf8())
    {
    }
    QByteArray username;
    QByteArray token;
    int credentialAttempts = 0;
    bool authenticationFailed = false;
    bool interrupted = false;
    QString rejectedStatus;
    RemoteMessages remote;
};

int acquireCredential(git_credential **out, const char *, const char *, unsigned int allowedTypes, void *payload)
{
    auto *state = static_cast<NetworkState *>(payload);
    if (!(allowedTypes & GIT_CREDENTIAL_USERPASS_PLAINTEXT)) {
        return GIT_PASSTHROUGH;
    }
    // libgit2 asks again after every 401 and would loop forever on a wrong token.
    if (state->token.isEmpty() || ++state->credentialAttempts > MaxCredentialAttempts) {
        state->authenticationFailed = true;
        return GIT_EUSER;
    }
    return git_credential_userpass_plaintext_new(out, state->username.constData(), state->token.constData());
}

int transferProgress(const git_indexer_progress *, void *payload)
{
    auto *state = static_cast<NetworkState *>(payload);
    if (QThread::currentThread()->isInterruptionRequested()) {
        state->interrupted = true;
        return -1;
    }
    return 0;
}

int pushUpdateReference(const char *, const char *status, void *payload)
{
    if (status) {
        static_cast<NetworkState *>(payload)->rejectedStatus = QString::fromUtf8(status);
    }
    return 0;
}

void setCallbacks(git_remote_callbacks &callbacks, NetworkState &state)
{
    callbacks.credentials = acquireCredential;
    callbacks.transfer_progress = transferProgress;
    callbacks.push_update_reference = pushUpdateReference;
    callbacks.sideband_progress = [](const char *text, int length, void *payload) {
        static_cast<NetworkState *>(payload)->remote.feed(text, length);
        return 0;
    };
    callbacks.payload = &state;
}

QString libgit2Message()
{
    const git_error *error = git_error_last();
    return error && error->message ? QString::fromUtf8(error->message).trimmed() : QString();
}

QString oidString(const git_oid *oid)
{
    char buffer[GIT_OID_MAX_HEXSIZE + 1] = {};
    git_oid_tostr(buffer, sizeof buffer, oid);
    return QString::fromLatin1(buffer);
}

git_oid parseOid(const QString &id)
{
    git_oid oid;
    if (git_oid_fromstr(&oid, id.toLatin1().constData()) != 0) {
        throw GitError { GitFailure::General, GitWorker::tr("%1 is not a commit id.").arg(id) };
    }
    return oid;
}

GitCommitInfo commitInfo(const git_commit *commit)
{
    GitCommitInfo info;
    info.id = oidString(git_commit_id(commit));
    info.summary = QString::fromUtf8(git_commit_summary(const_cast<git_commit *>(commit)));
    info.message = QString::fromUtf8(git_commit_message(commit)).trimmed();
    const git_signature *author = git_commit_author(commit);
    info.authorName = QString::fromUtf8(author->name);
    info.authorEmail = QString::fromUtf8(author->email);
    info.when
        = QDateTime::fromSecsSinceEpoch(author->when.time, QTimeZone::fromSecondsAheadOfUtc(author->when.offset * 60));
    return info;
}

// Paths come from the repository listing, but a path is also a trust boundary:
// never let one escape the work tree or touch .git.
void requireSafePath(const QString &path)
{
    const QStringList parts = path.split(QLatin1Char('/'));
    bool safe = !path.isEmpty() && !path.startsWith(QLatin1Char('/')) && !path.contains(QChar(0));
    for (const QString &part : parts) {
        if (part.isEmpty() || part == QLatin1String(".") || part == QLatin1String("..")
            || part.compare(QLatin1String(".git"), Qt::CaseInsensitive) == 0) {
            safe = false;
        }
    }
    if (!safe) {
        throw GitError { GitFailure::General,
                         GitWorker::tr("The path \"%1\" is not a file inside the repository.").arg(path) };
    }
}

QString symlinkRefusal(const QString &path, const QByteArray &target)
{
    return GitWorker::tr("%1 is a symbolic link (to %2), not a file: Dockmaster does not open, edit or commit through "
                         "links. Replace it in the repository itself.")
        .arg(UntrustedText::line(path, 200), UntrustedText::line(QString::fromUtf8(target), 200));
}

QString unifiedDiff(const QByteArray &before, const QByteArray &after, const QString &path)
{
    git_diff_options options = GIT_DIFF_OPTIONS_INIT;
    options.context_lines = 3;
    const QByteArray oldPath = path.toUtf8(); // libgit2 adds the a/ and b/ prefixes
    const QByteArray newPath = oldPath;
    git_patch *rawPatch = nullptr;
    if (git_patch_from_buffers(&rawPatch, before.constData(), size_t(before.size()), oldPath.constData(),
                               after.constData(), size_t(after.size()), newPath.constData(), &options)
        != 0) {
        throw GitError { GitFailure::General, GitWorker::tr("Could not compute the diff: %1").arg(libgit2Message()) };
    }
    PatchPtr patch(rawPatch);
    if (git_patch_num_hunks(patch.get()) == 0) {
        return QString();
    }
    git_buf buffer = { nullptr, 0, 0 };
    git_patch_to_buf(&buffer, patch.get());
    const QString text = QString::fromUtf8(buffer.ptr, qsizetype(buffer.size));
    git_buf_dispose(&buffer);
    return text;
}

// The commit `id`; a GitError when the repository does not have it.
CommitPtr lookupCommit(git_repository *repository, const QString &id)
{
    const git_oid oid = parseOid(id);
    git_commit *rawCommit = nullptr;
    if (git_commit_lookup(&rawCommit, repository, &oid) != 0) {
        throw GitError { GitFailure::General, GitWorker::tr("Commit %1 was not found: %2").arg(id, libgit2Message()) };
    }
    return CommitPtr(rawCommit);
}

// The entry at `path` in commit `id`'s tree; null when there is none.
TreeEntryPtr entryInCommit(git_repository *repository, const QString &id, const QString &path)
{
    const CommitPtr commit = lookupCommit(repository, id);
    git_tree *rawTree = nullptr;
    if (git_commit_tree(&rawTree, commit.get()) != 0) {
        throw GitError { GitFailure::General, GitWorker::tr("Could not read commit %1: %2").arg(id, libgit2Message()) };
    }
    TreePtr tree(rawTree);
    git_tree_entry *rawEntry = nullptr;
    if (git_tree_entry_bypath(&rawEntry, tree.get(), path.toUtf8().constData()) != 0) {
        return TreeEntryPtr(nullptr);
    }
    return TreeEntryPtr(rawEntry);
}

// The commit `base` and a private index holding its tree: a new commit is
// built there, so the work tree and the repository's index never hold a
// half-made commit.
struct StagingArea {
    CommitPtr parent;
    IndexPtr index;
};

StagingArea stageOn(git_repository *repository, const QString &base)
{
    StagingArea area { lookupCommit(repository, base), IndexPtr(nullptr) };
    git_tree *rawTree = nullptr;
    git_commit_tree(&rawTree, area.parent.get());
    TreePtr parentTree(rawTree);
    git_index *rawIndex = nullptr;
    if (git_index_new(&rawIndex) != 0) {
        throw GitError { GitFailure::General, GitWorker::tr("Could not prepare the commit: %1").arg(libgit2Message()) };
    }
    area.index = IndexPtr(rawIndex);
    git_index_read_tree(area.index.get(), parentTree.get());
    return area;
}

// Authentication and cancellation end a network call at once, whatever the
// retry policy says.
void throwIfRefusedOrCancelled(const NetworkState &state, const QString &displayUrl, const QString &cancelled)
{
    if (state.authenticationFailed) {
        throw GitError { GitFailure::Authentication,
                         GitWorker::tr("The server %1 refused the access token. Check that the token is valid and "
                                       "may read and write the repository.")
                             .arg(displayUrl) };
    }
    if (state.interrupted)
        throw GitError { GitFailure::Interrupted, cancelled };
}

QString triesNote(const GitRetry &retry)
{
    return retry.retries() > 0 ? QLatin1Char(' ') + GitWorker::tr("(tried %n time(s))", nullptr, retry.retries() + 1)
                               : QString();
}

// One push of refspec to origin; state keeps what the server said.
int pushToOrigin(git_repository *repository, QByteArray refspec, NetworkState &state)
{
    git_remote *rawRemote = nullptr;
    git_remote_lookup(&rawRemote, repository, "origin");
    const RemotePtr remote(rawRemote);
    git_push_options options = GIT_PUSH_OPTIONS_INIT;
    setCallbacks(options.callbacks, state);
    char *refspecs[] = { refspec.data() };
    const git_strarray refspecArray = { refspecs, 1 };
    return git_remote_push(remote.get(), &refspecArray, &options);
}

} // namespace

GitWorker::GitWorker(QString cacheRoot)
    : m_cacheRoot(std::move(cacheRoot))
{
}

GitWorker::~GitWorker()
{
    git_repository_free(m_repository);
}

void GitWorker::requireRepository() const
{
    if (!m_repository) {
        throw GitError { GitFailure::General, tr("No repository is open.") };
    }
}

QString GitWorker::displayUrl() const
{
    return m_url.toString(QUrl::RemoveUserInfo);
}

void GitWorker::fetch()
{
    RemotePtr remote;
    {
        git_remote *raw = nullptr;
        if (git_remote_lookup(&raw, m_repository, "origin") != 0) {
            throw GitError { GitFailure::General, tr("The repository has no origin remote: %1").arg(libgit2Message()) };
        }
        remote.reset(raw);
    }
    GitRetry retry(m_retryPolicy);
    for (;;) {
        NetworkState state(m_username, m_token);
        git_fetch_options options = GIT_FETCH_OPTIONS_INIT;
        options.prune = GIT_FETCH_PRUNE;
        setCallbacks(options.callbacks, state);
        if (git_remote_fetch(remote.get(), nullptr, &options, "dockmaster: fetch") == 0)
            return;
        throwIfRefusedOrCancelled(state, displayUrl(), tr("Fetching was cancelled."));
        const QString error = libgit2Message();
        if (!retry.waitBeforeRetry(GitRetry::lastFailure(), error))
            throw GitError { GitFailure::General,
                             tr("Could not fetch from %1: %2").arg(displayUrl(), error) + triesNote(retry) };
    }
}

QString GitWorker::localHead() const
{
    git_oid oid;
    const QByteArray ref = "refs/heads/" + m_branch.toUtf8();
    if (git_reference_name_to_id(&oid, m_repository, ref.constData()) != 0) {
        throw GitError { GitFailure::General, tr("The branch %1 is not checked out.").arg(m_branch) };
    }
    return oidString(&oid);
}

QString GitWorker::remoteHead() const
{
    git_oid oid;
    const QByteArray ref = "refs/remotes/origin/" + m_branch.toUtf8();
    if (git_reference_name_to_id(&oid, m_repository, ref.constData()) != 0) {
        throw GitError { GitFailure::General, tr("The branch %1 does not exist on %2.").arg(m_branch, displayUrl()) };
    }
    return oidString(&oid);
}

// The workspace mirrors the server: the local branch always follows the
// remote one; edits live in the editor until they are pushed.
void GitWorker::resetBranchTo(const QString &commitId)
{
    const git_oid oid = parseOid(commitId);
    const CommitPtr commit = lookupCommit(m_repository, commitId);
    const QByteArray ref = "refs/heads/" + m_branch.toUtf8();
    git_reference *rawRef = nullptr;
    if (git_reference_create(&rawRef, m_repository, ref.constData(), &oid, 1, "dockmaster: follow remote") != 0) {
        throw GitError { GitFailure::General,
                         tr("Could not update the branch %1: %2").arg(m_branch, libgit2Message()) };
    }
    ReferencePtr reference(rawRef);
    git_checkout_options checkout = GIT_CHECKOUT_OPTIONS_INIT;
    checkout.checkout_strategy = GIT_CHECKOUT_FORCE | GIT_CHECKOUT_REMOVE_UNTRACKED;
    if (git_checkout_tree(m_repository, reinterpret_cast<const git_object *>(commit.get()), &checkout) != 0
        || git_repository_set_head(m_repository, ref.constData()) != 0) {
        throw GitError { GitFailure::General, tr("Could not check out %1: %2").arg(m_branch, libgit2Message()) };
    }
}

bool GitWorker::readBlob(const QString &commitId, const QString &path, QByteArray *content) const
{
    const TreeEntryPtr entry = entryInCommit(m_repository, commitId, path);
    if (!entry || git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB) {
        content->clear();
        return false;
    }
    git_blob *rawBlob = nullptr;
    if (git_blob_lookup(&rawBlob, m_repository, git_tree_entry_id(entry.get())) != 0) {
        throw GitError { GitFailure::General, tr("Could not read %1: %2").arg(path, libgit2Message()) };
    }
    BlobPtr blob(rawBlob);
    *content = QByteArray(static_cast<const char *>(git_blob_rawcontent(blob.get())),
                          qsizetype(git_blob_rawsize(blob.get())));
    return true;
}

QStringList GitWorker::files() const
{
    const git_oid oid = parseOid(localHead());
    git_commit *rawCommit = nullptr;
    git_tree *rawTree = nullptr;
    if (git_commit_lookup(&rawCommit, m_repository, &oid) != 0) {
        throw GitError { GitFailure::General, tr("Could not read the branch head: %1").arg(libgit2Message()) };
    }
    CommitPtr commit(rawCommit);
    if (git_commit_tree(&rawTree, commit.get()) != 0) {
        throw GitError { GitFailure::General, tr("Could not read the branch head: %1").arg(libgit2Message()) };
    }
    TreePtr tree(rawTree);
    QStringList result;
    git_tree_walk(
        tree.get(), GIT_TREEWALK_PRE,
        [](const char *root, const git_tree_entry *entry, void *payload) -> int {
            if (git_tree_entry_type(entry) == GIT_OBJECT_BLOB) {
                static_cast<QStringList *>(payload)->append(QString::fromUtf8(root)
                                                            + QString::fromUtf8(git_tree_entry_name(entry)));
            }
            return 0;
        },
        &result);
    result.sort();
    return result;
}

QList<GitCommitInfo> GitWorker::commitsBetween(const QString &base, const QString &head, int maxCount) const
{
    git_revwalk *rawWalk = nullptr;
    if (git_revwalk_new(&rawWalk, m_repository) != 0) {
        return {};
    }
    RevwalkPtr walk(rawWalk);
    git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
    const git_oid headOid = parseOid(head);
    git_revwalk_push(walk.get(), &headOid);
    if (!base.isEmpty()) {
        const git_oid baseOid = parseOid(base);
        git_revwalk_hide(walk.get(), &baseOid);
    }
    QList<GitCommitInfo> result;
    git_oid oid;
    while (result.size() < maxCount && git_revwalk_next(&oid, walk.get()) == 0) {
        git_commit *rawCommit = nullptr;
        if (git_commit_lookup(&rawCommit, m_repository, &oid) == 0) {
            CommitPtr commit(rawCommit);
            result.append(commitInfo(commit.get()));
        }
    }
    return result;
}

GitOpened GitWorker::open(const QUrl &url, const QString &username, const QString &token, const QString &branch)
{
    attach(url, username, token, branch);
    return { localHead(), files(), unpushedCommits() };
}

void GitWorker::attach(const QUrl &url, const QString &username, const QString &token, const QString &branch)
{
    {
        // Never persist a token: the URL in .git/config carries no user info.
        m_url = url.adjusted(QUrl::RemoveUserInfo);
        m_username = username;
        m_token = token;
        m_branch = branch;
        if (!m_url.isValid() || m_url.scheme().isEmpty() || m_url.host().isEmpty()) {
            throw GitError { GitFailure::General, tr("\"%1\" is not a repository address.").arg(displayUrl()) };
        }
        const QByteArray hash = QCryptographicHash::hash(m_url.toString().toUtf8(), QCryptographicHash::Sha256).toHex();
        const QString name = m_url.fileName().remove(QStringLiteral(".git"));
        const QString folder
            = m_cacheRoot + QStringLiteral("/git/") + name + QLatin1Char('-') + QString::fromLatin1(hash.left(12));
        const QByteArray urlBytes = m_url.toString().toUtf8();

        git_repository_free(m_repository);
        m_repository = nullptr;
        if (QDir(folder + QStringLiteral("/.git")).exists()) {
            releaseLocksOfADeadOwner(folder + QStringLiteral("/.git"));
            if (git_repository_open(&m_repository, folder.toUtf8().constData()) != 0) {
                throw GitError { GitFailure::General,
                                 tr("Could not open the workspace %1: %2").arg(folder, libgit2Message()) };
            }
            git_remote_set_url(m_repository, "origin", urlBytes.constData());
            fetch();
        } else {
            GitRetry retry(m_retryPolicy);
            for (;;) {
                QDir(folder).removeRecursively(); // an interrupted clone leaves a half-made folder
                QDir().mkpath(folder);
                NetworkState state(m_username, m_token);
                git_clone_options options = GIT_CLONE_OPTIONS_INIT;
                // Checked out below, once links are turned off (withoutSymlinks).
                options.checkout_opts.checkout_strategy = GIT_CHECKOUT_NONE;
                setCallbacks(options.fetch_opts.callbacks, state);
                if (git_clone(&m_repository, urlBytes.constData(), folder.toUtf8().constData(), &options) == 0)
                    break;
                m_repository = nullptr;
                const QString error = libgit2Message();
                const GitRetry::Failure failure = GitRetry::lastFailure();
                QDir(folder).removeRecursively();
                throwIfRefusedOrCancelled(state, displayUrl(), tr("Cloning was cancelled."));
                if (!retry.waitBeforeRetry(failure, error))
                    throw GitError { GitFailure::General,
                                     tr("Could not clone %1: %2").arg(displayUrl(), error) + triesNote(retry) };
            }
        }
        ProcessOwner::mark(folder + QStringLiteral("/.git"), CloneOwnerFile);
        withoutSymlinks();
        keepUnpushedCommits();
        resetBranchTo(remoteHead());
        dropKeptAlreadyOnBranch();
    }
}

// Whoever can push to the repository can commit a link (conf/x -> /etc/passwd):
// checked out as a plain file holding the target's name, nothing that reads
// the working folder can follow it.
void GitWorker::withoutSymlinks()
{
    git_config *rawConfig = nullptr;
    if (git_repository_config(&rawConfig, m_repository) != 0)
        throw GitError { GitFailure::General, tr("Could not read the workspace settings: %1").arg(libgit2Message()) };
    const std::unique_ptr<git_config, decltype(&git_config_free)> config(rawConfig, &git_config_free);
    if (git_config_set_bool(config.get(), "core.symlinks", 0) != 0)
        throw GitError { GitFailure::General, tr("Could not set up the workspace: %1").arg(libgit2Message()) };
}

QByteArray GitWorker::unpushedRef(const QString &commitId) const
{
    return "refs/dockmaster/unpushed/" + m_branch.toUtf8() + '/' + commitId.toLatin1();
}

// The workspace follows the server, but a local branch ahead of it holds a
// commit whose push never completed (a crash between commit and push): keep
// it under refs/dockmaster/unpushed/ before the reset, never throw it away.
void GitWorker::keepUnpushedCommits()
{
    git_oid local;
    git_oid remote;
    const QByteArray localRef = "refs/heads/" + m_branch.toUtf8();
    const QByteArray remoteRef = "refs/remotes/origin/" + m_branch.toUtf8();
    if (git_reference_name_to_id(&local, m_repository, localRef.constData()) != 0
        || git_reference_name_to_id(&remote, m_repository, remoteRef.constData()) != 0)
        return;
    if (git_oid_equal(&local, &remote) || git_graph_descendant_of(m_repository, &remote, &local) == 1)
        return;
    const QString id = oidString(&local);
    git_reference *kept = nullptr;
    if (git_reference_create(&kept, m_repository, unpushedRef(id).constData(), &local, 1,
                             "dockmaster: keep an unpushed commit")
        != 0) {
        throw GitError { GitFailure::General,
                         tr("Could not keep the unpushed commit %1: %2").arg(id.left(8), libgit2Message()) };
    }
    git_reference_free(kept);
    qCWarning(lcGit).noquote() << "kept unpushed commit" << id << "of" << m_branch;
}

// A kept commit whose every change is on the branch already has nothing
// left to offer: it reached the server before a crash dropped its ref, or
// someone made the very same change.
void GitWorker::dropKeptAlreadyOnBranch()
{
    const QString head = remoteHead();
    if (head.isEmpty())
        return;
    const auto sameEntry = [this, &head](const QString &commit, const QString &path) {
        const TreeEntryPtr ours = entryInCommit(m_repository, commit, path);
        const TreeEntryPtr theirs = entryInCommit(m_repository, head, path);
        if (!ours || !theirs)
            return !ours && !theirs; // deleted on both
        return git_oid_equal(git_tree_entry_id(ours.get()), git_tree_entry_id(theirs.get()))
            && git_tree_entry_filemode(ours.get()) == git_tree_entry_filemode(theirs.get());
    };
    for (const GitUnpushedCommit &kept : unpushedCommits()) {
        const bool onBranch = !kept.paths.isEmpty()
            && std::all_of(kept.paths.cbegin(), kept.paths.cend(),
                           [&](const QString &path) { return sameEntry(kept.commit.id, path); });
        if (onBranch && git_reference_remove(m_repository, unpushedRef(kept.commit.id).constData()) == 0)
            qCInfo(lcGit).noquote() << "kept commit" << kept.commit.id << "is on" << m_branch << "already; dropped";
    }
}

QList<GitUnpushedCommit> GitWorker::unpushedCommits() const
{
    QList<GitUnpushedCommit> result;
    git_reference_iterator *rawIterator = nullptr;
    const QByteArray glob = unpushedRef(QStringLiteral("*"));
    if (git_reference_iterator_glob_new(&rawIterator, m_repository, glob.constData()) != 0)
        return result;
    const std::unique_ptr<git_reference_iterator, GitFree<git_reference_iterator_free>> iterator(rawIterator);
    git_reference *rawRef = nullptr;
    while (git_reference_next(&rawRef, iterator.get()) == 0) {
        const ReferencePtr ref(rawRef);
        const git_oid *target = git_reference_target(ref.get());
        if (target)
            result.append(unpushedCommit(oidString(target)));
    }
    std::sort(result.begin(), result.end(),
              [](const GitUnpushedCommit &a, const GitUnpushedCommit &b) { return a.commit.when < b.commit.when; });
    return result;
}

// Only a commit that was kept, named by its full id.
git_oid GitWorker::requireKept(const QString &commitId) const
{
    git_oid oid;
    if (git_reference_name_to_id(&oid, m_repository, unpushedRef(commitId).constData()) != 0) {
        throw GitError { GitFailure::General,
                         tr("%1 is not an unpushed commit of %2.").arg(commitId.left(8), m_branch) };
    }
    return oid;
}

GitUnpushedCommit GitWorker::unpushedCommit(const QString &commitId) const
{
    const git_oid oid = requireKept(commitId);
    git_commit *rawCommit = nullptr;
    if (git_commit_lookup(&rawCommit, m_repository, &oid) != 0)
        throw GitError { GitFailure::General, tr("Could not read the commit %1: %2").arg(commitId, libgit2Message()) };
    const CommitPtr commit(rawCommit);
    GitUnpushedCommit kept;
    kept.commit = commitInfo(commit.get());
    git_commit *rawParent = nullptr;
    git_tree *rawParentTree = nullptr;
    if (git_commit_parent(&rawParent, commit.get(), 0) == 0) {
        const CommitPtr parent(rawParent);
        kept.parent = oidString(git_commit_id(parent.get()));
        git_commit_tree(&rawParentTree, parent.get());
    }
    const TreePtr parentTree(rawParentTree);
    git_tree *rawTree = nullptr;
    git_commit_tree(&rawTree, commit.get());
    const TreePtr tree(rawTree);
    git_diff *rawDiff = nullptr;
    if (git_diff_tree_to_tree(&rawDiff, m_repository, parentTree.get(), tree.get(), nullptr) == 0) {
        const std::unique_ptr<git_diff, GitFree<git_diff_free>> diff(rawDiff);
        for (size_t i = 0; i < git_diff_num_deltas(diff.get()); ++i) {
            const git_diff_delta *delta = git_diff_get_delta(diff.get(), i);
            kept.paths.append(QString::fromUtf8(delta->new_file.path));
        }
    }
    return kept;
}

GitPushResult GitWorker::pushUnpushed(const QString &commitId)
{
    requireRepository();
    const GitUnpushedCommit kept = unpushedCommit(commitId);
    if (kept.paths.size() != 1 || kept.parent.isEmpty()) {
        throw GitError { GitFailure::General,
                         tr("The unpushed commit %1 changes %n file(s); Dockmaster pushes one file at a time. Keep "
                            "it as a branch and merge it on GitLab.",
                            nullptr, int(kept.paths.size()))
                             .arg(kept.commit.shortId()) };
    }
    const QString path = kept.paths.constFirst();
    QByteArray content;
    if (!readBlob(commitId, path, &content)) {
        throw GitError {
            GitFailure::General,
            tr("The unpushed commit %1 deletes %2; delete it on GitLab instead.").arg(kept.commit.shortId(), path)
        };
    }
    const GitAuthor author { kept.commit.authorName, kept.commit.authorEmail };
    GitPushResult pushed = commitAndPush(path, content, kept.commit.message, author, kept.parent);
    if (!pushed.rejection)
        discardUnpushed(commitId);
    return pushed;
}

QString GitWorker::keepUnpushedAsBranch(const QString &commitId)
{
    requireRepository();
    const GitUnpushedCommit kept = unpushedCommit(commitId);
    // Outside env/: no environment deploys from it.
    const QString branch = QStringLiteral("dockmaster/unpushed/%1-%2").arg(m_branch, kept.commit.shortId());
    const QByteArray refspec = unpushedRef(commitId) + ":refs/heads/" + branch.toUtf8();
    GitRetry retry(m_retryPolicy);
    for (;;) {
        NetworkState state(m_username, m_token);
        const int result = pushToOrigin(m_repository, refspec, state);
        const QString error = libgit2Message();
        if (result == 0 && state.rejectedStatus.isEmpty())
            break;
        throwIfRefusedOrCancelled(state, displayUrl(), tr("Pushing was cancelled."));
        // Pushing the same commit to the same new branch again is harmless.
        if (!state.rejectedStatus.isEmpty() || !retry.waitBeforeRetry(GitRetry::lastFailure(), error)) {
            throw GitError { GitFailure::General,
                             tr("Could not push the branch %1: %2")
                                     .arg(branch, state.rejectedStatus.isEmpty() ? error : state.rejectedStatus)
                                 + triesNote(retry) };
        }
    }
    discardUnpushed(commitId);
    return branch;
}

void GitWorker::discardUnpushed(const QString &commitId)
{
    requireRepository();
    requireKept(commitId);
    if (git_reference_remove(m_repository, unpushedRef(commitId).constData()) != 0) {
        throw GitError { GitFailure::General,
                         tr("Could not drop the unpushed commit %1: %2").arg(commitId.left(8), libgit2Message()) };
    }
}

QStringList GitWorker::listFiles()
{
    requireRepository();
    return files();
}

GitFile GitWorker::readFile(const QString &path, const QString &commit)
{
    requireRepository();
    requireSafePath(path);
    const QString at = commit.isEmpty() ? localHead() : commit;
    QByteArray content;
    if (!readBlob(at, path, &content)) {
        throw GitError { GitFailure::General, tr("%1 does not exist in commit %2.").arg(path, at.left(8)) };
    }
    // A link's blob is its target: shown as a file, an edit would commit a
    // new target (/etc/passwd, ../../x) for the renderer and the deploy to follow.
    const TreeEntryPtr entry = entryInCommit(m_repository, at, path);
    if (entry && git_tree_entry_filemode(entry.get()) == GIT_FILEMODE_LINK)
        throw GitError { GitFailure::General, symlinkRefusal(path, content) };
    return { path, at, content };
}

// Pushes the local branch without force. True when the server took it; false
// when it was not a fast-forward (the branch is then back at base and the
// remote-tracking ref shows the server's head); throws on any other failure.
// A push that failed in transit is tried again only after the remote branch
// was read back: the server may have taken it and lost only the answer, and a
// push must never be applied twice.
bool GitWorker::pushBranch(const QString &base)
{
    const QString ours = localHead();
    GitRetry retry(m_retryPolicy);
    const QByteArray branchRef = "refs/heads/" + m_branch.toUtf8();
    for (;;) {
        NetworkState state(m_username, m_token);
        const int result = pushToOrigin(m_repository, branchRef + ':' + branchRef, state);
        const QString pushError = libgit2Message();
        if (result == 0 && state.rejectedStatus.isEmpty()) {
            return true;
        }
        const bool inTransit = result != 0 && result != GIT_ENONFASTFORWARD && state.rejectedStatus.isEmpty()
            && !state.authenticationFailed && !state.interrupted;
        const GitRetry::Failure failure = inTransit ? GitRetry::lastFailure() : GitRetry::Failure::Final;
        if (failure != GitRetry::Failure::Final) {
            QString remoteNow;
            try {
                fetch();
                remoteNow = remoteHead();
            } catch (const GitError &) {
                resetBranchTo(base);
                throw;
            }
            if (remoteNow == ours) {
                qCInfo(lcGit).noquote() << "the push to" << m_branch << "had arrived; only its answer was lost";
                return true;
            }
            if (remoteNow != base) {
                // Someone else pushed meanwhile: the same as a non-fast-forward.
                resetBranchTo(base);
                return false;
            }
            if (retry.waitBeforeRetry(failure, pushError))
                continue;
        }
        // The commit was not accepted: go back to mirroring the server.
        resetBranchTo(base);
        throwIfRefusedOrCancelled(state, displayUrl(), tr("Pushing was cancelled."));
        if (result != 0 && result != GIT_ENONFASTFORWARD) {
            throw GitError { GitFailure::General,
                             tr("Could not push to %1: %2").arg(displayUrl(), pushError) + triesNote(retry) };
        }
        fetch();
        if (remoteHead() == base) {
            // Refused for another reason (protected branch, hook): nothing upstream to merge.
            const QString reasons = state.remote.reasons();
            throw GitError { GitFailure::General,
                             tr("The server refused the push to %1: %2")
                                 .arg(m_branch, reasons.isEmpty() ? state.rejectedStatus : reasons) };
        }
        return false;
    }
}

GitPushResult GitWorker::commitAndPush(const QString &path, const QByteArray &content, const QString &message,
                                       const GitAuthor &author, const QString &baseCommit)
{
    requireRepository();
    requireSafePath(path);
    if (message.trimmed().isEmpty()) {
        throw GitError { GitFailure::General, tr("A commit needs a message.") };
    }
    const QString base = baseCommit.isEmpty() ? localHead() : baseCommit;
    auto [parent, index] = stageOn(m_repository, base);
    const QByteArray pathBytes = path.toUtf8();
    // Never write through a link, at the path or at a folder above it.
    QList<QByteArray> prefixes;
    for (qsizetype slash = pathBytes.indexOf('/'); slash > 0; slash = pathBytes.indexOf('/', slash + 1))
        prefixes.append(pathBytes.left(slash));
    prefixes.append(pathBytes);
    for (const QByteArray &prefix : std::as_const(prefixes)) {
        const git_index_entry *above = git_index_get_bypath(index.get(), prefix.constData(), 0);
        if (above && above->mode == GIT_FILEMODE_LINK) {
            QByteArray target;
            readBlob(base, QString::fromUtf8(prefix), &target);
            throw GitError { GitFailure::General, symlinkRefusal(QString::fromUtf8(prefix), target) };
        }
    }
    git_index_entry entry = {};
    entry.mode = GIT_FILEMODE_BLOB;
    if (const git_index_entry *existing = git_index_get_bypath(index.get(), pathBytes.constData(), 0)) {
        entry.mode = existing->mode;
    }
    entry.path = pathBytes.constData();
    git_oid treeOid;
    if (git_blob_create_from_buffer(&entry.id, m_repository, content.constData(), size_t(content.size())) != 0
        || git_index_add(index.get(), &entry) != 0
        || git_index_write_tree_to(&treeOid, index.get(), m_repository) != 0) {
        throw GitError { GitFailure::General, tr("Could not prepare the commit: %1").arg(libgit2Message()) };
    }
    if (git_oid_equal(&treeOid, git_commit_tree_id(parent.get()))) {
        throw GitError { GitFailure::General, tr("Nothing to commit: %1 is unchanged.").arg(path) };
    }
    git_tree *rawNewTree = nullptr;
    git_tree_lookup(&rawNewTree, m_repository, &treeOid);
    TreePtr newTree(rawNewTree);
    git_signature *rawSignature = nullptr;
    if (git_signature_now(&rawSignature, author.name.toUtf8().constData(), author.email.toUtf8().constData()) != 0) {
        throw GitError { GitFailure::General,
                         tr("The author \"%1 <%2>\" is not valid for git.").arg(author.name, author.email) };
    }
    SignaturePtr signature(rawSignature);
    const git_commit *parents[] = { parent.get() };
    git_oid commitOid;
    if (git_commit_create(&commitOid, m_repository, nullptr, signature.get(), signature.get(), nullptr,
                          message.toUtf8().constData(), newTree.get(), 1, parents)
        != 0) {
        throw GitError { GitFailure::General, tr("Could not create the commit: %1").arg(libgit2Message()) };
    }
    const QString commitId = oidString(&commitOid);
    resetBranchTo(commitId);

    if (pushBranch(base)) {
        return { path, commitId, std::nullopt };
    }
    const QString head = remoteHead();
    GitPushRejection rejection;
    rejection.path = path;
    rejection.baseCommit = base;
    rejection.remoteHead = head;
    QByteArray before;
    QByteArray after;
    readBlob(base, path, &before);
    readBlob(head, path, &after);
    rejection.fileChangedUpstream = before != after;
    rejection.upstreamDiff = unifiedDiff(before, after, path);
    rejection.upstreamCommits = commitsBetween(base, head, 50);
    return { path, QString(), rejection };
}

GitRebaseResult GitWorker::rebaseEdit(const QString &path, const QByteArray &content, const QString &baseCommit)
{
    requireRepository();
    requireSafePath(path);
    fetch();
    const QString head = remoteHead();
    QByteArray ancestor;
    QByteArray theirs;
    readBlob(baseCommit, path, &ancestor);
    readBlob(head, path, &theirs);
    GitRebaseResult result;
    result.path = path;
    result.newBase = head;
    if (ancestor == theirs) {
        result.content = content;
    } else {
        const QByteArray pathBytes = path.toUtf8();
        git_merge_file_input ancestorInput = GIT_MERGE_FILE_INPUT_INIT;
        ancestorInput.ptr = ancestor.constData();
        ancestorInput.size = size_t(ancestor.size());
        ancestorInput.path = pathBytes.constData();
        git_merge_file_input oursInput = ancestorInput;
        oursInput.ptr = content.constData();
        oursInput.size = size_t(content.size());
        git_merge_file_input theirsInput = ancestorInput;
        theirsInput.ptr = theirs.constData();
        theirsInput.size = size_t(theirs.size());
        git_merge_file_options options = GIT_MERGE_FILE_OPTIONS_INIT;
        const QByteArray base = "base";
        const QByteArray mine = "mine";
        const QByteArray upstream = "upstream";
        options.ancestor_label = base.constData();
        options.our_label = mine.constData();
        options.their_label = upstream.constData();
        git_merge_file_result merged = {};
        if (git_merge_file(&merged, &ancestorInput, &oursInput, &theirsInput, &options) != 0) {
            throw GitError { GitFailure::General, tr("Could not merge %1: %2").arg(path, libgit2Message()) };
        }
        result.content = QByteArray(merged.ptr, qsizetype(merged.len));
        result.conflicts = !merged.automergeable;
        git_merge_file_result_free(&merged);
    }
    resetBranchTo(head);
    return result;
}

GitFile GitWorker::discardEdit(const QString &path)
{
    requireRepository();
    requireSafePath(path);
    fetch();
    const QString head = remoteHead();
    resetBranchTo(head);
    QByteArray content;
    if (!readBlob(head, path, &content)) {
        throw GitError { GitFailure::General, tr("%1 was removed upstream.").arg(path) };
    }
    return { path, head, content };
}

template<typename Visit> void GitWorker::walkHistory(bool firstParentOnly, Visit &&visit) const
{
    git_revwalk *rawWalk = nullptr;
    if (git_revwalk_new(&rawWalk, m_repository) != 0) {
        throw GitError { GitFailure::General, tr("Could not read the history: %1").arg(libgit2Message()) };
    }
    RevwalkPtr walk(rawWalk);
    git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
    if (firstParentOnly) {
        git_revwalk_simplify_first_parent(walk.get());
    }
    const git_oid headOid = parseOid(localHead());
    git_revwalk_push(walk.get(), &headOid);
    git_oid oid;
    while (git_revwalk_next(&oid, walk.get()) == 0) {
        if (QThread::currentThread()->isInterruptionRequested()) {
            throw GitError { GitFailure::Interrupted, tr("Reading the history was cancelled.") };
        }
        git_commit *rawCommit = nullptr;
        if (git_commit_lookup(&rawCommit, m_repository, &oid) != 0) {
            continue;
        }
        CommitPtr commit(rawCommit);
        const QString parent
            = git_commit_parentcount(commit.get()) > 0 ? oidString(git_commit_parent_id(commit.get(), 0)) : QString();
        if (!visit(commit.get(), oidString(&oid), parent)) {
            return;
        }
    }
}

QList<GitHistoryEntry> GitWorker::history(const QString &path, int maxCount)
{
    requireRepository();
    requireSafePath(path);
    QList<GitHistoryEntry> entries;
    if (maxCount <= 0) {
        return entries;
    }
    walkHistory(false, [&](const git_commit *commit, const QString &id, const QString &parent) {
        QByteArray now;
        const bool existsNow = readBlob(id, path, &now);
        QByteArray before;
        const bool existedBefore = !parent.isEmpty() && readBlob(parent, path, &before);
        if (existsNow != existedBefore || now != before) {
            entries.append({ commitInfo(commit), unifiedDiff(before, now, path) });
        }
        return entries.size() < maxCount;
    });
    return entries;
}

QString GitWorker::diffText(const QString &path, const QByteArray &text, const QString &commit)
{
    requireRepository();
    requireSafePath(path);
    QByteArray committed;
    readBlob(commit.isEmpty() ? localHead() : commit, path, &committed);
    return unifiedDiff(committed, text, path);
}

QString GitWorker::gitlinkAt(const QString &commitId, const QString &path) const
{
    const TreeEntryPtr entry = entryInCommit(m_repository, commitId, path);
    if (!entry || git_tree_entry_filemode(entry.get()) != GIT_FILEMODE_COMMIT) {
        return {};
    }
    return oidString(git_tree_entry_id(entry.get()));
}

GitlinkMoveResult GitWorker::moveGitlink(const QUrl &url, const QString &username, const QString &token,
                                         const QString &branch, const GitlinkMove &move)
{
    requireSafePath(move.path);
    static const QRegularExpression fullId(QStringLiteral("^[0-9a-f]{40}$"));
    if (!fullId.match(move.target).hasMatch()) {
        throw GitError {
            GitFailure::General,
            tr("\"%1\" is not a full commit id; a deployment is always pinned by its SHA.").arg(move.target)
        };
    }
    if (move.message.trimmed().isEmpty()) {
        throw GitError { GitFailure::General, tr("A commit needs a message.") };
    }
    attach(url, username, token, branch);
    const QString base = localHead();

    if (!move.guardLine.isEmpty()) {
        // Look before committing: a move that is already on the branch
        // (another console won, or this one died before its bookkeeping)
        // must never be deployed twice.
        const QList<GitCommitInfo> recent = commitsBetween(QString(), base, std::max(1, move.guardDepth));
        for (const GitCommitInfo &info : recent) {
            const QStringList lines = info.message.split(QLatin1Char('\n'));
            const bool found = std::any_of(lines.cbegin(), lines.cend(),
                                           [&](const QString &line) { return line.trimmed() == move.guardLine; });
            if (found) {
                GitlinkMoveResult result;
                result.alreadyPresent = true;
                result.commit = info.id;
                result.previousTarget = gitlinkAt(info.id, move.path);
                result.info = info;
                return result;
            }
        }
    }

    auto [parent, index] = stageOn(m_repository, base);
    const QByteArray pathBytes = move.path.toUtf8();
    const git_index_entry *existing = git_index_get_bypath(index.get(), pathBytes.constData(), 0);
    if (!existing || existing->mode != GIT_FILEMODE_COMMIT) {
        // Only an existing submodule is moved: a missing one means the
        // branch is not an environment branch of a management repository.
        throw GitError { GitFailure::General,
                         tr("The branch %1 of %2 has no submodule \"%3\".").arg(m_branch, displayUrl(), move.path) };
    }
    GitlinkMoveResult result;
    result.parent = base;
    result.previousTarget = oidString(&existing->id);
    if (!move.expectedCurrent.isEmpty() && move.expectedCurrent != result.previousTarget) {
        throw GitError { GitFailure::General,
                         tr("%1 of %2 now runs %3, not %4 as when this change was prepared. Nothing was "
                            "committed; review the change again.")
                             .arg(m_branch, displayUrl(), result.previousTarget.left(12),
                                  move.expectedCurrent.left(12)) };
    }
    git_index_entry entry = *existing;
    entry.path = pathBytes.constData();
    entry.id = parseOid(move.target);
    git_oid treeOid;
    if (git_index_add(index.get(), &entry) != 0 || git_index_write_tree_to(&treeOid, index.get(), m_repository) != 0) {
        throw GitError { GitFailure::General, tr("Could not prepare the commit: %1").arg(libgit2Message()) };
    }
    git_tree *rawNewTree = nullptr;
    git_tree_lookup(&rawNewTree, m_repository, &treeOid);
    TreePtr newTree(rawNewTree);
    git_signature *rawSignature = nullptr;
    if (git_signature_now(&rawSignature, move.author.name.toUtf8().constData(), move.author.email.toUtf8().constData())
        != 0) {
        throw GitError { GitFailure::General,
                         tr("The author \"%1 <%2>\" is not valid for git.").arg(move.author.name, move.author.email) };
    }
    SignaturePtr signature(rawSignature);
    const git_commit *parents[] = { parent.get() };
    git_oid commitOid;
    // An unchanged tree is allowed: re-deploying the live version is a
    // deliberate, recorded action.
    if (git_commit_create(&commitOid, m_repository, nullptr, signature.get(), signature.get(), nullptr,
                          move.message.toUtf8().constData(), newTree.get(), 1, parents)
        != 0) {
        throw GitError { GitFailure::General, tr("Could not create the commit: %1").arg(libgit2Message()) };
    }
    result.commit = oidString(&commitOid);
    resetBranchTo(result.commit);
    if (pushBranch(base)) {
        git_commit *rawCommit = nullptr;
        if (git_commit_lookup(&rawCommit, m_repository, &commitOid) == 0) {
            CommitPtr made(rawCommit);
            result.info = commitInfo(made.get());
        }
        return result;
    }
    GitPushRejection rejection;
    rejection.path = move.path;
    rejection.baseCommit = base;
    rejection.remoteHead = remoteHead();
    rejection.fileChangedUpstream = gitlinkAt(rejection.remoteHead, move.path) != result.previousTarget;
    rejection.upstreamCommits = commitsBetween(base, rejection.remoteHead, 50);
    GitlinkMoveResult refused;
    refused.rejection = rejection;
    return refused;
}

QList<GitlinkHistoryEntry> GitWorker::gitlinkHistory(const QUrl &url, const QString &username, const QString &token,
                                                     const QString &branch, const QString &path, int maxCount)
{
    requireSafePath(path);
    attach(url, username, token, branch);
    QList<GitlinkHistoryEntry> entries;
    if (maxCount <= 0) {
        return entries;
    }
    walkHistory(true, [&](const git_commit *commit, const QString &id, const QString &parent) {
        GitlinkHistoryEntry entry;
        entry.commit = commitInfo(commit);
        entry.target = gitlinkAt(id, path);
        entry.moved = entry.target != (parent.isEmpty() ? QString() : gitlinkAt(parent, path));
        entries.append(entry);
        return entries.size() < maxCount;
    });
    return entries;
}

} // namespace Dockmaster
