#include "core/review/reviewloader.h"
#include "core/review/riskscanner.h"
#include "views/review/reviewpane.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <KSyntaxHighlighting/Repository>

#include <algorithm>
#include <atomic>
#include <vector>

using namespace Dockmaster;

// bench_riskscanner [files]: prints `name value unit` lines.
//  1. The scanner and PHP's own lexer (token_get_all of the sysroot's php) on
//     the same synthetic release (N new PHP files, about 200 lines each, a few
//     risky), three runs each; both figures count the files' source bytes.
//  2. A 20 MB / 100,000-line release reviewed as the app does it: GitLab's
//     comparison parsed and scanned off the UI thread, then shown in the
//     review pane, with the UI thread's stalls measured meanwhile.
//  3. How soon a scan of that release stops once it is cancelled.

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

void print(const char *name, double value, const char *unit)
{
    out() << name << ' ' << QString::number(value, 'f', value < 10 ? 2 : 1) << ' ' << unit << Qt::endl;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

struct Release {
    QList<FileDiff> diffs;
    QStringList sources; // each file's content, as PHP would read it
    qsizetype sourceBytes = 0;
    qsizetype lines = 0;
};

// A file's content (ending with a newline) as a new-file patch.
FileDiff newFile(const QString &path, const QString &source)
{
    FileDiff d;
    d.newPath = d.oldPath = path;
    d.newFile = true;
    const qsizetype count = source.count(QLatin1Char('\n'));
    d.diff = QStringLiteral("@@ -0,0 +1,%1 @@\n").arg(count);
    d.diff.reserve(source.size() + count + 32);
    for (qsizetype pos = 0; pos < source.size();) {
        const qsizetype end = source.indexOf(QLatin1Char('\n'), pos);
        d.diff += QLatin1Char('+');
        d.diff += QStringView(source).mid(pos, end - pos + 1);
        pos = end + 1;
    }
    return d;
}

void add(Release &release, const QString &path, const QString &source)
{
    release.diffs.append(newFile(path, source));
    release.sources.append(source);
    release.sourceBytes += source.toUtf8().size();
    release.lines += source.count(QLatin1Char('\n'));
}

// The release issue 25 measured: short helper functions with comments,
// interpolated strings and heredocs.
Release smallRelease(int files)
{
    const QString body
        = QStringLiteral("/**\n * Helper with a comment mentioning eval() and system().\n */\n"
                         "function f%1(array $a): string\n{\n    $s = \"value $a[0] and {$a[1]}\";\n"
                         "    $q = $pdo->exec('UPDATE t SET a = 1');\n    $t = <<<EOT\n    exec(here)\n    EOT;\n"
                         "    return htmlspecialchars($s . $t);\n}\n");
    Release release;
    for (int i = 0; i < files; ++i) {
        QString source = QStringLiteral("<?php\n");
        for (int k = 0; k < 16; ++k)
            source += body.arg(k);
        if (i % 50 == 0)
            source += QStringLiteral("eval(base64_decode($x));\n");
        add(release, QStringLiteral("web/f%1.php").arg(i), source);
    }
    return release;
}

// Vendor code with long lines: 500 files of 200 lines, about 20 MB.
Release largeRelease()
{
    const QStringList lines {
        QStringLiteral("    public function handle%1(Request $request, array $options = []): ?Response"),
        QStringLiteral("    {"),
        QStringLiteral("        $this->logger->debug('Handling request', ['uri' => $request->getUri(), 'method' => "
                       "$request->getMethod(), 'client' => $request->getClientIp(), 'time' => microtime(true)]);"),
        QStringLiteral(
            "        $result = array_map(fn ($item) => $this->normalizer->normalize($item, 'json', ['groups' "
            "=> ['public', 'list']]), $this->repository->findBy(['active' => true], ['createdAt' => "
            "'DESC'], 50));"),
        QStringLiteral("        if (isset($options['callback']) && is_callable($options['callback'])) { $result = "
                       "call_user_func($options['callback'], $result, $request->query->all()); } // user callbacks "
                       "run here, never eval()"),
        QStringLiteral("        $message = sprintf(\"Processed %d items for %s in %.2f ms (page {$this->page} of "
                       "$pages)\", count($result), $request->getClientIp() ?? 'unknown', (microtime(true) - $start) "
                       "* 1000);"),
        QStringLiteral("        /* Cached for the next call: the key names the route, the locale and the page so "
                       "that two users never see each other's data, see CacheKeyBuilder::build(). */"),
        QStringLiteral("        $this->cache->set(sprintf('%s.%s.%d', $route, $locale, $page), $result, "
                       "self::CACHE_TTL_SECONDS * ($options['ttl_factor'] ?? 1), ['tags' => ['listing', $route]]);"),
        QStringLiteral("        return new JsonResponse(['data' => $result, 'meta' => ['count' => count($result), "
                       "'page' => (int) $request->query->get('page', 1)]], 200, ['X-Trace' => $this->trace]);"),
        QStringLiteral("    }"),
    };
    Release release;
    for (int i = 0; i < 500; ++i) {
        QString source = QStringLiteral("<?php\n\nnamespace Vendor\\Package%1;\n\nfinal class Handler%1\n{\n").arg(i);
        int count = 6;
        for (int k = 0; count < 198; ++k) {
            for (const QString &line : lines) {
                source += line.contains(QLatin1String("%1")) ? line.arg(k) : line;
                if (line.size() > 8) // vendor code is wide: about 200 bytes a line on average
                    source += QStringLiteral(" // reviewed upstream in release 4.%1.%2, see the changelog of the "
                                             "package for why this is kept")
                                  .arg(k)
                                  .arg(i);
                source += QLatin1Char('\n');
                ++count;
            }
        }
        if (i % 50 == 7)
            source += QStringLiteral("eval(base64_decode($_POST['x'])); // a backdoor among the vendor files\n");
        source += QStringLiteral("}\n");
        add(release, QStringLiteral("vendor/package%1/src/Handler.php").arg(i), source);
    }
    return release;
}

// PHP's lexer on the same sources, three runs; empty without php.
std::vector<double> phpLexer(const Release &release)
{
    const QString php = QStandardPaths::findExecutable(QStringLiteral("php"));
    QTemporaryDir dir;
    if (php.isEmpty() || !dir.isValid())
        return {};
    for (qsizetype i = 0; i < release.sources.size(); ++i) {
        QFile file(dir.filePath(QStringLiteral("f%1.php").arg(i)));
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(release.sources.at(i).toUtf8());
    }
    QFile script(dir.filePath(QStringLiteral("lex.php.txt")));
    if (!script.open(QIODevice::WriteOnly))
        return {};
    script.write("<?php\n"
                 "$sources = array_map('file_get_contents', glob($argv[1] . '/*.php'));\n"
                 "$bytes = array_sum(array_map('strlen', $sources));\n"
                 "for ($run = 0; $run < 3; $run++) {\n"
                 "    $start = hrtime(true);\n"
                 "    foreach ($sources as $source) token_get_all($source);\n"
                 "    printf(\"%.3f\\n\", $bytes / 1e6 / ((hrtime(true) - $start) / 1e9));\n"
                 "}\n");
    script.close();
    QProcess process;
    process.start(php, { QStringLiteral("-d"), QStringLiteral("memory_limit=-1"), script.fileName(), dir.path() });
    if (!process.waitForFinished(300000) || process.exitCode() != 0)
        return {};
    std::vector<double> runs;
    for (const QByteArray &line : process.readAllStandardOutput().split('\n')) {
        if (!line.trimmed().isEmpty())
            runs.push_back(line.trimmed().toDouble());
    }
    return runs;
}

void benchScanner(int files)
{
    const Release release = smallRelease(files);
    std::vector<double> scanner;
    qsizetype flags = 0;
    for (int run = 0; run < 3; ++run) {
        QElapsedTimer timer;
        timer.start();
        flags = RiskScanner().scan(release.diffs).size();
        scanner.push_back(double(release.sourceBytes) / 1e6 / (double(timer.nsecsElapsed()) / 1e9));
    }
    const std::vector<double> php = phpLexer(release);
    out() << "riskscanner_files " << files << " files" << Qt::endl;
    print("riskscanner_input", double(release.sourceBytes) / 1e6, "MB");
    for (size_t run = 0; run < scanner.size(); ++run)
        out() << "riskscanner_run" << run + 1 << "_throughput " << QString::number(scanner[run], 'f', 1) << " MB/s"
              << Qt::endl;
    print("riskscanner_throughput", median(scanner), "MB/s");
    if (php.empty()) {
        out() << "php_token_get_all_throughput unavailable (no php)" << Qt::endl;
    } else {
        for (size_t run = 0; run < php.size(); ++run)
            out() << "php_token_get_all_run" << run + 1 << "_throughput " << QString::number(php[run], 'f', 1)
                  << " MB/s" << Qt::endl;
        print("php_token_get_all_throughput", median(php), "MB/s");
        print("riskscanner_vs_php_lexer", median(scanner) / median(php), "ratio");
    }
    out() << "riskscanner_flags " << flags << " flags" << Qt::endl;
}

// GitLab's answer to the comparison of a release that adds these files.
QByteArray compareJson(const Release &release)
{
    QJsonArray diffs;
    for (const FileDiff &d : release.diffs) {
        diffs.append(QJsonObject { { QStringLiteral("old_path"), d.oldPath },
                                   { QStringLiteral("new_path"), d.newPath },
                                   { QStringLiteral("new_file"), true },
                                   { QStringLiteral("renamed_file"), false },
                                   { QStringLiteral("deleted_file"), false },
                                   { QStringLiteral("diff"), d.diff } });
    }
    const QJsonArray commits { QJsonObject {
        { QStringLiteral("id"), QString(40, QLatin1Char('b')) },
        { QStringLiteral("short_id"), QStringLiteral("bbbbbbbb") },
        { QStringLiteral("title"), QStringLiteral("Update vendor/") },
        { QStringLiteral("author_name"), QStringLiteral("Dev One") },
        { QStringLiteral("committed_date"), QStringLiteral("2026-12-01T10:00:00Z") } } };
    return QJsonDocument(QJsonObject { { QStringLiteral("commits"), commits },
                                       { QStringLiteral("diffs"), diffs },
                                       { QStringLiteral("compare_timeout"), false },
                                       { QStringLiteral("compare_same_ref"), false } })
        .toJson(QJsonDocument::Compact);
}

// Lateness of a 2 ms timer on the UI thread: what a user feels as stalls.
class StallProbe
{
public:
    StallProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_lateness.push_back(std::max(0.0, double(now - m_last) / 1e6 - 2.0));
            m_last = now;
        });
        m_clock.start();
        m_last = m_clock.nsecsElapsed();
        m_timer.start(2);
    }
    double percentile(double p)
    {
        std::sort(m_lateness.begin(), m_lateness.end());
        return m_lateness.empty() ? 0 : m_lateness[size_t(double(m_lateness.size() - 1) * p)];
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    std::vector<double> m_lateness;
};

