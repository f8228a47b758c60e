#include "core/provisioning/opsrepopusher.h"

#include "core/git/gitlibrary.h"
#include "core/git/remotemessages.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <git2.h>

#include <memory>

namespace Dockmaster {
namespace {

// The strings' context at run time. Not a free tr(): lupdate files a free
// function's tr() under the enclosing namespace, where no lookup finds it.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(Dockmaster::OpsRepoPusher)
};

QString lastGitError()
{
    const git_error *error = git_error_last();
    return error && error->message ? QString::fromUtf8(error->message).trimmed() : Text::tr("unknown libgit2 error");
}

struct RepositoryFree {
    void operator()(git_repository *r) const { git_repository_free(r); }
};
struct IndexFree {
    void operator()(git_index *i) const { git_index_free(i); }
};
struct TreeFree {
    void operator()(git_tree *t) const { git_tree_free(t); }
};
struct SignatureFree {
    void operator()(git_signature *s) const { git_signature_free(s); }
};
struct RemoteFree {
    void operator()(git_remote *r) const { git_remote_free(r); }
};

struct PushState {
    QByteArray username;
    QByteArray token;
    int credentialAttempts = 0;
    bool authenticationFailed = false;
    QHash<QString, QString> refStatus; // ref -> refusal reason
    RemoteMessages remote;
};

int credential(git_credential **out, const char *, const char *, unsigned int allowed, void *payload)
{
    auto *state = static_cast<PushState *>(payload);
    if (!(allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT))
        return GIT_PASSTHROUGH;
    // libgit2 asks again after each 401; a wrong token would loop forever.
    if (state->token.isEmpty() || ++state->credentialAttempts > 2) {
        state->authenticationFailed = true;
        return GIT_EUSER;
    }
    return git_credential_userpass_plaintext_new(out, state->username.constData(), state->token.constData());
}

int updateReference(const char *ref, const char *status, void *payload)
{
    if (status)
        static_cast<PushState *>(payload)->refStatus.insert(QString::fromUtf8(ref), QString::fromUtf8(status));
    return 0;
}

} // namespace

