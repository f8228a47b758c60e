#include "app/commandline.h"

#include "app/singleinstance.h"
#include "views/shell/shell.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace Dockmaster::CommandLine {

void declare(QCommandLineParser &parser, bool withSandbox)
{
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Desktop console for the admins of the plugin hosting platform."));
    parser.addHelpOption();
    parser.addOption(
        { { QStringLiteral("v"), QStringLiteral("version") },
          QCoreApplication::translate("main", "Print the versions of Dockmaster and its libraries, then exit.") });
    parser.addOption(
        { QStringLiteral("check-profile"),
          QCoreApplication::translate("main",
                                      "Check the profile <name> (settings, token in the keychain) and its "
                                      "connection to GitLab without opening a window; exit code 0 if every check "
                                      "passes or only warns, 1 if one failed, 2 if the profile or token is missing."),
          QCoreApplication::translate("main", "name") });
    parser.addOption(
        { QStringLiteral("screenshot"),
          QCoreApplication::translate("main", "Save a picture of the window to <file> once started, then exit."),
          QCoreApplication::translate("main", "file") });
    parser.addOption({ QStringLiteral("profile"), QCoreApplication::translate("main", "Open the profile <name>."),
                       QCoreApplication::translate("main", "name") });
    parser.addOption(
        { QStringLiteral("offline"), QCoreApplication::translate("main", "Start offline, showing cached data only.") });
    parser.addOption({ QStringLiteral("lang"),
                       QCoreApplication::translate("main", "User interface language (en, zh_CN)."),
                       QCoreApplication::translate("main", "language") });
    parser.addOption(
        { QStringLiteral("verbose"),
          QCoreApplication::translate("main", "Print diagnostic messages of every subsystem (secrets left out).") });
    if (withSandbox) {
        parser.addOption(
            { QStringLiteral("sandbox"),
              QCoreApplication::translate("main", "Run against the embedded sandbox platform with demo data.") });
    }
    parser.addPositionalArgument(
        QStringLiteral("link"),
        QCoreApplication::translate(
            "main",
            "A GitLab link to an application's project or to a release request, or an application's ID or "
            "name: shown selected. Given to a running Dockmaster of the same profile, it is shown there."),
        QStringLiteral("[link...]"));
}

QStringList linksOf(const QStringList &arguments)
{
    QCommandLineParser parser;
    declare(parser, true);
    return parser.parse(arguments) ? parser.positionalArguments() : QStringList();
}

void showLinksOfLaterStarts(SingleInstance &instance, Shell &shell)
{
    QObject::connect(&instance, &SingleInstance::activated, &shell, [&shell](const QStringList &arguments) {
        if (const QStringList links = linksOf(arguments); !links.isEmpty())
            shell.openLinks(links);
    });
}

} // namespace Dockmaster::CommandLine
