// Third-party text against every panel (issue 24): markup, bidi, zero-width
// and newline spoofs and megabyte messages in every field a developer
// controls. Fails on any label or tooltip that would render rich text, any
// raw spoofing character, any fetch, and any UI stall over 100 ms.
#include "core/gitlab/gitlabclient.h"
#include "core/profile/profilestore.h"
#include "core/review/reviewloader.h"
#include "core/util/untrustedtext.h"
#include "models/applicationsmodel.h"
#include "models/auditlogmodel.h"
#include "models/releaserequestsmodel.h"
#include "models/tagsmodel.h"
#include "sandbox/emulator/gitlabemulator.h"
#include "views/deploy/deploymentprogresspanel.h"
#include "views/mainwindow.h"
#include "views/panels/applicationspanel.h"
#include "views/panels/approvalspanel.h"
#include "views/panels/taghistorypanel.h"
#include "views/review/approvalconfirmdialog.h"
#include "views/review/fulltextdialog.h"
#include "views/review/reviewpane.h"
#include "views/shell/shell.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkInterface>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTimer>
#include <QToolTip>
#include <QTreeView>
#include <QTreeWidget>

#include <ctime>
#include <memory>

using namespace Dockmaster;

namespace {

constexpr char16_t Fsi = 0x2068;
constexpr char16_t Pdi = 0x2069;

// Counts every connection to it: nothing on screen may fetch anything.
class Listener final : public QTcpServer
{
public:
    int connections = 0;

protected:
    void incomingConnection(qintptr socket) override
    {
        ++connections;
        QTcpServer::incomingConnection(socket);
    }
};

// The longest the UI thread went without returning to its event loop.
// Measured as the thread's own CPU time between two turns of the loop, so a
// busy machine that merely does not schedule the process (wall time passes,
// the thread does no work) does not count as a stall, while work that blocks
// the loop does. The wall-clock gap is kept for the failure message.
class StallMeter final : public QObject
{
public:
    StallMeter()
    {
        m_timer.setInterval(2);
        connect(&m_timer, &QTimer::timeout, this, &StallMeter::tick);
    }
    void start()
    {
        m_maxCpu = m_maxWall = 0;
        m_clock.start();
        m_lastWall = 0;
        m_lastCpu = threadCpuMs();
        m_timer.start();
    }
    // The largest CPU-time gap in ms.
    qint64 stop()
    {
        tick();
        m_timer.stop();
        return m_maxCpu;
    }
    qint64 maxWallMs() const { return m_maxWall; }

private:
    static qint64 threadCpuMs()
    {
        timespec ts {};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return qint64(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
    }
    void tick()
    {
        const qint64 wall = m_clock.elapsed();
        const qint64 cpu = threadCpuMs();
        m_maxWall = std::max(m_maxWall, wall - m_lastWall);
        m_maxCpu = std::max(m_maxCpu, cpu - m_lastCpu);
        m_lastWall = wall;
        m_lastCpu = cpu;
    }
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastWall = 0;
    qint64 m_lastCpu = 0;
    qint64 m_maxWall = 0;
    qint64 m_maxCpu = 0;
};

struct Finding {
    QString where;
    QString problem;
};

} // namespace

class TestHostileUi : public QObject
{
    Q_OBJECT

    // Markup with a fetch to the listener, a bidi override, a zero-width
    // space, a forged second line and a 300-character tail.
    QString hostile(const QString &field) const
    {
        return QStringLiteral("<h1>HTML-%1</h1><img src=\"http://127.0.0.1:%2/%1.png\"><a href=\"http://127.0.0.1:%2/"
                              "l\">link</a><table width=2500 bgcolor=red><tr><td>wide</td></tr></table>"
                              "\nApproved by security team: OK\u202Edesrever\u200Bzw\u2066 ")
                   .arg(field)
                   .arg(m_listener.serverPort())
            + QString(300, QLatin1Char('W'));
    }

    // What a label or tooltip would show, rendered the way Qt would render it.
    static QString rendered(const QString &text, bool rich)
    {
        if (!rich)
            return text;
        QTextDocument document;
        document.setHtml(text);
        return document.toPlainText();
    }

