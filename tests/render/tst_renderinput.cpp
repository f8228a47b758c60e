#include "core/render/configrenderer.h"
#include "core/render/renderinput.h"
#include "tests/render/renderfixtures.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace Dockmaster;

Q_DECLARE_METATYPE(Dockmaster::RenderField)

// Anything a third party supplies is hostile: every field of the render input
// is fed a corpus of injection attempts; each must be refused with the field
// named, and no file may be written.
class TestRenderInput : public QObject
{
    Q_OBJECT

private:
    static QList<QPair<QByteArray, QString>> hostileCorpus()
    {
        const QChar nul(u'\0');
        return {
            { "nginx directive injection", QStringLiteral("x; include /etc/passwd;") },
            { "nginx injection no spaces", QStringLiteral("x;include/etc/passwd;") },
            { "closing brace", QStringLiteral("}") },
            { "block injection", QStringLiteral("a{return\t200;}") },
            { "newline", QStringLiteral("app0000042\nserver_tokens on;") },
            { "carriage return", QStringLiteral("a\rb") },
            { "dollar variable", QStringLiteral("$request_uri") },
            { "dollar brace", QStringLiteral("${HOME}") },
            { "double quote", QStringLiteral("a\"b") },
            { "single quote", QStringLiteral("a'b") },
            { "yaml mapping", QStringLiteral("a: b") },
            { "yaml flow", QStringLiteral("{a:1}") },
            { "yaml list", QStringLiteral("[x]") },
            { "yaml anchor", QStringLiteral("&x") },
            { "yaml alias", QStringLiteral("*x") },
            { "yaml tag", QStringLiteral("!!python/object:os.system") },
            { "yaml comment", QStringLiteral("x#y") },
            { "shell backtick", QStringLiteral("`id`") },
            { "shell substitution", QStringLiteral("$(id)") },
            { "shell pipe", QStringLiteral("a|b") },
            { "shell and", QStringLiteral("a&&b") },
            { "shell redirect", QStringLiteral("a>b") },
            { "path traversal", QStringLiteral("../../etc/passwd") },
            { "absolute traversal", QStringLiteral("/srv/plugins/../../etc") },
            { "nul byte", QStringLiteral("app000") + nul + QStringLiteral("0042") },
            { "cyrillic lookalike", QString::fromUtf8("\xd0\xb0pp0000042") },      // Cyrillic a
            { "cyrillic in path", QString::fromUtf8("/srv/plug\xd1\x96ns") },      // Ukrainian i
            { "fullwidth digits", QString::fromUtf8("\xef\xbc\x98\xef\xbc\x90") }, // fullwidth 80
            { "overlong", QString(5000, QLatin1Char('a')) },
            { "overlong path", QStringLiteral("/") + QString(300, QLatin1Char('a')) },
            { "backslash", QStringLiteral("a\\b") },
            { "space only", QStringLiteral(" ") },
        };
    }

    static bool refusedWithFieldNamed(const RenderInputResult &result, RenderField field)
    {
        for (const FieldError &error : result.errors) {
            if (error.field == field && error.message.startsWith(renderFieldLabel(field)))
                return true;
        }
        return false;
    }

private Q_SLOTS:
    void fixturesAreValid()
    {
        for (const AppEnvironmentSpec &spec : { RenderFixtures::phpTest(), RenderFixtures::staticProduction() }) {
            const RenderInputResult result = RenderInput::validate(spec);
            QVERIFY2(result.ok(), result.errors.isEmpty() ? "" : qPrintable(result.errors.constFirst().message));
        }
    }

    void hostileValueIsRefused_data()
    {
        QTest::addColumn<RenderField>("field");
        QTest::addColumn<QString>("value");
        const auto corpus = hostileCorpus();
        for (int f = 0; f < RenderFieldCount; ++f) {
            const auto field = static_cast<RenderField>(f);
            for (const auto &[name, value] : corpus)
                QTest::addRow("%s: %s", qPrintable(renderFieldKey(field)), name.constData()) << field << value;
        }
    }

    void hostileValueIsRefused()
    {
        QFETCH(RenderField, field);
        QFETCH(QString, value);
        AppEnvironmentSpec spec = RenderFixtures::phpTest();
        spec.setValue(field, value);

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const ConfigRenderer::WriteResult written = ConfigRenderer::renderToDirectory(spec, dir.path());
        QVERIFY(!written.ok());
        QVERIFY(written.written.isEmpty());
        QVERIFY(QDir(dir.path()).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden));

