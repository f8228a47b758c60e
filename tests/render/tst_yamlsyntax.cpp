#include "core/editor/validatorcheck.h"
#include "core/render/configvalidation.h"
#include "core/render/yamlsyntax.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Dockmaster;

// The YAML check is yaml-cpp in-process: no python3 at run time. Errors carry
// the line and column; hostile input (alias bombs, deep nesting) is refused or
// passed in bounded time instead of exhausting memory or the stack.
class TestYamlSyntax : public QObject
{
    Q_OBJECT

private:
    // Generous: a busy CI core under ASan; the unbounded versions take minutes
    // or crash.
    static constexpr qint64 boundedMs = 10000;

    static QByteArray billionLaughs()
    {
        QByteArray text = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
        for (int level = 1; level <= 9; ++level) {
            const QByteArray previous = "*l" + QByteArray::number(level - 1);
            QByteArrayList items;
            for (int i = 0; i < 10; ++i)
                items.append(previous);
            text += 'l' + QByteArray::number(level) + ": &l" + QByteArray::number(level) + " [" + items.join(", ")
                + "]\n";
        }
        return text;
    }

private Q_SLOTS:
    void validYamlHasNoError_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("mapping") << QByteArray("stages: [build, deploy]\ndeploy:\n  script:\n    - echo hi\n");
        QTest::newRow("two documents") << QByteArray("a: 1\n---\nb: [x, y]\n");
        QTest::newRow("anchors and merge")
            << QByteArray(".base: &base\n  image: alpine\njob:\n  <<: *base\n  script: [true]\n");
        QTest::newRow("utf-8") << QByteArray("name: \"d\xc3\xa9p\xc3\xb4t\"\n");
    }

    void validYamlHasNoError()
    {
        QFETCH(QByteArray, content);
        const std::optional<YamlSyntaxError> error = YamlSyntax::firstError(content);
        QVERIFY2(!error, error ? qPrintable(error->message) : "");
    }

    void invalidYamlNamesLineAndColumn_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("needle");
        QTest::newRow("unclosed flow sequence") << QByteArray("a: [1, 2\nb: 3\n") << 2 << 2 << QStringLiteral("flow");
        QTest::newRow("tab indentation") << QByteArray("a:\n\tb: 1\n") << 2 << 3 << QStringLiteral("tabs");
        QTest::newRow("undefined alias") << QByteArray("a: 1\nb: *missing\n") << 2 << 4 << QStringLiteral("missing");
        QTest::newRow("mapping under a scalar") << QByteArray("a: b\n  c: d\n") << 2 << 4 << QStringLiteral("map");
        QTest::newRow("unterminated quote") << QByteArray("ok: 1\nkey: \"open") << 2 << 11 << QStringLiteral("EOF");
        // yaml-cpp 0.8 alone loops forever on these, handing out empty
        // documents without consuming the token (found by the fuzzer).
        QTest::newRow("stray comma") << QByteArray(",") << 1 << 1 << QStringLiteral("\",\"");
        QTest::newRow("stray comma after a document")
            << QByteArray("a: 1\n---\n  , b\n") << 3 << 3 << QStringLiteral("\",\"");
        QTest::newRow("stray closing bracket") << QByteArray("]\n") << 1 << 1 << QStringLiteral("flow end");
    }

    void invalidYamlNamesLineAndColumn()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, needle);
        const std::optional<YamlSyntaxError> error = YamlSyntax::firstError(content);
        QVERIFY(error);
        QCOMPARE(error->line, line);
        QCOMPARE(error->column, column);
        QVERIFY2(error->message.contains(needle), qPrintable(error->message));
    }

    // The validator and the editor see the same position, with no tool
    // installed at all (nothing is looked up on PATH for YAML).
    void positionReachesTheValidatorAndTheEditor()
    {
        const QByteArray broken = "stages: [build]\ndeploy:\n  environment: test\n  script: [echo\n  stage: deploy\n";
        const ValidationReport report = ConfigValidation::run(QStringLiteral(".gitlab-ci.yml"), broken,
                                                              ConfigFileKind::Auto, ConfigValidation::Tools());
        QVERIFY(report.realTool);
        QCOMPARE(report.checker, QStringLiteral("yaml"));
        QCOMPARE(report.errors().size(), 1);
        const ValidationIssue issue = report.errors().constFirst();
        const std::optional<YamlSyntaxError> expected = YamlSyntax::firstError(broken);
        QVERIFY(expected && expected->line > 0 && expected->column > 0);
        QCOMPARE(issue.line, expected->line);
        QCOMPARE(issue.column, expected->column);
        QVERIFY2(issue.message.contains(QStringLiteral("column %1").arg(expected->column)), qPrintable(issue.message));

        const QList<ValidationIssue> editorIssues
            = ValidatorConfigCheck(ConfigValidation::Tools())
                  .check(QStringLiteral(".gitlab-ci.yml"), QString::fromUtf8(broken));
        QCOMPARE(editorIssues.size(), 1);
        QCOMPARE(editorIssues.constFirst().line, expected->line);
        QCOMPARE(editorIssues.constFirst().column, expected->column);
    }

    // Aliases are events, never expanded: 10^9 "lol"s cost ten lines' worth.
    void billionLaughsIsBounded()
    {
        QElapsedTimer timer;
        timer.start();
        const std::optional<YamlSyntaxError> error = YamlSyntax::firstError(billionLaughs());
        QVERIFY2(!error, error ? qPrintable(error->message) : "");
        QVERIFY2(timer.elapsed() < boundedMs, qPrintable(QString::number(timer.elapsed())));
    }

    void deepNestingIsRefused_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        // 100,000 open brackets: a recursive parser without a limit overflows
        // its stack long before the end. (No column: in a run of '[' yaml-cpp's
        // marks lag behind the bracket it is on.)
        QTest::newRow("flow") << QByteArray(100000, '[') << 1 << 0;
        QByteArray block;
        for (int depth = 0; depth < 1000; ++depth)
            block += QByteArray(depth * 2, ' ') + "k:\n";
        // The mapping that would be level maxDepth + 1 starts on that line.
        QTest::newRow("block") << block << YamlSyntax::maxDepth + 1 << YamlSyntax::maxDepth * 2 + 1;
    }

    void deepNestingIsRefused()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, line);
        QFETCH(int, column);
        QElapsedTimer timer;
        timer.start();
        const std::optional<YamlSyntaxError> error = YamlSyntax::firstError(content);
        QVERIFY(timer.elapsed() < boundedMs);
        QVERIFY(error);
        QVERIFY2(error->message.contains(QString::number(YamlSyntax::maxDepth)), qPrintable(error->message));
        QCOMPARE(error->line, line);
        if (column > 0)
            QCOMPARE(error->column, column);
        else
            QVERIFY(error->column > 0);
    }

    // Nesting up to the limit is still fine.
    void nestingAtTheLimitIsAccepted()
    {
        const QByteArray content = QByteArray(YamlSyntax::maxDepth, '[') + QByteArray(YamlSyntax::maxDepth, ']') + '\n';
        QVERIFY(!YamlSyntax::firstError(content));
    }
};

QTEST_GUILESS_MAIN(TestYamlSyntax)
#include "tst_yamlsyntax.moc"
