#include "core/gitlab/gitlabclient.h"
#include "core/review/reviewloader.h"
#include "sandbox/emulator/gitlabemulator.h"
#include "tests/support/gitlabwait.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Dockmaster;

namespace {

const char *IndexV1 = "<?php\n"
                      "// The plugin's front page.\n"
                      "echo 'Hello';\n";

const char *IndexV2 = "<?php\n"
                      "// The plugin's front page.\n"
                      "echo 'Hello';\n"
                      "require __DIR__ . '/lib/helper.php';\n"
                      "echo \"never eval user input\";\n";

const char *Helper = "<?php\n"
                     "function helper_run($cmd)\n"
                     "{\n"
                     "    $payload = base64_decode($cmd);\n"
                     "    eval($payload);\n"
                     "    $ch = curl_init('https://stats.example.org/collect');\n"
                     "    return shell_exec('uptime');\n"
                     "}\n";

QStringList summary(const QList<RiskFlag> &flags)
{
    QStringList out;
    for (const RiskFlag &f : flags)
        out.append(f.path + QLatin1Char(':') + RiskScanner::kindKey(f.kind) + QLatin1Char(':')
                   + QString::number(f.line));
    out.sort();
    return out;
}

} // namespace

// ReviewLoader against the GitLab emulator with a real repo A.
class TestReviewLoader : public QObject
{
    Q_OBJECT

    GitLabResponse call(const QByteArray &method, const QString &path, const QJsonObject &body = {})
    {
        const GitLabResponse response = Test::sendAndWait(m_client.get(), method, path, body, 30000);
        [&] {
            QVERIFY2(response.error.kind != GitLabError::Kind::Timeout, qPrintable(path));
        }();
        return response;
    }

    QString commit(const QString &message, const QJsonArray &actions)
    {
        const GitLabResponse r = call("POST", m_projectPath + QStringLiteral("/repository/commits"),
                                      { { QStringLiteral("branch"), QStringLiteral("main") },
                                        { QStringLiteral("commit_message"), message },
                                        { QStringLiteral("author_name"), QStringLiteral("Dev One") },
                                        { QStringLiteral("author_email"), QStringLiteral("dev@example.com") },
                                        { QStringLiteral("actions"), actions } });
        return QJsonDocument::fromJson(r.body).object().value(QStringLiteral("id")).toString();
    }

    static QJsonObject action(const char *kind, const char *path, const char *content)
    {
        return { { QStringLiteral("action"), QString::fromUtf8(kind) },
                 { QStringLiteral("file_path"), QString::fromUtf8(path) },
                 { QStringLiteral("content"), QString::fromUtf8(content) } };
    }

    // Waits for the loader's answer: the result, or the error message.
    std::pair<std::optional<ReviewResult>, QString> waitFor(ReviewLoader &loader)
    {
        QSignalSpy loaded(&loader, &ReviewLoader::loaded);
        QSignalSpy failed(&loader, &ReviewLoader::failed);
        (void)QTest::qWaitFor([&] { return !loaded.isEmpty() || !failed.isEmpty(); }, 30000);
        if (!loaded.isEmpty())
            return { loaded.first().first().value<ReviewResult>(), QString() };
        if (!failed.isEmpty())
            return { std::nullopt, failed.first().first().toString() };
        return { std::nullopt, QStringLiteral("timeout") };
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_emulator = std::make_unique<GitLabEmulator>(m_dir.path());
        QVERIFY(m_emulator->start());
        m_client = std::make_unique<GitLabClient>();
        m_client->setBaseUrl(m_emulator->baseUrl());
        m_client->setToken(m_emulator->adminToken());
        const GitLabResponse created = call("POST", QStringLiteral("/projects"),
                                            { { QStringLiteral("path"), QStringLiteral("app0000001") },
                                              { QStringLiteral("default_branch"), QStringLiteral("main") } });
        QVERIFY2(created.error.isOk(), qPrintable(created.error.message));
        m_project
            = QString::number(QJsonDocument::fromJson(created.body).object().value(QStringLiteral("id")).toInteger());
        m_projectPath = GitLabClient::projectPath(m_project);

        m_first = commit(
            QStringLiteral("Skeleton"),
            { action("create", "web/index.php", IndexV1), action("create", "README.md", "Use eval() never.\n") });
        QVERIFY(!m_first.isEmpty());
        m_second = commit(QStringLiteral("Add helper"),
                          { action("update", "web/index.php", IndexV2), action("create", "web/lib/helper.php", Helper),
                            action("create", "composer.json", "{\"require\": {\"guzzlehttp/guzzle\": \"^7\"}}\n") });
        QVERIFY(!m_second.isEmpty());
    }

