#include "core/render/configrenderer.h"
#include "tests/render/renderfixtures.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Dockmaster;

// Golden files: what each template renders for two fixed inputs. To accept an
// intended template change, run once with DOCKMASTER_UPDATE_GOLDEN=1 and review
// the diff of tests/data/render/ before committing (see its README.md).
class TestConfigRenderer : public QObject
{
    Q_OBJECT

private:
    static AppEnvironmentSpec specFor(const QString &name)
    {
        return name == QLatin1String("php-test") ? RenderFixtures::phpTest() : RenderFixtures::staticProduction();
    }

private Q_SLOTS:
    void golden_data()
    {
        QTest::addColumn<QString>("caseName");
        QTest::addColumn<QString>("file");
        const QStringList cases { QStringLiteral("php-test"), QStringLiteral("static-production") };
        for (const QString &name : cases) {
            const FallbackMode mode
                = name == QLatin1String("php-test") ? FallbackMode::HardenedPhp : FallbackMode::StaticMaintenance;
            const QStringList paths = ConfigRenderer::filePaths(mode);
            for (const QString &path : paths)
                QTest::addRow("%s/%s", qPrintable(name), qPrintable(path)) << name << path;
        }
    }

    void golden()
    {
        QFETCH(QString, caseName);
        QFETCH(QString, file);
        const RenderInputResult checked = RenderInput::validate(specFor(caseName));
        QVERIFY(checked.ok());
        const ConfigRenderer::Result rendered = ConfigRenderer::render(*checked.input);
        QVERIFY2(rendered.ok(), qPrintable(rendered.error));
        const auto it = std::find_if(rendered.files.cbegin(), rendered.files.cend(),
                                     [&file](const RenderedFile &f) { return f.path == file; });
        QVERIFY(it != rendered.files.cend());

        const QString relative = QStringLiteral("tests/data/render/") + caseName + QLatin1Char('/') + file;
        if (qEnvironmentVariableIsSet("DOCKMASTER_UPDATE_GOLDEN")) {
            const QString target = QStringLiteral(DOCKMASTER_SOURCE_DIR "/") + relative;
            QDir().mkpath(QFileInfo(target).absolutePath());
            QFile out(target);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(it->content);
            qInfo("updated %s", qPrintable(relative));
        }
        const QString golden = QFINDTESTDATA(QStringLiteral("../data/render/") + caseName + QLatin1Char('/') + file);
        QVERIFY2(!golden.isEmpty(), qPrintable(QStringLiteral("missing golden file ") + relative));
        QFile expected(golden);
        QVERIFY(expected.open(QIODevice::ReadOnly));
        const QByteArray expectedContent = expected.readAll();
        if (expectedContent != it->content) {
            // Name the first differing line so a failure is readable.
            const QList<QByteArray> want = expectedContent.split('\n');
            const QList<QByteArray> got = it->content.split('\n');
            for (qsizetype i = 0; i < std::max(want.size(), got.size()); ++i) {
                const QByteArray w = want.value(i), g = got.value(i);
                if (w != g)
                    QFAIL(qPrintable(QStringLiteral("%1 line %2:\n  golden:   %3\n  rendered: %4")
                                         .arg(relative)
                                         .arg(i + 1)
                                         .arg(QString::fromUtf8(w), QString::fromUtf8(g))));
            }
        }
    }

    // A golden folder holds exactly the files the renderer produces.
    void goldenFoldersHaveNoStrayFiles()
    {
        const QStringList cases { QStringLiteral("php-test"), QStringLiteral("static-production") };
        for (const QString &name : cases) {
            const QString dir = QFINDTESTDATA(QStringLiteral("../data/render/") + name);
            QVERIFY(!dir.isEmpty());
            QStringList found;
            QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
            while (it.hasNext())
                found.append(QDir(dir).relativeFilePath(it.next()));
            found.sort();
            QStringList expected = ConfigRenderer::filePaths(
                name == QLatin1String("php-test") ? FallbackMode::HardenedPhp : FallbackMode::StaticMaintenance);
            expected.sort();
            QCOMPARE(found, expected);
        }
    }

    void writesEveryFileOfTheBranch()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const ConfigRenderer::WriteResult result
            = ConfigRenderer::renderToDirectory(RenderFixtures::phpTest(), dir.path());
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.written, ConfigRenderer::filePaths(FallbackMode::HardenedPhp));
        for (const QString &path : std::as_const(result.written))
            QVERIFY2(QFileInfo(dir.filePath(path)).size() > 0, qPrintable(path));
    }

    void outerSiteHasTheFailoverUpstream()
    {
        const RenderInputResult checked = RenderInput::validate(RenderFixtures::phpTest());
        QVERIFY(checked.ok());
        const ConfigRenderer::Result rendered = ConfigRenderer::render(*checked.input);
        const QByteArray outer = rendered.files.at(0).content;
        QVERIFY(outer.contains("server 192.0.2.10:21042 max_fails=1 fail_timeout=10s;"));
        QVERIFY(outer.contains("server 127.0.0.1:20042 backup;"));
        QVERIFY(outer.contains("proxy_next_upstream error timeout http_502 http_503 http_504;"));
        QVERIFY(outer.contains("proxy_set_header X-Real-IP $remote_addr;"));
        QVERIFY(outer.contains("server_tokens off;"));
        QVERIFY(outer.contains("ssl_certificate /etc/ssl/dockmaster/app0000042-test.crt;"));
        QVERIFY(!outer.contains("{{"));
    }

    void fallbackPoolIsLockedDown()
    {
        const RenderInputResult checked = RenderInput::validate(RenderFixtures::phpTest());
        const ConfigRenderer::Result rendered = ConfigRenderer::render(*checked.input);
        const QByteArray pool = rendered.files.at(2).content;
        QCOMPARE(rendered.files.at(2).path, QStringLiteral("conf/php-fpm-fallback.conf"));
        QVERIFY(pool.contains("\nuser = app0000042\n"));
        QVERIFY(pool.contains("php_admin_value[open_basedir] = /srv/plugins/app0000042/test/codes/:"
                              "/srv/plugins/app0000042/test/tmp/\n"));
        for (const char *function :
             { "exec,", "passthru,", "shell_exec,", "system,", "proc_open,", "popen,", "pcntl_exec," })
            QVERIFY2(pool.contains(QByteArray(QByteArray("disable_functions] = ") + function))
                         || pool.contains(QByteArray(QByteArray(",") + function)),
                     function);
        QVERIFY(pool.contains("php_admin_flag[allow_url_include] = off"));
        QVERIFY(pool.contains("php_admin_flag[expose_php] = off"));
    }
};

QTEST_GUILESS_MAIN(TestConfigRenderer)
#include "tst_configrenderer.moc"
