#include "core/editor/configcheck.h"

#include <QTest>

using namespace Dockmaster;

class TestConfigCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void kindFromPath_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("kind");
        QTest::newRow("nginx site") << QStringLiteral("nginx/site.conf") << int(ConfigFileKind::NginxSite);
        QTest::newRow("rendered outer") << QStringLiteral("conf/nginx-outer.conf") << int(ConfigFileKind::NginxSite);
        QTest::newRow("fpm pool") << QStringLiteral("conf/php-fpm-container.conf") << int(ConfigFileKind::PhpFpmPool);
        QTest::newRow("pool folder") << QStringLiteral("pool.d/app1.conf") << int(ConfigFileKind::PhpFpmPool);
        QTest::newRow("compose") << QStringLiteral("conf/docker-compose.yaml") << int(ConfigFileKind::Compose);
        QTest::newRow("other compose") << QStringLiteral("deploy/app-compose.yml") << int(ConfigFileKind::Compose);
        QTest::newRow("ci") << QStringLiteral(".gitlab-ci.yml") << int(ConfigFileKind::GitlabCi);
        QTest::newRow("other yaml") << QStringLiteral("conf/settings.yaml") << int(ConfigFileKind::Yaml);
        QTest::newRow("php") << QStringLiteral("www/index.php") << int(ConfigFileKind::Php);
        QTest::newRow("shell") << QStringLiteral("deploy.sh") << int(ConfigFileKind::Shell);
        QTest::newRow("html") << QStringLiteral("conf/maintenance/index.html") << int(ConfigFileKind::Other);
    }

    void kindFromPath()
    {
        QFETCH(QString, path);
        QFETCH(int, kind);
        QCOMPARE(int(configFileKindForPath(path)), kind);
    }

    void findsProblemsAtTheirLine_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<int>>("lines");
        const QString site = QStringLiteral("nginx/site.conf");
        QTest::newRow("nginx ok") << site << QStringLiteral("server {\n  listen 80;\n  location / { return 200; }\n}\n")
                                  << QList<int> {};
        QTest::newRow("nginx missing ; before }")
            << site << QStringLiteral("server {\n  listen 80\n}\n") << QList<int> { 2 };
        QTest::newRow("nginx missing ; before block")
            << site << QStringLiteral("server {\n  server_name a\n  location / {\n  }\n}\n") << QList<int> { 2 };
        QTest::newRow("nginx unclosed block") << site << QStringLiteral("server {\n  listen 80;\n") << QList<int> { 1 };
        QTest::newRow("nginx stray }") << site << QStringLiteral("listen 80;\n}\n") << QList<int> { 2 };
        QTest::newRow("nginx braces in quotes and comments")
            << site << QStringLiteral("server {\n  return 200 \"{ not a block\"; # }\n}\n") << QList<int> {};
        QTest::newRow("nginx unterminated quote")
            << site << QStringLiteral("server {\n  return 200 \"oops;\n}\n") << QList<int> { 2 };
        QTest::newRow("yaml tab") << QStringLiteral("docker-compose.yaml")
                                  << QStringLiteral("services:\n\tapp:\n    image: x\n") << QList<int> { 2 };
        QTest::newRow("yaml ok") << QStringLiteral("docker-compose.yaml")
                                 << QStringLiteral("services:\n  app:\n    image: x\n") << QList<int> {};
        QTest::newRow("ini ok") << QStringLiteral("php-fpm/pool.conf")
                                << QStringLiteral("; pool\n[app1]\nlisten = 127.0.0.1:9000\n") << QList<int> {};
        QTest::newRow("ini bad line") << QStringLiteral("php-fpm/pool.conf")
                                      << QStringLiteral("[app1]\nlisten 127.0.0.1:9000\n") << QList<int> { 2 };
        QTest::newRow("ini open section")
            << QStringLiteral("php-fpm/pool.conf") << QStringLiteral("[app1\npm = static\n") << QList<int> { 1 };
        QTest::newRow("conflict markers in any file")
            << QStringLiteral("deploy.sh") << QStringLiteral("echo\n<<<<<<< mine\na\n=======\nb\n>>>>>>> upstream\n")
            << QList<int> { 2, 4, 6 };
    }

    void findsProblemsAtTheirLine()
    {
        QFETCH(QString, path);
        QFETCH(QString, text);
        QFETCH(QList<int>, lines);
        QList<int> found;
        const QList<ValidationIssue> issues = StructuralConfigCheck().check(path, text);
        for (const ValidationIssue &issue : issues) {
            QVERIFY(!issue.message.isEmpty());
            found.append(issue.line);
        }
        QCOMPARE(found, lines);
    }
};

QTEST_GUILESS_MAIN(TestConfigCheck)
#include "tst_configcheck.moc"
