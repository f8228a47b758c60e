#include "core/domain/platformvariables.h"
#include "core/render/configrenderer.h"
#include "core/render/configvalidation.h"
#include "core/render/configvalidator.h"
#include "tests/render/renderfixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <optional>
#include <yaml-cpp/yaml.h>

using namespace Dockmaster;

// The rendered files pass the real tools (nginx -t, php-fpm8.4 -t,
// docker-compose config, yaml-cpp's parser); broken files fail them with the
// right line; without the tools a structural check still finds the line.
class TestConfigValidators : public QObject
{
    Q_OBJECT

private:
    ConfigValidation::Tools m_tools;

    static QList<RenderedFile> renderCase(const QString &name)
    {
        const RenderInputResult checked = RenderInput::validate(
            name == QLatin1String("php-test") ? RenderFixtures::phpTest() : RenderFixtures::staticProduction());
        if (!checked.ok())
            return {};
        return ConfigRenderer::render(*checked.input).files;
    }

    static QByteArray fileOf(const QList<RenderedFile> &files, const QString &path)
    {
        for (const RenderedFile &file : files) {
            if (file.path == path)
                return file.content;
        }
        return {};
    }

    // The test's own reading of the YAML (yaml-cpp's tree, plain scalars
    // resolved as YAML 1.2's core schema does), to look at what was rendered.
    static QJsonValue toJson(const YAML::Node &node)
    {
        switch (node.Type()) {
        case YAML::NodeType::Map: {
            QJsonObject object;
            for (const auto &entry : node)
                object.insert(QString::fromStdString(entry.first.Scalar()), toJson(entry.second));
            return object;
        }
        case YAML::NodeType::Sequence: {
            QJsonArray array;
            for (const auto &item : node)
                array.append(toJson(item));
            return array;
        }
        case YAML::NodeType::Scalar: {
            const QString text = QString::fromStdString(node.Scalar());
            if (node.Tag() != "?") // quoted: always a string
                return text;
            if (text == QLatin1String("true") || text == QLatin1String("false"))
                return text == QLatin1String("true");
            bool isNumber = false;
            if (const qlonglong integer = text.toLongLong(&isNumber); isNumber)
                return integer;
            if (const double real = text.toDouble(&isNumber); isNumber)
                return real;
            return text;
        }
        case YAML::NodeType::Null:
        case YAML::NodeType::Undefined:
            break;
        }
        return QJsonValue::Null;
    }

    static QJsonObject yamlAsJson(const QByteArray &content)
    {
        try {
            return toJson(YAML::Load(content.toStdString())).toObject();
        } catch (const YAML::Exception &) {
            return {};
        }
    }

    static QString describe(const ValidationReport &report)
    {
        QStringList lines;
        for (const ValidationIssue &issue : report.issues)
            lines.append(QStringLiteral("%1:%2: %3").arg(report.file).arg(issue.line).arg(issue.message));
        return lines.join(QLatin1Char('\n'));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_tools = ConfigValidation::Tools::detect();
        // The build environment ships every validator (packaging/packages.txt);
        // a missing one is an environment bug, not a reason to skip.
        QVERIFY2(!m_tools.nginx.isEmpty(), "nginx not found");
        QVERIFY2(!m_tools.phpFpm.isEmpty(), "php-fpm not found");
        QVERIFY2(!m_tools.dockerCompose.isEmpty(), "docker-compose not found");
        QVERIFY2(!m_tools.openssl.isEmpty(), "openssl not found");
    }

