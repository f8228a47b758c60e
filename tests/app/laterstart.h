#pragma once

#include "app/singleinstance.h"

#include <QFutureWatcher>
#include <QSignalSpy>
#include <QtConcurrent>

namespace Dockmaster::Test {

// A later start of `profile` handing `arguments` to the running instance, as
// another process would. Run off the thread whose event loop serves the
// first instance, as the hand-over blocks. True when the first one took them.
inline bool startLater(const QString &profile, const QStringList &arguments)
{
    QFuture<bool> future
        = QtConcurrent::run([profile, arguments] { return SingleInstance(profile).forwardToRunning(arguments); });
    QFutureWatcher<bool> watcher;
    QSignalSpy done(&watcher, &QFutureWatcher<bool>::finished);
    watcher.setFuture(future);
    if (!future.isFinished() && !done.wait(30000))
        return false;
    return future.result();
}

} // namespace Dockmaster::Test
