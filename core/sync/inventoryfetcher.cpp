#include "core/sync/inventoryfetcher.h"

#include "core/util/localdisk.h"
#include "core/util/logging.h"
#include "core/util/redact.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QLockFile>

#include <git2.h>

namespace Dockmaster {
namespace {

// The strings' context at run time. Not a free tr(): lupdate files a free
// function's tr() under the enclosing namespace, where no lookup finds it.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(Dockmaster::InventoryFetcher)
};

QString lastGitError()
{
    const git_error *error = git_error_last();
    return error && error->message ? QString::fromUtf8(error->message) : Text::tr("unknown git error");
}

struct FetchPayload {
    QByteArray token;
    int credentialAttempts = 0;
    const std::atomic_bool *cancelled = nullptr;
};

int credentials(git_credential **out, const char *, const char *, unsigned int allowedTypes, void *payload)
{
    auto *fetch = static_cast<FetchPayload *>(payload);
    // libgit2 asks again after a rejection; a wrong token must not loop.
    if (++fetch->credentialAttempts > 1 || !(allowedTypes & GIT_CREDENTIAL_USERPASS_PLAINTEXT))
        return GIT_PASSTHROUGH;
    return git_credential_userpass_plaintext_new(out, "oauth2", fetch->token.constData());
}

int transferProgress(const git_indexer_progress *, void *payload)
{
    auto *fetch = static_cast<FetchPayload *>(payload);
    return fetch->cancelled && fetch->cancelled->load() ? -1 : 0;
}

template<typename T, void (*Free)(T *)> struct GitPtr {
    T *p = nullptr;
    ~GitPtr()
    {
        if (p)
            Free(p);
    }
};

class LibGit2
{
public:
    LibGit2() { git_libgit2_init(); }
    ~LibGit2() { git_libgit2_shutdown(); }
};

} // namespace

namespace {

InventoryFetchResult fetchInto(const InventoryFetchRequest &request, const std::atomic_bool *cancelled)
{
    InventoryFetchResult result;
    LibGit2 library;
    git_libgit2_opts(GIT_OPT_SET_SERVER_CONNECT_TIMEOUT, std::min(request.timeoutMs, 60000));
    git_libgit2_opts(GIT_OPT_SET_SERVER_TIMEOUT, request.timeoutMs);

    QDir().mkpath(request.repositoryDir);
    QLockFile lock(request.repositoryDir + QStringLiteral(".lock"));
    if (!lock.tryLock(request.timeoutMs)) {
        // Held by another sync, or the lock file itself cannot be written.
        result.error = lock.error() == QLockFile::LockFailedError
            ? Text::tr("The local copy of the inventory is busy.")
            : Text::tr("The local copy of the inventory cannot be written.");
        return result;
    }

    const QByteArray path = QFile::encodeName(request.repositoryDir);
    GitPtr<git_repository, git_repository_free> repo;
    if (git_repository_open_bare(&repo.p, path.constData()) != 0
        && git_repository_init(&repo.p, path.constData(), 1) != 0) {
        result.error = Text::tr("The local copy of the inventory cannot be created: %1").arg(lastGitError());
        return result;
    }

    GitPtr<git_remote, git_remote_free> remote;
    const QByteArray url = request.remoteUrl.toEncoded(QUrl::RemoveUserInfo);
    if (git_remote_create_anonymous(&remote.p, repo.p, url.constData()) != 0) {
        result.error = Text::tr("The inventory URL is not usable: %1").arg(lastGitError());
        return result;
    }

    FetchPayload payload;
    payload.token = request.token.toUtf8();
    payload.cancelled = cancelled;
    git_fetch_options options;
    git_fetch_options_init(&options, GIT_FETCH_OPTIONS_VERSION);
    options.callbacks.credentials = credentials;
    options.callbacks.transfer_progress = transferProgress;
    options.callbacks.payload = &payload;
    options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
    // TLS certificates are checked by libgit2 as usual: no certificate_check override.

    const QByteArray localRef = QByteArrayLiteral("refs/remotes/origin/") + request.branch.toUtf8();
    const QByteArray refspec = QByteArrayLiteral("+refs/heads/") + request.branch.toUtf8() + ':' + localRef;
    char *specs[] = { const_cast<char *>(refspec.constData()) };
    const git_strarray refspecs = { specs, 1 };
    QElapsedTimer clock;
    clock.start();
    const int fetched = git_remote_fetch(remote.p, &refspecs, &options, nullptr);
    qCDebug(lcGit).noquote() << "inventory fetch" << redacted(request.remoteUrl) << request.branch
                             << (fetched == 0 ? QStringLiteral("done")
                                              : QStringLiteral("failed: ") + redacted(lastGitError()))
                             << "in" << clock.elapsed() << "ms";
    if (fetched != 0) {
        const git_error *error = git_error_last();
        result.offline = error && (error->klass == GIT_ERROR_NET || error->klass == GIT_ERROR_HTTP);
        result.error = cancelled && cancelled->load()
            ? Text::tr("Cancelled.")
            : Text::tr("The inventory could not be fetched from GitLab: %1").arg(lastGitError());
        return result;
    }

    git_oid head;
    if (git_reference_name_to_id(&head, repo.p, localRef.constData()) != 0) {
        result.error = Text::tr("The inventory has no branch %1.").arg(request.branch);
        return result;
    }
    char hex[GIT_OID_SHA1_HEXSIZE + 1] = {};
    git_oid_tostr(hex, sizeof hex, &head);
    result.commit = QString::fromLatin1(hex);

    GitPtr<git_commit, git_commit_free> commit;
    GitPtr<git_tree, git_tree_free> tree;
    if (git_commit_lookup(&commit.p, repo.p, &head) != 0 || git_commit_tree(&tree.p, commit.p) != 0) {
        result.error = Text::tr("The inventory commit cannot be read: %1").arg(lastGitError());
        return result;
    }

    auto readBlob = [&](const git_tree_entry *entry, QByteArray *out) {
        GitPtr<git_blob, git_blob_free> blob;
        if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB
            || git_blob_lookup(&blob.p, repo.p, git_tree_entry_id(entry)) != 0)
            return false;
        *out = QByteArray(static_cast<const char *>(git_blob_rawcontent(blob.p)), qsizetype(git_blob_rawsize(blob.p)));
        return true;
    };

