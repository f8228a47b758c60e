#include "pdnsserver.h"

#include "sandbox/powerdnsserver.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>
#include <QTimer>

#include <csignal>
#include <sys/prctl.h>

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
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_apiPort);
    return url;
}

QString PdnsServer::writeConfig()
{
    return PowerDnsServer::writeConfig(m_dir.path(), m_dnsPort, m_apiPort, apiKey());
}

QString PdnsServer::start()
{
    if (!m_dir.isValid())
        return QStringLiteral("no temporary directory");
    QString lastError;
    // Ports can be taken between our probe and pdns binding them; try again.
    for (int attempt = 0; attempt < 3; ++attempt) {
        m_dnsPort = PowerDnsServer::freePort(true);
        m_apiPort = PowerDnsServer::freePort(false);
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
