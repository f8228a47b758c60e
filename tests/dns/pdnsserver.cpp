#include "pdnsserver.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QThread>
#include <QTimer>
#include <QUdpSocket>
#include <QUuid>

#include <csignal>
#include <sys/prctl.h>

namespace Dockmaster::Test {
namespace {

// A port free for both UDP and TCP right now (DNS listens on both).
quint16 freePort(bool needsUdp)
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

int httpStatus(QNetworkAccessManager &network, QNetworkRequest request, const QByteArray &verb, const QByteArray &body,
               QByteArray *answer = nullptr)
{
    request.setTransferTimeout(5000);
    QNetworkReply *reply = network.sendCustomRequest(request, verb, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    if (answer)
        *answer = reply->readAll();
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

} // namespace

PdnsServer::PdnsServer() = default;

PdnsServer::~PdnsServer()
{
    stop();
}

QUrl PdnsServer::apiUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_apiPort);
    return url;
}

QString PdnsServer::writeConfig()
{
    const QString schemaPath = QStringLiteral("/usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql");
    QFile schema(schemaPath);
    if (!schema.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read %1").arg(schemaPath);
    const QString dbPath = m_dir.filePath(QStringLiteral("pdns.sqlite3"));
    const QString connection = QUuid::createUuid().toString();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(dbPath);
        if (!db.open())
            return db.lastError().text();
        QSqlQuery query(db);
        const QStringList statements = QString::fromUtf8(schema.readAll()).split(QLatin1Char(';'));
        for (const QString &statement : statements) {
            if (!statement.trimmed().isEmpty() && !query.exec(statement))
                return query.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);

    QFile config(m_dir.filePath(QStringLiteral("pdns.conf")));
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
                             .arg(m_dnsPort)
                             .arg(apiKey())
                             .arg(m_apiPort)
                             .arg(m_dir.path());
    config.write(text.toUtf8());
    return {};
}

QString PdnsServer::start()
{
    if (!m_dir.isValid())
        return QStringLiteral("no temporary directory");
    QString lastError;
    // Ports can be taken between our probe and pdns binding them; try again.
    for (int attempt = 0; attempt < 3; ++attempt) {
        m_dnsPort = freePort(true);
        m_apiPort = freePort(false);
        if (m_dnsPort == 0 || m_apiPort == 0 || m_dnsPort == m_apiPort)
            continue;
        if (QString problem = writeConfig(); !problem.isEmpty())
            return problem;
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        // Even if the test process crashes before its destructors run, the
        // kernel takes pdns_server down with it.
        m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        m_process->start(QStringLiteral("pdns_server"), { QStringLiteral("--config-dir=") + m_dir.path() });
        if (!m_process->waitForStarted(5000)) {
            lastError = m_process->errorString();
            m_process.reset();
            continue;
        }
        if (waitForApi(10000))
            return {};
        lastError = QStringLiteral("the API did not come up: ") + output();
        stop();
    }
    return lastError;
}

bool PdnsServer::waitForApi(int timeoutMs)
{
    QNetworkAccessManager network;
    QElapsedTimer timer;
    timer.start();
    QUrl url = apiUrl();
    url.setPath(QStringLiteral("/api/v1/servers/localhost"));
    while (timer.elapsed() < timeoutMs) {
        if (m_process->state() != QProcess::Running)
            return false;
        QNetworkRequest request(url);
        request.setRawHeader("X-API-Key", apiKey().toUtf8());
        if (httpStatus(network, request, "GET", {}) == 200)
            return true;
        QThread::msleep(30);
    }
    return false;
}

void PdnsServer::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        ::kill(pid_t(m_process->processId()), SIGTERM);
        if (!m_process->waitForFinished(3000)) {
            ::kill(pid_t(m_process->processId()), SIGKILL);
            m_process->waitForFinished(3000);
        }
    }
    m_process.reset();
}

QString PdnsServer::output() const
{
    return m_process ? QString::fromUtf8(m_process->readAll()) : QString();
}

QString PdnsServer::createZone(const QString &zone)
{
    QNetworkAccessManager network;
    QUrl url = apiUrl();
    url.setPath(QStringLiteral("/api/v1/servers/localhost/zones"));
    QNetworkRequest request(url);
    request.setRawHeader("X-API-Key", apiKey().toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const QJsonObject body { { QStringLiteral("name"), QString(zone + QLatin1Char('.')) },
                             { QStringLiteral("kind"), QStringLiteral("Native") },
                             { QStringLiteral("nameservers"),
                               QJsonArray { QString(QStringLiteral("ns1.") + zone + QLatin1Char('.')) } } };
    QByteArray answer;
    const int status = httpStatus(network, request, "POST", QJsonDocument(body).toJson(), &answer);
    if (status != 201)
        return QStringLiteral("zone creation answered %1: %2").arg(status).arg(QString::fromUtf8(answer));
    return {};
}

int PdnsServer::patchZone(const QString &zone, const QByteArray &json)
{
    QNetworkAccessManager network;
    QUrl url = apiUrl();
    url.setPath(QStringLiteral("/api/v1/servers/localhost/zones/") + zone + QLatin1Char('.'));
    QNetworkRequest request(url);
    request.setRawHeader("X-API-Key", apiKey().toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    return httpStatus(network, request, "PATCH", json);
}

QStringList PdnsServer::dig(const QString &name) const
{
    QProcess process;
    process.start(QStringLiteral("dig"),
                  { QStringLiteral("@127.0.0.1"), QStringLiteral("-p"), QString::number(m_dnsPort), name,
                    QStringLiteral("A"), QStringLiteral("+short"), QStringLiteral("+time=2"),
                    QStringLiteral("+tries=2") });
    process.waitForFinished(10000);
    QStringList lines = QString::fromUtf8(process.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    lines.sort();
    return lines;
}

} // namespace Dockmaster::Test
