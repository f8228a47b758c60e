#pragma once

#include <QStringList>

class QCommandLineParser;

namespace Dockmaster {
class Shell;
class SingleInstance;
} // namespace Dockmaster

namespace Dockmaster::CommandLine {

// Declares every option of `dockmaster` and its LINK arguments on `parser`
// (their help is translated: call once the translations are installed).
// `withSandbox`: the --sandbox option too (builds with the sandbox only).
void declare(QCommandLineParser &parser, bool withSandbox);

// The LINK arguments of a later start's command line, as SingleInstance
// hands it over (program name first). Empty when it does not parse.
QStringList linksOf(const QStringList &arguments);

// Every later start of the profile `instance` guards shows its LINKs in
// `shell`'s window (the window itself is raised by SingleInstance).
void showLinksOfLaterStarts(SingleInstance &instance, Shell &shell);

} // namespace Dockmaster::CommandLine
