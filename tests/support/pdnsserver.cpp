#include "tests/support/pdnsserver.h"

#include "sandbox/platform/powerdnsserver.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QTimer>

namespace Dockmaster::Test {
namespace {

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
    return m_server ? m_server->apiUrl() : QUrl();
}

QString PdnsServer::apiKey() const
{
    return m_server ? m_server->apiKey() : QString();
}

quint16 PdnsServer::dnsPort() const
{
    return m_server ? m_server->dnsPort() : 0;
}

qint64 PdnsServer::pid() const
{
    return m_server ? m_server->pid() : 0;
}

QString PdnsServer::start()
{
    if (!m_dir.isValid())
        return QStringLiteral("no temporary directory");
    QString lastError;
    // Ports can be taken between the probe and pdns binding them; try again.
    for (int attempt = 0; attempt < 3; ++attempt) {
        m_server = std::make_unique<PowerDnsServer>(m_dir.path());
        QEventLoop loop;
        bool ready = false;
        QObject::connect(m_server.get(), &PowerDnsServer::ready, &loop, [&] {
            ready = true;
            loop.quit();
        });
        QObject::connect(m_server.get(), &PowerDnsServer::failed, &loop, [&](const QString &message) {
            lastError = message + QLatin1Char(' ') + output();
            loop.quit();
        });
        QTimer::singleShot(15000, &loop, &QEventLoop::quit);
        m_server->start({});
        loop.exec();
        if (ready)
            return {};
        stop();
    }
    return lastError;
}

void PdnsServer::stop()
{
    m_server.reset();
}

QString PdnsServer::output() const
{
    QFile log(QDir(m_dir.path()).filePath(QStringLiteral("pdns.log")));
    return log.open(QIODevice::ReadOnly) ? QString::fromUtf8(log.readAll()) : QString();
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
                  { QStringLiteral("@127.0.0.1"), QStringLiteral("-p"), QString::number(dnsPort()), name,
                    QStringLiteral("A"), QStringLiteral("+short"), QStringLiteral("+time=2"),
                    QStringLiteral("+tries=2") });
    process.waitForFinished(10000);
    QStringList lines = QString::fromUtf8(process.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    lines.sort();
    return lines;
}

} // namespace Dockmaster::Test