    if (const git_tree_entry *hosts = git_tree_entry_byname(tree.p, request.hostsFile.toUtf8().constData())) {
        QByteArray json;
        QString problem;
        const auto parsed = readBlob(hosts, &json) ? Inventory::parse(json, &problem) : std::nullopt;
        if (!parsed) {
            result.error = Text::tr("%1 in the inventory cannot be read. %2").arg(request.hostsFile, problem);
            return result;
        }
        result.inventory.hosts = parsed->hosts;
    }

    if (const git_tree_entry *dir = git_tree_entry_byname(tree.p, request.allocationsDir.toUtf8().constData())) {
        GitPtr<git_tree, git_tree_free> allocations;
        if (git_tree_entry_type(dir) != GIT_OBJECT_TREE
            || git_tree_lookup(&allocations.p, repo.p, git_tree_entry_id(dir)) != 0) {
            result.error = Text::tr("The inventory's %1 is not a folder.").arg(request.allocationsDir);
            return result;
        }
        const size_t count = git_tree_entrycount(allocations.p);
        result.inventory.allocations.reserve(qsizetype(count));
        for (size_t i = 0; i < count; ++i) {
            const git_tree_entry *entry = git_tree_entry_byindex(allocations.p, i);
            const QString name = QString::fromUtf8(git_tree_entry_name(entry));
            if (!name.endsWith(QLatin1String(".json")))
                continue;
            QByteArray json;
            QString problem;
            const auto allocation = readBlob(entry, &json) ? Inventory::parseAllocation(json, &problem) : std::nullopt;
            if (!allocation || allocation->id + QStringLiteral(".json") != name) {
                result.error
                    = Text::tr("The allocation %1 in the inventory cannot be read. %2").arg(name.left(60), problem);
                return result;
            }
            result.inventory.allocations.append(*allocation);
        }
    }
    result.ok = true;
    return result;
}

} // namespace

InventoryFetchResult fetchInventory(const InventoryFetchRequest &request, const std::atomic_bool *cancelled)
{
    InventoryFetchResult result = fetchInto(request, cancelled);
    // The mirror is on this computer: a full disk is named as such, not only
    // in libgit2's words (or as a lock that could not be taken).
    if (!result.error.isEmpty())
        result.error = LocalDisk::withDiskProblem(result.error, request.repositoryDir);
    return result;
}

} // namespace Dockmaster
