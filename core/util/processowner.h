#pragma once

#include <QByteArray>
#include <QString>

// Folders that helper processes live in (a sandbox, a private podman) are
// marked with the identity of the process that owns them: its PID and the
// kernel's start time for that PID, so a PID reused by an unrelated process is
// not mistaken for the owner. A later run finds the folders of owners that
// died without cleaning up (a crash, SIGKILL) and sweeps what they left.
//
// A PID only means something in the PID namespace it was read in: marks carry
// that namespace, and a process in another one (a container, a test under
// tests/run-isolated.sh) cannot tell whether the owner lives, so it never
// calls the folder orphaned.
namespace Dockmaster::ProcessOwner {

// "pid starttime" of a running process, or empty when it does not exist.
QByteArray identity(qint64 pid);
// The identity still names the same living process (a zombie counts as gone).
// An owner recorded in another PID namespace is never alive here: its PID
// names nothing this process may signal.
bool isAlive(const QByteArray &identity);
// The identity as written into a mark: "pid starttime pidnamespace".
QByteArray ownerRecord(qint64 pid);

// Writes this process's owner record into dir/fileName (creating dir).
bool mark(const QString &dir, const QString &fileName);
// The identity recorded in dir/fileName; empty when there is none.
QByteArray markedOwner(const QString &dir, const QString &fileName);
// dir is marked by an owner of this PID namespace who is gone.
bool isOrphaned(const QString &dir, const QString &fileName);

// For QProcess::setChildProcessModifier: the child is killed when the thread
// that started it ends, whether it returns, crashes or is killed (Linux
// PR_SET_PDEATHSIG). Only for children started by a thread that lives as long
// as they should (the UI thread, a test's main thread), never by a pool thread.
void endWithStarter();

} // namespace Dockmaster::ProcessOwner
