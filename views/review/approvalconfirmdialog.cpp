#include "views/review/approvalconfirmdialog.h"

#include "core/domain/environment.h"
#include "core/util/lookalike.h"
#include "core/util/untrustedtext.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace Dockmaster {

ApprovalConfirmDialog::ApprovalConfirmDialog(const ReleaseRequest &request, const ReviewResult *review, QWidget *parent)
    : QDialog(parent)
    , m_appId(request.appId)
    , m_request(request)
{
    setObjectName(QStringLiteral("approvalConfirmDialog"));
    setWindowTitle(tr("Approve release"));
    const bool production = request.environment == Environment::Production;
    const QString sha = request.resolvedSha.isEmpty() ? tr("(resolved now)") : request.resolvedSha.left(12);

    QStringList lines;
    lines << tr("Approve %1 (%2) of %3 for %4?")
                 .arg(Lookalike::line(request.requestedRef, 80), sha, request.appId,
                      environmentDisplayName(request.environment));
    lines << tr("Dockmaster commits the new version to %1 and its pipeline deploys it.")
                 .arg(environmentBranch(request.environment));
    if (production)
        lines << tr("This is PRODUCTION.");
    lines << QString();

    struct Item {
        QString text;
        bool needsTick;
        QString record; // stable English, for the approval comment and the audit log
    };
    QList<Item> items;
    // "v1.0.0" with a Cyrillic letter is another tag than the one the admin knows.
    if (Lookalike::hasLookalikes(request.requestedRef))
        items.append({ tr("%1 I have checked that this is the ref I mean to approve.")
                           .arg(Lookalike::note(request.requestedRef)),
                       true,
                       QStringLiteral("lookalike ref %1")
                           .arg(UntrustedText::line(Lookalike::reveal(request.requestedRef), 120)) });
    if (!review) {
        lines << tr("The review of this exact version has not finished loading: nothing was scanned.");
        items.append({ tr("I approve without a risk scan of this version."), true, QStringLiteral("no-risk-scan") });
    } else {
        lines << review->verdict();
        for (const UnscannedFile &f : review->unscanned)
            items.append(
                { tr("Not scanned: %1 (%2). I have checked it myself.").arg(UntrustedText::line(f.path, 120), f.reason),
                  true, QStringLiteral("unscanned %1").arg(UntrustedText::line(f.path, 120)) });
        // Files past the review's limits have no names to tick one by one.
        if (!review->limitNotes().isEmpty())
            items.append({ tr("%1 I have checked them myself.").arg(review->limitNotes().join(QLatin1Char(' '))), true,
                           QStringLiteral("unscanned past the review's limits (tree cut at %1, %2 files skipped)")
                               .arg(review->treeCutAt)
                               .arg(review->skippedByLimit) });
        for (const RiskFlag &f : review->flags) {
            const QString path = UntrustedText::line(f.path, 120);
            const QString where = f.line > 0 ? tr("%1:%2").arg(path).arg(f.line) : path;
            const QString what
                = tr("%1 at %2: %3").arg(RiskScanner::kindLabel(f.kind), where, UntrustedText::line(f.code, 120));
            const QString record = f.line > 0
                ? QStringLiteral("%1 %2:%3").arg(RiskScanner::kindKey(f.kind), path).arg(f.line)
                : QStringLiteral("%1 %2").arg(RiskScanner::kindKey(f.kind), path);
            items.append({ what, RiskScanner::isHighSeverity(f.kind), record });
        }
    }
    const auto ticks = std::count_if(items.cbegin(), items.cend(), [](const Item &i) { return i.needsTick; });
    if (ticks > 0) {
        lines << (ticks > MaxTicks
                      ? tr("%n item(s) below need your acknowledgement: type the app ID to confirm you reviewed them.",
                           nullptr, int(ticks))
                      : tr("Tick each item below that needs your acknowledgement."));
    }

    auto *layout = new QVBoxLayout(this);
    m_text = new QLabel(lines.join(QLatin1Char('\n')), this);
    m_text->setObjectName(QStringLiteral("approvalConfirmText"));
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    layout->addWidget(m_text);
    m_approvals = new QLabel(this);
    m_approvals->setObjectName(QStringLiteral("approvalConfirmApprovals"));
    m_approvals->setTextFormat(Qt::PlainText);
    m_approvals->setWordWrap(true);
    m_approvals->hide();
    layout->addWidget(m_approvals);
    m_testRelease = new QLabel(this);
    m_testRelease->setObjectName(QStringLiteral("approvalConfirmTestRelease"));
    m_testRelease->setTextFormat(Qt::PlainText); // quotes the requested ref and GitLab's messages
    m_testRelease->setWordWrap(true);
    m_testRelease->hide();
    layout->addWidget(m_testRelease);

    if (!items.isEmpty()) {
        m_list = new QListWidget(this);
        m_list->setObjectName(QStringLiteral("approvalAcknowledgements"));
        m_list->setAccessibleName(tr("Unscanned files and risk flags"));
        m_list->setUniformItemSizes(true);
        for (const Item &i : std::as_const(items)) {
            auto *item = new QListWidgetItem(i.text, m_list);
            item->setToolTip(UntrustedText::plainToolTip(i.text));
            item->setData(Qt::UserRole, i.needsTick ? i.record : QString());
            if (i.needsTick && ticks <= MaxTicks) {
                item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
                item->setCheckState(Qt::Unchecked);
            } else {
                item->setFlags(Qt::ItemIsEnabled);
            }
        }
        layout->addWidget(m_list, 1);
        connect(m_list, &QListWidget::itemChanged, this, &ApprovalConfirmDialog::updateButton);
    }
    if (ticks > MaxTicks) {
        m_typed = new QLineEdit(this);
        m_typed->setObjectName(QStringLiteral("approvalTypedAppId"));
        m_typed->setPlaceholderText(tr("Type %1 to approve").arg(request.appId));
        m_typed->setAccessibleName(tr("App ID to confirm"));
        layout->addWidget(m_typed);
        connect(m_typed, &QLineEdit::textChanged, this, &ApprovalConfirmDialog::updateButton);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_approve = buttons->addButton(tr("Approve and deploy"), QDialogButtonBox::AcceptRole);
    m_approve->setObjectName(QStringLiteral("approveAndDeployButton"));
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(640, items.isEmpty() ? 220 : 440);
    updateButton();
}

QStringList ApprovalConfirmDialog::acknowledgedItems() const
{
    QStringList records;
    for (int i = 0; m_list && i < m_list->count(); ++i) {
        const QListWidgetItem *item = m_list->item(i);
        const QString record = item->data(Qt::UserRole).toString();
        const bool ticked = (item->flags() & Qt::ItemIsUserCheckable) && item->checkState() == Qt::Checked;
        if (!record.isEmpty() && (ticked || (m_typed && m_approve->isEnabled())))
            records.append(record);
    }
    return records;
}

void ApprovalConfirmDialog::setApprovalsNeeded(int count)
{
    if (count <= 1)
        return;
    const int given = int(m_request.approvedBy.size()) + 1;
    if (given >= count) {
        m_approvals->setText(tr("Approved so far by %1. Yours is approval %2 of %3: it deploys.")
                                 .arg(UntrustedText::line(m_request.approvedBy.join(QStringLiteral(", ")), 120))
                                 .arg(given)
                                 .arg(count));
    } else {
        m_approvals->setText(tr("%1 admins must approve this release. Yours is approval %2 of %3: it is recorded on "
                                "the request and nothing is deployed until the last admin approves.")
                                 .arg(count)
                                 .arg(given)
                                 .arg(count));
        m_approve->setText(tr("Record approval"));
    }
    m_approvals->show();
}

void ApprovalConfirmDialog::setTestReleaseChecking(bool refuseBeforeTest)
{
    m_testRelease->setText(tr("Checking the test release of %1…").arg(UntrustedText::line(m_request.requestedRef, 80)));
    m_testRelease->show();
    m_testReleaseBlocks = refuseBeforeTest;
    if (refuseBeforeTest)
        m_approve->setToolTip(tr("Waiting for the state of the test release: this profile approves production only "
                                 "after the same version is deployed to test."));
    updateButton();
}

void ApprovalConfirmDialog::setTestReleaseCheck(const TestReleaseCheck &check)
{
    QString text = check.message;
    if (check.refuses)
        text += QLatin1Char(' ')
            + tr("This profile approves production only after the same version is deployed to test: approve the "
                 "test release first.");
    else if (check.warns())
        text += QLatin1Char(' ') + tr("You can still approve production; the approval records this warning.");
    m_testRelease->setText(text);
    // A warning stands out; a test release that is done reads as plain information.
    QFont font = m_testRelease->font();
    font.setBold(check.warns());
    m_testRelease->setFont(font);
    m_testRelease->show();
    m_testReleaseBlocks = check.refuses;
    m_approve->setToolTip(check.refuses ? text : QString());
    updateButton();
}

int ApprovalConfirmDialog::acknowledgementCount() const
{
    int n = 0;
    for (int i = 0; m_list && i < m_list->count(); ++i)
        n += (m_list->item(i)->flags() & Qt::ItemIsUserCheckable) ? 1 : 0;
    return n;
}

QString ApprovalConfirmDialog::text() const
{
    QStringList all { m_text->text() };
    if (!m_testRelease->isHidden())
        all << m_testRelease->text();
    for (int i = 0; m_list && i < m_list->count(); ++i)
        all << m_list->item(i)->text();
    return all.join(QLatin1Char('\n'));
}

void ApprovalConfirmDialog::updateButton()
{
    bool ok = true;
    for (int i = 0; m_list && i < m_list->count(); ++i) {
        const QListWidgetItem *item = m_list->item(i);
        if ((item->flags() & Qt::ItemIsUserCheckable) && item->checkState() != Qt::Checked)
            ok = false;
    }
    if (m_typed)
        ok = ok && m_typed->text().trimmed() == m_appId;
    m_approve->setEnabled(ok && !m_testReleaseBlocks);
}

} // namespace Dockmaster
