#include "app/singleinstance.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QLocalServer>
#include <QLocalSocket>
#include <QStandardPaths>
#include <QWidget>

namespace Dockmaster {
namespace {

// Generous: the first instance may be busy painting a large cache.
constexpr int HandOverTimeoutMs = 5000;

QString serverNameFor(const QString &profile)
{
    // Hashed: profile names are the user's free text, socket names are paths.
    const QByteArray hash = QCryptographicHash::hash(profile.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    const QString name = QStringLiteral("dockmaster-%1.socket").arg(QString::fromLatin1(hash));
    const QString runtime = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    return runtime.isEmpty() ? name : runtime + QLatin1Char('/') + name;
}

} // namespace

SingleInstance::SingleInstance(const QString &profile, QObject *parent)
    : QObject(parent)
    , m_serverName(serverNameFor(profile))
{
}

SingleInstance::~SingleInstance() = default;

bool SingleInstance::forwardToRunning(const QStringList &arguments) const
{
    // Blocking on purpose: this runs before any window exists, and the
    // answer decides whether this process starts at all.
    QLocalSocket socket;
    socket.connectToServer(m_serverName);
    if (!socket.waitForConnected(HandOverTimeoutMs))
        return false;
    QByteArray message;
    QDataStream stream(&message, QIODevice::WriteOnly);
    stream << arguments;
    socket.write(message);
    if (!socket.waitForBytesWritten(HandOverTimeoutMs))
        return false;
    // The first instance answers once it has the arguments.
    return socket.waitForReadyRead(HandOverTimeoutMs) && socket.readAll() == "ok";
}

bool SingleInstance::listen()
{
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_serverName)) {
        // A crashed instance leaves its socket file behind; nobody answered
        // on it (forwardToRunning came first), so it is stale.
        QLocalServer::removeServer(m_serverName);
        if (!m_server->listen(m_serverName))
            return false;
    }
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::readConnection);
    return true;
}

void SingleInstance::raiseOnActivation(QWidget *window)
{
    connect(this, &SingleInstance::activated, window, [window] {
        window->setWindowState((window->windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
        window->show();
        window->raise();
        window->activateWindow();
    });
}

void SingleInstance::readConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            QDataStream stream(socket);
            stream.startTransaction();
            QStringList arguments;
            stream >> arguments;
            if (!stream.commitTransaction())
                return; // a partial message: the rest follows
            socket->write("ok");
            Q_EMIT activated(arguments);
        });
    }
}

} // namespace Dockmaster