    void compareListsCommitsFilesAndFlags()
    {
        ReviewLoader loader(m_client.get());
        loader.load(m_project, m_first, m_second);
        QVERIFY(loader.isLoading());
        const auto [result, error] = waitFor(loader);
        QVERIFY2(result, qPrintable(error));
        QVERIFY(!loader.isLoading());
        QCOMPARE(result->fromSha, m_first);
        QCOMPARE(result->toSha, m_second);
        QVERIFY(!result->firstRelease);
        QCOMPARE(result->commits.size(), 1);
        QCOMPARE(result->commits.first().sha, m_second);
        QCOMPARE(result->commits.first().title, QStringLiteral("Add helper"));
        QCOMPARE(result->commits.first().author, QStringLiteral("Dev One"));
        QVERIFY(result->commits.first().date.isValid());

        QStringList paths;
        for (const ReviewFile &f : result->files)
            paths.append(f.path());
        paths.sort();
        QCOMPARE(paths,
                 QStringList({ QStringLiteral("composer.json"), QStringLiteral("web/index.php"),
                               QStringLiteral("web/lib/helper.php") }));
        const ReviewFile *helper = result->file(QStringLiteral("web/lib/helper.php"));
        QVERIFY(helper);
        QVERIFY(helper->diff.newFile);
        QCOMPARE(helper->added, 8);
        QCOMPARE(helper->removed, 0);
        const ReviewFile *index = result->file(QStringLiteral("web/index.php"));
        QVERIFY(index && !index->diff.newFile);
        QCOMPARE(index->added, 2);

        QCOMPARE(summary(result->flags),
                 QStringList({ QStringLiteral("composer.json:composer:0"), QStringLiteral("web/lib/helper.php:eval:5"),
                               QStringLiteral("web/lib/helper.php:obfuscated:5"),
                               QStringLiteral("web/lib/helper.php:outbound:6"),
                               QStringLiteral("web/lib/helper.php:shell:7") }));
        QCOMPARE(result->flagCount(QStringLiteral("web/index.php")), 0);
        QCOMPARE(result->flagCount(QStringLiteral("web/lib/helper.php")), 4);
        QVERIFY(result->warnings().isEmpty());
    }

    // No live version yet: every file of the requested tree is new.
    void firstReleaseScansTheWholeTree()
    {
        ReviewLoader loader(m_client.get());
        loader.load(m_project, QString(), m_second);
        const auto [result, error] = waitFor(loader);
        QVERIFY2(result, qPrintable(error));
        QVERIFY(result->firstRelease);
        QCOMPARE(result->commits.size(), 2);
        QCOMPARE(result->commits.first().sha, m_first); // oldest first
        QCOMPARE(result->files.size(), 4);
        for (const ReviewFile &f : result->files)
            QVERIFY(f.diff.newFile);
        QCOMPARE(result->file(QStringLiteral("web/index.php"))->added, 5);
        QVERIFY(summary(result->flags).contains(QStringLiteral("web/lib/helper.php:shell:7")));
        QCOMPARE(result->flagCount(QStringLiteral("README.md")), 0);
        QCOMPARE(result->flags.size(), 5);
        QVERIFY(!result->warnings().isEmpty());
    }

    void unknownShaFailsClearly()
    {
        ReviewLoader loader(m_client.get());
        loader.load(m_project, m_first, QStringLiteral("0123456789abcdef0123456789abcdef01234567"));
        const auto [result, error] = waitFor(loader);
        QVERIFY(!result);
        QVERIFY2(error.contains(QStringLiteral("0123456789ab")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("force-pushed")), qPrintable(error));
    }

    void unknownProjectFailsClearly()
    {
        ReviewLoader loader(m_client.get());
        loader.load(QStringLiteral("plugins/apps/app9999999"), m_first, m_second);
        const auto [result, error] = waitFor(loader);
        QVERIFY(!result);
        QVERIFY2(error.contains(QStringLiteral("app9999999")), qPrintable(error));
    }

