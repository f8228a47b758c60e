#include "core/render/templateengine.h"

#include <QTest>

using namespace Dockmaster;

class TestTemplateEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void substitutesInline()
    {
        const auto result = TemplateEngine::render(QStringLiteral("listen {{addr}}:{{port}};\n"),
                                                   { { QStringLiteral("addr"), QStringLiteral("127.0.0.1") },
                                                     { QStringLiteral("port"), QStringLiteral("8080") } });
        QVERIFY(result.ok());
        QCOMPARE(result.text, QStringLiteral("listen 127.0.0.1:8080;\n"));
    }

    void unknownPlaceholderIsAnError()
    {
        const auto result = TemplateEngine::render(QStringLiteral("a\nserver {{hots}};\n"),
                                                   { { QStringLiteral("host"), QStringLiteral("x") } });
        QVERIFY(!result.ok());
        QVERIFY(result.error.contains(QStringLiteral("line 2")));
        QVERIFY(result.error.contains(QStringLiteral("{{hots}}")));
        QVERIFY(result.text.isEmpty());
    }

    void malformedPlaceholderIsAnError_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("unclosed") << QStringLiteral("x {{name");
        QTest::newRow("upper case") << QStringLiteral("x {{Name}}");
        QTest::newRow("spaces") << QStringLiteral("x {{ name }}");
        QTest::newRow("stray close") << QStringLiteral("x name}}");
    }

    void malformedPlaceholderIsAnError()
    {
        QFETCH(QString, text);
        QVERIFY(!TemplateEngine::render(text, { { QStringLiteral("name"), QStringLiteral("v") } }).ok());
    }

    // Values are data: a value that looks like a placeholder stays literal.
    void valuesAreNotExpandedAgain()
    {
        const auto result = TemplateEngine::render(
            QStringLiteral("{{a}} {{b}}"),
            { { QStringLiteral("a"), QStringLiteral("{{b}}") }, { QStringLiteral("b"), QStringLiteral("x") } });
        QVERIFY(result.ok());
        QCOMPARE(result.text, QStringLiteral("{{b}} x"));
    }

    void blockPlaceholderIndentsAndDropsEmptyLines()
    {
        const QString text = QStringLiteral("a:\n  {{block}}\nb: 1\n  {{empty}}\nc: 2");
        const auto result = TemplateEngine::render(
            text,
            { { QStringLiteral("block"), QStringLiteral("x: 1\ny:\n  - z") }, { QStringLiteral("empty"), QString() } });
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.text, QStringLiteral("a:\n  x: 1\n  y:\n    - z\nb: 1\nc: 2"));
    }

    void multiLineValueInsideALineIsAnError()
    {
        QVERIFY(
            !TemplateEngine::render(QStringLiteral("x {{v}} y"), { { QStringLiteral("v"), QStringLiteral("1\n2") } })
                 .ok());
    }
};

QTEST_GUILESS_MAIN(TestTemplateEngine)
#include "tst_templateengine.moc"
