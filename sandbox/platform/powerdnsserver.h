#pragma once

#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;
class QProcess;
class QTimer;

namespace Dockmaster {

// A private PowerDNS Authoritative server (sqlite3 backend, HTTP API) on
// 127.0.0.1 with free ports, for the sandbox: the create-app wizard sets its
// apps' DNS records here and `dig` can ask it. Starts without blocking:
// ready() or failed() follows start(). Stopped by PID when this object goes.
class PowerDnsServer final : public QObject
{
    Q_OBJECT
public:
    explicit PowerDnsServer(QString stateDir, QObject *parent = nullptr);
    ~PowerDnsServer() override;

    static bool isInstalled();

    // Starts the server and creates `zones` (e.g. "test.plugins.sandbox").
    void start(const QStringList &zones);
    void stop();

    QUrl apiUrl() const;
    QString apiKey() const { return m_apiKey; }
    quint16 dnsPort() const { return m_dnsPort; }
    qint64 pid() const; // 0 when not running

Q_SIGNALS:
    void ready();
    void failed(const QString &message);

private:
    // Writes the sqlite schema and pdns.conf into dir; empty on success.
    static QString writeConfig(const QString &dir, quint16 dnsPort, quint16 apiPort, const QString &apiKey);
    // A port free for TCP (and UDP when asked) right now.
    static quint16 freePort(bool needsUdp);
    void poll();
    void createZones();

    QString m_dir;
    QString m_apiKey;
    QStringList m_zones;
    quint16 m_dnsPort = 0;
    quint16 m_apiPort = 0;
    std::unique_ptr<QProcess> m_process;
    QNetworkAccessManager *m_network;
    QTimer *m_poll;
    int m_attempts = 0;
};

} // namespace Dockmaster
