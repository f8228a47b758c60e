#include "core/review/riskscanner.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

using namespace Dockmaster;

// bench_riskscanner [files]: scans a synthetic release of N new PHP files
// (about 200 lines each, a few risky) and prints `name value unit` lines.
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int files = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 500;
    const QString body
        = QStringLiteral("+/**\n+ * Helper with a comment mentioning eval() and system().\n+ */\n"
                         "+function f%1(array $a): string\n+{\n+    $s = \"value $a[0] and {$a[1]}\";\n"
                         "+    $q = $pdo->exec('UPDATE t SET a = 1');\n+    $t = <<<EOT\n+    exec(here)\n+    EOT;\n"
                         "+    return htmlspecialchars($s . $t);\n+}\n");
    QList<FileDiff> diffs;
    qsizetype bytes = 0;
    for (int i = 0; i < files; ++i) {
        QString diff = QStringLiteral("@@ -0,0 +1,200 @@\n+<?php\n");
        for (int k = 0; k < 16; ++k)
            diff += body.arg(k);
        if (i % 50 == 0)
            diff += QStringLiteral("+eval(base64_decode($x));\n");
        FileDiff d;
        d.newPath = d.oldPath = QStringLiteral("web/f%1.php").arg(i);
        d.newFile = true;
        d.diff = diff;
        bytes += diff.size();
        diffs.append(d);
    }
    QElapsedTimer timer;
    timer.start();
    const QList<RiskFlag> flags = RiskScanner().scan(diffs);
    const qint64 ms = std::max<qint64>(1, timer.elapsed());
    QTextStream out(stdout);
    out << "riskscanner_files " << files << " files\n";
    out << "riskscanner_input " << bytes / 1024 << " KiB\n";
    out << "riskscanner_time " << ms << " ms\n";
    out << "riskscanner_throughput " << (bytes / 1024) * 1000 / ms << " KiB/s\n";
    out << "riskscanner_flags " << flags.size() << " flags\n";
    return 0;
}
