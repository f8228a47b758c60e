#include "views/shell/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace Dockmaster {

QString installTranslations(QCoreApplication *application, const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QLocale::setDefault(locale);
    // Translators are children of the application: they live as long as it does.
    auto *qtCatalog = new QTranslator(application);
    if (qtCatalog->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                        QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtCatalog);
    auto *ownCatalog = new QTranslator(application);
    if (ownCatalog->load(locale, QStringLiteral("dockmaster"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(ownCatalog);
        return ownCatalog->language();
    }
    return QStringLiteral("en");
}

} // namespace Dockmaster
