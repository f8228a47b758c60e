// Dockmaster's entry point: parse the command line, install translations and
// hand over to the Shell, which builds everything else.
#include "core/git/gitlibrary.h"
#include "core/util/logging.h"
#include "views/shell/shell.h"
#include "views/shell/translations.h"
#ifdef DOCKMASTER_WITH_SANDBOX
#include "sandbox/platform/sandboxplatform.h"
#endif

#include <QApplication>
#include <QCommandLineParser>
#include <QLoggingCategory>

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

} // namespace

int main(int argc, char *argv[])
{
    // libgit2 stays initialised for the whole process, outliving every
    // workspace thread (its per-thread state is released at shutdown).
    Dockmaster::GitLibrary gitLibrary;
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Dockmaster"));
    QApplication::setApplicationName(QStringLiteral("Dockmaster"));
    QApplication::setApplicationVersion(QStringLiteral(DOCKMASTER_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("dockmaster"));
    Dockmaster::installTranslations(&app, languageFromArguments(QApplication::arguments()));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Desktop console for the admins of the plugin hosting platform."));
    parser.addHelpOption();
    parser.addVersionOption();
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

    Dockmaster::ShellOptions options;
    options.profileName = parser.value(profileOption);
    options.offline = parser.isSet(offlineOption);
#ifdef DOCKMASTER_WITH_SANDBOX
    options.sandbox = parser.isSet(sandboxOption);
    options.sandboxFactory = [] {
        return std::make_unique<Dockmaster::SandboxPlatform>();
    };
#endif
    Dockmaster::Shell shell(options);
    QObject::connect(&shell, &Dockmaster::Shell::quitRequested, &app, &QCoreApplication::exit, Qt::QueuedConnection);
    shell.start();
    return QApplication::exec();
}
