#include "core/render/configrenderer.h"
#include "tests/render/renderfixtures.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <yaml-cpp/yaml.h>

using namespace Dockmaster;

// The rendered deploy job (.gitlab-ci.yml), run for real by bash as GitLab's
// runner would, with the host's commands replaced by small programs that
// record what they were asked: how the app's platform variables (CI/CD
// variables PLATFORM_KV_*) reach the container and the host-local fallback,
// and that they never travel on a command line. The fallback pool the job
// installs is checked by the real php-fpm.
class TestDeployJob : public QObject
{
    Q_OBJECT

    struct JobRun {
        int exitCode = -1;
        QByteArray output;
        QByteArray commands;             // every command line the stand-ins saw
        QByteArray containerEnvironment; // what `docker compose up` ran with
        QByteArray fallbackPool;
        QFileDevice::Permissions fallbackPoolPermissions;
        QByteArray fpmCheck; // php-fpm -tt of the installed pools
    };

    const QByteArray m_password = QByteArray(64, 'a').replace(10, 6, "0f9e31");

    static bool writeExecutable(const QString &path, const QByteArray &text)
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size())
            return false;
        file.close();
        return QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }

    static QByteArray readAll(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    // The host side: ssh runs the remote command here, rsync copies into the
    // scratch folders, sudo runs what it is given (minus the owner of new
    // folders: the app's user does not exist here), and the services are
    // only recorded, except `php-fpm8.4 -t`, which checks the pools for real.
    static bool writeStandIns(const QString &bin, const QString &fpmPoolDir)
    {
        const QByteArray log = "printf '%s\\n' \"$(basename \"$0\") $*\" >> \"$JOB_SCRATCH/commands.log\"\n";
        return writeExecutable(bin + QStringLiteral("/ssh"), "#!/bin/bash\n" + log + "shift\nexec \"$@\"\n")
            && writeExecutable(bin + QStringLiteral("/rsync"),
                               "#!/bin/bash\n" + log
                                   + "args=(\"$@\"); last=$((${#args[@]} - 1)); args[$last]=${args[$last]#*:}\n"
                                     "mkdir -p \"${args[$last]}\"\nexec /usr/bin/rsync \"${args[@]}\"\n")
            && writeExecutable(bin + QStringLiteral("/git"),
                               "#!/bin/bash\n" + log + "echo 1234567890abcdef1234567890abcdef12345678\n")
            && writeExecutable(
                   bin + QStringLiteral("/docker"),
                   "#!/bin/bash\n" + log
                       + "env | grep -E '^(PLATFORM_|DOCKMASTER_)' | sort > \"$JOB_SCRATCH/container.env\"\n")
            && writeExecutable(
                   bin + QStringLiteral("/sudo"),
                   "#!/bin/bash\n" + log
                       + "case \"$1\" in\n"
                         "  nginx|systemctl|useradd) exit 0 ;;\n"
                         "  php-fpm8.4)\n"
                         "    mkdir -p \"$JOB_SCRATCH/fpm\"\n"
                         "    for f in \""
                       + fpmPoolDir.toUtf8()
                       + "\"/*.conf; do\n"
                         "      sed -E 's/^(user|group) = .*/\\1 = nobody/; s/^group = nobody/group = "
                         "nogroup/; s/^listen\\.(owner|group) = .*//' \"$f\" > \"$JOB_SCRATCH/fpm/$(basename "
                         "\"$f\")\"\n"
                         "    done\n"
                         "    printf '[global]\\nerror_log = %s/fpm.err\\ninclude = %s/fpm/*.conf\\n' "
                         "\"$JOB_SCRATCH\" \"$JOB_SCRATCH\" > \"$JOB_SCRATCH/php-fpm.conf\"\n"
                         "    exec php-fpm8.4 -tt -y \"$JOB_SCRATCH/php-fpm.conf\" > "
                         "\"$JOB_SCRATCH/fpm-check.log\" 2>&1 ;;\n"
                         "  install)\n"
                         "    args=(); while [ $# -gt 0 ]; do case \"$1\" in -o|-g) shift 2 ;; *) "
                         "args+=(\"$1\"); shift ;; esac; done\n"
                         "    exec \"${args[@]}\" ;;\n"
                         "esac\n"
                         "exec \"$@\"\n");
    }

    JobRun runJob(const QProcessEnvironment &platformVariables)
    {
        JobRun run;
        QTemporaryDir scratch;
        if (!scratch.isValid())
            return run;
        const QString repo = scratch.filePath(QStringLiteral("repo"));
        const QString host = scratch.filePath(QStringLiteral("host"));
        const QString bin = scratch.filePath(QStringLiteral("bin"));
        for (const QString &dir : QStringList { repo + QStringLiteral("/codes/web"), host + QStringLiteral("/sites"),
                                                host + QStringLiteral("/pools"), bin })
            QDir().mkpath(dir);

        AppEnvironmentSpec spec = RenderFixtures::phpTest();
        spec.setValue(RenderField::DeployBaseDir, host + QStringLiteral("/srv"));
        spec.setValue(RenderField::RuntimeDir, host + QStringLiteral("/run"));
        spec.setValue(RenderField::LogDir, host + QStringLiteral("/log"));
        spec.setValue(RenderField::NginxSitesDir, host + QStringLiteral("/sites"));
        spec.setValue(RenderField::FpmPoolDir, host + QStringLiteral("/pools"));
        const ConfigRenderer::WriteResult written = ConfigRenderer::renderToDirectory(spec, repo);
        if (!written.ok()) {
            run.output = written.error.toUtf8();
            for (const FieldError &error : written.fieldErrors)
                run.output += ' ' + error.message.toUtf8();
            return run;
        }
        QFile index(repo + QStringLiteral("/codes/web/index.php"));
        if (!index.open(QIODevice::WriteOnly) || !writeStandIns(bin, host + QStringLiteral("/pools")))
            return run;
        index.close();

        // The job's own variables and script, as the runner reads them.
        const YAML::Node job = YAML::LoadFile(QString(repo + QStringLiteral("/.gitlab-ci.yml")).toStdString());
        QProcessEnvironment environment = platformVariables;
        environment.insert(QStringLiteral("PATH"), bin + QStringLiteral(":/usr/sbin:/usr/bin:/sbin:/bin"));
        environment.insert(QStringLiteral("HOME"), scratch.path());
        environment.insert(QStringLiteral("JOB_SCRATCH"), scratch.path());
        environment.insert(QStringLiteral("CI_COMMIT_SHA"), QStringLiteral("fedcba0987654321fedcba0987654321fedcba09"));
        environment.insert(QStringLiteral("RSYNC_RSH"), bin + QStringLiteral("/ssh"));
        for (const auto &variable : job["variables"])
            environment.insert(QString::fromStdString(variable.first.as<std::string>()),
                               QString::fromStdString(variable.second.as<std::string>()));
        QStringList script;
        for (const auto &line : job["deploy"]["script"])
            script.append(QString::fromStdString(line.as<std::string>()));

        QProcess bash;
        bash.setProcessEnvironment(environment);
        bash.setWorkingDirectory(repo);
        bash.setProcessChannelMode(QProcess::MergedChannels);
        bash.start(QStringLiteral("bash"),
                   { QStringLiteral("-eo"), QStringLiteral("pipefail"), QStringLiteral("-c"),
                     script.join(QLatin1Char('\n')) });
        if (!bash.waitForFinished(60000)) {
            bash.kill();
            bash.waitForFinished();
        }
        run.exitCode = bash.exitStatus() == QProcess::NormalExit ? bash.exitCode() : -1;
        run.output = bash.readAll();
        run.commands = readAll(scratch.filePath(QStringLiteral("commands.log")));
        run.containerEnvironment = readAll(scratch.filePath(QStringLiteral("container.env")));
        const QString pool = host + QStringLiteral("/pools/app0000042-test-fallback.conf");
        run.fallbackPool = readAll(pool);
        run.fallbackPoolPermissions = QFileInfo(pool).permissions();
        run.fpmCheck = readAll(scratch.filePath(QStringLiteral("fpm-check.log")));
        return run;
    }

    QProcessEnvironment fullVariables() const
    {
        QProcessEnvironment variables;
        variables.insert(QStringLiteral("PLATFORM_KV_HOST"), QStringLiteral("kv-1.internal.example.net"));
        variables.insert(QStringLiteral("PLATFORM_KV_PORT"), QStringLiteral("6380"));
        variables.insert(QStringLiteral("PLATFORM_KV_USER"), QStringLiteral("app0000042"));
        variables.insert(QStringLiteral("PLATFORM_KV_PASSWORD"), QString::fromLatin1(m_password));
        variables.insert(QStringLiteral("PLATFORM_KV_PREFIX"), QStringLiteral("{app0000042}:"));
        return variables;
    }

private Q_SLOTS:
    void initTestCase()
    {
        for (const char *program : { "bash", "rsync", "php-fpm8.4", "sed" })
            QVERIFY2(!QStandardPaths::findExecutable(QString::fromLatin1(program)).isEmpty(), program);
    }

    void platformVariablesReachTheContainerAndTheFallback()
    {
        const JobRun run = runJob(fullVariables());
        QVERIFY2(run.exitCode == 0, run.output.constData());

        // `docker compose up` runs with each variable, exactly as set.
        const QList<QByteArray> container = run.containerEnvironment.split('\n');
        QVERIFY2(container.contains("PLATFORM_KV_HOST=kv-1.internal.example.net"),
                 run.containerEnvironment.constData());
        QVERIFY2(container.contains("PLATFORM_KV_PORT=6380"), run.containerEnvironment.constData());
        QVERIFY2(container.contains("PLATFORM_KV_USER=app0000042"), run.containerEnvironment.constData());
        QVERIFY2(container.contains(QByteArray(QByteArray("PLATFORM_KV_PASSWORD=") + m_password)),
                 run.containerEnvironment.constData());
        QVERIFY2(container.contains("PLATFORM_KV_PREFIX={app0000042}:"), run.containerEnvironment.constData());
        QVERIFY2(container.contains("DOCKMASTER_CODE_SHA=1234567890abcdef1234567890abcdef12345678"),
                 run.containerEnvironment.constData());
        QVERIFY2(!run.containerEnvironment.contains("PLATFORM_KV_SEEDS"), run.containerEnvironment.constData());

        // The password is never an argument of a command (ps on the host, the
        // job log), nor printed.
        QVERIFY2(run.commands.contains("docker compose"), run.commands.constData());
        QVERIFY2(!run.commands.contains(m_password), run.commands.constData());
        QVERIFY2(!run.output.contains(m_password), run.output.constData());

        // The host-local fallback pool has them too, in a file only root reads,
        // and php-fpm reads them as they are.
        QCOMPARE(run.fallbackPoolPermissions,
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser);
        QVERIFY2(run.fpmCheck.contains("test is successful"), run.fpmCheck.constData());
        QVERIFY2(run.fpmCheck.contains(QByteArray(QByteArray("env[PLATFORM_KV_PASSWORD] = ") + m_password)),
                 run.fpmCheck.constData());
        QVERIFY2(run.fpmCheck.contains("env[PLATFORM_KV_PREFIX] = {app0000042}:"), run.fpmCheck.constData());
        QVERIFY2(run.fpmCheck.contains("env[PLATFORM_KV_HOST] = kv-1.internal.example.net"), run.fpmCheck.constData());
        QVERIFY2(!run.fpmCheck.contains("PLATFORM_KV_SEEDS"), run.fpmCheck.constData());
    }

    void clusterSeedsAreOneVariable()
    {
        QProcessEnvironment variables = fullVariables();
        variables.remove(QStringLiteral("PLATFORM_KV_HOST"));
        variables.remove(QStringLiteral("PLATFORM_KV_PORT"));
        variables.insert(QStringLiteral("PLATFORM_KV_SEEDS"), QStringLiteral("10.0.0.1:7000,[2001:db8::5]:7001"));
        const JobRun run = runJob(variables);
        QVERIFY2(run.exitCode == 0, run.output.constData());
        QVERIFY2(run.containerEnvironment.split('\n').contains("PLATFORM_KV_SEEDS=10.0.0.1:7000,[2001:db8::5]:7001"),
                 run.containerEnvironment.constData());
        QVERIFY2(run.fpmCheck.contains("env[PLATFORM_KV_SEEDS] = 10.0.0.1:7000,[2001:db8::5]:7001"),
                 run.fpmCheck.constData());
    }

    // An app set up before the platform had a key/value store.
    void appWithoutPlatformVariablesDeploysWithoutThem()
    {
        const JobRun run = runJob(QProcessEnvironment());
        QVERIFY2(run.exitCode == 0, run.output.constData());
        QVERIFY2(run.commands.contains("docker compose"), run.commands.constData());
        QVERIFY2(!run.containerEnvironment.contains("PLATFORM_"), run.containerEnvironment.constData());
        QVERIFY2(run.fpmCheck.contains("test is successful"), run.fpmCheck.constData());
        QVERIFY2(!run.fallbackPool.contains("PLATFORM_"), run.fallbackPool.constData());
    }

    // Someone with access to the project's CI/CD settings puts shell or INI
    // syntax into a variable: the deploy stops before touching the host, and
    // says which variable.
    void valueThatIsNotPlainStopsTheDeploy_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::newRow("command substitution") << "PLATFORM_KV_PASSWORD" << "$(touch /tmp/dm-deployjob-owned)";
        QTest::newRow("backquotes") << "PLATFORM_KV_HOST" << "`touch /tmp/dm-deployjob-owned`";
        QTest::newRow("quote") << "PLATFORM_KV_PREFIX" << "{app}:'; touch /tmp/dm-deployjob-owned; '";
        QTest::newRow("newline") << "PLATFORM_KV_USER" << "app\ntouch /tmp/dm-deployjob-owned";
        QTest::newRow("ini section") << "PLATFORM_KV_PREFIX" << "x\"\n[www]\nuser = root";
        QTest::newRow("space") << "PLATFORM_KV_HOST" << "kv 1";
        QTest::newRow("semicolon") << "PLATFORM_KV_PORT" << "6379;id";
        QTest::newRow("ini variable") << "PLATFORM_KV_PASSWORD" << "${HOME}";
    }

    void valueThatIsNotPlainStopsTheDeploy()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        QFile::remove(QStringLiteral("/tmp/dm-deployjob-owned"));
        QProcessEnvironment variables = fullVariables();
        variables.insert(name, value);
        const JobRun run = runJob(variables);
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.output.contains(QByteArray(name.toUtf8() + " holds a character the deploy does not pass on")),
                 run.output.constData());
        QVERIFY2(!run.commands.contains("ssh "), run.commands.constData());
        QVERIFY(run.containerEnvironment.isEmpty());
        QVERIFY(!QFile::exists(QStringLiteral("/tmp/dm-deployjob-owned")));
    }
};

QTEST_GUILESS_MAIN(TestDeployJob)
#include "tst_deployjob.moc"
