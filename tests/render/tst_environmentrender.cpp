// The drift check renders from the cache's view of an app: its allocation
// (ports, domain) and its host (name, address).
#include "core/render/configrenderer.h"
#include "core/render/environmentrender.h"

#include <QTest>

using namespace Dockmaster;

class TestEnvironmentRender : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rendersTheAllocationIntoTheFiles()
    {
        const AppRecord app = sampleApp();
        const HostRecord host { QStringLiteral("dock-prod-2"), QStringLiteral("10.0.1.6"), QStringLiteral("production"),
                                QStringLiteral("unix:///run/docker.sock") };
        const AppEnvironmentSpec spec
            = EnvironmentRender::specFor(app, Environment::Production, host, FallbackMode::HardenedPhp);
        const auto outer = EnvironmentRender::renderFile(spec, QStringLiteral("conf/nginx-outer.conf"));
        QVERIFY2(outer.ok, qPrintable(outer.error));
        QVERIFY(outer.content.contains("server 10.0.1.6:21042"));
        QVERIFY(outer.content.contains("127.0.0.1:22042 backup"));
        QVERIFY(outer.content.contains("app0000042.plugins.example.com"));
        const auto compose = EnvironmentRender::renderFile(spec, QStringLiteral("conf/docker-compose.yaml"));
        QVERIFY(compose.ok && compose.content.contains("name: app0000042-production"));

        // A file the templates do not make has no drift to speak of.
        const auto readme = EnvironmentRender::renderFile(spec, QStringLiteral("README.md"));
        QVERIFY(!readme.ok && readme.error.contains(QStringLiteral("README.md")));
    }

    void refusesWhatTheInventoryGotWrong()
    {
        AppRecord app = sampleApp();
        app.environments[0].domain = QStringLiteral("app0000042.plugins.example.com; include /etc/passwd");
        const HostRecord host { QStringLiteral("dock-prod-2"), QStringLiteral("10.0.1.6"), {}, {} };
        const auto result = EnvironmentRender::renderFile(
            EnvironmentRender::specFor(app, Environment::Production, host, FallbackMode::HardenedPhp),
            QStringLiteral("conf/nginx-outer.conf"));
        QVERIFY(!result.ok);
        QVERIFY(result.content.isEmpty());
        QVERIFY(!result.error.isEmpty());
    }

    void fallbackModeFollowsTheCommittedFiles()
    {
        QCOMPARE(EnvironmentRender::fallbackModeOf(ConfigRenderer::filePaths(FallbackMode::StaticMaintenance)),
                 FallbackMode::StaticMaintenance);
        QCOMPARE(EnvironmentRender::fallbackModeOf(ConfigRenderer::filePaths(FallbackMode::HardenedPhp)),
                 FallbackMode::HardenedPhp);
        QCOMPARE(EnvironmentRender::fallbackModeOf({}), FallbackMode::HardenedPhp);
    }

private:
    static AppRecord sampleApp()
    {
        AppRecord app;
        app.id = QStringLiteral("app0000042");
        EnvironmentState production;
        production.environment = Environment::Production;
        production.host = QStringLiteral("dock-prod-2");
        production.domain = QStringLiteral("app0000042.plugins.example.com");
        production.containerPort = 21042;
        production.fallbackPort = 22042;
        app.environments = { production };
        return app;
    }
};

QTEST_GUILESS_MAIN(TestEnvironmentRender)
#include "tst_environmentrender.moc"
