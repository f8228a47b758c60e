// Dockmaster's entry point: parse the command line, install translations and
// hand over to the Shell, which builds everything else.
#include "app/profilecheck.h"
#include "app/singleinstance.h"
#include "app/windowpicture.h"
#include "core/git/gitlibrary.h"
#include "core/util/logging.h"
#include "views/buildinfo.h"
#include "views/mainwindow.h"
#include "views/shell/shell.h"
#include "views/shell/translations.h"
#ifdef DOCKMASTER_WITH_SANDBOX
#include "sandbox/platform/sandboxplatform.h"
#endif

#include <QApplication>
#include <QCommandLineParser>
#include <QLoggingCategory>

#include <cstdio>
#include <string_view>

namespace {

// --lang must be known before any translated text exists, including the
// command line help itself, so it is read ahead of the real parser.
QString languageFromArguments(const QStringList &arguments)
{
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument.startsWith(QLatin1String("--lang=")))
            return argument.mid(7);
        if (argument == QLatin1String("--lang") && i + 1 < arguments.size())
            return arguments.at(i + 1);
    }
    return QString::fromLocal8Bit(qgetenv("DOCKMASTER_LANG"));
}

// Options that only print and end need no display: they run on the
// offscreen platform, so they work over ssh and on a server too.
bool printsOnly(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const std::string_view argument(argv[i]);
        if (argument == "--version" || argument == "-v" || argument == "--help" || argument == "-h"
            || argument == "--help-all" || argument.starts_with("--check-profile"))
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    // libgit2 stays initialised for the whole process, outliving every
    // workspace thread (its per-thread state is released at shutdown).
    Dockmaster::GitLibrary gitLibrary;
    if (printsOnly(argc, argv) && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Dockmaster"));
    QApplication::setApplicationName(QStringLiteral("Dockmaster"));
    QApplication::setApplicationVersion(QStringLiteral(DOCKMASTER_VERSION));
    QApplication::setDesktopFileName(QStringLiteral(DOCKMASTER_APP_ID)); // the Wayland app id
    Dockmaster::installTranslations(&app, languageFromArguments(QApplication::arguments()));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Desktop console for the admins of the plugin hosting platform."));
    parser.addHelpOption();
    const QCommandLineOption versionOption(
        { QStringLiteral("v"), QStringLiteral("version") },
        QCoreApplication::translate("main", "Print the versions of Dockmaster and its libraries, then exit."));
    const QCommandLineOption checkProfileOption(
        QStringLiteral("check-profile"),
        QCoreApplication::translate("main",
                                    "Check the profile <name> (settings, token in the keychain) and its "
                                    "connection to GitLab without opening a window; exit code 0 if every check "
                                    "passes or only warns, 1 if one failed, 2 if the profile or token is missing."),
        QCoreApplication::translate("main", "name"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QCoreApplication::translate("main", "Save a picture of the window to <file> once started, then exit."),
        QCoreApplication::translate("main", "file"));
    parser.addOptions({ versionOption, checkProfileOption, screenshotOption });
    const QCommandLineOption profileOption(QStringLiteral("profile"),
                                           QCoreApplication::translate("main", "Open the profile <name>."),
                                           QCoreApplication::translate("main", "name"));
    const QCommandLineOption offlineOption(
        QStringLiteral("offline"), QCoreApplication::translate("main", "Start offline, showing cached data only."));
    const QCommandLineOption langOption(QStringLiteral("lang"),
                                        QCoreApplication::translate("main", "User interface language (en, zh_CN)."),
                                        QCoreApplication::translate("main", "language"));
    const QCommandLineOption verboseOption(
        QStringLiteral("verbose"),
        QCoreApplication::translate("main", "Print diagnostic messages of every subsystem (secrets left out)."));
    const QCommandLineOption sandboxOption(
        QStringLiteral("sandbox"),
        QCoreApplication::translate("main", "Run against the embedded sandbox platform with demo data."));
    parser.addOptions({ profileOption, offlineOption, langOption, verboseOption });
#ifdef DOCKMASTER_WITH_SANDBOX
    parser.addOption(sandboxOption);
#endif
    parser.process(app);
    // QT_LOGGING_RULES still wins over this, so one category can be picked or muted.
    if (parser.isSet(verboseOption))
        QLoggingCategory::setFilterRules(QString::fromLatin1(Dockmaster::Logging::VerboseRules));
    if (parser.isSet(versionOption)) {
        std::printf("%s\n", qPrintable(Dockmaster::buildInfoText()));
        return 0;
    }
    if (parser.isSet(checkProfileOption))
        return Dockmaster::runProfileCheck(parser.value(checkProfileOption));

    Dockmaster::ShellOptions options;
    options.profileName = parser.value(profileOption);
    options.offline = parser.isSet(offlineOption);
#ifdef DOCKMASTER_WITH_SANDBOX
    options.sandbox = parser.isSet(sandboxOption);
    options.sandboxFactory = [] {
        return std::make_unique<Dockmaster::SandboxPlatform>();
    };
#endif
    // One window per profile: a second start raises the first (the sandbox
    // and pictures for the documentation run beside anything).
    Dockmaster::SingleInstance instance(options.profileName);
    if (!options.sandbox && !parser.isSet(screenshotOption)) {
        if (instance.forwardToRunning(QApplication::arguments()))
            return 0;
        instance.listen();
    }
    Dockmaster::Shell shell(options);
    instance.raiseOnActivation(shell.mainWindow());
    QObject::connect(&shell, &Dockmaster::Shell::quitRequested, &app, &QCoreApplication::exit, Qt::QueuedConnection);
    shell.start();
    if (parser.isSet(screenshotOption))
        Dockmaster::saveWindowPictureAndQuit(shell.mainWindow(), parser.value(screenshotOption));
    return QApplication::exec();
}
