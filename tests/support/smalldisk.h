#pragma once

// A disk that fills up for real: a tmpfs mounted in the test's own mount
// namespace (run-isolated.sh runs tests as root in the build environment;
// without root the tests that need it skip). It vanishes with the test.

#include <QByteArray>
#include <QFile>
#include <QString>

#include <sched.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace Dockmaster::Test {

// Moves this process into a mount namespace of its own, so the mounts below
// are seen by nobody else. Call it before the test starts any thread: a
// thread started earlier stays in the old namespace.
inline bool enterOwnMountNamespace()
{
    return geteuid() == 0 && unshare(CLONE_NEWNS) == 0
        && mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0;
}

// Writes `filler` until the file system holding it has no byte left.
inline bool fillDisk(const QString &filler)
{
    QFile file(filler);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    const QByteArray chunk(16 * 1024, 'f');
    while (file.write(chunk) == chunk.size() && file.flush()) { }
    const QByteArray byte(1, 'f');
    while (file.write(byte) == 1 && file.flush()) { }
    return true;
}

// A tmpfs at a folder, which can be made full without writing its whole
// size: fill() shrinks it to what it holds, then fills the last pages.
class SmallDisk
{
public:
    SmallDisk() = default;
    SmallDisk(const SmallDisk &) = delete;
    SmallDisk &operator=(const SmallDisk &) = delete;
    ~SmallDisk() { unmount(); }

    bool mount(const QString &folder, qint64 bytes)
    {
        m_folder = folder;
        m_bytes = bytes;
        m_mounted
            = ::mount("tmpfs", QFile::encodeName(folder).constData(), "tmpfs", 0, sizeOption(bytes).constData()) == 0;
        return m_mounted;
    }

    bool isMounted() const { return m_mounted; }

    void unmount()
    {
        if (m_mounted)
            umount2(QFile::encodeName(m_folder).constData(), MNT_DETACH);
        m_mounted = false;
    }

    // No byte left for anyone writing below the folder.
    bool fill()
    {
        struct statvfs usage {};
        if (!m_mounted || statvfs(QFile::encodeName(m_folder).constData(), &usage) != 0)
            return false;
        const qint64 used = qint64(usage.f_blocks - usage.f_bfree) * qint64(usage.f_frsize);
        // A few pages more than it holds, so the remount never refuses.
        if (!remount(used + 64 * 1024))
            return false;
        return fillDisk(fillerPath());
    }

    // The space back, as the admin would make it.
    bool makeRoom()
    {
        QFile::remove(fillerPath());
        return remount(m_bytes);
    }

private:
    static QByteArray sizeOption(qint64 bytes) { return "size=" + QByteArray::number(bytes); }
    QString fillerPath() const { return m_folder + QStringLiteral("/.filler"); }

    bool remount(qint64 bytes)
    {
        return ::mount(nullptr, QFile::encodeName(m_folder).constData(), nullptr, MS_REMOUNT,
                       sizeOption(bytes).constData())
            == 0;
    }

    QString m_folder;
    qint64 m_bytes = 0;
    bool m_mounted = false;
};

} // namespace Dockmaster::Test