        const RenderInputResult result = RenderInput::validate(spec);
        QVERIFY(!result.ok());
        QVERIFY2(refusedWithFieldNamed(result, field), qPrintable(renderFieldKey(field)));
        // Only the poisoned field is blamed (the rest of the fixture is fine),
        // except where a cross-field rule legitimately follows from it.
        for (const FieldError &error : result.errors)
            QVERIFY2(error.field == field || (field == RenderField::AppId && error.field == RenderField::Domain),
                     qPrintable(error.message));
    }

    void badNumberIsRefused_data()
    {
        QTest::addColumn<RenderField>("field");
        QTest::addColumn<QString>("value");
        const QList<QPair<const char *, QString>> numbers {
            { "zero", QStringLiteral("0") },
            { "negative", QStringLiteral("-1") },
            { "too big", QStringLiteral("65536") },
            { "huge", QStringLiteral("99999999999") },
            { "leading zero", QStringLiteral("08080") },
            { "plus sign", QStringLiteral("+8080") },
            { "trailing space", QStringLiteral("8080 ") },
            { "hex", QStringLiteral("0x1f90") },
            { "exponent", QStringLiteral("8e3") },
            { "arabic digits", QString::fromUtf8("\xd9\xa8\xd9\xa0\xd9\xa8\xd9\xa0") },
            { "decimal", QStringLiteral("8080.0") },
            { "injection", QStringLiteral("8080;") },
            { "empty", QString() },
        };
        for (RenderField field :
             { RenderField::ContainerPort, RenderField::FallbackPort, RenderField::HttpPort, RenderField::HttpsPort }) {
            for (const auto &[name, value] : numbers)
                QTest::addRow("%s: %s", qPrintable(renderFieldKey(field)), name) << field << value;
        }
        QTest::newRow("containerPort: privileged") << RenderField::ContainerPort << QStringLiteral("1023");
        QTest::newRow("fallbackPort: privileged") << RenderField::FallbackPort << QStringLiteral("80");
        QTest::newRow("fallbackPort: same as container") << RenderField::FallbackPort << QStringLiteral("21042");
        QTest::newRow("httpsPort: same as http") << RenderField::HttpsPort << QStringLiteral("80");
        QTest::newRow("pidsLimit: unlimited") << RenderField::PidsLimit << QStringLiteral("0");
        QTest::newRow("memoryLimitMb: tiny") << RenderField::MemoryLimitMb << QStringLiteral("4");
        QTest::newRow("readTimeoutSeconds: too long") << RenderField::ReadTimeoutSeconds << QStringLiteral("3600");
    }

    void badNumberIsRefused()
    {
        QFETCH(RenderField, field);
        QFETCH(QString, value);
        AppEnvironmentSpec spec = RenderFixtures::phpTest();
        spec.setValue(field, value);
        const RenderInputResult result = RenderInput::validate(spec);
        QVERIFY(!result.ok());
        QVERIFY(refusedWithFieldNamed(result, field));
    }

    void semanticRules_data()
    {
        QTest::addColumn<RenderField>("field");
        QTest::addColumn<QString>("value");
        QTest::newRow("app id with 6 digits") << RenderField::AppId << QStringLiteral("app000042");
        QTest::newRow("app id upper case") << RenderField::AppId << QStringLiteral("APP0000042");
        QTest::newRow("unknown environment") << RenderField::Environment << QStringLiteral("staging");
        QTest::newRow("unknown fallback mode") << RenderField::FallbackMode << QStringLiteral("php");
        QTest::newRow("domain of another app") << RenderField::Domain << QStringLiteral("app0000001.example.com");
        QTest::newRow("domain single label") << RenderField::Domain << QStringLiteral("app0000042");
        QTest::newRow("host address any") << RenderField::HostAddress << QStringLiteral("0.0.0.0");
        QTest::newRow("host address octet") << RenderField::HostAddress << QStringLiteral("192.0.2.256");
        QTest::newRow("host address leading zero") << RenderField::HostAddress << QStringLiteral("192.0.2.010");
        QTest::newRow("host name upper") << RenderField::HostName << QStringLiteral("Docker.example.net");
        QTest::newRow("relative path") << RenderField::DeployBaseDir << QStringLiteral("srv/plugins");
        QTest::newRow("trailing slash") << RenderField::DeployBaseDir << QStringLiteral("/srv/plugins/");
        QTest::newRow("dot segment") << RenderField::LogDir << QStringLiteral("/var/./log");
        QTest::newRow("long runtime dir")
            << RenderField::RuntimeDir << QStringLiteral("/") + QString(61, QLatin1Char('r'));
        QTest::newRow("root user") << RenderField::DeployUser << QStringLiteral("Root");
        QTest::newRow("env name lower") << RenderField::ExtraEnvNames << QStringLiteral("token");
        QTest::newRow("env name twice") << RenderField::ExtraEnvNames << QStringLiteral("A,A");
        QTest::newRow("env name empty item") << RenderField::ExtraEnvNames << QStringLiteral("A,,B");
        QTest::newRow("image upper") << RenderField::Image << QStringLiteral("Registry/Image");
        QTest::newRow("image option") << RenderField::Image << QStringLiteral("--privileged");
    }

    void semanticRules()
    {
        QFETCH(RenderField, field);
        QFETCH(QString, value);
        AppEnvironmentSpec spec = RenderFixtures::phpTest();
        spec.setValue(field, value);
        const RenderInputResult result = RenderInput::validate(spec);
        QVERIFY(!result.ok());
        QVERIFY(refusedWithFieldNamed(result, field));
    }

    void everyErrorIsReportedAtOnce()
    {
        AppEnvironmentSpec spec;
        const RenderInputResult result = RenderInput::validate(spec);
        QVERIFY(!result.ok());
        // Every required field is named; the optional ones are not: the env
        // list and the four of identity at the edge.
        QCOMPARE(result.errors.size(), RenderFieldCount - 5);
    }

    void emptyEnvListIsFine()
    {
        AppEnvironmentSpec spec = RenderFixtures::phpTest();
        spec.setValue(RenderField::ExtraEnvNames, QString());
        QVERIFY(RenderInput::validate(spec).ok());
    }

    void fieldKeysRoundTrip()
    {
        for (int f = 0; f < RenderFieldCount; ++f) {
            const auto field = static_cast<RenderField>(f);
            QCOMPARE(renderFieldFromKey(renderFieldKey(field)), std::optional<RenderField>(field));
            QVERIFY(!renderFieldLabel(field).isEmpty());
        }
        QVERIFY(!renderFieldFromKey(QStringLiteral("nope")).has_value());
    }
};

QTEST_GUILESS_MAIN(TestRenderInput)
#include "tst_renderinput.moc"
