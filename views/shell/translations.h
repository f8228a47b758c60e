#pragma once

#include <QString>

class QCoreApplication;

namespace Dockmaster {

// Installs Dockmaster's and Qt's own catalogs for `language` ("zh_CN", "en";
// empty = the system locale). Returns the language actually used.
QString installTranslations(QCoreApplication *application, const QString &language);

} // namespace Dockmaster