BranchPushResult OpsRepoPusher::pushNewBranches(const QUrl &url, const QString &username, const QString &token,
                                                const QList<BranchContent> &branches, const QString &authorName,
                                                const QString &authorEmail)
{
    GitLibrary library;
    BranchPushResult result;
    QTemporaryDir scratch;
    if (!scratch.isValid()) {
        result.error = Text::tr("Cannot create a temporary folder for the management repository.");
        return result;
    }
    git_repository *rawRepo = nullptr;
    if (git_repository_init(&rawRepo, scratch.path().toUtf8().constData(), 1) != 0) {
        result.error = Text::tr("Cannot create a local repository: %1").arg(lastGitError());
        return result;
    }
    std::unique_ptr<git_repository, RepositoryFree> repo(rawRepo);
    git_signature *rawSignature = nullptr;
    if (git_signature_now(&rawSignature, authorName.toUtf8().constData(), authorEmail.toUtf8().constData()) != 0) {
        result.error = Text::tr("Invalid commit author: %1").arg(lastGitError());
        return result;
    }
    std::unique_ptr<git_signature, SignatureFree> signature(rawSignature);

    QList<QByteArray> refspecs;
    for (const BranchContent &branch : branches) {
        git_index *rawIndex = nullptr;
        if (git_index_new(&rawIndex) != 0) {
            result.error = lastGitError();
            return result;
        }
        std::unique_ptr<git_index, IndexFree> index(rawIndex);
        auto add = [&index](const QString &path, const git_oid &id, git_filemode_t mode) {
            git_index_entry entry = {};
            const QByteArray p = path.toUtf8();
            entry.path = p.constData();
            entry.mode = mode;
            entry.id = id;
            return git_index_add(index.get(), &entry) == 0;
        };
        for (auto it = branch.files.cbegin(); it != branch.files.cend(); ++it) {
            git_oid blob;
            if (git_blob_create_from_buffer(&blob, repo.get(), it.value().constData(), size_t(it.value().size())) != 0
                || !add(it.key(), blob, GIT_FILEMODE_BLOB)) {
                result.error = Text::tr("Cannot store %1: %2").arg(it.key(), lastGitError());
                return result;
            }
        }
        for (auto it = branch.gitlinks.cbegin(); it != branch.gitlinks.cend(); ++it) {
            git_oid target;
            if (git_oid_fromstr(&target, it.value().toLatin1().constData()) != 0
                || !add(it.key(), target, GIT_FILEMODE_COMMIT)) {
                result.error = Text::tr("Cannot pin the submodule %1: %2").arg(it.key(), lastGitError());
                return result;
            }
        }
        git_oid treeId;
        if (git_index_write_tree_to(&treeId, index.get(), repo.get()) != 0) {
            result.error = Text::tr("Cannot write the tree of %1: %2").arg(branch.branch, lastGitError());
            return result;
        }
        git_tree *rawTree = nullptr;
        if (git_tree_lookup(&rawTree, repo.get(), &treeId) != 0) {
            result.error = lastGitError();
            return result;
        }
        std::unique_ptr<git_tree, TreeFree> tree(rawTree);
        const QByteArray ref = "refs/heads/" + branch.branch.toUtf8();
        git_oid commitId;
        if (git_commit_create(&commitId, repo.get(), ref.constData(), signature.get(), signature.get(), "UTF-8",
                              branch.message.toUtf8().constData(), tree.get(), 0, nullptr)
            != 0) {
            result.error = Text::tr("Cannot commit %1: %2").arg(branch.branch, lastGitError());
            return result;
        }
        refspecs.append(ref + ':' + ref);
    }
    if (refspecs.isEmpty())
        return result;

    git_remote *rawRemote = nullptr;
    if (git_remote_create_anonymous(&rawRemote, repo.get(), url.toString(QUrl::FullyEncoded).toUtf8().constData())
        != 0) {
        result.error = Text::tr("Invalid repository address: %1").arg(lastGitError());
        return result;
    }
    std::unique_ptr<git_remote, RemoteFree> remote(rawRemote);
    PushState state { username.toUtf8(), token.toUtf8(), 0, false, {}, {} };
    git_push_options options = GIT_PUSH_OPTIONS_INIT;
    options.callbacks.credentials = credential;
    options.callbacks.push_update_reference = updateReference;
    options.callbacks.sideband_progress = [](const char *text, int length, void *payload) {
        static_cast<PushState *>(payload)->remote.feed(text, length);
        return 0;
    };
    options.callbacks.payload = &state;
    std::vector<char *> pointers;
    for (QByteArray &spec : refspecs)
        pointers.push_back(spec.data());
    const git_strarray array = { pointers.data(), pointers.size() };
    const int rc = git_remote_push(remote.get(), &array, &options);
    if (state.authenticationFailed) {
        result.authenticationFailed = true;
        result.error = Text::tr("The server refused the access token while pushing the management repository.");
        return result;
    }
    if (rc != 0 && rc != GIT_ENONFASTFORWARD) {
        result.error = Text::tr("Could not push the management repository: %1").arg(lastGitError());
        return result;
    }
    // A refusal GitLab explains (protected branch, push rule) is not "someone
    // else was first": say why.
    const QString reasons = state.remote.reasons();
    if (!state.refStatus.isEmpty() && !reasons.isEmpty()) {
        result.error = Text::tr("GitLab refused the push of the management repository: %1").arg(reasons);
        return result;
    }
    for (const BranchContent &branch : branches) {
        const QString ref = QStringLiteral("refs/heads/") + branch.branch;
        if (state.refStatus.contains(ref) || rc == GIT_ENONFASTFORWARD)
            result.rejected.append(branch.branch);
        else
            result.pushed.append(branch.branch);
    }
    return result;
}

} // namespace Dockmaster
