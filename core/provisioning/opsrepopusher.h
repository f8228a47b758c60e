#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Dockmaster {

// The whole content of one new branch: files and gitlinks (path -> commit).
struct BranchContent {
    QString branch;
    QHash<QString, QByteArray> files;
    QHash<QString, QString> gitlinks;
    QString message;
};

struct BranchPushResult {
    QStringList pushed;
    QStringList rejected; // someone else created the branch first
    QString error;        // for people; empty on success
    bool authenticationFailed = false;

    bool ok() const { return error.isEmpty(); }
};

// Creates branches that do not exist yet on a remote over git smart HTTP,
// each as one root commit, in one push. The API cannot create a submodule,
// so this is how repo AA gets its `codes` gitlink. Blocking: call it on a
// worker thread (QtConcurrent::run). The token is the password of
// `username` and stays in memory only.
class OpsRepoPusher final
{
public:
    static BranchPushResult pushNewBranches(const QUrl &url, const QString &username, const QString &token,
                                            const QList<BranchContent> &branches, const QString &authorName,
                                            const QString &authorEmail);
};

} // namespace Dockmaster
