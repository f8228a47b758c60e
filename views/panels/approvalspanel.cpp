#include "views/panels/approvalspanel.h"

#include "core/util/untrustedtext.h"
#include "models/modelroles.h"
#include "models/releaserequestsfiltermodel.h"
#include "models/releaserequestsmodel.h"
#include "views/dialogs.h"
#include "views/panels/filterwidgets.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

#include <memory>

namespace Dockmaster {

ApprovalsPanel::ApprovalsPanel(ReleaseRequestsModel *model, QWidget *parent)
    : FilterablePanel(tr("Filter by app, ref, requester (Ctrl+F)"), tr("Release request filter"),
                      tr("Pending approvals"), parent)
    , m_model(model)
    , m_filter(new ReleaseRequestsFilterModel(this))
    , m_environment(FilterWidgets::environmentChoice(this))
    , m_summary(new QLabel(this))
    , m_review(new QLabel(this))
    , m_reviewArea(new QWidget(this))
    , m_approve(new QPushButton(tr("Approve…"), this))
    , m_reject(new QPushButton(tr("Reject…"), this))
{
    setObjectName(QStringLiteral("approvalsPanel"));
    // When the selected request leaves the list (approved, deployed, closed),
    // nothing is selected instead of its neighbour: the neighbour is often
    // the production request of the same release, and an admin who just
    // approved must not find it selected under the Approve button. Connected
    // before the view gets the model, so this runs before the selection model
    // moves the current row on.
    connect(m_filter, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex &under, int first, int last) {
                const QModelIndex current = m_view->currentIndex();
                if (!under.isValid() && current.isValid() && current.row() >= first && current.row() <= last)
                    m_view->selectionModel()->clear();
            });
    showFiltered(m_filter, m_model);

    connect(m_environment, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setEnvironment(environmentFromKey(m_environment->currentData().toString())); });

    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ReleaseRequestsModel::AgeColumn, Qt::AscendingOrder); // oldest first

    m_review->setWordWrap(true);
    m_review->setTextFormat(Qt::PlainText);
    m_summary->setTextFormat(Qt::PlainText);
    m_review->setAlignment(Qt::AlignCenter);
    m_review->setText(tr("Select a release request to review its changes."));
    m_review->setAccessibleName(tr("Release review"));

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 3);
    filters->addWidget(m_environment, 1);

    m_approve->setObjectName(QStringLiteral("approveButton"));
    m_reject->setObjectName(QStringLiteral("rejectButton"));
    connect(m_approve, &QPushButton::clicked, this, [this] {
        if (const auto request = currentRequest())
            Q_EMIT approveRequested(*request);
    });
    connect(m_reject, &QPushButton::clicked, this, &ApprovalsPanel::rejectCurrent);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        updateButtons();
        Q_EMIT currentRequestChanged(currentRequest());
    });
    auto *reviewLayout = new QVBoxLayout(m_reviewArea);
    reviewLayout->setContentsMargins(0, 0, 0, 0);
    reviewLayout->addWidget(m_review, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_reject);
    buttons->addWidget(m_approve);
    setTabOrder(m_reject, m_approve); // as they are shown: Reject left of Approve
    reviewLayout->addLayout(buttons);

    // The list as tall as its rows, the review (diff, flags) the rest.
    m_splitter = tableAbove(m_reviewArea, 1, 3);
    m_splitter->setObjectName(QStringLiteral("approvalsSplitter"));
    connect(m_splitter, &QSplitter::splitterMoved, this, [this] { m_listSizedByHand = true; });

    QVBoxLayout *layout = panelLayout();
    layout->addLayout(filters);
    layout->addWidget(m_splitter, 1);
    layout->addWidget(m_summary);

    whenRowsChange(m_model, &ApprovalsPanel::updateSummary);
    whenRowsChange(m_filter, &ApprovalsPanel::fitListToRows);
    // A refresh can move the selected request on (approved elsewhere): the buttons follow.
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ApprovalsPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ApprovalsPanel::updateButtons);
    // Ages and SLA highlighting move with the clock.
    auto *clock = new QTimer(this);
    clock->setInterval(60 * 1000);
    connect(clock, &QTimer::timeout, this, [this] { m_model->setReferenceTime(QDateTime::currentDateTimeUtc()); });
    clock->start();
    updateSummary();
    updateButtons();
}

void ApprovalsPanel::setActionsEnabled(bool enabled, const QString &whyNot)
{
    m_actionsEnabled = enabled;
    m_actionsDisabledReason = whyNot;
    updateButtons();
}

std::optional<ReleaseRequest> ApprovalsPanel::currentRequest() const
{
    const QModelIndex index = m_view->currentIndex();
    if (!index.isValid())
        return std::nullopt;
    return index.siblingAtColumn(0).data(Roles::RecordRole).value<ReleaseRequest>();
}

