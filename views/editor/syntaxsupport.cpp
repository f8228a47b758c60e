#include "views/editor/syntaxsupport.h"

#include "core/domain/configfile.h"

#include <QFileInfo>
#include <QPalette>

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <utility>

namespace Dockmaster::SyntaxSupport {

KSyntaxHighlighting::Definition definitionForPath(const KSyntaxHighlighting::Repository &repository,
                                                  const QString &path)
{
    // KSyntaxHighlighting's names for the kinds it knows; the others go by file name.
    static constexpr std::pair<ConfigFileKind, const char *> definitionNames[] = {
        { ConfigFileKind::NginxSite, "nginx Configuration" },
        { ConfigFileKind::PhpFpmPool, "INI Files" },
        { ConfigFileKind::Compose, "YAML" },
        { ConfigFileKind::GitlabCi, "YAML" },
        { ConfigFileKind::Yaml, "YAML" },
        { ConfigFileKind::Php, "PHP/PHP" },
        { ConfigFileKind::Shell, "Bash" },
    };
    const ConfigFileKind kind = configFileKindForPath(path);
    QString name;
    for (const auto &[known, definition] : definitionNames) {
        if (known == kind)
            name = QString::fromLatin1(definition);
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
