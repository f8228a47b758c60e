#include "core/review/riskscanner.h"
#include "core/review/unifieddiff.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Dockmaster;

class TestUnifiedDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // GitLab's compare `diffs[].diff`: hunks only, no file headers.
    void gitLabHunksMapLineNumbers()
    {
        const QString diff = QStringLiteral("@@ -1,3 +1,4 @@\n"
                                            " <?php\n"
                                            "-echo 'a';\n"
                                            "+echo 'b';\n"
                                            "+echo 'c';\n"
                                            " \n"
                                            "@@ -20 +21,2 @@ function x()\n"
                                            " return;\n"
                                            "+// end\n"
                                            "\\ No newline at end of file\n");
        const QList<DiffLine> lines = UnifiedDiff::parseLines(diff);
        QCOMPARE(lines.size(), 10);
        QCOMPARE(lines.at(0).kind, DiffLine::Kind::Hunk);
        QCOMPARE(lines.at(1).kind, DiffLine::Kind::Context);
        QCOMPARE(lines.at(1).newLine, 1);
        QCOMPARE(lines.at(2).kind, DiffLine::Kind::Removed);
        QCOMPARE(lines.at(2).oldLine, 2);
        QCOMPARE(lines.at(2).newLine, 0);
        QCOMPARE(lines.at(3).kind, DiffLine::Kind::Added);
        QCOMPARE(lines.at(3).newLine, 2);
        QCOMPARE(lines.at(3).text, QStringLiteral("echo 'b';"));
        QCOMPARE(lines.at(4).newLine, 3);
        QCOMPARE(lines.at(5).kind, DiffLine::Kind::Context);
        QCOMPARE(lines.at(5).oldLine, 3);
        QCOMPARE(lines.at(5).newLine, 4);
        QCOMPARE(lines.at(7).newLine, 21);
        QCOMPARE(lines.at(7).oldLine, 20);
        QCOMPARE(lines.at(8).kind, DiffLine::Kind::Added);
        QCOMPARE(lines.at(8).newLine, 22);
        QCOMPARE(lines.at(9).kind, DiffLine::Kind::NoNewline);
        QCOMPARE(UnifiedDiff::countChanges(diff), std::make_pair(3, 1));
    }

    // `git diff` / libgit2 patches: several files with headers.
    void gitPatchSplitsFiles()
    {
        const QString patch = QStringLiteral("diff --git a/web/index.php b/web/index.php\n"
                                             "index 1111111..2222222 100644\n"
                                             "--- a/web/index.php\n"
                                             "+++ b/web/index.php\n"
                                             "@@ -1,2 +1,3 @@\n"
                                             " <?php\n"
                                             "+--- not a header\n"
                                             " echo 1;\n"
                                             "diff --git a/web/new.php b/web/new.php\n"
                                             "new file mode 100644\n"
                                             "index 0000000..3333333\n"
                                             "--- /dev/null\n"
                                             "+++ b/web/new.php\n"
                                             "@@ -0,0 +1 @@\n"
                                             "+<?php system('x');\n"
                                             "diff --git a/old.php b/old.php\n"
                                             "deleted file mode 100644\n"
                                             "--- a/old.php\n"
                                             "+++ /dev/null\n"
                                             "@@ -1 +0,0 @@\n"
                                             "-<?php\n"
                                             "diff --git a/a.txt b/b.txt\n"
                                             "similarity index 100%\n"
                                             "rename from a.txt\n"
                                             "rename to b.txt\n"
                                             "diff --git a/logo.png b/logo.png\n"
                                             "Binary files a/logo.png and b/logo.png differ\n");
        const QList<FileDiff> files = UnifiedDiff::parseFiles(patch);
        QCOMPARE(files.size(), 5);
        QCOMPARE(files.at(0).newPath, QStringLiteral("web/index.php"));
        QVERIFY(!files.at(0).newFile);
        QCOMPARE(UnifiedDiff::countChanges(files.at(0).diff), std::make_pair(1, 0));
        QVERIFY(files.at(1).newFile);
        QCOMPARE(files.at(1).path(), QStringLiteral("web/new.php"));
        const QList<DiffLine> added = UnifiedDiff::parseLines(files.at(1).diff);
        QCOMPARE(added.last().kind, DiffLine::Kind::Added);
        QCOMPARE(added.last().newLine, 1);
        QVERIFY(files.at(2).deletedFile);
        QCOMPARE(files.at(2).path(), QStringLiteral("old.php"));
        QVERIFY(files.at(3).renamedFile);
        QCOMPARE(files.at(3).oldPath, QStringLiteral("a.txt"));
        QCOMPARE(files.at(3).newPath, QStringLiteral("b.txt"));
        QVERIFY(files.at(4).binary);
    }

    // The patch real `git diff` writes (what libgit2's git_patch_to_buf writes
    // too), parsed and scanned: flags land on the right new-file lines.
    void realGitDiffIsParsedAndScanned()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto git = [&dir](const QStringList &args) {
            QProcess p;
            p.setWorkingDirectory(dir.path());
            p.start(QStringLiteral("git"),
                    QStringList { QStringLiteral("-c"), QStringLiteral("user.name=T"), QStringLiteral("-c"),
                                  QStringLiteral("user.email=t@e") }
                        + args);
            p.waitForFinished(30000);
            return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0
                ? std::optional<QString>(QString::fromUtf8(p.readAllStandardOutput()))
                : std::nullopt;
        };
        auto write = [&dir](const char *name, const QByteArray &content) {
            QFile f(dir.filePath(QString::fromUtf8(name)));
            return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
        };
        QVERIFY(git({ QStringLiteral("init"), QStringLiteral("-q") }).has_value());
        QByteArray lib = "<?php\n";
        for (int i = 1; i <= 30; ++i)
            lib += "$v" + QByteArray::number(i) + " = " + QByteArray::number(i) + ";\n";
        QVERIFY(write("lib.php", lib));
        QVERIFY(write("old name.txt", "same\n"));
        QVERIFY(git({ QStringLiteral("add"), QStringLiteral(".") }).has_value());
        QVERIFY(git({ QStringLiteral("commit"), QStringLiteral("-qm"), QStringLiteral("one") }).has_value());

        lib.replace("$v20 = 20;\n", "$v20 = 20;\nsystem($v20);\n");
        lib.replace("$v3 = 3;\n", "");
        QVERIFY(write("lib.php", lib));
        QVERIFY(write("new.php", "<?php\n// ok\n$h = fsockopen('c2.example.net', 80);\n"));
        QVERIFY(
            git({ QStringLiteral("mv"), QStringLiteral("old name.txt"), QStringLiteral("new name.txt") }).has_value());
        QVERIFY(git({ QStringLiteral("add"), QStringLiteral(".") }).has_value());
        const QString patch = *git({ QStringLiteral("diff"), QStringLiteral("--cached"), QStringLiteral("-M") });
        QVERIFY(!patch.isEmpty());

        const QList<FileDiff> files = UnifiedDiff::parseFiles(patch);
        QCOMPARE(files.size(), 3);
        QCOMPARE(files.at(0).path(), QStringLiteral("lib.php"));
        QCOMPARE(files.at(1).path(), QStringLiteral("new name.txt"));
        QVERIFY(files.at(1).renamedFile);
        QCOMPARE(files.at(1).oldPath, QStringLiteral("old name.txt"));
        QCOMPARE(files.at(2).path(), QStringLiteral("new.php"));
        QVERIFY(files.at(2).newFile);

        QStringList flags;
        for (const RiskFlag &f : RiskScanner().scan(files))
            flags.append(f.path + QLatin1Char(':') + RiskScanner::kindKey(f.kind) + QLatin1Char(':')
                         + QString::number(f.line));
        flags.sort();
        // $v3 is gone, so "system($v20)" follows $v20 on new line 20 (old 21).
        QCOMPARE(flags, QStringList({ QStringLiteral("lib.php:shell:21"), QStringLiteral("new.php:outbound:3") }));
    }
};

QTEST_GUILESS_MAIN(TestUnifiedDiff)
#include "tst_unifieddiff.moc"
