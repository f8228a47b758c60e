#include "sandbox/platform/powerdnsserver.h"

#include "core/util/processowner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTimer>
#include <QUdpSocket>
#include <QUuid>

namespace Dockmaster {
namespace {

const QString SchemaPath = QStringLiteral("/usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql");
constexpr int PollIntervalMs = 50;
constexpr int MaxPolls = 200; // 10 s

} // namespace

PowerDnsServer::PowerDnsServer(QString stateDir, QObject *parent)
    : QObject(parent)
    , m_dir(std::move(stateDir))
    , m_apiKey(QUuid::createUuid().toString(QUuid::Id128))
    , m_network(new QNetworkAccessManager(this))
    , m_poll(new QTimer(this))
{
    m_poll->setInterval(PollIntervalMs);
    m_poll->setSingleShot(true);
    connect(m_poll, &QTimer::timeout, this, &PowerDnsServer::poll);
}

PowerDnsServer::~PowerDnsServer()
{
    stop();
}

bool PowerDnsServer::isInstalled()
{
    return !QStandardPaths::findExecutable(QStringLiteral("pdns_server")).isEmpty() && QFile::exists(SchemaPath);
}

quint16 PowerDnsServer::freePort(bool needsUdp)
{
    for (int attempt = 0; attempt < 50; ++attempt) {
        QTcpServer tcp;
        if (!tcp.listen(QHostAddress::LocalHost, 0))
            continue;
        const quint16 port = tcp.serverPort();
        if (!needsUdp)
            return port;
        QUdpSocket udp;
        if (udp.bind(QHostAddress::LocalHost, port))
            return port;
    }
    return 0;
}

QString PowerDnsServer::writeConfig(const QString &dir, quint16 dnsPort, quint16 apiPort, const QString &apiKey)
{
    QFile schema(SchemaPath);
    if (!schema.open(QIODevice::ReadOnly))
        return tr("Cannot read the PowerDNS schema %1.").arg(SchemaPath);
    const QString dbPath = QDir(dir).filePath(QStringLiteral("pdns.sqlite3"));
    QFile::remove(dbPath);
    const QString connection = QUuid::createUuid().toString();
    QString problem;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(dbPath);
        if (!db.open()) {
            problem = db.lastError().text();
        } else {
            QSqlQuery query(db);
            const QStringList statements = QString::fromUtf8(schema.readAll()).split(QLatin1Char(';'));
            for (const QString &statement : statements) {
                if (!statement.trimmed().isEmpty() && !query.exec(statement)) {
                    problem = query.lastError().text();
                    break;
                }
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    if (!problem.isEmpty())
        return problem;

    QFile config(QDir(dir).filePath(QStringLiteral("pdns.conf")));
    if (!config.open(QIODevice::WriteOnly))
        return config.errorString();
    const QString text = QStringLiteral("launch=gsqlite3\n"
                                        "gsqlite3-database=%1\n"
                                        "local-address=127.0.0.1:%2\n"
                                        "api=yes\n"
                                        "api-key=%3\n"
                                        "webserver=yes\n"
                                        "webserver-address=127.0.0.1\n"
                                        "webserver-port=%4\n"
                                        "webserver-allow-from=127.0.0.1\n"
                                        "socket-dir=%5\n"
                                        "guardian=no\n"
                                        "daemon=no\n"
                                        "write-pid=no\n"
                                        "disable-syslog=yes\n"
                                        "security-poll-suffix=\n"
                                        "loglevel=4\n")
                             .arg(dbPath)
                             .arg(dnsPort)
                             .arg(apiKey)
                             .arg(apiPort)
                             .arg(dir);
    config.write(text.toUtf8());
    return {};
}

qint64 PowerDnsServer::pid() const
{
    return m_process ? m_process->processId() : 0;
}

QUrl PowerDnsServer::apiUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_apiPort);
    return url;
}

void PowerDnsServer::start(const QStringList &zones)
{
    m_zones = zones;
    QDir().mkpath(m_dir);
    m_dnsPort = freePort(true);
    m_apiPort = freePort(false);
    if (m_dnsPort == 0 || m_apiPort == 0 || m_dnsPort == m_apiPort) {
        Q_EMIT failed(tr("No free local ports for PowerDNS."));
        return;
    }
    if (const QString problem = writeConfig(m_dir, m_dnsPort, m_apiPort, m_apiKey); !problem.isEmpty()) {
        Q_EMIT failed(problem);
        return;
    }
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardOutputFile(QDir(m_dir).filePath(QStringLiteral("pdns.log")));
    // If Dockmaster dies without cleaning up, the kernel takes pdns_server down too.
    m_process->setChildProcessModifier(&ProcessOwner::endWithStarter);
    m_process->start(QStringLiteral("pdns_server"), { QStringLiteral("--config-dir=") + m_dir });
    m_attempts = 0;
    m_poll->start();
}

void PowerDnsServer::poll()
{
    if (!m_process || m_process->state() == QProcess::NotRunning) {
        Q_EMIT failed(
            tr("pdns_server stopped at start-up; see %1.").arg(QDir(m_dir).filePath(QStringLiteral("pdns.log"))));
        return;
    }
    if (++m_attempts > MaxPolls) {
        Q_EMIT failed(tr("The PowerDNS API did not come up."));
        stop();
        return;
    }
    QUrl url = apiUrl();
    url.setPath(QStringLiteral("/api/v1/servers/localhost"));
    QNetworkRequest request(url);
    request.setRawHeader("X-API-Key", m_apiKey.toUtf8());
    request.setTransferTimeout(1000);
    QNetworkReply *reply = m_network->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200)
            createZones();
        else
            m_poll->start();
    });
}

void PowerDnsServer::createZones()
{
    if (m_zones.isEmpty()) {
        Q_EMIT ready();
        return;
    }
    const QString zone = m_zones.takeFirst();
    QUrl url = apiUrl();
    url.setPath(QStringLiteral("/api/v1/servers/localhost/zones"));
    QNetworkRequest request(url);
    request.setRawHeader("X-API-Key", m_apiKey.toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const QJsonObject body { { QStringLiteral("name"), QString(zone + QLatin1Char('.')) },
                             { QStringLiteral("kind"), QStringLiteral("Native") },
                             { QStringLiteral("nameservers"),
                               QJsonArray { QString(QStringLiteral("ns1.") + zone + QLatin1Char('.')) } } };
    QNetworkReply *reply = m_network->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [this, reply, zone] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status != 201) {
            Q_EMIT failed(tr("PowerDNS refused the zone %1 (HTTP %2).").arg(zone).arg(status));
            return;
        }
        createZones();
    });
}

void PowerDnsServer::stop()
{
    m_poll->stop();
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(3000)) {
            m_process->kill();
            m_process->waitForFinished(3000);
        }
    }
    m_process.reset();
}

} // namespace Dockmaster
