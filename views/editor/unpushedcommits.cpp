#include "views/editor/unpushedcommits.h"

#include "core/git/gitworkspace.h"
#include "core/util/untrustedtext.h"
#include "views/dialogs.h"

#include <QLocale>
#include <QWidget>

namespace Dockmaster {

UnpushedCommits::UnpushedCommits(GitWorkspace *workspace, QWidget *dialogParent)
    : QObject(dialogParent)
    , m_workspace(workspace)
    , m_dialogParent(dialogParent)
{
}

void UnpushedCommits::offer(const QList<GitUnpushedCommit> &commits)
{
    m_queue = commits;
    offerNext();
}

void UnpushedCommits::offerNext()
{
    if (m_queue.isEmpty() || !m_dialogParent)
        return;
    const GitUnpushedCommit kept = m_queue.takeFirst();
    Q_EMIT status(
        tr("A commit made here was never pushed to %1: choose what to do with it.").arg(m_workspace->branch()), true);
    // Commit texts come from this machine, but quote them as untrusted all the same.
    const QString text
        = tr("A commit made in this console was never pushed to %1: the console probably stopped between committing "
             "and pushing.\n\n%2\nby %3, %4\nChanges: %5\n\nPush it now, keep it as a branch on GitLab, or discard "
             "it? Cancel keeps it and asks again the next time this repository is opened.")
              .arg(m_workspace->branch(), UntrustedText::line(kept.commit.summary),
                   UntrustedText::line(kept.commit.authorName, 64),
                   QLocale().toString(kept.commit.when.toLocalTime(), QLocale::ShortFormat),
                   UntrustedText::line(kept.paths.join(QStringLiteral(", "))));
    Dialogs::choose(m_dialogParent, QMessageBox::Warning, tr("Unpushed commit"), text,
                    { { tr("Push"), QMessageBox::AcceptRole },
                      { tr("Keep as a branch"), QMessageBox::ActionRole },
                      { tr("Discard…"), QMessageBox::DestructiveRole } },
                    this, [this, kept](int choice) {
                        switch (choice) {
                        case 0:
                            push(kept);
                            break;
                        case 1:
                            keepAsBranch(kept);
                            break;
                        default:
                            discard(kept);
                            break;
                        }
                    });
}

void UnpushedCommits::push(const GitUnpushedCommit &kept)
{
    Q_EMIT status(tr("Pushing the kept commit %1…").arg(kept.commit.shortId()), false);
    m_workspace->pushUnpushed(kept.commit.id, this, [this, kept](const GitResult<GitPushResult> &result) {
        if (!result.ok()) {
            failed(result.error);
            return;
        }
        if (!result.value.rejection) {
            Q_EMIT status(
                tr("The kept commit is on %1 now as %2.").arg(m_workspace->branch(), result.value.commit.left(8)),
                false);
            Q_EMIT pushed(result.value.path, result.value.commit);
            offerNext();
            return;
        }
        const GitPushRejection rejection = *result.value.rejection;
        m_workspace->readFile(rejection.path, kept.commit.id, this,
                              [this, kept, rejection](const GitResult<GitFile> &file) {
                                  if (!file.ok()) {
                                      failed(file.error);
                                      return;
                                  }
                                  Q_EMIT mergeNeeded(kept.commit.id, file.value.content, rejection);
                              });
    });
}

void UnpushedCommits::keepAsBranch(const GitUnpushedCommit &kept)
{
    m_workspace->keepUnpushedAsBranch(kept.commit.id, this, [this](const GitResult<QString> &result) {
        if (!result.ok()) {
            failed(result.error);
            return;
        }
        Q_EMIT status(
            tr("The kept commit is on GitLab as the branch %1; merge it there when you are ready.").arg(result.value),
            false);
        offerNext();
    });
}

void UnpushedCommits::discard(const GitUnpushedCommit &kept)
{
    Dialogs::confirm(m_dialogParent, tr("Discard the unpushed commit?"),
                     tr("The change to %1 in commit %2 exists nowhere else. Discard it for good?")
                         .arg(UntrustedText::line(kept.paths.join(QStringLiteral(", "))), kept.commit.shortId()),
                     tr("Discard"), this, [this, kept] {
                         m_workspace->discardUnpushed(kept.commit.id, this, [this, kept](const GitResult<bool> &r) {
                             if (!r.ok()) {
                                 failed(r.error);
                                 return;
                             }
                             Q_EMIT status(tr("Discarded the unpushed commit %1.").arg(kept.commit.shortId()), false);
                             offerNext();
                         });
                     });
}

void UnpushedCommits::failed(const QString &message)
{
    // The commit stays kept; it is offered again on the next open.
    Q_EMIT status(message, true);
    offerNext();
}

} // namespace Dockmaster
