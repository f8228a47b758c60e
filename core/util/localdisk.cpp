#include "core/util/localdisk.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sys/statvfs.h>
#include <unistd.h>

namespace Dockmaster::LocalDisk {
namespace {

struct Words {
    Q_DECLARE_TR_FUNCTIONS(Dockmaster::LocalDisk)
};

QString nearestExisting(const QString &folder)
{
    QFileInfo info(QDir::cleanPath(QDir(folder).absolutePath()));
    while (!info.exists() && !info.isRoot()) {
        const QString parent = info.absolutePath();
        if (parent == info.absoluteFilePath())
            break;
        info = QFileInfo(parent);
    }
    return info.absoluteFilePath();
}

} // namespace

Problem problemAt(const QString &folder)
{
    const QByteArray path = QFile::encodeName(nearestExisting(folder));
    struct statvfs fs {};
    if (statvfs(path.constData(), &fs) == 0) {
        if (fs.f_flag & ST_RDONLY)
            return Problem::ReadOnly;
        // f_blocks is 0 on virtual file systems such as /proc: no space to speak of.
        if (fs.f_blocks > 0 && fs.f_bavail == 0)
            return Problem::Full;
    }
    if (access(path.constData(), W_OK) != 0)
        return Problem::ReadOnly;
    return Problem::None;
}

QString withDiskProblem(const QString &message, const QString &folder)
{
    const QString shown = QDir::toNativeSeparators(folder);
    switch (problemAt(folder)) {
    case Problem::None:
        break;
    case Problem::Full:
        return Words::tr("The disk holding %1 on this computer is full: free some space, then try again. %2")
            .arg(shown, message);
    case Problem::ReadOnly:
        return Words::tr("%1 on this computer is read-only. %2").arg(shown, message);
    }
    return message;
}

} // namespace Dockmaster::LocalDisk