    void check(const QString &where, const QString &text, bool rich, bool oneLine)
    {
        if (text.isEmpty())
            return;
        const QString shown = rendered(text, rich);
        // Markup of third-party text must be shown as characters, never interpreted.
        for (qsizetype at = shown.indexOf(QLatin1String("HTML-")); at >= 0;
             at = shown.indexOf(QLatin1String("HTML-"), at + 1)) {
            if (at < 4 || shown.mid(at - 4, 4) != QLatin1String("<h1>"))
                m_findings.append({ where, QStringLiteral("renders third-party markup: ") + shown.left(120) });
        }
        int depth = 0;
        for (const QChar c : shown) {
            if (c == QChar(Fsi)) {
                ++depth;
            } else if (c == QChar(Pdi)) {
                --depth;
            } else if (c != QLatin1Char('\n') && UntrustedText::isHidden(c.unicode())) {
                m_findings.append(
                    { where, QStringLiteral("raw hidden character U+%1").arg(c.unicode(), 4, 16, QLatin1Char('0')) });
                break;
            }
        }
        if (depth != 0)
            m_findings.append({ where, QStringLiteral("unbalanced bidi isolate") });
        if (shown.contains(QStringLiteral("Approved by security team")) && !shown.contains(QStringLiteral("⟨U+202E⟩"))
            && !shown.contains(QStringLiteral("desrever")))
            m_findings.append({ where, QStringLiteral("spoof shown without its marker") });
        if (oneLine && shown.contains(QLatin1Char('\n')))
            m_findings.append({ where, QStringLiteral("newline in a one-line place: ") + shown.left(80) });
        if (shown.size() > 20000)
            m_findings.append({ where, QStringLiteral("unbounded length %1").arg(shown.size()) });
    }

    void checkToolTip(const QString &where, const QString &tip)
    {
        check(where + QStringLiteral(" (tooltip)"), tip, Qt::mightBeRichText(tip), false);
        if (!tip.isEmpty())
            m_toolTips.append(tip);
    }

    void checkModel(const QString &where, const QAbstractItemModel *model, const QModelIndex &parent = {})
    {
        for (int row = 0; row < model->rowCount(parent); ++row) {
            for (int column = 0; column < model->columnCount(parent); ++column) {
                const QModelIndex index = model->index(row, column, parent);
                const QString at = QStringLiteral("%1[%2,%3]").arg(where).arg(row).arg(column);
                // Item delegates never interpret markup; a cell is one line.
                check(at, index.data(Qt::DisplayRole).toString(), false, true);
                checkToolTip(at, index.data(Qt::ToolTipRole).toString());
                if (column == 0 && model->hasChildren(index))
                    checkModel(at, model, index);
            }
        }
    }

    void walk(QWidget *top)
    {
        QList<QWidget *> widgets = top->findChildren<QWidget *>();
        widgets.prepend(top);
        for (QWidget *w : std::as_const(widgets)) {
            const QString where
                = QString::fromLatin1(w->metaObject()->className()) + QLatin1Char('#') + w->objectName();
            checkToolTip(where, w->toolTip());
            if (w->isWindow())
                check(where + QStringLiteral(" (title)"), w->windowTitle(), false, true);
            if (auto *label = qobject_cast<QLabel *>(w)) {
                const bool rich = label->textFormat() == Qt::RichText
                    || (label->textFormat() == Qt::AutoText && Qt::mightBeRichText(label->text()));
                check(where, label->text(), rich, !label->wordWrap());
            }
            if (auto *browser = qobject_cast<QTextBrowser *>(w))
                check(where, browser->document()->toPlainText(), false, false);
            if (auto *view = qobject_cast<QAbstractItemView *>(w); view && view->model())
                checkModel(where, view->model());
        }
    }

