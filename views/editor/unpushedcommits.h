#pragma once

#include "core/git/gittypes.h"

#include <QObject>
#include <QPointer>

class QWidget;

namespace Dockmaster {

class GitWorkspace;

// Offers the commits a workspace kept because their push never completed (a
// crash between commit and push), one at a time: push it now, keep it as a
// branch on GitLab, or discard it after a confirmation. Cancel leaves it kept
// and it is offered again the next time the repository is opened: an edit is
// never thrown away without the admin saying so.
class UnpushedCommits final : public QObject
{
    Q_OBJECT
public:
    UnpushedCommits(GitWorkspace *workspace, QWidget *dialogParent);

    void offer(const QList<GitUnpushedCommit> &commits);

Q_SIGNALS:
    void pushed(const QString &path, const QString &commit);
    // The file changed on the server since: the edit has to be merged in the
    // editor (content is the kept version of rejection.path).
    void mergeNeeded(const QString &keptCommit, const QByteArray &content, const GitPushRejection &rejection);
    void status(const QString &text, bool warning);

private:
    void offerNext();
    void push(const GitUnpushedCommit &kept);
    void keepAsBranch(const GitUnpushedCommit &kept);
    void discard(const GitUnpushedCommit &kept);
    void failed(const QString &message);

    GitWorkspace *m_workspace;
    QPointer<QWidget> m_dialogParent;
    QList<GitUnpushedCommit> m_queue;
};

} // namespace Dockmaster
