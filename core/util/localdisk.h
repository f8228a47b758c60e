#pragma once

#include <QCoreApplication>
#include <QString>

// What is wrong with the disk under a folder this machine writes to (a
// cache, a git workspace, a temporary folder), in words an admin can act
// on. A failed write says "No space left on device" in as many ways as
// there are libraries; the file system itself says it once.
namespace Dockmaster::LocalDisk {

enum class Problem { None, Full, ReadOnly };

// The file system holding `folder` (or, when it does not exist yet, its
// nearest existing parent).
Problem problemAt(const QString &folder);

// `message` led by the disk's problem, when it has one: a failure on a
// full disk names the disk first, not only in the library's last words.
QString withDiskProblem(const QString &message, const QString &folder);

} // namespace Dockmaster::LocalDisk
