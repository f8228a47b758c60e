#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QProcess>
#include <QStringList>

class QThreadPool;

namespace Dockmaster {

// The sandbox's key/value store: a private valkey-server on 127.0.0.1 with a
// free port and a random admin password, no persistence, and for each demo
// app its own ACL user (as provisioning makes them) and some keys of every
// type, so the Platform services tab has something real to show. The server
// ends with the process that started it, even on a crash.
class SandboxKeyValue final : public QObject
{
    Q_OBJECT
public:
    // workers: where the blocking start-up and seeding run (outlives this).
    SandboxKeyValue(QString stateDir, QThreadPool *workers, QObject *parent = nullptr);
    ~SandboxKeyValue() override;

    static bool isInstalled();
    // ready() or failed() follows.
    void start(const QStringList &appIds);

    QString address() const; // "127.0.0.1:<port>"

    // The commands that write the demo keys of the `rank`-th demo app: the
    // first has enough keys to page and a big cached catalogue, the others a
    // few of each type.
    static QList<QList<QByteArray>> demoKeys(const QString &appId, int rank);
    QString adminPassword() const { return m_adminPassword; }

Q_SIGNALS:
    void ready();
    void failed(const QString &message);

private:
    QString m_dir;
    QThreadPool *m_workers;
    QString m_adminPassword;
    quint16 m_port = 0;
    QProcess m_process;
    QFutureWatcher<QString> m_seeding;
};

} // namespace Dockmaster