    void renderedFilesPassRealValidators_data()
    {
        QTest::addColumn<QString>("caseName");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("checker");
        for (const char *name : { "php-test", "static-production" }) {
            const bool php = qstrcmp(name, "php-test") == 0;
            QTest::addRow("%s outer", name)
                << QString::fromLatin1(name) << QStringLiteral("conf/nginx-outer.conf") << QStringLiteral("nginx -t");
            QTest::addRow("%s fallback", name)
                << QString::fromLatin1(name) << QStringLiteral("conf/nginx-fallback.conf")
                << QStringLiteral("nginx -t");
            QTest::addRow("%s container site", name)
                << QString::fromLatin1(name) << QStringLiteral("conf/nginx-container.conf")
                << QStringLiteral("nginx -t");
            if (php)
                QTest::addRow("%s fallback pool", name)
                    << QString::fromLatin1(name) << QStringLiteral("conf/php-fpm-fallback.conf")
                    << QStringLiteral("php-fpm8.4 -t");
            QTest::addRow("%s container pool", name)
                << QString::fromLatin1(name) << QStringLiteral("conf/php-fpm-container.conf")
                << QStringLiteral("php-fpm8.4 -t");
            QTest::addRow("%s compose", name) << QString::fromLatin1(name) << QStringLiteral("conf/docker-compose.yaml")
                                              << QStringLiteral("docker-compose config");
            QTest::addRow("%s ci", name) << QString::fromLatin1(name) << QStringLiteral(".gitlab-ci.yml")
                                         << QStringLiteral("yaml");
        }
    }

    void renderedFilesPassRealValidators()
    {
        QFETCH(QString, caseName);
        QFETCH(QString, path);
        QFETCH(QString, checker);
        const QByteArray content = fileOf(renderCase(caseName), path);
        QVERIFY(!content.isEmpty());
        const ValidationReport report = ConfigValidation::run(path, content, ConfigFileKind::Auto, m_tools);
        QVERIFY(report.realTool);
        QCOMPARE(report.checker, checker);
        QVERIFY2(report.issues.isEmpty(), qPrintable(describe(report)));
    }

