#include "views/buildinfo.h"

#include <QCoreApplication>
#include <QStringList>

#include <git2.h>

namespace Dockmaster {

QList<QPair<QString, QString>> buildComponents()
{
    int major = 0;
    int minor = 0;
    int revision = 0;
    git_libgit2_version(&major, &minor, &revision);
    return {
        { QStringLiteral("Dockmaster"), QCoreApplication::applicationVersion() },
        { QStringLiteral("Qt"), QString::fromLatin1(qVersion()) },
        { QStringLiteral("KF6 SyntaxHighlighting"), QStringLiteral(DOCKMASTER_KF6_SYNTAX_VERSION) },
        { QStringLiteral("libgit2"), QStringLiteral("%1.%2.%3").arg(major).arg(minor).arg(revision) },
        { QStringLiteral("QtKeychain"), QStringLiteral(DOCKMASTER_QTKEYCHAIN_VERSION) },
    };
}

QString buildInfoText()
{
    QStringList lines;
    for (const auto &[name, version] : buildComponents())
        lines.append(QString(name + QLatin1Char(' ') + version));
    return lines.join(QLatin1Char('\n'));
}

} // namespace Dockmaster
