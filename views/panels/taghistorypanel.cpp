#include "views/panels/taghistorypanel.h"

#include "core/util/lookalike.h"
#include "core/util/untrustedtext.h"
#include "models/applicationsmodel.h"
#include "models/deploymentsmodel.h"
#include "models/modelroles.h"
#include "models/tagsmodel.h"
#include "views/panels/filterwidgets.h"
#include "views/review/fulltextdialog.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace Dockmaster {
TagHistoryPanel::TagHistoryPanel(QWidget *parent)
    : QWidget(parent)
    , m_tags(new TagsModel(this))
    , m_deployments(new DeploymentsModel(this))
    , m_stack(new QStackedWidget(this))
    , m_placeholder(new QLabel(tr("Select an application to see its tags and deployments."), this))
    , m_header(new QLabel(this))
    , m_testLogs(new QToolButton(this))
    , m_productionLogs(new QToolButton(this))
    , m_rollback(new QToolButton(this))
    , m_tagView(FilterWidgets::table(m_tags, tr("Tags"), this))
    , m_deploymentView(FilterWidgets::table(m_deployments, tr("Deployment history"), this))
{
    setObjectName(QStringLiteral("tagHistoryPanel"));
    setAccessibleName(tr("Tag history"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setEnabled(false);
    m_header->setTextFormat(Qt::PlainText);
    m_header->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // app names must not widen the window
    m_header->setWordWrap(true);
    for (const auto &[button, environment] :
         { std::pair { m_testLogs, Environment::Test }, std::pair { m_productionLogs, Environment::Production } }) {
        button->setText(tr("%1 logs").arg(environmentDisplayName(environment)));
        button->setToolTip(
            tr("Follow the live logs of this app's %1 containers").arg(environmentDisplayName(environment)));
        button->setAccessibleName(button->text());
        button->setObjectName(environmentKey(environment) + QStringLiteral("LogsButton"));
        const Environment env = environment;
        connect(button, &QToolButton::clicked, this, [this, env] { Q_EMIT openLogsRequested(m_app.id, env); });
    }

    m_rollback->setObjectName(QStringLiteral("rollbackButton"));
    m_rollback->setText(tr("Roll back…"));
    m_rollback->setPopupMode(QToolButton::InstantPopup);
    auto *rollbackMenu = new QMenu(m_rollback);
    for (Environment environment : AllEnvironments) {
        rollbackMenu->addAction(
            tr("%1: to the previous successful deployment").arg(environmentDisplayName(environment)), this,
            [this, environment] { rollBack(environment); });
    }
    m_rollback->setMenu(rollbackMenu);
    m_rollback->setToolTip(tr("Go back to an earlier version; a preflight shows what will be undone"));

    m_tagView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tagView, &QTreeView::customContextMenuRequested, this, &TagHistoryPanel::showTagMenu);
    // A tag message is cut in the list and the tooltip: all of it on demand.
    connect(m_tagView, &QTreeView::activated, this, [this](const QModelIndex &index) {
        const TagRecord tag = index.data(Roles::RecordRole).value<TagRecord>();
        if (!tag.message.isEmpty())
            FullTextDialog::show(this, tr("Tag %1").arg(UntrustedText::line(tag.name, 80)), tag.message);
    });
    m_deploymentView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_deploymentView, &QTreeView::customContextMenuRequested, this, &TagHistoryPanel::showDeploymentMenu);

    auto *tagsBox = new QWidget(this);
    auto *tagsLayout = new QVBoxLayout(tagsBox);
    tagsLayout->setContentsMargins(0, 0, 0, 0);
    tagsLayout->addWidget(new QLabel(tr("Tags"), tagsBox));
    tagsLayout->addWidget(m_tagView);
    auto *deploymentsBox = new QWidget(this);
    auto *deploymentsLayout = new QVBoxLayout(deploymentsBox);
    deploymentsLayout->setContentsMargins(0, 0, 0, 0);
    deploymentsLayout->addWidget(new QLabel(tr("Deployments"), deploymentsBox));
    deploymentsLayout->addWidget(m_deploymentView);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("tagHistorySplitter")); // its sizes are part of the saved layout
    splitter->addWidget(tagsBox);
    splitter->addWidget(deploymentsBox);
    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(4, 4, 4, 4);
    // The app's line above its buttons: in the narrow middle column a line
    // beside them would wrap a word at a time.
    contentLayout->addWidget(m_header);
    auto *headerRow = new QHBoxLayout;
    headerRow->addStretch(1);
    headerRow->addWidget(m_testLogs);
    headerRow->addWidget(m_productionLogs);
    headerRow->addWidget(m_rollback);
    contentLayout->addLayout(headerRow);
    contentLayout->addWidget(splitter);

    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
}

void TagHistoryPanel::showApp(const AppRecord &app)
{
    m_app = app;
    const EnvironmentState *test = app.environment(Environment::Test);
    const EnvironmentState *production = app.environment(Environment::Production);
    m_header->setText(tr("%1 (%2): live in test %3, in production %4")
                          .arg(UntrustedText::line(app.name, 80), app.id,
                               UntrustedText::line(ApplicationsModel::versionText(test), 100),
                               UntrustedText::line(ApplicationsModel::versionText(production), 100)));
    m_tags->setLiveShas(test ? test->liveSha : QString(), production ? production->liveSha : QString());
    m_testLogs->setEnabled(test && !test->host.isEmpty());
    m_productionLogs->setEnabled(production && !production->host.isEmpty());
    m_stack->setCurrentIndex(1);
}