    void brokenFileFailsAtItsLine_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("needle");
        // Line numbers are those of the php-test golden files.
        QTest::newRow("nginx misspelt parameter") << QStringLiteral("conf/nginx-outer.conf") << QByteArray(" backup;")
                                                  << QByteArray(" bakup;") << 7 << QStringLiteral("bakup");
        QTest::newRow("nginx unknown directive")
            << QStringLiteral("conf/nginx-fallback.conf") << QByteArray("    server_tokens off;")
            << QByteArray("    server_tokens off;\n    frobnicate on;") << 8 << QStringLiteral("frobnicate");
        QTest::newRow("php-fpm bad pm") << QStringLiteral("conf/php-fpm-fallback.conf") << QByteArray("pm = ondemand")
                                        << QByteArray("pm = sometimes") << 12 << QStringLiteral("pm");
        QTest::newRow("compose bad port") << QStringLiteral("conf/docker-compose.yaml") << QByteArray(":21042:8080\"")
                                          << QByteArray(":21042:notaport\"") << 0 << QStringLiteral("notaport");
        QTest::newRow("compose host network")
            << QStringLiteral("conf/docker-compose.yaml") << QByteArray("    restart: unless-stopped")
            << QByteArray("    restart: unless-stopped\n    network_mode: host") << 10
            << QStringLiteral("host network");
        QTest::newRow("ci bad yaml") << QStringLiteral(".gitlab-ci.yml") << QByteArray("  stage: deploy")
                                     << QByteArray("  stage: deploy\n bad: [") << 20 << QString();
        QTest::newRow("ci host key not pinned")
            << QStringLiteral(".gitlab-ci.yml") << QByteArray("StrictHostKeyChecking=yes")
            << QByteArray("StrictHostKeyChecking=no") << 36 << QStringLiteral("StrictHostKeyChecking");
    }

    void brokenFileFailsAtItsLine()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(int, line);
        QFETCH(QString, needle);
        QByteArray content = fileOf(renderCase(QStringLiteral("php-test")), path);
        QVERIFY(content.contains(from));
        content.replace(from, to);
        const ValidationReport report = ConfigValidation::run(path, content, ConfigFileKind::Auto, m_tools);
        QVERIFY(report.realTool);
        QVERIFY2(!report.ok(), qPrintable(describe(report)));
        const QList<ValidationIssue> errors = report.errors();
        const bool found = std::any_of(errors.cbegin(), errors.cend(), [&](const ValidationIssue &issue) {
            return issue.line == line && issue.message.contains(needle);
        });
        QVERIFY2(found, qPrintable(describe(report)));
    }

    // nginx -t binds what it listens on; the host's ports (busy here, or
    // privileged for a desktop user) must not make a good file fail.
    void listenPortsInUseDoNotFailTheCheck()
    {
        QTcpServer busy;
        QVERIFY(busy.listen(QHostAddress::LocalHost, 0));
        const QByteArray site = "server {\n    listen 127.0.0.1:" + QByteArray::number(busy.serverPort())
            + ";\n    listen 80;\n    return 204;\n}\n";
        const ValidationReport report
            = ConfigValidation::run(QStringLiteral("nginx-outer.conf"), site, ConfigFileKind::Auto, m_tools);
        QVERIFY(report.realTool);
        QVERIFY2(report.issues.isEmpty(), qPrintable(describe(report)));
    }

    void malformedListenIsReportedAtItsLine()
    {
        const QByteArray site = "server {\n    return 204;\n    listen 127.0.0.1:99999;\n}\n";
        const ValidationReport report
            = ConfigValidation::run(QStringLiteral("nginx-outer.conf"), site, ConfigFileKind::Auto, m_tools);
        QVERIFY(!report.ok());
        QCOMPARE(report.errors().constFirst().line, 3);
    }

    void structuralChecksFindTheLine_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("line");
        QTest::newRow("nginx missing semicolon")
            << QStringLiteral("nginx-outer.conf") << QByteArray("server {\n    listen 80\n}\n") << 2;
        QTest::newRow("nginx unclosed brace")
            << QStringLiteral("nginx-outer.conf") << QByteArray("server {\n    location / {\n    }\n") << 1;
        QTest::newRow("nginx stray brace") << QStringLiteral("nginx-outer.conf") << QByteArray("a b;\n}\n") << 2;
        QTest::newRow("nginx unclosed quote")
            << QStringLiteral("nginx-outer.conf") << QByteArray("a b;\nreturn 200 \"x;\n}\n") << 2;
        QTest::newRow("ini garbage") << QStringLiteral("php-fpm-fallback.conf") << QByteArray("[a]\nuser = x\nbroken\n")
                                     << 3;
        QTest::newRow("ini before section")
            << QStringLiteral("php-fpm-fallback.conf") << QByteArray("; c\nuser = x\n[a]\n") << 2;
    }

    void structuralChecksFindTheLine()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, content);
        QFETCH(int, line);
        const ValidationReport report
            = ConfigValidation::run(path, content, ConfigFileKind::Auto, ConfigValidation::Tools());
        QVERIFY(!report.realTool);
        QCOMPARE(report.checker, QStringLiteral("structural"));
        QVERIFY(!report.ok());
        QCOMPARE(report.errors().constFirst().line, line);
    }

    void renderedFilesPassStructuralChecks()
    {
        for (const RenderedFile &file : renderCase(QStringLiteral("php-test"))) {
            const ValidationReport report
                = ConfigValidation::run(file.path, file.content, ConfigFileKind::Auto, ConfigValidation::Tools());
            QVERIFY2(report.ok(), qPrintable(describe(report)));
        }
    }

    void composeIsolation()
    {
        const QJsonObject compose
            = yamlAsJson(fileOf(renderCase(QStringLiteral("php-test")), QStringLiteral("conf/docker-compose.yaml")));
        QCOMPARE(compose.value(QStringLiteral("name")).toString(), QStringLiteral("app0000042-test"));
        const QJsonObject services = compose.value(QStringLiteral("services")).toObject();
        QCOMPARE(services.keys(), QStringList { QStringLiteral("web") });
        const QJsonObject web = services.value(QStringLiteral("web")).toObject();
        QCOMPARE(web.value(QStringLiteral("read_only")).toBool(), true);
        QCOMPARE(web.value(QStringLiteral("cap_drop")).toArray(), QJsonArray { QStringLiteral("ALL") });
        QVERIFY(web.value(QStringLiteral("security_opt")).toArray().contains(QStringLiteral("no-new-privileges:true")));
        QCOMPARE(web.value(QStringLiteral("pids_limit")).toInt(), 128);
        QCOMPARE(web.value(QStringLiteral("mem_limit")).toString(), QStringLiteral("256m"));
        QCOMPARE(web.value(QStringLiteral("cpus")).toDouble(), 0.5);
        QCOMPARE(web.value(QStringLiteral("ports")).toArray(), QJsonArray { QStringLiteral("192.0.2.10:21042:8080") });
        QVERIFY(!web.contains(QStringLiteral("network_mode")));
        QVERIFY(!web.contains(QStringLiteral("privileged")));
        const QStringList tmpfs = web.value(QStringLiteral("tmpfs")).toVariant().toStringList();
        QVERIFY(tmpfs.filter(QStringLiteral("/tmp:")).size() == 1 && tmpfs.filter(QStringLiteral("/run:")).size() == 1);
        // Every mount is read-only, and the only folder is the app's code.
        const QJsonArray volumes = web.value(QStringLiteral("volumes")).toArray();
        QCOMPARE(volumes.size(), 3);
        int folders = 0;
        for (const QJsonValue &volume : volumes) {
            const QJsonObject v = volume.toObject();
            QCOMPARE(v.value(QStringLiteral("read_only")).toBool(), true);
            QVERIFY(v.value(QStringLiteral("source"))
                        .toString()
                        .startsWith(QStringLiteral("/srv/plugins/app0000042/test/")));
            if (!v.value(QStringLiteral("source")).toString().endsWith(QStringLiteral(".conf"))) {
                ++folders;
                QCOMPARE(v.value(QStringLiteral("source")).toString(),
                         QStringLiteral("/srv/plugins/app0000042/test/codes"));
            }
        }
        QCOMPARE(folders, 1);
        // Names only: the values come at deploy time (the platform's first).
        QJsonArray environment;
        for (const QString &name : PlatformVariables::keyValueNames())
            environment.append(name);
        environment.append(QStringLiteral("PLATFORM_KV_TOKEN"));
        environment.append(QStringLiteral("PLATFORM_AUTH_TOKEN"));
        QCOMPARE(web.value(QStringLiteral("environment")).toArray(), environment);
    }

    void ciDeploysTheEnvironmentBranchSafely_data()
    {
        QTest::addColumn<QString>("caseName");
        QTest::addColumn<QString>("branch");
        QTest::addColumn<QString>("environment");
        QTest::addColumn<QString>("url");
        QTest::newRow("test") << QStringLiteral("php-test") << QStringLiteral("env/test") << QStringLiteral("test")
                              << QStringLiteral("https://app0000042.test.plugins.example.com");
        QTest::newRow("production") << QStringLiteral("static-production") << QStringLiteral("env/production")
                                    << QStringLiteral("production")
                                    << QStringLiteral("https://app0000043.plugins.example.com");
    }

    void ciDeploysTheEnvironmentBranchSafely()
    {
        QFETCH(QString, caseName);
        QFETCH(QString, branch);
        QFETCH(QString, environment);
        QFETCH(QString, url);
        const QByteArray text = fileOf(renderCase(caseName), QStringLiteral(".gitlab-ci.yml"));
        const QJsonObject ci = yamlAsJson(text);
        const QJsonObject deploy = ci.value(QStringLiteral("deploy")).toObject();
        QVERIFY(!deploy.isEmpty());
        const QJsonObject env = deploy.value(QStringLiteral("environment")).toObject();
        QCOMPARE(env.value(QStringLiteral("name")).toString(), environment);
        QCOMPARE(env.value(QStringLiteral("url")).toString(), url);
        const QJsonArray rules = deploy.value(QStringLiteral("rules")).toArray();
        QCOMPARE(rules.first().toObject().value(QStringLiteral("if")).toString(),
                 QStringLiteral("$CI_COMMIT_BRANCH == \"%1\"").arg(branch));
        QCOMPARE(rules.last().toObject().value(QStringLiteral("when")).toString(), QStringLiteral("never"));

        const QString all = QString::fromUtf8(text);
        QVERIFY(!all.contains(QStringLiteral("StrictHostKeyChecking no"), Qt::CaseInsensitive));
        QVERIFY(!all.contains(QStringLiteral("StrictHostKeyChecking=no"), Qt::CaseInsensitive));
        QVERIFY(all.contains(QStringLiteral("-o StrictHostKeyChecking=yes")));
        QVERIFY(all.contains(QStringLiteral("\"$DEPLOY_KNOWN_HOSTS\" > \"$HOME/.ssh/known_hosts\"")));
        QVERIFY(all.contains(QStringLiteral("rsync -rlt --delete --exclude=.git codes/")));
        QVERIFY(all.contains(QStringLiteral("docker compose -f docker-compose.yaml up -d")));
        // nginx -t guards the reload.
        const qsizetype test = all.indexOf(QStringLiteral("if sudo nginx -t; then"));
        const qsizetype reload = all.indexOf(QStringLiteral("sudo systemctl reload nginx"));
        QVERIFY(test > 0 && reload > test);
        // No secret is ever in the file, only the protected variable names.
        QVERIFY(!all.contains(QStringLiteral("PRIVATE KEY")));
    }

    void validatorServiceIsAsynchronous()
    {
        ConfigValidator validator;
        QObject context;
        std::optional<ValidationReport> first;
        std::optional<ValidationReport> second;
        const QByteArray broken = "server {\n    listen 127.0.0.1:8080;\n    bogus_directive 1;\n}\n";
        validator.validate(QStringLiteral("conf/nginx-outer.conf"), broken, ConfigFileKind::Auto, &context,
                           [&first](const ValidationReport &report) { first = report; });
        validator.validate(QStringLiteral("conf/docker-compose.yaml"),
                           fileOf(renderCase(QStringLiteral("php-test")), QStringLiteral("conf/docker-compose.yaml")),
                           ConfigFileKind::Auto, &context,
                           [&second](const ValidationReport &report) { second = report; });
        QCOMPARE(validator.pendingCount(), 2); // returned before any tool ran
        QVERIFY(!first && !second);
        QTRY_VERIFY_WITH_TIMEOUT(first && second, 20000);
        QCOMPARE(first->checker, QStringLiteral("nginx -t"));
        QCOMPARE(first->errors().size(), 1);
        QCOMPARE(first->errors().constFirst().line, 3);
        QVERIFY(first->errors().constFirst().message.contains(QStringLiteral("bogus_directive")));
        QVERIFY2(second->ok(), qPrintable(describe(*second)));
    }

    void validatorDropsTheAnswerForADeadContext()
    {
        ConfigValidator validator;
        auto context = std::make_unique<QObject>();
        bool answered = false;
        validator.validate(QStringLiteral("conf/docker-compose.yaml"),
                           fileOf(renderCase(QStringLiteral("php-test")), QStringLiteral("conf/docker-compose.yaml")),
                           ConfigFileKind::Auto, context.get(),
                           [&answered](const ValidationReport &) { answered = true; });
        context.reset();
        QTRY_COMPARE_WITH_TIMEOUT(validator.pendingCount(), 0, 20000);
        QVERIFY(!answered);
    }
};

QTEST_GUILESS_MAIN(TestConfigValidators)
#include "tst_configvalidators.moc"