    void refThatIsNotAShaIsRefused()
    {
        m_emulator->clearRequestLog();
        ReviewLoader loader(m_client.get());
        loader.load(m_project, m_first, QStringLiteral("main; rm -rf /"));
        const auto [result, error] = waitFor(loader);
        QVERIFY(!result);
        QVERIFY2(error.contains(QStringLiteral("pinned commit")), qPrintable(error));
        QCOMPARE(m_emulator->requestCount(QStringLiteral("GET"), QStringLiteral("compare")), 0);
    }

    void offlineFailsClearly()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        GitLabClient offline;
        offline.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        offline.setToken(QStringLiteral("t"));
        GitLabClientOptions options;
        options.maxAttempts = 1;
        offline.setOptions(options);
        ReviewLoader loader(&offline);
        loader.load(m_project, m_first, m_second);
        const auto [result, error] = waitFor(loader);
        QVERIFY(!result);
        QVERIFY2(error.contains(QStringLiteral("cannot be reached")), qPrintable(error));
    }

    // Selecting another request while one loads: only the newest answer arrives.
    void newerLoadWins()
    {
        ReviewLoader loader(m_client.get());
        QSignalSpy loaded(&loader, &ReviewLoader::loaded);
        QSignalSpy failed(&loader, &ReviewLoader::failed);
        loader.load(m_project, QString(), m_second);
        loader.load(m_project, m_first, m_second);
        QVERIFY(QTest::qWaitFor([&] { return !loaded.isEmpty() || !failed.isEmpty(); }, 30000));
        QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
        QTest::qWait(300);
        QCOMPARE(loaded.size(), 1);
        QVERIFY(!loaded.first().first().value<ReviewResult>().firstRelease);
    }

    void largeAndTimedOutComparesAreSurfaced()
    {
        QJsonArray diffs;
        diffs.append(QJsonObject { { QStringLiteral("old_path"), QStringLiteral("big.php") },
                                   { QStringLiteral("new_path"), QStringLiteral("big.php") },
                                   { QStringLiteral("diff"), QString() },
                                   { QStringLiteral("too_large"), true } });
        for (int i = 0; i < 3; ++i) {
            diffs.append(
                QJsonObject { { QStringLiteral("old_path"), QStringLiteral("f%1.php").arg(i) },
                              { QStringLiteral("new_path"), QStringLiteral("f%1.php").arg(i) },
                              { QStringLiteral("new_file"), true },
                              { QStringLiteral("diff"), QStringLiteral("@@ -0,0 +1,2 @@\n+<?php\n+exec('x');\n") } });
        }
        const QJsonObject compare { { QStringLiteral("commits"), QJsonArray() },
                                    { QStringLiteral("diffs"), diffs },
                                    { QStringLiteral("compare_timeout"), true } };
        ReviewLimits limits;
        limits.maxFiles = 3;
        bool ok = false;
        const ReviewResult r
            = ReviewLoader::fromCompare(QStringLiteral("p"), QStringLiteral("aaaaaaa"), QStringLiteral("bbbbbbb"),
                                        QJsonDocument(compare).toJson(), limits, &ok);
        QVERIFY(ok);
        QVERIFY(r.compareTimeout);
        QVERIFY(r.tooLarge);
        QCOMPARE(r.files.size(), 3);
        QCOMPARE(r.omittedFiles, 1);
        QVERIFY(r.files.first().tooLarge);
        // The display limit does not limit the scan (issue 24): f2.php is past
        // it and still scanned; big.php's patch was left out, so it is named.
        QCOMPARE(summary(r.flags),
                 QStringList({ QStringLiteral("f0.php:shell:2"), QStringLiteral("f1.php:shell:2"),
                               QStringLiteral("f2.php:shell:2") }));
        QCOMPARE(r.unscanned.size(), 1);
        QCOMPARE(r.unscanned.first().path, QStringLiteral("big.php"));
        QVERIFY(!r.scanComplete());
        QCOMPARE(r.warnings().size(), 4);
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<GitLabEmulator> m_emulator;
    std::unique_ptr<GitLabClient> m_client;
    QString m_project;
    QString m_projectPath;
    QString m_first;
    QString m_second;
};

QTEST_GUILESS_MAIN(TestReviewLoader)
#include "tst_reviewloader.moc"
