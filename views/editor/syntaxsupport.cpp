#include "views/editor/syntaxsupport.h"

#include "core/editor/configcheck.h"

#include <QFileInfo>
#include <QPalette>

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

namespace Dockmaster::SyntaxSupport {

KSyntaxHighlighting::Definition definitionForPath(const KSyntaxHighlighting::Repository &repository,
                                                  const QString &path)
{
    QString name;
    switch (configKindForPath(path)) {
    case ConfigKind::Nginx:
        name = QStringLiteral("nginx Configuration");
        break;
    case ConfigKind::Yaml:
        name = QStringLiteral("YAML");
        break;
    case ConfigKind::PhpFpmPool:
        name = QStringLiteral("INI Files");
        break;
    case ConfigKind::Php:
        name = QStringLiteral("PHP/PHP");
        break;
    case ConfigKind::Shell:
        name = QStringLiteral("Bash");
        break;
    case ConfigKind::Other:
        break;
    }
    const KSyntaxHighlighting::Definition byName = repository.definitionForName(name);
    if (byName.isValid()) {
        return byName;
    }
    return repository.definitionForFileName(QFileInfo(path).fileName());
}

KSyntaxHighlighting::Theme themeForPalette(const KSyntaxHighlighting::Repository &repository, const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    return repository.defaultTheme(dark ? KSyntaxHighlighting::Repository::DarkTheme
                                        : KSyntaxHighlighting::Repository::LightTheme);
}

void apply(KSyntaxHighlighting::SyntaxHighlighter *highlighter, const KSyntaxHighlighting::Theme &theme,
           const KSyntaxHighlighting::Definition &definition)
{
    highlighter->setTheme(theme);
    highlighter->setDefinition(definition);
    highlighter->rehighlight(); // setDefinition skips it when the definition did not change
}

} // namespace Dockmaster::SyntaxSupport
