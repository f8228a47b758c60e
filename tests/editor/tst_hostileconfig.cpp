// A hostile committer against the configuration editor (issue 15, "Hostile
// third parties"): a symbolic link in conf/ pointing outside the repository.
// The workspace never puts a link on disk, never opens one as a file and never
// writes through one; the editor says what it is, not what it points to.
#include "core/git/gitlibrary.h"
#include "core/git/gitworkspace.h"
#include "tests/editor/workspacerecorder.h"
#include "tests/support/githttpserver.h"
#include "views/editor/configeditor.h"

#include <QDir>
#include <QFileInfo>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <KSyntaxHighlighting/Repository>

using namespace Dockmaster;
using namespace Dockmaster::Test;

namespace {

const QString Branch = QStringLiteral("env/test");
const QString SitePath = QStringLiteral("conf/site.conf");
const QString LinkPath = QStringLiteral("conf/evil");
const GitAuthor Alice { QStringLiteral("Alice Admin"), QStringLiteral("alice@example.com") };

} // namespace

class TestHostileConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
    }

    void workspaceRefusesTheLink_data() { targets(); }

    void workspaceRefusesTheLink()
    {
        QFETCH(QString, target);
        newRepositoryWithLinkTo(target);
        if (QTest::currentTestFailed())
            return;
        QTemporaryDir cache;
        GitWorkspace workspace(cache.path());
        WorkspaceRecorder recorder(&workspace);
        const QString head
            = recorder.open(m_server.repositoryUrl(m_repo), m_server.token(), Branch).value(0).toString();
        QCOMPARE(head.size(), 40);

        // On disk: a plain file naming the target, not a link to follow.
        const QStringList clones
            = QDir(cache.path() + QStringLiteral("/git")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QCOMPARE(clones.size(), 1);
        const QFileInfo onDisk(cache.path() + QStringLiteral("/git/") + clones.first() + QLatin1Char('/') + LinkPath);
        QVERIFY(onDisk.exists());
        QVERIFY2(!onDisk.isSymLink(), qPrintable(onDisk.symLinkTarget()));

        const auto read = recorder.readFile(LinkPath);
        EXPECT_KIND(read, "failed");
        const QString message = read.value(0).toString();
        QVERIFY2(message.contains(QStringLiteral("is a symbolic link")) && message.contains(target),
                 qPrintable(message));
        QVERIFY(!message.contains(QStringLiteral("root:")));
        // Old versions too (the history view reads through the same call).
        EXPECT_KIND(recorder.readFile(LinkPath, head), "failed");

        for (const QString &path : { LinkPath, QString(LinkPath + QStringLiteral("/inside.conf")) }) {
            const auto pushed
                = recorder.commitAndPush(path, "root::0:0::/root:/bin/sh\n", QStringLiteral("x"), Alice, head);
            EXPECT_KIND(pushed, "failed");
            QVERIFY2(pushed.value(0).toString().contains(QStringLiteral("does not open, edit or commit through links")),
                     qPrintable(pushed.value(0).toString()));
        }
        QCOMPARE(m_server.git(m_repo, { QStringLiteral("rev-parse"), Branch }).trimmed(), head.toLatin1());
        // An ordinary file beside it still works.
        EXPECT_KIND(recorder.readFile(SitePath), "fileRead");
    }

    void editorShowsTheLinkNotItsTarget_data() { targets(); }

    void editorShowsTheLinkNotItsTarget()
    {
        QFETCH(QString, target);
        newRepositoryWithLinkTo(target);
        if (QTest::currentTestFailed())
            return;
        QTemporaryDir cache;
        GitWorkspace workspace(cache.path());
        ConfigEditor editor(&workspace, m_highlighting);
        editor.setAuthor(Alice);
        editor.resize(900, 600);
        editor.show();
        QSignalSpy listed(&editor, &ConfigEditor::filesListed);
        editor.openRepository(m_server.repositoryUrl(m_repo), m_server.token(), Branch);
        QVERIFY(listed.wait(30000));
        QVERIFY(listed.first().first().toStringList().contains(LinkPath));
        QSignalSpy failed(&editor, &ConfigEditor::failed);
        QSignalSpy loaded(&editor, &ConfigEditor::fileLoaded);
        editor.openFile(LinkPath);
        QVERIFY(failed.wait(30000));
        QVERIFY(loaded.isEmpty());
        QVERIFY2(editor.bannerText().contains(QStringLiteral("is a symbolic link")), qPrintable(editor.bannerText()));
        QVERIFY(editor.bannerText().contains(target));
        for (const QPlainTextEdit *text : editor.findChildren<QPlainTextEdit *>()) {
            QVERIFY(!text->toPlainText().contains(QStringLiteral("root:")));
            QVERIFY(!text->toPlainText().contains(target));
        }
    }

    // The management repository's .gitmodules names where `codes` comes from;
    // Dockmaster moves the gitlink and never fetches a submodule, wherever
    // the file points: another host (a listener here counts connections), a
    // file:// URL or an ext:: command.
    void submoduleUrlsAreNeverFetched_data()
    {
        QTest::addColumn<QString>("url");
        QTest::newRow("another host") << QStringLiteral("http://127.0.0.1:%1/evil/codes.git");
        QTest::newRow("file://") << QStringLiteral("file:///etc");
        QTest::newRow("ext::") << QStringLiteral("ext::sh -c touch% %2");
    }

    void submoduleUrlsAreNeverFetched()
    {
        QFETCH(QString, url);
        QTcpServer elsewhere;
        QVERIFY(elsewhere.listen(QHostAddress::LocalHost));
        int connections = 0;
        connect(&elsewhere, &QTcpServer::newConnection, this, [&] {
            ++connections;
            delete elsewhere.nextPendingConnection();
        });
        QTemporaryDir scratch;
        const QString marker = scratch.filePath(QStringLiteral("fetched"));
        url = url.contains(QLatin1String("%1")) ? url.arg(elsewhere.serverPort()) : url;
        url = url.contains(QLatin1String("%2")) ? url.arg(marker) : url;
        newRepository({ { QStringLiteral(".gitmodules"),
                          QStringLiteral("[submodule \"codes\"]\n\tpath = codes\n\turl = %1\n").arg(url).toUtf8() } });
        QString error;
        const QString live(40, QLatin1Char('1'));
        QVERIFY2(m_server.commitGitlink(m_repo, Branch, QStringLiteral("codes"), live, &error), qPrintable(error));

        QTemporaryDir cache;
        GitWorkspace workspace(cache.path());
        GitlinkMove move;
        move.target = QString(40, QLatin1Char('2'));
        move.message = QStringLiteral("Deploy v2");
        move.author = Alice;
        move.expectedCurrent = live;
        std::optional<GitResult<GitlinkMoveResult>> moved;
        QObject context;
        workspace.moveGitlink(m_server.repositoryUrl(m_repo), m_server.token(), Branch, move, &context,
                              [&moved](const GitResult<GitlinkMoveResult> &result) { moved = result; });
        QVERIFY(QTest::qWaitFor([&] { return moved.has_value(); }, 60000));
        QVERIFY2(moved->ok(), qPrintable(moved->error));
        QCOMPARE(moved->value.previousTarget, live);
        QCOMPARE(m_server.git(m_repo, { QStringLiteral("rev-parse"), Branch + QStringLiteral(":codes") }).trimmed(),
                 move.target.toLatin1());
        QTest::qWait(200);
        QCOMPARE(connections, 0);
        QVERIFY(!QFile::exists(marker));
        // Nothing of a submodule in the workspace either.
        const QStringList clones
            = QDir(cache.path() + QStringLiteral("/git")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString &clone : clones) {
            const QString modules = cache.path() + QStringLiteral("/git/") + clone + QStringLiteral("/.git/modules");
            QVERIFY2(!QFileInfo::exists(modules), qPrintable(modules));
            QVERIFY(QDir(cache.path() + QStringLiteral("/git/") + clone + QStringLiteral("/codes"))
                        .entryList(QDir::AllEntries | QDir::NoDotAndDotDot)
                        .isEmpty());
        }
    }

private:
    // A new repository whose conf/ holds a symbolic link to `target`.
    void newRepositoryWithLinkTo(const QString &target)
    {
        newRepository();
        QString error;
        QVERIFY2(m_server.commitSymlink(m_repo, Branch, LinkPath, target, &error), qPrintable(error));
    }

    void newRepository(QMap<QString, QByteArray> files = {})
    {
        ++m_repoCounter;
        m_repo = QStringLiteral("ops%1").arg(m_repoCounter);
        files.insert(SitePath, "server {}\n");
        QString error;
        QVERIFY2(m_server.createRepository(m_repo, Branch, files, &error), qPrintable(error));
    }

    static void targets()
    {
        QTest::addColumn<QString>("target");
        QTest::newRow("/etc/passwd") << QStringLiteral("/etc/passwd");
        QTest::newRow("../../x") << QStringLiteral("../../x");
    }

    GitLibrary m_gitLibrary;
    GitHttpServer m_server;
    KSyntaxHighlighting::Repository m_highlighting;
    int m_repoCounter = 0;
    QString m_repo;
};

QTEST_MAIN(TestHostileConfig)
#include "tst_hostileconfig.moc"
