#pragma once

#include "core/approvals/testreleasecheck.h"
#include "core/domain/records.h"
#include "core/review/reviewresult.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace Dockmaster {

// Asks the admin to confirm an approval with the review's verdict in view:
// names the files the risk scan could not read and the flags it raised.
// High-severity flags and unscanned files each need an explicit tick (or,
// when there are many, typing the app ID) before *Approve* is enabled.
class ApprovalConfirmDialog final : public QDialog
{
    Q_OBJECT
public:
    // `review`: null when no finished review of exactly this SHA exists; that
    // counts as nothing scanned and needs the acknowledgement too.
    ApprovalConfirmDialog(const ReleaseRequest &request, const ReviewResult *review, QWidget *parent = nullptr);

    // Above this many items, the admin types the app ID instead of ticking each.
    static constexpr int MaxTicks = 20;

    int acknowledgementCount() const;
    bool needsTypedAppId() const { return m_typed != nullptr; }
    QPushButton *approveButton() const { return m_approve; }
    QListWidget *acknowledgements() const { return m_list; }
    QLineEdit *appIdField() const { return m_typed; }
    QString text() const;
    // What the admin acknowledged, for the approval comment and the audit
    // log: one stable English line per ticked item ("eval web/x.php:12",
    // "unscanned web/y.php (binary)", "no-risk-scan"); with a typed app ID,
    // every item that needed a tick.
    QStringList acknowledgedItems() const;
    // More than one admin approves this environment: says that this approval
    // may only be recorded, not deployed.
    void setApprovalsNeeded(int count);
    // Production: the test release of the same version is being checked.
    // When the profile refuses production before test, Approve waits for the answer.
    void setTestReleaseChecking(bool refuseBeforeTest);
    // Its state: said in the dialog; pending or failed is a warning, and
    // when the check refuses, Approve stays disabled and says why.
    void setTestReleaseCheck(const TestReleaseCheck &check);
    QLabel *testReleaseLabel() const { return m_testRelease; }

private:
    void updateButton();

    QString m_appId;
    ReleaseRequest m_request;
    QLabel *m_approvals = nullptr;
    QLabel *m_testRelease = nullptr;
    bool m_testReleaseBlocks = false; // refused, or a refusing check not answered yet
    QLabel *m_text = nullptr;
    QListWidget *m_list = nullptr;
    QLineEdit *m_typed = nullptr;
    QPushButton *m_approve = nullptr;
};

} // namespace Dockmaster
