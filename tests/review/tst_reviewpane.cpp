#include "core/gitlab/gitlabclient.h"
#include "core/review/riskscanner.h"
#include "models/applicationsmodel.h"
#include "models/releaserequestsmodel.h"
#include "views/panels/approvalspanel.h"
#include "views/review/diffview.h"
#include "views/review/reviewpane.h"
#include "views/shell/reviewcontroller.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QStackedWidget>
#include <QTest>
#include <QTextBlock>
#include <QTreeView>
#include <QTreeWidget>

#include <KSyntaxHighlighting/Repository>

using namespace Dockmaster;

namespace {

ReviewFile file(const QString &path, const QString &diff, bool isNew)
{
    ReviewFile f;
    f.diff.oldPath = f.diff.newPath = path;
    f.diff.newFile = isNew;
    f.diff.diff = diff;
    const auto [added, removed] = UnifiedDiff::countChanges(diff);
    f.added = added;
    f.removed = removed;
    return f;
}

// A release as a reviewer meets it: a harmless edit, a risky new helper, a dependency bump.
ReviewResult realisticResult()
{
    ReviewResult r;
    r.project = QStringLiteral("plugins/apps/app0000042");
    r.fromSha = QStringLiteral("3f1c9a7be04d2c51a9e8f6b7c0d1e2f3a4b5c6d7");
    r.toSha = QStringLiteral("9b2e4d6f8a0c1e3f5a7b9c0d2e4f6a8b0c1d3e5f");
    const QDateTime t(QDate(2026, 11, 24), QTime(15, 30), QTimeZone::UTC);
    r.commits = {
        { QStringLiteral("5d1e9c0a7b3f2e4d6c8a0b1c2d3e4f5a6b7c8d9e"), QStringLiteral("5d1e9c0a"),
          QStringLiteral("Show the greeting from the settings"), QStringLiteral("Dana Developer"), t },
        { r.toSha, QStringLiteral("9b2e4d6f"), QStringLiteral("Add a stats helper and guzzle"),
          QStringLiteral("Dana Developer"), t.addSecs(3600) },
    };
    r.files.append(
        file(QStringLiteral("web/index.php"),
             QStringLiteral("@@ -1,6 +1,8 @@\n"
                            " <?php\n"
                            " // The plugin's front page.\n"
                            "-echo 'Hello';\n"
                            "+require __DIR__ . '/lib/helper.php';\n"
                            "+$settings = json_decode(file_get_contents(__DIR__ . '/settings.json'), true);\n"
                            "+echo htmlspecialchars($settings['greeting'] ?? 'Hello');\n"
                            " \n"
                            " // Never eval() user input.\n"
                            " echo '<footer>ok</footer>';\n"),
             false));
    r.files.append(file(QStringLiteral("web/lib/helper.php"),
                        QStringLiteral("@@ -0,0 +1,14 @@\n"
                                       "+<?php\n"
                                       "+// Sends anonymous usage statistics.\n"
                                       "+function helper_stats(array $data): void\n"
                                       "+{\n"
                                       "+    $ch = curl_init('https://stats.example.org/collect');\n"
                                       "+    curl_setopt($ch, CURLOPT_POSTFIELDS, json_encode($data));\n"
                                       "+    curl_exec($ch);\n"
                                       "+}\n"
                                       "+\n"
                                       "+function helper_run(string $blob): void\n"
                                       "+{\n"
                                       "+    $payload = base64_decode($blob);\n"
                                       "+    eval($payload);\n"
                                       "+}\n"),
                        true));
    r.files.append(file(QStringLiteral("composer.json"),
                        QStringLiteral("@@ -1,5 +1,6 @@\n"
                                       " {\n"
                                       "     \"require\": {\n"
                                       "-        \"php\": \">=8.2\"\n"
                                       "+        \"php\": \">=8.2\",\n"
                                       "+        \"guzzlehttp/guzzle\": \"^7.9\"\n"
                                       "     }\n"
                                       " }\n"),
                        false));
    QList<FileDiff> diffs;
    for (const ReviewFile &f : std::as_const(r.files))
        diffs.append(f.diff);
    r.flags = RiskScanner().scan(diffs);
    // What the loader reports after reading both PHP files of the tree.
    r.scanFromTrees = true;
    r.scanTotal = 2;
    r.scanned = 2;
    return r;
}

ReleaseRequest request(Environment environment)
{
    ReleaseRequest q;
    q.projectId = 42;
    q.iid = 7;
    q.appId = QStringLiteral("app0000042");
    q.environment = environment;
    q.title = QStringLiteral("Release v1.4.0");
    q.requestedRef = QStringLiteral("v1.4.0");
    q.resolvedSha = QStringLiteral("9b2e4d6f8a0c1e3f5a7b9c0d2e4f6a8b0c1d3e5f");
    q.requester = QStringLiteral("dana");
    q.state = ReleaseState::Pending;
    q.createdAt = QDateTime(QDate(2026, 11, 24), QTime(18, 0), QTimeZone::UTC);
    return q;
}

} // namespace

