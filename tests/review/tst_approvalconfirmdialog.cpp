#include "core/review/reviewresult.h"
#include "models/releaserequestsmodel.h"
#include "views/panels/approvalspanel.h"
#include "views/review/approvalconfirmdialog.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTest>
#include <QTreeView>

using namespace Dockmaster;

namespace {

ReleaseRequest request(qint64 iid, Environment environment, const QString &ref)
{
    ReleaseRequest r;
    r.projectId = 7;
    r.iid = iid;
    r.appId = QStringLiteral("app0000042");
    r.environment = environment;
    r.requestedRef = ref;
    r.resolvedSha = QString(40, QLatin1Char('c'));
    r.requester = QStringLiteral("dev01");
    r.createdAt = QDateTime(QDate(2026, 11, 20), QTime(8, iid), QTimeZone::UTC);
    return r;
}

RiskFlag flag(RiskKind kind, const QString &path, int line, const QString &code)
{
    RiskFlag f;
    f.kind = kind;
    f.path = path;
    f.line = line;
    f.code = code;
    return f;
}

} // namespace

// The approve confirmation with the review's risk flags (issue 13, item 2),
// and what the approvals panel selects after an approval.
class TestApprovalConfirmDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void highSeverityFlagsNeedATickEachAndAreRecorded()
    {
        const ReleaseRequest r = request(3, Environment::Production, QStringLiteral("v2.0.0"));
        ReviewResult review;
        review.toSha = r.resolvedSha;
        review.scanTotal = review.scanned = 4;
        review.flags = {
            flag(RiskKind::ObfuscatedExecution, QStringLiteral("web/boot.php"), 12,
                 QStringLiteral("eval(base64_decode($_POST['x']));")),
            flag(RiskKind::WriteOutsideApp, QStringLiteral("web/cron.php"), 4,
                 QStringLiteral("file_put_contents('/etc/cron.d/x', $job);")),
            flag(RiskKind::OutboundHost, QStringLiteral("web/api.php"), 9,
                 QStringLiteral("curl_init('https://example.net');")),
        };
        ApprovalConfirmDialog dialog(r, &review);
        // Every flag is shown; only the two high-severity ones need a tick.
        QVERIFY(dialog.text().contains(QStringLiteral("web/boot.php:12")));
        QVERIFY(dialog.text().contains(QStringLiteral("/etc/cron.d/x")));
        QVERIFY(dialog.text().contains(QStringLiteral("web/api.php:9")));
        QCOMPARE(dialog.acknowledgementCount(), 2);
        QVERIFY(!dialog.approveButton()->isEnabled());
        QVERIFY(dialog.acknowledgedItems().isEmpty());

        QListWidget *list = dialog.acknowledgements();
        QVERIFY(list);
        QListWidgetItem *first = nullptr;
        QListWidgetItem *second = nullptr;
        for (int i = 0; i < list->count(); ++i) {
            if (!(list->item(i)->flags() & Qt::ItemIsUserCheckable))
                continue;
            (first ? second : first) = list->item(i);
        }
        QVERIFY(first && second);
        first->setCheckState(Qt::Checked);
        QVERIFY(!dialog.approveButton()->isEnabled()); // one tick is not enough
        second->setCheckState(Qt::Checked);
        QVERIFY(dialog.approveButton()->isEnabled());

        // What goes to the approval comment and the audit log: stable, English, per flag.
        const QStringList recorded = dialog.acknowledgedItems();
        QCOMPARE(
            recorded,
            (QStringList { QStringLiteral("obfuscated web/boot.php:12"), QStringLiteral("write web/cron.php:4") }));
        second->setCheckState(Qt::Unchecked);
        QVERIFY(!dialog.approveButton()->isEnabled());
        QCOMPARE(dialog.acknowledgedItems(), QStringList { QStringLiteral("obfuscated web/boot.php:12") });
    }

    // What a hostile release's size left unscanned has no file names: one
    // item says so and needs its tick (issue 15).
    void reviewLimitsNeedATick()
    {
        const ReleaseRequest r = request(6, Environment::Test, QStringLiteral("v3.0.0"));
        ReviewResult review;
        review.toSha = r.resolvedSha;
        review.scanTotal = review.scanned = 10000;
        review.treeCutAt = 30000;
        review.skippedByLimit = 12;
        QVERIFY(!review.scanComplete());
        ApprovalConfirmDialog dialog(r, &review);
        QVERIFY2(dialog.text().contains(QStringLiteral("more than 30,000 files")), qPrintable(dialog.text()));
        QCOMPARE(dialog.acknowledgementCount(), 1);
        QVERIFY(!dialog.approveButton()->isEnabled());
        QListWidgetItem *item = dialog.acknowledgements()->item(0);
        QVERIFY2(item->text().contains(QStringLiteral("12 more file")), qPrintable(item->text()));
        item->setCheckState(Qt::Checked);
        QVERIFY(dialog.approveButton()->isEnabled());
        QCOMPARE(
            dialog.acknowledgedItems(),
            QStringList { QStringLiteral("unscanned past the review's limits (tree cut at 30000, 12 files skipped)") });
    }

    void typedAppIdAcknowledgesEveryItem()
    {
        const ReleaseRequest r = request(4, Environment::Test, QStringLiteral("v2.0.0"));
        ReviewResult review;
        review.toSha = r.resolvedSha;
        review.scanTotal = review.scanned = 40;
        for (int i = 0; i < ApprovalConfirmDialog::MaxTicks + 1; ++i)
            review.flags.append(
                flag(RiskKind::Eval, QStringLiteral("web/f%1.php").arg(i), i + 1, QStringLiteral("eval($x);")));
        ApprovalConfirmDialog dialog(r, &review);
        QVERIFY(dialog.needsTypedAppId());
        QVERIFY(dialog.acknowledgedItems().isEmpty());
        dialog.appIdField()->setText(r.appId);
        QVERIFY(dialog.approveButton()->isEnabled());
        const QStringList recorded = dialog.acknowledgedItems();
        QCOMPARE(recorded.size(), ApprovalConfirmDialog::MaxTicks + 1);
        QCOMPARE(recorded.constFirst(), QStringLiteral("eval web/f0.php:1"));
    }

    void saysWhetherThisApprovalDeploys()
    {
        ReleaseRequest r = request(5, Environment::Production, QStringLiteral("v2.0.0"));
        ReviewResult review;
        review.toSha = r.resolvedSha;
        review.scanTotal = review.scanned = 1;
        {
            ApprovalConfirmDialog first(r, &review);
            first.setApprovalsNeeded(2);
            auto *approvals = first.findChild<QLabel *>(QStringLiteral("approvalConfirmApprovals"));
            QVERIFY(approvals && !approvals->isHidden());
            QVERIFY2(approvals->text().contains(QStringLiteral("approval 1 of 2")), qPrintable(approvals->text()));
            QCOMPARE(first.approveButton()->text(), ApprovalConfirmDialog::tr("Record approval"));
        }
        r.approvedBy = { QStringLiteral("alice") };
        r.approvalsRequired = 2;
        ApprovalConfirmDialog last(r, &review);
        last.setApprovalsNeeded(2);
        auto *approvals = last.findChild<QLabel *>(QStringLiteral("approvalConfirmApprovals"));
        QVERIFY2(approvals->text().contains(QStringLiteral("alice"))
                     && approvals->text().contains(QStringLiteral("2 of 2")),
                 qPrintable(approvals->text()));
        QCOMPARE(last.approveButton()->text(), ApprovalConfirmDialog::tr("Approve and deploy"));
    }

    // Production while the test release of the same version is pending
    // (issue 13, item 1): the dialog says so before the admin approves; a
    // profile that refuses keeps Approve disabled, one that warns does not.
    void saysWhereTheTestReleaseStandsBeforeApproving_data()
    {
        QTest::addColumn<bool>("refuse");
        QTest::newRow("warns") << false;
        QTest::newRow("refuses") << true;
    }

    void saysWhereTheTestReleaseStandsBeforeApproving()
    {
        QFETCH(bool, refuse);
        const ReleaseRequest r = request(6, Environment::Production, QStringLiteral("v2.1.0"));
        ReviewResult review;
        review.toSha = r.resolvedSha;
        review.scanTotal = review.scanned = 1;
        ApprovalConfirmDialog dialog(r, &review);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.approveButton()->isEnabled()); // nothing to tick

        dialog.setTestReleaseChecking(refuse);
        QLabel *state = dialog.testReleaseLabel();
        QVERIFY(state->isVisible());
        QVERIFY2(state->text().contains(QStringLiteral("Checking the test release of v2.1.0")),
                 qPrintable(state->text()));
        QCOMPARE(dialog.approveButton()->isEnabled(), !refuse); // a refusing profile waits for the answer

        TestReleaseCheck pending;
        pending.status = TestReleaseCheck::Status::Pending;
        pending.found = true;
        pending.iid = 5;
        pending.message = QStringLiteral("The test release of v2.1.0 (#5) is still pending.");
        pending.refuses = refuse;
        dialog.setTestReleaseCheck(pending);
        QVERIFY2(state->text().contains(QStringLiteral("(#5) is still pending")), qPrintable(state->text()));
        QVERIFY(state->font().bold());
        QVERIFY(dialog.text().contains(QStringLiteral("still pending")));
        QCOMPARE(dialog.approveButton()->isEnabled(), !refuse);
        if (refuse) {
            QVERIFY2(dialog.approveButton()->toolTip().contains(QStringLiteral("approve the test release first")),
                     qPrintable(dialog.approveButton()->toolTip()));
            QTest::mouseClick(dialog.approveButton(), Qt::LeftButton);
            QCOMPARE(dialog.result(), int(QDialog::Rejected)); // the click did nothing
            QVERIFY(dialog.isVisible());
        } else {
            QVERIFY2(state->text().contains(QStringLiteral("You can still approve production")),
                     qPrintable(state->text()));
        }

        // Deployed to test in the meantime: plain information, and Approve works.
        TestReleaseCheck deployed;
        deployed.found = true;
        deployed.iid = 5;
        deployed.state = ReleaseState::Deployed;
        deployed.message = QStringLiteral("The test release of v2.1.0 (#5): Deployed.");
        dialog.setTestReleaseCheck(deployed);
        QVERIFY(!state->font().bold());
        QVERIFY(dialog.approveButton()->isEnabled());
        QTest::mouseClick(dialog.approveButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    // The test request of a flagged release is approved and leaves the list:
    // its neighbour, the production request of the same release, must not
    // become the selection under the Approve button.
    void selectionDoesNotJumpToTheNextRequestWhenTheApprovedOneLeaves()
    {
        ReleaseRequestsModel model;
        QAbstractItemModelTester tester(&model);
        const ReleaseRequest test = request(1, Environment::Test, QStringLiteral("v2.0.0"));
        const ReleaseRequest production = request(2, Environment::Production, QStringLiteral("v2.0.0"));
        model.setItems({ test, production });
        ApprovalsPanel panel(&model);
        auto *view = panel.findChild<QTreeView *>();
        QVERIFY(view);
        view->setCurrentIndex(view->model()->index(0, 0));
        QCOMPARE(panel.currentRequest()->iid, test.iid);
        QList<qint64> shown; // what the review pane was asked to show
        connect(&panel, &ApprovalsPanel::currentRequestChanged, this,
                [&shown](const std::optional<ReleaseRequest> &current) { shown.append(current ? current->iid : 0); });

        model.setItems({ production }); // the approved test request is gone
        QVERIFY(!panel.currentRequest().has_value());
        QVERIFY(!view->selectionModel()->hasSelection());
        auto *approve = panel.findChild<QPushButton *>(QStringLiteral("approveButton"));
        QVERIFY(approve && !approve->isEnabled());
        QVERIFY(!shown.isEmpty());
        QVERIFY2(!shown.contains(production.iid), qPrintable(QString::number(shown.size())));

        // A request that stays (its state changed) keeps the selection.
        view->setCurrentIndex(view->model()->index(0, 0));
        ReleaseRequest approvedOnce = production;
        approvedOnce.approvedBy = { QStringLiteral("alice") };
        approvedOnce.approvalsRequired = 2;
        model.setItems({ approvedOnce });
        QCOMPARE(panel.currentRequest()->iid, production.iid);
        QVERIFY(panel.currentRequest()->approvedBy.contains(QStringLiteral("alice")));
    }
};

QTEST_MAIN(TestApprovalConfirmDialog)
#include "tst_approvalconfirmdialog.moc"
