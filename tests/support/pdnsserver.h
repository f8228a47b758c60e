#pragma once

#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace Dockmaster {
class PowerDnsServer;
}

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

    // Empty on success, otherwise why it did not start. Blocks until the API
    // answers (tests only; the app uses PowerDnsServer's signals).
    QString start();
    void stop();

    QUrl apiUrl() const;
    QString apiKey() const;
    quint16 dnsPort() const;
    qint64 pid() const;

    QString createZone(const QString &zone); // empty on success
    // Sends a raw rrsets PATCH, bypassing Dockmaster; returns the HTTP status.
    int patchZone(const QString &zone, const QByteArray &json);
    // Sorted answers of `dig @127.0.0.1 -p <port> name A +short`.
    QStringList dig(const QString &name) const;
    QString output() const;

private:
    QTemporaryDir m_dir;
    std::unique_ptr<PowerDnsServer> m_server;
};

} // namespace Dockmaster::Test