class TestReviewPane : public QObject
{
    Q_OBJECT

    template<typename T> static T *child(QWidget &pane, const char *name)
    {
        return pane.findChild<T *>(QString::fromUtf8(name));
    }

private Q_SLOTS:
    // Issue 13: the review of the selected request follows the cache: when a
    // sync brings its new state (decided here or on another console), the
    // header says so without selecting it again.
    void theReviewFollowsTheRequestsState()
    {
        ReleaseRequestsModel requests;
        ReleaseRequest shown = request(Environment::Test);
        shown.resolvedSha.clear(); // nothing to load: no GitLab needed
        requests.setItems({ shown });
        ApprovalsPanel panel(&requests);
        GitLabClient client;
        ApplicationsModel apps;
        ReviewController controller(&client, &panel, &apps, nullptr);
        panel.view()->setCurrentIndex(panel.view()->model()->index(0, 0));
        auto *requester = controller.pane()->findChild<QLabel *>(QStringLiteral("reviewRequester"));
        QVERIFY(requester);
        QVERIFY2(requester->text().startsWith(QStringLiteral("by dana")), qPrintable(requester->text()));
        QVERIFY(!requester->text().contains(QStringLiteral("Rejected")));

        shown.state = ReleaseState::Rejected;
        requests.setItems({ shown });
        QVERIFY2(requester->text().contains(QStringLiteral("Rejected")), qPrintable(requester->text()));
        QCOMPARE(controller.pane()->request().state, ReleaseState::Rejected);
    }

    void emptyState()
    {
        ReviewPane pane(nullptr);
        QCOMPARE(pane.state(), ReviewPane::State::Empty);
        auto *stack = child<QStackedWidget>(pane, "reviewStack");
        QVERIFY(stack);
        auto *empty = child<QLabel>(pane, "reviewEmpty");
        QCOMPARE(stack->currentWidget(), empty);
        QCOMPARE(empty->text(), QStringLiteral("Select a release request to review it"));
        QVERIFY(!child<QWidget>(pane, "reviewHeader")->isVisibleTo(&pane));
    }

    void loadingThenErrorThenClear()
    {
        ReviewPane pane(nullptr);
        pane.setRequest(request(Environment::Test));
        pane.setLoading();
        QCOMPARE(pane.state(), ReviewPane::State::Loading);
        QVERIFY(child<QWidget>(pane, "reviewHeader")->isVisibleTo(&pane));
        pane.setError(QStringLiteral("GitLab does not know commit 0123456789ab"));
        QCOMPARE(pane.state(), ReviewPane::State::Error);
        auto *stack = child<QStackedWidget>(pane, "reviewStack");
        auto *error = child<QLabel>(pane, "reviewError");
        QCOMPARE(stack->currentWidget(), error);
        QVERIFY(error->text().contains(QStringLiteral("0123456789ab")));
        // Third-party text is shown, never interpreted as markup.
        pane.setError(QStringLiteral("ref <b>x</b>"));
        QCOMPARE(error->textFormat(), Qt::PlainText);
        QVERIFY(error->text().contains(QStringLiteral("ref <b>x</b>")));
        pane.clear();
        QCOMPARE(pane.state(), ReviewPane::State::Empty);
        QCOMPARE(stack->currentWidget(), child<QLabel>(pane, "reviewEmpty"));
    }

