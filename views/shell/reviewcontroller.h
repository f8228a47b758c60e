#pragma once

#include "core/domain/records.h"

#include <QObject>

#include <optional>

namespace KSyntaxHighlighting {
class Repository;
}

namespace Dockmaster {

class ApplicationsModel;
class ApprovalsPanel;
class GitLabClient;
class ReviewLoader;
class ReviewPane;

// Shows what the selected release request would change: the diff between
// the SHA live in its environment and the requested SHA, with risk flags,
// in the review pane of the Pending approvals panel.
class ReviewController final : public QObject
{
    Q_OBJECT
public:
    ReviewController(GitLabClient *client, ApprovalsPanel *panel, const ApplicationsModel *apps,
                     const KSyntaxHighlighting::Repository *syntax, QObject *parent = nullptr);

    ReviewPane *pane() const { return m_pane; }

private:
    void review(const std::optional<ReleaseRequest> &request);

    const ApplicationsModel *m_apps;
    ReviewLoader *m_loader;
    ReviewPane *m_pane;
};

} // namespace Dockmaster
