#include "core/git/gitlibrary.h"
#include "core/git/gitworkspace.h"
#include "tests/editor/workspacerecorder.h"
#include "tests/support/githttpserver.h"
#include "views/editor/codeeditor.h"
#include "views/editor/commitdialog.h"
#include "views/editor/configeditor.h"
#include "views/editor/findreplacebar.h"
#include "views/editor/syntaxsupport.h"

#include <QAbstractButton>
#include <QApplication>
#include <QElapsedTimer>
#include <QInputDialog>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QTimer>

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>

using namespace Dockmaster;
using namespace Dockmaster::Test;

namespace {

const QString Branch = QStringLiteral("env/test");
const QString SitePath = QStringLiteral("nginx/site.conf");
const QByteArray Site = "server {\n"
                        "    listen 8080;\n"
                        "    server_name app1.test.example.com;\n"
                        "    location / {\n"
                        "        proxy_pass http://app1;\n"
                        "        proxy_read_timeout 5s;\n"
                        "    }\n"
                        "}\n";
const GitAuthor Alice { QStringLiteral("Alice Admin"), QStringLiteral("alice@example.com") };
const GitAuthor Bob { QStringLiteral("Bob Admin"), QStringLiteral("bob@example.com") };

} // namespace

class TestConfigEditor : public QObject
{
    Q_OBJECT

private:
    // Opens the test repository in a fresh workspace + editor and loads path.
    struct Fixture {
        QTemporaryDir cache;
        std::unique_ptr<GitWorkspace> workspace;
        std::unique_ptr<ConfigEditor> editor;
    };

    std::unique_ptr<Fixture> openEditor(const QString &repo, const QString &path)
    {
        auto fixture = std::make_unique<Fixture>();
        fixture->workspace = std::make_unique<GitWorkspace>(fixture->cache.path());
        fixture->editor = std::make_unique<ConfigEditor>(fixture->workspace.get(), m_repository);
        fixture->editor->setAuthor(Alice);
        fixture->editor->resize(900, 600);
        fixture->editor->show();
        QSignalSpy listed(fixture->editor.get(), &ConfigEditor::filesListed);
        fixture->editor->openRepository(m_server.repositoryUrl(repo), m_server.token(), Branch);
        if (!listed.wait(30000)) {
            qWarning() << "repository did not open:" << fixture->editor->bannerText();
            return {};
        }
        QSignalSpy loaded(fixture->editor.get(), &ConfigEditor::fileLoaded);
        fixture->editor->openFile(path);
        if (!loaded.wait(30000)) {
            qWarning() << "file did not load:" << fixture->editor->bannerText();
            return {};
        }
        return fixture;
    }

    // Leaves the on-disk state a crash between commit and push leaves: the
    // clone's local branch one commit ahead of the server. (The kill itself is
    // tst_unpushedcommit's; this drives what the admin sees afterwards.)
    static QString commitWithoutPushing(const QString &cacheRoot, const QString &path, const QByteArray &content,
                                        const QString &message)
    {
        const QStringList clones
            = QDir(cacheRoot + QStringLiteral("/git")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        if (clones.size() != 1)
            return {};
        const QString clone = cacheRoot + QStringLiteral("/git/") + clones.constFirst();
        auto git = [&](const QStringList &args, const QByteArray &input = {}) {
            QProcess process;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("GIT_AUTHOR_NAME"), Alice.name);
            env.insert(QStringLiteral("GIT_AUTHOR_EMAIL"), Alice.email);
            env.insert(QStringLiteral("GIT_COMMITTER_NAME"), Alice.name);
            env.insert(QStringLiteral("GIT_COMMITTER_EMAIL"), Alice.email);
            env.insert(QStringLiteral("GIT_INDEX_FILE"), clone + QStringLiteral("/.git/test-index"));
            process.setProcessEnvironment(env);
            process.start(QStringLiteral("git"), QStringList { QStringLiteral("-C"), clone } + args);
            process.write(input);
            process.closeWriteChannel();
            process.waitForFinished(30000);
            return QString::fromUtf8(process.readAllStandardOutput().trimmed());
        };
        const QString branchRef = QStringLiteral("refs/heads/") + Branch;
        const QString head = git({ QStringLiteral("rev-parse"), branchRef });
        git({ QStringLiteral("read-tree"), head });
        const QString blob
            = git({ QStringLiteral("hash-object"), QStringLiteral("-w"), QStringLiteral("--stdin") }, content);
        git({ QStringLiteral("update-index"), QStringLiteral("--add"), QStringLiteral("--cacheinfo"),
              QStringLiteral("100644,%1,%2").arg(blob, path) });
        const QString tree = git({ QStringLiteral("write-tree") });
        const QString commit
            = git({ QStringLiteral("commit-tree"), tree, QStringLiteral("-p"), head, QStringLiteral("-m"), message });
        git({ QStringLiteral("update-ref"), branchRef, commit });
        return commit;
    }