    void productionStandsOut()
    {
        ReviewPane pane(nullptr);
        pane.setRequest(request(Environment::Production));
        auto *env = child<QLabel>(pane, "reviewEnvironment");
        QCOMPARE(env->text(), QStringLiteral("PRODUCTION"));
        QVERIFY(env->property("production").toBool());
        QVERIFY(env->font().bold());
        pane.setRequest(request(Environment::Test));
        QVERIFY(!env->property("production").toBool());
        QVERIFY(env->text() != QStringLiteral("PRODUCTION"));
    }

    void headerShowsRefShaRequesterAndAge()
    {
        ReviewPane pane(nullptr);
        pane.setReferenceTime(QDateTime(QDate(2026, 11, 25), QTime(3, 0), QTimeZone::UTC));
        pane.setRequest(request(Environment::Production));
        pane.setResult(realisticResult());
        const QString ref = child<QLabel>(pane, "reviewRef")->text();
        QVERIFY2(ref.contains(QStringLiteral("v1.4.0")) && ref.contains(QStringLiteral("9b2e4d6f8a0c")),
                 qPrintable(ref));
        QVERIFY2(ref.contains(QStringLiteral("3f1c9a7be04d")), qPrintable(ref));
        const QString by = child<QLabel>(pane, "reviewRequester")->text();
        QVERIFY2(by.contains(QStringLiteral("dana")) && by.contains(QStringLiteral("9 hour")), qPrintable(by));
    }

    void listsCommitsFilesAndFlags()
    {
        const ReviewResult result = realisticResult();
        QCOMPARE(result.flags.size(), 4); // composer, outbound, eval + obfuscated
        ReviewPane pane(nullptr);
        pane.setRequest(request(Environment::Test));
        pane.setResult(result);
        QCOMPARE(pane.state(), ReviewPane::State::Ready);
        auto *commits = child<QTreeWidget>(pane, "reviewCommits");
        auto *files = child<QTreeWidget>(pane, "reviewFiles");
        auto *flags = child<QTreeWidget>(pane, "reviewFlags");
        QCOMPARE(commits->topLevelItemCount(), 2);
        QCOMPARE(commits->topLevelItem(1)->text(0), QStringLiteral("Add a stats helper and guzzle"));
        QCOMPARE(files->topLevelItemCount(), 3);
        QCOMPARE(files->topLevelItem(0)->text(2), QString());           // index.php: clean
        QCOMPARE(files->topLevelItem(1)->text(2), QStringLiteral("3")); // helper.php
        QCOMPARE(files->topLevelItem(2)->text(2), QStringLiteral("1")); // composer.json
        QCOMPARE(flags->topLevelItemCount(), 4);
        QStringList locations;
        for (int i = 0; i < flags->topLevelItemCount(); ++i)
            locations.append(flags->topLevelItem(i)->text(1));
        QCOMPARE(locations,
                 QStringList({ QStringLiteral("composer.json"), QStringLiteral("web/lib/helper.php:5"),
                               QStringLiteral("web/lib/helper.php:13"), QStringLiteral("web/lib/helper.php:13") }));
        // The diff opens on the first flagged file.
        QCOMPARE(pane.currentFile(), QStringLiteral("composer.json"));
        for (QWidget *w : { static_cast<QWidget *>(commits), static_cast<QWidget *>(files),
                            static_cast<QWidget *>(flags), child<QWidget>(pane, "reviewDiff") })
            QVERIFY(!w->accessibleName().isEmpty());
    }

