#include "panels/approvalspanel.h"

#include "modelroles.h"
#include "panels/filterwidgets.h"
#include "releaserequestsfiltermodel.h"
#include "releaserequestsmodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace Dockmaster {

ApprovalsPanel::ApprovalsPanel(ReleaseRequestsModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_filter(new ReleaseRequestsFilterModel(this))
    , m_search(
          FilterWidgets::searchField(tr("Filter by app, ref, requester (Ctrl+F)"), tr("Release request filter"), this))
    , m_environment(FilterWidgets::environmentChoice(this))
    , m_view(FilterWidgets::table(m_filter, tr("Pending approvals"), this))
    , m_summary(new QLabel(this))
    , m_review(new QLabel(this))
{
    setObjectName(QStringLiteral("approvalsPanel"));
    m_filter->setSourceModel(m_model);

    connect(m_search, &QLineEdit::textChanged, m_filter, &ReleaseRequestsFilterModel::setSearchText);

    connect(m_environment, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setEnvironment(environmentFromKey(m_environment->currentData().toString())); });

    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ReleaseRequestsModel::AgeColumn, Qt::AscendingOrder); // oldest first

    m_review->setWordWrap(true);
    m_review->setAlignment(Qt::AlignCenter);
    m_review->setText(tr("Select a release request to review its changes."));
    m_review->setAccessibleName(tr("Release review"));

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 3);
    filters->addWidget(m_environment, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_review);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(filters);
    layout->addWidget(splitter);
    layout->addWidget(m_summary);

    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ApprovalsPanel::updateSummary);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ApprovalsPanel::updateSummary);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ApprovalsPanel::updateSummary);
    // Ages and SLA highlighting move with the clock.
    auto *clock = new QTimer(this);
    clock->setInterval(60 * 1000);
    connect(clock, &QTimer::timeout, this, [this] { m_model->setReferenceTime(QDateTime::currentDateTimeUtc()); });
    clock->start();
    updateSummary();
}

void ApprovalsPanel::focusFilter()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void ApprovalsPanel::setActionsEnabled(bool enabled, const QString &whyNot)
{
    m_review->setToolTip(enabled ? QString() : whyNot);
}

void ApprovalsPanel::updateSummary()
{
    int pending = 0;
    int overdue = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        if (index.data(Roles::StatusRole).toString() == QLatin1String("pending"))
            ++pending;
        if (index.data(Roles::OverdueRole).toBool())
            ++overdue;
    }
    m_summary->setText(overdue > 0 ? tr("%n pending, %1 overdue", nullptr, pending).arg(overdue)
                                   : tr("%n pending", nullptr, pending));
}

} // namespace Dockmaster
