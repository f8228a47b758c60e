#pragma once

#include "core/domain/records.h"
#include "views/panels/filterablepanel.h"

#include <optional>

class QComboBox;
class QPushButton;
class QLabel;
class QSplitter;

namespace Dockmaster {

class ReleaseRequestsModel;
class ReleaseRequestsFilterModel;

// Pending approvals: every open release request across apps, oldest first.
class ApprovalsPanel final : public FilterablePanel
{
    Q_OBJECT
public:
    explicit ApprovalsPanel(ReleaseRequestsModel *model, QWidget *parent = nullptr);

    void setActionsEnabled(bool enabled, const QString &whyNot);
    // The selected request, if any.
    std::optional<ReleaseRequest> currentRequest() const;
    // Selects the request `iid` of project `projectId` (clearing filters that
    // hide it); false if it is not listed.
    bool showRequest(qint64 projectId, qint64 iid);
    // Where the review of the selected request is shown (the shell fills it).
    void setReviewWidget(QWidget *review);
    // Asks for the reason (required) and emits rejectRequested().
    void rejectCurrent();
    // The buttons the menu's Approve and Reject press (disabled, they say why in the tooltip).
    QPushButton *approveButton() const { return m_approve; }
    QPushButton *rejectButton() const { return m_reject; }

    // The list takes the height of its rows (room for MinRows at least, never more
    // than MaxListPercent of the panel) and the review the rest, until the
    // admin drags the splitter between them. Empty: sized by its rows.
    QByteArray saveListLayout() const;
    void restoreListLayout(const QByteArray &state);
    static constexpr int MinRows = 3;
    static constexpr int MaxListPercent = 40;

protected:
    void clearChoiceFilters() override;
    void resizeEvent(QResizeEvent *event) override;

Q_SIGNALS:
    void currentRequestChanged(const std::optional<Dockmaster::ReleaseRequest> &request);
    void approveRequested(const Dockmaster::ReleaseRequest &request);
    void rejectRequested(const Dockmaster::ReleaseRequest &request, const QString &reason);

private:
    void updateSummary();
    void updateButtons();
    void fitListToRows();

    ReleaseRequestsModel *m_model;
    ReleaseRequestsFilterModel *m_filter;
    QComboBox *m_environment;
    QLabel *m_summary;
    QLabel *m_review;
    QWidget *m_reviewArea;
    QSplitter *m_splitter = nullptr;
    bool m_listSizedByHand = false;
    QPushButton *m_approve;
    QPushButton *m_reject;
    bool m_actionsEnabled = true;
    QString m_actionsDisabledReason;
};

} // namespace Dockmaster