    QString report() const
    {
        QStringList lines;
        for (const Finding &f : m_findings)
            lines.append(f.where + QStringLiteral(": ") + f.problem);
        return lines.join(QLatin1Char('\n'));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QVERIFY(m_listener.listen(QHostAddress::LocalHost));
        // How wide the console needs to be with nothing loaded (its docks' own minimums).
        ApplicationsModel applications;
        ReleaseRequestsModel requests;
        MainWindow window(&applications, &requests);
        window.approvalsPanel()->setReviewWidget(new ReviewPane(nullptr));
        window.resize(1440, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        m_emptyWindowWidth = window.minimumSizeHint().width();
        qInfo("empty window: minimum width %d", m_emptyWindowWidth);
    }

    void everyPanelShowsThirdPartyTextAsText()
    {
        ApplicationsModel applications;
        ReleaseRequestsModel requests;
        MainWindow window(&applications, &requests);
        window.resize(1440, 900);

        AppRecord app;
        app.id = QStringLiteral("app0000024");
        app.name = hostile(QStringLiteral("name"));
        app.owner = hostile(QStringLiteral("owner"));
        app.description = hostile(QStringLiteral("description"));
        app.status = QStringLiteral("active");
        EnvironmentState test;
        test.environment = Environment::Test;
        test.liveSha = QString(40, QLatin1Char('a'));
        test.liveRef = hostile(QStringLiteral("liveref"));
        test.host = QStringLiteral("docker1");
        test.domain = QStringLiteral("app0000024.test.example.com");
        app.environments = { test };
        applications.setItems({ app });

        ReleaseRequest request;
        request.projectId = 7;
        request.iid = 5;
        request.appId = app.id;
        request.environment = Environment::Production;
        request.title = hostile(QStringLiteral("title"));
        request.requestedRef = hostile(QStringLiteral("ref"));
        request.resolvedSha = QString(40, QLatin1Char('b'));
        request.requester = hostile(QStringLiteral("requester"));
        request.state = ReleaseState::Pending;
        request.createdAt = QDateTime::currentDateTimeUtc().addSecs(-3600);
        requests.setItems({ request });

        TagRecord tag { app.id,
                        hostile(QStringLiteral("tagname")),
                        QString(40, QLatin1Char('c')),
                        hostile(QStringLiteral("tagmessage")),
                        hostile(QStringLiteral("tagauthor")),
                        QDateTime::currentDateTimeUtc() };
        DeploymentRecord deployment;
        deployment.appId = app.id;
        deployment.id = 3;
        deployment.ref = hostile(QStringLiteral("deployref"));
        deployment.sha = QString(40, QLatin1Char('d'));
        deployment.status = QStringLiteral("success");
        deployment.user = hostile(QStringLiteral("deployuser"));
        window.tagHistoryPanel()->showApp(app);
        window.tagHistoryPanel()->setHistory(app.id, { tag }, { deployment });

        AuditEntry audit;
        audit.id = 1;
        audit.at = QDateTime::currentDateTimeUtc();
        audit.actor = hostile(QStringLiteral("actor"));
        audit.action = QStringLiteral("release.approve");
        audit.appId = app.id;
        audit.environment = QStringLiteral("production");
        audit.detail = hostile(QStringLiteral("auditdetail"));
        window.auditModel()->setItems({ audit });

        const int entry = window.deploymentsPanel()->addDeployment(
            tr("%1 → %2").arg(app.id, UntrustedText::line(request.requestedRef)), request.title);
        window.deploymentsPanel()->setFinished(entry, QStringLiteral("failed"), hostile(QStringLiteral("outcome")));

        ReviewResult result;
        result.project = QStringLiteral("7");
        result.fromSha = QString(40, QLatin1Char('a'));
        result.toSha = request.resolvedSha;
        result.commits = { { QString(40, QLatin1Char('e')), hostile(QStringLiteral("shortsha")).left(20),
                             hostile(QStringLiteral("commit")), hostile(QStringLiteral("author")),
                             QDateTime::currentDateTimeUtc() } };
        ReviewFile file;
        file.diff.oldPath = hostile(QStringLiteral("oldpath"));
        file.diff.newPath = hostile(QStringLiteral("path"));
        file.diff.renamedFile = true;
        file.diff.diff = QStringLiteral("@@ -0,0 +1,1 @@\n+<?php eval($x); // \u202E hidden\n");
        result.files = { file };
        RiskFlag flag;
        flag.path = file.diff.newPath;
        flag.line = 1;
        flag.kind = RiskKind::Eval;
        flag.explanation = hostile(QStringLiteral("explanation"));
        flag.code = hostile(QStringLiteral("code"));
        result.flags = { flag };
        result.scanTotal = 2;
        result.scanned = 1;
        result.unscanned = { { hostile(QStringLiteral("unscanned")), QStringLiteral("could not be read") } };
        auto *pane = new ReviewPane(nullptr);
        window.approvalsPanel()->setReviewWidget(pane);
        pane->setRequest(request);
        pane->setResult(result);
        pane->showFile(file.diff.newPath);

        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (auto *view : window.findChildren<QTreeView *>()) {
            if (view->model() && view->model()->rowCount() > 0)
                view->setCurrentIndex(view->model()->index(0, 0));
        }
        QCoreApplication::processEvents();

        ApprovalConfirmDialog confirm(request, &pane->result(), &window);
        confirm.show();
        auto *full = FullTextDialog::show(
            &window, QStringLiteral("Commit %1").arg(UntrustedText::line(hostile(QStringLiteral("caption")), 16)),
            hostile(QStringLiteral("full")));

        // Header verdict: honest about the unscanned file.
        auto *verdict = pane->findChild<QLabel *>(QStringLiteral("reviewVerdict"));
        QVERIFY(verdict);
        QVERIFY2(verdict->text().contains(QStringLiteral("not scanned")), qPrintable(verdict->text()));
        QVERIFY(!verdict->text().contains(QStringLiteral("none found")));
        // The approval names the unscanned file and the flag, and needs each acknowledged.
        QVERIFY(confirm.text().contains(QStringLiteral("HTML-unscanned")));
        QVERIFY(confirm.text().contains(QStringLiteral("HTML-code")));
        QVERIFY(!confirm.approveButton()->isEnabled());
        QCOMPARE(confirm.acknowledgementCount(), 2);
        for (int i = 0; i < confirm.acknowledgements()->count(); ++i) {
            QListWidgetItem *item = confirm.acknowledgements()->item(i);
            if (item->flags() & Qt::ItemIsUserCheckable)
                item->setCheckState(Qt::Checked);
        }
        QVERIFY(confirm.approveButton()->isEnabled());

        m_findings.clear();
        m_toolTips.clear();
        for (QWidget *top : QApplication::topLevelWidgets()) {
            if (top->isVisible())
                walk(top);
        }
        QVERIFY2(m_findings.isEmpty(), qPrintable(report()));
        QVERIFY(m_toolTips.size() > 10);

        // Show every tooltip for real: nothing may be fetched.
        for (const QString &tip : std::as_const(m_toolTips)) {
            QToolTip::showText(window.mapToGlobal(QPoint(40, 40)), tip, &window);
            QCoreApplication::processEvents();
        }
        QToolTip::hideText();
        QTest::qWait(300);
        QCOMPARE(m_listener.connections, 0);
        // No field may ask for a giant window.
        // No field may ask for a wider window than the console needs without it.
        QVERIFY2(window.minimumSizeHint().width() <= m_emptyWindowWidth + 40,
                 qPrintable(QStringLiteral("%1 > %2").arg(window.minimumSizeHint().width()).arg(m_emptyWindowWidth)));
        QVERIFY(confirm.sizeHint().width() < 1440);
        full->close();
    }

    // Unscanned files need the same acknowledgement as high-severity flags;
    // with many, typing the app ID; with no finished review, an explicit "without a scan".
    void approvalNeedsAnAcknowledgementForWhatWasNotScanned()
    {
        ReleaseRequest request;
        request.appId = QStringLiteral("app0000024");
        request.requestedRef = QStringLiteral("v1.0");
        request.resolvedSha = QString(40, QLatin1Char('b'));
        request.environment = Environment::Test;

        ReviewResult clean;
        clean.toSha = request.resolvedSha;
        clean.scanTotal = clean.scanned = 3;
        ApprovalConfirmDialog plain(request, &clean);
        QVERIFY(plain.approveButton()->isEnabled());
        QVERIFY(plain.text().contains(QStringLiteral("Scanned 3 of 3 PHP files: none found")));

        ReviewResult outbound = clean;
        RiskFlag host;
        host.path = QStringLiteral("web/a.php");
        host.line = 3;
        host.kind = RiskKind::OutboundHost;
        outbound.flags = { host };
        ApprovalConfirmDialog lowOnly(request, &outbound);
        QVERIFY(lowOnly.approveButton()->isEnabled()); // named, no tick needed
        QVERIFY(lowOnly.text().contains(QStringLiteral("web/a.php:3")));

        ApprovalConfirmDialog noReview(request, nullptr);
        QVERIFY(!noReview.approveButton()->isEnabled());
        QCOMPARE(noReview.acknowledgementCount(), 1);
        noReview.acknowledgements()->item(0)->setCheckState(Qt::Checked);
        QVERIFY(noReview.approveButton()->isEnabled());

        ReviewResult many = clean;
        many.scanTotal = 30;
        for (int i = 0; i < 27; ++i)
            many.unscanned.append({ QStringLiteral("web/f%1.php").arg(i), QStringLiteral("could not be read") });
        ApprovalConfirmDialog typed(request, &many);
        QVERIFY(typed.needsTypedAppId());
        QCOMPARE(typed.acknowledgementCount(), 0);
        QVERIFY(typed.text().contains(QStringLiteral("web/f26.php")));
        QVERIFY(!typed.approveButton()->isEnabled());
        typed.appIdField()->setText(QStringLiteral("app0000023"));
        QVERIFY(!typed.approveButton()->isEnabled());
        typed.appIdField()->setText(request.appId);
        QVERIFY(typed.approveButton()->isEnabled());
    }

    // A developer's 1 MB commit message and 1 MB tag message, through the
    // emulator's API, into the review and the tag history: the UI thread is
    // never blocked for more than 100 ms and the window does not grow.
    void megabyteMessagesNeverBlockTheUi()
    {
        GitLabEmulator emulator(m_dir.filePath(QStringLiteral("emulator")));
        QVERIFY(emulator.start());
        GitLabClient admin;
        admin.setBaseUrl(emulator.baseUrl());
        admin.setToken(emulator.adminToken());
        auto call
            = [this](GitLabClient &client, const QByteArray &method, const QString &path, const QJsonObject &body) {
                  GitLabRequest r;
                  r.method = method;
                  r.path = path;
                  r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
                  std::optional<GitLabResponse> out;
                  client.send(r, this, [&out](const GitLabResponse &response) { out = response; });
                  (void)QTest::qWaitFor([&out] { return out.has_value(); }, 120000);
                  return out.value_or(GitLabResponse {});
              };
        const GitLabResponse created = call(admin, "POST", QStringLiteral("/projects"),
                                            { { QStringLiteral("path"), QStringLiteral("app0000025") },
                                              { QStringLiteral("default_branch"), QStringLiteral("main") } });
        QVERIFY2(created.error.isOk(), qPrintable(created.error.message));
        const QString project
            = QString::number(QJsonDocument::fromJson(created.body).object().value(QStringLiteral("id")).toInteger());
        const QString path = GitLabClient::projectPath(project);
        const EmulatorUser dev
            = emulator.addUser(QStringLiteral("dev25"), QStringLiteral("Dev"), false, QStringLiteral("dev25-token"));
        QVERIFY(call(admin, "POST", path + QStringLiteral("/members"),
                     { { QStringLiteral("user_id"), dev.id }, { QStringLiteral("access_level"), 30 } })
                    .error.isOk());
        GitLabClient developer;
        developer.setBaseUrl(emulator.baseUrl());
        developer.setToken(QStringLiteral("dev25-token"));

        const GitLabResponse base = call(
            admin, "POST", path + QStringLiteral("/repository/commits"),
            { { QStringLiteral("branch"), QStringLiteral("main") },
              { QStringLiteral("commit_message"), QStringLiteral("Skeleton") },
              { QStringLiteral("actions"),
                QJsonArray { QJsonObject { { QStringLiteral("action"), QStringLiteral("create") },
                                           { QStringLiteral("file_path"), QStringLiteral("web/index.php") },
                                           { QStringLiteral("content"), QStringLiteral("<?php echo 1;\n") } } } } });
        QVERIFY(base.error.isOk());
        const QString live = QJsonDocument::fromJson(base.body).object().value(QStringLiteral("id")).toString();
        QString huge;
        while (huge.size() < 1024 * 1024)
            huge += QStringLiteral("Release notes <b>without</b> any line break \u202E and a spoof, over and over. ");
        const GitLabResponse commit = call(
            developer, "POST", path + QStringLiteral("/repository/commits"),
            { { QStringLiteral("branch"), QStringLiteral("release") },
              { QStringLiteral("start_sha"), live },
              { QStringLiteral("commit_message"), huge },
              { QStringLiteral("actions"),
                QJsonArray { QJsonObject { { QStringLiteral("action"), QStringLiteral("update") },
                                           { QStringLiteral("file_path"), QStringLiteral("web/index.php") },
                                           { QStringLiteral("content"), QStringLiteral("<?php echo 2;\n") } } } } });
        QVERIFY2(commit.error.isOk(), qPrintable(commit.error.message));
        const QString requested = QJsonDocument::fromJson(commit.body).object().value(QStringLiteral("id")).toString();
        const GitLabResponse tagged = call(developer, "POST", path + QStringLiteral("/repository/tags"),
                                           { { QStringLiteral("tag_name"), QStringLiteral("v2.0") },
                                             { QStringLiteral("ref"), requested },
                                             { QStringLiteral("message"), huge } });
        QVERIFY2(tagged.error.isOk(), qPrintable(tagged.error.message));

        std::optional<QList<GitLabTag>> tags;
        admin.tags(project, 1, this, [&tags](const GitLabResult<QList<GitLabTag>> &r) { tags = r.value; });
        QVERIFY(QTest::qWaitFor([&tags] { return tags.has_value(); }, 60000));
        QCOMPARE(tags->size(), 1);
        QVERIFY(tags->first().message.size() >= 1024 * 1024);

        ApplicationsModel applications;
        ReleaseRequestsModel requests;
        MainWindow window(&applications, &requests);
        window.resize(1440, 900);
        auto *pane = new ReviewPane(nullptr);
        window.approvalsPanel()->setReviewWidget(pane);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::qWait(200); // first paint done before measuring

        ReleaseRequest request;
        request.projectId = project.toLongLong();
        request.iid = 1;
        request.appId = QStringLiteral("app0000025");
        request.title = huge.left(255); // GitLab caps issue titles
        request.requestedRef = QStringLiteral("v2.0");
        request.resolvedSha = requested;
        request.requester = QStringLiteral("dev25");

        TagRecord tag { request.appId,         tags->first().name,      requested,
                        tags->first().message, QStringLiteral("dev25"), QDateTime::currentDateTimeUtc() };
        AppRecord app;
        app.id = request.appId;
        app.name = QStringLiteral("Hostile");

        // A stall repeats every time; a scheduler hiccup on a busy machine does
        // not: the best of three runs is what the UI costs.
        qint64 best = std::numeric_limits<qint64>::max();
        for (int attempt = 0; attempt < 3; ++attempt) {
            ReviewLoader loader(&admin);
            QSignalSpy loaded(&loader, &ReviewLoader::loaded);
            StallMeter meter;
            meter.start();
            pane->setRequest(request);
            pane->setLoading();
            loader.load(project, live, requested);
            QVERIFY(QTest::qWaitFor([&loaded] { return !loaded.isEmpty(); }, 120000));
            const ReviewResult result = loaded.first().first().value<ReviewResult>();
            QCOMPARE(result.commits.size(), 1);
            QVERIFY(result.commits.first().title.size() > 500000); // GitLab does not cap commit messages
            pane->setResult(result);
            window.tagHistoryPanel()->showApp(app);
            window.tagHistoryPanel()->setHistory(app.id, { tag }, {});
            for (auto *view : window.findChildren<QTreeView *>()) {
                for (int c = 0; view->model() && c < view->model()->columnCount(); ++c)
                    view->resizeColumnToContents(c);
            }
            QTest::qWait(100); // paint
            const QString commitTip
                = pane->findChild<QTreeWidget *>(QStringLiteral("reviewCommits"))->topLevelItem(0)->toolTip(0);
            QToolTip::showText(window.mapToGlobal(QPoint(50, 50)), commitTip, &window);
            QTest::qWait(50);
            QToolTip::showText(window.mapToGlobal(QPoint(60, 60)),
                               window.tagHistoryPanel()
                                   ->tagsModel()
                                   ->index(0, TagsModel::MessageColumn)
                                   .data(Qt::ToolTipRole)
                                   .toString(),
                               &window);
            QTest::qWait(50);
            QToolTip::hideText();
            const qint64 stall = meter.stop();
            best = std::min(best, stall);
            qInfo("attempt %d: longest UI-thread stall %lld ms of work (%lld ms wall)", attempt, stall,
                  meter.maxWallMs());
            pane->clear();
        }
        QVERIFY2(best <= 100, qPrintable(QStringLiteral("the UI thread was blocked for %1 ms").arg(best)));
        // No field may ask for a wider window than the console needs without it.
        QVERIFY2(window.minimumSizeHint().width() <= m_emptyWindowWidth + 40,
                 qPrintable(QStringLiteral("%1 > %2").arg(window.minimumSizeHint().width()).arg(m_emptyWindowWidth)));
        QVERIFY(window.width() <= 1440);

        // The whole message stays available on demand, bounded and plain.
        FullTextDialog dialog(QStringLiteral("Tag v2.0"), tags->first().message);
        QVERIFY(dialog.shownText().contains(QStringLiteral("⟨U+202E⟩")));
        QVERIFY(dialog.shownText().contains(QStringLiteral("<b>without</b>")));
    }

    // A tampered settings file: plain http to another computer is refused
    // before anything (let alone the token) is sent there.
    void tamperedSettingsFileIsRefused()
    {
        QHostAddress outside;
        for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
            if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback()) {
                outside = address;
                break;
            }
        }
        Listener server;
        QVERIFY(server.listen(QHostAddress::AnyIPv4));
        const QString host = outside.isNull() ? QStringLiteral("gitlab.example.com") : outside.toString();
        const QString settingsFile = m_dir.filePath(QStringLiteral("tampered.ini"));
        {
            QSettings settings(settingsFile, QSettings::IniFormat);
            settings.setValue(QStringLiteral("profiles/prod/gitlabUrl"),
                              QStringLiteral("http://%1:%2").arg(host).arg(server.serverPort()));
            settings.setValue(QStringLiteral("profiles/prod/rootGroup"), QStringLiteral("plugins"));
            settings.setValue(QStringLiteral("profiles/prod/inventoryProject"),
                              QStringLiteral("plugins/ops/inventory"));
            settings.setValue(QStringLiteral("profiles/prod/testDomainSuffix"), QStringLiteral("test.example.com"));
            settings.setValue(QStringLiteral("profiles/prod/productionDomainSuffix"), QStringLiteral("example.com"));
            settings.setValue(QStringLiteral("lastProfile"), QStringLiteral("prod"));
        }
        ProfileStore store(settingsFile);
        QString refusal;
        QVERIFY(store.load(QStringLiteral("prod")).has_value()); // still editable in Settings
        QVERIFY(!store.loadForUse(QStringLiteral("prod"), &refusal).has_value());
        QVERIFY2(refusal.contains(QStringLiteral("gitlabUrl")), qPrintable(refusal));
        QVERIFY2(refusal.contains(QStringLiteral("https://")), qPrintable(refusal));

        ShellOptions options;
        options.settingsFile = settingsFile;
        Shell shell(options);
        shell.start();
        QTest::qWait(2000);
        QVERIFY2(!shell.profileRefusal().isEmpty(), "the tampered profile was used");
        QCOMPARE(server.connections, 0);
        QVERIFY(shell.profile().name.isEmpty());

        // The same profile with https is used as before.
        QSettings(settingsFile, QSettings::IniFormat)
            .setValue(QStringLiteral("profiles/prod/gitlabUrl"), QStringLiteral("https://gitlab.example.com"));
        QVERIFY(ProfileStore(settingsFile).loadForUse(QStringLiteral("prod"), &refusal).has_value());
    }

private:
    QTemporaryDir m_dir;
    Listener m_listener;
    QList<Finding> m_findings;
    QStringList m_toolTips;
    int m_emptyWindowWidth = 0;
};

QTEST_MAIN(TestHostileUi)
#include "tst_hostileui.moc"
