#include "sandbox/platform/sandboxkeyvalue.h"

#include "core/platform/appkeyspace.h"
#include "core/platform/valkeyconnection.h"
#include "core/util/processowner.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTcpServer>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

namespace Dockmaster {
namespace {

QString randomSecret()
{
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace

// What a shop plugin keeps: sessions that expire, carts, a mail queue,
// feature flags, a leaderboard, a big cached catalogue.
QList<QList<QByteArray>> SandboxKeyValue::demoKeys(const QString &appId, int rank)
{
    const QByteArray prefix = AppKeyspace::keyPrefix(appId);
    QRandomGenerator random(quint32(qHash(appId)));
    QList<QList<QByteArray>> writes;
    const int sessions = rank == 0 ? 2400 : rank == 1 ? 120 : 12;
    for (int i = 0; i < sessions; ++i) {
        const QByteArray id = QByteArray::number(random.generate64(), 16);
        writes.append({ "SET", prefix + "session:" + id,
                        R"({"user":"u)" + QByteArray::number(random.bounded(90000) + 10000) + R"(","cart":)"
                            + QByteArray::number(i % 40) + "}",
                        "EX", QByteArray::number(random.bounded(1800, 7200)) });
    }
    for (int cart = 0; cart < (rank == 0 ? 40 : 3); ++cart) {
        QList<QByteArray> hash { "HSET", prefix + "cart:" + QByteArray::number(cart) };
        for (int item = 0; item < 3 + cart % 5; ++item)
            hash << "sku-" + QByteArray::number(1000 + item * 7 + cart) << QByteArray::number(1 + item % 3);
        writes.append(hash);
    }
    QList<QByteArray> queue { "RPUSH", prefix + "queue:emails" };
    for (int job = 0; job < (rank == 0 ? 300 : 5); ++job)
        queue << R"({"to":"customer)" + QByteArray::number(job) + R"(@example.com","template":"order-shipped"})";
    writes.append(queue);
    writes.append({ "SADD", prefix + "feature-flags", "new-checkout", "dark-mode", "gift-cards" });
    QList<QByteArray> board { "ZADD", prefix + "leaderboard:weekly" };
    for (int player = 0; player < (rank == 0 ? 200 : 10); ++player)
        board << QByteArray::number(random.bounded(10000)) << "player-" + QByteArray::number(player);
    writes.append(board);
    writes.append({ "SET", prefix + "config", R"({"currency":"EUR","tax_rate":0.19,"maintenance":false})" });
    if (rank == 0) {
        QByteArray catalogue = "[";
        for (int product = 0; catalogue.size() < 900 * 1024; ++product)
            catalogue += R"({"sku":"sku-)" + QByteArray::number(product) + R"(","name":"Product )"
                + QByteArray::number(product) + R"(","price":)" + QByteArray::number(random.bounded(100, 99900)) + "},";
        catalogue.back() = ']';
        writes.append({ "SET", prefix + "cache:catalogue", catalogue, "EX", "86400" });
    }
    return writes;
}

SandboxKeyValue::SandboxKeyValue(QString stateDir, QThreadPool *workers, QObject *parent)
    : QObject(parent)
    , m_dir(std::move(stateDir))
    , m_workers(workers)
    , m_adminPassword(randomSecret())
{
    connect(&m_seeding, &QFutureWatcher<QString>::finished, this, [this] {
        const QString error = m_seeding.result();
        if (error.isEmpty())
            Q_EMIT ready();
        else
            Q_EMIT failed(error);
    });
}

SandboxKeyValue::~SandboxKeyValue()
{
    m_seeding.waitForFinished();
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool SandboxKeyValue::isInstalled()
{
    return !QStandardPaths::findExecutable(QStringLiteral("valkey-server")).isEmpty();
}

QString SandboxKeyValue::address() const
{
    return QStringLiteral("127.0.0.1:%1").arg(m_port);
}

void SandboxKeyValue::start(const QStringList &appIds)
{
    QDir().mkpath(m_dir);
    {
        QTcpServer probe; // a port the kernel hands out, released just before use
        if (probe.listen(QHostAddress::LocalHost))
            m_port = probe.serverPort();
    }
    if (m_port == 0) {
        Q_EMIT failed(tr("The sandbox's key/value store found no free local port."));
        return;
    }
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setWorkingDirectory(m_dir);
    m_process.setChildProcessModifier(&ProcessOwner::endWithStarter);
    // The admin password on the command line, not in a file: a throw-away
    // sandbox on this computer, visible to its own user only in ps.
    m_process.start(QStringLiteral("valkey-server"),
                    { QStringLiteral("--port"), QString::number(m_port), QStringLiteral("--bind"),
                      QStringLiteral("127.0.0.1"), QStringLiteral("--save"), QString(), QStringLiteral("--appendonly"),
                      QStringLiteral("no"), QStringLiteral("--dir"), m_dir, QStringLiteral("--requirepass"),
                      m_adminPassword });
    ValkeyEndpoint admin;
    admin.port = m_port;
    admin.password = m_adminPassword;
    m_seeding.setFuture(QtConcurrent::run(m_workers, [admin, appIds]() -> QString {
        std::unique_ptr<ValkeyConnection> connection;
        const QDeadlineTimer deadline(30000);
        while (!deadline.hasExpired()) {
            connection = std::make_unique<ValkeyConnection>(admin);
            if (connection->isOpen() && connection->command({ "PING" }).text == "PONG")
                break;
            connection.reset();
            QThread::msleep(50);
        }
        if (!connection)
            return tr("The sandbox's key/value store (valkey-server) did not start.");
        AppKeyspaceAdmin users(*connection);
        for (qsizetype rank = 0; rank < appIds.size(); ++rank) {
            const QString &appId = appIds.at(rank);
            if (const QString problem
                = users.ensureUser(appId, randomSecret(), AppKeyValueAdmin::OtherPasswords::Remove);
                !problem.isEmpty())
                return problem;
            for (const ValkeyReply &reply : connection->pipeline(demoKeys(appId, int(rank))))
                if (reply.isError())
                    return tr("The sandbox's demo keys could not be written: %1").arg(QString::fromUtf8(reply.text));
        }
        return {};
    }));
}

} // namespace Dockmaster
