#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

struct git_repository;

namespace Dockmaster {

// One bare repository of the emulator, read and written with libgit2 the way
// GitLab's Gitaly would: commits are built from trees, never a work tree.
// Not thread-safe; open one instance per operation and thread.
class EmulatorRepository
{
public:
    struct Error {
        int status = 400;
        QString message;
    };

    struct Signature {
        QString name;
        QString email;
        QDateTime when;
    };

    struct CommitInfo {
        QString id;
        QString title;
        QString message;
        Signature author;
        Signature committer;
        QStringList parentIds;
    };

    struct Action {
        QString action; // create|update|delete|move|chmod
        QString filePath;
        QString previousPath;
        std::optional<QByteArray> content;
        QString lastCommitId;
        std::optional<bool> executable;
    };

    struct FileEntry {
        QByteArray content;
        QString blobId;
        QString commitId;
        QString lastCommitId;
        bool executable = false;
    };

    struct TagInfo {
        QString name;
        QString target; // tag object id (annotated) or commit id
        QString message;
        QString commitId;
        bool annotated = false;
        QDateTime createdAt;
    };

    struct TreeEntry {
        QString id;
        QString name;
        QString type; // blob|tree|commit
        QString path;
        QString mode;
    };

    struct DiffEntry {
        QString oldPath;
        QString newPath;
        QString aMode;
        QString bMode;
        QString diff;
        bool newFile = false;
        bool renamedFile = false;
        bool deletedFile = false;
    };

    struct Comparison {
        QList<CommitInfo> commits; // oldest first, as GitLab lists them
        QList<DiffEntry> diffs;
        bool sameRef = false;
    };

    // Creates a bare repository with HEAD on `defaultBranch`, push enabled.
    static bool create(const QString &path, const QString &defaultBranch, QString *error);
    // Protected-branch checks on git pushes, as GitLab's pre-receive does.
    static bool installPreReceiveHook(const QString &path, QString *error);
    static bool isValidPath(const QString &filePath);

    explicit EmulatorRepository(const QString &path);
    ~EmulatorRepository();
    EmulatorRepository(const EmulatorRepository &) = delete;
    EmulatorRepository &operator=(const EmulatorRepository &) = delete;

    bool isOpen() const { return m_repo != nullptr; }
    bool isEmpty() const;
    // Branch, tag, "HEAD" or a (possibly short) SHA to a commit id; empty if unknown.
    QString resolve(const QString &ref) const;
    std::optional<CommitInfo> commit(const QString &sha) const;

    std::optional<CommitInfo> commitActions(const QString &branch, const QString &startRef, const QString &message,
                                            const Signature &author, const QList<Action> &actions, bool force,
                                            Error *error);
    // Writes files and gitlinks (path -> commit sha) in one commit; for seeding.
    std::optional<CommitInfo> commitTree(const QString &branch, const QString &parentRef, const QString &message,
                                         const Signature &author, const QHash<QString, QByteArray> &files,
                                         const QHash<QString, QString> &gitlinks, Error *error);
    std::optional<CommitInfo> updateSubmodule(const QString &branch, const QString &submodulePath,
                                              const QString &commitSha, const QString &message, const Signature &author,
                                              Error *error);

    std::optional<FileEntry> file(const QString &ref, const QString &path) const;
    QString lastCommitFor(const QString &commitSha, const QString &path) const;
    QHash<QString, QString> branches() const; // name -> commit id
    bool createBranch(const QString &name, const QString &ref, Error *error);
    QList<TagInfo> tags() const;
    std::optional<TagInfo> tag(const QString &name) const;
    std::optional<TagInfo> createTag(const QString &name, const QString &ref, const QString &message,
                                     const Signature &tagger, Error *error);
    std::optional<Comparison> compare(const QString &from, const QString &to, bool straight) const;
    std::optional<QList<TreeEntry>> tree(const QString &ref, const QString &path, bool recursive) const;
    QList<CommitInfo> log(const QString &ref, int limit) const;
    // Writes the commit's files (no gitlinks) below `directory`, replacing it.
    bool exportTree(const QString &sha, const QString &directory, QString *error) const;

private:
    git_repository *m_repo = nullptr;
};

} // namespace Dockmaster