    std::optional<GitOpened> waitForOpened(GitWorkspace &workspace, const QString &repo)
    {
        std::optional<GitOpened> out;
        QObject context;
        workspace.open(m_server.repositoryUrl(repo), m_server.token(), Branch, &context,
                       [&out](const GitResult<GitOpened> &result) {
                           if (result.ok())
                               out = result.value;
                       });
        (void)QTest::qWaitFor([&] { return out.has_value(); }, 30000);
        return out;
    }

    QString newRepository(const QMap<QString, QByteArray> &files)
    {
        const QString name = QStringLiteral("cfg%1").arg(++m_repoCounter);
        QString error;
        if (!m_server.createRepository(name, Branch, files, &error)) {
            qWarning() << error;
        }
        return name;
    }

    static void typeAtEndOfLine(CodeEditor *editor, int line, const QString &text)
    {
        editor->goToLine(line);
        editor->moveCursor(QTextCursor::EndOfBlock);
        QTest::keyClicks(editor, text);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
        m_repo
            = newRepository({ { SitePath, Site }, { QStringLiteral("php-fpm/pool.conf"), "[app1]\npm = static\n" } });
    }

    void wrongTokenIsShownAsAnAuthenticationProblem()
    {
        QTemporaryDir cache;
        GitWorkspace workspace(cache.path());
        ConfigEditor editor(&workspace, m_repository);
        QSignalSpy failed(&editor, &ConfigEditor::failed);
        editor.openRepository(m_server.repositoryUrl(m_repo), QStringLiteral("glpat-WRONG"), Branch);
        QVERIFY(failed.wait(30000));
        QVERIFY2(editor.bannerText().contains(QStringLiteral("token")), qPrintable(editor.bannerText()));
        QVERIFY(!editor.bannerText().contains(QStringLiteral("glpat-WRONG")));
    }

