#pragma once

#include "core/approvals/approvaltypes.h"
#include "core/domain/records.h"

#include <QWidget>

class QLabel;
class QToolButton;
class QStackedWidget;
class QTreeView;

namespace Dockmaster {

class DeploymentsModel;
class TagsModel;

// Tag history of the selected app: its tags (with what is live where) and
// the deployment history of both environments.
class TagHistoryPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit TagHistoryPanel(QWidget *parent = nullptr);

    void showApp(const AppRecord &app);
    void setHistory(const QString &appId, const QList<TagRecord> &tags, const QList<DeploymentRecord> &deployments);
    // One environment's history from its branch's git log replaces what the
    // cache had for it: the deployed version (tag, SHA of the app) per row.
    void setEnvironmentHistory(const QString &appId, Environment environment,
                               const QList<DeploymentHistoryEntry> &entries);
    void clear();
    // Deploying and rolling back need GitLab: disabled offline, with the reason.
    void setActionsEnabled(bool enabled, const QString &whyNot);
    // Asks to roll `environment` of the app shown back to its previous
    // successful deployment (what the Roll back menu does); false if it cannot.
    bool rollBack(Environment environment);

    QString appId() const { return m_app.id; }
    TagsModel *tagsModel() const { return m_tags; }
    DeploymentsModel *deploymentsModel() const { return m_deployments; }

Q_SIGNALS:
    void openLogsRequested(const QString &appId, Dockmaster::Environment environment);
    // The shell confirms (review, preflight) before anything happens.
    void deployTagRequested(const QString &appId, Dockmaster::Environment environment, const QString &tag,
                            const QString &tagSha);
    // targetSha empty: back to the previous successful deployment.
    void rollbackRequested(const QString &appId, Dockmaster::Environment environment, const QString &targetSha);

private:
    AppRecord m_app;
    TagsModel *m_tags;
    DeploymentsModel *m_deployments;
    QStackedWidget *m_stack;
    QLabel *m_placeholder;
    QLabel *m_header;
    QToolButton *m_testLogs;
    QToolButton *m_productionLogs;
    QToolButton *m_rollback;
    bool m_actionsEnabled = true;
    QString m_actionsDisabledReason;

    void showTagMenu(const QPoint &position);
    void showDeploymentMenu(const QPoint &position);
    QTreeView *m_tagView;
    QTreeView *m_deploymentView;
};

} // namespace Dockmaster