void TagHistoryPanel::setHistory(const QString &appId, const QList<TagRecord> &tags,
                                 const QList<DeploymentRecord> &deployments)
{
    if (appId != m_app.id)
        return; // a late answer for an app that is no longer selected
    m_tags->setTags(appId, tags);
    m_deployments->setItems(deployments);
}

void TagHistoryPanel::setActionsEnabled(bool enabled, const QString &whyNot)
{
    m_actionsEnabled = enabled;
    m_actionsDisabledReason = whyNot;
    m_rollback->setEnabled(enabled);
    m_rollback->setToolTip(enabled ? tr("Go back to an earlier version; a preflight shows what will be undone")
                                   : whyNot);
}

bool TagHistoryPanel::rollBack(Environment environment)
{
    if (!m_actionsEnabled || m_app.id.isEmpty() || !m_app.environment(environment))
        return false;
    Q_EMIT rollbackRequested(m_app.id, environment, QString());
    return true;
}

void TagHistoryPanel::showTagMenu(const QPoint &position)
{
    const QModelIndex index = m_tagView->indexAt(position);
    if (!index.isValid() || m_app.id.isEmpty())
        return;
    const TagRecord tag = index.data(Roles::RecordRole).value<TagRecord>();
    // popup(), not exec(): no event loop of its own while syncs go on. The
    // actions name the app shown now, whatever the panel shows when one is chosen.
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->setToolTipsVisible(true);
    for (Environment environment : AllEnvironments) {
        QAction *deploy = menu->addAction(
            tr("Deploy %1 to %2…").arg(Lookalike::line(tag.name, 80), environmentDisplayName(environment)), this,
            [this, appId = m_app.id, environment, name = tag.name, sha = tag.sha] {
                Q_EMIT deployTagRequested(appId, environment, name, sha);
            });
        deploy->setEnabled(m_actionsEnabled && m_app.environment(environment));
        deploy->setToolTip(m_actionsEnabled ? QString() : m_actionsDisabledReason);
    }
    menu->popup(m_tagView->viewport()->mapToGlobal(position));
}

void TagHistoryPanel::showDeploymentMenu(const QPoint &position)
{
    const QModelIndex index = m_deploymentView->indexAt(position);
    if (!index.isValid() || m_app.id.isEmpty())
        return;
    const DeploymentRecord deployment = index.data(Roles::RecordRole).value<DeploymentRecord>();
    auto *menu = new QMenu(this); // popup() below, as showTagMenu()
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->setToolTipsVisible(true);
    QAction *rollback = menu->addAction(
        tr("Roll %1 back to %2…").arg(environmentDisplayName(deployment.environment), deployment.sha.left(8)), this,
        [this, appId = m_app.id, deployment] {
            Q_EMIT rollbackRequested(appId, deployment.environment, deployment.sha);
        });
    rollback->setEnabled(m_actionsEnabled && deployment.sha.size() == 40);
    rollback->setToolTip(m_actionsEnabled ? QString() : m_actionsDisabledReason);
    menu->popup(m_deploymentView->viewport()->mapToGlobal(position));
}

void TagHistoryPanel::setEnvironmentHistory(const QString &appId, Environment environment,
                                            const QList<DeploymentHistoryEntry> &entries)
{
    if (appId != m_app.id)
        return;
    QHash<QString, QString> tagOfSha;
    for (int row = 0; row < m_tags->rowCount(); ++row) {
        const TagRecord tag = m_tags->index(row, 0).data(Roles::RecordRole).value<TagRecord>();
        tagOfSha.insert(tag.sha, tag.name);
    }
    QList<DeploymentRecord> rows;
    for (const DeploymentRecord &kept : m_deployments->items()) {
        if (kept.environment != environment)
            rows.append(kept);
    }
    for (const DeploymentHistoryEntry &entry : entries) {
        DeploymentRecord row;
        row.appId = appId;
        // Unique per row and newest first: the commit time, one slot per environment.
        row.id = entry.when.toMSecsSinceEpoch() * 2 + (environment == Environment::Production ? 1 : 0);
        row.environment = environment;
        row.ref = !entry.deployTag.isEmpty()    ? entry.deployTag
            : tagOfSha.contains(entry.codesSha) ? tagOfSha.value(entry.codesSha)
            : entry.pointerMoved                ? QString()
                                                : tr("configuration change");
        row.sha = entry.codesSha;
        row.user = entry.approvedBy.isEmpty() ? entry.author : entry.approvedBy;
        row.status = entry.deploymentStatus;
        row.pipelineId = entry.pipelineId;
        row.createdAt = entry.when;
        row.updatedAt = entry.when;
        rows.append(row);
    }
    m_deployments->setItems(rows);
}

void TagHistoryPanel::clear()
{
    m_app = AppRecord();
    m_tags->setTags(QString(), {});
    m_deployments->setItems({});
    m_stack->setCurrentIndex(0);
}

} // namespace Dockmaster
