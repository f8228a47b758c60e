#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace Dockmaster::Test {

// A real pdns_server (gsqlite3 backend, HTTP API) on 127.0.0.1 with free
// ports, in a temporary directory. Stopped by its PID when this object dies,
// so a failing test never leaves it behind.
class PdnsServer final
{
public:
    PdnsServer();
    ~PdnsServer();
    PdnsServer(const PdnsServer &) = delete;
    PdnsServer &operator=(const PdnsServer &) = delete;

    // Empty on success, otherwise why it did not start.
    QString start();
    void stop();

    QUrl apiUrl() const;
    QString apiKey() const { return QStringLiteral("dockmaster-test-key"); }
    quint16 dnsPort() const { return m_dnsPort; }
    qint64 pid() const { return m_process ? m_process->processId() : 0; }

    QString createZone(const QString &zone); // empty on success
    // Sends a raw rrsets PATCH, bypassing Dockmaster; returns the HTTP status.
    int patchZone(const QString &zone, const QByteArray &json);
    // Sorted answers of `dig @127.0.0.1 -p <port> name A +short`.
    QStringList dig(const QString &name) const;
    QString output() const;

private:
    QString writeConfig();
    bool waitForApi(int timeoutMs);

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_dnsPort = 0;
    quint16 m_apiPort = 0;
};

} // namespace Dockmaster::Test
