#pragma once

#include <QString>

class QPalette;

namespace KSyntaxHighlighting {
class Definition;
class Repository;
class SyntaxHighlighter;
class Theme;
} // namespace KSyntaxHighlighting

namespace Dockmaster::SyntaxSupport {

// The definition for a file of an app's management repository: nginx, YAML,
// INI (php-fpm pools), PHP or shell by name, else whatever the repository
// knows for the file name.
KSyntaxHighlighting::Definition definitionForPath(const KSyntaxHighlighting::Repository &repository,
                                                  const QString &path);

// The default light or dark theme, whichever matches the palette's base colour.
KSyntaxHighlighting::Theme themeForPalette(const KSyntaxHighlighting::Repository &repository, const QPalette &palette);

// Theme first, then definition: the other order highlights with an empty
// theme and paints every character transparent.
void apply(KSyntaxHighlighting::SyntaxHighlighter *highlighter, const KSyntaxHighlighting::Theme &theme,
           const KSyntaxHighlighting::Definition &definition);

} // namespace Dockmaster::SyntaxSupport