    void activatingAFlagMovesTheDiffCursor()
    {
        ReviewPane pane(nullptr);
        pane.resize(1000, 700);
        pane.setRequest(request(Environment::Test));
        pane.setResult(realisticResult());
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        auto *flags = child<QTreeWidget>(pane, "reviewFlags");
        auto *diff = child<DiffView>(pane, "reviewDiff");
        QTreeWidgetItem *evalFlag = nullptr;
        for (int i = 0; i < flags->topLevelItemCount(); ++i) {
            if (flags->topLevelItem(i)->text(3) == QStringLiteral("eval($payload);"))
                evalFlag = flags->topLevelItem(i);
        }
        QVERIFY(evalFlag);
        flags->setFocus();
        flags->setCurrentItem(evalFlag);
        QTest::keyClick(flags, Qt::Key_Return);
        QCOMPARE(pane.currentFile(), QStringLiteral("web/lib/helper.php"));
        QCOMPARE(pane.currentLine(), 13);
        QCOMPARE(diff->textCursor().block().text(), QStringLiteral("+    eval($payload);"));

        // Another flag in another file, by index.
        int outbound = -1;
        for (int i = 0; i < pane.result().flags.size(); ++i) {
            if (pane.result().flags.at(i).kind == RiskKind::OutboundHost)
                outbound = i;
        }
        QVERIFY(outbound >= 0);
        pane.showFile(QStringLiteral("web/index.php"));
        pane.showFlag(outbound);
        QCOMPARE(pane.currentFile(), QStringLiteral("web/lib/helper.php"));
        QCOMPARE(pane.currentLine(), 5);
        QVERIFY(diff->textCursor().block().text().contains(QStringLiteral("curl_init")));
    }

    void thirdPartyTextIsNotMarkup()
    {
        ReviewPane pane(nullptr);
        ReleaseRequest hostile = request(Environment::Test);
        hostile.requestedRef = QStringLiteral("<img src=x>");
        hostile.title = QStringLiteral("<h1>big</h1>");
        pane.setRequest(hostile);
        for (const char *name : { "reviewRef", "reviewTitle", "reviewRequester", "reviewWarnings" })
            QCOMPARE(child<QLabel>(pane, name)->textFormat(), Qt::PlainText);
        QVERIFY(child<QLabel>(pane, "reviewRef")->text().contains(QStringLiteral("<img src=x>")));
    }

    void newRequestDropsTheOldDiff()
    {
        ReviewPane pane(nullptr);
        pane.setRequest(request(Environment::Test));
        pane.setResult(realisticResult());
        ReleaseRequest other = request(Environment::Test);
        other.iid = 8;
        pane.setRequest(other);
        QCOMPARE(pane.state(), ReviewPane::State::Loading);
        QVERIFY(pane.result().files.isEmpty());
    }

    // Renders the pane with a realistic result for the docs and a visual check.
    void screenshot()
    {
        KSyntaxHighlighting::Repository repository;
        ReviewPane pane(&repository);
        pane.resize(1280, 820);
        pane.setReferenceTime(QDateTime(QDate(2026, 11, 25), QTime(3, 0), QTimeZone::UTC));
        pane.setRequest(request(Environment::Production));
        pane.setResult(realisticResult());
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        int evalIndex = -1;
        for (int i = 0; i < pane.result().flags.size(); ++i) {
            if (pane.result().flags.at(i).kind == RiskKind::Eval)
                evalIndex = i;
        }
        pane.showFlag(evalIndex);
        QCOMPARE(pane.currentLine(), 13);
        const QString dir = QStringLiteral(REVIEW_SCREENSHOT_DIR);
        QVERIFY(QDir().mkpath(dir));
        const QString path = dir + QStringLiteral("/review-pane.png");
        QVERIFY(pane.grab().save(path));
        qInfo("screenshot: %s", qPrintable(path));

        pane.resize(900, 400);
        pane.setError(QStringLiteral("GitLab does not know commit 0123456789ab or 9b2e4d6f8a0c in "
                                     "plugins/apps/app0000042; the ref may have been deleted or force-pushed."));
        QVERIFY(pane.grab().save(dir + QStringLiteral("/review-pane-error.png")));
    }
};

QTEST_MAIN(TestReviewPane)
#include "tst_reviewpane.moc"
