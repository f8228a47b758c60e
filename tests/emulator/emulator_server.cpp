// Runs a seeded emulator until killed, for trying clients by hand:
//   emulator_server [--apps N] [--bulk] [--step-ms MS] [DATA_DIR]
#include "sandbox/emulator/gitlabemulator.h"
#include "sandbox/emulator/sandboxseeder.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTemporaryDir>
#include <QTextStream>

using namespace Dockmaster;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("data-dir"),
                                 QStringLiteral("Where the bare repositories go (default: a new temporary folder)."));
    const QCommandLineOption apps(QStringLiteral("apps"), QStringLiteral("Number of apps to seed."),
                                  QStringLiteral("N"), QStringLiteral("20"));
    const QCommandLineOption bulk(QStringLiteral("bulk"), QStringLiteral("Seed without git history per app."));
    const QCommandLineOption step(QStringLiteral("step-ms"), QStringLiteral("Pipeline step duration."),
                                  QStringLiteral("MS"), QStringLiteral("1000"));
    parser.addOptions({ apps, bulk, step });
    parser.process(app);

    QTemporaryDir temporary;
    temporary.setAutoRemove(false);
    const QString dataDir = parser.positionalArguments().value(0, temporary.path());
    GitLabEmulator gitlab(dataDir);
    SandboxSeedOptions options;
    options.appCount = parser.value(apps).toInt();
    options.bulk = parser.isSet(bulk);
    const SandboxSeedResult seed = SandboxSeeder(gitlab).seed(options);
    gitlab.setPipelineStepMs(parser.value(step).toInt());
    if (!gitlab.start())
        return 1;
    QTextStream out(stdout);
    out << "url " << gitlab.baseUrl().toString() << "\n"
        << "data " << dataDir << "\n"
        << "admin-token " << seed.adminToken << "\n"
        << "developer-token " << seed.developers.first().token << "\n"
        << "apps " << seed.appIds.size() << "\n";
    out.flush();
    return app.exec();
}