void benchReview()
{
    const Release release = largeRelease();
    const QByteArray json = compareJson(release);
    KSyntaxHighlighting::Repository syntax;
    ReviewPane pane(&syntax);
    pane.resize(1400, 900);
    pane.show();
    ReleaseRequest request;
    request.appId = QStringLiteral("shop");
    request.title = QStringLiteral("Update vendor/");
    request.iid = 1;
    request.projectId = 1;
    request.resolvedSha = QString(40, QLatin1Char('b'));
    pane.setRequest(request);
    pane.setLoading();
    QCoreApplication::processEvents();

    StallProbe probe;
    QElapsedTimer timer;
    timer.start();
    QFutureWatcher<ReviewResult> watcher;
    QEventLoop loop;
    qint64 scanned = 0;
    qint64 shown = 0;
    QObject::connect(&watcher, &QFutureWatcher<ReviewResult>::finished, &pane, [&] {
        scanned = timer.elapsed();
        pane.setResult(watcher.result());
        pane.repaint();
        shown = timer.elapsed();
        QTimer::singleShot(100, &loop, &QEventLoop::quit); // the probe sees what follows too
    });
    watcher.setFuture(QtConcurrent::run([&json] {
        return ReviewLoader::fromCompare(QStringLiteral("1"), QString(40, QLatin1Char('a')),
                                         QString(40, QLatin1Char('b')), json, ReviewLimits {}, nullptr);
    }));
    loop.exec();
    const ReviewResult &result = pane.result();
    print("review_large_input", double(release.sourceBytes) / 1e6, "MB");
    out() << "review_large_lines " << release.lines << " lines" << Qt::endl;
    out() << "review_large_parsed_and_scanned " << scanned << " ms" << Qt::endl;
    out() << "review_large_shown " << shown << " ms" << Qt::endl;
    // The longest stall: the pane filled and painted on the UI thread.
    out() << "review_large_show_on_ui_thread " << shown - scanned << " ms" << Qt::endl;
    print("review_large_ui_stall_p99", probe.percentile(0.99), "ms");
    print("review_large_ui_stall_max", probe.percentile(1.0), "ms");
    out() << "review_large_flags " << result.flags.size() << " flags" << Qt::endl;
    out() << "review_large_scanned " << result.scanned << " of " << result.scanTotal << " files" << Qt::endl;

    // Cancelled 200 ms into a scan of the same release: how long until it stops.
    std::atomic_bool cancelled(false);
    QElapsedTimer stop;
    auto future = QtConcurrent::run([&release, &cancelled] {
        RiskScanner scanner;
        scanner.setCancelFlag(&cancelled);
        return scanner.scan(release.diffs).size();
    });
    QThread::msleep(200);
    stop.start();
    cancelled.store(true);
    future.waitForFinished();
    print("review_large_cancel_stops_within", double(stop.nsecsElapsed()) / 1e6, "ms");
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchScanner(argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 500);
    benchReview();
    return 0;
}
