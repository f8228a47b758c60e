// Dockmaster's entry point: parse the command line, install translations and
// hand over to the Shell, which builds everything else.
#include "app/commandline.h"
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

#ifdef DOCKMASTER_WITH_SANDBOX
constexpr bool WithSandbox = true;
#else
constexpr bool WithSandbox = false;
#endif

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
    Dockmaster::CommandLine::declare(parser, WithSandbox);
    parser.process(app);
    // QT_LOGGING_RULES still wins over this, so one category can be picked or muted.
    if (parser.isSet(QStringLiteral("verbose")))
        QLoggingCategory::setFilterRules(QString::fromLatin1(Dockmaster::Logging::VerboseRules));
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("%s\n", qPrintable(Dockmaster::buildInfoText()));
        return 0;
    }
    if (parser.isSet(QStringLiteral("check-profile")))
        return Dockmaster::runProfileCheck(parser.value(QStringLiteral("check-profile")));

    Dockmaster::ShellOptions options;
    options.profileName = parser.value(QStringLiteral("profile"));
    options.offline = parser.isSet(QStringLiteral("offline"));
    options.links = parser.positionalArguments();
#ifdef DOCKMASTER_WITH_SANDBOX
    options.sandbox = parser.isSet(QStringLiteral("sandbox"));
    options.sandboxFactory = [] {
        return std::make_unique<Dockmaster::SandboxPlatform>();
    };
#endif
    // One window per profile: a second start raises the first (the sandbox
    // and pictures for the documentation run beside anything).
    Dockmaster::SingleInstance instance(options.profileName);
    if (!options.sandbox && !parser.isSet(QStringLiteral("screenshot"))) {
        if (instance.forwardToRunning(QApplication::arguments()))
            return 0;
        instance.listen();
    }
    Dockmaster::Shell shell(options);
    instance.raiseOnActivation(shell.mainWindow());
    Dockmaster::CommandLine::showLinksOfLaterStarts(instance, shell);
    QObject::connect(&shell, &Dockmaster::Shell::quitRequested, &app, &QCoreApplication::exit, Qt::QueuedConnection);
    shell.start();
    if (parser.isSet(QStringLiteral("screenshot")))
        Dockmaster::saveWindowPictureAndQuit(shell.mainWindow(), parser.value(QStringLiteral("screenshot")));
    return QApplication::exec();
}