bool ApprovalsPanel::showRequest(qint64 projectId, qint64 iid)
{
    const QList<ReleaseRequest> &requests = m_model->items();
    for (int row = 0; row < requests.size(); ++row) {
        if (requests.at(row).projectId == projectId && requests.at(row).iid == iid)
            return showSourceRow(row);
    }
    return false;
}

void ApprovalsPanel::clearChoiceFilters()
{
    m_environment->setCurrentIndex(0); // "All environments"
}

void ApprovalsPanel::setReviewWidget(QWidget *review)
{
    auto *layout = static_cast<QVBoxLayout *>(m_reviewArea->layout());
    // replaceWidget() hands back the old item, which the caller owns.
    std::unique_ptr<QLayoutItem> replaced(layout->replaceWidget(m_review, review));
    m_review->hide();
    review->setParent(m_reviewArea);
    review->show();
}

QByteArray ApprovalsPanel::saveListLayout() const
{
    return m_listSizedByHand ? m_splitter->saveState() : QByteArray();
}

void ApprovalsPanel::restoreListLayout(const QByteArray &state)
{
    m_listSizedByHand = !state.isEmpty() && m_splitter->restoreState(state);
    fitListToRows();
}

void ApprovalsPanel::resizeEvent(QResizeEvent *event)
{
    FilterablePanel::resizeEvent(event);
    fitListToRows();
}

void ApprovalsPanel::fitListToRows()
{
    const int total = m_splitter->height() - m_splitter->handleWidth();
    if (m_listSizedByHand || total <= 0)
        return;
    // Rows are as tall as the font makes them; an empty list is sized as if it had MinRows.
    const int rowHeight
        = m_view->model()->rowCount() > 0 ? m_view->sizeHintForRow(0) : m_view->fontMetrics().height() + 8;
    const int rows = std::max(MinRows, int(m_view->model()->rowCount()));
    const int list = std::min(total * MaxListPercent / 100,
                              m_view->header()->sizeHint().height() + rows * rowHeight + 2 * m_view->frameWidth()
                                  + m_view->horizontalScrollBar()->sizeHint().height());
    m_splitter->setSizes({ list, total - list });
}

void ApprovalsPanel::updateButtons()
{
    const std::optional<ReleaseRequest> request = currentRequest();
    // Only a pending request can be decided; the others show why not.
    const bool decidable = request && request->state == ReleaseState::Pending;
    for (QPushButton *button : { m_approve, m_reject }) {
        button->setEnabled(m_actionsEnabled && decidable);
        button->setToolTip(
            !m_actionsEnabled ? m_actionsDisabledReason
                : !request    ? tr("Select a release request first.")
                : !decidable
                ? tr("This request is %1, not pending.").arg(ReleaseRequestsModel::stateDisplayName(request->state))
                : QString());
    }
}

void ApprovalsPanel::rejectCurrent()
{
    const std::optional<ReleaseRequest> request = currentRequest();
    if (!request)
        return;
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("rejectDialog"));
    dialog->setWindowTitle(tr("Reject release"));
    auto *text = new QLabel(tr("Reject %1 of %2 to %3? The developer sees your reason as a comment on the "
                               "request.")
                                .arg(UntrustedText::line(request->requestedRef, 80), request->appId,
                                     environmentDisplayName(request->environment)),
                            dialog);
    text->setTextFormat(Qt::PlainText);
    text->setWordWrap(true);
    auto *reason = new QPlainTextEdit(dialog);
    reason->setObjectName(QStringLiteral("rejectReason"));
    reason->setAccessibleName(tr("Reason"));
    reason->setPlaceholderText(tr("Why is this release rejected? (required)"));
    reason->setTabChangesFocus(true); // Tab goes on to Reject: the keyboard alone can reject
    auto *box = new QDialogButtonBox(QDialogButtonBox::Cancel, dialog);
    QPushButton *confirm = box->addButton(tr("Reject"), QDialogButtonBox::AcceptRole);
    confirm->setEnabled(false);
    connect(reason, &QPlainTextEdit::textChanged, dialog,
            [reason, confirm] { confirm->setEnabled(!reason->toPlainText().trimmed().isEmpty()); });
    connect(box, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    connect(box, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(text);
    layout->addWidget(reason);
    layout->addWidget(box);
    // The request as shown when asked: a sync may change the selection meanwhile.
    Dialogs::openThen(dialog, this, [this, shown = *request, reason] {
        Q_EMIT rejectRequested(shown, reason->toPlainText().trimmed());
    });
}

void ApprovalsPanel::updateSummary()
{
    int pending = 0;
    int overdue = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        if (index.data(Roles::StatusRole).toString() == enumKey(ReleaseStates, ReleaseState::Pending))
            ++pending;
        if (index.data(Roles::OverdueRole).toBool())
            ++overdue;
    }
    m_summary->setText(overdue > 0 ? tr("%n pending, %1 overdue", nullptr, pending).arg(overdue)
                                   : tr("%n pending", nullptr, pending));
}

} // namespace Dockmaster
