#pragma once

#include <QList>
#include <QPair>
#include <QString>

namespace Dockmaster {

// What this Dockmaster is made of, for `dockmaster --version`, the About box
// and bug reports: its own version and those of the libraries it runs with
// (Qt and libgit2 as loaded at run time, KF6 SyntaxHighlighting and QtKeychain
// as built against; neither has a run-time version call).
QList<QPair<QString, QString>> buildComponents();
// One "name version" line per component.
QString buildInfoText();

} // namespace Dockmaster