    void picksADefinitionPerFileKind_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("definition");
        QTest::newRow("nginx site") << QStringLiteral("nginx/site.conf") << QStringLiteral("nginx Configuration");
        QTest::newRow("compose") << QStringLiteral("docker-compose.yaml") << QStringLiteral("YAML");
        QTest::newRow("ci") << QStringLiteral(".gitlab-ci.yml") << QStringLiteral("YAML");
        QTest::newRow("fpm pool") << QStringLiteral("php-fpm/app1.conf") << QStringLiteral("INI Files");
        QTest::newRow("php") << QStringLiteral("fallback/index.php") << QStringLiteral("PHP/PHP");
        QTest::newRow("shell") << QStringLiteral("deploy.sh") << QStringLiteral("Bash");
    }

    void picksADefinitionPerFileKind()
    {
        QFETCH(QString, path);
        QFETCH(QString, definition);
        const KSyntaxHighlighting::Definition chosen = SyntaxSupport::definitionForPath(m_repository, path);
        QVERIFY(chosen.isValid());
        QCOMPARE(chosen.name(), definition);
        QVERIFY(m_repository.definitionForName(QStringLiteral("Diff")).isValid());
    }

    void opensEditsAndShowsTheModifiedMarker()
    {
        auto f = openEditor(m_repo, SitePath);
        QVERIFY(f);
        ConfigEditor *editor = f->editor.get();
        QCOMPARE(editor->text().toUtf8(), Site);
        QVERIFY(!editor->isModified());
        QCOMPARE(editor->title(), QStringLiteral("site.conf"));
        QVERIFY(editor->isHighlightingEnabled());

        QSignalSpy titles(editor, &ConfigEditor::titleChanged);
        typeAtEndOfLine(editor->codeEditor(), 2, QStringLiteral(" # edited"));
        QVERIFY(editor->isModified());
        QVERIFY(editor->isWindowModified());
        QCOMPARE(editor->title(), QStringLiteral("site.conf *"));
        QVERIFY(!titles.isEmpty());
        QCOMPARE(titles.constLast().constFirst().toString(), QStringLiteral("site.conf *"));
        QVERIFY(editor->text().contains(QStringLiteral("listen 8080; # edited")));

        // Undo returns to the committed text and clears the marker.
        editor->codeEditor()->undo();
        QCOMPARE(editor->text().toUtf8(), Site);
        QVERIFY(!editor->isModified());
        QCOMPARE(editor->title(), QStringLiteral("site.conf"));
        editor->codeEditor()->redo();
        QVERIFY(editor->isModified());
    }

    void validationMarksTheFaultyLine()
    {
        auto f = openEditor(m_repo, SitePath);
        QVERIFY(f);
        ConfigEditor *editor = f->editor.get();
        editor->setConfigCheck(std::make_shared<StructuralConfigCheck>());
        // Drop the ';' of line 3 (server_name).
        editor->codeEditor()->goToLine(3);
        editor->codeEditor()->moveCursor(QTextCursor::EndOfBlock);
        QTest::keyClick(editor->codeEditor(), Qt::Key_Backspace);
        QSignalSpy validated(editor, &ConfigEditor::validated);
        editor->validate();
        QVERIFY(validated.wait(10000));
        QCOMPARE(validated.constFirst().constFirst().toInt(), 1);
        QCOMPARE(editor->codeEditor()->issues().constFirst().line, 3);
        QVERIFY(editor->codeEditor()->issuesAt(3).contains(QStringLiteral("';'")));
        QVERIFY(editor->codeEditor()->issuesAt(2).isEmpty());
        QCOMPARE(editor->problemList()->count(), 1);
        QVERIFY(editor->problemList()->item(0)->text().startsWith(QStringLiteral("Line 3:")));
        // The marker is an extra selection on line 3 carrying the message as tooltip.
        bool marked = false;
        for (const QTextEdit::ExtraSelection &selection : editor->codeEditor()->extraSelections()) {
            if (selection.cursor.blockNumber() == 2 && !selection.format.toolTip().isEmpty()) {
                marked = true;
            }
        }
        QVERIFY(marked);
        // Activating the problem jumps to its line.
        editor->codeEditor()->goToLine(1);
        Q_EMIT editor->problemList()->itemActivated(editor->problemList()->item(0));
        QCOMPARE(editor->codeEditor()->currentLineNumber(), 3);

        // Fixed: no problems left.
        QTest::keyClick(editor->codeEditor(), Qt::Key_End);
        QTest::keyClicks(editor->codeEditor(), QStringLiteral(";"));
        editor->validate();
        QVERIFY(validated.wait(10000));
        QCOMPARE(validated.constLast().constFirst().toInt(), 0);
        QVERIFY(editor->codeEditor()->issues().isEmpty());
    }

    void realValidatorMarksTheFaultyLine()
    {
        auto f = openEditor(m_repo, SitePath);
        QVERIFY(f);
        ConfigEditor *editor = f->editor.get(); // default check: the renderer's validators, nginx -t here
        typeAtEndOfLine(editor->codeEditor(), 2, QString());
        editor->codeEditor()->moveCursor(QTextCursor::Left);
        QTest::keyClicks(editor->codeEditor(), QStringLiteral(" bogus"));
        QVERIFY(editor->text().contains(QStringLiteral("listen 8080 bogus;")));
        QSignalSpy validated(editor, &ConfigEditor::validated);
        editor->validate();
        QVERIFY(validated.wait(30000));
        const QList<ValidationIssue> issues = editor->codeEditor()->issues();
        QVERIFY(!issues.isEmpty());
        QCOMPARE(issues.constFirst().line, 2);
        QVERIFY2(issues.constFirst().message.contains(QStringLiteral("bogus")),
                 qPrintable(issues.constFirst().message));
        QVERIFY(issues.constFirst().message.startsWith(QStringLiteral("nginx")));
    }

    void findReplaceAndGoToLine()
    {
        auto f = openEditor(m_repo, SitePath);
        QVERIFY(f);
        ConfigEditor *editor = f->editor.get();
        FindReplaceBar *bar = editor->findReplaceBar();
        editor->codeEditor()->setFocus();
        QTest::keySequence(editor->codeEditor(), QKeySequence(Qt::CTRL | Qt::Key_F));
        QVERIFY(bar->isVisible());

        bar->setSearchText(QStringLiteral("APP1"));
        bar->setCaseSensitive(true);
        QVERIFY(!bar->findNext());
        bar->setCaseSensitive(false);
        QVERIFY(bar->findNext());
        QCOMPARE(editor->codeEditor()->textCursor().selectedText(), QStringLiteral("app1"));
        QCOMPARE(editor->codeEditor()->currentLineNumber(), 3);
        QVERIFY(bar->findNext());
        QCOMPARE(editor->codeEditor()->currentLineNumber(), 5);

        QTest::keySequence(editor->codeEditor(), QKeySequence(Qt::CTRL | Qt::Key_H));
        bar->setRegularExpression(true);
        bar->setSearchText(QStringLiteral("(proxy_\\w+)_timeout (\\d+)s"));
        bar->setReplaceText(QStringLiteral("\\1_timeout 1\\2s"));
        QCOMPARE(bar->replaceAll(), 1);
        QVERIFY(editor->text().contains(QStringLiteral("proxy_read_timeout 15s;")));
        bar->setRegularExpression(false);
        bar->setSearchText(QStringLiteral("app1"));
        bar->setReplaceText(QStringLiteral("app2"));
        QCOMPARE(bar->replaceAll(), 2);
        QVERIFY(!editor->text().contains(QStringLiteral("app1")));
        // Replace all is one undo step.
        editor->codeEditor()->undo();
        QCOMPARE(editor->text().count(QStringLiteral("app1")), 2);

        editor->goToLine(6);
        QCOMPARE(editor->codeEditor()->currentLineNumber(), 6);
        editor->codeEditor()->setFocus();
        QTest::keySequence(editor->codeEditor(), QKeySequence(Qt::CTRL | Qt::Key_G));
        auto *dialog = editor->findChild<QInputDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        dialog->setIntValue(4);
        dialog->accept();
        QCOMPARE(editor->codeEditor()->currentLineNumber(), 4);
    }

    void diffShowsTheEdit()
    {
        auto f = openEditor(m_repo, SitePath);
        QVERIFY(f);
        ConfigEditor *editor = f->editor.get();
        QSignalSpy diffs(editor, &ConfigEditor::diffShown);
        editor->showDiff();
        QVERIFY(diffs.wait(10000));
        QVERIFY(diffs.constFirst().constFirst().toString().isEmpty());

        editor->codeEditor()->goToLine(2);
        editor->codeEditor()->moveCursor(QTextCursor::EndOfBlock);
        QTest::keyClick(editor->codeEditor(), Qt::Key_Backspace);
        QTest::keyClick(editor->codeEditor(), Qt::Key_Backspace);
        QTest::keyClicks(editor->codeEditor(), QStringLiteral("1;"));
        editor->showDiff();
        QVERIFY(diffs.wait(10000));
        const QString diff = editor->diffView()->toPlainText();
        QVERIFY2(diff.contains(QStringLiteral("-    listen 8080;\n+    listen 8081;")), qPrintable(diff));
        QVERIFY(editor->grab().save(QCoreApplication::applicationDirPath() + QStringLiteral("/editor-diff.png")));
    }

    // A commit the console made but never pushed (it died in between) is
    // offered when the repository opens again; Push puts it on the server
    // with its author and message, and reports it for the audit log.
    void unpushedCommitIsOfferedAndPushed()
    {
        const QString repo = newRepository({ { SitePath, Site } });
        QString kept;
        QTemporaryDir cache;
        {
            GitWorkspace workspace(cache.path());
            WorkspaceRecorder recorder(&workspace);
            QCOMPARE(recorder.open(m_server.repositoryUrl(repo), m_server.token(), Branch).kind,
                     QStringLiteral("opened"));
        }
        const QByteArray edited = Site + "# tuned before the crash\n";
        kept = commitWithoutPushing(cache.path(), SitePath, edited, QStringLiteral("Tune before the crash"));
        QVERIFY(!kept.isEmpty());
        const QByteArray serverBefore = m_server.git(repo, { QStringLiteral("rev-parse"), Branch }).trimmed();

        GitWorkspace workspace(cache.path());
        ConfigEditor editor(&workspace, m_repository);
        editor.show();
        QSignalSpy pushed(&editor, &ConfigEditor::keptCommitPushed);
        editor.openRepository(m_server.repositoryUrl(repo), m_server.token(), Branch);
        QMessageBox *offer = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((offer = editor.findChild<QMessageBox *>()) && offer->isVisible(), 30000);
        QVERIFY2(offer->text().contains(QStringLiteral("Tune before the crash")), qPrintable(offer->text()));
        QVERIFY(offer->text().contains(SitePath));
        QVERIFY(offer->text().contains(Alice.name));
        QVERIFY2(editor.bannerText().contains(QStringLiteral("never pushed")), qPrintable(editor.bannerText()));
        // The server still has the old head: nothing was pushed behind the admin's back.
        QCOMPARE(m_server.git(repo, { QStringLiteral("rev-parse"), Branch }).trimmed(), serverBefore);
        QAbstractButton *push = nullptr;
        for (QAbstractButton *button : offer->buttons()) {
            if (button->text() == QStringLiteral("Push"))
                push = button;
        }
        QVERIFY(push);
        push->click();
        QVERIFY2(pushed.wait(30000), qPrintable(editor.bannerText()));
        QCOMPARE(pushed.constFirst().at(0).toString(), SitePath);
        const QString commit = pushed.constFirst().at(1).toString();
        QCOMPARE(QString::fromUtf8(m_server.git(repo, { QStringLiteral("rev-parse"), Branch }).trimmed()), commit);
        QCOMPARE(m_server.git(repo, { QStringLiteral("show"), Branch + QLatin1Char(':') + SitePath }), edited);
        QCOMPARE(
            m_server
                .git(repo, { QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%an|%s"), Branch })
                .trimmed(),
            QByteArray("Alice Admin|Tune before the crash"));
    }

    // Discard asks first; Cancel there keeps the commit for the next open.
    void unpushedCommitIsDiscardedOnlyAfterConfirmation()
    {
        const QString repo = newRepository({ { SitePath, Site } });
        QTemporaryDir cache;
        {
            GitWorkspace workspace(cache.path());
            WorkspaceRecorder recorder(&workspace);
            QCOMPARE(recorder.open(m_server.repositoryUrl(repo), m_server.token(), Branch).kind,
                     QStringLiteral("opened"));
        }
        QVERIFY(!commitWithoutPushing(cache.path(), SitePath, Site + "# x\n", QStringLiteral("Try")).isEmpty());
        auto offerThenPick = [&](ConfigEditor &editor, const QString &choice) -> QMessageBox * {
            QMessageBox *offer = nullptr;
            if (!QTest::qWaitFor([&] { return (offer = editor.findChild<QMessageBox *>()) && offer->isVisible(); },
                                 30000))
                return nullptr;
            for (QAbstractButton *button : offer->buttons()) {
                if (button->text() == choice) {
                    button->click();
                    return offer;
                }
            }
            return nullptr;
        };
        {
            GitWorkspace workspace(cache.path());
            ConfigEditor editor(&workspace, m_repository);
            editor.show();
            editor.openRepository(m_server.repositoryUrl(repo), m_server.token(), Branch);
            QVERIFY(offerThenPick(editor, QStringLiteral("Discard…")));
            // The confirmation: Cancel keeps it.
            QMessageBox *confirm = nullptr;
            QTRY_VERIFY_WITH_TIMEOUT(
                [&] {
                    for (QMessageBox *box : editor.findChildren<QMessageBox *>()) {
                        if (box->isVisible() && box->text().contains(QStringLiteral("exists nowhere else")))
                            confirm = box;
                    }
                    return confirm != nullptr;
                }(),
                30000);
            confirm->reject();
            QTest::qWait(200);
        }
        GitWorkspace workspace(cache.path());
        const auto reopened = waitForOpened(workspace, repo);
        QVERIFY(reopened);
        QCOMPARE(reopened->unpushed.size(), 1);
    }

    void commitAndPushFromTheDialog()
    {
        const QString repo = newRepository({ { SitePath, Site } });
        auto f = openEditor(repo, SitePath);
        QVERIFY(f);
        ConfigEditor *editor = f->editor.get();
        typeAtEndOfLine(editor->codeEditor(), 3, QStringLiteral(" # reviewed"));
        editor->requestCommit();
        auto *dialog = editor->findChild<CommitDialog *>();
        QVERIFY(dialog);
        dialog->setMessage(QStringLiteral("Mark server_name as reviewed"));
        QSignalSpy committed(editor, &ConfigEditor::committed);
        dialog->accept();
        QVERIFY2(committed.wait(30000), qPrintable(editor->bannerText()));
        QVERIFY(!editor->isModified());
        QCOMPARE(editor->title(), QStringLiteral("site.conf"));
        QCOMPARE(editor->baseCommit(), committed.constFirst().constFirst().toString());
        QCOMPARE(
            QString::fromUtf8(m_server.git(repo, { QStringLiteral("show"), Branch + QLatin1Char(':') + SitePath })),
            editor->text());
        QCOMPARE(
            m_server
                .git(repo, { QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%an|%s"), Branch })
                .trimmed(),
            QByteArray("Alice Admin|Mark server_name as reviewed"));
    }

    void rejectedPushKeepsTheTextThenRebasesOrDiscards()
    {
        const QString repo = newRepository({ { SitePath, Site } });
        auto f = openEditor(repo, SitePath);
        QVERIFY(f);
        ConfigEditor *editor = f->editor.get();

        // Bob pushes first from his own workspace.
        QTemporaryDir bobCache;
        GitWorkspace bob(bobCache.path());
        WorkspaceRecorder bobRecorder(&bob);
        const auto opened = bobRecorder.open(m_server.repositoryUrl(repo), m_server.token(), Branch);
        QCOMPARE(opened.kind, QStringLiteral("opened"));
        QByteArray bobs = Site;
        bobs.replace("    listen 8080;\n", "    listen 8080;\n    access_log logs/app1.log;\n");
        QCOMPARE(
            bobRecorder.commitAndPush(SitePath, bobs, QStringLiteral("Access log"), Bob, opened.value(0).toString())
                .kind,
            QStringLiteral("pushed"));

        typeAtEndOfLine(editor->codeEditor(), 6, QStringLiteral(" # keep short"));
        const QString mine = editor->text();
        QSignalSpy rejected(editor, &ConfigEditor::pushRejected);
        editor->commitAndPush(QStringLiteral("Comment the timeout"));
        QVERIFY2(rejected.wait(30000), qPrintable(editor->bannerText()));
        QCOMPARE(editor->text(), mine); // nothing lost
        QVERIFY(editor->isModified());
        QVERIFY(editor->hasPendingRejection());
        QVERIFY(editor->upstreamView()->toPlainText().contains(QStringLiteral("+    access_log logs/app1.log;")));
        QVERIFY(editor->bannerText().contains(QStringLiteral("kept")));
        QTest::qWait(50); // let the layout fit the banner before the screenshot
        QVERIFY(editor->grab().save(QCoreApplication::applicationDirPath() + QStringLiteral("/editor-rejected.png")));

        // A second commit attempt without deciding is refused, text still kept.
        QSignalSpy committed(editor, &ConfigEditor::committed);
        editor->commitAndPush(QStringLiteral("again"));
        QCOMPARE(editor->text(), mine);

        QSignalSpy rebased(editor, &ConfigEditor::rebased);
        editor->rebaseEdit();
        QVERIFY(rebased.wait(30000));
        QCOMPARE(rebased.constFirst().constFirst().toBool(), false);
        QVERIFY(editor->text().contains(QStringLiteral("access_log logs/app1.log;")));
        QVERIFY(editor->text().contains(QStringLiteral("proxy_read_timeout 5s; # keep short")));
        editor->commitAndPush(QStringLiteral("Comment the timeout"));
        QVERIFY2(committed.wait(30000), qPrintable(editor->bannerText()));
        QCOMPARE(
            QString::fromUtf8(m_server.git(repo, { QStringLiteral("show"), Branch + QLatin1Char(':') + SitePath })),
            editor->text());

        // Next round: Bob pushes again, Alice discards her edit instead.
        const QString head = QString::fromLatin1(m_server.git(repo, { QStringLiteral("rev-parse"), Branch }).trimmed());
        QByteArray bobs2 = editor->text().toUtf8();
        bobs2.replace("listen 8080;", "listen 8090;");
        bobRecorder.open(m_server.repositoryUrl(repo), m_server.token(), Branch);
        QCOMPARE(bobRecorder.commitAndPush(SitePath, bobs2, QStringLiteral("8090"), Bob, head).kind,
                 QStringLiteral("pushed"));
        typeAtEndOfLine(editor->codeEditor(), 1, QStringLiteral(" # mine"));
        editor->commitAndPush(QStringLiteral("mine"));
        QVERIFY(rejected.wait(30000));
        QSignalSpy loaded(editor, &ConfigEditor::fileLoaded);
        editor->discardEdit();
        QVERIFY(loaded.wait(30000));
        QCOMPARE(editor->text().toUtf8(), bobs2);
        QVERIFY(!editor->isModified());
        QVERIFY(!editor->hasPendingRejection());
    }

    void historyShowsDiffsAndRestoresAnOldVersion()
    {
        const QString repo = newRepository({ { SitePath, Site } });
        auto f = openEditor(repo, SitePath);
        QVERIFY(f);
        ConfigEditor *editor = f->editor.get();
        QSignalSpy committed(editor, &ConfigEditor::committed);
        typeAtEndOfLine(editor->codeEditor(), 2, QStringLiteral(" # one"));
        editor->commitAndPush(QStringLiteral("First comment"));
        QVERIFY(committed.wait(30000));
        typeAtEndOfLine(editor->codeEditor(), 3, QStringLiteral(" # two"));
        editor->commitAndPush(QStringLiteral("Second comment"));
        QVERIFY(committed.wait(30000));

        QSignalSpy history(editor, &ConfigEditor::historyLoaded);
        editor->showHistory();
        QVERIFY(history.wait(30000));
        QCOMPARE(history.constFirst().constFirst().toInt(), 3);
        QCOMPARE(editor->historyList()->count(), 3);
        QVERIFY(editor->historyList()->item(0)->text().contains(QStringLiteral("Second comment")));
        QVERIFY(editor->historyDiffView()->toPlainText().contains(
            QStringLiteral("+    server_name app1.test.example.com; # two")));
        editor->historyList()->setCurrentRow(2);
        QVERIFY(editor->historyDiffView()->toPlainText().contains(QStringLiteral("+server {")));

        QSignalSpy restored(editor, &ConfigEditor::restored);
        editor->restoreFromHistory(editor->historyList()->item(2)->data(Qt::UserRole).toString());
        QVERIFY(restored.wait(30000));
        QCOMPARE(editor->text().toUtf8(), Site);
        QVERIFY(editor->isModified()); // restored text is an edit until committed
        editor->codeEditor()->undo();
        QVERIFY(editor->text().contains(QStringLiteral("# two")));
    }

    void driftComparesWithTheTemplatesAndReRenders()
    {
        auto f = openEditor(m_repo, SitePath);
        QVERIFY(f);
        ConfigEditor *editor = f->editor.get();
        QByteArray rendered = Site;
        rendered.replace("proxy_read_timeout 5s;", "proxy_read_timeout 5s;\n        proxy_connect_timeout 2s;");
        QStringList asked;
        editor->setTemplateRenderer([&](const QString &path) {
            asked.append(path);
            return ConfigEditor::RenderedTemplate { true, QString::fromUtf8(rendered), {} };
        });
        QSignalSpy drift(editor, &ConfigEditor::driftChecked);
        editor->checkDrift();
        QVERIFY(drift.wait(10000));
        QCOMPARE(asked, QStringList { SitePath });
        QCOMPARE(drift.constFirst().constFirst().toBool(), true);
        QVERIFY(editor->diffView()->toPlainText().contains(QStringLiteral("+        proxy_connect_timeout 2s;")));
        QVERIFY(!editor->isModified()); // checking drift changes nothing
        editor->applyRenderedTemplate();
        QCOMPARE(editor->text().toUtf8(), rendered);
        QVERIFY(editor->isModified());

        editor->setTemplateRenderer([](const QString &) {
            return ConfigEditor::RenderedTemplate { false, {}, QStringLiteral("field domain refused") };
        });
        editor->checkDrift();
        QVERIFY(editor->bannerText().contains(QStringLiteral("field domain refused")));
    }

    void highlightingRendersAndFollowsThePalette()
    {
        auto f = openEditor(m_repo, SitePath);
        QVERIFY(f);
        ConfigEditor *editor = f->editor.get();
        editor->validate();
        QTest::qWait(100);
        // Every highlighted range has a visible colour (the wrong call order
        // paints text with alpha 0).
        QTextBlock block = editor->codeEditor()->document()->findBlockByNumber(1);
        QTRY_VERIFY(!block.layout()->formats().isEmpty());
        for (const QTextLayout::FormatRange &range : block.layout()->formats()) {
            if (range.format.hasProperty(QTextFormat::ForegroundBrush)) {
                QVERIFY(range.format.foreground().color().alpha() > 0);
            }
        }
        const QImage shot = editor->grab().toImage();
        const QString file = QCoreApplication::applicationDirPath() + QStringLiteral("/editor-screenshot.png");
        QVERIFY(shot.save(file));
        qInfo("screenshot %s", qPrintable(file));
        // The text area shows several colours besides the background.
        const QRect area = editor->codeEditor()->viewport()->geometry();
        const QPoint origin = editor->codeEditor()->viewport()->mapTo(editor, QPoint(0, 0));
        QSet<QRgb> colours;
        for (int y = origin.y(); y < origin.y() + qMin(area.height(), 150); ++y) {
            for (int x = origin.x(); x < origin.x() + qMin(area.width(), 400); ++x) {
                colours.insert(shot.pixel(x, y));
            }
        }
        QVERIFY2(colours.size() > 8, qPrintable(QString::number(colours.size())));

        const int lightBase = editor->codeEditor()->palette().color(QPalette::Base).lightness();
        QPalette dark = editor->palette();
        dark.setColor(QPalette::Base, QColor(30, 30, 30));
        dark.setColor(QPalette::Window, QColor(40, 40, 40));
        dark.setColor(QPalette::Text, QColor(220, 220, 220));
        editor->setPalette(dark);
        QVERIFY(lightBase >= 128);
        QVERIFY(editor->codeEditor()->palette().color(QPalette::Base).lightness() < 128);
        editor->grab().save(QCoreApplication::applicationDirPath() + QStringLiteral("/editor-screenshot-dark.png"));
    }

    void tenMegabyteFileOpensWhileTheEventLoopRuns()
    {
        QByteArray big;
        big.reserve(10 * 1024 * 1024 + 100);
        for (int i = 0; big.size() < 10 * 1024 * 1024; ++i) {
            big += "    location /path" + QByteArray::number(i) + " { proxy_pass http://app1; }  # padding padding\n";
        }
        const QString repo = newRepository({ { SitePath, Site }, { QStringLiteral("nginx/huge.conf"), big } });
        auto f = openEditor(repo, SitePath);
        QVERIFY(f);
        ConfigEditor *editor = f->editor.get();

        QElapsedTimer clock;
        qint64 last = 0;
        qint64 longestStall = 0;
        QTimer ticker;
        ticker.setInterval(5);
        connect(&ticker, &QTimer::timeout, this, [&] {
            const qint64 now = clock.elapsed();
            longestStall = qMax(longestStall, now - last);
            last = now;
        });
        QSignalSpy loaded(editor, &ConfigEditor::fileLoaded);
        clock.start();
        ticker.start();
        editor->openFile(QStringLiteral("nginx/huge.conf"));
        QVERIFY(loaded.wait(60000));
        const qint64 loadMs = clock.elapsed();
        QTest::qWait(200); // first paint and any deferred work
        ticker.stop();
        qInfo("editor_10mb_open_ms %lld ms", loadMs);
        qInfo("editor_10mb_longest_ui_stall_ms %lld ms", longestStall);
        QCOMPARE(editor->text().size(), big.size());
        QVERIFY(!editor->isHighlightingEnabled());
        QVERIFY(editor->bannerText().contains(QStringLiteral("highlighting is off")));
        QVERIFY(!editor->isModified());
        // Still editable and searchable.
        editor->goToLine(100000);
        QCOMPARE(editor->codeEditor()->currentLineNumber(), 100000);
    }

private:
    // Process-wide, as in main(): keeps libgit2's per-thread state valid until
    // every worker thread has really ended.
    GitLibrary m_gitLibrary;
    GitHttpServer m_server;
    KSyntaxHighlighting::Repository m_repository;
    int m_repoCounter = 0;
    QString m_repo;
};

QTEST_MAIN(TestConfigEditor)
#include "tst_configeditor.moc"
